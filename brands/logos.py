"""Logo files: what they really are (sniffed from the bytes) and the colours they use."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from PIL import Image

from sparklio.core.images import ImageRejected, NotAnImage, looks_like_xml, read_limited, sniff_raster
from sparklio.core.svg import SvgRejected, check_svg

SVG_TYPE = ("image/svg+xml", "svg")
ACCEPTED = "PNG, JPEG, WebP, GIF or SVG"


@dataclass(frozen=True)
class LogoInfo:
    content_type: str
    extension: str
    width: int
    height: int


def read_upload(upload, *, max_bytes: int, max_pixels: int) -> tuple[bytes, LogoInfo]:
    """Read an uploaded file (never more than the limit) and tell what image it is."""
    data = read_limited(upload, max_bytes=max_bytes)
    return data, inspect_logo(data, max_pixels=max_pixels)


def inspect_logo(data: bytes, *, max_pixels: int) -> LogoInfo:
    try:
        info = sniff_raster(data, max_pixels=max_pixels)
    except NotAnImage:
        pass
    else:
        return LogoInfo(info.content_type, info.extension, info.width, info.height)
    if looks_like_xml(data):
        return _inspect_svg(data)
    raise ImageRejected(f"The file is not a supported image ({ACCEPTED}).")


def _inspect_svg(data: bytes) -> LogoInfo:
    try:
        width, height = check_svg(data)
    except SvgRejected as exc:
        raise ImageRejected(str(exc)) from exc
    return LogoInfo(*SVG_TYPE, width, height)


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
