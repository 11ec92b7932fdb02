"""The brand kit's free-text guidelines, read as rules a design can be checked against.

Marketers write guidelines as sentences ("Primary colour not for backgrounds", "메인 컬러는 배경에
쓰지 마세요", "No exclamation marks", "로고는 항상 넣기", "Minimum font size 24px"). Each sentence
that matches a known rule becomes a check; the rest are kept for model prompts. A rule is only
reported when the design breaks it, measured on the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEG = r"(?:not|never|no|don'?t|do\s+not|avoid|금지|말\s?것|말\s?기|마세요|않|안\s?됨|안\s?돼|피하|쓰지|사용하지|넣지)"
_SENTENCES = re.compile(r"[^\n.!?。]+")


def _terms(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.IGNORECASE)


_NEG = _terms(NEG)
PRIMARY = _terms(
    r"primary",
    r"main\s+colou?r",
    r"brand\s+colou?r",
    r"메인\s*(?:컬러|색)",
    r"주\s*(?:컬러|색)",
    r"대표\s*(?:컬러|색)",
    r"브랜드\s*(?:컬러|색)",
    r"프라이머리",
)
# a rule holds when its sentence has a term of every group
PATTERNS: list[tuple[str, list[re.Pattern]]] = [
    ("primary_not_background", [PRIMARY, _terms(r"background", r"배경"), _NEG]),
    ("no_exclamation", [_terms(r"exclamation", r"느낌표", r"!"), _NEG]),
    ("no_emoji", [_terms(r"emoji", r"emoticon", r"이모지", r"이모티콘"), _NEG]),
    ("no_all_caps", [_terms(r"all\s*caps", r"uppercase", r"capital\s+letters", r"대문자"), _NEG]),
    (
        "logo_required",
        [_terms(r"logo", r"로고"), _terms(r"always", r"must", r"required", r"필수", r"항상", r"반드시", r"꼭")],
    ),
]
MIN_SIZE = re.compile(
    r"(?:min(?:imum)?\.?\s*(?:font|text|type)?\s*size|(?:최소|최소한)\s*(?:글자|폰트|글씨)?\s*(?:크기|사이즈)?)\D{0,12}(\d{1,3})\s*(?:px|pt|포인트)?",
    re.IGNORECASE,
)
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


@dataclass(frozen=True)
class Rule:
    kind: str
    sentence: str
    value: float | None = None


def read_guidelines(text: str | None) -> list[Rule]:
    rules: list[Rule] = []
    for match in _SENTENCES.finditer(text or ""):
        sentence = match.group(0).strip(" -•*\t")
        if not sentence:
            continue
        size = MIN_SIZE.search(sentence)
        if size:
            rules.append(Rule("min_font_size", sentence, float(size.group(1))))
            continue
        for kind, groups in PATTERNS:
            if all(group.search(sentence) for group in groups):
                rules.append(Rule(kind, sentence))
                break
    return rules


def _objects(content: dict):
    def walk(objects):
        for obj in objects:
            if obj.get("visible") is False:
                continue
            yield obj
            if obj.get("type") == "group":
                yield from walk(obj.get("children", []))

    for page in content.get("pages", []):
        yield from walk(page.get("objects", []))


def broken(rules: list[Rule], content: dict, *, primary: str | None, near) -> list[tuple[Rule, str, list[str]]]:
    """(rule, what is wrong, object ids) for every rule the design breaks. ``near(a, b)`` says
    whether two colours are the same to the eye."""
    found = []
    texts = [o for o in _objects(content) if o.get("type") == "text" and (o.get("text") or "").strip()]
    area = content["width"] * content["height"]
    for rule in rules:
        if rule.kind == "primary_not_background" and primary:
            pages = [p for p in content.get("pages", []) if near(p.get("background", "#FFFFFF"), primary)]
            big = [
                o["id"]
                for o in _objects(content)
                if o.get("type") == "shape"
                and o.get("fill")
                and o.get("opacity", 1) > 0.5
                and o["width"] * o["height"] >= 0.3 * area
                and near(o["fill"], primary)
            ]
            if pages or big:
                found.append((rule, "the primary colour fills the background", big or ["page"]))
        elif rule.kind == "no_exclamation":
            ids = [o["id"] for o in texts if "!" in o["text"] or "！" in o["text"]]
            if ids:
                found.append((rule, "a text uses an exclamation mark", ids))
        elif rule.kind == "no_emoji":
            ids = [o["id"] for o in texts if EMOJI.search(o["text"])]
            if ids:
                found.append((rule, "a text uses emoji", ids))
        elif rule.kind == "no_all_caps":
            ids = [o["id"] for o in texts if re.search(r"\b[A-Z]{4,}\b", o["text"]) and o["text"] == o["text"].upper()]
            if ids:
                found.append((rule, "a text is in capitals", ids))
        elif rule.kind == "logo_required":
            if not any(o.get("role") == "logo" for o in _objects(content)):
                found.append((rule, "the design has no logo", []))
        elif rule.kind == "min_font_size" and rule.value:
            ids = [o["id"] for o in texts if o.get("style", {}).get("font_size", rule.value) < rule.value]
            if ids:
                found.append((rule, f"text smaller than {rule.value:g}px", ids))
    return found
