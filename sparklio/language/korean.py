"""Korean grammar the copy needs: the particle that fits the word before it (을/를, 이/가,
은/는, 와/과, 으로/로 ...) through ``tossi``, the speech level a tone asks for (해요체 or
합니다체), and lists joined the way each language joins them."""

from __future__ import annotations

import re

import tossi

POLITE_TONES = {"premium", "professional", "calm"}
# what a careless template leaves behind: "제품이(가)", "X1와(과)", "(을)를"
PLACEHOLDER_PARTICLE = re.compile(r"\((?:이|가|을|를|은|는|와|과|으로|로|이나|나|이랑|랑|아|야)\)")


def particle(word: str, form: str) -> str:
    """The form of a Korean particle that follows ``word`` (을/를, 이/가, 으로/로, 와/과 ...)."""
    return tossi.postfix(word, form)[len(word) :]


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
