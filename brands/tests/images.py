"""Real image bytes for logo tests, drawn with Pillow (or written out, for SVG)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORANGE = (0xFF, 0x5A, 0x1F)
NAVY = (0x14, 0x1E, 0x50)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def two_colour_image(
    width: int = 40, height: int = 20, main: tuple = ORANGE, other: tuple = NAVY, main_share: float = 0.75
) -> Image.Image:
    """The left ``main_share`` of the columns in ``main``, the rest in ``other``."""
    image = Image.new("RGB", (width, height), main)
    image.paste(other, (round(width * main_share), 0, width, height))
    return image


def png_bytes(width: int = 40, height: int = 20, **colours) -> bytes:
    return _encode(two_colour_image(width, height, **colours), "PNG")


def jpeg_bytes(width: int = 40, height: int = 20) -> bytes:
    return _encode(two_colour_image(width, height), "JPEG")


def half_transparent_png(visible: tuple = ORANGE, hidden: tuple = NAVY) -> bytes:
    """Top half opaque ``visible``, bottom half ``hidden`` but fully transparent."""
    image = Image.new("RGBA", (20, 20), (*visible, 255))
    image.paste((*hidden, 0), (0, 10, 20, 20))
    return _encode(image, "PNG")


def undecodable_png(width: int = 40, height: int = 20) -> bytes:
    """A PNG whose chunks and checksums are all valid but whose pixel data is not zlib data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"not zlib data " * 8) + chunk(b"IEND", b"")


def svg_bytes(body: str = "", attrs: str = 'width="120" height="60"') -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" {attrs}>{body}</svg>'
    ).encode()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
