"""The file-to-text step of Meeting AI: an uploaded TXT, PDF or DOCX becomes plain text.

No database and no Django: the caller hands over bytes (and the name the user gave the
file) and gets back normalised text or an ``ExtractionError`` whose ``code`` says what to
tell the user. The kind of a file is decided from its bytes; the name only has to agree.
"""

import codecs
import functools
import io
import logging
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass, field

from docx.opc.constants import CONTENT_TYPE
from docx.package import Package
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

# what a refused file really is, worded as the knowledge base words it (meetings sit above knowledge)
from knowledge.ingest.sniff import describe

logger = logging.getLogger(__name__)

ERROR_CODES = frozenset(
    {
        "empty",
        "too_large",
        "too_many_pages",
        "unsupported_type",
        "type_mismatch",
        "encrypted",
        "corrupt",
        "no_text",
        "not_text",
    }
)

ACCEPTED = "TXT, PDF and DOCX"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PAGES = 200
# python-docx reads every part of the package into memory and builds a tree of the XML (about
# twenty times its size), so a DOCX is measured unpacked before it is opened: a few hundred
# kilobytes of zip can otherwise inflate to gigabytes.
DEFAULT_MAX_EXPANDED_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PARTS = 1000
DEFAULT_MAX_PDF_STREAMS = 10_000
# How much of a file the request looks at to tell its kind (the whole file is read later,
# in a worker: see ``precheck``).
SNIFF_BYTES = 64 * 1024

_KIND_LABELS = {"txt": "plain text", "pdf": "a PDF document", "docx": "a DOCX document"}
# Extensions that name a kind; any other extension (or none) is taken at the bytes' word.
_EXTENSION_KINDS = {".txt": "txt", ".md": "txt", ".pdf": "pdf", ".docx": "docx"}
_TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".csv", ".log"}
_TEXT_ENCODINGS = "UTF-8, UTF-16 or CP949 (EUC-KR)"
_MIN_PRINTABLE_SHARE = 0.95
# RIFF WebP, and the ISO media brands that are still images rather than audio or video.

_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
# Control characters other than \n and \t, lone surrogates (unencodable as UTF-8) and the
# byte-order mark, which some producers leave in the middle of text.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# What zipfile raises on a damaged or exotic archive (NotImplementedError: a newer zip
# version or an unknown compression method).
_ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, KeyError, OSError, ValueError, EOFError, struct.error)


