"""Moving and resizing: "move the logo left", "로고를 오른쪽 위로", "make the headline bigger".

Texts, logos and buttons keep inside the page's safe area (CORNER_MARGIN of the page width on
every side): "move the logo left" lands on the left margin, and a text moved to one side is set
flush to that side, so that its letters move and not only its box. A resized text keeps the
edge it is aligned on (a left-aligned text its left edge, a centred one its centre, a
right-aligned one its right edge; vertically, as it is aligned in its box). A text made bigger
grows its box and its font only as far as it fits: inside the margins, wrapping onto more
lines where the box can grow, and never up to another object it does not already touch; when
it cannot grow at all the command is refused, and when it grows less than asked a note says
so. Backdrops only keep inside the page.
"""

from __future__ import annotations

import math
import re

from documents.commands.brand import BACKDROP_ROLES
from documents.commands.errors import CommandNotUnderstood
from documents.commands.layout import CORNER_MARGIN, _contains, _Placed, ink_box, place_within, safe_area, wrapped
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


_FLUSH = {"left": "left", "right": "right", "center": "center"}


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
        if item.obj["type"] == "text" and not nudge and horizontal in _FLUSH:
            # A box wider than its words moves little of its ink: "move the logo left" on a
            # right-aligned logo would leave the letters where they were.
            align = item.obj["style"]["align"]
            if align != _FLUSH[horizontal] and not (align == "justify" and horizontal == "left"):
                ops.append(RestyleOp(target=item.obj["id"], style=StyleChanges(align=_FLUSH[horizontal])))
    return ops


CLEARANCE = 0.01  # of the page width: how near a grown text may come to another object


def _on_resized_shape(item: _Placed, resized: list[_Placed]) -> bool:
    """Whether ``item`` lies on another object resized with it (a button's label on its pill)."""
    x, y, w, h = item.box
    return any(p.obj["type"] != "text" and _contains(p.box, x + w / 2, y + h / 2) for p in resized if p is not item)


def _visual_edges(placed: _Placed) -> tuple[float | None, float | None]:
    """The left and right edges an object shows: a box's both, a text's only the one its lines
    are set flush to (a left-aligned text's right edge is where its box ends, not its words)."""
    x, _, w, _ = placed.box
    if placed.obj["type"] != "text" or placed.obj["style"].get("background_color"):
        return x, x + w
    align = placed.obj["style"].get("align", "left")
    return (x if align in ("left", "justify") else None), (x + w if align == "right" else None)


def _column_edge(ctx: _Context, item: _Placed, resized: list[_Placed]) -> str | None:
    """The edge of ``item`` that lines up with other objects on its page (a button under a column
    of left-aligned texts): "start" or "end" when more objects share that edge than the other,
    else ``None``."""
    x, _, w, _ = item.box
    tolerance = max(1.5, 0.002 * ctx.size[0])
    own = {p.obj["id"] for p in resized} | set(item.groups)
    lefts = rights = 0
    for other in ctx.placed:
        obj = other.obj
        if (
            other.page != item.page
            or obj["type"] == "group"
            or obj["id"] in own
            or own.intersection(other.groups)
            or obj.get("role") in BACKDROP_ROLES
            or not obj.get("visible", True)
        ):
            continue
        left, right = _visual_edges(other)
        lefts += left is not None and abs(left - x) <= tolerance
        rights += right is not None and abs(right - (x + w)) <= tolerance
    if lefts > rights:
        return "start"
    if rights > lefts:
        return "end"
    return None


def _anchors(ctx: _Context, item: _Placed, resized: list[_Placed]) -> tuple[str, str]:
    """The edges a resized object keeps (across, upright): "start", "centre" or "end". A box (a
    shape, a picture, a group, a text on its own fill) whose left or right edge lines up with a
    column of others keeps that edge, so that a resized button stays in line with the texts above
    it ("CTA 키우고" moved it off the column, x 42 against 57); else it keeps its centre. A plain
    text keeps the edge it is aligned on, and a text on a shape resized with it (a button's label
    on its pill) its centre."""
    obj = item.obj
    if _on_resized_shape(item, resized):
        return "centre", "centre"
    if obj["type"] != "text":
        return _column_edge(ctx, item, resized) or "centre", "centre"
    style = obj["style"]
    across = {"center": "centre", "right": "end"}.get(style["align"], "start")
    if style.get("background_color"):  # a text on its own fill (a button): its box is what shows
        across = _column_edge(ctx, item, resized) or across
    upright = {"middle": "centre", "bottom": "end"}.get(style["vertical_align"], "start")
    return across, upright


def _anchored(start: float, size: float, new: float, anchor: str) -> float:
    """Where a span from ``start`` of ``size`` begins once it is ``new`` long, keeping ``anchor``."""
    return {"start": start, "centre": start + (size - new) / 2, "end": start + size - new}[anchor]


