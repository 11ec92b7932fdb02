"""What a design carries of its brief, and the score rubric.

``carried`` reads the texts a design really shows (visible, on the page) and says whether the
product, the features and the offer are among them. ``overall_score`` turns the reviewer's,
brand guardian's and vision analyzer's scores into the workflow's overall score by the rubric
the README states: a missing product, feature or offer, or any layout defect, keeps it below 80;
90 and above means nothing needs a human fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

LAYOUT_RULES = {"text_overflow", "off_page", "text_collision", "text_covered", "safe_margin", "text_too_small"}
CAP_MISSING_PRODUCT = 60
CAP_LAYOUT_DEFECT = 70
CAP_MISSING_CLAIM = 75  # a feature or the offer
CAP_NEEDS_FIX = 89  # an error or warning left: a human has something to fix
RUBRIC = {
    "start": 100,
    "penalties": {"error": 20, "warning": 8, "info": 2},
    "caps": {
        "missing_product": CAP_MISSING_PRODUCT,
        "layout_defect": CAP_LAYOUT_DEFECT,
        "missing_feature_or_offer": CAP_MISSING_CLAIM,
        "error_or_warning_left": CAP_NEEDS_FIX,
    },
}

_STOP_WORDS = {
    "the", "a", "an", "and", "with", "for", "of", "in", "on", "to", "your", "our", "its", "it", "is",
}  # fmt: skip


def normalized(text: str) -> str:
    """Casefolded, NFC, punctuation and spaces dropped: "8000 Pa" and "8000Pa" match."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"[\s\W_]+", "", text)


def _words(text: str) -> list[str]:
    words = re.findall(r"[0-9a-z가-힣%$₩€£.,/+~-]+", unicodedata.normalize("NFKC", text).casefold())
    return [w.strip(".,") for w in words if w.strip(".,") and w.strip(".,") not in _STOP_WORDS]


def contains(haystack_norm: str, haystack_words: set[str], phrase: str) -> bool:
    """``phrase`` is shown: all of it, or (for longer phrases) at least two thirds of its
    words, each word whole or, in Korean, as the stem of a word shown."""
    if not phrase or not phrase.strip():
        return True
    if normalized(phrase) and normalized(phrase) in haystack_norm:
        return True
    words = _words(phrase)
    if len(words) < 2:
        return False
    found = sum(1 for word in words if word in haystack_words or (len(word) >= 2 and normalized(word) in haystack_norm))
    return found >= max(2, round(len(words) * 2 / 3))


def shown_texts(content: dict) -> list[tuple[str, str, str]]:
    """(id, role, text) of every visible text object of every page (a deck carries its facts
    on several slides), groups included."""
    out: list[tuple[str, str, str]] = []

    def walk(objects):
        for obj in objects:
            if obj.get("visible") is False or obj.get("opacity", 1) <= 0:
                continue
            if obj.get("type") == "group":
                walk(obj.get("children", []))
            elif obj.get("type") == "text" and (obj.get("text") or "").strip():
                out.append((obj["id"], obj.get("role", ""), obj["text"]))

    for page in content.get("pages") or []:
        walk(page.get("objects", []))
    return out


# the channels whose design is a few huge words (``templates.campaign.GLANCE``): no feature list
GLANCE_CHANNELS = {"youtube_thumbnail"}


@dataclass
class Carried:
    product: bool
    features_shown: list[str]
    features_missing: list[str]
    offer: bool | None  # None: the brief has no offer
    price: bool | None
    needed_features: int
    missing: list[str] = field(default_factory=list)

    @property
    def enough_features(self) -> bool:
        return len(self.features_shown) >= self.needed_features


def carried(content: dict, facts: dict, *, exclude: set[str] = frozenset()) -> Carried:
    """What of ``facts`` the design's shown texts carry. ``exclude``: object ids whose text
    does not count (a text that is covered or off the page is not shown)."""
    texts = [text for oid, _, text in shown_texts(content) if oid not in exclude]
    joined = "\n".join(texts)
    norm, words = normalized(joined), set(_words(joined))
    product = facts.get("product")
    features = [f for f in facts.get("features") or [] if f]
    shown = [f for f in features if contains(norm, words, f)]
    result = Carried(
        product=contains(norm, words, product) if product else True,
        features_shown=shown,
        features_missing=[f for f in features if f not in shown],
        offer=contains(norm, words, facts["offer"]) if facts.get("offer") else None,
        price=contains(norm, words, facts["price"]) if facts.get("price") else None,
        # a thumbnail is a few huge words (the product, the hook): no room for a list of features
        needed_features=0 if content.get("channel") in GLANCE_CHANNELS else min(2, len(features)),
    )
    if not result.product:
        result.missing.append("product")
    if not result.enough_features:
        result.missing.append("features")
    if result.offer is False:
        result.missing.append("offer")
    return result


def overall_score(scores: list[int | None], findings: list[dict]) -> tuple[int | None, list[str]]:
    """The rubric: the mean of the scores, capped by what the findings say is wrong. Returns the
    score and the caps that applied."""
    present = [s for s in scores if s is not None]
    if not present:
        return None, []
    score = round(sum(present) / len(present))
    caps: list[str] = []
    rules = {f.get("rule") for f in findings}
    severities = {f.get("severity") for f in findings}

    def cap(limit: int, name: str) -> None:
        nonlocal score
        if score > limit:
            score = limit
        caps.append(name)

    if "product" in rules:
        cap(CAP_MISSING_PRODUCT, "missing_product")
    if rules & LAYOUT_RULES:
        cap(CAP_LAYOUT_DEFECT, "layout_defect")
    if rules & {"feature", "features", "offer", "truncated", "name_cut", "fluency", "particle"}:
        cap(CAP_MISSING_CLAIM, "missing_feature_or_offer")
    if severities & {"error", "warning"}:
        cap(CAP_NEEDS_FIX, "error_or_warning_left")
    return score, caps
