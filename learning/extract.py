"""Signals read out of stored things, as plain values: the copy of a document, the phrases an
edit removed and added, the metrics of imported performance. No database here."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Roles whose text is marketing copy (a price, a date or a legal line teaches nothing of voice).
COPY_ROLES = frozenset(
    {"headline", "subheadline", "body", "cta", "cta_button", "tagline", "slogan", "caption", "quote", "feature_bullet"}
)
# Copy short enough to be a phrasing on its own (a headline, a button), not a paragraph.
SHORT_TEXT_CHARS = 40
# An edit that rewrites more than this many words at once is a new text, not a changed phrase.
MAX_PHRASE_WORDS = 4
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>.,!?~…·:;-—–|/"
_DIGITS_ONLY = re.compile(r"^[\d.,%₩$원]+$")


@dataclass(frozen=True)
class CopyText:
    object_id: str
    role: str
    text: str
    generated: bool  # made by an agent (its provenance says so)


@dataclass(frozen=True)
class EditPair:
    """A generated text a marketer changed: the text before and after one edit."""

    document_id: int
    object_id: str
    role: str
    before: str
    after: str


def copy_texts(content: dict) -> list[CopyText]:
    """The document's copy, in page and drawing order (groups included)."""
    found: list[CopyText] = []

    def walk(objects):
        for obj in objects:
            if obj.get("type") == "text" and obj.get("role") in COPY_ROLES and (obj.get("text") or "").strip():
                provenance = obj.get("provenance") or {}
                found.append(CopyText(obj["id"], obj["role"], obj["text"].strip(), provenance.get("source") == "agent"))
            walk(obj.get("children", []))

    for page in content.get("pages", []):
        walk(page.get("objects", []))
    return found


def edit_pairs(document_id: int, before: dict, after: dict) -> list[EditPair]:
    """Generated texts of ``before`` whose text ``after`` changed (same object id). A text the
    marketer wrote themselves, or deleted, is not a before→after pair."""
    was = {item.object_id: item for item in copy_texts(before) if item.generated}
    pairs = []
    for item in copy_texts(after):
        old = was.get(item.object_id)
        if old is not None and old.text != item.text:
            pairs.append(EditPair(document_id, item.object_id, old.role, old.text, item.text))
    return pairs


def _words(text: str) -> list[str]:
    return [word.strip(_EDGE_PUNCTUATION) for word in text.split() if word.strip(_EDGE_PUNCTUATION)]


def _phrase(words: list[str]) -> str | None:
    if not words or len(words) > MAX_PHRASE_WORDS:
        return None
    phrase = " ".join(words)
    if len(phrase) < 2 or _DIGITS_ONLY.match(phrase):
        return None
    return phrase


def phrase_changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added): the runs of words an edit took out and put in, word by word (a
    replaced run gives one of each). Case is kept; comparison is case-insensitive."""
    old, new = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in old], b=[w.casefold() for w in new], autojunk=False)
    removed, added = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete") and (phrase := _phrase(old[i1:i2])):
            removed.append(phrase)
        if op in ("replace", "insert") and (phrase := _phrase(new[j1:j2])):
            added.append(phrase)
    return removed, added


def rate_of(metrics: dict, numerator: str, denominator: str, given: str) -> float:
    """A rate from the row (``ctr``) or computed from its counts when absent."""
    value = metrics.get(given)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    top, bottom = metrics.get(numerator) or 0, metrics.get(denominator) or 0
    return float(top) / float(bottom) if bottom else 0.0
