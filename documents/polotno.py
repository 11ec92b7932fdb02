"""SparklioDocument ↔ Polotno store JSON, both ways, without loss.

Polotno's JSON (``store.toJSON()``) holds pages of elements: ``text``, ``image``, ``svg``, ``line``,
``figure`` (shapes chosen by ``subType``), ``video`` and ``group``; the store, every page and every
element carry a free ``custom`` object that Polotno never reads.

:func:`to_polotno` writes everything Polotno can draw in Polotno's own attributes, and under
``custom["sparklio"]`` what it cannot hold:

- ``keep``: fields Polotno has no attribute for (role, provenance, z_index, alt, fit, ...);
- ``exact``: original values the Polotno attributes would not give back exactly (letter spacing
  converted to em, a line's box, a background colour under a background image, ...), each with the
  value the attributes give back (``seen``);
- ``base``: what a reader needs besides the attributes (a polygon's points, drawn as an SVG).

:func:`from_polotno` reads the attributes and takes an ``exact`` value only while the attributes
still give back what they gave at export, so an edit made in Polotno wins over what was stored,
and ``from_polotno(to_polotno(doc))[0] == doc``. A store Polotno made itself (no ``custom``) is read
too: roles are inferred, missing ids are generated, colours are converted, and what has no place in
a SparklioDocument is reported in the warnings (unknown element kinds are kept whole in
``metadata["polotno_unsupported"]`` and written back on export).

Geometry is converted between the two conventions; lengths are pixels in both (``unit``/``dpi``
are display settings). A SparklioDocument (see :mod:`documents.schema`) places the top-left corner
of the unrotated box at ``x``/``y``, turns the box about its centre, and places a group's children
relative to the group's ``x``/``y`` (turned with the group). Polotno (Konva) turns an element about
its own ``x``/``y``, so its ``x``/``y`` is where the rotated box's top-left corner lands, and a
group's children carry page coordinates; a Polotno group has no box of its own. So:

- export places every object on the page: the Polotno ``x``/``y`` is the rotated top-left corner
  ``c + R(θ)·(−w/2, −h/2)`` (``c`` the box's centre on the page), ``rotation`` is the object's
  rotation plus its groups' ones. A group's own rotation is composed into its children's places
  and rotations; the group's box (rotation included) travels in ``custom`` and comes back while
  its children are where export put them;
- import keeps the centre of what Polotno shows: ``c = (x, y) + R(θ)·(w/2, h/2)``, then
  ``x = cx − w/2``; a group's box is its children's bounding box, unrotated on the page, and its
  children are placed relative to the group's final box (the one from ``custom`` when that came
  back), so that moving a child in Polotno moves only that child on the page;
- a Polotno ``line`` runs from the middle of its box's left edge, its height the thickness; its
  box turns about the centre like any other on the SparklioDocument side, with ``points`` (relative
  to the box's ``x``/``y``) along its middle.
"""

from __future__ import annotations

import base64
import binascii
import colorsys
import copy
import hashlib
import html
import math
import re
import urllib.parse
from typing import Any

from PIL import ImageColor
from pydantic import ValidationError

from documents.schema import (
    CHANNEL_PRESETS,
    ID,
    GroupObject,
    ImageObject,
    Page,
    ShapeObject,
    SparklioDocument,
    SvgObject,
    TextObject,
    VideoObject,
    iter_objects,
)

NAMESPACE = "sparklio"
FORMAT = 1

_ID_RE = re.compile(ID)
_GEOMETRY = ("x", "y", "width", "height", "rotation", "points")
_DERIVED_METADATA = ("polotno_unsupported", "polotno_fonts", "polotno_audios")
_SUPPORTED_FIGURES = {"rect": "rect", "circle": "ellipse", "ellipse": "ellipse"}
_ALL_KEEP = ("role", "provenance", "z_index")
_KEEP = {  # fields with no Polotno attribute, per route (the Polotno type an object travels as)
    "text": _ALL_KEEP + ("style.shrink_to_fit",),
    "image": _ALL_KEEP + ("fit", "alt"),
    "svg-image": _ALL_KEEP + ("fit", "alt"),
    "figure": _ALL_KEEP,
    "line": _ALL_KEEP + ("fill", "corner_radius"),
    "svg-shape": _ALL_KEEP + ("shape", "stroke_width", "corner_radius"),
    "svg": _ALL_KEEP,
    "video": _ALL_KEEP + ("loop", "poster"),
    "group": _ALL_KEEP,
}
_MODELS = {
    "text": TextObject,
    "image": ImageObject,
    "svg-image": ImageObject,
    "figure": ShapeObject,
    "line": ShapeObject,
    "svg-shape": ShapeObject,
    "svg": SvgObject,
    "video": VideoObject,
    "group": GroupObject,
}
# Polotno attribute a SparklioDocument field comes from, to name it in error messages.
_ATTR_OF = {
    "id": "id",
    "name": "name",
    "x": "x",
    "y": "y",
    "width": "width",
    "height": "height",
    "rotation": "rotation",
    "opacity": "opacity",
    "text": "text",
    "src": "src",
    "svg": "src",
    "crop": "cropX",
    "corner_radius": "cornerRadius",
    "fill": "fill",
    "stroke": "stroke",
    "stroke_width": "strokeWidth",
    "start": "startTime",
    "end": "endTime",
    "background": "background",
    "background_image": "background",
    "duration": "duration",
    "style.font_family": "fontFamily",
    "style.font_size": "fontSize",
    "style.font_weight": "fontWeight",
    "style.color": "fill",
    "style.background_color": "backgroundColor",
    "style.line_height": "lineHeight",
    "style.letter_spacing": "letterSpacing",
}
# Attributes read on import besides the common ones, per Polotno type; others are checked below.
_HANDLED = {
    "common": {
        "id",
        "type",
        "custom",
        "name",
        "x",
        "y",
        "width",
        "height",
        "rotation",
        "opacity",
        "visible",
        "locked",
        "draggable",
        "resizable",
        "contentEditable",
        "styleEditable",
        "removable",
    },
    "text": {
        "text",
        "fontSize",
        "fontFamily",
        "fontStyle",
        "fontWeight",
        "textDecoration",
        "fill",
        "align",
        "verticalAlign",
        "lineHeight",
        "letterSpacing",
        "backgroundEnabled",
        "backgroundColor",
        "backgroundOpacity",
    },
    "image": {"src", "cropX", "cropY", "cropWidth", "cropHeight", "cornerRadius"},
    "figure": {"subType", "fill", "stroke", "strokeWidth", "cornerRadius"},
    "line": {"color"},
    "svg": {"src", "colorsReplace"},
    "video": {"src", "startTime", "endTime", "duration", "volume"},
    "group": {"children"},
}
# Attributes Polotno writes whatever the design: no warning while they hold these values.
_NEUTRAL = {
    "selectable": True,
    "showInExport": True,
    "blendMode": "normal",
    "textTransform": "none",
    "endOffset": -1,
    "cropWidth": 1,
    "cropHeight": 1,
}
# Attributes that only matter when another one (reported on its own) is switched on, or UI-only.
_IRRELEVANT = {
    "blurRadius",
    "brightness",
    "shadowBlur",
    "shadowOffsetX",
    "shadowOffsetY",
    "shadowColor",
    "shadowOpacity",
    "borderColor",
    "keepRatio",
    "stretchEnabled",
    "backgroundCornerRadius",
    "backgroundPadding",
    "curvePower",
    "stroke",
    "duotoneShadowColor",
    "duotoneHighlightColor",
    "duotoneOpacity",
}


