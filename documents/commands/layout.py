"""Where objects are: placed boxes, what is under them, free bands, ids in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import ImageFont

from documents.commands.brand import BACKDROP_ROLES
from documents.render import fonts
from documents.render import text as text_layout
from documents.schema import Role, TextObject

if TYPE_CHECKING:
    from documents.commands.targets import _Context

CORNER_MARGIN = 0.05  # of the page width


# --- where objects are --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Placed:
    """An object with its page, the origin of its coordinates (a group's children are relative to
    the group), its paint order and the groups around it."""

    obj: dict
    page: int
    origin: tuple[float, float]
    paint: tuple
    groups: tuple[str, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.origin[0] + self.obj["x"], self.origin[1] + self.obj["y"], self.obj["width"], self.obj["height"])


def _placed(content: dict) -> list[_Placed]:
    out: list[_Placed] = []

    def walk(objects, page, origin, paint, groups):
        for index, obj in enumerate(objects):
            item = _Placed(obj, page, origin, (*paint, (obj["z_index"], index)), groups)
            out.append(item)
            if obj["type"] == "group":
                walk(obj["children"], page, (item.box[0], item.box[1]), item.paint, (*groups, obj["id"]))

    for page_index, page in enumerate(content["pages"]):
        walk(page["objects"], page_index, (0.0, 0.0), (), ())
    return out


def _contains(box, x: float, y: float) -> bool:
    return box[0] <= x <= box[0] + box[2] and box[1] <= y <= box[1] + box[3]


def _backdrop(content: dict, placed: list[_Placed], page: int, box, paint: tuple | None = None) -> str:
    """The colour under the centre of ``box``: the topmost filled shape painted before ``paint``
    (anything on the page when None), else the page background. Images are not sampled."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    hidden = {p.obj["id"] for p in placed if not p.obj["visible"]}
    under = [
        p
        for p in placed
        if p.page == page
        and (paint is None or p.paint < paint)
        and p.obj["type"] == "shape"
        and p.obj["shape"] != "line"
        and p.obj["fill"]
        and p.obj["opacity"] >= 0.5
        and p.obj["id"] not in hidden
        and not hidden.intersection(p.groups)
        and _contains(p.box, cx, cy)
    ]
    if under:
        return max(under, key=lambda p: p.paint).obj["fill"][:7]
    return content["pages"][page]["background"][:7]


def _text_backdrop(content: dict, placed: list[_Placed], item: _Placed) -> str:
    own = item.obj["style"]["background_color"]
    return own[:7] if own else _backdrop(content, placed, item.page, item.box, item.paint)


_KEPT = {Role.LOGO, Role.QR_CODE}  # never covered by a new text, even where pictures may be


def safe_area(ctx: _Context) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the part of the page that texts and logos keep inside: the
    page less CORNER_MARGIN of its width on every side."""
    width, height = ctx.size
    margin = CORNER_MARGIN * width
    return margin, margin, width - margin, height - margin


def place_within(position: float, size: float, low: float, high: float, limit: float) -> float:
    """``position`` moved the least for ``size`` to lie between ``low`` and ``high``; a size
    that does not fit there is kept on the page (0..limit) instead."""
    if size <= high - low:
        return min(max(position, low), high - size)
    return min(max(position, 0.0), max(limit - size, 0.0))


def _free_band(
    ctx: _Context, page: int, x0: float, x1: float, height: float, *, over_pictures: bool = False
) -> float | None:
    """The top of a band ``height`` tall between x0 and x1, centred in the first vertical gap on
    the page, top down and inside the margins, that fits it; None when none does. Backdrops do
    not count; ``over_pictures``, neither do pictures and shapes: only texts, groups holding
    texts, logos and QR codes."""
    width, page_height = ctx.size
    _, top_edge, _, bottom_edge = safe_area(ctx)
    holding_text = {group for p in ctx.placed if p.obj["type"] == "text" for group in p.groups}
    taken = sorted(
        (box[1], box[1] + box[3])
        for p in ctx.placed
        if p.page == page
        and not p.groups
        and p.obj["visible"]
        and p.obj["role"] not in BACKDROP_ROLES
        and (not over_pictures or p.obj["type"] == "text" or p.obj["id"] in holding_text or p.obj["role"] in _KEPT)
        and (box := p.box)[2] * box[3] < 0.8 * width * page_height
        and box[0] < x1
        and box[0] + box[2] > x0
    )
    gaps, cursor = [], top_edge
    for top, bottom in taken:
        if top > cursor:
            gaps.append((cursor, min(top, bottom_edge) - cursor))
        cursor = max(cursor, bottom)
    if bottom_edge > cursor:
        gaps.append((cursor, bottom_edge - cursor))
    return next((y + (room - height) / 2 for y, room in gaps if room >= height), None)


def wrapped(obj: dict, width: float, font_size: float, language: str) -> tuple[float, bool]:
    """(height, whether a word had to be broken) of ``obj``'s text at ``font_size`` wrapped to
    ``width``, as the renderer lays it out (same faces, fallbacks, wrapping and line pitch)."""
    style = obj["style"]
    bold = style["font_weight"] >= fonts.BOLD_FROM_WEIGHT
    faces = [fonts.resolve(style["font_family"], style["font_weight"]), *fonts.fallbacks(bold)]
    laid = text_layout.layout(
        text_layout.prepare(obj["text"], faces),
        font_size,
        max_width=width,
        letter_spacing=style["letter_spacing"],
        line_height=style["line_height"],
        language=language if fonts.LAYOUT == ImageFont.Layout.RAQM else None,
    )
    return laid.height, laid.broke_word


def _used_ids(content: dict) -> set[str]:
    return {p.obj["id"] for p in _placed(content)} | {page["id"] for page in content["pages"]}


def _unique_id(used: set[str], base: str) -> str:
    n = 1
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


INK_ALPHA = 96  # as the render's integrity checks count ink


def ink_box(obj: dict, language: str) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of the ink of text ``obj`` as the renderer draws it in its
    box, in the coordinates of its box's top-left (``obj``'s x and y); None without ink."""
    drawn = text_layout.render(
        TextObject.model_validate(obj),
        (max(1, round(obj["width"])), max(1, round(obj["height"]))),
        1.0,
        language if fonts.LAYOUT == ImageFont.Layout.RAQM else None,
        max_pad=round(max(obj["width"], obj["height"])),
    )
    found = drawn.layer.getchannel("A").point(lambda alpha: 255 if alpha > INK_ALPHA else 0).getbbox()
    if found is None:
        return None
    dx, dy = obj["x"] - drawn.pad, obj["y"] - drawn.pad
    left, top, right, bottom = found
    return left + dx, top + dy, right + dx, bottom + dy
