"""Ingestion: cleaning, de-duplication, chunking by structure, and every file kind read into
chunks that keep their page and heading."""

import io
import pickle
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from knowledge.ingest import (
    IngestError,
    count_tokens,
    ingest_file,
    ingest_text,
    ingest_url,
    office,
    sniff_upload,
    validate_url,
)
from knowledge.ingest.chunking import MAX_TOKENS, OVERLAP_TOKENS, chunk_blocks
from knowledge.ingest.clean import drop_duplicates, normalise, paragraphs
from knowledge.ingest.drafts import Block
from knowledge.tests import samples
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
        "10분 충전으로 2시간 재생됩니다.\n무게: 5.2 g\n가격: 159,000원"
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


# --- files ------------------------------------------------------------------------------------

X1_PAGES = [
    [
        "# 소닉 X1 제품 설명서",
        "소닉 X1은 액티브 노이즈 캔슬링을 지원하는 무선 이어폰입니다. 한 번 충전으로 최대 30시간 재생할 수 있으며, "
        "10분 충전으로 2시간을 들을 수 있습니다. 케이스는 USB-C와 무선 충전을 모두 지원합니다.",
    ],
    [
        "# 보증 및 환불",
        "구매 후 1년 동안 무상 보증을 제공합니다. 제품 수령 후 14일 이내에는 단순 변심으로도 환불할 수 있습니다.",
        "보증 기간이 지난 뒤에는 유상 수리로 처리됩니다.",
    ],
    ["# Specifications", "Weight: 5.2 g per earbud. Bluetooth 5.3 with multipoint. Water resistance IPX4."],
]


@pytest.fixture(scope="module")
def x1_pdf():
    return samples.text_pdf(X1_PAGES, title="소닉 X1 설명서", header="Sonic Audio Co. 내부 자료", footer=True)


def test_pdf_chunks_keep_pages_and_headings_and_drop_running_lines(x1_pdf):
    assert sniff_upload(x1_pdf, filename="x1.pdf") == "pdf"
    doc = ingest_file(x1_pdf, filename="x1.pdf")
    assert (doc.title, doc.kind, doc.language, doc.warnings) == ("소닉 X1 설명서", "pdf", "ko", [])
    assert [(chunk.page, chunk.heading, chunk.language) for chunk in doc.chunks] == [
        (1, "소닉 X1 제품 설명서", "ko"),
        (2, "보증 및 환불", "ko"),
        (3, "Specifications", "en"),
    ]
    assert doc.chunks[1].text == (
        "구매 후 1년 동안 무상 보증을 제공합니다. 제품 수령 후 14일 이내에는 단순 변심으로도 환불할 수 있습니다. "
        "보증 기간이 지난 뒤에는 유상 수리로 처리됩니다."
    )
    everything = "\n".join(chunk.text for chunk in doc.chunks)
    # the running header and the "n / 3" footers are gone
    assert "내부 자료" not in everything and "/ 3" not in everything


def test_pdf_without_a_title_is_named_after_its_file():
    pdf = samples.text_pdf([["Returns are accepted within 30 days of delivery when the item is unused."]])
    doc = ingest_file(pdf, filename="uploads/Return Policy.pdf")
    assert doc.title == "Return Policy" and doc.chunks[0].page == 1 and doc.language == "en"


@pytest.mark.parametrize("password", ["", "secret"])
def test_encrypted_pdf_is_refused_at_the_request(x1_pdf, password):
    locked = samples.encrypted(x1_pdf, password)
    for call in (lambda: sniff_upload(locked, filename="x1.pdf"), lambda: ingest_file(locked, filename="x1.pdf")):
        with pytest.raises(IngestError) as caught:
            call()
        assert (caught.value.field, caught.value.code) == ("file", "encrypted")


def test_image_only_pdf_has_no_text():
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, format="PDF")
    assert sniff_upload(out.getvalue(), filename="scan.pdf") == "pdf"
    with pytest.raises(IngestError) as caught:
        ingest_file(out.getvalue(), filename="scan.pdf")
    assert (caught.value.field, caught.value.code) == ("file", "no_text")
    assert "scanned" in caught.value.message


