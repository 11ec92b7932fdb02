"""SVG people upload, checked against an allow-list: the elements, attributes and CSS properties
of a static drawing, and nothing else. SVG is code as much as a picture, so a list of what is
forbidden always misses something (CSS escapes, ``image-set()``, ``<set attributeName="xlink:href">``,
``<use href="data:…">``); here anything not listed is refused, with the reason.

References may only point inside the file (``href="#id"``, ``url(#id)``): no external, ``data:``
or script URLs, no animation, no scripts, no foreign content. Metadata that drawing programs
write in their own namespaces (Inkscape, Sodipodi, RDF, Adobe) is inert and tolerated.
"""

from __future__ import annotations

import math
import re

import tinycss2
from defusedxml import ElementTree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Editors' own namespaces: browsers never render or run what is in them.
INERT_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}

ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset",
    "style",
}  # fmt: skip

# Presentation attributes double as CSS properties.
PRESENTATION = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
    "clip-path", "clip-rule", "mask", "filter", "display", "visibility", "overflow",
    "stop-color", "stop-opacity", "flood-color", "flood-opacity", "lighting-color", "color-interpolation",
    "color-interpolation-filters", "shape-rendering", "text-rendering", "image-rendering", "paint-order",
    "vector-effect", "marker-start", "marker-mid", "marker-end", "isolation", "mix-blend-mode",
    "font", "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "writing-mode", "direction", "unicode-bidi", "white-space",
    "enable-background", "transform", "transform-origin", "transform-box",
}  # fmt: skip

ATTRIBUTES = PRESENTATION | {
    "id", "class", "style", "version", "baseProfile", "lang", "tabindex", "role", "focusable",
    "aria-label", "aria-hidden", "aria-labelledby", "aria-describedby",
    "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "pathLength",
    "viewBox", "preserveAspectRatio", "zoomAndPan",
    "offset", "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr",
    "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
    "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator",
    "k1", "k2", "k3", "k4", "values", "type", "tableValues", "slope", "intercept", "amplitude", "exponent",
    "radius", "edgeMode", "requiredFeatures", "requiredExtensions", "systemLanguage",
    "href",  # checked: "#id" only
    "media",  # on <style>
}  # fmt: skip

# CSS functions a value may use; url() only as url(#id).
CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "url", "translate", "translatex", "translatey", "scale", "rotate",
                 "skewx", "skewy", "matrix", "var", "calc"}  # fmt: skip
_LOCAL_URL = re.compile(r"^\s*url\(\s*(['\"]?)#[^'\")\s]*\1\s*\)\s*$", re.I)
_URL_IN_VALUE = re.compile(r"url\s*\(", re.I)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(px)?\s*$")
MAX_SIDE = 100_000
_PROCESSING_INSTRUCTION = re.compile(rb"<\?(?!xml[ \t\r\n])", re.I)


class SvgRejected(ValueError):
    """Not an SVG we accept; the message says why."""


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def check_svg(data: bytes) -> tuple[int, int]:
    """Parse ``data`` (no DTDs or entities), check every element, attribute and CSS declaration
    against the allow-list, and return the drawing's size in pixels."""
    if _PROCESSING_INSTRUCTION.search(data):
        # The parser drops them, but a browser opening the file follows <?xml-stylesheet href?>.
        raise SvgRejected("SVG files may not contain processing instructions such as <?xml-stylesheet?>.")
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:  # defusedxml raises several types for hostile or broken XML
        raise SvgRejected(f"The SVG cannot be parsed: {exc}") from exc
    namespace, local = _split(root.tag)
    if local != "svg" or namespace not in (SVG_NS, ""):
        raise SvgRejected("The file is XML but not SVG.")
    _check_element(root, inert=False)
    return _size(root)


def _check_element(element, *, inert: bool) -> None:
    namespace, local = _split(element.tag)
    if inert or namespace in INERT_NAMESPACES:
        inert = True  # inside editor metadata nothing is rendered, but nothing may leave it either
        if namespace in (SVG_NS, ""):
            raise SvgRejected(f"SVG elements inside editor metadata are not accepted (<{local}>).")
    elif namespace not in (SVG_NS, "") or local not in ELEMENTS:
        raise SvgRejected(f"SVG files may not contain <{local}> elements.")
    for name, value in element.attrib.items():
        _check_attribute(local, name, value, inert=inert)
    if local == "style" and not inert:
        check_css(element.text or "", declarations_only=False)
    for child in element:
        _check_element(child, inert=inert)


