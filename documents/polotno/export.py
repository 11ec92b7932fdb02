"""Export: a SparklioDocument as a Polotno store JSON."""

from __future__ import annotations

import math
from typing import Any

from documents.polotno.attributes import _svg_data_url, _weight_out
from documents.polotno.custom import _custom, _exact, _flat
from documents.polotno.geometry import _PAGE, Frame, _fmt, _localize, _norm, _placed, _to_page
from documents.polotno.readers import _DERIVED_METADATA, _READERS, POLOTNO_UNITS, _read_page, _read_store
from documents.polotno.report import _Report
from documents.polotno.unsupported import _reemit_unsupported
from documents.schema import (
    GroupObject,
    ImageObject,
    Page,
    ShapeObject,
    SparklioDocument,
    SvgObject,
    TextObject,
    VideoObject,
)

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
    shown_unit = metadata.get("polotno_unit")
    store = {
        "width": doc.width,
        "height": doc.height,
        "fonts": fonts,
        "audios": audios if isinstance(audios, list) else [],
        "pages": pages,
        "unit": shown_unit if shown_unit in POLOTNO_UNITS else doc.unit,
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