def test_truncated_pdf_is_corrupt(x1_pdf):
    with pytest.raises(IngestError) as caught:
        ingest_file(x1_pdf[: len(x1_pdf) // 3], filename="x1.pdf")
    assert (caught.value.field, caught.value.code) == ("file", "corrupt")


def _brand_guide(document):
    document.core_properties.title = ""
    document.add_heading("스파클리오 브랜드 가이드", 0)
    document.add_heading("톤앤매너", 1)
    document.add_paragraph("스파클리오의 목소리는 친근하고 명확합니다. 과장된 표현은 쓰지 않습니다.")
    document.add_paragraph("짧은 문장", style="List Bullet")
    document.add_paragraph("존댓말 사용", style="List Bullet")
    document.add_heading("색상", 2)
    table = document.add_table(rows=3, cols=2)
    for row, (name, value) in enumerate([("이름", "HEX"), ("스파크 오렌지", "#FF6B00"), ("딥 네이비", "#0B1F3A")]):
        table.cell(row, 0).text, table.cell(row, 1).text = name, value
    document.add_heading("로고", 1)
    document.add_paragraph("로고 주변에는 로고 높이의 절반만큼 여백을 둡니다.")


def test_docx_headings_tables_and_lists():
    data = samples.docx(_brand_guide)
    assert sniff_upload(data, filename="guide.docx") == "docx"
    doc = ingest_file(data, filename="guide.docx")
    assert (doc.title, doc.kind, doc.language) == ("스파클리오 브랜드 가이드", "docx", "ko")
    assert [(chunk.heading, chunk.text) for chunk in doc.chunks] == [
        (
            "톤앤매너",
            "스파클리오의 목소리는 친근하고 명확합니다. 과장된 표현은 쓰지 않습니다.\n- 짧은 문장\n- 존댓말 사용",
        ),
        ("톤앤매너 > 색상", "이름: 스파크 오렌지; HEX: #FF6B00\n이름: 딥 네이비; HEX: #0B1F3A"),
        ("로고", "로고 주변에는 로고 높이의 절반만큼 여백을 둡니다."),
    ]
    assert all(chunk.page is None for chunk in doc.chunks)


def test_docx_title_property_wins_and_given_title_wins_over_all():
    def build(document):
        _brand_guide(document)
        document.core_properties.title = "Brand guide 2026"

    data = samples.docx(build)
    assert ingest_file(data, filename="g.docx").title == "Brand guide 2026"
    assert ingest_file(data, filename="g.docx", title="우리 가이드").title == "우리 가이드"


def test_docx_zip_bomb_is_refused(monkeypatch):
    data = samples.docx(_brand_guide)
    monkeypatch.setattr(office, "MAX_EXPANDED_BYTES", 10_000)
    with pytest.raises(IngestError) as caught:
        ingest_file(data, filename="guide.docx")
    assert (caught.value.field, caught.value.code) == ("file", "too_large")


def test_markdown_file():
    data = KOREAN_GUIDE.encode("utf-8")
    assert sniff_upload(data, filename="x1.md") == "markdown"
    doc = ingest_file(data, filename="x1.md")
    assert doc.kind == "markdown" and doc.title == "소닉 X1 사용 설명서"
    assert [chunk.heading for chunk in doc.chunks] == ["소닉 X1 사용 설명서 > 배터리", "소닉 X1 사용 설명서 > 연결"]


FAQ_HTML = """<!doctype html><html><head><meta charset="euc-kr"><title>소닉 X1 FAQ</title></head><body>
<nav><a href="/">홈</a> <a href="/shop">쇼핑</a> <a href="/faq">FAQ</a> <a href="/cart">장바구니</a></nav>
<main><h1>자주 묻는 질문</h1><h2>배송</h2>
<p>주문 후 평일 기준 2~3일 안에 도착합니다. 제주와 도서 산간 지역은 하루에서 이틀 더 걸릴 수 있습니다.</p>
<h2>교환</h2><p>제품 수령 후 14일 이내에 고객센터로 교환을 신청하면 무료로 교환해 드립니다.
포장을 뜯은 제품도 교환할 수 있습니다.</p><ul><li>영수증 필요</li><li>구성품 모두 포함</li></ul>
<h2>가격</h2><table><tr><th>모델</th><th>가격</th></tr><tr><td>소닉 X1</td><td>159,000원</td></tr></table></main>
<footer>(c) 2026 Sonic Audio. 사업자등록번호 123-45-67890 | 개인정보처리방침 | 이용약관</footer></body></html>"""


def test_html_boilerplate_is_stripped_and_structure_kept():
    data = FAQ_HTML.encode("euc-kr")  # declared in its meta tag
    assert sniff_upload(data, filename="faq.htm") == "html"
    assert sniff_upload(data, filename="faq") == "html"  # no extension: known by its content
    doc = ingest_file(data, filename="faq.html")
    assert (doc.title, doc.kind, doc.language) == ("소닉 X1 FAQ", "html", "ko")
    assert [(chunk.heading, chunk.text) for chunk in doc.chunks] == [
        (
            "자주 묻는 질문 > 배송",
            "주문 후 평일 기준 2~3일 안에 도착합니다. 제주와 도서 산간 지역은 하루에서 이틀 더 걸릴 수 있습니다.",
        ),
        (
            "자주 묻는 질문 > 교환",
            "제품 수령 후 14일 이내에 고객센터로 교환을 신청하면 무료로 교환해 드립니다. 포장을 뜯은 제품도 교환할 수 "
            "있습니다.\n- 영수증 필요\n- 구성품 모두 포함",
        ),
        ("자주 묻는 질문 > 가격", "모델: 소닉 X1; 가격: 159,000원"),
    ]
    everything = "\n".join(chunk.text for chunk in doc.chunks)
    assert "장바구니" not in everything and "사업자등록번호" not in everything


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp949"])
def test_text_files_in_every_common_encoding(encoding):
    data = "소닉 X1 안내\n\n이 제품은 서울에서 설계되었습니다. 노이즈 캔슬링 성능이 뛰어납니다.".encode(encoding)
    assert sniff_upload(data, filename="note.txt") == "txt"
    doc = ingest_file(data, filename="note.txt")
    assert doc.chunks[0].text == "소닉 X1 안내\n이 제품은 서울에서 설계되었습니다. 노이즈 캔슬링 성능이 뛰어납니다."
    assert (doc.title, doc.kind, doc.language) == ("note", "txt", "ko")


def test_latin1_text_is_detected_not_read_as_korean():
    data = "Café crème: the déjà-vu menu, served à la carte in our Zürich shop every day.".encode("latin-1")
    doc = ingest_file(data, filename="menu.txt")
    assert doc.chunks[0].text.startswith("Café crème")


def test_csv_rows_become_column_value_lines():
    data = "제품;가격;배터리\n소닉 X1;159000원;30시간\n소닉 X2;199000원;\n\n".encode("cp949")
    assert sniff_upload(data, filename="price.csv") == "csv"
    doc = ingest_file(data, filename="price.csv")
    assert doc.chunks[0].text == "제품: 소닉 X1; 가격: 159000원; 배터리: 30시간\n제품: 소닉 X2; 가격: 199000원"
    assert doc.kind == "csv" and doc.language == "ko"


def test_large_csv_is_chunked_by_rows():
    rows = "\n".join(f"SKU-{n},Sonic X{n},{100 + n} USD,{n % 40} hours" for n in range(2000))
    doc = ingest_file(f"sku,name,price,battery\n{rows}".encode(), filename="catalog.csv")
    assert len(doc.chunks) > 20
    for chunk in doc.chunks:
        assert chunk.tokens <= MAX_TOKENS
        assert all(line.startswith("sku: SKU-") and "battery: " in line for line in chunk.text.split("\n"))


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "notes.txt", "empty"),
        (b"   \n\n  ", "notes.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.pdf", "type_mismatch"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.png", "unsupported_type"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.txt", "not_text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "old.doc", "unsupported_type"),
        (b"just some words", "report.pdf", "type_mismatch"),
        (b"just some words", "report.docx", "type_mismatch"),
    ],
)
def test_uploads_refused_at_the_request(data, filename, code):
    with pytest.raises(IngestError) as caught:
        sniff_upload(data, filename=filename)
    assert (caught.value.field, caught.value.code) == ("file", code)
    assert caught.value.message


