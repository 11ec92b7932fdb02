"""What part of speech an English fact is, so a phrase bank puts it where it reads.

A phrasing's ``{feature}`` and ``{benefit}`` slots take a noun phrase ("Vibram sole", "lasting
hydration"): "with waterproof", "Big on worry-free in rain and sweat" or "Tumbler keeps drinks
cold, all in Aqua Bottle" are what a fact of another kind gives there. ``english_form`` sorts a
fact into one of four kinds:

- ``noun``: "Vibram sole", "noise cancelling", "stainless steel lid", "3x faster charging";
- ``adjective``: a quality said of the product ("waterproof", "20% lighter", "gentle on skin",
  "worry-free in rain and sweat", "built to last"): the ``{quality}`` slot ("It's {quality}");
- ``verb``: a verb phrase said of the product ("syncs calendars", "feels light all day");
- ``clause``: a sentence of its own ("Tumbler keeps drinks cold"): said as a sentence;
- ``spec``: a bare measure ("280g", "5000mAh"): for bullets, not for a phrasing's slots.
"""

from __future__ import annotations

import re

from sparklio.language.brief.claims import reads_as_verb

WORD = re.compile(r"[A-Za-z0-9%'’+.-]+")
# adjectives a product's facts are often just one of ("lightweight", "wireless", "vegan")
ADJECTIVES = {
    "light", "lighter", "lightweight", "wireless", "cordless", "compact", "portable", "durable", "rugged",
    "organic", "natural", "vegan", "gentle", "easy", "safe", "quiet", "silent", "soft", "slim", "thin", "fast",
    "quick", "strong", "tough", "cool", "warm", "breathable", "ergonomic", "hypoallergenic", "antibacterial",
    "eco-friendly", "handmade", "sustainable", "recycled", "recyclable", "foldable", "washable", "reusable",
    "stackable", "adjustable", "waterproof", "water-resistant", "dustproof", "shockproof", "leakproof",
    "leak-proof", "stain-resistant", "non-slip", "non-toxic", "odorless", "odourless", "scentless", "ready",
    "built", "made", "designed", "crafted", "sturdy", "smooth", "bright", "clear", "new", "fresh", "pure",
    "unscented", "cruelty-free", "gluten-free", "sugar-free", "fragrance-free", "worry-free", "hassle-free",
    "hands-free", "dishwasher-safe", "long-lasting", "all-day", "quick-drying", "fast-drying",
}  # fmt: skip
ADJECTIVE_END = re.compile(r"(?:-free|-proof|proof|-safe|-resistant|less|able|ible|ful|ive|ous|ish)$")
PARTICIPLE = re.compile(r"[a-z]{3,}(?<!e)ed$")  # "insulated", "padded"; not "speed", "seed"
ADVERB = re.compile(r"[a-z]{2,}ly")  # "weekly", "locally", "freshly"
# what may follow a quality in the same phrase ("gentle on skin", "easy to carry", "safe for kids")
AFTER_QUALITY = {
    "in", "on", "to", "for", "from", "with", "and", "or", "than", "at", "by", "all", "anywhere", "everywhere",
    "enough", "yet", "but", "under", "over", "through", "against", "even",
}  # fmt: skip
# verbs that make a phrase a clause when a word after its first is one ("Tumbler keeps drinks cold")
CLAUSE_VERBS = {
    "is", "are", "was", "has", "have", "can", "will", "does", "do", "keeps", "keep", "makes", "stays", "holds",
    "lets", "gives", "takes", "works", "fits", "lasts", "charges", "protects", "helps", "brings", "turns",
    "locks", "seals", "blocks", "absorbs", "dries", "cleans", "goes", "comes", "feels", "looks", "runs",
    "stay", "make", "last", "fit", "work", "never", "won't", "doesn't", "don't", "isn't",
}  # fmt: skip
RELATIVE = {"that", "which", "who", "to"}
PRONOUNS = {"you", "we", "they", "i"}
# a compound adjective written open: "fragrance free", "dishwasher safe"
OPEN_COMPOUND = {"free", "proof", "resistant", "safe", "friendly", "ready"}
# words that do not make the one before them a verb ("ingredients you can trust" names things)
NOT_AN_OBJECT = {"you", "we", "they", "that", "which", "who", "to", "for", "of", "in", "on", "with", "and"}


def _is_quality_word(word: str, *, after_number: bool) -> bool:
    word = word.casefold()
    if "-" in word and PARTICIPLE.fullmatch(word.rsplit("-", 1)[1]):
        return True  # "hand-poured", "slow-roasted"
    if word in ADJECTIVES or ADJECTIVE_END.search(word) and len(word) > 5 or PARTICIPLE.fullmatch(word):
        return True
    # "20% lighter", "2x faster": a comparative after a number
    return after_number and (word.endswith("er") or word in ("more", "less"))


INTENSIFIERS = {"super", "very", "so", "extra", "ultra", "really", "not", "incredibly", "truly", "always"}


def english_form(phrase: str) -> str:
    """``noun``, ``adjective``, ``verb``, ``clause`` or ``spec`` (see the module's docstring)."""
    words = WORD.findall(phrase)
    if not words or re.search(r"[가-힣]", phrase):
        return "noun"
    lowered = [word.casefold() for word in words]
    if all(re.search(r"\d", word) for word in words):
        return "spec"  # "280g", "5000mAh": a bullet's, not a phrasing's ("Everything you want in 280g")
    if reads_as_verb(phrase) and lowered[1] not in NOT_AN_OBJECT:
        return "verb"
    for index in range(1, len(words)):
        before = lowered[index - 1]
        # "lid that locks", "ingredients you can trust": a noun with what is said of it
        reduced = index >= 2 and before in PRONOUNS
        if lowered[index] in CLAUSE_VERBS and before not in RELATIVE and not reduced and len(words) >= 3:
            return "clause"
    start = 0
    while start < len(words) and (re.search(r"\d", words[start]) or lowered[start] in ("x", "times")):
        start += 1
    rest = lowered[start:]
    if not rest:
        return "noun"
    last = rest[-1]
    if rest[0] == "no" and len(rest) >= 3 and PARTICIPLE.fullmatch(last):
        return "clause"  # "no credit card needed": a statement of its own
    if len(rest) == 2 and rest[0] in INTENSIFIERS and english_form(last) == "adjective":
        return "adjective"  # "super soft", "not itchy", "extra light"
    if len(rest) == 2 and (
        last in OPEN_COMPOUND or PARTICIPLE.fullmatch(last) or ADJECTIVE_END.search(last) and len(last) > 5
    ):
        return "adjective"  # "fragrance free", "machine washable", "end-to-end encrypted"
    # "waterproof", "20% lighter", "gentle on skin"; not "effortless style", "30% more battery"
    # "roasted weekly in small batches": an adverb may follow it too
    if _is_quality_word(rest[0], after_number=start > 0) and (
        len(rest) == 1 or rest[1] in AFTER_QUALITY or ADVERB.fullmatch(rest[1])
    ):
        return "adjective"
    return "noun"


def nouns(phrases: list[str]) -> list[str]:
    return [phrase for phrase in phrases if english_form(phrase) == "noun"]


def of_form(phrases: list[str], form: str) -> list[str]:
    return [phrase for phrase in phrases if english_form(phrase) == form]