def _reach(start: float, size: float, low: float, high: float, anchor: str) -> float:
    """The longest the span may become between ``low`` and ``high`` keeping ``anchor``."""
    if anchor == "start":
        return high - start
    if anchor == "end":
        return start + size - low
    middle = start + size / 2
    return 2 * min(middle - low, high - middle)


def resize(ctx: _Context, target: _Target, factor: float) -> list[Op]:
    ops: list[Op] = []
    resized = ctx.objects(target)
    for item in resized:
        obj = item.obj
        across, upright = _anchors(ctx, item, resized)
        if obj["type"] == "text" and factor > 1:
            ops += _grow_text(ctx, target, item, factor, (across, upright), _on_resized_shape(item, resized))
            continue
        left, top, right, bottom = _bounds(ctx, item)
        x, y, w, h = item.box
        font_size = None
        if obj["type"] == "text":
            new_w, new_h = w * factor, h * factor
            font_size = _r(obj["style"]["font_size"] * factor)
        else:
            # Pictures and groups keep their proportions; a group's children scale with it.
            scale = min(factor, (right - left) / w, (bottom - top) / h)
            scale = max(scale, 1.0) if factor > 1 else scale
            new_w, new_h = w * scale, h * scale
        new_w, new_h = _r(new_w), _r(new_h)
        ops.append(ResizeOp(target=obj["id"], width=new_w, height=new_h, font_size=font_size))
        changed = _Placed({**obj, "width": new_w, "height": new_h}, item.page, item.origin, item.paint, item.groups)
        ops.append(_moved_to(ctx, changed, _anchored(x, w, new_w, across), _anchored(y, h, new_h, upright)))
    return _labels_kept_on_their_pills(resized, ops)


def _labels_kept_on_their_pills(resized: list[_Placed], ops: list[Op]) -> list[Op]:
    """``ops`` with each text that lies on a shape resized with it moved as far as that shape's
    centre moved: a pill pushed back inside the margin takes its label along."""
    boxes = {op.target: (op.width, op.height) for op in ops if isinstance(op, ResizeOp)}
    moves = {op.target: op for op in ops if isinstance(op, MoveOp)}

    def shift(item: _Placed) -> tuple[float, float]:
        x, y, w, h = item.box
        new_w, new_h = boxes[item.obj["id"]]
        move = moves[item.obj["id"]]
        return (move.x + item.origin[0] + new_w / 2 - (x + w / 2), move.y + item.origin[1] + new_h / 2 - (y + h / 2))

    for item in resized:
        if item.obj["type"] != "text" or item.obj["id"] not in moves:
            continue
        x, y, w, h = item.box
        pill = next(
            (
                p
                for p in resized
                if p.obj["type"] != "text" and _contains(p.box, x + w / 2, y + h / 2) and p.obj["id"] in moves
            ),
            None,
        )
        if pill is None:
            continue
        (dx, dy), new_w, new_h = shift(pill), *boxes[item.obj["id"]]
        move = moves[item.obj["id"]]
        move.x = _r(x + w / 2 + dx - new_w / 2 - item.origin[0])
        move.y = _r(y + h / 2 + dy - new_h / 2 - item.origin[1])
    return ops


def _label(obj: dict) -> str:
    return obj["role"].replace("_", " ")


def _obstacles(ctx: _Context, target: _Target, item: _Placed) -> list[tuple[dict, tuple]]:
    """(object, box) of what a growing text must not reach: every visible object on its page that
    it does not already touch, other than its own target's objects, its groups and what they
    hold. Each box is grown by CLEARANCE of the page width (or by the gap there already is, when
    less), since a text's ink reaches a little past the lines it is laid out in."""
    own = {p.obj["id"] for p in ctx.objects(target)} | set(item.groups)
    hidden = {p.obj["id"] for p in ctx.placed if not p.obj["visible"] or p.obj["opacity"] <= 0}
    x, y, w, h = item.box
    clearance = CLEARANCE * ctx.size[0]
    found = []
    for other in ctx.placed:
        obj = other.obj
        if (
            other.page != item.page
            or obj["type"] == "group"  # its children count
            or obj["id"] in own | hidden
            or own.intersection(other.groups)
            or hidden.intersection(other.groups)
        ):
            continue
        bx, by, bw, bh = other.box
        gap = max(bx - (x + w), x - (bx + bw), by - (y + h), y - (by + bh))
        if gap <= 0:  # it was laid out over or under this text on purpose
            continue
        c = min(clearance, gap)
        found.append((obj, (bx - c, by - c, bw + 2 * c, bh + 2 * c)))
    return found


