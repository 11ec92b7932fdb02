"""Facts: what was understood from a brief, in the shape a marketer sees and corrects.

A workflow parses its brief once into ``Facts`` and keeps them; every agent works from them.
``FactsOverride`` is what a caller may send to correct the parse: each field it sets replaces
the parsed one, the rest stay as parsed.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .extract import Brief, brief_parse

MAX_FEATURES = 8


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product: str | None = None
    category: str | None = None
    features: list[str] = Field(default_factory=list)
    offer: str | None = None
    price: str | None = None
    deadline: str | None = None
    audience: str | None = None
    tone: str | None = None
    channels: list[str] = Field(default_factory=list)
    language: Literal["ko", "en"] = "ko"
    # fields read with little to go on ("product", "features", "offer"): the review asks a
    # person to confirm them, and a field the caller sets is no longer in doubt
    doubts: list[str] = Field(default_factory=list)
    # when the product is in doubt because a second reading of the brief prefers another phrase:
    # that phrase, for the studio to offer ("did you mean …?"); gone once the caller sets the product
    product_suggestion: str | None = None


_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")


def _clean(value: str) -> str:
    value = re.sub(r"\s+", " ", _INVISIBLE.sub("", value)).strip()
    if not value:
        raise ValueError("must not be blank")
    if any(ord(char) < 32 for char in value) or re.search(r"[\ud800-\udfff]", value):
        raise ValueError("must not contain control characters")
    return value


class FactsOverride(BaseModel):
    """Corrections to the parsed facts. A field left out keeps the parse; ``null`` clears it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    product: str | None = Field(default=None, min_length=1, max_length=120)
    category: str | None = Field(default=None, min_length=1, max_length=40)
    features: list[str] | None = Field(default=None, max_length=MAX_FEATURES)
    offer: str | None = Field(default=None, min_length=1, max_length=160)
    price: str | None = Field(default=None, min_length=1, max_length=60)
    deadline: str | None = Field(default=None, min_length=1, max_length=80)
    audience: str | None = Field(default=None, min_length=1, max_length=200)
    tone: str | None = Field(default=None, min_length=1, max_length=60)
    channels: list[str] | None = Field(default=None, min_length=1, max_length=8)
    language: Literal["ko", "en"] | None = None

    @field_validator("product", "category", "offer", "price", "deadline", "audience", "tone")
    @classmethod
    def _text(cls, value):
        return None if value is None else _clean(value)

    @field_validator("features")
    @classmethod
    def _features(cls, value):
        if value is None:
            return None
        cleaned = []
        for item in value:
            item = _clean(item)
            if len(item) > 120:
                raise ValueError("each feature has at most 120 characters")
            if item.casefold() not in {c.casefold() for c in cleaned}:
                cleaned.append(item)
        return cleaned


def facts_of(brief: Brief) -> Facts:
    channels = list(brief.channels) or ([brief.channel] if brief.channel else [])
    return Facts(
        product=brief.product,
        category=brief.category,
        features=list(brief.features)[:MAX_FEATURES],
        offer=brief.offer,
        price=brief.price,
        deadline=brief.deadline,
        audience=brief.audience,
        tone=brief.tone,
        channels=channels,
        language=brief.language,
        doubts=list(brief.doubts),
        product_suggestion=brief.product_suggestion,
    )


def facts_from_brief(text: str, override: FactsOverride | None = None) -> Facts:
    """The brief's facts, with the caller's corrections laid over them."""
    facts = facts_of(brief_parse(text))
    if override is None:
        return facts
    changes = {name: getattr(override, name) for name in override.model_fields_set}
    if changes.get("language") is None:
        changes.pop("language", None)
    if "features" in changes and changes["features"] is None:
        changes["features"] = []
    if "channels" in changes and changes["channels"] is None:
        changes.pop("channels")
    changes["doubts"] = [field for field in facts.doubts if field not in override.model_fields_set]
    if "product" in override.model_fields_set:
        changes["product_suggestion"] = None
    language = changes.get("language")
    needed = {"features", "offer"} if facts.offer else {"features"}
    if language and language != facts.language and not needed <= override.model_fields_set:
        # copy asked in another language than the brief's: the features and offer are still
        # in the brief's words, and offline nothing is translated
        changes["doubts"].append("language")
    return facts.model_copy(update=changes)
