"""Text formats: plain text (any common encoding), Markdown with its headings and tables, and
CSV as one "column: value" row per line."""

from __future__ import annotations

import codecs
import csv
import io
import re

from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

from .clean import paragraphs
from .drafts import Block

_MIN_PRINTABLE_SHARE = 0.95
SNIFF_BYTES = 64 * 1024


def decode(data: bytes, *, partial: bool = False) -> tuple[str, str] | None:
    """The text of bytes and the encoding it was in, or None when the bytes are not text.
    A byte-order mark decides; then UTF-8, which cannot decode other text by accident; then
    CP949 (EUC-KR's superset: most Korean text that is not UTF-8); then charset-normalizer's
    best guess. ``partial``: the bytes are the start of a longer file."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
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
        if encoding == "cp949" and not _mostly_hangul_or_ascii(text):
            break  # decodes, but as a jumble of rare syllables: some other single-byte encoding
        return (text, encoding) if _looks_like_text(text) else None
    matches = list(from_bytes(data))
    if not matches:
        return None
    # charset-normalizer cannot tell Western from Baltic or Central European bytes in a short
    # text (café reads as cafć just as well); Windows-1252 is by far the commonest of them in
    # a Korean and English studio, so it wins a near tie
    best = min(match.chaos for match in matches)
    western = [match for match in matches if "cp1252" in match.could_be_from_charset and match.chaos <= best + 0.1]
    match = western[0] if western else matches[0]
    text = str(match)
    return (text, match.encoding) if _looks_like_text(text) else None


def _mostly_hangul_or_ascii(text: str) -> bool:
    # KS X 1001's 2,350 common syllables are what real Korean text uses; Latin-1 bytes read as
    # CP949 land in the extension area (Unified Hangul Code) or on Hanja
    letters = [char for char in text if not char.isascii()]
    if not letters:
        return True
    common = sum(1 for char in letters if _is_ks_x_1001(char))
    return common / len(letters) >= 0.9


def _is_ks_x_1001(char: str) -> bool:
    try:
        return char.encode("euc-kr") is not None
    except UnicodeEncodeError:
        return False


# control characters other than whitespace, the replacement character, and private-use code
# points: what decoding the wrong bytes as text leaves behind
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    return len(_NOT_TEXT.findall(text)) / len(text) <= 1 - _MIN_PRINTABLE_SHARE


def plain_blocks(text: str) -> list[Block]:
    return [Block(paragraph) for paragraph in paragraphs(text)]


# the second column of a two-column table headed like this holds the value of the first:
# "Weight | 5.2 g" under "Item | Value" reads "Weight: 5.2 g"
_VALUE_HEADERS = {
    "값",
    "내용",
    "설명",
    "사양",
    "정보",
    "value",
    "values",
    "details",
    "description",
    "spec",
    "specification",
}


def row_text(header: list[str], cells: list[str]) -> str:
    """A table row as "column: value; column: value"; cells without a column name (or a
    table without a header) stand alone, empty cells are left out. A two-column key/value
    table gives "key: value"."""
    if len(header) == 2 and len(cells) == 2 and " ".join(header[1].split()).casefold() in _VALUE_HEADERS:
        key, value = (" ".join(cell.split()) for cell in cells)
        if key and value:
            return f"{key}: {value}"
    parts = []
    for position, cell in enumerate(cells):
        cell = " ".join(cell.split())
        if not cell:
            continue
        name = " ".join(header[position].split()) if position < len(header) else ""
        parts.append(f"{name}: {cell}" if name and name != cell else cell)
    return "; ".join(parts)


def csv_blocks(text: str) -> list[Block]:
    sample = text[:SNIFF_BYTES]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    if not body:
        return [Block(row_text([], header), kind="row")]
    return [Block(line, kind="row") for row in body if (line := row_text(header, row))]


_markdown = MarkdownIt("commonmark").enable("table")


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return "".join(parts)


def markdown_blocks(text: str) -> tuple[list[Block], str]:
    """Blocks of a Markdown text under their heading paths, and the first top heading (for a
    title). Lists give one block per item, tables one row block per body row, fenced code one
    block; raw HTML is left out."""
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    title = ""
    tokens = _markdown.parse(text)
    header: list[str] = []
    row: list[str] = []
    in_head = False
    heading_level = 0
    list_depth = 0
    for position, token in enumerate(tokens):
        heading = tuple(name for _, name in path)
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and heading_level:
            name = " ".join(_inline_text(token).split())
            path = [(level, item) for level, item in path if level < heading_level]
            if name:
                path.append((heading_level, name))
                if heading_level == 1 and not title:
                    title = name
            heading_level = 0
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "inline" and tokens[position - 1].type == "paragraph_open":
            content = _inline_text(token)
            blocks.append(Block(f"- {content}" if list_depth else content, heading=heading))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block(token.content, heading=heading, kind="code"))
        elif token.type == "thead_open":
            in_head, header = True, []
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[position - 1].type in ("th_open", "td_open"):
            row.append(_inline_text(token))
        elif token.type == "tr_close":
            if in_head:
                header = row
            elif line := row_text(header, row):
                blocks.append(Block(line, heading=heading, kind="row"))
    return blocks, title
