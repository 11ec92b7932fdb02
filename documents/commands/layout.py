"""Where objects are: placed boxes, what is under them, free bands, ids in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from documents.commands.brand import BACKDROP_ROLES

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


def _free_band(ctx: _Context, page: int, x0: float, x1: float, height: float) -> tuple[float, float]:
    """(y, height) of the first vertical gap on the page, top down, that fits ``height`` between
    x0 and x1 (backdrops do not count); else the largest gap, if it is at least 60% of it."""
    width, page_height = ctx.size
    margin = CORNER_MARGIN * width
    taken = sorted(
        (box[1], box[1] + box[3])
        for p in ctx.placed
        if p.page == page
        and not p.groups
        and p.obj["visible"]
        and p.obj["role"] not in BACKDROP_ROLES
        and (box := p.box)[2] * box[3] < 0.8 * width * page_height
        and box[0] < x1
        and box[0] + box[2] > x0
    )
    gaps, cursor = [], margin
    for top, bottom in taken:
        if top > cursor:
            gaps.append((cursor, top - cursor))
        cursor = max(cursor, bottom)
    if page_height - margin > cursor:
        gaps.append((cursor, page_height - margin - cursor))
    fitting = [gap for gap in gaps if gap[1] >= height]
    if fitting:
        y, room = fitting[0]
        return y + (room - height) / 2, height
    largest = max(gaps, key=lambda gap: gap[1], default=None)
    if largest and largest[1] >= 0.6 * height:
        return largest
    return margin, height


def _used_ids(content: dict) -> set[str]:
    return {p.obj["id"] for p in _placed(content)} | {page["id"] for page in content["pages"]}


def _unique_id(used: set[str], base: str) -> str:
    n = 1
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"
