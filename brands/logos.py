"""Logo files: what they really are (sniffed from the bytes) and the colours they use."""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from dataclasses import dataclass

from defusedxml import ElementTree
from PIL import Image, UnidentifiedImageError

RASTER_TYPES = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
SVG_TYPE = ("image/svg+xml", "svg")
ACCEPTED = "PNG, JPEG, WebP, GIF or SVG"


class LogoRejected(ValueError):
    pass


@dataclass(frozen=True)
class LogoInfo:
    content_type: str
    extension: str
    width: int
    height: int


def read_upload(upload, *, max_bytes: int, max_pixels: int) -> tuple[bytes, LogoInfo]:
    """Read an uploaded file (never more than the limit) and tell what image it is."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise LogoRejected(f"The file is {size} bytes; the limit is {max_bytes} bytes.")
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LogoRejected(f"The file is larger than the limit of {max_bytes} bytes.")
    return data, inspect_logo(data, max_pixels=max_pixels)


def inspect_logo(data: bytes, *, max_pixels: int) -> LogoInfo:
    if not data:
        raise LogoRejected("The file is empty.")
    try:
        return _inspect_raster(data, max_pixels=max_pixels)
    except _NotRaster:
        pass
    if _looks_like_xml(data):
        return _inspect_svg(data)
    raise LogoRejected(f"The file is not a supported image ({ACCEPTED}).")


class _NotRaster(Exception):
    pass


def _inspect_raster(data: bytes, *, max_pixels: int) -> LogoInfo:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in RASTER_TYPES:
                    raise LogoRejected(f"{fmt} images are not accepted; use {ACCEPTED}.")
                if width * height > max_pixels:
                    raise LogoRejected(f"The image is {width}×{height}; at most {max_pixels} pixels are accepted.")
                image.verify()
            # verify() checks structure and checksums only; decoding proves the pixels are real.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LogoRejected("The image has too many pixels.") from exc
    except UnidentifiedImageError as exc:
        raise _NotRaster from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, LogoRejected):
            raise
        raise LogoRejected(f"The image is corrupt: {exc}") from exc
    content_type, ext = RASTER_TYPES[fmt]
    return LogoInfo(content_type, ext, width, height)


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")


_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
_EVENT_ATTR = re.compile(r"^on[a-z]+$", re.I)
_FORBIDDEN_SVG_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?!#|data:image/)", re.I)


def _has_script_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:").
    squashed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
    return "javascript:" in squashed or "vbscript:" in squashed


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _inspect_svg(data: bytes) -> LogoInfo:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except Exception as exc:  # defusedxml raises several types for hostile or broken XML
        raise LogoRejected(f"The SVG cannot be parsed: {exc}") from exc
    if _local(root.tag) != "svg":
        raise LogoRejected(f"The file is XML but not SVG; use {ACCEPTED}.")
    for element in root.iter():
        tag = _local(element.tag)
        if tag in _FORBIDDEN_SVG_TAGS:
            raise LogoRejected(f"SVG logos may not contain <{tag}> elements.")
        if tag in {"animate", "set"} and _local(element.get("attributeName", "")) == "href":
            raise LogoRejected("SVG logos may not animate links.")
        if tag == "style" and _EXTERNAL_CSS.search(element.text or ""):
            raise LogoRejected("SVG logos may not reference external resources.")
        for name, value in element.attrib.items():
            attr = _local(name)
            if _EVENT_ATTR.match(attr):
                raise LogoRejected(f"SVG logos may not contain event handlers ({attr}).")
            if _has_script_url(value):
                raise LogoRejected("SVG logos may not contain script URLs.")
            if attr == "href" and not (value.startswith("#") or value.startswith("data:image/")):
                raise LogoRejected("SVG logos may not reference external resources.")
            if attr == "style" and _EXTERNAL_CSS.search(value):
                raise LogoRejected("SVG logos may not reference external resources.")
    width, height = _svg_size(root)
    return LogoInfo(*SVG_TYPE, width, height)


def _svg_size(root) -> tuple[int, int]:
    width = _LENGTH.match(root.get("width", ""))
    height = _LENGTH.match(root.get("height", ""))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    view_box = root.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            return round(float(view_box[2])), round(float(view_box[3]))
        except ValueError:
            pass
    raise LogoRejected("The SVG has neither width/height in pixels nor a viewBox.")


# --- Palette ----------------------------------------------------------------------------

_MERGE_DISTANCE = 40  # RGB distance under which two quantised colours count as one
_MIN_SHARE = 0.02
_SVG_COLOR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def dominant_colors(data: bytes, content_type: str, *, count: int = 5) -> list[dict]:
    """The logo's main colours as ``[{"hex": "#RRGGBB", "share": 0.42}, …]``, biggest first.

    Raster: transparent pixels are ignored and the rest quantised (median cut) on a small
    copy. SVG: fill/stroke/stop colours weighted by how often they are used.
    """
    if content_type == SVG_TYPE[0]:
        return _svg_colors(data, count=count)
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((128, 128))
        rgba = image.convert("RGBA")
    opaque = [px[:3] for px in rgba.get_flattened_data() if px[3] >= 128]
    if not opaque:
        return []
    strip = Image.new("RGB", (len(opaque), 1))
    strip.putdata(opaque)
    quantised = strip.quantize(colors=count * 2, method=Image.Quantize.MEDIANCUT)
    palette = quantised.getpalette() or []
    total = len(opaque)
    merged: list[list] = []  # [r, g, b, pixel count]; near-identical shades (edge antialiasing) join
    for n, index in sorted(quantised.getcolors() or [], reverse=True):
        rgb = palette[index * 3 : index * 3 + 3]
        for entry in merged:
            if sum((a - b) ** 2 for a, b in zip(entry[:3], rgb, strict=True)) <= _MERGE_DISTANCE**2:
                entry[3] += n
                break
        else:
            merged.append([*rgb, n])
    return [
        {"hex": f"#{r:02X}{g:02X}{b:02X}", "share": round(n / total, 3)}
        for r, g, b, n in sorted(merged, key=lambda e: -e[3])[:count]
        if n / total >= _MIN_SHARE
    ]


def _svg_colors(data: bytes, *, count: int) -> list[dict]:
    found = Counter()
    for match in _SVG_COLOR.finditer(data.decode("utf-8", errors="replace")):
        value = match.group(1)
        if len(value) == 3:
            value = "".join(ch * 2 for ch in value)
        found[f"#{value.upper()}"] += 1
    total = sum(found.values())
    return [{"hex": hex_, "share": round(n / total, 3)} for hex_, n in found.most_common(count)]
