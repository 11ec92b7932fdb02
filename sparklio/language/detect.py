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


def _is_kana(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff"


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def language_code(text: str) -> str:
    """An ISO 639-1 code for a stored text (a knowledge chunk, an imported document):
    ``detect_language``'s "ko" or "en" where Hangul or Latin letters carry it, "ja" or "zh"
    for Japanese or Chinese script, and "und" (undetermined) for text with no letters at all,
    where a default would be a guess written down as a fact."""
    text = text if isinstance(text, str) else ""
    hangul = latin = kana = han = other = 0
    for char in text:
        if is_hangul(char):
            hangul += 1
        elif char.isascii():
            latin += char.isalpha()
        elif _is_kana(char):
            kana += 1
        elif _is_han(char):
            han += 1
        elif char.isalpha():
            other += 1
    if hangul + latin + kana + han + other == 0:
        return "und"
    # a Han character or a kana weighs like a Hangul syllable against Latin letters
    if kana and kana + han > 3 * hangul and 3 * (kana + han) > latin:
        return "ja"
    if han > 3 * hangul and 3 * han > latin:
        return "zh"
    if hangul == 0 and latin == 0:
        return "und"
    return detect_language(text)
