"""brief_parse: the deterministic reading of a marketing brief that every generator baseline
starts from. Korean briefs are read through Kiwi's morphology, English ones through cue
phrases; prices, offers and channels are matched the same way in both."""

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import english, korean
from .lexicon import FEATURE_BENEFITS
from .signals import (
    category_of_phrase,
    category_of_words,
    detect_channel,
    detect_format,
    detect_language,
    find_offers,
    find_price,
    has_urgency_hint,
)
from .slots import Slots

# Longer texts are read up to here (patterns: prices, offers, channel, format) ...
MAX_ANALYSED_CHARS = 10_000
# ... and morphology reads the first BRIEF_MAX_CHARS-worth, where a brief's slots are: Kiwi
# costs about 25 µs a character, so a whole 10,000-character paste would take a quarter second.
MAX_MORPH_CHARS = 4_000
MAX_KEYWORDS = 15
MAX_KEYWORD_CHARS = 40

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Brief(BaseModel):
    """What a marketing brief asks for, slot by slot; a slot the brief doesn't fill is None or []."""

    model_config = ConfigDict(extra="forbid")

    text: str
    language: Literal["ko", "en"]
    product: str | None = None
    category: str | None = None
    channel: str | None = None
    channel_name: str | None = None
    format: str | None = None
    audience: str | None = None
    features: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    tone: str | None = None
    price: str | None = None
    offer: str | None = None
    keywords: list[str] = Field(default_factory=list)


def brief_parse(text: str) -> Brief:
    """Read a brief into slots. Deterministic, and never fails on odd input."""
    text = _clean(text)
    analysed = text[:MAX_ANALYSED_CHARS]
    language = detect_language(analysed)
    channel, channel_name = detect_channel(analysed)
    offer, offer_spans = find_offers(analysed)
    price, price_span = find_price(analysed, offer_spans)
    taken = offer_spans + ([price_span] if price_span else [])

    if language == "ko":
        slots = korean.extract(analysed[:MAX_MORPH_CHARS], taken)
        _fill(slots, english.extract(analysed, taken, guess_product=False))
    else:
        slots = english.extract(analysed, taken)

    category = (
        category_of_phrase(slots.product)
        or category_of_phrase(slots.product_context)
        or category_of_words(slots.category_words)
    )
    return Brief(
        text=text,
        language=language,
        product=slots.product,
        category=category,
        channel=channel,
        channel_name=channel_name,
        format=detect_format(analysed, channel),
        audience=slots.audience,
        features=slots.features,
        benefits=_benefits(slots, language),
        tone=slots.tone or ("urgent" if has_urgency_hint(analysed) else None),
        price=price,
        offer=offer,
        keywords=_keywords(slots),
    )


def _clean(text: object) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    # lone surrogates cannot be encoded, for Kiwi or for JSON
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text).strip()


def _fill(slots: Slots, other: Slots) -> None:
    """Take from a second reading what the first one missed (English labels in a Korean brief)."""
    for name in ("product", "product_context", "audience", "tone"):
        if getattr(slots, name) is None:
            setattr(slots, name, getattr(other, name))
    for name in ("features", "benefits"):
        if not getattr(slots, name):
            setattr(slots, name, getattr(other, name))


def _benefits(slots: Slots, language: str) -> list[str]:
    """The benefits the brief states, then those its features imply, in the brief's language."""
    benefits = list(slots.benefits)
    for feature in slots.features:
        low = feature.lower()
        for terms, (ko, en) in FEATURE_BENEFITS:
            if any(_contains_term(low, term) for term in terms):
                benefit = ko if language == "ko" else en
                if benefit not in benefits:
                    benefits.append(benefit)
                break
    return benefits


def _contains_term(text: str, term: str) -> bool:
    if term.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(term), text) is not None
    return term in text


def _keywords(slots: Slots) -> list[str]:
    """Product, features, the product's kind, then the other salient nouns; nothing that is
    already inside an earlier keyword."""
    keywords: list[str] = []
    for candidate in [slots.product, *slots.features, slots.product_context, *slots.nouns]:
        if not candidate or len(candidate) > MAX_KEYWORD_CHARS or len(keywords) >= MAX_KEYWORDS:
            continue
        candidate = candidate.strip()
        low = candidate.lower()
        if any(_inside(low, kept.lower()) for kept in keywords):
            continue
        keywords.append(candidate)
    return keywords


def _inside(word: str, phrase: str) -> bool:
    if word.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", phrase) is not None
    return word in phrase
