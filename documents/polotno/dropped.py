"""Polotno attributes an import reads, ignores or reports as dropped."""

from __future__ import annotations

from documents.polotno.report import _Report

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


def _check_dropped(el: dict, path: str, report: _Report) -> None:
    handled = _HANDLED["common"] | _HANDLED[el["type"]]
    for attr, value in el.items():
        if attr in handled or attr in _IRRELEVANT or attr.startswith("_"):
            continue
        if attr in _NEUTRAL:
            if value == _NEUTRAL[attr]:
                continue
        elif value in (None, "", [], {}, False, 0) or (attr == "dash" and isinstance(value, list) and not any(value)):
            continue
        report.drop(attr, path)
