"""Measured quantities in Korean or English text ("배터리 30시간", "up to 30 hours of battery",
"129,000원", "$99", "5.2 g", "500mAh") with what they measure: the content words of their clause.

A quantity is a number with a unit of a known family (duration, money in won, money in dollars,
mass, volume, battery capacity, energy, power, length, percent) and its value in the family's
base unit, so "30시간" and "1,800분" are the same duration and "12만원" is 120,000 won. The words
of the clause it stands in (cut at commas, slashes, brackets and sentence ends) are its
``subject``, as ``terms`` gives them (Korean morphemes and English stems, with the shared
concepts, so "배터리" and "battery" meet), without numbers, units and words that measure nothing
("최대", "up to"). Two quantities state the same measure of the same thing when their families
match and their subjects share a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sparklio.language.terms import terms

# unit spelling -> (family, factor to the family's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(["시간", "hours", "hour", "hrs", "hr", "h"], ("duration", 3600.0)),
    **dict.fromkeys(["분", "minutes", "minute", "mins", "min"], ("duration", 60.0)),
    **dict.fromkeys(["초", "seconds", "second", "secs", "sec"], ("duration", 1.0)),
    **dict.fromkeys(["일", "days", "day"], ("duration", 86400.0)),
    **dict.fromkeys(["개월", "months", "month"], ("duration", 2_592_000.0)),
    **dict.fromkeys(["년", "years", "year"], ("duration", 31_536_000.0)),
    **dict.fromkeys(["만원", "만 원"], ("won", 10_000.0)),
    **dict.fromkeys(["원", "won", "krw"], ("won", 1.0)),
    **dict.fromkeys(["달러", "dollars", "dollar", "usd"], ("dollar", 1.0)),
    **dict.fromkeys(["mg"], ("mass", 0.001)),
    **dict.fromkeys(["g", "그램", "grams", "gram"], ("mass", 1.0)),
    **dict.fromkeys(["kg", "킬로그램", "kilograms", "kilogram"], ("mass", 1000.0)),
    **dict.fromkeys(["ml", "밀리리터", "millilitres", "milliliters", "millilitre", "milliliter"], ("volume", 1.0)),
    **dict.fromkeys(["l", "리터", "litres", "liters", "litre", "liter"], ("volume", 1000.0)),
    **dict.fromkeys(["mah"], ("charge", 1.0)),
    **dict.fromkeys(["wh"], ("energy", 1.0)),
    **dict.fromkeys(["w", "와트", "watts", "watt"], ("power", 1.0)),
    **dict.fromkeys(["mm"], ("length", 0.001)),
    **dict.fromkeys(["cm"], ("length", 0.01)),
    **dict.fromkeys(["m"], ("length", 1.0)),
    **dict.fromkeys(["%", "퍼센트", "percent"], ("percent", 1.0)),
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# longest spellings first; an English unit must end at a word boundary ("5 hours", not "5 hoursx"),
# a Korean one may carry a particle ("30시간의")
_UNIT_ALTERNATIVES = "|".join(re.escape(unit) for unit in sorted(_UNITS, key=len, reverse=True))
_AFTER = re.compile(rf"(?<![\d.,])({_NUMBER})\s?({_UNIT_ALTERNATIVES})(?![A-Za-z])", re.IGNORECASE)
_BEFORE = re.compile(rf"([$₩])\s?({_NUMBER})(?![\d])")
# a comma between digits is a thousands separator, not a break
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;/|()\[\]{}·•\n]|[.!?。](?:\s|$)|\s[-–—]\s")
# words that qualify a number without saying what it measures
_QUALIFIER_WORDS = """최대 최소 약 총 무려 단 만 이상 이하 까지 최장 최고 up max maximum min minimum total about approx
approximately only least most full"""
_QUALIFIERS = frozenset(_QUALIFIER_WORDS.split())


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, e.g. "30시간", "$99"
    family: str
    value: float  # in the family's base unit
    subject: frozenset[str]
    start: int
    end: int

    def same_measure(self, other: Quantity) -> bool:
        return self.family == other.family and bool(self.subject & other.subject)

    def same_value(self, other: Quantity) -> bool:
        return self.family == other.family and abs(self.value - other.value) <= 1e-9 * max(1.0, abs(other.value))


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _subject(clause: str) -> frozenset[str]:
    words = set()
    for term in terms(clause):
        if term.startswith(("#", "unit:")) or ":" in term and not term.startswith("c:"):
            continue
        if term in _QUALIFIERS:
            continue
        words.add(term)
    return frozenset(words)


def quantities(text: str) -> list[Quantity]:
    """Every quantity of ``text`` in order, with the words of its clause."""
    found = []
    for start, end in _clauses(text):
        clause = text[start:end]
        matches = []
        for match in _AFTER.finditer(clause):
            family, factor = _UNITS[match.group(2).lower()]
            matches.append((match, family, _number(match.group(1)) * factor))
        for match in _BEFORE.finditer(clause):
            family = "dollar" if match.group(1) == "$" else "won"
            matches.append((match, family, _number(match.group(2))))
        if not matches:
            continue
        # the clause without its quantities says what they measure
        bare = clause
        for match, _family, _value in matches:
            bare = bare.replace(match.group(0), " ")
        subject = _subject(bare)
        for match, family, value in sorted(matches, key=lambda item: item[0].start()):
            found.append(Quantity(match.group(0), family, value, subject, start + match.start(), start + match.end()))
    return found
