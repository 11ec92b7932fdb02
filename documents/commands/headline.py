"""A headline written from what the document is about: "노이즈 캔슬링으로 완성한 무선 이어폰 X1",
"Nimbus 2: 8000Pa suction, done right".

Documents made by the campaign workflow carry the brief's facts in ``metadata.facts``; older ones
are read from their own texts (a product name, feature bullets, a discount badge, the rest through
the brief reader). Deterministic and offline; Korean particles come from tossi, and a phrasing
whose particle tossi cannot tell ("ANC(으)로") gives way to one that needs none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.schema import Role
from sparklio.language.brief import brief_parse
from sparklio.language.brief.morph import get_kiwi
from sparklio.language.brief.signals import find_offers
from sparklio.language.korean import attach

MAX_CHARS = {"ko": 28, "en": 48}  # about two lines of a headline at its usual size
_BULLET = re.compile(r"^\s*(?:[-•*·▪✓✔]|\d+[.)])\s*")
_NOUN_TAGS = ("NN", "NR", "SL", "SN", "SH", "XSN")


@dataclass(frozen=True)
class Facts:
    product: str | None = None
    features: list[str] = field(default_factory=list)
    offer: str | None = None


def _text(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def document_facts(content: dict) -> Facts:
    """The product, its features and the offer: ``metadata.facts`` where the document has them,
    the rest from what its texts say."""
    facts = content["metadata"].get("facts")
    facts = facts if isinstance(facts, dict) else {}
    listed = facts.get("features") if isinstance(facts.get("features"), list) else []
    given = Facts(
        product=_text(facts.get("product")),
        features=[f for f in map(_text, listed) if f],
        offer=_text(facts.get("offer")),
    )
    if given.product and (given.features or given.offer):
        return given
    read = _facts_from_texts(content)
    return Facts(
        product=given.product or read.product,
        features=given.features or read.features,
        offer=given.offer or read.offer,
    )


def _texts(content: dict) -> list[tuple[str, str]]:
    """(role, text) of every text, groups' children included, in page order."""
    found: list[tuple[str, str]] = []

    def walk(objects):
        for obj in objects:
            if obj["type"] == "text" and obj["visible"] and obj["text"].strip():
                found.append((obj["role"], obj["text"].strip()))
            elif obj["type"] == "group":
                walk(obj["children"])

    for page in content["pages"]:
        walk(page["objects"])
    return found


def _facts_from_texts(content: dict) -> Facts:
    texts = _texts(content)
    by_role = lambda *roles: [t for role, t in texts if role in roles]  # noqa: E731
    # Product, features and the offer are the copy's; hashtags, prices and the fine print are noise here.
    copy = [t for role, t in texts if role not in {Role.HASHTAGS, Role.DISCLAIMER, Role.LEGAL, Role.CTA}]
    brief = brief_parse("\n".join(copy)) if copy else None
    product = next(iter(by_role(Role.PRODUCT_NAME)), None) or (brief.product if brief else None)
    bullets = [_BULLET.sub("", line) for t in by_role(Role.FEATURE_BULLET) for line in t.splitlines()]
    # the brief reader's benefits are partly implied by the features ("all-day use" from a
    # battery): a headline about this design says only what the design says
    features = [f for f in bullets + (brief.features if brief else []) if f.strip()]
    if content["language"] == "ko":
        features = [f for f in features if _is_noun_phrase(f)]  # "…으로 완성한" needs a noun before it
    badges = by_role(Role.DISCOUNT_BADGE, Role.BADGE)
    offer = next((find_offers(t)[0] for t in badges if find_offers(t)[0]), None)
    offer = offer or (brief.offer if brief else None)
    cleaned: list[str] = []
    for feature in (" ".join(f.split()) for f in features):
        if feature and feature not in cleaned and not (product and _contains(product, feature)):
            cleaned.append(feature)
    return Facts(product=_text(product), features=cleaned, offer=_text(offer))


def _is_noun_phrase(phrase: str) -> bool:
    tokens = get_kiwi().tokenize(phrase)
    return bool(tokens) and tokens[-1].tag.startswith(_NOUN_TAGS)


def _contains(phrase: str, word: str) -> bool:
    return word.casefold().replace(" ", "") in phrase.casefold().replace(" ", "")


def _with(before: str, word: str, form: str, after: str) -> str | None:
    """``word`` with the particle that fits it, between ``before`` and ``after``; None when
    tossi cannot tell which form fits (it answers "ANC(으)로" for a word it cannot read)."""
    attached = attach(word, form)
    return None if "(" in attached[len(word) :] else f"{before}{attached}{after}"


def _korean(product: str | None, features: list[str], offer: str | None) -> list[str]:
    """Phrasings, best first; each with a particle has one without to fall back on."""
    lines = []
    if product:
        lines += [_with("", f, "으로", f" 완성한 {product}") or f"{f}까지 챙긴 {product}" for f in features]
        if offer:
            lines.append(f"{product}, 지금 {offer}")
        lines.append(_with("지금 ", product, "을", " 만나보세요") or f"지금 만나는 {product}")
    lines += [_with("", f, "이", " 다릅니다") or f"{f}, 지금 만나보세요" for f in features]
    if offer:
        lines.append(f"{offer}, 놓치지 마세요")
    return lines


def _capital(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _english(product: str | None, features: list[str], offer: str | None) -> list[str]:
    options = []
    if product:
        options += [f"{product}: {f}, done right" for f in features]
        if offer:
            options.append(f"{product}: {offer}")
        options.append(f"Meet {product}")
    options += [f"{_capital(f)}, done right" for f in features]
    if offer:
        options.append(f"{_capital(offer)}. Don't miss it")
    return options


def write_headline(facts: Facts, language: str) -> str | None:
    """A short headline in ``language`` with the product and one feature (or the offer), the
    first phrasing that fits on about two lines; None when the document says nothing to write
    one from."""
    product = facts.product
    # A feature the product's name already says ("노이즈 캔슬링 무선 이어폰 X1") would be said twice.
    features = [f for f in facts.features if not (product and _contains(product, f))]
    candidates = (_korean if language == "ko" else _english)(product, features, facts.offer)
    limit = MAX_CHARS.get(language, MAX_CHARS["en"])
    return next((line for line in candidates if len(line) <= limit), product or next(iter(candidates), None))
