"""HTML: the main content, navigation, footers and other boilerplate stripped by trafilatura,
with its headings, lists and tables kept as structure."""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html
import trafilatura

from .clean import one_line
from .drafts import Block
from .text import decode, row_text

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def html_text(data: bytes, charset: str | None = None) -> str | None:
    """The page as text: the charset the server declared, else the page's own meta tag, else
    the detected one. None when the bytes are not text."""
    for candidate in (charset, *(_META_CHARSET.findall(data[:4096])[:1])):
        if not candidate:
            continue
        name = candidate.decode("ascii", "ignore") if isinstance(candidate, bytes) else candidate
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    decoded = decode(data)
    return decoded[0] if decoded else None


def page_title(html: str) -> str:
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    node = tree.find(".//title")
    return one_line(node.text_content()) if node is not None else ""


def html_blocks(html: str) -> tuple[list[Block], str]:
    """Blocks of the page's main content and its title (<title>, else the first heading)."""
    title = page_title(html)
    extracted = trafilatura.extract(
        html,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not extracted:
        # too little for trafilatura to call it an article (a short page): its plain baseline
        _, text, _ = trafilatura.baseline(html)
        return [Block(line) for line in text.split("\n") if line.strip()], title
    root = lxml.etree.fromstring(extracted.encode("utf-8"))
    main = root.find("main")
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    first_heading = ""
    for element in main.iterchildren() if main is not None else []:
        heading = tuple(name for _, name in path)
        tag = element.tag
        if tag == "head":
            level = int(match.group(1)) if (match := re.match(r"h(\d)", element.get("rend", ""))) else 2
            name = one_line("".join(element.itertext()))
            if name:
                path = [(depth, item) for depth, item in path if depth < level]
                path.append((level, name))
                first_heading = first_heading or name
        elif tag == "list":
            blocks.extend(
                Block(f"- {one_line(''.join(item.itertext()))}", heading=heading)
                for item in element.iter("item")
                if "".join(item.itertext()).strip()
            )
        elif tag == "table":
            blocks.extend(Block(line, heading=heading, kind="row") for line in _table_rows(element))
        elif tag == "code":
            blocks.append(Block("".join(element.itertext()), heading=heading, kind="code"))
        else:  # p, quote and whatever else trafilatura keeps
            blocks.append(Block("".join(element.itertext()), heading=heading))
    return blocks, title or root.get("title", "") or first_heading


def _table_rows(table) -> list[str]:
    header: list[str] = []
    lines = []
    for row in table.iter("row"):
        cells = row.findall("cell")
        texts = [one_line("".join(cell.itertext())) for cell in cells]
        if cells and all(cell.get("role") == "head" for cell in cells):
            header = texts
        elif line := row_text(header, texts):
            lines.append(line)
    return lines