def test_a_password_protected_docx_is_refused_as_encrypted():
    # what Word writes: an OLE compound file whose directory names an EncryptedPackage stream
    directory = "EncryptedPackage".encode("utf-16-le") + bytes(30) + "EncryptionInfo".encode("utf-16-le")
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(4000)
    with pytest.raises(IngestError) as caught:
        sniff_upload(data, filename="contract.docx")
    assert (caught.value.field, caught.value.code) == ("file", "encrypted")


def test_docx_named_pdf_and_pdf_named_docx_are_refused(x1_pdf):
    with pytest.raises(IngestError, match="named .pdf but its content is a DOCX") as caught:
        sniff_upload(samples.docx(_brand_guide), filename="guide.pdf")
    assert caught.value.code == "type_mismatch"
    with pytest.raises(IngestError, match="named .docx but its content is a PDF"):
        sniff_upload(x1_pdf, filename="x1.docx")


def test_other_zip_files_are_not_accepted():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(IngestError) as caught:
        sniff_upload(out.getvalue(), filename="sheet.xlsx")
    assert caught.value.code == "unsupported_type" and "PDF, DOCX" in caught.value.message


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    huge = b"%PDF-1.7\n" + bytes(20 * 1024 * 1024)
    with pytest.raises(IngestError) as caught:
        sniff_upload(huge, filename="huge.pdf")
    assert (caught.value.field, caught.value.code) == ("file", "too_large")
    assert "20.0 MB" in caught.value.message


