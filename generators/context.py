"""What a generator works from: the slots of the brief (extracted, then overridden by the
caller's structured fields) and the brand kit, read once into plain values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from generators.channels import ChannelRules, rules_for
from generators.claims import claims
from learning.selectors import learned_style
from learning.style import LearnedStyle
from sparklio.language import fits_language
from sparklio.language.brief import Brief, brief_parse

TONE_WORDS = {
    "friendly": ["친근", "다정", "따뜻", "편안", "friendly", "warm", "casual"],
    "premium": ["고급", "프리미엄", "럭셔리", "세련", "premium", "luxury", "elegant", "sophisticated"],
    "playful": ["유쾌", "재미", "발랄", "위트", "playful", "fun", "witty", "cheerful"],
    "professional": ["전문", "신뢰", "정중", "professional", "trustworthy", "formal", "expert"],
    "urgent": ["긴급", "한정", "마감", "서둘", "urgent", "limited", "hurry"],
    "calm": ["차분", "잔잔", "미니멀", "calm", "minimal", "quiet"],
}


def tone_of(text: str | None) -> str | None:
    """The tone family a free-text tone description belongs to (first listed wins)."""
    if not text:
        return None
    lowered = text.casefold()
    for tone, words in TONE_WORDS.items():
        if any(word in lowered for word in words):
            return tone
    return None


@dataclass(frozen=True)
class BrandProfile:
    """A brand kit as the generators need it (no ORM objects past this point)."""

    id: int | None = None
    name: str = ""
    language: str = "ko"
    tone: str | None = None
    tone_text: str = ""
    audience: str = ""
    banned_words: tuple[str, ...] = ()
    required_words: tuple[str, ...] = ()
    colors: dict[str, str] = field(default_factory=dict)  # role → #RRGGBB (first of each role)
    palette: tuple[str, ...] = ()  # every colour of the kit
    heading_font: str | None = None
    body_font: str | None = None
    logo: str | None = None  # storage path of the first logo
    guidelines: str = ""
    # what the brand learned from feedback, edits and performance (learning/style.py): the best
    # examples go into model prompts, and baseline candidates are ranked by it
    learned: LearnedStyle | None = None

    @classmethod
    def from_kit(cls, brand) -> BrandProfile:
        colors: dict[str, str] = {}
        palette = []
        for color in brand.colors.all():
            colors.setdefault(color.role, color.hex)
            palette.append(color.hex)
        fonts = {font.role: font.family for font in brand.fonts.all()}
        logo = brand.logos.first()
        return cls(
            id=brand.pk,
            name=brand.name,
            language=brand.language,
            tone=tone_of(brand.tone_of_voice),
            tone_text=brand.tone_of_voice,
            audience=brand.target_audience,
            banned_words=tuple(brand.banned_words),
            required_words=tuple(brand.required_words),
            colors=colors,
            palette=tuple(palette),
            heading_font=fonts.get("heading") or fonts.get("display") or fonts.get("body"),
            body_font=fonts.get("body") or fonts.get("heading"),
            logo=logo.file.name if logo else None,
            guidelines=brand.guidelines or "",
            learned=learned_style(brand.pk),
        )


@dataclass
class Slots:
    """The brief's slots after the caller's structured fields were laid over them."""

    language: str
    product: str
    product_given: bool
    category: str | None
    channel: str | None
    format: str | None
    audience: str | None
    features: list[str]
    benefits: list[str]
    tone: str | None
    price: str | None
    offer: str | None
    keywords: list[str]
    brief: Brief | None

    @property
    def feature(self) -> str | None:
        return self.features[0] if self.features else None


@dataclass
class GenContext:
    """Everything a run needs besides its input: who asks, for which brand and channel."""

    workspace_id: int | None = None
    user_id: int | None = None
    brand: BrandProfile = field(default_factory=BrandProfile)
    provider: str | None = None
    offline: bool = False  # force the baseline (the caller asked for provider "offline")
    cause: object | None = None  # the row the LLM ledger links the calls to
    on_progress: object | None = None  # callable(fraction, message) for long image work


def resolve_slots(inp, brand: BrandProfile) -> Slots:
    """Slots from ``inp.brief`` (when given) overridden by ``inp``'s structured fields."""
    brief = brief_parse(inp.brief) if getattr(inp, "brief", None) else None

    def pick(name, default=None):
        value = getattr(inp, name, None)
        if value not in (None, "", []):
            return value
        if brief is not None and getattr(brief, name, None) not in (None, "", []):
            return getattr(brief, name)
        return default

    language = getattr(inp, "language", None) or (brief.language if brief else None) or brand.language or "ko"
    product = pick("product")
    fallback_product = brand.name or ("신제품" if language == "ko" else "our new product")
    tone = tone_of(getattr(inp, "tone", None)) or (brief.tone if brief else None) or brand.tone

    # A value in another script than the copy's (a Korean brand's audience in an English brief)
    # is left out rather than pasted into a line: every phrasing has a form without it. Names
    # (the product, the brand) stay as they are written.
    def fitting(value):
        return value if value and fits_language(value, language) else None

    def all_fitting(values):
        return [value for value in values if fitting(value)]

    return Slots(
        language=language,
        product=product or fallback_product,
        product_given=bool(product),
        category=pick("category"),
        channel=pick("channel"),
        format=brief.format if brief else None,
        audience=fitting(pick("audience")) or fitting(brand.audience),
        # the brief talking about itself ("just announcing restock") is no claim to write about
        features=all_fitting(claims(pick("features", [])))[:6],
        benefits=all_fitting(claims(pick("benefits", [])))[:6],
        tone=tone,
        price=fitting(pick("price")),
        offer=fitting(pick("offer")),
        keywords=list(brief.keywords if brief else [])[:12],
        brief=brief,
    )


def seed_of(*parts) -> int:
    """A stable seed (unlike hash(), the same in every process) for choosing phrasings."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def channel_rules(slots: Slots) -> ChannelRules:
    return rules_for(slots.channel)
