"""Readers (Polotno → fields).

A reader turns one Polotno element into flat SparklioDocument fields ("style.color" for nested ones).
Export runs the same reader on what it wrote, so it knows which fields need an exact copy."""

from __future__ import annotations

import math
from typing import Any

from documents.polotno.attributes import (
    _RICH_TEXT,
    _flag,
    _font_weight,
    _list,
    _locked,
    _num,
    _plain_text,
    _replace_svg_colors,
    _size,
    _str,
    _svg_from_data_url,
)
from documents.polotno.colors import _hex, _read_color, css_color_to_hex
from documents.polotno.geometry import _norm, _raw_bounds
from documents.polotno.report import _Report
from documents.polotno.unsupported import _SUPPORTED_FIGURES, _supported, _unsupported_entries

_DERIVED_METADATA = ("polotno_unsupported", "polotno_fonts", "polotno_audios", "polotno_unit")
# The units Polotno's editor can show lengths in; its JSON holds pixels in every case.
POLOTNO_UNITS = ("px", "pt", "mm", "cm", "in")


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
    # Polotno keeps every length in pixels whatever its unit: the unit is what its editor shows
    # (at the dpi), so the lengths are never scaled and the unit travels in the metadata.
    fields["unit"] = "px"
    unit = _str(data, "unit", "", "px")
    if unit not in POLOTNO_UNITS:
        report.warn(f"unit: {unit!r} is not a Polotno unit ({', '.join(POLOTNO_UNITS)}); dropped", "unit")
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
    shown_unit = unit if unit in POLOTNO_UNITS and unit != "px" else None
    for key, value in zip(_DERIVED_METADATA, (unsupported, polotno_fonts, audios, shown_unit), strict=True):
        if value:
            metadata[key] = value
    fields["metadata"] = metadata
    return fields
