"""Common commands, by rules, in Korean and English."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from brands.models import BrandKit
from documents.commands.brand import _Palette, _text_colors
from documents.commands.colors import _readable, mix
from documents.commands.errors import CommandNotUnderstood
from documents.commands.layout import (
    CORNER_MARGIN,
    _backdrop,
    _free_band,
    _placed,
    _text_backdrop,
    _unique_id,
    _used_ids,
)
from documents.commands.operations import (
    EDITOR_PROVENANCE,
    AddOp,
    DeleteOp,
    MoveOp,
    Op,
    ReorderOp,
    ReplaceTextOp,
    ResizeOp,
    RestyleOp,
    SetBackgroundOp,
    StyleChanges,
    _apply_all,
    _locate,
    _r,
)
from documents.commands.targets import _Context, _mentions, _one_target
from documents.schema import Role, SparklioDocument, TextObject, TextStyle

SCALE_UP, SCALE_DOWN = 1.2, 0.8
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


def _add(ctx: _Context, text: str) -> list[Op] | None:
    said = re.search(QUOTED, text) or _SAYING.search(text)
    words = _unquote(said.group(said.lastindex or 0)) if said else ""
    target = _one_target(text[: said.start()] + text[said.end() :] if said else text)
    role = next((r for r in target.roles if r in _NEW_TEXT), None) if target else None
    if role is None:
        return None
    ko, en, size, lines, weight = _NEW_TEXT[role]
    words = words or (ko if ctx.content["language"] == "ko" else en)
    width, _ = ctx.size
    font_size = _r(size * width)
    x, box_width = 0.075 * width, 0.85 * width
    y, height = _free_band(ctx, 0, x, x + box_width, font_size * 1.3 * lines)
    font_size = _r(min(font_size, height / (1.3 * lines)))
    box = (_r(x), _r(y), _r(box_width), _r(height))
    page_objects = ctx.content["pages"][0]["objects"]
    style = {"font_size": font_size, "font_weight": weight, "align": "center", "vertical_align": "middle"}
    if font := ctx.palette.font_for(role):
        style.update(font_family=font[0], font_weight=_nearest_weight(weight, font[1]))
    style["color"] = _readable(_text_colors(ctx.palette, role, False), _backdrop(ctx.content, ctx.placed, 0, box))
    obj = TextObject(
        id=_unique_id(_used_ids(ctx.content), role.value),
        role=role,
        x=box[0],
        y=box[1],
        width=box[2],
        height=box[3],
        z_index=max((o["z_index"] for o in page_objects), default=0) + 1,
        text=words,
        style=TextStyle(shrink_to_fit=True, **style),
        provenance=EDITOR_PROVENANCE,
    )
    return [AddOp(page=0, object=obj)]


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


_BIGGER = re.compile(r"\b(?:bigger|larger|enlarge|increase|grow|scale up)\b|크게|키워|키우|확대|늘려", re.IGNORECASE)
_SMALLER = re.compile(r"\b(?:smaller|shrink|reduce|decrease|scale down)\b|작게|줄여|줄이|축소", re.IGNORECASE)


def _inside(position: float, size: float, limit: float) -> float:
    return min(max(position, 0.0), limit - size)


def _resize(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _BIGGER.search(text) and _SMALLER.search(text):
        return None
    factor = SCALE_UP if _BIGGER.search(text) else SCALE_DOWN
    page_width, page_height = ctx.size
    ops: list[Op] = []
    for item in ctx.objects(target):
        x, y, w, h = item.box
        scale = min(factor, page_width / w, page_height / h)  # never past the page
        new_w, new_h = _r(w * scale), _r(h * scale)
        new_x = _inside(x + (w - new_w) / 2, new_w, page_width)
        new_y = _inside(y + (h - new_h) / 2, new_h, page_height)
        font_size = _r(item.obj["style"]["font_size"] * scale) if item.obj["type"] == "text" else None
        ops.append(ResizeOp(target=item.obj["id"], width=new_w, height=new_h, font_size=font_size))
        ops.append(MoveOp(target=item.obj["id"], x=_r(new_x - item.origin[0]), y=_r(new_y - item.origin[1])))
    return ops


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


_TOP = re.compile(r"\b(?:top|upper)\b|위|상단", re.IGNORECASE)
_BOTTOM = re.compile(r"\b(?:bottom|lower)\b|아래|하단|밑", re.IGNORECASE)
_LEFT = re.compile(r"\bleft\b|왼|좌측|좌상단|좌하단", re.IGNORECASE)
_RIGHT = re.compile(r"\bright\b|오른|우측|우상단|우하단", re.IGNORECASE)
_CENTER = re.compile(r"\b(?:center|centre|middle)\b|가운데|중앙|중간", re.IGNORECASE)
_MOVE_VERB = re.compile(
    r"\b(?:move|put|place|position|align|shift)\b|옮|이동|배치|보내|놓|(?:으로|로)\s*(?:해\s*(?:줘|주세요))?\s*$",
    re.IGNORECASE,
)


def _position(text: str) -> tuple[str, str] | None:
    text = text.replace("위치", "")  # "position", not "top"
    vertical = "top" if _TOP.search(text) else "bottom" if _BOTTOM.search(text) else None
    horizontal = "left" if _LEFT.search(text) else "right" if _RIGHT.search(text) else None
    if vertical is None and horizontal is None and not _CENTER.search(text):
        return None
    return vertical or "middle", horizontal or "center"


def _move(ctx: _Context, text: str) -> list[Op] | None:
    target, position = _one_target(text), _position(text)
    if target is None or position is None:
        return None
    vertical, horizontal = position
    page_width, page_height = ctx.size
    margin = CORNER_MARGIN * page_width
    ops: list[Op] = []
    for item in ctx.objects(target):
        _, _, w, h = item.box
        x = {"left": margin, "center": (page_width - w) / 2, "right": page_width - w - margin}[horizontal]
        y = {"top": margin, "middle": (page_height - h) / 2, "bottom": page_height - h - margin}[vertical]
        x, y = _inside(x, w, page_width), _inside(y, h, page_height)
        ops.append(MoveOp(target=item.obj["id"], x=_r(x - item.origin[0]), y=_r(y - item.origin[1])))
    return ops


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
    _Intent("add", _said(r"\b(?:add|insert|create)\b|추가|넣어|넣기|넣자|달아"), _add),
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
    _Intent("move", lambda text: bool(_MOVE_VERB.search(text)) and _position(text) is not None, _move),
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
