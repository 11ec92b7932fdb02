"""Common commands, by rules, in Korean and English."""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from brands.models import BrandKit
from documents.commands.brand import _Palette, _text_colors
from documents.commands.colors import _readable, mix
from documents.commands.errors import CommandNotUnderstood
from documents.commands.headline import document_facts, write_headline
from documents.commands.layout import _backdrop, _free_band, _placed, _text_backdrop, _unique_id, _used_ids, wrapped
from documents.commands.operations import (
    EDITOR_PROVENANCE,
    AddOp,
    DeleteOp,
    Op,
    ReorderOp,
    ReplaceTextOp,
    RestyleOp,
    SetBackgroundOp,
    StyleChanges,
    _apply_all,
    _locate,
    _r,
)
from documents.commands.placement import MOVE_VERB, SCALE_DOWN, SCALE_UP, move, position, resize
from documents.commands.targets import _Context, _mentions, _one_target
from documents.schema import Role, SparklioDocument, TextObject, TextStyle

__all__ = ["QUOTED", "SCALE_DOWN", "SCALE_UP", "TONE_STEP", "parse_command"]

TONE_STEP = 0.2  # how far "lighter"/"darker" mixes towards white/black


_QUOTES = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("「", "」"), ("『", "』")]
QUOTED = "|".join(f"{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}" for a, b in _QUOTES)


def _unquote(text: str) -> str:
    text = text.strip()
    for a, b in _QUOTES:
        if len(text) >= 2 and text.startswith(a) and text.endswith(b):
            return text[1:-1].strip()
    return text


# Replacing text is tried first: the new text is free and may contain any other command's words.
_REPLACE_EN = [
    re.compile(
        r"^(?:please\s+)?(?:change|set|replace|update|rename|edit)\s+(?P<head>.+?)\s+(?:to|with|into|as)\s+(?P<text>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:please\s+)?(?:make|have)\s+(?P<head>.+?)\s+(?:say|read)\s+(?P<text>.+)$", re.IGNORECASE),
]
_KO_VERB = r"(?:바꿔|바꾸|변경|수정|교체|고쳐|고치)"
_REPLACE_KO = [
    re.compile(rf"^(?P<head>.*?)(?P<text>{QUOTED})\s*(?:이라고|라고|으로|로)?\s*(?:{_KO_VERB}|해\s*줘|해\s*주세요)"),
    # Unquoted, only with a verb of changing: "헤드라인을 오른쪽 위로 해줘" is not new text.
    re.compile(rf"^(?P<head>.+?)(?:을|를)\s+(?P<text>.+?)\s*(?:이라고|라고|으로|로)\s*{_KO_VERB}"),
]


def _replace_text(ctx: _Context, text: str) -> list[Op] | None:
    for pattern in _REPLACE_EN + _REPLACE_KO:
        match = pattern.match(text)
        if not match:
            continue
        target = _one_target(match.group("head"))
        new_text = _unquote(match.group("text"))
        if target is None:
            return None
        if not new_text.strip("'\"‘’“”「」『』 "):
            raise CommandNotUnderstood("The new text is empty; to remove the object, ask to delete it.")
        texts = ctx.texts(target)
        if not texts:  # a logo or a background: not a text to replace, maybe something the model knows
            return None
        return [ReplaceTextOp(target=p.obj["id"], text=new_text) for p in texts]
    return None


