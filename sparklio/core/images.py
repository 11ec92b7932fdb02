"""Pictures people upload: what they really are, read from the bytes (never from the file name
or the declared type), and whether they stay within the limits. Every upload that takes
pictures (brand logos, assets) checks them here, so they all accept and refuse the same files.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

# Pillow's format name → (content type, file extension).
RASTER_TYPES = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF"}

# EXIF orientations that turn the picture a quarter: its upright width is the stored height.
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112


class ImageRejected(ValueError):
    """Not an image we accept; the message says why, in words for the person who sent it."""


class NotAnImage(ImageRejected):
    """No raster format recognises the bytes (a caller may still try another reader, e.g. SVG)."""


@dataclass(frozen=True)
class RasterInfo:
    format: str  # Pillow's name: PNG, JPEG, WEBP or GIF
    content_type: str
    extension: str
    width: int  # as stored, before any EXIF orientation
    height: int
    upright_width: int  # as shown: browsers and the renderer apply the EXIF orientation
    upright_height: int


def accepted(formats) -> str:
    """``"PNG, JPEG or WebP"`` for messages."""
    names = [_NAMES[f] for f in formats]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def read_limited(upload, *, max_bytes: int) -> bytes:
    """An uploaded file's bytes, never reading more than one byte past the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ImageRejected(f"The file is {size} bytes; the limit is {max_bytes} bytes.")
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected(f"The file is larger than the limit of {max_bytes} bytes.")
    if not data:
        raise ImageRejected("The file is empty.")
    return data


def sniff_raster(data: bytes, *, max_pixels: int, formats=tuple(RASTER_TYPES)) -> RasterInfo:
    """What raster image ``data`` is, after proving it decodes, within ``max_pixels``.

    Raises ``NotAnImage`` when no raster format recognises the bytes, and ``ImageRejected``
    for another format, too many pixels (decompression bombs included) or a corrupt file.
    """
    if not data:
        raise ImageRejected("The file is empty.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in formats:
                    raise ImageRejected(f"{fmt} images are not accepted; use {accepted(formats)}.")
                # The header's size is checked before a single pixel is decoded.
                if width * height > max_pixels:
                    raise ImageRejected(f"The image is {width}×{height}; at most {max_pixels} pixels are accepted.")
                image.verify()
            # verify() checks structure and checksums only; decoding proves the pixels are real.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                orientation = image.getexif().get(_EXIF_ORIENTATION)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("The image has too many pixels.") from exc
    except UnidentifiedImageError as exc:
        raise NotAnImage(f"The file is not a supported image ({accepted(formats)}).") from exc
    except ImageRejected:
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(f"The image is corrupt: {exc}") from exc
    content_type, ext = RASTER_TYPES[fmt]
    upright = (height, width) if orientation in _QUARTER_TURNS else (width, height)
    return RasterInfo(fmt, content_type, ext, width, height, *upright)


def looks_like_xml(data: bytes) -> bool:
    """Whether the bytes start like an XML document (SVG files do)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")
