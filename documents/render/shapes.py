"""Shapes: rect (rounded), ellipse, line and polygon, with fill and stroke.

Strokes of rects and ellipses lie inside the box (like a CSS border), so the shape never
grows past its box. Lines and polygons go through ``points``, given in document units
relative to the object's x/y, with the stroke centred on the path. A line is drawn in its
``stroke`` colour (else ``fill``) and ``stroke_width`` (else 1).
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from documents.render.paint import aa_mask, composite, rgba, solid
from documents.schema import ShapeObject


def is_plain_rect(obj: ShapeObject) -> bool:
    """An opaque, square-cornered, upright rect: it can be drawn straight onto the page."""
    colours = [c for c in (obj.fill, obj.stroke if obj.stroke_width else None) if c]
    return (
        obj.shape == "rect"
        and obj.corner_radius == 0
        and obj.rotation % 360 == 0
        and obj.opacity >= 1
        and all(rgba(c)[3] == 255 for c in colours)
    )


def draw_plain_rect(target: Image.Image, obj: ShapeObject, box: tuple[int, int, int, int], factor: float) -> None:
    left, top, right, bottom = box
    stroke = round(obj.stroke_width * factor) if obj.stroke and obj.stroke_width else 0
    ImageDraw.Draw(target).rectangle(
        (left, top, right - 1, bottom - 1),
        fill=rgba(obj.fill) if obj.fill else None,
        outline=rgba(obj.stroke) if stroke else None,
        width=max(stroke, 1),
    )


def draw(obj: ShapeObject, size: tuple[int, int], factor: float, *, max_pad: int) -> tuple[Image.Image, int]:
    """The shape on a transparent layer, and the margin (pixels) around its box in it; points
    further than ``max_pad`` outside the box are cut off."""
    if obj.shape in ("line", "polygon"):
        return _draw_path(obj, size, factor, max_pad)
    width, height = size
    stroke = obj.stroke_width * factor if obj.stroke else 0
    radius = min(obj.corner_radius * factor, width / 2, height / 2)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))

    def outline(d: ImageDraw.ImageDraw, f: float, *, ring: bool) -> None:
        corners = (0, 0, width * f - 1, height * f - 1)
        options = {"outline": 255, "width": max(1, round(stroke * f))} if ring else {"fill": 255}
        if obj.shape == "ellipse":
            d.ellipse(corners, **options)
        else:
            d.rounded_rectangle(corners, radius=radius * f, **options)

    smooth = obj.shape == "ellipse" or radius > 0
    if obj.fill:
        if obj.shape == "rect" and not smooth:
            layer = solid(size, rgba(obj.fill))
        else:
            layer = solid(size, rgba(obj.fill), aa_mask(size, lambda d, f: outline(d, f, ring=False)))
    if stroke > 0:
        if smooth:
            ring = aa_mask(size, lambda d, f: outline(d, f, ring=True))
        else:
            ring = Image.new("L", size, 0)
            outline(ImageDraw.Draw(ring), 1, ring=True)
        composite(layer, solid(size, rgba(obj.stroke), ring), 0, 0)
    return layer, 0


def _draw_path(obj: ShapeObject, size: tuple[int, int], factor: float, max_pad: int) -> tuple[Image.Image, int]:
    width, height = size
    is_line = obj.shape == "line"
    stroke_colour = obj.stroke or (obj.fill if is_line else None)
    stroke = (obj.stroke_width or (1 / factor if is_line else 0)) * factor if stroke_colour else 0
    points = [(x * factor, y * factor) for x, y in obj.points]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    reach = max(0.0, -min(xs), -min(ys), max(xs) - width, max(ys) - height)
    pad = min(math.ceil(reach + stroke / 2) + 1, max_pad)
    layer_size = (width + 2 * pad, height + 2 * pad)

    def path(f: float) -> list[tuple[float, float]]:
        return [((x + pad) * f, (y + pad) * f) for x, y in points]

    layer = Image.new("RGBA", layer_size, (0, 0, 0, 0))
    if obj.fill and not is_line:
        mask = aa_mask(layer_size, lambda d, f: d.polygon(path(f), fill=255))
        layer = solid(layer_size, rgba(obj.fill), mask)
    if stroke > 0:
        closed = path if is_line else (lambda f: [*path(f), path(f)[0]])
        ring = aa_mask(
            layer_size, lambda d, f: d.line(closed(f), fill=255, width=max(1, round(stroke * f)), joint="curve")
        )
        composite(layer, solid(layer_size, rgba(stroke_colour), ring), 0, 0)
    return layer, pad
