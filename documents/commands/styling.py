"""Colour and weight: "make the headline navy", "CTA는 빨간색으로", "배경을 연회색으로", "가격을 굵게".

A text takes the colour asked for, or the nearest shade of it that reads on what is under it.
A button, a badge or the background takes it as its fill, and every text that would no longer
read on the new fill is given a readable colour (its own when it still reads, else a brand one,
else black or white).
"""

from __future__ import annotations

import copy
import re

from documents.commands.brand import _text_colors
from documents.commands.colors import (
    MIN_CONTRAST,
    ColorWord,
    _readable,
    card_tint,
    contrast_ratio,
    readable_shade,
    relative_luminance,
)
from documents.commands.errors import CommandNotUnderstood
from documents.commands.layout import _contains, _Placed, _placed, _text_backdrop
from documents.commands.operations import (
    ObjectChanges,
    Op,
    RestyleOp,
    SetBackgroundOp,
    StyleChanges,
    UpdateOp,
    _apply_all,
)
from documents.commands.targets import _Context, _Target
from documents.schema import Role

# "CTA 글자를 빨간색으로": the words, not the button
TEXT_WORDS = re.compile(
    r"글자|글씨|텍스트|문구|폰트\s*색|\b(?:text|font|lettering|letters|words|wording|type)\b", re.IGNORECASE
)
_FILLED = {"rect", "ellipse", "polygon"}


def recolor(ctx: _Context, target: _Target, color: ColorWord, text: str) -> list[Op]:
    """Paint ``target`` in ``color``: a text's colour, a shape's or a button's fill, the page."""
    if Role.BACKGROUND_SHAPE in target.roles:
        return with_readable_texts(ctx, _background(ctx, color))
    words_only = bool(TEXT_WORDS.search(text))
    named = text[color.span[0] : color.span[1]].strip()
    ops: list[Op] = []
    fills: list[Op] = []
    items = ctx.objects(target)
    for item in items:
        obj = item.obj
        if not words_only and on_own_fill(item, items):
            # a button's label on its pill (both the button's): the colour is the pill's, and the
            # label takes whatever reads on it below, not a shade of the colour asked for
            continue
        if obj["type"] == "text" and obj["style"].get("background_color") and not words_only:
            # a filled text (a campaign layout's button or badge): the colour is its fill, and
            # its words take whichever of white or near-black reads on it
            hex_ = color.hex or _brand_fill(ctx, target.roles)
            if hex_:
                words = _readable([obj["style"]["color"]], hex_)
                ops.append(RestyleOp(target=obj["id"], style=StyleChanges(background_color=hex_, color=words)))
        elif obj["type"] == "text":
            ops += _text_color(ctx, item, color, named)
        elif obj["type"] == "shape":
            if not (words_only and any(p.obj["type"] == "text" for p in items)):  # "CTA 글자를": not the pill
                fills += _fill(ctx, obj, color, target)
        elif obj["type"] == "group":
            shapes = [p for p in ctx.placed if p.groups[-1:] == (obj["id"],) and _paintable(p.obj)]
            if words_only or not shapes:
                texts = [p for p in ctx.placed if p.obj["type"] == "text" and obj["id"] in p.groups]
                ops += [op for p in texts for op in _text_color(ctx, p, color, named)]
            else:
                fills += [op for p in shapes for op in _fill(ctx, p.obj, color, target)]
        else:
            raise CommandNotUnderstood(f"The {target.label} is a picture; its colour cannot be changed here.")
    if not fills:
        return ops
    return with_readable_texts(ctx, fills, ops)


def on_own_fill(item: _Placed, items: list[_Placed]) -> bool:
    """Whether text ``item`` lies on a paintable shape of the same target."""
    if item.obj["type"] != "text":
        return False
    x, y, w, h = item.box
    return any(_paintable(p.obj) and _contains(p.box, x + w / 2, y + h / 2) for p in items if p is not item)


def _paintable(obj: dict) -> bool:
    return obj["type"] == "shape" and obj["shape"] in _FILLED and obj["fill"] is not None


def _brand_fill(ctx: _Context, roles: frozenset[str]) -> str | None:
    """The brand colour a fill takes, as "use brand colours" paints it."""
    if Role.BACKGROUND_SHAPE in roles:
        return ctx.palette.color("background", "primary", "secondary")
    return ctx.palette.color("accent", "primary", "secondary")


def _need_palette(ctx: _Context) -> None:
    if not ctx.palette.colors:
        raise CommandNotUnderstood("This document has no brand kit with colours to apply.")


def _background(ctx: _Context, color: ColorWord) -> list[Op]:
    if color.brand:
        _need_palette(ctx)
    return background_fills(ctx, color.hex or _brand_fill(ctx, frozenset({Role.BACKGROUND_SHAPE})))


PAGE_COVER = 0.9  # a background shape covering this share of the page is the page's colour, not a card on it


