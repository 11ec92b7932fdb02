"""Moving and resizing: "move the logo left", "로고를 오른쪽 위로", "make the headline bigger".

Texts, logos and buttons keep inside the page's safe area (CORNER_MARGIN of the page width on
every side): "move the logo left" lands on the left margin, and a text made bigger grows its box
and its font up to the margins, wrapping onto more lines where the box can grow and settling on
the largest font size that still fits where it cannot. Backdrops only keep inside the page.
"""

from __future__ import annotations

import math
import re

from documents.commands.brand import BACKDROP_ROLES
from documents.commands.layout import CORNER_MARGIN, _Placed, place_within, safe_area, wrapped
from documents.commands.operations import MoveOp, Op, ResizeOp, RestyleOp, StyleChanges, _r
from documents.commands.targets import _Context, _Target

SCALE_UP, SCALE_DOWN = 1.2, 0.8

_TOP = re.compile(r"\b(?:top|upper|up)\b|위|상단|올려|올리", re.IGNORECASE)
_BOTTOM = re.compile(r"\b(?:bottom|lower|down)\b|아래|하단|밑|내려|내리", re.IGNORECASE)
_LEFT = re.compile(r"\bleft\b|왼|좌측|좌상단|좌하단", re.IGNORECASE)
_RIGHT = re.compile(r"\bright\b|오른|우측|우상단|우하단", re.IGNORECASE)
_CENTER = re.compile(r"\b(?:center|centre|middle)\b|가운데|중앙|중간", re.IGNORECASE)
_ACROSS = re.compile(r"\bhorizontally\b|가로|좌우", re.IGNORECASE)
_UPRIGHT = re.compile(r"\bvertically\b|세로|상하", re.IGNORECASE)
_A_LITTLE = re.compile(r"\b(?:a\s+(?:little|bit|touch)|slightly|nudge)\b|조금|살짝|약간", re.IGNORECASE)
MOVE_VERB = re.compile(
    r"\b(?:move|put|place|position|align|shift|nudge|slide|drag|push|cent(?:er|re))\b"
    r"|옮|이동|배치|보내|놓|올려|올리|내려|내리|붙여|붙이|둬|두세요|(?:으로|로)\s*(?:해\s*(?:줘|주세요))?\s*$",
    re.IGNORECASE,
)


def position(text: str) -> tuple[str | None, str | None] | None:
    """(vertical, horizontal) a command asks for: top/middle/bottom and left/center/right; None
    for an axis it leaves as it is ("move the logo left" keeps the logo's height)."""
    text = text.replace("위치", "")  # "position", not "top"
    vertical = "top" if _TOP.search(text) else "bottom" if _BOTTOM.search(text) else None
    horizontal = "left" if _LEFT.search(text) else "right" if _RIGHT.search(text) else None
    if _CENTER.search(text):
        if _ACROSS.search(text) and not _UPRIGHT.search(text):
            horizontal = horizontal or "center"
        elif _UPRIGHT.search(text) and not _ACROSS.search(text):
            vertical = vertical or "middle"
        else:  # "가운데로": both; "top centre", "왼쪽 가운데": the axis not named
            vertical, horizontal = vertical or "middle", horizontal or "center"
    if vertical is None and horizontal is None:
        return None
    return vertical, horizontal


def _bounds(ctx: _Context, item: _Placed) -> tuple[float, float, float, float]:
    if item.obj["role"] in BACKDROP_ROLES:
        return (0.0, 0.0, *ctx.size)
    return safe_area(ctx)


def _moved_to(ctx: _Context, item: _Placed, x: float, y: float) -> MoveOp:
    page_width, page_height = ctx.size
    left, top, right, bottom = _bounds(ctx, item)
    _, _, w, h = item.box
    x = place_within(x, w, left, right, page_width)
    y = place_within(y, h, top, bottom, page_height)
    return MoveOp(target=item.obj["id"], x=_r(x - item.origin[0]), y=_r(y - item.origin[1]))


