"""Geometry: frames that place a box's coordinates on the page, and the turn between SparklioDocument
(about the centre) and Polotno (about ``x``/``y``) poses."""

from __future__ import annotations

import math

from documents.polotno.attributes import _list, _num
from documents.polotno.unsupported import _supported

# Where a box's own coordinates (relative to its top-left corner, turned with it) sit on the page:
# the page position of its top-left corner and its page rotation, in degrees clockwise.
Frame = tuple[float, float, float]
_PAGE: Frame = (0.0, 0.0, 0.0)


def _turn(u: float, v: float, degrees: float) -> tuple[float, float]:
    """``(u, v)`` turned clockwise on screen (y down) by ``degrees``: R(θ)·(u, v)."""
    if degrees % 360 == 0:
        return u, v
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    return u * cos - v * sin, u * sin + v * cos


def _to_page(frame: Frame, u: float, v: float) -> tuple[float, float]:
    du, dv = _turn(u, v, frame[2])
    return frame[0] + du, frame[1] + dv


def _from_page(frame: Frame, x: float, y: float) -> tuple[float, float]:
    return _turn(x - frame[0], y - frame[1], -frame[2])


def _norm(rotation: float) -> float:
    return math.fmod(rotation, 360) if abs(rotation) > 360 else rotation


def _placed(frame: Frame, x: float, y: float, width: float, height: float, rotation: float) -> Frame:
    """The frame of a SparklioDocument box given in ``frame``'s coordinates (turned about its centre);
    its first two values are Polotno's ``x``/``y`` of the box: its rotated top-left corner on the page."""
    angle = frame[2] + rotation
    if rotation % 360 == 0:
        return (*_to_page(frame, x, y), angle)
    cx, cy = _to_page(frame, x + width / 2, y + height / 2)
    du, dv = _turn(-width / 2, -height / 2, angle)
    return cx + du, cy + dv, angle


def _local(frame: Frame, x: float, y: float, width: float, height: float, rotation: float) -> tuple:
    """The inverse of :func:`_placed`: the SparklioDocument ``x``, ``y`` and ``rotation``, in ``frame``'s
    coordinates, of a box Polotno places at ``x``/``y`` turned by ``rotation`` about that corner."""
    own = _norm(rotation - frame[2])
    if own % 360 == 0:
        return (*_from_page(frame, x, y), own)
    du, dv = _turn(width / 2, height / 2, rotation)
    cx, cy = _from_page(frame, x + du, y + dv)
    return cx - width / 2, cy - height / 2, own


def _localize(fields: dict, frame: Frame) -> dict:
    """Turn the Polotno pose a reader gives (page coordinates, turned about ``x``/``y``) into
    SparklioDocument geometry in ``frame``'s coordinates; the size and points stay."""
    fields["x"], fields["y"], fields["rotation"] = _local(
        frame, fields["x"], fields["y"], fields["width"], fields["height"], fields["rotation"]
    )
    return fields


def _corners(x: float, y: float, width: float, height: float, rotation: float) -> list[tuple[float, float]]:
    """The corners of a Polotno box (turned about its ``x``/``y``)."""
    angle = math.radians(rotation)
    cos, sin = math.cos(angle), math.sin(angle)
    return [
        (x + px * cos - py * sin, y + px * sin + py * cos)
        for px, py in ((0, 0), (width, 0), (width, height), (0, height))
    ]


def _raw_bounds(el: dict, path: str) -> tuple[float, float, float, float] | None:
    """Page-coordinate bounds (left, top, right, bottom) of a Polotno element; None for an empty group.
    Elements kept whole (unsupported) do not count: export puts them back after it measured."""
    if el.get("type") == "group":
        boxes = [
            _raw_bounds(child, f"{path}.children[{i}]")
            for i, child in enumerate(_list(el, "children", path))
            if isinstance(child, dict) and _supported(child)
        ]
        boxes = [box for box in boxes if box is not None]
        if not boxes:
            return None
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    height = _num(el, "height", path, 100)
    if el.get("type") == "text" and not height:
        height = _num(el, "fontSize", path, 14) * 1.2
    corners = _corners(
        _num(el, "x", path, 0),
        _num(el, "y", path, 0),
        _num(el, "width", path, 100),
        height,
        _num(el, "rotation", path, 0),
    )
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _covers(pose: tuple, width: float, height: float) -> bool:
    corners = _corners(*pose)
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs) <= 2 and min(ys) <= 2 and max(xs) >= width - 2 and max(ys) >= height - 2


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")