class ExtractionError(ValueError):
    """Bad input: ``code`` is machine-readable, the message can be shown to the user."""

    def __init__(self, message: str, *, code: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown extraction error code {code!r}")
        super().__init__(message)
        self.message = message
        self.code = code

    def __reduce__(self):
        # The keyword-only code would otherwise be lost when a worker pickles the error.
        return functools.partial(ExtractionError, code=self.code), (self.message,)


@dataclass(frozen=True)
class Extracted:
    text: str
    kind: str
    pages: int | None
    encoding: str | None
    warnings: list[str] = field(default_factory=list)


def sniff(data: bytes) -> str | None:
    """``"pdf"``, ``"docx"``, ``"txt"`` or None, judged from the bytes alone."""
    return _sniff(data)[0]


def precheck(data: bytes, filename: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The kind of an upload, from checks cheap enough for the request: size, emptiness and
    the first ``SNIFF_BYTES`` (a DOCX by the names in its zip headers, found without opening
    the archive). Raises ``ExtractionError`` for what is refused at once; everything else
    (decoding, unpacking, parsing) is ``extract_text``'s, in a worker."""
    _check_size(data, max_bytes=max_bytes)
    if data.startswith(b"PK"):
        kind = "docx" if b"word/document.xml" in data and b"[Content_Types].xml" in data else None
        decoded = None
    else:
        head = data[:SNIFF_BYTES]
        kind, decoded = _sniff(head, partial=len(data) > SNIFF_BYTES)
        if decoded is not None and len(data) > SNIFF_BYTES:
            decoded = None  # blank so far says nothing about the rest
    return _check_kind(data, kind, decoded, filename)


def extract_text(
    data: bytes,
    filename: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_expanded_bytes: int = DEFAULT_MAX_EXPANDED_BYTES,
    max_parts: int = DEFAULT_MAX_PARTS,
    max_pdf_streams: int = DEFAULT_MAX_PDF_STREAMS,
) -> Extracted:
    """The text of an uploaded meeting file. Size is checked before anything is parsed, the
    kind comes from the bytes (``sniff``) and a telling extension in ``filename`` must agree;
    a DOCX is refused by its real unpacked size and part count, a PDF by its stream and page
    count, before either is parsed. Run it in a bounded child process (``sparklio.core.sandbox``):
    what passes these checks can still be slow or hungry."""
    _check_size(data, max_bytes=max_bytes)
    kind, decoded = _sniff(data)
    kind = _check_kind(data, kind, decoded, filename)

    if kind == "pdf":
        result = _extract_pdf(data, max_pages=max_pages, max_streams=max_pdf_streams)
    elif kind == "docx":
        result = _extract_docx(data, max_expanded_bytes=max_expanded_bytes, max_parts=max_parts)
    else:
        text, encoding = decoded
        result = Extracted(text=normalise(text), kind="txt", pages=None, encoding=encoding, warnings=[])
    if not result.text.strip():
        raise ExtractionError("the file has no text", code="empty")
    return result


def _check_size(data: bytes, *, max_bytes: int) -> None:
    if not data:
        raise ExtractionError("the file is empty", code="empty")
    if len(data) > max_bytes:
        raise ExtractionError(
            f"the file is {_megabytes(len(data))}; the limit is {_megabytes(max_bytes)}", code="too_large"
        )


def _check_kind(data: bytes, kind: str | None, decoded, filename: str | None) -> str:
    if decoded is not None and not decoded[0].strip():
        raise ExtractionError("the file has only blank space", code="empty")
    extension = _extension(filename)
    if kind is None:
        if extension in _TEXT_EXTENSIONS:
            raise ExtractionError(
                f"the file is named {extension} but its content is not text in {_TEXT_ENCODINGS}", code="not_text"
            )
        raise ExtractionError(
            f"unsupported file type ({describe(data)}): only {ACCEPTED} files are accepted", code="unsupported_type"
        )
    expected = _EXTENSION_KINDS.get(extension)
    if expected is not None and expected != kind:
        raise ExtractionError(
            f"the file is named {extension} but its content is {_KIND_LABELS[kind]}", code="type_mismatch"
        )
    return kind


def normalise(text: str) -> str:
    """One line break (\\n), no control characters but \\t, no trailing spaces, at most one
    blank line in a row, Hangul composed (NFC) so decomposed jamo from PDFs read as syllables."""
    text = _BREAKS.sub("\n", text)
    text = _UNWANTED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def _sniff(data: bytes, *, partial: bool = False) -> tuple[str | None, tuple[str, str] | None]:
    """The kind, and for text the decoded text with its encoding (so it is decoded once).
    ``partial``: ``data`` is the start of a longer file (it may end inside a character)."""
    if not data:
        return None, None
    if b"%PDF-" in data[:1024]:
        return "pdf", None
    if data.startswith(b"PK"):
        return ("docx" if _is_docx(data) else None), None
    decoded = _decode_text(data, partial=partial)
    if decoded is not None:
        return "txt", decoded
    return None, None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except _ZIP_ERRORS:
        # A damaged central directory still leaves the local headers, which carry the
        # entry names: a Word document cut short is then reported as corrupt, not as alien.
        return b"word/document.xml" in data and b"[Content_Types].xml" in data
    return "word/document.xml" in names and "[Content_Types].xml" in names


def _decode_text(data: bytes, *, partial: bool = False) -> tuple[str, str] | None:
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        return None
    else:
        candidates = ["utf-8", "cp949"]
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)
        except UnicodeDecodeError:
            continue
        return (text, encoding) if _looks_like_text(text) else None
    return None


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    if not text:
        return True
    printable = sum(1 for char in text if char.isprintable() or char.isspace())
    return printable / len(text) >= _MIN_PRINTABLE_SHARE


def _extract_pdf(data: bytes, *, max_pages: int, max_streams: int) -> Extracted:
    # Every stream (page content, font, image, object stream) ends with this keyword in the
    # file itself: streams cannot hide inside compressed object streams.
    streams = data.count(b"endstream")
    if streams > max_streams:
        raise ExtractionError(f"the PDF has {streams} streams; the limit is {max_streams}", code="too_large")
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        page_count = 0 if encrypted else len(reader.pages)
    except LimitReachedError as exc:
        raise ExtractionError("the PDF holds more data than this service reads", code="too_large") from exc
    except MemoryError:
        raise  # the sandbox's limit, not a damaged file
    except Exception as exc:
        # pypdf meets hostile bytes with many exception types (its own, ValueError,
        # KeyError, RecursionError, zlib errors...); for the user every one means the same.
        logger.info("unreadable PDF: %r", exc)
        raise ExtractionError("the PDF is damaged or incomplete and cannot be read", code="corrupt") from exc
    if encrypted:
        # Even when the empty password opens it: the owner locked it, so it is not read.
        raise ExtractionError(
            "the PDF is password-protected; remove the protection and upload it again", code="encrypted"
        )
    if page_count > max_pages:
        raise ExtractionError(f"the PDF has {page_count} pages; at most {max_pages} are read", code="too_many_pages")

    texts: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            page_text = normalise(page.extract_text())
        except LimitReachedError as exc:
            raise ExtractionError(
                f"page {number} of the PDF holds more data than this service reads", code="too_large"
            ) from exc
        except MemoryError:
            raise
        except Exception as exc:
            logger.info("unreadable PDF page %d: %r", number, exc)
            raise ExtractionError(f"page {number} of the PDF is damaged and cannot be read", code="corrupt") from exc
        if page_text.strip():
            texts.append(page_text)
        else:
            warnings.append(f"page {number} has no extractable text (scanned?)")
    if not texts:
        raise ExtractionError("no text found in the PDF: a scanned PDF? only text PDFs are read", code="no_text")
    return Extracted(text=normalise("\n\n".join(texts)), kind="pdf", pages=page_count, encoding=None, warnings=warnings)


def _extract_docx(data: bytes, *, max_expanded_bytes: int, max_parts: int) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, max_expanded_bytes=max_expanded_bytes, max_parts=max_parts)
    except ExtractionError:
        raise
    except _ZIP_ERRORS as exc:
        raise ExtractionError("the DOCX file is damaged and cannot be read", code="corrupt") from exc

    try:
        part = Package.open(io.BytesIO(data)).main_document_part
        if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
            raise ExtractionError(
                f"a Word template or macro-enabled document is not accepted: save it as .docx ({ACCEPTED})",
                code="unsupported_type",
            )
        text = "\n".join(_docx_lines(part.document))
    except (ExtractionError, MemoryError):
        raise
    except Exception as exc:
        # The zip, the package relationships and the XML can each be broken in their own
        # way (KeyError, lxml syntax errors, python-docx's own); all mean a damaged file.
        if "memory allocation failed" in str(exc).lower():
            raise MemoryError(str(exc)) from exc  # libxml2 under a memory limit, not a damaged file
        logger.info("unreadable DOCX: %r", exc)
        raise ExtractionError("the DOCX file is damaged and cannot be read", code="corrupt") from exc
    return Extracted(text=normalise(text), kind="docx", pages=None, encoding=None, warnings=[])


