"""The ingest entry points: each reads its input into structured blocks, then the same steps
follow for every kind (clean, de-duplicate, chunk, detect language)."""

from __future__ import annotations

import re

from .chunking import chunk_blocks, dominant_language
from .clean import clean_blocks, one_line
from .drafts import TITLE_MAX_CHARS, Block, IngestedDoc, IngestError, max_file_bytes, megabytes
from .office import docx_blocks
from .pdf import pdf_blocks
from .sniff import extension, sniff_upload
from .text import csv_blocks, decode, markdown_blocks, plain_blocks
from .web import html_blocks, html_text

_ATX_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)


def build(blocks: list[Block], *, title: str, kind: str, field: str, warnings: list[str] | None = None) -> IngestedDoc:
    """The document from its blocks: cleaned, chunked, its language found. ``field`` is what to
    blame when nothing readable is left."""
    cleaned, cleaning_warnings = clean_blocks(blocks)
    chunks = chunk_blocks(cleaned)
    if not chunks:
        raise IngestError(field, "no text found to add to the knowledge base", code="no_text")
    return IngestedDoc(
        title=_title(title),
        kind=kind,
        language=dominant_language(chunks),
        chunks=chunks,
        warnings=[*(warnings or []), *cleaning_warnings],
    )


def _title(title: str) -> str:
    title = one_line(title)
    if len(title) <= TITLE_MAX_CHARS:
        return title
    return title[: TITLE_MAX_CHARS - 1].rstrip() + "…"


def _check_title(title: str) -> str:
    if not isinstance(title, str):
        raise IngestError("title", "the title must be text")
    title = one_line(title)
    if len(title) > TITLE_MAX_CHARS:
        raise IngestError("title", f"the title is {len(title)} characters; at most {TITLE_MAX_CHARS}", code="too_long")
    return title


def ingest_text(*, title: str, text: str) -> IngestedDoc:
    """Pasted text. Headings written the Markdown way ("# Battery") structure it; anything else
    is read as paragraphs separated by blank lines. Without a title, the first heading or the
    first line gives one."""
    title = _check_title(title)
    if not isinstance(text, str) or not text.strip():
        raise IngestError("text", "the text is empty", code="empty")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_file_bytes():
        raise IngestError(
            "text", f"the text is {megabytes(size)}; the limit is {megabytes(max_file_bytes())}", code="too_large"
        )
    if _ATX_HEADING.search(text):
        blocks, heading = markdown_blocks(text)
    else:
        blocks, heading = plain_blocks(text), ""
    if not title:
        title = heading or next((one_line(line) for line in text.splitlines() if line.strip()), "")
    return build(blocks, title=title, kind="text", field="text")


def _file_stem(filename: str) -> str:
    name = re.split(r"[\\/]", (filename or "").strip())[-1]
    suffix = extension(name)
    return name[: -len(suffix)] if suffix else name


def ingest_file(data: bytes, *, filename: str, content_type: str | None = None, title: str = "") -> IngestedDoc:
    """An uploaded file read by its kind (``sniff_upload``), with its structure: a PDF's pages,
    the headings of DOCX, Markdown and HTML, tables and CSV as "column: value" rows. The title,
    when not given, comes from the document (PDF metadata, first heading, HTML <title>), else
    from the file name."""
    title = _check_title(title)
    kind = sniff_upload(data, filename=filename, content_type=content_type)
    warnings: list[str] = []
    found_title = ""
    if kind == "pdf":
        blocks, found_title, warnings = pdf_blocks(data)
    elif kind == "docx":
        blocks, found_title = docx_blocks(data)
    else:
        decoded = html_text(data) if kind == "html" else decode(data)
        if decoded is None:
            raise IngestError("file", f"the file is named {extension(filename) or 'as text'} but is not readable text",
                              code="not_text")  # fmt: skip
        text = decoded if kind == "html" else decoded[0]
        if kind == "markdown":
            blocks, found_title = markdown_blocks(text)
        elif kind == "html":
            blocks, found_title = html_blocks(text)
        elif kind == "csv":
            blocks = csv_blocks(text)
        else:
            blocks = plain_blocks(text)
    return build(blocks, title=title or found_title or _file_stem(filename), kind=kind, field="file", warnings=warnings)
