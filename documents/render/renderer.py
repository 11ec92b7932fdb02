"""Rasterise SparklioDocument pages to PNG, JPEG, WebP or a multi-page PDF.

Conventions (those of the studio's editor):
- x, y, width and height are the object's unrotated box, in the document's unit (px, or mm
  turned into pixels at the document's dpi); the page's top-left is the origin.
- ``rotation`` is in degrees, clockwise, about the centre of the box.
- A group's children are placed relative to the group's x/y; the group's rotation and
  opacity apply to them as a whole (opacity of the flattened group, as in the editor).
- Objects are drawn in ascending ``z_index``; equal ones in list order. Hidden objects are
  skipped. Lengths inside objects (font size, stroke width, radius) are in document units.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass, field

from django.conf import settings
from PIL import Image, ImageDraw

from documents.render import images, shapes, text
from documents.render.budget import Budget
from documents.render.images import AllowedPath, HostNotAllowed, ImageLoadError
from documents.render.paint import aa_mask, composite, placeholder, rgba, rotate, with_opacity
from documents.schema import (
    GroupObject,
    ImageObject,
    ShapeObject,
    SparklioDocument,
    SvgObject,
    TextObject,
    VideoObject,
)

logger = logging.getLogger(__name__)

MIN_SCALE, MAX_SCALE = 0.1, 4.0
CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "pdf": "application/pdf"}
QUALITY = 90  # JPEG, WebP, and the JPEG-compressed pages of a PDF

_SVG_FILL, _SVG_LINE = (238, 238, 238, 255), (187, 187, 187, 255)
_MISSING_FILL, _MISSING_LINE = (240, 240, 240, 255), (200, 200, 200, 255)
_VIDEO_FILL = (31, 31, 31, 255)


@dataclass
class RenderResult:
    content: bytes
    content_type: str
    width: int
    height: int
    warnings: list[str] = field(default_factory=list)


def render_page(
    doc: SparklioDocument,
    page: int = 0,
    *,
    fmt: str = "png",
    scale: float = 1.0,
    allowed_path: AllowedPath | None = None,
) -> RenderResult:
    """One page as an image. ``allowed_path`` limits which storage paths images may use."""
    if fmt not in ("png", "jpeg", "webp"):
        raise ValueError(f"format {fmt!r} is not one of png, jpeg, webp")
    if not 0 <= page < len(doc.pages):
        raise IndexError(f"page {page} does not exist: the document has {len(doc.pages)} page(s), numbered from 0")
    context = _Context(doc, scale, allowed_path)
    image = _render(doc, page, context)
    out = io.BytesIO()
    if fmt == "png":
        _drop_opaque_alpha(image).save(out, "PNG", compress_level=1)
    elif fmt == "jpeg":
        _flatten(image).save(out, "JPEG", quality=QUALITY)
    else:
        # method 2 encodes about twice as fast as the default 4 for a few percent more bytes.
        _drop_opaque_alpha(image).save(out, "WEBP", quality=QUALITY, method=2)
    return RenderResult(out.getvalue(), CONTENT_TYPES[fmt], image.width, image.height, context.warnings)


def render_pdf(doc: SparklioDocument, *, scale: float = 1.0, allowed_path: AllowedPath | None = None) -> RenderResult:
    """Every page, one PDF page each, sized by the document's dpi (``scale`` adds pixels,
    not inches). Pages are raster images."""
    context = _Context(doc, scale, allowed_path)
    pages = [_flatten(_render(doc, number, context)) for number in range(len(doc.pages))]
    out = io.BytesIO()
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=doc.dpi * scale,
        quality=QUALITY,
        title=doc.title or None,
    )
    return RenderResult(out.getvalue(), CONTENT_TYPES["pdf"], pages[0].width, pages[0].height, context.warnings)


class _Context:
    """What one render call shares: the pixel factor, warnings, and decoded images."""

    def __init__(self, doc: SparklioDocument, scale: float, allowed_path: AllowedPath | None):
        if not MIN_SCALE <= scale <= MAX_SCALE:
            raise ValueError(f"scale {scale} is outside {MIN_SCALE}–{MAX_SCALE}")
        unit = doc.dpi / 25.4 if doc.unit == "mm" else 1.0
        self.factor = unit * scale
        self.language = doc.language
        self.allowed_path = allowed_path
        self.max_pixels = getattr(settings, "RENDER_MAX_PIXELS", 50_000_000)
        # How far a layer may reach past its object's box (a page's length): what lies
        # further is off the page whatever the rotation, and must not cost memory.
        self.max_pad = max(1, round(max(doc.width, doc.height) * self.factor))
        self.warnings: list[str] = []
        self._sources: dict[str, bytes] = {}
        # Shared by every page of a PDF and every object a layout check draws.
        self.budget = Budget()

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def image(self, src: str, hint: tuple[int, int]) -> Image.Image:
        """A decoded source; ``ImageNotAllowed`` propagates, ``ImageLoadError`` too."""
        if src not in self._sources:
            self._sources[src] = images.read_source(src, allowed_path=self.allowed_path)
        return images.decode(src, self._sources[src], size_hint=hint, budget=self.budget)


def _render(doc: SparklioDocument, number: int, context: _Context) -> Image.Image:
    page = doc.pages[number]
    size = (max(1, round(doc.width * context.factor)), max(1, round(doc.height * context.factor)))
    if size[0] * size[1] > context.max_pixels:
        raise ValueError(
            f"page {number} would be {size[0]}×{size[1]} pixels, more than {context.max_pixels}; lower the scale"
        )
    canvas = Image.new("RGBA", size, rgba(page.background))
    if page.background_image:
        layer = _picture(page.background_image, size, "cover", None, 0, context, f"page {page.id} background")
        composite(canvas, layer, 0, 0)
    _draw_all(canvas, page.objects, (0.0, 0.0), context)
    return canvas


def _draw_all(target: Image.Image, objects, origin: tuple[float, float], context: _Context) -> None:
    for obj in sorted(objects, key=lambda o: o.z_index):  # stable: ties keep list order
        if obj.visible and obj.opacity > 0:
            _draw(target, obj, origin, context)


def _draw(target: Image.Image, obj, origin: tuple[float, float], context: _Context) -> None:
    context.budget.check_time(f"{obj.type} {obj.id}")
    f = context.factor
    x, y = origin[0] + obj.x * f, origin[1] + obj.y * f
    # The box snaps to whole pixels, so rotation turns about an exact centre.
    left, top = round(x), round(y)
    width = max(1, round(x + obj.width * f) - left)
    height = max(1, round(y + obj.height * f) - top)
    upright = obj.rotation % 360 == 0

    if isinstance(obj, GroupObject) and upright and obj.opacity >= 1:
        _draw_all(target, obj.children, (x, y), context)
        return
    if isinstance(obj, ShapeObject) and shapes.is_plain_rect(obj):
        shapes.draw_plain_rect(target, obj, (left, top, left + width, top + height), f)
        return

    if width * height > context.max_pixels:
        context.warn(f"{obj.type} {obj.id}: too large to draw ({width}×{height} px); skipped")
        return
    layer, pad = _layer(obj, (width, height), context)
    layer = rotate(with_opacity(layer, obj.opacity), obj.rotation)
    # The layer is centred on the box, before and after rotating.
    centre_x, centre_y = left + width / 2, top + height / 2
    composite(target, layer, round(centre_x - layer.width / 2), round(centre_y - layer.height / 2))


def _layer(obj, size: tuple[int, int], context: _Context) -> tuple[Image.Image, int]:
    """``obj`` drawn on its own transparent layer, with the margin around its box in it."""
    f = context.factor
    if isinstance(obj, TextObject):
        drawn = text.render(obj, size, f, context.language, max_pad=context.max_pad)
        for message in drawn.warnings:
            context.warn(message)
        return drawn.layer, drawn.pad
    if isinstance(obj, ShapeObject):
        return shapes.draw(obj, size, f, max_pad=context.max_pad)
    if isinstance(obj, ImageObject):
        return _picture(obj.src, size, obj.fit, obj.crop, obj.corner_radius * f, context, f"image {obj.id}"), 0
    if isinstance(obj, VideoObject):
        if obj.poster:
            return _picture(obj.poster, size, "cover", None, 0, context, f"video {obj.id} poster"), 0
        return _video_placeholder(size), 0
    if isinstance(obj, SvgObject):
        context.warn(f"svg {obj.id}: SVG is not rasterised on the server (no SVG renderer installed); drawn as a box")
        return placeholder(size, fill=_SVG_FILL, line=_SVG_LINE), 0
    if isinstance(obj, GroupObject):
        pad = min(_group_margin(obj, f), context.max_pad)
        layer = Image.new("RGBA", (size[0] + 2 * pad, size[1] + 2 * pad), (0, 0, 0, 0))
        _draw_all(layer, obj.children, (pad, pad), context)
        return layer, pad
    raise TypeError(f"cannot render object of type {type(obj).__name__}")


def _picture(src: str, size, fit: str, crop, radius: float, context: _Context, what: str) -> Image.Image:
    """An image fitted to ``size``. One on a host the renderer may not reach (never fetched), or
    one that is allowed but cannot be read, becomes a visible placeholder and a warning (the rest
    of the page still renders)."""
    try:
        source = context.image(src, images.size_hint(size, crop))
    except HostNotAllowed as exc:
        where = "redirects to host" if exc.redirected else "is on host"
        context.warn(
            f"{what}: {images.shown(exc.src)} {where} {exc.host!r}, not in RENDER_IMAGE_ALLOWED_HOSTS: "
            "not fetched, drawn as a placeholder"
        )
        return placeholder(size, fill=_MISSING_FILL, line=_MISSING_LINE)
    except ImageLoadError as exc:
        logger.warning("render: %s: %s", what, exc)
        context.warn(f"{what}: {exc}")
        return placeholder(size, fill=_MISSING_FILL, line=_MISSING_LINE)
    return images.fit(source, size, fit, crop, radius)


def _video_placeholder(size: tuple[int, int]) -> Image.Image:
    width, height = size
    layer = Image.new("RGBA", size, _VIDEO_FILL)
    side = min(width, height) * 0.3
    cx, cy = width / 2, height / 2

    def triangle(d: ImageDraw.ImageDraw, f: float) -> None:
        d.polygon(
            [((cx - side * 0.4) * f, (cy - side / 2) * f), ((cx - side * 0.4) * f, (cy + side / 2) * f),
             ((cx + side * 0.5) * f, cy * f)],
            fill=255,
        )  # fmt: skip

    play = aa_mask(size, triangle)
    white = Image.new("RGBA", size, (255, 255, 255, 255))
    layer.paste(white, (0, 0), play)
    return layer


def _group_margin(group: GroupObject, factor: float) -> int:
    """Room around a rotated or translucent group's box for children that reach outside it
    (a child's reach is its box turned any way, plus room for strokes and text overhang)."""
    reach = 0.0
    for child in group.children:
        half = math.hypot(child.width, child.height) / 2 if child.rotation % 360 else None
        cx, cy = child.x + child.width / 2, child.y + child.height / 2
        half_w = half if half is not None else child.width / 2
        half_h = half if half is not None else child.height / 2
        reach = max(reach, -(cx - half_w), -(cy - half_h), cx + half_w - group.width, cy + half_h - group.height)
    canvas_side = max(factor * group.width, factor * group.height, 1)
    margin = reach * factor + 0.1 * canvas_side + 16
    return math.ceil(min(margin, 4 * canvas_side + 16))


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, over white where the page is translucent."""
    if image.getextrema()[3][0] == 255:
        return image.convert("RGB")
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    white.alpha_composite(image)
    return white.convert("RGB")


def _drop_opaque_alpha(image: Image.Image) -> Image.Image:
    return image.convert("RGB") if image.getextrema()[3][0] == 255 else image


def render_context(doc: SparklioDocument, *, allowed_path: AllowedPath | None = None) -> _Context:
    """What ``draw_object`` needs: the document's pixel factor, its images, its warnings."""
    return _Context(doc, 1.0, allowed_path)


def draw_object(target: Image.Image, obj, origin: tuple[float, float], context: _Context) -> None:
    """Draw one object onto ``target`` exactly as a page render draws it (for measuring a
    page's layout object by object)."""
    _draw(target, obj, origin, context)
