"""Ingestion: cleaning, de-duplication, chunking by structure, and every file kind read into
chunks that keep their page and heading."""

import pickle

import pytest

from knowledge.ingest import IngestError, count_tokens, ingest_text
from knowledge.ingest.chunking import MAX_TOKENS, OVERLAP_TOKENS, chunk_blocks
from knowledge.ingest.clean import drop_duplicates, normalise, paragraphs
from knowledge.ingest.drafts import Block
from sparklio.language import language_code

KOREAN_GUIDE = """# 소닉 X1 사용 설명서

## 배터리

소닉 X1은 한 번 충전으로 최대 30시간 재생할 수 있습니다. 이어폰 단독으로는 8시간입니다.
10분 충전으로 2시간 재생됩니다.

| 항목 | 값 |
|---|---|
| 무게 | 5.2 g |
| 가격 | 159,000원 |

## 연결

- 블루투스 5.3
- 멀티포인트 **지원**
"""


# --- cleaning ---------------------------------------------------------------------------------


def test_normalise_composes_hangul_and_collapses_whitespace():
    decomposed = "\u1109\u1169\u1102\u1175\u11a8  X1\u00a0은\t\t좋습니다\u200b.\r\n\r\n\r\n\r\n다음 줄  "
    assert normalise(decomposed) == "소닉 X1 은 좋습니다.\n\n다음 줄"


def test_normalise_drops_control_characters_and_nul():
    assert normalise("a\x00b\x07c\ufeff d") == "abc d"


def test_paragraphs_unwrap_layout_lines_but_keep_list_items():
    page = "The battery lasts thirty hours with the case and\neight hours on its own.\n- USB-C\n- Qi charging"
    assert paragraphs(page, unwrap=True) == [
        "The battery lasts thirty hours with the case and eight hours on its own.",
        "- USB-C",
        "- Qi charging",
    ]


def test_exact_and_near_duplicates_are_dropped_and_the_first_kept():
    text = (
        "소닉 X1은 한 번 충전으로 최대 30시간 재생할 수 있으며 10분 충전으로 2시간 재생됩니다. "
        "케이스는 무선 충전을 지원하고, 이어폰은 IPX4 등급의 생활 방수를 갖추어 운동할 때도 쓸 수 있습니다."
    )
    near = text.replace("운동할 때도", "운동 중에도")  # a page footer reworded, the same passage
    blocks = [Block(text), Block("네."), Block(text.upper()), Block("네."), Block(near), Block("다른 이야기입니다.")]
    kept, exact, near_count = drop_duplicates(blocks)
    # a short answer said twice is two answers; a long passage said twice is one
    assert [block.text for block in kept] == [text, "네.", "네.", "다른 이야기입니다."]
    assert (exact, near_count) == (1, 1)


def test_a_different_fact_is_not_a_near_duplicate():
    first = "The Sonic X1 earbuds play for up to 30 hours with the charging case and 8 hours on a single charge."
    second = "The Sonic X2 earbuds play for up to 45 hours with the charging case and 12 hours on a single charge."
    kept, _, _ = drop_duplicates([Block(first), Block(second)])
    assert len(kept) == 2


def test_table_rows_repeated_exactly_are_dropped_even_when_short():
    kept, exact, _ = drop_duplicates([Block("a: 1", kind="row"), Block("a: 1", kind="row"), Block("a: 2", kind="row")])
    assert [block.text for block in kept] == ["a: 1", "a: 2"] and exact == 1


# --- chunking ---------------------------------------------------------------------------------


def test_token_estimate_for_korean_and_english():
    assert count_tokens("battery") == 2
    assert count_tokens("배터리는 30시간") == 2 + 1 + 1
    assert count_tokens("") == 0


def test_language_codes():
    assert language_code("배터리는 30시간 갑니다") == "ko"
    assert language_code("The battery lasts 30 hours") == "en"
    assert language_code("電池は30時間もちます") == "ja"
    assert language_code("电池续航三十小时") == "zh"
    assert language_code("12,000 — 3.5") == "und"


def test_markdown_text_keeps_heading_paths_and_tables_as_rows():
    doc = ingest_text(title="", text=KOREAN_GUIDE)
    assert doc.title == "소닉 X1 사용 설명서" and doc.kind == "text" and doc.language == "ko"
    battery, connection = doc.chunks
    assert battery.heading == "소닉 X1 사용 설명서 > 배터리"
    # the wrapped line of the paragraph is joined; the table becomes "column: value" rows
    assert battery.text == (
        "소닉 X1은 한 번 충전으로 최대 30시간 재생할 수 있습니다. 이어폰 단독으로는 8시간입니다. "
        "10분 충전으로 2시간 재생됩니다.\n항목: 무게; 값: 5.2 g\n항목: 가격; 값: 159,000원"
    )
    assert connection.heading == "소닉 X1 사용 설명서 > 연결"
    assert connection.text == "- 블루투스 5.3\n- 멀티포인트 지원"
    assert [chunk.index for chunk in doc.chunks] == [0, 1]
    assert all(chunk.page is None and chunk.language == "ko" for chunk in doc.chunks)