class _Report:
    """Warnings of one import, each about a field when it is about one; attributes dropped are grouped by name."""

    def __init__(self):
        self.warnings: list[tuple[str | None, str]] = []
        self.dropped: dict[str, list[str]] = {}

    def warn(self, message: str, field: str | None = None) -> None:
        self.warnings.append((field, message))

    def drop(self, attribute: str, path: str) -> None:
        self.dropped.setdefault(attribute, []).append(path)

    def absorb(self, other: _Report, restored: set[str]) -> None:
        """Take ``other``'s warnings, less those about fields an exact copy restored (nothing was lost)."""
        self.warnings += [(field, message) for field, message in other.warnings if field not in restored]
        for attribute, paths in other.dropped.items():
            self.dropped.setdefault(attribute, []).extend(paths)

    def all(self) -> list[str]:
        out = [message for _, message in self.warnings]
        for attribute, paths in self.dropped.items():
            more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
            out.append(
                f"{paths[0] or 'store'}: Polotno attribute {attribute!r} has no SparklioDocument "
                f"equivalent and was dropped{more}"
            )
        return out


# ----------------------------------------------------------------------------- colours

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


# ----------------------------------------------------------------------------- reading attributes


def _at(path: str, attr: str) -> str:
    return f"{path}.{attr}" if path else attr


def _num(el: dict, attr: str, path: str, default: float) -> float:
    value = el.get(attr)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{_at(path, attr)}: expected a number, got {value!r}")
    return value


def _str(el: dict, attr: str, path: str, default: str) -> str:
    value = el.get(attr)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"{_at(path, attr)}: expected a string, got {value!r}")
    return value


def _flag(el: dict, attr: str, path: str, default: bool) -> bool:
    value = el.get(attr)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValueError(f"{_at(path, attr)}: expected true or false, got {value!r}")
    return value


def _list(el: dict, attr: str, path: str) -> list:
    value = el.get(attr)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{_at(path, attr)}: expected a list, got {type(value).__name__}")
    return value


def _size(el: dict, attr: str, path: str, default: float) -> float:
    # Polotno itself turns a zero size into 1 when it loads a design.
    return _num(el, attr, path, default) or 1


def _locked(el: dict, path: str) -> bool:
    """Polotno's own ``locked``: nothing about the element may be changed (or the legacy flag)."""
    if _flag(el, "locked", path, False):
        return True
    return not any(_flag(el, a, path, True) for a in ("draggable", "resizable", "contentEditable", "styleEditable"))


def _font_weight(raw: Any, where: str, report: _Report, field: str | None = None) -> int:
    names = {"normal": 400, "regular": 400, "bold": 700, "lighter": 300, "bolder": 800}
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str) and raw.strip().lower() in names:
        return names[raw.strip().lower()]
    elif isinstance(raw, str) and re.fullmatch(r"\d+(\.\d+)?", raw.strip()):
        number = float(raw)
    else:
        raise ValueError(f"{where}: expected a font weight, got {raw!r}")
    weight = min(max(round(number / 100) * 100, 100), 900)
    if weight != number:
        report.warn(f"{where}: font weight {raw!r} was rounded to {weight}", field)
    return weight


def _weight_out(weight: int) -> str:
    return {400: "normal", 700: "bold"}.get(weight, str(weight))


_RICH_TEXT = re.compile(r"</?(p|br|span|strong|b|i|em|u|s|ul|ol|li|div|font|a|sub|sup)\b[^>]*>", re.IGNORECASE)


