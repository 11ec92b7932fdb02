"""Reading a fetched RSS or Atom document with feedparser (never letting it fetch anything
itself: it is handed the bytes), into the plain entries the services store."""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from django.utils.html import strip_tags

MAX_ENTRIES = 300  # a feed lists its latest entries; more in one document is a dump, not a feed
TITLE_CHARS = 500
SUMMARY_CHARS = 2000
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


class FeedProblem(ValueError):
    """The document (or the fetch) gave no feed; the message says why, for the person who
    registered the feed (a ValueError: public_reason shows its words)."""


@dataclass(frozen=True)
class Entry:
    key: str  # SHA-256 of the guid, else of the link
    guid: str
    title: str
    link: str
    summary: str
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # "rss" or "atom"
    title: str
    entries: list[Entry]


def plain(value: str, limit: int) -> str:
    """Text of an HTML fragment, on one line."""
    return " ".join(html.unescape(strip_tags(value or "")).split())[:limit]


def _when(entry) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return None


def _link(entry) -> str:
    link = (entry.get("link") or "").strip()
    return link if link.startswith(("http://", "https://")) and len(link) <= 2000 else ""


def _malformed(result) -> str:
    """What makes the document broken XML, "" when it is not. feedparser still reads a broken
    document with its lenient parser (and names a version), so a feed cut off mid-document would
    pass for a complete one with fewer items. Two faults are forgiven: a wrong media type or
    charset label (feedparser's ThingsNobodyCaresAboutButMe) and an HTML entity such as &nbsp;
    that XML does not define, common in real feeds and harmless to their structure."""
    exception = result.get("bozo_exception") if result.get("bozo") else None
    if not isinstance(exception, xml.sax.SAXException):
        return ""
    if isinstance(exception, xml.sax.SAXParseException):
        message = exception.getMessage()
        if message == "undefined entity":
            return ""
        return f"line {exception.getLineNumber()}, column {exception.getColumnNumber()}: {message}"
    return str(exception)


def parse(content: bytes, *, content_type: str = "") -> ParsedFeed:
    """The feed in ``content``; FeedProblem when it is no RSS or Atom feed (an HTML page,
    other XML, a broken document)."""
    if _HTML_START.match(content[:2048]):
        raise FeedProblem("this is a web page (HTML), not an RSS or Atom feed")
    headers = {"content-type": content_type} if content_type else None
    result = feedparser.parse(io.BytesIO(content), response_headers=headers)
    version = result.get("version") or ""
    if not version:
        if result.get("bozo"):
            raise FeedProblem(f"this is not a readable RSS or Atom feed ({result.get('bozo_exception')})")
        raise FeedProblem("this is not an RSS or Atom feed")
    problem = _malformed(result)
    if problem:
        raise FeedProblem(f"the feed is not well-formed XML ({problem}); it may be broken or cut off")
    entries = []
    for entry in result.entries[:MAX_ENTRIES]:
        guid = (entry.get("id") or "").strip()
        link = _link(entry)
        identity = guid or link
        title = plain(entry.get("title", ""), TITLE_CHARS)
        if not identity:
            continue  # nothing to know it again by: it would be new on every collection
        entries.append(
            Entry(
                key=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                guid=guid,
                title=title,
                link=link,
                summary=plain(entry.get("summary", ""), SUMMARY_CHARS),
                published=_when(entry),
            )
        )
    return ParsedFeed(
        kind="atom" if version.startswith("atom") else "rss",
        title=plain(result.feed.get("title", ""), 300),
        entries=entries,
    )