def _grow_text(
    ctx: _Context, target: _Target, item: _Placed, factor: float, anchors: tuple[str, str], on_shape: bool
) -> list[Op]:
    """A text ``factor`` times bigger where that fits, else the largest whole font size that fits,
    with a note; CommandNotUnderstood when no size larger than its own fits.

    Its box widens first (to the margins or to what stands beside it), keeping its aligned
    edge, then grows as tall as its wrapped lines need, keeping its vertical alignment and
    shifting up or down only within the free band between the objects above and below it."""
    obj = item.obj
    page_width, _ = ctx.size
    left, top, right, bottom = _bounds(ctx, item)
    x, y, w, h = item.box
    across, upright = anchors
    obstacles = _obstacles(ctx, target, item)
    language = ctx.content["language"]
    was = obj["style"]["font_size"]
    _, broke_before = wrapped(obj, obj["width"], was, language)

    low, high = left, right  # what stands level with the text limits how wide it may become
    for _, (bx, by, bw, bh) in obstacles:
        if by < y + h and by + bh > y:
            if bx >= x + w:
                high = min(high, bx)
            elif bx + bw <= x:
                low = max(low, bx + bw)
    # A label grows as its pill does: about its centre, shifted inside the margins with it.
    reach = high - low if on_shape else _reach(x, w, low, high, across)
    wide = max(w, min(w * factor, reach))
    widths = [wide, w] if wide > w else [w]
    limits: list[dict] = []

    def fit(size: float) -> tuple[float, float, float, float] | None:
        """The box for ``size``, or None; ``limits`` then holds what stood in the way."""
        limits.clear()
        for width in widths:
            need, broke = wrapped(obj, width, size, language)
            if broke and not broke_before:
                continue
            bx = place_within(_anchored(x, w, width, across), width, left, right, page_width)
            band_top, band_bottom, above, below, beside = top, bottom, None, None, None
            for other, (ox, oy, ow, oh) in obstacles:
                if ox >= bx + width or ox + ow <= bx:
                    continue
                if oy + oh <= y:
                    if oy + oh > band_top:
                        band_top, above = oy + oh, other
                elif oy >= y + h:
                    if oy < band_bottom:
                        band_bottom, below = oy, other
                else:
                    beside = other
                    break
            if beside is not None:
                limits.append(beside)
                continue
            for height in dict.fromkeys((max(h * factor, need), max(h, need))):
                if height > band_bottom - band_top + 0.01:
                    continue
                # Large type's ascenders and descenders reach past its lines: the ink must keep
                # off the others too, and the box is made to hold it where that moves no letter.
                drawn = {**obj, "x": 0.0, "y": 0.0, "width": width, "height": height}
                ink = ink_box({**drawn, "style": {**obj["style"], "font_size": size}}, language)
                over = max(0.0, -ink[1]) if ink else 0.0
                under = max(0.0, ink[3] - height) if ink else 0.0
                if height + over + under > band_bottom - band_top + 0.01:
                    continue
                by = _anchored(y, h, height, upright)
                by = min(max(by, band_top + over), band_bottom - under - height)
                return bx, by, width, height + under if upright == "start" else height
            limits.extend(other for other in (below, above) if other is not None)
        return None

    wanted = was * factor
    size, box = wanted, fit(wanted)
    if box is None:
        size, lo, hi = None, math.floor(was) + 1, math.ceil(wanted) - 1
        while lo <= hi:
            middle = (lo + hi) // 2
            if (found := fit(middle)) is not None:
                size, box, lo = float(middle), found, middle + 1
            else:
                hi = middle - 1
    if box is None:
        fit(math.floor(was) + 1)  # what stands in the way of the least growth
        names = list(dict.fromkeys(_label(other) for other in limits))
        reason = f"it would reach the {' and the '.join(names)}" if names else "it already fills the room it has"
        raise CommandNotUnderstood(f"The {target.label} cannot be made bigger: {reason}.")
    if size < wanted:
        names = list(dict.fromkeys(_label(other) for other in limits)) if fit(math.floor(size) + 1) is None else []
        because = f": any larger and it would reach the {' and the '.join(names)}" if names else ""
        ctx.notes.append(f"The {target.label} grew to {size:g} px, not the {_r(wanted):g} px asked for{because}.")
    bx, by, width, height = box
    ops: list[Op] = [
        ResizeOp(target=obj["id"], width=_r(width), height=_r(height), font_size=_r(size)),
        MoveOp(target=obj["id"], x=_r(bx - item.origin[0]), y=_r(by - item.origin[1])),
    ]
    if not obj["style"]["shrink_to_fit"]:
        # Measured with the server's fonts; the editor's may run wider, and then it shrinks.
        ops.append(RestyleOp(target=obj["id"], style=StyleChanges(shrink_to_fit=True)))
    return ops