def background_fills(ctx: _Context, color: str) -> list[Op]:
    """The pages and their background shapes in ``color``: a shape that covers the page takes the
    colour itself, a smaller one (the product's card) a tint of it that still stands out, since
    in the page's own colour it would vanish."""
    ops: list[Op] = [
        SetBackgroundOp(page=index, color=color)
        for index, page in enumerate(ctx.content["pages"])
        if page["background"].upper() != color
    ]
    width, height = ctx.size
    for item in ctx.placed:
        obj = item.obj
        if obj["role"] != Role.BACKGROUND_SHAPE or not _paintable(obj):
            continue
        fill, opacity = color, obj["opacity"]
        if obj["width"] * obj["height"] < PAGE_COVER * width * height:
            fill, opacity = card_tint(color, opacity)
        if obj["fill"].upper() != fill:
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
        if opacity != obj["opacity"]:
            ops.append(UpdateOp(target=obj["id"], changes=ObjectChanges(opacity=opacity)))
    return ops


def _fill(ctx: _Context, obj: dict, color: ColorWord, target: _Target) -> list[Op]:
    if color.brand:
        _need_palette(ctx)
    hex_ = color.hex or _brand_fill(ctx, target.roles)
    if obj["fill"] and obj["fill"].upper() == hex_:
        return []
    return [RestyleOp(target=obj["id"], style=StyleChanges(fill=hex_))]


def _text_color(ctx: _Context, item: _Placed, color: ColorWord, named: str = "") -> list[Op]:
    under = _text_backdrop(ctx.content, ctx.placed, item)
    if color.brand:
        _need_palette(ctx)
        wanted = _readable(_text_colors(ctx.palette, item.obj["role"], ctx.in_button(item)), under)
    else:
        wanted = shade_that_reads(ctx, color.hex, under, named or color.hex, item.obj["role"].replace("_", " "))
    if item.obj["style"]["color"].upper() == wanted:
        return []
    return [RestyleOp(target=item.obj["id"], style=StyleChanges(color=wanted))]


def shade_that_reads(ctx: _Context, color: str, under: str, named: str, label: str) -> str:
    """``color`` or the nearest shade of it that reads on ``under``, with a note when it is a
    shade; CommandNotUnderstood when no shade still seen as ``color`` reads there."""
    shade = readable_shade(color, under)
    ratio = contrast_ratio(color, under)
    if shade is None:
        raise CommandNotUnderstood(
            f'The {label} cannot be "{named}": no shade of it ({color}) reads on {under}, what is under it '
            f"({ratio:.1f}:1 as it is, {MIN_CONTRAST}:1 needed). Choose another colour, or change the background first."
        )
    if shade != color:
        way = "lighter" if relative_luminance(shade) > relative_luminance(color) else "darker"
        ctx.notes.append(
            f'The {label} is {shade}, a {way} shade of "{named}": {color} itself reads at only '
            f"{ratio:.1f}:1 on {under}."
        )
    return shade


def with_readable_texts(ctx: _Context, fills: list[Op], own: list[Op] | None = None) -> list[Op]:
    """``fills``, ``own`` (texts this command colours itself), and a readable colour for every
    other text that a new fill under it leaves unreadable."""
    own = own or []
    coloured = {op.target for op in own}
    before = {item.obj["id"]: _text_backdrop(ctx.content, ctx.placed, item) for item in ctx.placed if _is_text(item)}
    repainted = _apply_all(copy.deepcopy(ctx.content), [*fills, *own])
    placed = _placed(repainted)
    fixes: list[Op] = []
    for item in placed:
        obj = item.obj
        if not _is_text(item) or obj["id"] in coloured:
            continue
        under = _text_backdrop(repainted, placed, item)
        if under == before[obj["id"]] or contrast_ratio(obj["style"]["color"], under) >= MIN_CONTRAST:
            continue
        candidates = [obj["style"]["color"], *_text_colors(ctx.palette, obj["role"], ctx.in_button(item))]
        fixes.append(RestyleOp(target=obj["id"], style=StyleChanges(color=_readable(candidates, under))))
    return [*fills, *own, *fixes]


def _is_text(item: _Placed) -> bool:
    return item.obj["type"] == "text"


# --- weight -------------------------------------------------------------------------------------------

BOLD = re.compile(r"\b(?:bold|bolder|embolden|heavier)\b|굵게|굵은|굵직|볼드|두껍게|두꺼운", re.IGNORECASE)
NOT_BOLD = re.compile(
    r"\b(?:unbold|not\s+bold|no\s+bold|regular\s+weight|normal\s+weight|thinner)\b"
    r"|얇게|가늘게|가느다랗게|볼드\s*(?:해제|빼|없)|굵기\s*(?:빼|줄)|굵지\s*않게|보통\s*굵기",
    re.IGNORECASE,
)


def reweigh(ctx: _Context, target: _Target, text: str) -> list[Op]:
    """Bold (700, or a step heavier when already bold) or regular (400, or a step lighter)."""
    lighter = bool(NOT_BOLD.search(text))
    texts = ctx.texts(target)
    if not texts:
        raise CommandNotUnderstood(f"The {target.label} has no text to make bold or regular.")
    ops: list[Op] = []
    for item in texts:
        weight = item.obj["style"]["font_weight"]
        if lighter:
            new = 400 if weight > 400 else max(100, weight - 100)
        else:
            new = 700 if weight < 700 else min(900, weight + 100)
        if new != weight:
            ops.append(RestyleOp(target=item.obj["id"], style=StyleChanges(font_weight=new)))
    return ops
