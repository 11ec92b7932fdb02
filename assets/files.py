"""What an uploaded asset really is, and the bytes that are stored for it."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from PIL import Image

from sparklio.core.images import ImageRejected, looks_like_xml, read_limited, sniff_raster

# GIF is read for its first frame, stored as PNG: an asset is a still picture.
FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
ACCEPTED = "PNG, JPEG or WebP (a GIF's first frame)"


@dataclass(frozen=True)
class AssetFile:
    data: bytes
    content_type: str
    extension: str
    width: int  # upright, as shown
    height: int


def read_asset_upload(upload) -> AssetFile:
    """Read an upload within ASSET_MAX_BYTES and ASSET_MAX_PIXELS and tell what picture it is.
    Raises ``ImageRejected`` with the reason for anything else."""
    data = read_limited(upload, max_bytes=settings.ASSET_MAX_BYTES)
    if looks_like_xml(data):
        # SVG is code as much as a picture; product photos are raster images.
        raise ImageRejected(f"SVG and other XML files are not accepted as assets; upload {ACCEPTED}.")
    info = sniff_raster(data, max_pixels=settings.ASSET_MAX_PIXELS, formats=FORMATS)
    if info.format == "GIF":
        return AssetFile(_first_frame_png(data), "image/png", "png", info.upright_width, info.upright_height)
    return AssetFile(data, info.content_type, info.extension, info.upright_width, info.upright_height)


def _first_frame_png(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.seek(0)
        frame = image.convert("RGBA" if "transparency" in image.info else "RGB")
    buffer = io.BytesIO()
    frame.save(buffer, "PNG")
    return buffer.getvalue()
