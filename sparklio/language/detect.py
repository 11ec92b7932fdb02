"""The one language detector of the project: Korean or English, for briefs, meeting notes,
chat messages and imported designs alike."""

from __future__ import annotations

import re
from typing import Literal


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e" or "\u1100" <= char <= "\u11ff"


def has_hangul(text: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in text)


_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e\u1100-\u11ff]")
_LATIN = re.compile("[A-Za-z]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def _korean_or_english(hangul: int, latin: int, default: str) -> str:
    if hangul == 0 and latin == 0:
        return default
    return "ko" if 3 * hangul / (3 * hangul + latin) >= 0.35 else "en"


def detect_language(text: str, *, default: Literal["ko", "en"] = "ko") -> Literal["ko", "en"]:
    """Korean ("ko") when Hangul carries at least 35% of the letters, else English ("en").

    A Hangul syllable weighs as three Latin letters (it holds about as much), so a Korean
    brief full of English product names stays Korean. No letters at all: ``default`` ("ko",
    the studio's default language).
    """
    text = text if isinstance(text, str) else ""
    return _korean_or_english(len(_HANGUL.findall(text)), len(_LATIN.findall(text)), default)


def language_code(text: str) -> str:
    """An ISO 639-1 code for a stored text (a knowledge chunk, an imported document):
    ``detect_language``'s "ko" or "en" where Hangul or Latin letters carry it, "ja" or "zh"
    for Japanese or Chinese script, and "und" (undetermined) for text with neither (no
    letters, or only letters of other scripts), where a default would be a guess written
    down as a fact."""
    text = text if isinstance(text, str) else ""
    hangul, latin = len(_HANGUL.findall(text)), len(_LATIN.findall(text))
    kana, han = len(_KANA.findall(text)), len(_HAN.findall(text))
    # a Han character or a kana weighs like a Hangul syllable against Latin letters
    if kana and kana + han > 3 * hangul and 3 * (kana + han) > latin:
        return "ja"
    if han > 3 * hangul and 3 * han > latin:
        return "zh"
    return _korean_or_english(hangul, latin, "und")


def fits_language(text: str, language: str) -> bool:
    """Whether ``text`` can stand in copy written in ``language`` as it is.

    English copy takes no Hangul at all ("An ordinary day of 2030 직장인" reads as a bug). Korean
    copy takes Latin names and short terms (Aero Bottle, USB-C, IPX7 방수) but not an English
    phrase of four words or more ("office workers in their thirties"), which would need a
    translation no baseline can make.
    """
    text = text if isinstance(text, str) else ""
    if language == "en":
        return not _HANGUL.search(text)
    if language == "ko" and not _HANGUL.search(text):
        return len(re.findall(r"[A-Za-z]+", text)) < 4
    return True
