"""Values no column can store and no UTF-8 response can carry: lone surrogates (``"\\ud800"``
parses from JSON but is not Unicode text), NUL characters (PostgreSQL refuses them) and numbers
too large to be finite (``1e999`` parses as infinity, which JSON columns refuse)."""

from __future__ import annotations

import math
import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
NUL_MESSAGE = "Null characters are not allowed."
SURROGATE_MESSAGE = "Lone surrogates (\\ud800–\\udfff) are not valid Unicode text."
INFINITE_MESSAGE = "The number is too large."


def problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None."""
    match = _UNSTORABLE.search(text)
    if match is None:
        return None
    return NUL_MESSAGE if match.group() == "\x00" else SURROGATE_MESSAGE


def printable(text: str) -> str:
    """``text`` with NUL and surrogates escaped, safe to put in a message or a path."""
    return _UNSTORABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def first_unstorable(value, path: str = "") -> tuple[str, str] | None:
    """The JSON path (``content.pages[0].objects[2].text``) of the first string, key or number
    in parsed JSON that cannot be stored, and why."""
    if isinstance(value, str):
        message = problem(value)
        return (path, message) if message else None
    if isinstance(value, float) and not math.isfinite(value):
        return path, INFINITE_MESSAGE
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{printable(key)}" if path else printable(key)
            if (message := problem(key)) is not None:
                return here, message
            if found := first_unstorable(item, here):
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if found := first_unstorable(item, f"{path}[{index}]"):
                return found
    return None
