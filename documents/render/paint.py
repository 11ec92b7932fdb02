"""Small drawing helpers shared by the renderer's parts: colours, anti-aliased masks, layers."""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import Image, ImageChops, ImageDraw, ImageOps

RGBA = tuple[int, int, int, int]

# Pillow draws shapes without anti-aliasing; masks are drawn this many times larger and
# reduced, unless that would exceed the pixel budget below (then the factor drops).
SUPERSAMPLE = 4
SUPERSAMPLE_MAX_PIXELS = 16_000_000


def rgba(hex_colour: str) -> RGBA:
    """``#RRGGBB`` or ``#RRGGBBAA`` (the schema's HEX pattern) as an RGBA tuple."""
    value = hex_colour.lstrip("#")
    alpha = int(value[6:8], 16) if len(value) == 8 else 255
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), alpha


def solid(size: tuple[int, int], colour: RGBA, mask: Image.Image | None = None) -> Image.Image:
    """A layer of one colour, its alpha being ``mask`` (scaled by the colour's own alpha).

    Transparent pixels keep the colour's RGB, so resampling (rotation) blends no black in."""
    layer = Image.new("RGBA", size, colour[:3] + (0,))
    if mask is None:
        alpha = Image.new("L", size, colour[3])
    elif colour[3] == 255:
        alpha = mask
    else:
        alpha = mask.point(_scale_table(colour[3] / 255))
    layer.putalpha(alpha)
    return layer


def aa_mask(size: tuple[int, int], draw: Callable[[ImageDraw.ImageDraw, float], None]) -> Image.Image:
    """An anti-aliased 'L' mask: ``draw(d, factor)`` paints 255 on a canvas ``factor`` times
    larger, which is then box-reduced to ``size``."""
    width, height = size
    factor = SUPERSAMPLE
    while factor > 1 and width * height * factor * factor > SUPERSAMPLE_MAX_PIXELS:
        factor -= 1
    big = Image.new("L", (width * factor, height * factor), 0)
    draw(ImageDraw.Draw(big), factor)
    return big.reduce(factor) if factor > 1 else big


def rounded_mask(size: tuple[int, int], radius: float) -> Image.Image:
    width, height = size
    radius = min(radius, width / 2, height / 2)

    def paint(d: ImageDraw.ImageDraw, f: float) -> None:
        d.rounded_rectangle((0, 0, width * f - 1, height * f - 1), radius=radius * f, fill=255)

    return aa_mask(size, paint)


def with_opacity(layer: Image.Image, opacity: float) -> Image.Image:
    if opacity >= 1:
        return layer
    layer = layer.copy()
    layer.putalpha(layer.getchannel("A").point(_scale_table(opacity)))
    return layer


def mask_alpha(layer: Image.Image, mask: Image.Image) -> Image.Image:
    """``layer`` with its alpha multiplied by ``mask`` (same size)."""
    layer = layer.copy()
    layer.putalpha(ImageChops.multiply(layer.getchannel("A"), mask))
    return layer


def rotate(layer: Image.Image, degrees: float) -> Image.Image:
    """``layer`` turned clockwise about its centre, grown to hold the corners.

    Premultiplied alpha while resampling, so edges blend with transparency, not black; a
    transparent border first, since Pillow does not interpolate across the image's edge
    (edges of the layer would come out jagged)."""
    if degrees % 360 == 0:
        return layer
    bordered = ImageOps.expand(layer.convert("RGBa"), border=2, fill=(0, 0, 0, 0))
    return bordered.rotate(-degrees, resample=Image.Resampling.BICUBIC, expand=True).convert("RGBA")


def composite(target: Image.Image, layer: Image.Image, left: int, top: int) -> None:
    """Source-over ``layer`` onto ``target`` with its top-left at (left, top); parts off the
    target are dropped."""
    if left >= target.width or top >= target.height or left + layer.width <= 0 or top + layer.height <= 0:
        return
    source = (max(0, -left), max(0, -top))
    target.alpha_composite(layer, dest=(max(0, left), max(0, top)), source=source)


def placeholder(size: tuple[int, int], *, fill: RGBA, line: RGBA) -> Image.Image:
    """A box with a border and a cross: where something could not be drawn."""
    layer = Image.new("RGBA", size, fill)
    d = ImageDraw.Draw(layer)
    width, height = size
    stroke = max(1, round(min(width, height) / 100))
    d.line((0, 0, width - 1, height - 1), fill=line, width=stroke)
    d.line((0, height - 1, width - 1, 0), fill=line, width=stroke)
    d.rectangle((0, 0, width - 1, height - 1), outline=line, width=stroke)
    return layer


def ceil_px(value: float) -> int:
    return max(1, math.ceil(value - 1e-6))


def _scale_table(factor: float) -> list[int]:
    return [round(i * factor) for i in range(256)]
