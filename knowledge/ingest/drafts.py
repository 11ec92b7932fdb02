"""What ingestion hands to the store: a document's chunks with where each came from, and the
one error type every ingestion step raises for input the user has to fix."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
TITLE_MAX_CHARS = 255


@dataclass(frozen=True)
class ChunkDraft:
    index: int  # 0.. in document order
    text: str  # cleaned text; a table row reads "column: value; column: value"
    page: int | None  # 1-based page of a PDF; None where the format has no pages
    heading: str  # the nearest heading path, "Battery > Charging" ('' when none)
    tokens: int  # approximate token count of text
    language: str  # 'ko', 'en', another ISO 639-1 code, or 'und'


@dataclass(frozen=True)
class IngestedDoc:
    title: str
    kind: str  # 'pdf' | 'docx' | 'markdown' | 'html' | 'txt' | 'csv' | 'url' | 'text'
    language: str  # the language most of the document's tokens are in
    chunks: list[ChunkDraft]
    warnings: list[str] = field(default_factory=list)


class IngestError(ValueError):
    """Input the user has to fix. ``field`` is the API field to blame ('file', 'url', 'text',
    'title'), ``code`` a machine-readable reason, the message fit to show.

    Codes: 'empty', 'too_large', 'too_long', 'encrypted', 'corrupt', 'type_mismatch',
    'unsupported_type', 'not_text', 'no_text', 'invalid'; for a URL also the outbound fetcher's
    reasons ('scheme', 'host', 'credentials', 'dns', 'private_address', 'redirects', 'timeout',
    'unreachable') and 'fetch_failed' (an HTTP error status)."""

    def __init__(self, field: str, message: str, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code

    def __reduce__(self):
        # the fields would otherwise be lost when a worker or the sandbox pickles the error
        return functools.partial(IngestError, code=self.code), (self.field, self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Block:
    """One unit of a document's structure before chunking: a paragraph, a list item, a table
    row or a code block, with the page and heading path it sits under."""

    text: str
    page: int | None = None
    heading: tuple[str, ...] = ()
    kind: str = "text"  # 'text' | 'row' (a table or CSV row: never split) | 'code'


def setting(name: str, default):
    """A Django setting, or ``default`` where Django is not configured (ingestion also runs in
    the sandbox's bare child process)."""
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:
        return default


def max_file_bytes() -> int:
    return int(setting("KNOWLEDGE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
