"""PDF text by page, through pypdf: every chunk of a PDF knows its page. Lines set in a larger
type than the body are headings; lines that repeat at the top or bottom of most pages (running
headers, footers, page numbers) are left out."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from .clean import normalise, one_line, paragraphs
from .drafts import Block, IngestError
from .sniff import check_pdf_opens

logger = logging.getLogger(__name__)

MAX_PAGES = 1000
MAX_STREAMS = 50_000
RUNNING_MAX_CHARS = 60
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}|of\s+\d{1,4})?\s*[-–—]?(?:\s*쪽)?$", re.I)
_DIGITS = re.compile(r"\d+")


def pdf_blocks(data: bytes) -> tuple[list[Block], str, list[str]]:
    """Blocks by page, the title in the PDF's metadata ('' when none), and warnings."""
    # every stream ends with this keyword in the file itself: they cannot hide in object streams
    streams = data.count(b"endstream")
    if streams > MAX_STREAMS:
        raise IngestError("file", f"the PDF has {streams} streams; the limit is {MAX_STREAMS}", code="too_large")
    check_pdf_opens(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        title = (reader.metadata.title or "") if reader.metadata else ""
    except MemoryError:
        raise
    except Exception as exc:
        logger.info("unreadable PDF: %r", exc)
        raise IngestError("file", "the PDF is damaged or incomplete and cannot be read", code="corrupt") from exc
    if pages > MAX_PAGES:
        raise IngestError("file", f"the PDF has {pages} pages; at most {MAX_PAGES} are read", code="too_large")

    texts: list[str] = []
    runs: list[list[tuple[str, float]]] = []
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        pieces: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size, pieces=pieces):
            scale = abs(tm[3] * cm[3]) or 1.0
            pieces.append((text.replace("\x00", ""), float(size) * scale, float(tm[5])))

        try:
            # fpdf2 and some other producers leave NULs between characters
            texts.append(normalise(page.extract_text(visitor_text=visit).replace("\x00", "")))
            runs.append(_runs(pieces))
        except LimitReachedError as exc:
            raise IngestError("file", f"page {number} of the PDF holds more data than is read", "too_large") from exc
        except MemoryError:
            raise
        except Exception as exc:
            logger.info("unreadable PDF page %d: %r", number, exc)
            raise IngestError("file", f"page {number} of the PDF is damaged and cannot be read", "corrupt") from exc
        if not texts[-1]:
            warnings.append(f"page {number} has no extractable text (scanned?)")
    if not any(texts):
        raise IngestError("file", "no text found in the PDF: a scanned PDF? only text PDFs are read", code="no_text")

    running = _running_lines(texts)
    headings = _heading_levels(runs)
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    for number, (text, page_runs) in enumerate(zip(texts, runs, strict=True), start=1):
        large = {run: size for run, size in page_runs if size in headings}
        body: list[str] = []

        for line in text.split("\n"):
            if _PAGE_NUMBER.match(line) or _shape(line) in running:
                continue
            if (size := large.get(one_line(line))) is not None:
                _flush(blocks, body, number, path)
                level = headings[size]
                path = [(depth, name) for depth, name in path if depth < level]
                path.append((level, one_line(line)))
            else:
                body.append(line)
        _flush(blocks, body, number, path)
    return blocks, one_line(str(title)), warnings


def _flush(blocks: list[Block], body: list[str], page: int, path: list[tuple[int, str]]) -> None:
    heading = tuple(name for _, name in path)
    blocks.extend(Block(part, page=page, heading=heading) for part in paragraphs("\n".join(body), unwrap=True))
    body.clear()


def _runs(pieces: list[tuple[str, float, float]]) -> list[tuple[str, float]]:
    """Text runs of one size on one baseline, with their size."""
    runs: list[tuple[str, float]] = []
    text, size, baseline = "", 0.0, None
    for piece, piece_size, piece_baseline in pieces:
        if not piece.strip():
            continue
        if text and (round(piece_size, 1) != round(size, 1) or piece_baseline != baseline or "\n" in piece):
            runs.append((one_line(text), round(size, 1)))
            text = ""
        text, size, baseline = text + piece, piece_size, piece_baseline
    if text:
        runs.append((one_line(text), round(size, 1)))
    return runs


def _heading_levels(runs: list[list[tuple[str, float]]]) -> dict[float, int]:
    """Heading levels by type size: the size most characters are set in is the body; short runs
    at least 15 % larger are headings, the largest size level 1."""
    weight: Counter[float] = Counter()
    for page_runs in runs:
        for text, size in page_runs:
            weight[size] += len(text)
    if not weight:
        return {}
    body = weight.most_common(1)[0][0]
    sizes = sorted(
        {size for page_runs in runs for text, size in page_runs if size >= 1.15 * body and len(text) <= 120},
        reverse=True,
    )
    return {size: level for level, size in enumerate(sizes[:6], start=1)}


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def _running_lines(texts: list[str]) -> set[str]:
    """Short lines (digits aside) that open or close at least half the pages, when there are three
    or more different pages: a running header or footer. Pages repeated whole count once, so
    their text is not taken for a header (the duplicate check drops the copies instead)."""
    pages = [text for text in dict.fromkeys(texts) if text]
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        lines = [line for line in text.split("\n") if line.strip()]
        counts.update({_shape(line) for line in lines[:2] + lines[-2:] if len(line) <= RUNNING_MAX_CHARS})
    return {shape for shape, count in counts.items() if count >= max(3, len(pages) / 2)}