def test_the_limit_is_a_setting(settings):
    settings.KNOWLEDGE_MAX_FILE_BYTES = 1000
    with pytest.raises(IngestError) as caught:
        ingest_file(b"a" * 1001, filename="a.txt")
    assert caught.value.code == "too_large"
    assert ingest_file(b"word " * 200, filename="a.txt").chunks


# --- URLs -------------------------------------------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site(x1_pdf):
    _Site.routes = {
        "/faq": (200, "text/html; charset=euc-kr", FAQ_HTML.replace('<meta charset="euc-kr">', "").encode("euc-kr")),
        "/manual": (200, "application/pdf", x1_pdf),
        "/files/guide.docx": (200, "application/octet-stream", samples.docx(_brand_guide)),
        "/notes": (200, "text/plain", "반품 안내\n\n제품 수령 후 14일 이내에 반품할 수 있습니다.".encode()),
        "/locked": (200, "application/pdf", samples.encrypted(x1_pdf)),
        "/empty": (200, "text/html", b""),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        "/to-metadata": (302, "text/plain", b"http://169.254.169.254/latest/meta-data/"),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_allowed(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]


def test_url_html_page_in_the_charset_the_server_declared(site, loopback_allowed):
    doc = ingest_url(f"{site}/faq")
    assert (doc.kind, doc.title, doc.language) == ("url", "소닉 X1 FAQ", "ko")
    assert doc.chunks[0].heading == "자주 묻는 질문 > 배송"
    assert doc.chunks[0].text.startswith("주문 후 평일 기준 2~3일 안에 도착합니다.")


def test_url_pdf_keeps_its_pages(site, loopback_allowed):
    doc = ingest_url(f"{site}/manual")
    assert doc.kind == "url" and doc.title == "소닉 X1 설명서"
    assert [chunk.page for chunk in doc.chunks] == [1, 2, 3]


def test_url_of_unnamed_type_is_read_by_its_bytes_and_path(site, loopback_allowed):
    doc = ingest_url(f"{site}/files/guide.docx")
    assert doc.title == "스파클리오 브랜드 가이드" and doc.chunks[1].heading == "톤앤매너 > 색상"


def test_url_plain_text_is_titled_by_its_address(site, loopback_allowed):
    doc = ingest_url(f"{site}/notes")
    assert doc.title == "127.0.0.1 – notes"
    assert doc.chunks[0].text == "반품 안내\n제품 수령 후 14일 이내에 반품할 수 있습니다."


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/missing", "fetch_failed"),
        ("/locked", "encrypted"),
        ("/empty", "empty"),
        ("/image", "unsupported_type"),
        ("/to-metadata", "private_address"),
    ],
)
def test_url_problems_blame_the_url_field(site, loopback_allowed, path, code):
    with pytest.raises(IngestError) as caught:
        ingest_url(f"{site}{path}")
    assert (caught.value.field, caught.value.code) == ("url", code)


