"""Colours: CSS colours as SparklioDocument hex, and Polotno colour attributes read with warnings."""

from __future__ import annotations

import colorsys
import math
import re
from typing import Any

from PIL import ImageColor

from documents.polotno.report import _Report

_COLOR_FUNCTION = re.compile(r"(rgba?|hsla?)\((.*)\)", re.IGNORECASE | re.DOTALL)
_COLOR_TOKEN = re.compile(r"#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)|\b[a-zA-Z]+\b")


def css_color_to_hex(value: str) -> str | None:
    """A CSS colour as ``#RRGGBB`` (``#RRGGBBAA`` unless opaque), or None when it is not one.

    Six- and eight-digit hex is returned as written; ``transparent`` is ``#00000000``."""
    text = value.strip()
    low = text.lower()
    if low == "transparent":
        return "#00000000"
    if low.startswith("#"):
        digits = low[1:]
        if not re.fullmatch(r"[0-9a-f]+", digits):
            return None
        if len(digits) in (6, 8):
            return text
        if len(digits) in (3, 4):
            return "#" + "".join(d * 2 for d in digits).upper()
        return None
    if low in ImageColor.colormap:
        red, green, blue = ImageColor.getrgb(low)[:3]
        return _hex(red, green, blue, 1)
    match = _COLOR_FUNCTION.fullmatch(low)
    if not match:
        return None
    parts = [p for p in re.split(r"\s*[,/]\s*|\s+", match.group(2).strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        alpha = _fraction(parts[3], 1) if len(parts) == 4 else 1.0
        if match.group(1).startswith("rgb"):
            red, green, blue = (_fraction(p, 255) * 255 for p in parts[:3])
        else:
            hue = float(parts[0].removesuffix("deg")) / 360 % 1
            red, green, blue = (
                c * 255 for c in colorsys.hls_to_rgb(hue, _fraction(parts[2], 1), _fraction(parts[1], 1))
            )
    except ValueError:
        return None
    return _hex(red, green, blue, alpha)


def _fraction(part: str, scale: float) -> float:
    """A CSS number or percentage as a fraction of ``scale``, clamped to 0..1."""
    value = float(part[:-1]) / 100 if part.endswith("%") else float(part) / scale
    if not math.isfinite(value):
        raise ValueError(part)
    return min(max(value, 0.0), 1.0)


def _hex(red: float, green: float, blue: float, alpha: float) -> str:
    out = "#{:02X}{:02X}{:02X}".format(*(round(min(max(c, 0), 255)) for c in (red, green, blue)))
    alpha_byte = round(alpha * 255)
    return out if alpha_byte >= 255 else f"{out}{alpha_byte:02X}"


def _read_color(
    raw: Any, where: str, report: _Report, *, fallback: str | None, clear_is_none: bool, field: str | None = None
) -> str | None:
    """A Polotno colour attribute as hex; fully transparent is None where ``clear_is_none``.
    What cannot be converted becomes ``fallback`` (or a gradient its first colour), and is reported."""
    if not isinstance(raw, str):
        raise ValueError(f"{where}: expected a colour string, got {raw!r}")
    if raw.strip() == "" and clear_is_none:
        return None
    color = css_color_to_hex(raw)
    if color is None and "gradient(" in raw.lower():
        stops = [css_color_to_hex(token) for token in _COLOR_TOKEN.findall(raw.split("(", 1)[1])]
        color = next((stop for stop in stops if stop), None)
        if color is not None:
            report.warn(f"{where}: gradient {raw!r} was replaced by its first colour {color}", field)
    if color is None:
        report.warn(f"{where}: could not convert colour {raw!r}; used {fallback or 'none'}", field)
        return fallback
    if clear_is_none and len(color) == 9 and color[7:].upper() == "00":
        return None
    return color