def _plain_text(text: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</(p|div|li)>\s*<(p|div|li)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _svg_from_data_url(src: str, where: str) -> str | None:
    """The markup of an SVG data URL; None when ``src`` is not an SVG data URL."""
    header, comma, payload = src.partition(",")
    if not src.startswith("data:") or not comma or "svg" not in header.lower():
        return None
    if ";base64" in header.lower():
        try:
            markup = base64.b64decode(re.sub(r"\s+", "", urllib.parse.unquote(payload)), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise ValueError(f"{where}: undecodable SVG data URL ({exc})") from exc
    else:
        markup = urllib.parse.unquote(payload)
    if not markup.strip():
        raise ValueError(f"{where}: the SVG data URL is empty")
    return markup


def _svg_data_url(markup: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode("utf-8")).decode("ascii")


def _replace_svg_colors(markup: str, replacements: dict, where: str, report: _Report) -> str:
    """Apply Polotno's ``colorsReplace`` (colour as written in the markup → new colour)."""
    for old, new in replacements.items():
        if not isinstance(new, str):
            raise ValueError(f"{where}.colorsReplace: expected colour strings, got {new!r}")
        pattern = re.compile(
            r"((?:fill|stroke|stop-color|color)\s*(?:=\s*[\"']|:\s*))" + re.escape(old) + r"(?=\s*(?:[\"';)]|$))",
            re.IGNORECASE,
        )
        markup, count = pattern.subn(lambda m, new=new: m.group(1) + new, markup)
        if not count:
            report.warn(f"{where}.colorsReplace: colour {old!r} was not found in the SVG markup", "svg")
    return markup


# ----------------------------------------------------------------------------- geometry

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


# ----------------------------------------------------------------------------- readers (Polotno → fields)
# A reader turns one Polotno element into flat SparklioDocument fields ("style.color" for nested ones).
# Export runs the same reader on what it wrote, so it knows which fields need an exact copy.


def _name(el: dict, path: str, report: _Report) -> str:
    name = _str(el, "name", path, "")
    if len(name) > 120:
        report.warn(f"{path}.name: shortened to 120 characters", "name")
    return name[:120]


def _read_common(el: dict, path: str, report: _Report, size: tuple[float, float] = (100, 100)) -> dict:
    rotation = _num(el, "rotation", path, 0)
    return {
        "name": _name(el, path, report),
        "x": _num(el, "x", path, 0),
        "y": _num(el, "y", path, 0),
        "width": _size(el, "width", path, size[0]),
        "height": _size(el, "height", path, size[1]),
        "rotation": _norm(rotation),
        "opacity": _num(el, "opacity", path, 1),
        "visible": _flag(el, "visible", path, True),
        "locked": _locked(el, path),
    }


def _read_text(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields = _read_common(el, path, report)
    text = _str(el, "text", path, "")
    if _RICH_TEXT.search(text):
        text = _plain_text(text)
        report.warn(f"{path}.text: rich text formatting was removed; the plain text was kept", "text")
    font_size = _num(el, "fontSize", path, 14)
    line_height = el.get("lineHeight", 1.2)
    if isinstance(line_height, str):
        try:
            line_height = float(line_height)
        except ValueError:
            report.warn(f"{path}.lineHeight: {line_height!r} was replaced by 1.2", "style.line_height")
            line_height = 1.2
    line_height = _num({"lineHeight": line_height}, "lineHeight", path, 1.2)
    if not _num(el, "height", path, 0):
        fields["height"] = max(font_size * line_height * (text.count("\n") + 1), 1)
    decoration = _str(el, "textDecoration", path, "").split()
    if "line-through" in decoration:
        report.drop("textDecoration: line-through", path)
    background = None
    if _flag(el, "backgroundEnabled", path, False):
        background = _read_color(
            el.get("backgroundColor", "#7ED321"),
            f"{path}.backgroundColor",
            report,
            fallback=None,
            clear_is_none=True,
            field="style.background_color",
        )
        opacity = _num(el, "backgroundOpacity", path, 1)
        if background is not None and opacity < 1:
            alpha = int(background[7:9], 16) / 255 if len(background) == 9 else 1
            background = _hex(*(int(background[i : i + 2], 16) for i in (1, 3, 5)), alpha * max(opacity, 0))
    align = _str(el, "align", path, "center")
    if align not in ("left", "center", "right", "justify"):
        report.warn(f"{path}.align: {align!r} is not a text alignment; used 'left'", "style.align")
        align = "left"
    vertical = _str(el, "verticalAlign", path, "top")
    if vertical not in ("top", "middle", "bottom"):
        report.warn(
            f"{path}.verticalAlign: {vertical!r} is not a vertical alignment; used 'top'", "style.vertical_align"
        )
        vertical = "top"
    fields.update(
        {
            "text": text,
            "style.font_family": _str(el, "fontFamily", path, "Roboto"),
            "style.font_size": font_size,
            "style.font_weight": _font_weight(
                el.get("fontWeight", "normal"), f"{path}.fontWeight", report, "style.font_weight"
            ),
            "style.italic": _str(el, "fontStyle", path, "normal").split()[:1] in (["italic"], ["oblique"]),
            "style.underline": "underline" in decoration,
            "style.color": _read_color(
                el.get("fill", "black"),
                f"{path}.fill",
                report,
                fallback="#111111",
                clear_is_none=False,
                field="style.color",
            ),
            "style.background_color": background,
            "style.align": align,
            "style.vertical_align": vertical,
            "style.line_height": line_height,
            # Polotno keeps letter spacing in em; a SparklioDocument in pixels.
            "style.letter_spacing": _num(el, "letterSpacing", path, 0) * font_size,
        }
    )
    return fields


def _read_image(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields = _read_common(el, path, report)
    src = _str(el, "src", path, "")
    if not src:
        raise ValueError(f"{path}.src: an image needs a src")
    if len(src) > 2048:
        raise ValueError(
            f"{path}.src: {len(src)} characters, more than the 2048 a SparklioDocument holds "
            "(an embedded data URL?); upload the file and use its URL"
        )
    crop = [_num(el, a, path, d) for a, d in (("cropX", 0), ("cropY", 0), ("cropWidth", 1), ("cropHeight", 1))]
    fields.update(
        {
            "src": src,
            "crop": None if crop == [0, 0, 1, 1] else dict(zip(("x", "y", "width", "height"), crop, strict=True)),
            "corner_radius": _num(el, "cornerRadius", path, 0),
        }
    )
    return fields


def _read_figure(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields = _read_common(el, path, report)
    stroke_width = _num(el, "strokeWidth", path, 0)
    fields.update(
        {
            "shape": _SUPPORTED_FIGURES[_str(el, "subType", path, "rect")],
            "fill": _read_color(
                el.get("fill", "rgb(0, 161, 255)"),
                f"{path}.fill",
                report,
                fallback=None,
                clear_is_none=True,
                field="fill",
            ),
            "stroke": None
            if not stroke_width
            else _read_color(
                el.get("stroke", "rgba(98, 197, 255, 1)"),
                f"{path}.stroke",
                report,
                fallback=None,
                clear_is_none=True,
                field="stroke",
            ),
            "stroke_width": stroke_width,
            "corner_radius": _num(el, "cornerRadius", path, 0),
            "points": [],
        }
    )
    return fields


def _read_line(el: dict, base: dict, path: str, report: _Report) -> dict:
    # A Polotno line runs from the middle of the left edge of its (rotated) box to the middle of the
    # right edge; the box's height is the line's thickness.
    fields = _read_common(el, path, report, (400, 10))
    thickness = _num(el, "height", path, 10)
    fields.update(
        {
            "shape": "line",
            "points": [[0, fields["height"] / 2], [fields["width"], fields["height"] / 2]],
            "stroke": _read_color(
                el.get("color", "black"), f"{path}.color", report, fallback=None, clear_is_none=True, field="stroke"
            ),
            "stroke_width": thickness,
        }
    )
    return fields


def _read_svg_shape(el: dict, base: dict, path: str, report: _Report) -> dict:
    """A polygon or polyline, drawn as SVG; its points are scaled with the SVG's box."""
    fields = _read_common(el, path, report)
    box_width, box_height = base["box"]
    scale_x = 1 if fields["width"] == box_width else fields["width"] / box_width
    scale_y = 1 if fields["height"] == box_height else fields["height"] / box_height
    replacements = el.get("colorsReplace") or {}
    if not isinstance(replacements, dict):
        raise ValueError(f"{path}.colorsReplace: expected an object")

    def recolored(color: str | None) -> str | None:
        if color is None or color not in replacements:
            return color
        return _read_color(
            replacements[color], f"{path}.colorsReplace", report, fallback=color, clear_is_none=True, field="fill"
        )

    fields.update(
        {
            "points": [
                [x if scale_x == 1 else x * scale_x, y if scale_y == 1 else y * scale_y] for x, y in base["points"]
            ],
            "fill": recolored(base["fill"]),
            "stroke": recolored(base["stroke"]),
        }
    )
    return fields


def _is_shape_base(base: dict) -> bool:
    def number(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    box, points = base.get("box"), base.get("points")
    return (
        {"box", "points", "fill", "stroke"} <= set(base)
        and isinstance(box, list)
        and len(box) == 2
        and all(number(v) and v > 0 for v in box)
        and isinstance(points, list)
        and all(isinstance(p, list) and len(p) == 2 and all(number(v) for v in p) for p in points)
        and all(base.get(k) is None or isinstance(base.get(k), str) for k in ("fill", "stroke"))
    )


def _read_svg(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields = _read_common(el, path, report)
    markup = _svg_from_data_url(_str(el, "src", path, ""), f"{path}.src")
    replacements = el.get("colorsReplace") or {}
    if not isinstance(replacements, dict):
        raise ValueError(f"{path}.colorsReplace: expected an object")
    fields["svg"] = _replace_svg_colors(markup or "", replacements, path, report) if replacements else markup
    return fields


def _read_video(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields = _read_common(el, path, report)
    src = _str(el, "src", path, "")
    if not src:
        raise ValueError(f"{path}.src: a video needs a src")
    # Polotno trims a video with fractions of its length (in ms), which it learns once it loads it.
    start, end, length = (
        _num(el, "startTime", path, 0),
        _num(el, "endTime", path, 1),
        _num(el, "duration", path, 0) / 1000,
    )
    if length <= 0 and (start, end) != (0, 1):
        report.warn(f"{path}: the video's length is unknown, so its trim ({start}–{end} of it) was dropped", "start")
    fields.update(
        {
            "src": src,
            "start": start * length if length > 0 else 0,
            "end": end * length if length > 0 and end < 1 else None,
            "muted": _num(el, "volume", path, 1) == 0,
        }
    )
    return fields


def _read_group(el: dict, base: dict, path: str, report: _Report) -> dict:
    children = [c for c in _list(el, "children", path) if isinstance(c, dict) and _supported(c)]
    bounds = _raw_bounds(el, path) or (0, 0, 1, 1)
    if not all(math.isfinite(b) for b in (*bounds, bounds[2] - bounds[0], bounds[3] - bounds[1])):
        raise ValueError(f"{path}: the group's children are placed beyond any usable coordinates")
    child_locks = [_read_locked_tree(child, f"{path}.children[{i}]") for i, child in enumerate(children)]
    return {
        "name": _name(el, path, report),
        # A Polotno group has no box of its own: its children are placed on the page, and the
        # group's box is their bounding box there (made relative to its own group by the caller).
        "x": bounds[0],
        "y": bounds[1],
        "width": bounds[2] - bounds[0] or 1,
        "height": bounds[3] - bounds[1] or 1,
        "rotation": 0,
        "opacity": _num(el, "opacity", path, 1),
        "visible": _flag(el, "visible", path, True),
        "locked": not _flag(el, "removable", path, True) or (bool(child_locks) and all(child_locks)),
    }


def _read_locked_tree(el: dict, path: str) -> bool:
    if el.get("type") == "group":
        children = [c for c in _list(el, "children", path) if isinstance(c, dict) and _supported(c)]
        return bool(children) and all(_read_locked_tree(c, f"{path}.children[{i}]") for i, c in enumerate(children))
    return _locked(el, path)


_READERS = {
    "text": _read_text,
    "image": _read_image,
    "svg-image": _read_image,
    "figure": _read_figure,
    "line": _read_line,
    "svg-shape": _read_svg_shape,
    "svg": _read_svg,
    "video": _read_video,
    "group": _read_group,
}


def _read_page(el: dict, base: dict, path: str, report: _Report) -> dict:
    fields: dict[str, Any] = {"background": "#FFFFFF", "background_image": None}
    background = _str(el, "background", path, "white")
    # Polotno draws a background that is not a colour as an image URL.
    if css_color_to_hex(background) is not None or "gradient(" in background.lower():
        fields["background"] = _read_color(
            background, f"{path}.background", report, fallback="#FFFFFF", clear_is_none=False, field="background"
        )
    elif len(background) > 2048:
        raise ValueError(
            f"{path}.background: an image of {len(background)} characters, more than the 2048 a "
            "SparklioDocument holds (an embedded data URL?); upload the file and use its URL"
        )
    else:
        fields["background_image"] = background
    duration = _num(el, "duration", path, 5000)
    # Polotno gives every page 5 s; a SparklioDocument keeps durations for pages that play.
    plays = duration != 5000 or _has_video(_list(el, "children", path))
    fields["duration"] = duration / 1000 if plays else None
    return fields


def _has_video(children: list) -> bool:
    return any(
        isinstance(c, dict)
        and (
            c.get("type") == "video"
            or (c.get("type") == "group" and isinstance(c.get("children"), list) and _has_video(c["children"]))
        )
        for c in children
    )


def _read_store(data: dict, base: dict, page_ids: list[str], id_of, report: _Report) -> dict:
    fields: dict[str, Any] = {}
    for attr in ("width", "height"):
        fields[attr] = _num(data, attr, "", 0)
    unit = _str(data, "unit", "", "px")
    if unit not in ("px", "mm"):
        fields["unit"] = "mm" if unit == "cm" else "px"
        report.warn(f"unit: {unit!r} is not a SparklioDocument unit; used {fields['unit']!r}", "unit")
    else:
        fields["unit"] = unit
    dpi = _num(data, "dpi", "", 72)
    fields["dpi"] = round(dpi)
    if fields["dpi"] != dpi:
        report.warn(f"dpi: {dpi} was rounded to {fields['dpi']}", "dpi")
    weights = base.get("font_weights") if isinstance(base.get("font_weights"), dict) else {}
    fonts, polotno_fonts = [], []
    for i, entry in enumerate(_list(data, "fonts", "")):
        if not isinstance(entry, dict) or not isinstance(entry.get("fontFamily"), str):
            raise ValueError(f"fonts[{i}].fontFamily: expected a font family name")
        family = entry["fontFamily"]
        styles = (
            [s for s in entry.get("styles") or [] if isinstance(s, dict)]
            if isinstance(entry.get("styles"), list)
            else []
        )
        found = sorted({_font_weight(s.get("fontWeight", "normal"), f"fonts[{i}]", _Report()) for s in styles})
        kept = weights.get(family)
        fonts.append({"family": family, "weights": kept if isinstance(kept, list) and kept else found or [400]})
        if set(entry) - {"fontFamily"}:
            polotno_fonts.append(entry)
    fields["fonts"] = fonts
    metadata = dict(base["metadata"]) if isinstance(base.get("metadata"), dict) else {}
    unsupported = _unsupported_entries(data["pages"], page_ids, id_of)
    audios = _list(data, "audios", "")
    for key, value in zip(_DERIVED_METADATA, (unsupported, polotno_fonts, audios), strict=True):
        if value:
            metadata[key] = value
    fields["metadata"] = metadata
    return fields


# ----------------------------------------------------------------------------- exact copies


def _flat(obj) -> dict:
    data = obj.model_dump(mode="json", exclude={"children", "type"})
    style = data.pop("style", None)
    if style is not None:
        data.update({f"style.{key}": value for key, value in style.items()})
    return data


def _nested(flat: dict) -> dict:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith("style."):
            out.setdefault("style", {})[key.removeprefix("style.")] = value
        else:
            out[key] = value
    return out


def _exact(original: dict, derived: dict, fields) -> dict:
    """Originals that ``derived`` does not give back, with what it gives (``seen``). Geometry travels
    as one unit: a box read back from Polotno must not be mixed with an original one."""
    fields = list(fields)
    units = [[f for f in fields if f in _GEOMETRY]] + [[f] for f in fields if f not in _GEOMETRY]
    out = {}
    for unit in units:
        value = {f: original[f] for f in unit}
        seen = {f: derived.get(f) for f in unit}
        if unit and value != seen:
            out["geometry" if unit[0] in _GEOMETRY else unit[0]] = {"value": value, "seen": seen}
    return out


def _apply_exact(derived: dict, exact: dict) -> set[str]:
    """Put back the originals whose attributes Polotno still gives as at export; the fields put back."""
    restored: set[str] = set()
    for entry in exact.values():
        value, seen = (entry.get("value"), entry.get("seen")) if isinstance(entry, dict) else (None, None)
        if isinstance(value, dict) and isinstance(seen, dict) and all(derived.get(f) == v for f, v in seen.items()):
            derived.update(value)
            restored.update(value)
    return restored


def _custom(keep: dict, exact: dict, base: dict | None = None, **more) -> dict:
    ours = {"v": FORMAT, "keep": keep}
    if exact:
        ours["exact"] = exact
    if base:
        ours["base"] = base
    ours.update({k: v for k, v in more.items() if v is not None})
    return {NAMESPACE: ours}


# ----------------------------------------------------------------------------- export


def to_polotno(doc: SparklioDocument) -> dict:
    """The Polotno store JSON of ``doc``; :func:`from_polotno` gives ``doc`` back from it."""
    original = doc.model_dump(mode="json")
    metadata = original["metadata"]
    pages = [_export_page(page) for page in doc.pages]
    _reemit_unsupported(pages, metadata.get("polotno_unsupported"))
    fonts_by_family = {
        f["fontFamily"]: f
        for f in metadata.get("polotno_fonts") or []
        if isinstance(f, dict) and isinstance(f.get("fontFamily"), str)
    }
    fonts = [fonts_by_family.pop(f.family, {"fontFamily": f.family}) for f in doc.fonts]
    fonts += list(fonts_by_family.values())
    audios = metadata.get("polotno_audios")
    store = {
        "width": doc.width,
        "height": doc.height,
        "fonts": fonts,
        "audios": audios if isinstance(audios, list) else [],
        "pages": pages,
        "unit": doc.unit,
        "dpi": doc.dpi,
    }
    base = {
        "metadata": {k: v for k, v in metadata.items() if k not in _DERIVED_METADATA},
        "font_weights": {f.family: f.weights for f in doc.fonts},
    }
    derived = _read_store(store, base, [p.id for p in doc.pages], lambda el: el.get("id"), _Report())
    keep = {key: original[key] for key in ("title", "brand", "channel", "language")}
    store["custom"] = _custom(
        keep, _exact(original, derived, ("width", "height", "unit", "dpi", "fonts", "metadata")), base
    )
    return store


def _z_ordered(objects) -> list:
    return [obj for _, obj in sorted(enumerate(objects), key=lambda pair: (pair[1].z_index, pair[0]))]


def _arrangement(objects) -> dict:
    """How a container's objects were listed, so an unchanged Polotno stacking gives them back."""
    sequence = [obj.id for obj in _z_ordered(objects)]
    order = [obj.id for obj in objects]
    return {"sequence": sequence, "order": order if order != sequence else None}


def _export_page(page: Page) -> dict:
    original = page.model_dump(mode="json", exclude={"objects"})
    el = {
        "id": page.id,
        "children": [_export_object(obj, _PAGE) for obj in _z_ordered(page.objects)],
        "width": "auto",
        "height": "auto",
        "background": page.background_image or page.background,
        "bleed": 0,
        "duration": page.duration * 1000 if page.duration is not None else 5000,
    }
    derived = _read_page(el, {}, "", _Report())
    exact = _exact(original, derived, ("background", "background_image", "duration"))
    el["custom"] = _custom({"name": page.name}, exact, **_arrangement(page.objects))
    return el


def _export_object(obj, frame: Frame) -> dict:
    """``obj`` as a Polotno element; ``frame`` places the coordinates ``obj`` is given in on the page."""
    route, el, base = _write(obj, frame)
    original = _flat(obj)
    keep_fields = _KEEP[route]
    keep = {f: original[f] for f in keep_fields if f in original}
    keep["type"] = obj.type
    # What import will read back, in the same coordinates (as long as the groups around stay put).
    derived = _localize(_READERS[route](el, base or {}, "", _Report()), frame)
    exact = _exact(original, derived, (f for f in original if f not in keep_fields and f != "id"))
    arrangement = _arrangement(obj.children) if isinstance(obj, GroupObject) else {}
    el["custom"] = _custom(keep, exact, base, **arrangement)
    return el


def _write(obj, frame: Frame) -> tuple[str, dict, dict | None]:
    """The route, the Polotno element (without ``custom``) and the reader's base of ``obj``, whose
    coordinates ``frame`` places on the page."""
    unlocked = not obj.locked
    el: dict[str, Any] = {
        "id": obj.id,
        "type": "",
        "name": obj.name,
        "opacity": obj.opacity,
        "visible": obj.visible,
        "selectable": True,
        "removable": unlocked,
        "alwaysOnTop": False,
        "showInExport": True,
    }
    own = _placed(frame, obj.x, obj.y, obj.width, obj.height, obj.rotation)
    if isinstance(obj, GroupObject):
        # The group's rotation (and its place) goes into its children's; its box travels in custom.
        el.update(type="group", children=[_export_object(child, own) for child in _z_ordered(obj.children)])
        return "group", el, None
    el.update(
        x=own[0],
        y=own[1],
        width=obj.width,
        height=obj.height,
        rotation=_norm(own[2]),
        draggable=unlocked,
        resizable=unlocked,
        contentEditable=unlocked,
        styleEditable=unlocked,
    )
    if isinstance(obj, TextObject):
        style = obj.style
        el.update(
            type="text",
            text=obj.text,
            placeholder="",
            fontSize=style.font_size,
            fontFamily=style.font_family,
            fontStyle="italic" if style.italic else "normal",
            fontWeight=_weight_out(style.font_weight),
            textDecoration="underline" if style.underline else "",
            fill=style.color,
            align=style.align,
            verticalAlign=style.vertical_align,
            lineHeight=style.line_height,
            letterSpacing=style.letter_spacing / style.font_size,
            strokeWidth=0,
            stroke="black",
            backgroundEnabled=style.background_color is not None,
        )
        if style.background_color is not None:
            el.update(backgroundColor=style.background_color, backgroundOpacity=1)
        return "text", el, None
    if isinstance(obj, ImageObject):
        crop = obj.crop
        el.update(
            type="image",
            src=obj.src,
            cropX=crop.x if crop else 0,
            cropY=crop.y if crop else 0,
            cropWidth=crop.width if crop else 1,
            cropHeight=crop.height if crop else 1,
            cornerRadius=obj.corner_radius,
            flipX=False,
            flipY=False,
            keepRatio=False,
            clipSrc="",
            borderColor="black",
            borderSize=0,
        )
        return "image", el, None
    if isinstance(obj, SvgObject):
        el.update(type="svg", src=_svg_data_url(obj.svg), keepRatio=False, flipX=False, flipY=False, colorsReplace={})
        return "svg", el, None
    if isinstance(obj, VideoObject):
        el.update(
            type="video",
            src=obj.src,
            startTime=0,
            endTime=1,
            volume=0 if obj.muted else 1,
            cropX=0,
            cropY=0,
            cropWidth=1,
            cropHeight=1,
            flipX=False,
            flipY=False,
        )
        return "video", el, None
    if obj.shape in ("rect", "ellipse"):
        el.update(
            type="figure",
            subType="rect" if obj.shape == "rect" else "circle",
            fill=obj.fill or "transparent",
            stroke=obj.stroke or "transparent",
            strokeWidth=obj.stroke_width,
            cornerRadius=obj.corner_radius,
            dash=[],
        )
        return "figure", el, None
    if obj.shape == "line" and len(obj.points) == 2:
        el.update(
            type="line", **_line_box(obj, own), color=obj.stroke or "transparent", dash=[], startHead="", endHead=""
        )
        return "line", el, None
    el.update(
        type="svg", src=_svg_data_url(_shape_markup(obj)), keepRatio=False, flipX=False, flipY=False, colorsReplace={}
    )
    base = {
        "points": [list(p) for p in obj.points],
        "fill": obj.fill,
        "stroke": obj.stroke,
        "box": [obj.width, obj.height],
    }
    return "svg-shape", el, base


def _line_box(obj: ShapeObject, own: Frame) -> dict:
    """Polotno's box of a two-point line: its length, thickness and angle, placed on the page.
    ``own`` is the frame of the line's box (its points are relative to it)."""
    (ax, ay), (bx, by) = (_to_page(own, px, py) for px, py in obj.points)
    thickness = obj.stroke_width or 1
    direction = math.atan2(by - ay, bx - ax)
    return {
        "x": ax + math.sin(direction) * thickness / 2,
        "y": ay - math.cos(direction) * thickness / 2,
        "width": math.hypot(bx - ax, by - ay),
        "height": thickness,
        "rotation": math.degrees(direction),
    }


def _shape_markup(obj: ShapeObject) -> str:
    tag = "polygon" if obj.shape == "polygon" else "polyline"
    points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in obj.points)
    stroke = (
        f' stroke="{obj.stroke}" stroke-width="{_fmt(obj.stroke_width)}"' if obj.stroke and obj.stroke_width else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(obj.width)}" height="{_fmt(obj.height)}" '
        f'viewBox="0 0 {_fmt(obj.width)} {_fmt(obj.height)}" preserveAspectRatio="none" overflow="visible">'
        f'<{tag} points="{points}" fill="{obj.fill or "none"}"{stroke}/></svg>'
    )


# ----------------------------------------------------------------------------- unsupported elements


def _supported(el: dict) -> bool:
    kind = el.get("type")
    if kind == "figure":
        subtype = el.get("subType", "rect")
        return isinstance(subtype, str) and subtype in _SUPPORTED_FIGURES
    return kind in ("text", "image", "svg", "line", "video", "group")


def _unsupported_entries(pages: list, page_ids: list[str], id_of) -> list[dict]:
    """Every element this module cannot convert, whole, with where it sits (page, group, index)."""
    found: list[dict] = []

    def walk(children: list, page_id: str, parent_id: str | None) -> None:
        for index, child in enumerate(children):
            if not isinstance(child, dict):
                continue
            if not _supported(child):
                found.append({"page_id": page_id, "parent_id": parent_id, "index": index, "element": child})
            elif child.get("type") == "group" and isinstance(child.get("children"), list):
                walk(child["children"], page_id, id_of(child))

    for page, page_id in zip(pages, page_ids, strict=True):
        if isinstance(page, dict) and isinstance(page.get("children"), list):
            walk(page["children"], page_id, None)
    return found


def _reemit_unsupported(pages: list[dict], entries: Any) -> None:
    """Put elements kept by an earlier import back where they were. An entry that cannot be placed
    stays in the metadata only (which then travels in ``custom``)."""
    if not isinstance(entries, list):
        return
    containers: dict[tuple[str, str | None], list] = {}
    for page in pages:
        containers[(page["id"], None)] = page["children"]
        stack = list(page["children"])
        while stack:
            el = stack.pop()
            if el.get("type") == "group":
                containers[(page["id"], el["id"])] = el["children"]
                stack.extend(el["children"])
    placeable = [
        e
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get("element"), dict)
        and isinstance(e["element"].get("type"), str)
        and not _supported(e["element"])
        and isinstance(e.get("index"), int)
        and e["index"] >= 0
        and (e.get("page_id"), e.get("parent_id")) in containers
    ]
    for entry in sorted(placeable, key=lambda e: e["index"]):
        children = containers[(entry["page_id"], entry["parent_id"])]
        children.insert(min(entry["index"], len(children)), copy.deepcopy(entry["element"]))


# ----------------------------------------------------------------------------- import


def from_polotno(data: dict, *, defaults: dict | None = None) -> tuple[SparklioDocument, list[str]]:
    """A SparklioDocument from a Polotno store JSON, and warnings about what did not carry over.

    ``defaults`` fill what the JSON does not say (a store made by Polotno has no ``custom``):
    ``title``, ``brand``, ``channel``, ``language``, ``metadata``, and ``provenance`` given to
    objects Polotno made (default ``{"source": "import"}``; None for none). Invalid input raises
    ValueError naming the JSON path (``pages[0].children[3].fontSize: ...``)."""
    if not isinstance(data, dict):
        raise ValueError(f"document: expected a Polotno store JSON object, got {type(data).__name__}")
    # The document keeps parts of the input as they are (kept elements, metadata): never the caller's objects.
    data = copy.deepcopy(data)
    defaults = copy.deepcopy(defaults or {})
    unknown = set(defaults) - {"title", "brand", "channel", "language", "metadata", "provenance"}
    if unknown:
        raise ValueError(f"defaults: unknown keys {sorted(unknown)}")
    if not isinstance(defaults.get("metadata", {}), dict):
        raise ValueError("defaults.metadata: expected an object")
    for attr in ("width", "height"):
        if not isinstance(data.get(attr), int | float) or isinstance(data.get(attr), bool):
            raise ValueError(f"{attr}: a Polotno store needs a numeric {attr}, got {data.get(attr)!r}")
    report = _Report()
    ours = _our_custom(data, "", report)
    pages_raw = _list(data, "pages", "")
    if not pages_raw:
        raise ValueError("pages: a document needs at least one page")
    for i, page in enumerate(pages_raw):
        if not isinstance(page, dict):
            raise ValueError(f"pages[{i}]: expected an object, got {type(page).__name__}")
    ids = _assign_ids(pages_raw, report)
    importer = _Importer(report, ids, defaults.get("provenance", {"source": "import"}))
    page_ids = [ids[id(page)] for page in pages_raw]
    width, height = _num(data, "width", "", 0), _num(data, "height", "", 0)
    pages = [importer.page(page, i, width, height) for i, page in enumerate(pages_raw)]

    reading = _Report()
    fields = _read_store(data, ours.get("base") or {}, page_ids, lambda el: ids.get(id(el), el.get("id")), reading)
    fields.update(ours.get("keep") or {})
    report.absorb(reading, _apply_exact(fields, ours.get("exact") or {}))
    if not ours:
        fields["metadata"] = {**(defaults.get("metadata") or {}), **fields["metadata"]}
    for key in ("title", "brand", "channel", "language"):
        if key not in fields and key in defaults:
            fields[key] = defaults[key]
    if "language" not in fields:
        texts = [obj.text for page in pages for obj in iter_objects(page.objects) if isinstance(obj, TextObject)]
        fields["language"] = "ko" if any(re.search("[\uac00-\ud7a3]", t) for t in texts) or not texts else "en"
    if "channel" not in fields:
        matches = [key for key, p in CHANNEL_PRESETS.items() if (p.width, p.height) == (width, height)]
        fields["channel"] = matches[0] if len(matches) == 1 else None
    for attr in data:
        if attr not in {"width", "height", "fonts", "audios", "pages", "unit", "dpi", "custom", "schemaVersion"}:
            report.drop(attr, "")
    if data.get("audios"):
        report.warn("audios: audio tracks have no SparklioDocument equivalent; kept in metadata['polotno_audios']")
    doc = SparklioDocument.model_validate({**fields, "pages": pages})
    return doc, report.all()


def _our_custom(el: dict, path: str, report: _Report) -> dict:
    """This module's part of an element's ``custom`` ({} when there is none); other apps' data is reported."""
    custom = el.get("custom")
    where = f"{path}.custom" if path else "custom"
    if custom is None:
        return {}
    if not isinstance(custom, dict):
        report.drop("custom", path)
        return {}
    for key in custom:
        if key != NAMESPACE:
            report.drop(f"custom.{key}", path)
    ours = custom.get(NAMESPACE)
    if ours is None:
        return {}
    if not _is_our_format(ours):
        report.warn(f"{where}.{NAMESPACE}: not in a format this version reads; ignored")
        return {}
    return ours


def _is_our_format(ours: Any) -> bool:
    def strings(value: Any) -> bool:
        return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))

    return (
        isinstance(ours, dict)
        and ours.get("v") == FORMAT
        and all(isinstance(ours.get(k, {}), dict) for k in ("keep", "exact", "base"))
        and all(
            isinstance(e, dict) and isinstance(e.get("value"), dict) and isinstance(e.get("seen"), dict)
            for e in ours.get("exact", {}).values()
        )
        and strings(ours.get("sequence"))
        and strings(ours.get("order"))
    )


def _assign_ids(pages: list[dict], report: _Report) -> dict[int, str]:
    """A valid, unique id for every page and convertible element (keyed by ``id()`` of its dict):
    its own when valid, else one made from where it sits, so that importing again gives the same."""
    seen: dict[str, str] = {}
    nodes: list[tuple[dict, str, str]] = []  # element, path, kind

    def collect(children: Any, path: str) -> None:
        for index, child in enumerate(children if isinstance(children, list) else []):
            child_path = f"{path}.children[{index}]"
            if not isinstance(child, dict):
                raise ValueError(f"{child_path}: expected an object, got {type(child).__name__}")
            if not isinstance(child.get("type"), str):
                raise ValueError(f"{child_path}.type: expected an element type")
            if _supported(child):
                nodes.append((child, child_path, "element"))
                if child["type"] == "group":
                    collect(child.get("children"), child_path)

    for index, page in enumerate(pages):
        nodes.append((page, f"pages[{index}]", "page"))
        collect(page.get("children"), f"pages[{index}]")
    for el, path, _ in nodes:
        raw = el.get("id")
        if raw is not None and not isinstance(raw, str):
            raise ValueError(f"{path}.id: expected a string, got {raw!r}")
        if isinstance(raw, str) and _ID_RE.fullmatch(raw):
            if raw in seen:
                raise ValueError(f"{path}.id: duplicate id {raw!r} (also at {seen[raw]})")
            seen[raw] = path
    ids: dict[int, str] = {}
    taken = set(seen)
    for el, path, kind in nodes:
        raw = el.get("id")
        if isinstance(raw, str) and _ID_RE.fullmatch(raw):
            ids[id(el)] = raw
            continue
        if isinstance(raw, str):
            made = f"polotno-{hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]}"
            report.warn(f"{path}.id: {raw!r} is not a valid SparklioDocument id; renamed {made!r}")
        elif kind == "page":
            made = f"page-{int(path[6:-1]) + 1}"
        else:
            made = path.replace("pages[", "p").replace(".children[", "-").replace("]", "")
        candidate, n = made, 2
        while candidate in taken:
            candidate, n = f"{made}-{n}", n + 1
        taken.add(candidate)
        ids[id(el)] = candidate
    return ids


class _Node:
    """A converted element waiting for its role and its place among its siblings."""

    def __init__(self, route: str, flat: dict, position: int, path: str, pose: tuple, children: list | None = None):
        self.route, self.flat, self.position, self.path, self.children = route, flat, position, path, children
        self.pose = pose  # x, y, width, height, rotation as Polotno shows it (page coordinates)


class _Importer:
    def __init__(self, report: _Report, ids: dict[int, str], provenance: dict | None):
        self.report, self.ids, self.provenance = report, ids, provenance

    def page(self, el: dict, index: int, store_width: float, store_height: float) -> Page:
        path = f"pages[{index}]"
        ours = _our_custom(el, path, self.report)
        reading = _Report()
        fields = _read_page(el, {}, path, reading)
        fields.update(ours.get("keep") or {})
        self.report.absorb(reading, _apply_exact(fields, ours.get("exact") or {}))
        for attr in ("width", "height"):
            value = el.get(attr, "auto")
            if value != "auto" and value != (store_width if attr == "width" else store_height):
                self.report.drop(f"{attr} (page size)", path)
        if el.get("bleed"):
            self.report.drop("bleed", path)
        for attr in el:
            if attr not in {"id", "children", "width", "height", "background", "bleed", "duration", "custom"}:
                self.report.drop(attr, path)
        nodes = self.children(_list(el, "children", path), path, ours, _PAGE)
        self.infer_roles(nodes, store_width, store_height)
        objects = [self.build(node) for node in nodes]
        return _validated(Page, {"id": self.ids[id(el)], **fields, "objects": objects}, path)

    def children(self, raw: list, path: str, container: dict, frame: Frame) -> list[_Node]:
        nodes = []
        for index, el in enumerate(raw):
            child_path = f"{path}.children[{index}]"
            if _supported(el):
                nodes.append(self.element(el, index, child_path, frame))
            else:
                self.report.warn(
                    f"{child_path}: Polotno element type {el['type']!r}"
                    + (f" ({el.get('subType')!r})" if el["type"] == "figure" else "")
                    + " has no SparklioDocument equivalent; kept whole in metadata['polotno_unsupported']"
                )
        sequence = [node.flat["id"] for node in nodes]
        if container.get("sequence") == sequence:
            order = container.get("order") or sequence
            if sorted(order) == sorted(sequence):
                nodes.sort(key=lambda node: order.index(node.flat["id"]))
        else:
            # Stacked differently than exported (or made by Polotno): the stacking is the z order.
            for node in nodes:
                node.flat["z_index"] = node.position
        return nodes

    def element(self, el: dict, index: int, path: str, frame: Frame) -> _Node:
        """The element as a node; ``frame`` places its container's coordinates on the page."""
        ours = _our_custom(el, path, self.report)
        keep = dict(ours.get("keep") or {})
        route = self.route(el, keep, ours.get("base") or {}, path)
        if route is None:
            keep, ours = {}, {}
            route = self.route(el, keep, {}, path)
        self.check_dropped(el, path)
        reading = _Report()
        flat = _READERS[route](el, ours.get("base") or {}, path, reading)
        pose = tuple(flat[f] for f in ("x", "y", "width", "height", "rotation"))  # as Polotno shows it
        _localize(flat, frame)
        keep.pop("type", None)
        flat.update(keep)
        self.report.absorb(reading, _apply_exact(flat, ours.get("exact") or {}) | set(keep))
        _check_finite(flat, path)
        flat["id"] = self.ids[id(el)]
        if not ours and self.provenance is not None:
            flat["provenance"] = self.provenance
        children = None
        if route == "group":
            # Children are relative to the group's final box: the one kept in custom when it came back.
            box = [flat[f] for f in ("x", "y", "width", "height", "rotation")]
            for f, value in zip(("x", "y", "width", "height", "rotation"), box, strict=True):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{path}.custom.{NAMESPACE}: the group's {f} is not a number: {value!r}")
            own = _placed(frame, *box)
            children = self.children(_list(el, "children", path), path, ours, own)
        return _Node(route, flat, index, path, pose, children)

    def route(self, el: dict, keep: dict, base: dict, path: str) -> str | None:
        """How the element is read: by its Polotno type and, when it was exported from a
        SparklioDocument, by the type it had there. None when the two disagree."""
        kind, was = el["type"], keep.get("type")
        if kind == "svg":
            if was == "shape" and _is_shape_base(base):
                return "svg-shape"
            markup = _svg_from_data_url(_str(el, "src", path, ""), f"{path}.src")
            route = "svg" if markup is not None else "svg-image"
            if route == "svg-image" and was is None:
                self.report.warn(f"{path}: an SVG by URL (not embedded) was imported as an image")
        else:
            route = {
                "text": "text",
                "image": "image",
                "figure": "figure",
                "line": "line",
                "video": "video",
                "group": "group",
            }[kind]
        expected = {"svg-image": ("image", "svg"), "figure": ("shape",), "line": ("shape",)}.get(route, (route,))
        if was is not None and was not in expected:
            self.report.warn(
                f"{path}.custom.{NAMESPACE}: describes a {was} but the element is a Polotno {kind}; ignored"
            )
            return None
        return route

    def check_dropped(self, el: dict, path: str) -> None:
        handled = _HANDLED["common"] | _HANDLED[el["type"]]
        for attr, value in el.items():
            if attr in handled or attr in _IRRELEVANT or attr.startswith("_"):
                continue
            if attr in _NEUTRAL:
                if value == _NEUTRAL[attr]:
                    continue
            elif value in (None, "", [], {}, False, 0) or (
                attr == "dash" and isinstance(value, list) and not any(value)
            ):
                continue
            self.report.drop(attr, path)

    def infer_roles(self, nodes: list[_Node], width: float, height: float) -> None:
        """Roles for what Polotno made: the biggest text of the page is its headline, the rest body;
        what covers the page is background, images are product images, shapes decoration."""
        every = []
        stack = list(nodes)
        while stack:
            node = stack.pop(0)
            every.append(node)
            stack.extend(node.children or [])
        texts = [n for n in every if n.route == "text"]
        headline = any(n.flat.get("role") == "headline" for n in texts)
        biggest = max((n.flat["style.font_size"] for n in texts), default=None)
        for node in sorted(texts, key=lambda n: (n.pose[1], n.position)):
            if "role" not in node.flat:
                is_headline = not headline and node.flat["style.font_size"] == biggest
                node.flat["role"] = "headline" if is_headline else "body"
                headline = headline or is_headline
        for node in every:
            if "role" in node.flat:
                continue
            covers = _covers(node.pose, width, height)
            if node.route in ("image", "svg-image"):
                node.flat["role"] = "background_image" if covers else "product_image"
            elif node.route == "figure":
                node.flat["role"] = "background_shape" if covers else "decoration"
            elif node.route == "line":
                node.flat["role"] = "divider"
            elif node.route == "svg":
                small = max(node.flat["width"], node.flat["height"]) <= 0.15 * min(width, height)
                node.flat["role"] = "icon" if small else "illustration"
            elif node.route == "video":
                node.flat["role"] = "scene"
            else:
                node.flat["role"] = "other"

    def build(self, node: _Node):
        data = _nested(node.flat)
        if node.children is not None:
            data["children"] = [self.build(child) for child in node.children]
        return _validated(_MODELS[node.route], data, node.path)


def _check_finite(flat: dict, path: str) -> None:
    """pydantic lets NaN and infinity through; numbers that large in a design are an error."""
    for field, value in flat.items():
        numbers = [value]
        if field == "points" and isinstance(value, list):
            numbers = [v for point in value for v in (point if isinstance(point, list | tuple) else [point])]
        if any(isinstance(v, float) and not math.isfinite(v) for v in numbers):
            attr = _ATTR_OF.get(field)
            raise ValueError(f"{path}.{attr}: not a finite number" if attr else f"{path}: {field}: not a finite number")


def _validated(model, data: dict, path: str):
    """``model`` built from ``data``, its first error as a ValueError naming the Polotno JSON path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
        field = ".".join(loc[:2]) if loc[:1] == ["style"] else (loc[0] if loc else "")
        message = error["msg"].removeprefix("Value error, ")
        attr = _ATTR_OF.get(field)
        where = f"{path}.{attr}" if attr else (f"{path}: {field}" if field else path)
        raise ValueError(f"{where}: {message}") from exc
