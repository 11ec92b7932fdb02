"""DOCX through python-docx: headings (by style or outline level) give the heading path,
tables become one "column: value" row each, list paragraphs keep a dash. The archive is
measured unpacked before python-docx reads it (a few hundred kilobytes of zip can inflate to
gigabytes)."""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile

from docx.opc.constants import CONTENT_TYPE
from docx.oxml.ns import qn
from docx.package import Package
from docx.table import Table
from docx.text.paragraph import Paragraph

from .clean import one_line
from .drafts import Block, IngestError, megabytes
from .text import row_text

logger = logging.getLogger(__name__)

MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 2000
_ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, KeyError, OSError, ValueError, EOFError, struct.error)
_HEADING_STYLE = re.compile(r"^(?:heading|제목)\s*(\d)$", re.IGNORECASE)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.getinfo("word/document.xml")
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise IngestError("file", f"the DOCX has {len(infos)} parts; the limit is {MAX_PARTS}", "too_large")
            # the sizes in the directory are the archive's own word: inflate to prove them
            inflated = 0
            for info in infos:
                with archive.open(info) as part:
                    while piece := part.read(1024 * 1024):
                        inflated += len(piece)
                        if inflated > MAX_EXPANDED_BYTES:
                            raise IngestError(
                                "file", f"the DOCX expands to more than {megabytes(MAX_EXPANDED_BYTES)}", "too_large"
                            )
    except IngestError:
        raise
    except _ZIP_ERRORS as exc:
        raise IngestError("file", "the DOCX file is damaged and cannot be read", code="corrupt") from exc


def _heading_level(paragraph: Paragraph, style_names: dict[str, str]) -> int:
    """1–9 for a heading (the Title style counts as 1), 0 for body text."""
    style_id = paragraph._p.style or ""
    for name in (style_names.get(style_id, ""), style_id):
        if name.lower() == "title":
            return 1
        if match := _HEADING_STYLE.match(name.strip()):
            return int(match.group(1))
    properties = paragraph._p.pPr
    outline = properties.find(qn("w:outlineLvl")) if properties is not None else None
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9"))
        return level + 1 if level < 9 else 0
    return 0


def _is_list(paragraph: Paragraph, style_names: dict[str, str]) -> bool:
    properties = paragraph._p.pPr
    style = style_names.get(paragraph._p.style or "", "")
    return style.lower().startswith("list") or (properties is not None and properties.numPr is not None)


def _cell_text(cell) -> str:
    return " ".join(one_line(paragraph.text) for paragraph in cell.paragraphs if paragraph.text.strip())


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(_cell_text(cell))
        rows.append(cells)
    rows = [cells for cells in rows if any(cells)]
    if len(rows) < 2:
        return ["; ".join(cell for cell in cells if cell) for cells in rows]
    header = rows[0]
    return [line for cells in rows[1:] if (line := row_text(header, cells))]


def docx_blocks(data: bytes) -> tuple[list[Block], str]:
    """Blocks under their heading paths, and a title (the document's title property, else its
    first top heading)."""
    _check_archive(data)
    try:
        package = Package.open(io.BytesIO(data))
        part = package.main_document_part
        if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
            raise IngestError(
                "file",
                "a Word template or macro-enabled document is not accepted: save it as .docx",
                "unsupported_type",
            )
        document = part.document
        # python-docx's paragraph.style searches the styles part on every call: map ids once
        style_names = {style.style_id: style.name or "" for style in document.styles}
        title = one_line(package.core_properties.title or "")
        blocks: list[Block] = []
        path: list[tuple[int, str]] = []
        first_heading = ""
        for item in document.iter_inner_content():
            heading = tuple(name for _, name in path)
            if isinstance(item, Table):
                blocks.extend(Block(line, heading=heading, kind="row") for line in _table_rows(item))
                continue
            text = item.text
            if not text.strip():
                continue
            if level := _heading_level(item, style_names):
                path = [(depth, name) for depth, name in path if depth < level]
                path.append((level, one_line(text)))
                first_heading = first_heading or one_line(text)
            else:
                blocks.append(Block(f"- {text}" if _is_list(item, style_names) else text, heading=heading))
    except (IngestError, MemoryError):
        raise
    except Exception as exc:
        # the zip, the package relationships and the XML each break their own way
        logger.info("unreadable DOCX: %r", exc)
        raise IngestError("file", "the DOCX file is damaged and cannot be read", code="corrupt") from exc
    return blocks, title or first_heading