def _brand_colors(ctx: _Context, text: str) -> list[Op]:
    palette = ctx.palette
    if not palette.colors:
        raise CommandNotUnderstood("This document has no brand kit with colours to apply.")
    backdrop = palette.color("background", "primary", "secondary")
    button = palette.color("accent", "primary", "secondary")
    ops: list[Op] = [
        SetBackgroundOp(page=index, color=backdrop)
        for index, page in enumerate(ctx.content["pages"])
        if page["background"].upper() != backdrop
    ]
    for item in ctx.placed:
        obj = item.obj
        if obj["type"] != "shape" or not obj["fill"]:
            continue
        if obj["role"] == Role.BACKGROUND_SHAPE:
            fill = backdrop
        elif obj["role"] in {Role.CTA_BUTTON, Role.CTA} or ctx.in_button(item):
            fill = button
        elif obj["role"] in {Role.BADGE, Role.DISCOUNT_BADGE, Role.HIGHLIGHT}:
            fill = palette.color("accent", "primary")
        else:
            continue
        if obj["fill"].upper() != fill:
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
    # A text's colour depends on what is under it, so texts are coloured on the repainted document.
    repainted = _apply_all(copy.deepcopy(ctx.content), ops)
    placed = _placed(repainted)
    for item in placed:
        if item.obj["type"] != "text":
            continue
        under = _text_backdrop(repainted, placed, item)
        color = _readable(_text_colors(palette, item.obj["role"], ctx.in_button(item)), under)
        if item.obj["style"]["color"].upper() != color:
            ops.append(RestyleOp(target=item.obj["id"], style=StyleChanges(color=color)))
    return ops


def _nearest_weight(weight: int, weights: tuple[int, ...]) -> int:
    return min(weights, key=lambda w: (abs(w - weight), w)) if weights else weight


def _brand_fonts(ctx: _Context, text: str) -> list[Op]:
    if not ctx.palette.fonts:
        raise CommandNotUnderstood("This document has no brand kit with fonts to apply.")
    ops: list[Op] = []
    for item in ctx.placed:
        font = ctx.palette.font_for(item.obj["role"]) if item.obj["type"] == "text" else None
        if font is None:
            continue
        family, weights = font
        style = item.obj["style"]
        weight = _nearest_weight(style["font_weight"], weights)
        if (style["font_family"], style["font_weight"]) != (family, weight):
            changes = StyleChanges(font_family=family, font_weight=weight if weight != style["font_weight"] else None)
            ops.append(RestyleOp(target=item.obj["id"], style=changes))
    return ops


# role: (Korean placeholder, English placeholder, font size per page width, lines, weight)
_NEW_TEXT = {
    Role.HEADLINE: ("새 헤드라인", "New headline", 0.067, 2, 800),
    Role.SUBHEADLINE: ("새 서브헤드라인", "New subheadline", 0.042, 1, 600),
    Role.BODY: ("본문을 입력하세요", "Body text", 0.03, 3, 400),
    Role.HASHTAGS: ("#해시태그", "#hashtag", 0.026, 1, 500),
    Role.DISCLAIMER: ("고지 문구", "Disclaimer", 0.019, 2, 400),
}
_SAYING = re.compile(r"\b(?:saying|that says|reading|with the text)\s+(?P<text>.+)$", re.IGNORECASE)


# Where a new text may go, in order: the full width, then the left or the right half; font sizes
# from the usual one down to 60% of it.
_COLUMNS = [(0.075, 0.925), (0.075, 0.5), (0.5, 0.925)]
_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6]


