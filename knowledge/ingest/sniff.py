"""What an upload is, decided cheaply enough for the request: from its bytes (magic numbers, a
DOCX's part names, whether it decodes as text), checked against the extension of its name."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader

from .drafts import IngestError, max_file_bytes, megabytes
from .text import SNIFF_BYTES, decode

logger = logging.getLogger(__name__)

ACCEPTED = "PDF, DOCX, Markdown, HTML, TXT or CSV"
EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
    ".csv": "csv",
    ".tsv": "csv",
}
_TEXT_KINDS = {"markdown", "html", "txt", "csv"}
_CONTENT_TYPE_KINDS = {"text/markdown": "markdown", "text/html": "html", "text/csv": "csv"}
_LABELS = {"pdf": "a PDF document", "docx": "a DOCX document", "text": "text"}
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_IMAGE_BRANDS = {b"WEBP", b"heic", b"heix", b"mif1", b"avif"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def extension(filename: str) -> str:
    name = re.split(r"[\\/]", (filename or "").strip())[-1]
    stem, dot, suffix = name.rpartition(".")
    return f".{suffix.lower()}" if dot and stem else ""


def describe(data: bytes) -> str:
    if data.startswith(b"PK"):
        return "a ZIP archive or an Office file other than DOCX"
    if data.startswith(_OLE):
        return "a legacy Office file such as .doc, .xls or .ppt"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")) or data[8:12] in _IMAGE_BRANDS:
        return "an image"
    if data.startswith((b"ID3", b"OggS", b"fLaC", b"\x1aE\xdf\xa3")) or data[4:8] == b"ftyp" or data[8:12] == b"WAVE":
        return "an audio or video file"
    return "binary data"


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


def check_size(data: bytes) -> None:
    if not data:
        raise IngestError("file", "the file is empty", code="empty")
    limit = max_file_bytes()
    if len(data) > limit:
        raise IngestError(
            "file", f"the file is {megabytes(len(data))}; the limit is {megabytes(limit)}", code="too_large"
        )


def sniff_upload(data: bytes, *, filename: str, content_type: str | None = None) -> str:
    """The kind of an upload ('pdf', 'docx', 'markdown', 'html', 'txt' or 'csv'). Raises
    ``IngestError('file', …)`` for an empty or oversized file, an encrypted or unreadable PDF,
    bytes of a kind not accepted, or bytes that are not what the name's extension says."""
    check_size(data)
    named = EXTENSION_KINDS.get(extension(filename))
    if b"%PDF-" in data[:1024]:
        found = "pdf"
    elif data.startswith(b"PK"):
        # the part names sit in the zip's local headers: no need to open the archive here
        found = "docx" if b"word/document.xml" in data and b"[Content_Types].xml" in data else None
    else:
        head = data[:SNIFF_BYTES]
        decoded = decode(head, partial=len(data) > len(head))
        found = "text" if decoded is not None else None
        if decoded is not None and not decoded[0].strip() and len(data) <= len(head):
            raise IngestError("file", "the file has only blank space", code="empty")
    if found is None and data.startswith(_OLE) and _ENCRYPTED_PACKAGE in data[:SNIFF_BYTES]:
        # Office encrypts a DOCX (or XLSX, PPTX) by wrapping it in an OLE file with this stream
        raise IngestError(
            "file", "the document is password-protected; remove the protection and upload it again", code="encrypted"
        )
    if found is None:
        if named in _TEXT_KINDS:
            raise IngestError(
                "file", f"the file is named {extension(filename)} but its content is {describe(data)}", code="not_text"
            )
        if named is not None:
            raise IngestError(
                "file",
                f"the file is named {extension(filename)} but its content is {describe(data)}",
                code="type_mismatch",
            )
        raise IngestError("file", f"unsupported file type ({describe(data)}): only {ACCEPTED} files are accepted",
                          code="unsupported_type")  # fmt: skip
    if found == "text":
        if named in ("pdf", "docx"):
            raise IngestError(
                "file", f"the file is named {extension(filename)} but its content is text", code="type_mismatch"
            )
        if named is not None:
            return named
        if looks_like_html(data):
            return "html"
        return _CONTENT_TYPE_KINDS.get((content_type or "").split(";")[0].strip().lower(), "txt")
    if named is not None and named != found:
        raise IngestError(
            "file", f"the file is named {extension(filename)} but its content is {_LABELS[found]}", code="type_mismatch"
        )
    if found == "pdf":
        check_pdf_opens(data)
    return found


def check_pdf_opens(data: bytes) -> None:
    """An encrypted or unreadable PDF is refused at once. pypdf reads the trailer and the cross
    reference table here, not the pages."""
    try:
        encrypted = PdfReader(io.BytesIO(data)).is_encrypted
    except MemoryError:
        raise
    except Exception as exc:
        # pypdf meets hostile bytes with many exception types; for the user all mean the same
        logger.info("unreadable PDF: %r", exc)
        raise IngestError("file", "the PDF is damaged or incomplete and cannot be read", code="corrupt") from exc
    if encrypted:
        # even when the empty password opens it: its owner locked it
        raise IngestError(
            "file", "the PDF is password-protected; remove the protection and upload it again", code="encrypted"
        )
