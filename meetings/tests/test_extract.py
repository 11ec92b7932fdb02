"""The file-to-text step, on real files made here: TXT in four encodings, DOCX written by
python-docx, text PDFs written by fpdf2 with the Noto CJK font the renderer ships, and every
kind of bad upload. No database."""

import io
import pickle
import random
import re
import time
import zipfile

import noto_cjk_sans_otc
import pytest
from docx import Document
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from meetings.extract import SNIFF_BYTES, Extracted, ExtractionError, extract_text, normalise, precheck, sniff

NOTES_KO = "2분기 캠페인 회의록\n\n참석자: 김민지, 박서준\n결정: 예산 3천만 원 확정"
NOTES_EN = "Q2 campaign meeting\n\nAttendees: Minji, Seojun\nDecision: budget approved"


def make_pdf(*pages: str) -> bytes:
    pdf = FPDF()
    # Index 1 of the collection is Noto Sans CJK KR, which embeds Hangul glyphs.
    pdf.add_font("noto", fname=str(noto_cjk_sans_otc.FONT_PATH), collection_font_number=1)
    pdf.set_font("noto", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def make_docx(*paragraphs: str, table: list[list[str]] | None = None, after: str | None = None) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    if after:
        document.add_paragraph(after)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


JACK = b"<w:p><w:r><w:t>All work and no play makes Jack a dull boy.</w:t></w:r></w:p>"


def docx_bomb(megabytes: float, paragraph: bytes = JACK) -> bytes:
    """A real DOCX whose document.xml is ``megabytes`` of short paragraphs: deflate packs it
    into a few hundred kilobytes; reading it takes minutes and many times its size in memory
    (empty paragraphs, ``<w:p/>``, cost the most memory per byte)."""
    base = make_docx("x")
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        head, tail = archive.read("word/document.xml").split(b"<w:body>")
    body = paragraph * int(megabytes * 1024 * 1024 // len(paragraph))
    return rewrite_zip(base, {"word/document.xml": head + b"<w:body>" + body + tail})


def rewrite_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def encrypt(pdf: bytes, *, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def pdf_two_pages() -> bytes:
    return make_pdf(f"{NOTES_KO}\n{NOTES_EN}", "다음 회의: 7월 3일\nNext meeting: July 3")


@pytest.fixture(scope="module")
def docx_notes() -> bytes:
    return make_docx(
        "주간 회의록",
        "Weekly sync",
        table=[["담당자", "할 일"], ["김민지", "배너 시안 Banner draft"]],
        after="끝. End of notes",
    )


def error_of(data: bytes, filename: str | None = None, **limits) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_text(data, filename, **limits)
    return caught.value


# --- TXT ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NOTES_KO.encode("utf-8"), "utf-8"),
        (NOTES_KO.encode("utf-8-sig"), "utf-8-sig"),
        (NOTES_KO.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + NOTES_KO.encode("utf-16-be"), "utf-16"),
        (NOTES_KO.encode("cp949"), "cp949"),
        (NOTES_KO.encode("euc-kr"), "cp949"),
    ],
)
def test_korean_text_is_read_in_every_supported_encoding(data, encoding):
    result = extract_text(data, "회의록.txt")

    assert result == Extracted(text=NOTES_KO, kind="txt", pages=None, encoding=encoding, warnings=[])


def test_text_is_normalised():
    raw = "제목:  \r\n\r\n\r\n\r\n첫 줄\t탭 \x07\r\n둘째 줄\u3000\r\r\r셋째 줄\n\n\n\n끝\n\n"

    result = extract_text(raw.encode("utf-8"), "notes.md")

    assert result.text == "제목:\n\n첫 줄\t탭\n둘째 줄\n\n셋째 줄\n\n끝"


def test_normalise_drops_control_characters_but_keeps_tabs_and_line_breaks():
    assert normalise("\x00회\x00의\x1b[0m\x7f\x85록\ufeff\t끝\f다음\u2028줄\ud800 ") == "회의[0m\n록\t끝\n다음\n줄"


def test_normalise_composes_decomposed_hangul():
    assert normalise("\u1112\u1161\u11ab\u1100\u1173\u11af") == "한글"


@pytest.mark.parametrize("filename", [None, "notes", "minutes.csv", "server.LOG", "회의록.hwp", "README.MD"])
def test_text_content_is_fine_with_a_text_or_unknown_extension(filename):
    assert extract_text(NOTES_EN.encode(), filename).kind == "txt"


# --- DOCX --------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_come_in_document_order(docx_notes):
    result = extract_text(docx_notes, "주간회의.docx")

    assert result == Extracted(
        text="주간 회의록\nWeekly sync\n담당자 | 할 일\n김민지 | 배너 시안 Banner draft\n끝. End of notes",
        kind="docx",
        pages=None,
        encoding=None,
        warnings=[],
    )


def test_docx_merged_cells_are_read_once():
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "일정 Schedule"
    table.cell(0, 2).text = "담당"
    table.cell(1, 0).text = "월"
    table.cell(1, 1).text = "화"
    table.cell(1, 2).merge(table.cell(0, 2))
    out = io.BytesIO()
    document.save(out)

    result = extract_text(out.getvalue(), "schedule.docx")

    assert result.text.splitlines() == ["일정 Schedule | 담당", "월 | 화"]


def test_docx_with_no_text_is_empty():
    assert error_of(make_docx("", "   "), "blank.docx").code == "empty"


def test_macro_enabled_word_file_is_refused_as_unsupported(docx_notes):
    with zipfile.ZipFile(io.BytesIO(docx_notes)) as archive:
        types = archive.read("[Content_Types].xml")
    macro_types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert macro_types != types

    error = error_of(rewrite_zip(docx_notes, {"[Content_Types].xml": macro_types}), "macro.docm")

    assert error.code == "unsupported_type"


@pytest.mark.parametrize(
    "broken",
    [b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>", b"\x00\xff"],
)
def test_docx_with_broken_document_xml_is_corrupt(docx_notes, broken):
    error = error_of(rewrite_zip(docx_notes, {"word/document.xml": broken}), "notes.docx")

    assert error.code == "corrupt"


def test_truncated_docx_is_corrupt(docx_notes):
    truncated = docx_notes[: len(docx_notes) * 2 // 3]

    assert sniff(truncated) == "docx"
    assert error_of(truncated, "notes.docx").code == "corrupt"


def test_docx_from_a_newer_zip_version_is_corrupt_not_a_crash(docx_notes):
    # zipfile raises NotImplementedError for an extract version above 6.3.
    central = docx_notes.index(b"PK\x01\x02")
    newer = docx_notes[: central + 6] + bytes([144]) + docx_notes[central + 7 :]

    assert error_of(newer, "notes.docx").code == "corrupt"


def test_docx_whose_document_xml_inflates_past_50_mb_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b" " * (51 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 1024 * 1024

    assert error_of(bomb, "bomb.docx").code == "too_large"


def test_docx_bomb_is_refused_by_its_unpacked_size_before_parsing():
    bomb = docx_bomb(49)
    assert len(bomb) < 300 * 1024

    started = time.perf_counter()
    error = error_of(bomb, "bomb.docx")

    assert error.code == "too_large"
    assert re.fullmatch(r"the file expands to 49\.\d MB, the limit is 20\.0 MB", error.message)
    assert time.perf_counter() - started < 5  # parsing it takes minutes


def test_docx_with_more_parts_than_the_limit_is_refused(docx_notes):
    parts = {f"word/media/{n}.xml": b"<x/>" for n in range(30)}
    crowded = _with_parts(docx_notes, parts)

    assert error_of(crowded, "notes.docx", max_parts=20).message.startswith("the file has ")
    assert extract_text(crowded, "notes.docx").kind == "docx"


def _with_parts(data: bytes, extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()


def test_docx_whose_directory_understates_its_sizes_is_refused_before_parsing():
    bomb = bytearray(docx_bomb(49))
    with zipfile.ZipFile(io.BytesIO(bytes(bomb))) as archive:
        local = archive.getinfo("word/document.xml").header_offset
    # Claim 1 KB for document.xml, in the central directory and in the local header.
    name = b"word/document.xml"
    central = bomb.index(b"PK\x01\x02")
    while bomb[central + 46 : central + 46 + len(name)] != name:
        central = bomb.index(b"PK\x01\x02", central + 4)
    bomb[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    bomb[local + 22 : local + 26] = (1024).to_bytes(4, "little")
    with zipfile.ZipFile(io.BytesIO(bytes(bomb))) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024

    started = time.perf_counter()
    error = error_of(bytes(bomb), "bomb.docx")

    assert error.code in {"corrupt", "too_large"}
    assert time.perf_counter() - started < 5


def test_docx_that_expands_past_a_lower_limit_while_inflating_is_refused(docx_notes):
    with zipfile.ZipFile(io.BytesIO(docx_notes)) as archive:
        total = sum(info.file_size for info in archive.infolist())

    error = error_of(docx_notes, "notes.docx", max_expanded_bytes=total - 1)

    assert error.code == "too_large" and "the limit is" in error.message
    assert extract_text(docx_notes, "notes.docx", max_expanded_bytes=total).kind == "docx"


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_with_more_streams_than_the_limit_is_refused(pdf_two_pages):
    streams = pdf_two_pages.count(b"endstream")
    assert streams > 2

    error = error_of(pdf_two_pages, "notes.pdf", max_pdf_streams=2)

    assert error.code == "too_large"
    assert error.message == f"the PDF has {streams} streams; the limit is 2"


def test_korean_pdf_pages_are_counted_and_joined_with_a_blank_line(pdf_two_pages):
    result = extract_text(pdf_two_pages, "회의록.pdf")

    # fpdf2's text comes back from pypdf with NULs between the characters; they are dropped.
    assert result == Extracted(
        text=(
            "2분기 캠페인 회의록\n참석자: 김민지, 박서준\n결정: 예산 3천만 원 확정\n"
            "Q2 campaign meeting\nAttendees: Minji, Seojun\nDecision: budget approved\n\n"
            "다음 회의: 7월 3일\nNext meeting: July 3"
        ),
        kind="pdf",
        pages=2,
        encoding=None,
        warnings=[],
    )


def test_pdf_page_without_text_is_named_in_a_warning():
    pdf = make_pdf("첫 페이지 First page", "", "셋째 페이지 Third page")

    result = extract_text(pdf, "notes.pdf")

    assert result.pages == 3
    assert result.text == "첫 페이지 First page\n\n셋째 페이지 Third page"
    assert result.warnings == ["page 2 has no extractable text (scanned?)"]


def test_image_only_pdf_has_no_text():
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, "PDF")

    error = error_of(out.getvalue(), "scan.pdf")

    assert error.code == "no_text"
    assert "scanned" in error.message


@pytest.mark.parametrize("user_password", ["", "열려라참깨"])
def test_encrypted_pdf_is_refused_even_when_the_empty_password_opens_it(pdf_two_pages, user_password):
    error = error_of(encrypt(pdf_two_pages, user_password=user_password), "secret.pdf")

    assert error.code == "encrypted"
    assert "password-protected" in error.message


@pytest.mark.parametrize("keep", [0.95, 0.6, 0.2])
def test_truncated_pdf_is_corrupt(pdf_two_pages, keep):
    assert error_of(pdf_two_pages[: int(len(pdf_two_pages) * keep)], "notes.pdf").code == "corrupt"


def test_pdf_over_the_page_limit_is_refused(pdf_two_pages):
    error = error_of(pdf_two_pages, "notes.pdf", max_pages=1)

    assert error.code == "too_many_pages"
    assert "2 pages" in error.message
    assert extract_text(pdf_two_pages, max_pages=2).pages == 2


def test_pdf_magic_after_leading_junk_is_still_a_pdf(pdf_two_pages):
    assert sniff(b"\x00" * 500 + pdf_two_pages) == "pdf"
    assert sniff(b"\x00" * 1100 + pdf_two_pages) is None


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b" \r\n\t \n", "\u3000\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_and_blank_files_are_empty(data):
    assert error_of(data, "notes.pdf").code == "empty"


def test_file_over_max_bytes_is_refused_before_parsing():
    error = error_of(b"%PDF-1.7 but not really a pdf", "big.pdf", max_bytes=10)

    assert error.code == "too_large"
    assert extract_text(b"0123456789", max_bytes=10).text == "0123456789"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (random.Random(7).randbytes(4096), "binary data"),
        (png(), "an image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "legacy Office"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)), "audio"),
    ],
)
def test_other_files_are_unsupported_and_the_message_says_what_is_accepted(data, what):
    error = error_of(data, "upload.bin")

    assert error.code == "unsupported_type"
    assert what in error.message
    assert "TXT, PDF and DOCX" in error.message


def test_office_zip_that_is_not_a_word_document_is_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData>매출</sheetData>".encode())

    assert sniff(out.getvalue()) is None
    assert error_of(out.getvalue(), "budget.xlsx").code == "unsupported_type"


@pytest.mark.parametrize(
    ("fixture", "filename", "message"),
    [
        ("docx_notes", "회의록.pdf", "the file is named .pdf but its content is a DOCX document"),
        ("pdf_two_pages", "notes.DOCX", "the file is named .docx but its content is a PDF document"),
        ("pdf_two_pages", "C:\\Users\\민지\\notes.txt", "the file is named .txt but its content is a PDF document"),
        ("docx_notes", "notes.md", "the file is named .md but its content is a DOCX document"),
    ],
)
def test_extension_that_disagrees_with_the_content_is_a_mismatch(request, fixture, filename, message):
    error = error_of(request.getfixturevalue(fixture), filename)

    assert error.code == "type_mismatch"
    assert error.message == message


def test_text_named_pdf_is_a_mismatch():
    assert error_of(NOTES_KO.encode(), "notes.pdf").message == "the file is named .pdf but its content is plain text"


def test_unknown_extension_takes_the_sniffed_kind(pdf_two_pages, docx_notes):
    assert extract_text(pdf_two_pages, "notes.hwp").kind == "pdf"
    assert extract_text(docx_notes, "notes").kind == "docx"


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfeA\x00\x00\xd8",  # UTF-16 with a lone surrogate
        "회의".encode("utf-16-le") + b"x",  # no BOM: NUL bytes
        b"notes \x80\xff\x80\xff",  # neither UTF-8 nor CP949
        b"\x1b\x1b\x1b\x1b\x1b\x1b\x01\x02\x03\x04 text",  # decodes, but mostly control characters
    ],
)
def test_undecodable_text_named_txt_is_not_text(data):
    assert sniff(data) is None
    error = error_of(data, "notes.txt")

    assert error.code == "not_text"
    assert "UTF-8, UTF-16 or CP949" in error.message


@pytest.mark.parametrize("fixture", ["pdf_two_pages", "docx_notes"])
def test_damaged_files_raise_only_extraction_errors(request, fixture):
    original = request.getfixturevalue(fixture)
    rng = random.Random(fixture)
    for _ in range(150):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(damaged))
            choice = rng.random()
            if choice < 0.6:
                damaged[at] = rng.randrange(256)
            elif choice < 0.8:
                del damaged[at : at + rng.randint(1, 50)]
            else:
                damaged[at:at] = rng.randbytes(rng.randint(1, 20))
        try:
            result = extract_text(bytes(damaged))
        except ExtractionError:
            continue
        assert result.kind in {"pdf", "docx", "txt"}


def test_error_keeps_its_code_across_pickling():
    error = pickle.loads(pickle.dumps(ExtractionError("the file is empty", code="empty")))

    assert (error.code, error.message, str(error)) == ("empty", "the file is empty", "the file is empty")


def test_error_codes_are_checked():
    with pytest.raises(ValueError, match="unknown extraction error code"):
        ExtractionError("?", code="other")


# --- sniff -------------------------------------------------------------------------------


def test_sniff_names_each_kind_from_the_bytes_alone(pdf_two_pages, docx_notes):
    assert sniff(pdf_two_pages) == "pdf"
    assert sniff(docx_notes) == "docx"
    assert sniff(NOTES_KO.encode("cp949")) == "txt"
    assert sniff(png()) is None
    assert sniff(b"") is None


# --- precheck: what the request itself may look at ----------------------------------------


def test_precheck_tells_the_kind_without_unpacking_or_parsing(pdf_two_pages, docx_notes):
    assert precheck(pdf_two_pages, "notes.pdf") == "pdf"
    assert precheck(docx_notes, "notes.docx") == "docx"
    bomb = docx_bomb(49)
    started = time.perf_counter()
    assert precheck(bomb, "bomb.docx") == "docx"
    assert time.perf_counter() - started < 1  # a search of 200 KB; unpacking takes seconds
    assert precheck(NOTES_KO.encode("cp949"), "notes.txt") == "txt"


def test_precheck_reads_only_the_start_of_a_long_text_even_inside_a_character():
    # A Hangul syllable (3 bytes in UTF-8) straddles the end of what is sniffed.
    text = ("a" * (SNIFF_BYTES - 1) + "회의 " * 1000).encode()
    assert text[SNIFF_BYTES - 1 : SNIFF_BYTES + 2].decode() == "회"

    assert precheck(text, "notes.txt") == "txt"


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "notes.txt", "empty"),
        (b"  \n\t ", "notes.txt", "empty"),
        (b"%PDF-1.7 tiny", "notes.docx", "type_mismatch"),
        (NOTES_EN.encode(), "notes.pdf", "type_mismatch"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.png", "unsupported_type"),
        (b"PK\x03\x04" + b"\x00" * 64, "budget.xlsx", "unsupported_type"),
    ],
)
def test_precheck_refuses_what_the_first_bytes_tell(data, filename, code):
    with pytest.raises(ExtractionError) as caught:
        precheck(data, filename)

    assert caught.value.code == code


def test_precheck_refuses_a_file_over_the_size_limit():
    with pytest.raises(ExtractionError) as caught:
        precheck(b"x" * 11, "notes.txt", max_bytes=10)

    assert caught.value.code == "too_large"