def test_url_to_a_private_address_is_refused_without_the_allow_list(site, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    for call in (validate_url, ingest_url):
        with pytest.raises(IngestError) as caught:
            call(f"{site}/faq")
        assert (caught.value.field, caught.value.code) == ("url", "private_address")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("", "empty"),
        ("ftp://example.com/a.pdf", "scheme"),
        ("http://10.0.0.1/wiki", "private_address"),
        ("https://user:pw@example.com/", "credentials"),
        ("https://example.com/" + "a" * 3000, "too_long"),
    ],
)
def test_validate_url_refusals(url, code, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    with pytest.raises(IngestError) as caught:
        validate_url(url)
    assert (caught.value.field, caught.value.code) == ("url", code)


def test_validate_url_passes_a_public_address():
    assert validate_url("  https://93.184.216.34/guide  ") == "https://93.184.216.34/guide"


def test_a_pdf_whose_pages_repeat_keeps_one_copy_not_none():
    page = [
        "# 공지",
        "이 문서는 매 페이지에 같은 안내문을 싣습니다. 배터리는 한 번 충전으로 최대 30시간 재생할 수 있으며 "
        "케이스로 세 번 더 충전할 수 있습니다.",
    ]
    doc = ingest_file(samples.text_pdf([page, page, page]), filename="notice.pdf")
    assert [chunk.page for chunk in doc.chunks] == [1]
    assert doc.chunks[0].text.startswith("이 문서는 매 페이지에") and doc.chunks[0].heading == "공지"
    assert "2 repeated passage(s) dropped" in doc.warnings


def test_a_short_html_page_is_still_read_and_a_script_only_page_has_no_text():
    short = "<html><head><title>짧은 공지</title></head><body><div>매장은 월요일에 쉽니다.</div></body></html>"
    doc = ingest_file(short.encode(), filename="notice.html")
    assert doc.title == "짧은 공지" and [chunk.text for chunk in doc.chunks] == ["매장은 월요일에 쉽니다."]
    with pytest.raises(IngestError) as caught:
        ingest_file(b"<html><body><script>var a = 1;</script></body></html>", filename="empty.html")
    assert (caught.value.field, caught.value.code) == ("file", "no_text")


def test_a_chunk_without_letters_has_an_undetermined_language():
    doc = ingest_text(title="숫자", text="2026-03-02 — 12,000 / 3.5")
    assert doc.chunks[0].language == "und" and doc.language == "und"


def test_a_key_value_table_reads_key_colon_value():
    text = "# Specs\n\n| Item | Value |\n|---|---|\n| Weight | 5.2 g |\n| Bluetooth | 5.3 |\n\n" \
        "| Model | Price |\n|---|---|\n| X1 | $129 |\n"  # fmt: skip
    doc = ingest_text(title="", text=text)
    assert doc.chunks[0].text == "Weight: 5.2 g\nBluetooth: 5.3\nModel: X1; Price: $129"
