"""The ingest entry points: each reads its input into structured blocks, then the same steps
follow for every kind (clean, de-duplicate, chunk, detect language)."""

from __future__ import annotations

import re

import httpx

from sparklio.core import outbound

from .chunking import chunk_blocks, dominant_language
from .clean import clean_blocks, one_line
from .drafts import TITLE_MAX_CHARS, Block, IngestedDoc, IngestError, max_file_bytes, megabytes
from .office import docx_blocks
from .pdf import pdf_blocks
from .sniff import check_pdf_opens, extension, sniff_upload
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
    blocks, found_title, warnings = _read(data, kind)
    return build(blocks, title=title or found_title or _file_stem(filename), kind=kind, field="file", warnings=warnings)


def _read(data: bytes, kind: str, *, charset: str | None = None) -> tuple[list[Block], str, list[str]]:
    if kind == "pdf":
        return pdf_blocks(data)
    if kind == "docx":
        blocks, title = docx_blocks(data)
        return blocks, title, []
    if kind == "html":
        text = html_text(data, charset)
    else:
        decoded = decode(data)
        text = decoded[0] if decoded else None
    if text is None:
        raise IngestError("file", "the content is not readable text", code="not_text")
    if kind == "markdown":
        blocks, title = markdown_blocks(text)
    elif kind == "html":
        blocks, title = html_blocks(text)
    elif kind == "csv":
        blocks, title = csv_blocks(text), ""
    else:
        blocks, title = plain_blocks(text), ""
    return blocks, title, []


URL_MAX_CHARS = 2048
_URL_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/csv": "csv",
}
_ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.5"


def validate_url(url: str) -> str:
    """The request-time check of a URL to ingest: http(s), a host, no credentials, and a host
    that resolves to public addresses only (see ``sparklio.core.outbound``). The URL, normalised."""
    if not isinstance(url, str) or not url.strip():
        raise IngestError("url", "the URL is empty", code="empty")
    url = url.strip()
    if len(url) > URL_MAX_CHARS:
        raise IngestError("url", f"the URL is {len(url)} characters; at most {URL_MAX_CHARS}", code="too_long")
    try:
        return outbound.check(url)
    except outbound.OutboundRefused as exc:
        raise IngestError("url", exc.message, code=exc.reason) from exc


def ingest_url(url: str) -> IngestedDoc:
    """A web page (or a PDF, DOCX or text file on the web) fetched through the project's
    outbound fetcher and read like an upload of its kind; kind 'url'. Every problem, the
    fetch's or the content's, blames the field 'url'."""
    url = validate_url(url)
    try:
        fetched = outbound.fetch(url, max_bytes=max_file_bytes(), accept=_ACCEPT)
    except outbound.OutboundRefused as exc:
        raise IngestError("url", exc.message, code=exc.reason) from exc
    if not 200 <= fetched.status < 300:
        raise IngestError("url", f"the server answered HTTP {fetched.status}", code="fetch_failed")
    if not fetched.content:
        raise IngestError("url", "the page is empty", code="empty")
    media_type, _, parameters = fetched.content_type.partition(";")
    charset = next(
        (value.strip().strip('"') for key, _, value in (p.partition("=") for p in parameters.split(";"))
         if key.strip().lower() == "charset"),
        None,
    )  # fmt: skip
    path = httpx.URL(fetched.url).path
    try:
        kind = _URL_KINDS.get(media_type.strip().lower())
        if kind is None:  # application/octet-stream and friends: by the bytes and the path
            kind = sniff_upload(fetched.content, filename=path.rsplit("/", 1)[-1])
        elif kind == "pdf":
            check_pdf_opens(fetched.content)
        blocks, found_title, warnings = _read(fetched.content, kind, charset=charset)
        return build(blocks, title=found_title or _url_title(fetched.url), kind="url", field="url", warnings=warnings)
    except IngestError as exc:
        raise IngestError("url", exc.message, code=exc.code) from exc


def _url_title(url: str) -> str:
    parsed = httpx.URL(url)
    name = _file_stem(parsed.path.rstrip("/").rsplit("/", 1)[-1])
    return f"{parsed.host} – {name}" if name else parsed.host
