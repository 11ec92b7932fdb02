"""The one language detector of the project: Korean or English, for briefs, meeting notes,
chat messages and imported designs alike."""

from __future__ import annotations

from typing import Literal


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e" or "\u1100" <= char <= "\u11ff"


def has_hangul(text: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in text)


def detect_language(text: str, *, default: Literal["ko", "en"] = "ko") -> Literal["ko", "en"]:
    """Korean ("ko") when Hangul carries at least 35% of the letters, else English ("en").

    A Hangul syllable weighs as three Latin letters (it holds about as much), so a Korean
    brief full of English product names stays Korean. No letters at all: ``default`` ("ko",
    the studio's default language).
    """
    text = text if isinstance(text, str) else ""
    hangul = sum(1 for char in text if is_hangul(char))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    if hangul == 0 and latin == 0:
        return default
    return "ko" if 3 * hangul / (3 * hangul + latin) >= 0.35 else "en"
