"""Korean grammar the copy needs: the particle that fits the word before it (을/를, 이/가,
은/는, 와/과, 으로/로 ...) through ``tossi``, the speech level a tone asks for (해요체 or
합니다체), and lists joined the way each language joins them."""

from __future__ import annotations

import re

import tossi

POLITE_TONES = {"premium", "professional", "calm"}
# what a careless template leaves behind: "제품이(가)", "X1와(과)", "(을)를"
PLACEHOLDER_PARTICLE = re.compile(r"\((?:이|가|을|를|은|는|와|과|으로|로|이나|나|이랑|랑|아|야)\)")


# how the end of a word that is not Hangul is read aloud, for choosing its particle
_DIGIT_READING = dict(zip("0123456789", ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"], strict=True))
_LETTER_READING = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        ["에이", "비", "씨", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이", "엘", "엠", "엔", "오", "피",
         "큐", "알", "에스", "티", "유", "브이", "더블유", "엑스", "와이", "지"],
        strict=True,
    )
)  # fmt: skip
_UNIT_READING = {
    "%": "퍼센트", "kg": "킬로그램", "g": "그램", "mg": "밀리그램", "ml": "밀리리터", "l": "리터", "km": "킬로미터",
    "m": "미터", "cm": "센티미터", "mm": "밀리미터", "pa": "파스칼", "mah": "밀리암페어", "w": "와트", "hz": "헤르츠",
    "gb": "기가바이트", "tb": "테라바이트", "h": "시간", "min": "분",
}  # fmt: skip


def reading_end(word: str) -> str:
    """The word's last sound as Hangul: "70%" ends like 퍼센트, "X1" like 일, "8000Pa" like
    파스칼; an English word is read by its last letter (a rough guess tossi cannot make)."""
    stripped = word.rstrip(" )]'\"+.")
    if not stripped or "가" <= stripped[-1] <= "힣":
        return stripped
    low = stripped.lower()
    for unit in sorted(_UNIT_READING, key=len, reverse=True):
        if low.endswith(unit) and (len(low) == len(unit) or not low[-len(unit) - 1].isalpha()):
            return _UNIT_READING[unit]
    last = low[-1]
    if last in _DIGIT_READING:
        return _DIGIT_READING[last]
    if last in _LETTER_READING and len(low) > 1 and low[-2].isalpha() and low.isascii():
        # a word, as Korean writes it: its final consonant decides (Drop 드롭을, Line 라인을,
        # Desk 데스크를, Table 테이블을); a silent e leaves the consonant before it
        if low.endswith("le"):
            return "을"
        if last == "e" and len(low) > 2 and low[-2] not in "aeiouy":
            last = low[-2]
        if low.endswith("ng"):
            return "잉"
        return {"m": "엠", "n": "엔", "l": "을", "p": "읍", "b": "읍"}.get(last, "아")
    return _LETTER_READING.get(last, stripped[-1])


def particle(word: str, form: str) -> str:
    """The form of a Korean particle that follows ``word`` (을/를, 이/가, 으로/로, 와/과 ...)."""
    end = reading_end(word)
    suffix = tossi.postfix(end, form)[len(end) :] if end else tossi.postfix(word, form)[len(word) :]
    # a word no one can read aloud (an emoji, a symbol): one form, never "이(가)" on a design
    if match := re.fullmatch(r"(\w+)\((\w+)\)", suffix):
        return match.group(1)
    if match := re.fullmatch(r"\((\w+)\)(\w+)", suffix):
        return match.group(1) + match.group(2)
    return suffix


def attach(word: str, form: str) -> str:
    """``word`` with the particle that fits it: attach("이어폰", "을") → "이어폰을"."""
    return word + particle(word, form)


def ending(pair, tone: str | None) -> str:
    """The 해요체 or 합니다체 form of a Korean phrasing given as a (해요체, 합니다체) pair; a
    plain string is used as is."""
    if isinstance(pair, tuple):
        return pair[1] if tone in POLITE_TONES else pair[0]
    return pair


def join_words(items: list[str], language: str) -> str:
    """ "A, B와 C" in Korean (the particle fits B), "A, B and C" in English."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if language == "ko":
        return ", ".join(items[:-2] + [f"{attach(items[-2], '와')} {items[-1]}"])
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def has_placeholder_particle(text: str) -> bool:
    return bool(PLACEHOLDER_PARTICLE.search(text))


_PLACEHOLDER_AFTER_WORD = re.compile(
    r"(?P<word>[가-힣A-Za-z0-9]+?)(?P<first>이|가|을|를|은|는|와|과|으로|로)\((?P<second>이|가|을|를|은|는|와|과|으로|로)\)"
)


def resolve_placeholder_particles(text: str) -> str:
    """ "X1와(과)" → "X1과", "제품이(가)" → "제품이": the particle chosen for the word."""
    return _PLACEHOLDER_AFTER_WORD.sub(lambda m: attach(m.group("word"), m.group("first")), text)