def test_plain_text_without_title_takes_its_first_line():
    doc = ingest_text(title="  ", text="Return policy\n\nItems can be returned within 30 days of delivery.")
    assert doc.title == "Return policy" and doc.language == "en"
    assert doc.chunks[0].text == "Return policy\nItems can be returned within 30 days of delivery."


def _long_section(sentences: int) -> str:
    return " ".join(
        f"Paragraph {n} says the X1 battery lasts {n} hours in test mode {n * 7}." for n in range(sentences)
    )


def test_long_sections_are_split_between_sentences_with_overlap():
    doc = ingest_text(title="Battery tests", text=f"# Tests\n\n{_long_section(200)}\n\n# Other\n\nShort section.")
    tests = [chunk for chunk in doc.chunks if chunk.heading == "Tests"]
    assert len(tests) >= 8
    for chunk in tests:
        assert 300 <= chunk.tokens <= MAX_TOKENS, chunk.tokens
        assert chunk.text.endswith(".") and chunk.text.startswith("Paragraph")
    for before, after in zip(tests, tests[1:], strict=False):
        first_sentence = after.text.split(". ")[0] + "."
        # the next chunk begins with the last sentences of the one before it
        assert first_sentence in before.text
        overlap = before.text[before.text.index(first_sentence) :]
        assert count_tokens(overlap) <= OVERLAP_TOKENS
    # every sentence is somewhere
    joined = " ".join(chunk.text for chunk in tests)
    assert all(f"Paragraph {n} says" in joined for n in range(200))
    # the short section after it is its own chunk, never glued to the long one
    assert doc.chunks[-1].heading == "Other" and doc.chunks[-1].text == "Short section."


def test_a_section_just_over_the_limit_splits_evenly():
    blocks = [Block(f"Sentence number {n} about the product warranty terms.", heading=("W",)) for n in range(35)]
    sizes = [chunk.tokens for chunk in chunk_blocks(blocks)]
    assert len(sizes) == 2 and min(sizes) > 0.6 * max(sizes), sizes


def test_chunks_never_cross_pages():
    blocks = [Block("첫 페이지의 문장입니다.", page=1), Block("두 번째 페이지입니다.", page=2)]
    chunks = chunk_blocks(blocks)
    assert [(chunk.page, chunk.text) for chunk in chunks] == [
        (1, "첫 페이지의 문장입니다."),
        (2, "두 번째 페이지입니다."),
    ]


def test_a_spaceless_run_longer_than_a_chunk_is_cut():
    chunks = chunk_blocks([Block("가" * 3000)])
    assert all(chunk.tokens <= MAX_TOKENS for chunk in chunks)
    assert "".join(chunk.text for chunk in chunks).count("가") >= 3000


def test_korean_long_document_chunks_read_whole():
    paragraph = (
        "소닉 X1은 노이즈 캔슬링을 켠 상태에서도 최대 8시간 동안 재생됩니다. "
        "충전 케이스로 세 번 더 충전할 수 있습니다. "
    )
    text = "# 배터리\n\n" + "\n\n".join(paragraph.replace("8시간", f"{n}시간") * 3 for n in range(40))
    doc = ingest_text(title="", text=text)
    assert len(doc.chunks) > 2
    for chunk in doc.chunks:
        assert chunk.language == "ko" and chunk.heading == "배터리"
        assert chunk.text.startswith("소닉 X1은") and chunk.text.endswith("있습니다."), chunk.text[-30:]


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(text):
    with pytest.raises(IngestError) as caught:
        ingest_text(title="x", text=text)
    assert caught.value.field == "text" and caught.value.code == "empty"


def test_text_made_only_of_invisible_characters_has_no_text():
    with pytest.raises(IngestError) as caught:
        ingest_text(title="x", text="\u200b\x00\ufeff")
    assert caught.value.field == "text" and caught.value.code == "no_text"


def test_too_long_title_and_text_are_refused(settings):
    with pytest.raises(IngestError) as caught:
        ingest_text(title="t" * 300, text="fine")
    assert caught.value.field == "title"
    settings.KNOWLEDGE_MAX_FILE_BYTES = 100
    with pytest.raises(IngestError) as caught:
        ingest_text(title="x", text="가" * 40)  # 120 bytes in UTF-8
    assert caught.value.field == "text" and caught.value.code == "too_large"


def test_ingest_error_survives_pickling():
    error = pickle.loads(pickle.dumps(IngestError("file", "the PDF is password-protected", code="encrypted")))
    assert (error.field, error.message, error.code) == ("file", "the PDF is password-protected", "encrypted")
