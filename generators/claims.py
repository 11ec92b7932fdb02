"""What a brief's facts may say in the copy: claims about the product, not the brief talking
about itself ("just announcing restock", "no discount this time", "할인은 없어요"), and which
phrases belong to which kind of product.

The brief parser reads every clause near the product as a fact; a clause in which the writer
talks to the designer is none, and a sentence built from it ("Just announcing restock: you will
notice the difference") says nothing true about the product.
"""

from __future__ import annotations

import re

# a phrase that opens with these is the brief talking about itself, not a claim
_CHATTER_START = re.compile(
    r"^\s*(?:just|only|simply|merely)?\s*(?:announcing|announce|letting\s+(?:you|people)\s+know|"
    r"a\s+(?:quick\s+)?reminder|reminding)\b"
    r"|^\s*just\s+(?!in\b)"
    r"|^\s*(?:no\s+discount|no\s+sale|no\s+promo(?:tion)?|no\s+offer|this\s+time|for\s+now|"
    r"nothing\s+special|pls|please|thanks|thank\s+you|lol|fyi)\b",
    re.IGNORECASE,
)
_CHATTER_KO = re.compile(
    r"^\s*(?:그냥|이번엔|이번에는|이번에|공지만|알림만|할인은|할인 없|혜택은 없|혜택 없)|할인(?:은|이)?\s*없"
)


def is_chatter(phrase: str) -> bool:
    """The brief speaking of itself ("just announcing restock", "no discount this time")."""
    text = (phrase or "").strip()
    return bool(text) and bool(_CHATTER_START.search(text) or _CHATTER_KO.search(text))


def claims(phrases: list[str] | None) -> list[str]:
    """``phrases`` without the brief's chatter."""
    return [phrase for phrase in phrases or [] if phrase and not is_chatter(phrase)]


# a bare count ("4 pcs", "12개", "3종"): a bullet's, never a sentence's ("Hana Mug Set, with 4 pcs")
_COUNT = re.compile(
    r"^\s*(?:a\s+)?(?:set|pack|box)?\s*(?:of\s+)?\d+\s*(?:x\s*)?"
    r"(?:pcs?|pieces?|packs?|ct|count|sets?|units?|pairs?|servings?|capsules?|tablets?|sheets?|rolls?|"
    r"bottles?|bags?|boxes?|cans?|개|종|입|매|팩|세트|구|캔|병|포|정|장|개입)?\.?\s*(?:구성|세트|set)?\s*$",
    re.IGNORECASE,
)


def is_bare_count(phrase: str) -> bool:
    return bool(_COUNT.match(phrase or ""))