def _check_archive(archive: zipfile.ZipFile, *, max_expanded_bytes: int, max_parts: int) -> None:
    """Refuse an archive by its part count and unpacked size before anything parses it. The
    sizes in the directory are the archive's own word, so the parts are then inflated (and
    dropped) up to the limit to prove them."""
    archive.getinfo("word/document.xml")  # KeyError: not a Word document after all
    infos = archive.infolist()
    if len(infos) > max_parts:
        raise ExtractionError(f"the file has {len(infos)} parts; the limit is {max_parts}", code="too_large")
    declared = sum(info.file_size for info in infos)
    if declared > max_expanded_bytes:
        raise ExtractionError(
            f"the file expands to {_megabytes(declared)}, the limit is {_megabytes(max_expanded_bytes)}",
            code="too_large",
        )
    inflated = 0
    for info in infos:
        with archive.open(info) as part:
            while chunk := part.read(1024 * 1024):
                inflated += len(chunk)
                if inflated > max_expanded_bytes:
                    raise ExtractionError(
                        f"the file expands to more than {_megabytes(max_expanded_bytes)}, the limit",
                        code="too_large",
                    )


def _docx_lines(container) -> list[str]:
    """Paragraphs and tables in document order; a table row becomes one line of its cells
    joined by " | ", a cell spanning several grid columns or rows counted once."""
    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            seen = set()
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    cell_text = " ".join(line.strip() for line in _docx_lines(cell) if line.strip())
                    cells.append(cell_text)
                if any(cells):
                    lines.append(" | ".join(cells))
    return lines


def _extension(filename: str | None) -> str:
    if not filename:
        return ""
    name = re.split(r"[\\/]", filename.strip())[-1]
    stem, dot, suffix = name.rpartition(".")
    return f".{suffix.lower()}" if dot and stem else ""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