def move(ctx: _Context, target: _Target, text: str) -> list[Op] | None:
    where = position(text)
    if where is None:
        return None
    vertical, horizontal = where
    nudge = bool(_A_LITTLE.search(text))
    page_width, page_height = ctx.size
    step = CORNER_MARGIN * page_width
    ops: list[Op] = []
    for item in ctx.objects(target):
        left, top, right, bottom = _bounds(ctx, item)
        x, y, w, h = item.box
        if nudge:  # "조금 왼쪽으로": a step that way, not all the way to the margin
            x += {"left": -step, "right": step}.get(horizontal, 0.0)
            y += {"top": -step, "bottom": step}.get(vertical, 0.0)
        else:
            x = {"left": left, "center": (page_width - w) / 2, "right": right - w}.get(horizontal, x)
            y = {"top": top, "middle": (page_height - h) / 2, "bottom": bottom - h}.get(vertical, y)
        ops.append(_moved_to(ctx, item, x, y))
    return ops


def _grown(size: float, factor: float, room: float) -> float:
    """``size`` times ``factor``, no larger than ``room`` when growing, never smaller than it was."""
    if factor <= 1:
        return size * factor
    return max(size, min(size * factor, room))


def resize(ctx: _Context, target: _Target, factor: float) -> list[Op]:
    ops: list[Op] = []
    for item in ctx.objects(target):
        obj = item.obj
        left, top, right, bottom = _bounds(ctx, item)
        x, y, w, h = item.box
        font_size = None
        if obj["type"] == "text":
            new_w, new_h = _grown(w, factor, right - left), _grown(h, factor, bottom - top)
            font_size = obj["style"]["font_size"] * factor
            if factor > 1:
                font_size, new_h = _fitted(ctx, obj, new_w, new_h, font_size, bottom - top)
        else:
            # Pictures and groups keep their proportions; a group's children scale with it.
            scale = min(factor, (right - left) / w, (bottom - top) / h)
            scale = max(scale, 1.0) if factor > 1 else scale
            new_w, new_h = w * scale, h * scale
        new_w, new_h = _r(new_w), _r(new_h)
        font_size = _r(font_size) if font_size else None
        ops.append(ResizeOp(target=obj["id"], width=new_w, height=new_h, font_size=font_size))
        resized = _Placed({**obj, "width": new_w, "height": new_h}, item.page, item.origin, item.paint, item.groups)
        ops.append(_moved_to(ctx, resized, x + (w - new_w) / 2, y + (h - new_h) / 2))
        if obj["type"] == "text" and factor > 1 and not obj["style"]["shrink_to_fit"]:
            # Measured with the server's fonts; the editor's may run wider, and then it shrinks.
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(shrink_to_fit=True)))
    return ops


def _fitted(
    ctx: _Context, obj: dict, width: float, height: float, font_size: float, room: float
) -> tuple[float, float]:
    """(font size, box height) for a text grown to ``width``: the size asked for, the box as
    tall as its lines need within ``room``; where even ``room`` is too short, the largest whole
    size that fits, but never smaller than the text was."""
    language = ctx.content["language"]
    was = obj["style"]["font_size"]
    _, broke_before = wrapped(obj, obj["width"], was, language)

    def needs(size: float) -> float | None:
        """The height ``size`` needs, None when it does not fit (or breaks a word that was whole)."""
        need, broke = wrapped(obj, width, size, language)
        return need if need <= room + 0.5 and (broke_before or not broke) else None

    if (need := needs(font_size)) is not None:
        return font_size, max(height, need)
    low, high = math.ceil(was), math.floor(font_size)
    best = None
    while low <= high:
        middle = (low + high) // 2
        if needs(middle) is not None:
            best, low = middle, middle + 1
        else:
            high = middle - 1
    if best is None or best <= was:
        return was, height
    return float(best), max(height, needs(best))
