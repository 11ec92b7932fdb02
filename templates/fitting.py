"""Fitting text to its box with the renderer's own text layout, so what is computed here is
what the renderer draws (same faces, fallbacks, wrapping and line pitch)."""

from __future__ import annotations

import math

from PIL import ImageFont

from documents.render import fonts, text
from documents.schema import TextObject


def _layouter(obj: TextObject, language: str | None):
    style = obj.style
    bold = style.font_weight >= fonts.BOLD_FROM_WEIGHT
    prepared = text.prepare(obj.text, [fonts.resolve(style.font_family, style.font_weight), *fonts.fallbacks(bold)])
    options = {
        "max_width": obj.width,
        "letter_spacing": style.letter_spacing,
        "line_height": style.line_height,
        "language": language if fonts.LAYOUT == ImageFont.Layout.RAQM else None,
    }
    return lambda size: text.layout(prepared, size, **options)


def _fits(layout: text.Layout, obj: TextObject, *, strict: bool) -> bool:
    within = layout.height <= obj.height + 0.5 and all(line.width <= obj.width + 0.5 for line in layout.lines)
    return within and not (strict and layout.broke_word)


def fitted_size(obj: TextObject, *, language: str | None = None) -> float:
    """The largest font size, at most the object's own (whole px below it), at which the text
    wraps inside the box: preferably without breaking a word, else breaking between
    characters (long Korean runs), else the renderer's minimum."""
    at = _layouter(obj, language)
    size = obj.style.font_size
    if _fits(at(size), obj, strict=True):
        return size
    top = max(text.MIN_SHRINK_SIZE, math.floor(size))
    for strict in (True, False):
        low, high = text.MIN_SHRINK_SIZE, top
        if not _fits(at(low), obj, strict=strict):
            continue
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(at(middle), obj, strict=strict):
                low = middle
            else:
                high = middle - 1
        return float(low)
    return float(text.MIN_SHRINK_SIZE)


def wrapped_height(obj: TextObject, *, language: str | None = None) -> float:
    """How tall the text is at its current size, wrapped to the box's width."""
    return _layouter(obj, language)(obj.style.font_size).height
