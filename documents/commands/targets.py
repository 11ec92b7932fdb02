"""What a command names: the targets, their keywords, and the objects they stand for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from documents.commands.brand import _Palette
from documents.commands.errors import CommandNotUnderstood
from documents.commands.layout import _Placed
from documents.schema import Role

# --- understanding commands -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    label: str
    roles: frozenset[str]
    words: tuple[str, ...]


_TARGETS = [
    _Target("headline", frozenset({Role.HEADLINE}), ("헤드라인", "제목", "타이틀", "headline", "title", "heading")),
    _Target(
        "subheadline",
        frozenset({Role.SUBHEADLINE}),
        ("서브헤드라인", "서브 헤드라인", "서브헤드", "부제목", "부제", "subheadline", "sub-headline", "subheading"),
    ),
    _Target("body text", frozenset({Role.BODY}), ("본문", "바디", "body text", "body copy", "body")),
    _Target(
        "call to action",
        frozenset({Role.CTA, Role.CTA_BUTTON}),
        ("cta", "버튼", "콜투액션", "button", "call to action", "call-to-action"),
    ),
    _Target("logo", frozenset({Role.LOGO}), ("로고", "logo")),
    _Target("background", frozenset({Role.BACKGROUND_SHAPE, Role.BACKGROUND_IMAGE}), ("배경", "background")),
    _Target("hashtags", frozenset({Role.HASHTAGS}), ("해시태그", "해쉬태그", "hashtags", "hashtag")),
    _Target("original price", frozenset({Role.ORIGINAL_PRICE}), ("정가", "original price", "regular price")),
    _Target("price", frozenset({Role.PRICE}), ("가격", "판매가", "price")),
    _Target(
        "product image",
        frozenset({Role.PRODUCT_IMAGE}),
        ("제품 이미지", "제품 사진", "상품 이미지", "상품 사진", "product image", "product photo", "product shot"),
    ),
    _Target("product name", frozenset({Role.PRODUCT_NAME}), ("제품명", "상품명", "product name")),
    _Target(
        "disclaimer",
        frozenset({Role.DISCLAIMER, Role.LEGAL}),
        ("고지문", "고지", "유의사항", "면책", "disclaimer", "fine print", "legal"),
    ),
    _Target("tagline", frozenset({Role.TAGLINE, Role.SLOGAN}), ("태그라인", "슬로건", "tagline", "slogan")),
    _Target("badge", frozenset({Role.BADGE, Role.DISCOUNT_BADGE}), ("배지", "뱃지", "badge")),
    _Target("caption", frozenset({Role.CAPTION}), ("캡션", "caption")),
    _Target("QR code", frozenset({Role.QR_CODE}), ("qr 코드", "qr code", "qr")),
]


def _keyword(word: str) -> re.Pattern:
    body = r"\s*".join(re.escape(part) for part in word.split())
    if word.isascii():  # English words stand alone (and take a plural); Korean takes particles directly
        return re.compile(rf"(?<![a-z0-9]){body}s?(?![a-z0-9])")
    return re.compile(body)


# Longest first, so "서브헤드라인" is not also a "헤드라인" and "original price" not a "price".
_KEYWORDS = sorted(
    ((_keyword(word), target) for target in _TARGETS for word in target.words),
    key=lambda pair: -len(pair[0].pattern),
)


def _mentions(text: str) -> list[_Target]:
    """The targets ``text`` names, in the order it names them."""
    hits: list[tuple[int, _Target]] = []
    text = text.lower()
    for pattern, target in _KEYWORDS:

        def blank(match, target=target):
            hits.append((match.start(), target))
            return " " * len(match.group())

        text = pattern.sub(blank, text)
    ordered: list[_Target] = []
    for _, target in sorted(hits, key=lambda hit: hit[0]):
        if target not in ordered:
            ordered.append(target)
    return ordered


@dataclass
class _Context:
    content: dict
    palette: _Palette
    placed: list[_Placed]
    notes: list[str] = field(default_factory=list)  # what the answer should tell about how it was done

    @property
    def size(self) -> tuple[float, float]:
        return self.content["width"], self.content["height"]

    def objects(self, target: _Target) -> list[_Placed]:
        """The target's objects, outermost only (a matched group stands for its matched children)."""
        matched = [p for p in self.placed if p.obj["role"] in target.roles]
        ids = {p.obj["id"] for p in matched}
        found = [p for p in matched if not ids.intersection(p.groups)]
        if not found:
            raise CommandNotUnderstood(f"This document has no {target.label}.")
        return found

    def texts(self, target: _Target) -> list[_Placed]:
        """The target's texts: its text objects, and the texts inside its groups."""
        ids = {p.obj["id"] for p in self.objects(target)}
        return [
            p for p in self.placed if p.obj["type"] == "text" and (p.obj["id"] in ids or ids.intersection(p.groups))
        ]

    @cached_property
    def buttons(self) -> set[str]:
        return {p.obj["id"] for p in self.placed if p.obj["role"] == Role.CTA_BUTTON and p.obj["type"] == "group"}

    def in_button(self, item: _Placed) -> bool:
        return bool(self.buttons.intersection(item.groups))


def _one_target(text: str) -> _Target | None:
    targets = _mentions(text)
    return targets[0] if len(targets) == 1 else None