def _check_attribute(element: str, name: str, value: str, *, inert: bool) -> None:
    namespace, local = _split(name)
    if inert or namespace in INERT_NAMESPACES:
        return  # editors' own notes: never rendered, never fetched
    if namespace == XML_NS and local in ("space", "lang"):
        return
    if namespace == XLINK_NS and local == "title":
        return
    if not (namespace == "" and local in ATTRIBUTES) and not (namespace == XLINK_NS and local == "href"):
        raise SvgRejected(f"SVG files may not use the attribute {local!r} (on <{element}>).")
    if local == "href":
        if not value.strip().startswith("#"):
            raise SvgRejected('SVG files may only link inside themselves (href="#id"), not to other or data: URLs.')
        return
    if local == "style":
        check_css(value, declarations_only=True)
        return
    if "\\" in value:
        raise SvgRejected(f"Escapes are not accepted in SVG attributes ({local}).")
    if _URL_IN_VALUE.search(value) and not _LOCAL_URL.match(value):
        raise SvgRejected(f"SVG files may only refer inside themselves: url(#id) ({local}).")


def check_css(css: str, *, declarations_only: bool) -> None:
    """A ``style`` attribute (declarations) or a ``<style>`` element (rules): only listed
    properties, no escapes, no at-rules, and only local ``url(#id)`` references."""
    if "\\" in css:
        raise SvgRejected("CSS escapes are not accepted in SVG files.")
    if declarations_only:
        _check_declarations(css)
        return
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            raise SvgRejected(f"CSS at-rules (@{rule.at_keyword}) are not accepted in SVG files.")
        if rule.type != "qualified-rule":
            raise SvgRejected("The SVG's CSS cannot be parsed.")
        _check_tokens(rule.prelude, where="selector")
        _check_declarations(rule.content)


def _check_declarations(source) -> None:
    for item in tinycss2.parse_declaration_list(source, skip_comments=True, skip_whitespace=True):
        if item.type == "error":
            raise SvgRejected(f"The SVG's CSS cannot be parsed: {item.message}")
        if item.type != "declaration":
            raise SvgRejected("CSS at-rules are not accepted in SVG files.")
        name = item.lower_name
        if name not in PRESENTATION and not name.startswith("--"):
            raise SvgRejected(f"The CSS property {name!r} is not accepted in SVG files.")
        _check_tokens(item.value, where=name)


def _check_tokens(tokens, *, where: str) -> None:
    for token in tokens:
        if token.type == "url":
            if not token.value.startswith("#"):
                raise SvgRejected(f"CSS in SVG files may only refer inside the file: url(#id) ({where}).")
        elif token.type == "function":
            name = token.lower_name
            if name not in CSS_FUNCTIONS:
                raise SvgRejected(f"The CSS function {name}() is not accepted in SVG files ({where}).")
            if name == "url":
                text = tinycss2.serialize(token.arguments).strip().strip("'\"")
                if not text.startswith("#"):
                    raise SvgRejected(f"CSS in SVG files may only refer inside the file: url(#id) ({where}).")
            _check_tokens(token.arguments, where=where)
        elif token.type in ("() block", "[] block", "{} block"):
            _check_tokens(token.content, where=where)
        elif token.type == "at-keyword":
            raise SvgRejected("CSS at-rules are not accepted in SVG files.")


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _size(root) -> tuple[int, int]:
    """Width and height in pixels, from the attributes or the viewBox: finite, positive and at
    most MAX_SIDE (``viewBox="0 0 1e999 1"`` is not a size)."""
    width, height = _LENGTH.match(root.get("width", "")), _LENGTH.match(root.get("height", ""))
    sides = None
    if width and height:
        sides = _number(width.group(1)), _number(height.group(1))
    else:
        view_box = root.get("viewBox", "").replace(",", " ").split()
        if len(view_box) == 4:
            sides = _number(view_box[2]), _number(view_box[3])
    if sides is None:
        raise SvgRejected("The SVG has neither width/height in pixels nor a viewBox.")
    if any(side is None or not 0 < side <= MAX_SIDE for side in sides):
        raise SvgRejected(f"The SVG's size must be positive numbers of at most {MAX_SIDE} pixels.")
    return max(1, round(sides[0])), max(1, round(sides[1]))