def _add(ctx: _Context, text: str) -> list[Op] | None:
    said = re.search(QUOTED, text) or _SAYING.search(text)
    words = _unquote(said.group(said.lastindex or 0)) if said else ""
    target = _one_target(text[: said.start()] + text[said.end() :] if said else text)
    role = next((r for r in target.roles if r in _NEW_TEXT), None) if target else None
    if role is None:
        return None
    ko, en, size, lines, weight = _NEW_TEXT[role]
    language = ctx.content["language"]
    if not words and role == Role.HEADLINE:
        words = write_headline(document_facts(ctx.content), language) or ""
    words = words or (ko if language == "ko" else en)
    width, _ = ctx.size
    style = {"font_size": size * width, "font_weight": weight, "align": "center", "vertical_align": "middle"}
    if font := ctx.palette.font_for(role):
        style.update(font_family=font[0], font_weight=_nearest_weight(weight, font[1]))
    draft = {"text": words, "style": TextStyle(**style).model_dump()}
    box = _room_for(ctx, draft, language)
    if box is None:
        raise CommandNotUnderstood(f"There is no free space on the page for a new {target.label}.")
    x, y, box_width, height, style["font_size"] = box
    under = _backdrop(ctx.content, ctx.placed, 0, box[:4])
    style["color"] = _readable(_text_colors(ctx.palette, role, False), under)
    page_objects = ctx.content["pages"][0]["objects"]
    obj = TextObject(
        id=_unique_id(_used_ids(ctx.content), role.value),
        role=role,
        x=x,
        y=y,
        width=box_width,
        height=height,
        z_index=max((o["z_index"] for o in page_objects), default=0) + 1,
        text=words,
        style=TextStyle(shrink_to_fit=True, **style),
        provenance=EDITOR_PROVENANCE,
    )
    return [AddOp(page=0, object=obj)]


def _room_for(ctx: _Context, draft: dict, language: str) -> tuple[float, float, float, float, float] | None:
    """(x, y, width, height, font size) for a new text on the first page: in free space if there
    is some, else over pictures and shapes, never over another text or the logo; None when
    nothing fits."""
    width, _ = ctx.size
    for over_pictures in (False, True):
        for left, right in _COLUMNS:
            x0, x1 = left * width, right * width
            for scale in _SCALES:
                font_size = _r(draft["style"]["font_size"] * scale)
                need, _ = wrapped(draft, x1 - x0, font_size, language)
                y = _free_band(ctx, 0, x0, x1, need, over_pictures=over_pictures)
                if y is not None:
                    return _r(x0), _r(y), _r(x1 - x0), _r(math.ceil(need)), font_size
    return None


def _delete(ctx: _Context, text: str) -> list[Op] | None:
    targets = _mentions(text)
    if not targets:
        return None
    return [DeleteOp(target=p.obj["id"]) for target in targets for p in ctx.objects(target)]


_LIGHTER = re.compile(
    r"\b(?:lighter|lighten|brighter|brighten|light|bright)\b|밝게|밝히|밝은|환하게|연하게", re.IGNORECASE
)
_DARKER = re.compile(r"\b(?:darker|darken|dark|dimmer|dim)\b|어둡게|어둡|어두운|진하게", re.IGNORECASE)


