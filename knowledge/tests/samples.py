"""Real sample files for the ingest tests, written here: text PDFs by fpdf2 with the Noto CJK
font the renderer ships, DOCX by python-docx."""

from __future__ import annotations

import io

import noto_cjk_sans_otc
from docx import Document
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def text_pdf(pages: list[list[str]], *, title: str = "", header: str = "", footer: bool = False) -> bytes:
    """A PDF with one page per list of paragraphs (Korean or English); a paragraph starting
    with "# " is set as a heading in a larger type. A running header and a "n / total" footer
    when asked."""
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("noto", fname=str(noto_cjk_sans_otc.FONT_PATH), collection_font_number=1)
    if title:
        pdf.set_title(title)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("noto", size=11)
        if header:
            pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            if line.startswith("# "):
                pdf.set_font("noto", size=17)
                pdf.multi_cell(0, 9, line[2:], new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("noto", size=11)
            else:
                pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        if footer:
            pdf.text(100, 285, f"{number} / {len(pages)}")
    return bytes(pdf.output())


def encrypted(pdf: bytes, password: str = "") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(build) -> bytes:
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