def _tone(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _LIGHTER.search(text) and _DARKER.search(text):
        return None
    toward = "#FFFFFF" if _LIGHTER.search(text) else "#000000"
    ops: list[Op] = []
    if Role.BACKGROUND_SHAPE in target.roles:
        for index, page in enumerate(ctx.content["pages"]):
            color = mix(page["background"], toward, TONE_STEP)
            if color != page["background"]:
                ops.append(SetBackgroundOp(page=index, color=color))
        items = [p for p in ctx.placed if p.obj["role"] == Role.BACKGROUND_SHAPE and p.obj["type"] == "shape"]
    else:
        items = [p for p in ctx.objects(target) if p.obj["type"] in {"text", "shape"}]
        if not items:
            return None
    for item in items:
        obj = item.obj
        if obj["type"] == "text":
            color = mix(obj["style"]["color"], toward, TONE_STEP)
            if color != obj["style"]["color"]:
                ops.append(RestyleOp(target=obj["id"], style=StyleChanges(color=color)))
        elif obj["fill"] and (fill := mix(obj["fill"], toward, TONE_STEP)) != obj["fill"]:
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
    return ops


_BIGGER = re.compile(
    r"\b(?:bigger|larger|enlarge|increase|grow|scale up)\b|크게|키워|키우|키운|확대|늘려|늘리|늘린", re.IGNORECASE
)
_SMALLER = re.compile(r"\b(?:smaller|shrink|reduce|decrease|scale down)\b|작게|줄여|줄이|줄인|축소", re.IGNORECASE)


def _resize(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _BIGGER.search(text) and _SMALLER.search(text):
        return None
    return resize(ctx, target, SCALE_UP if _BIGGER.search(text) else SCALE_DOWN)


_FRONT = re.compile(r"\b(?:front|forward)\b|맨\s*앞|앞으로", re.IGNORECASE)
_BACK = re.compile(r"\b(?:back|backward|backwards|behind)\b|맨\s*뒤|뒤로", re.IGNORECASE)
_BRING = re.compile(r"\b(?:bring|send|move)\b", re.IGNORECASE)
_STACK_KO = re.compile(r"맨\s*앞|맨\s*뒤|앞으로|뒤로")


def _reorder(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _FRONT.search(text) and _BACK.search(text):
        return None
    front = bool(_FRONT.search(text))
    ops: list[Op] = []
    for item in ctx.objects(target):
        _, siblings = _locate(ctx.content, item.obj["id"])
        others = [o["z_index"] for o in siblings if o is not item.obj] or [item.obj["z_index"]]
        z_index = max(others) + 1 if front else min(others) - 1
        if z_index != item.obj["z_index"]:
            ops.append(ReorderOp(target=item.obj["id"], z_index=z_index))
    return ops


def _move(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    return move(ctx, target, text) if target is not None else None


@dataclass(frozen=True)
class _Intent:
    name: str
    matches: Callable[[str], bool]
    build: Callable[[_Context, str], list[Op] | None]


def _said(pattern: str) -> Callable[[str], bool]:
    return re.compile(pattern, re.IGNORECASE).search


_INTENTS = [
    _Intent(
        "brand_colors",
        _said(r"브랜드.*(?:색상|색깔|컬러|색|팔레트)|\bbrand\b.*\b(?:colou?rs?|palette)\b"),
        _brand_colors,
    ),
    _Intent(
        "brand_fonts",
        _said(r"브랜드.*(?:폰트|글꼴|서체)|\bbrand\b.*\b(?:fonts?|typefaces?|typography)\b"),
        _brand_fonts,
    ),
    _Intent("add", _said(r"\b(?:add|insert|create|write)\b|추가|넣|달아|써\s*(?:줘|주세요)|작성"), _add),
    _Intent(
        "delete",
        _said(r"\b(?:delete|remove|erase|drop)\b|get rid of|삭제|지워|지우|제거|없애|빼\s*(?:줘|주세요)"),
        _delete,
    ),
    _Intent("tone", lambda text: bool(_LIGHTER.search(text) or _DARKER.search(text)), _tone),
    _Intent("resize", lambda text: bool(_BIGGER.search(text) or _SMALLER.search(text)), _resize),
    _Intent(
        "reorder",
        lambda text: bool(
            _BRING.search(text) and (_FRONT.search(text) or _BACK.search(text)) or _STACK_KO.search(text)
        ),
        _reorder,
    ),
    _Intent("move", lambda text: bool(MOVE_VERB.search(text)) and position(text) is not None, _move),
]


def parse_command(command: str, doc: SparklioDocument, brand: BrandKit | None) -> list[Op] | None:
    """The operations for a common command, by rules; None when the rules do not know it (it may
    name several things to do, or something else). Raises CommandNotUnderstood when the command
    is clear but cannot be done here (no such object, no brand kit)."""
    content = doc.model_dump(mode="json")
    ctx = _Context(content, _Palette.of(brand), _placed(content))
    text = " ".join(command.split())
    if (ops := _replace_text(ctx, text)) is not None:
        return ops
    matched = [intent for intent in _INTENTS if intent.matches(text)]
    if {intent.name for intent in matched} == {"brand_colors", "brand_fonts"}:
        return _brand_colors(ctx, text) + _brand_fonts(ctx, text)
    if len(matched) != 1:
        return None
    return matched[0].build(ctx, text)
