"""Real pictures for asset tests, drawn with Pillow and numpy: a product on a plain studio
backdrop, the same product in front of a busy, photo-like scene, and small files of each format."""

from __future__ import annotations

import io

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter


def encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def small(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour: str = "#1F6FEB") -> bytes:
    return encode(Image.new("RGB", size, colour), fmt)


def upload(data: bytes, name: str = "photo.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def bottle_mask(width: int, height: int) -> np.ndarray:
    """A bottle standing in the middle: a rounded body, a shoulder and a cap (True inside)."""
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    cx = width // 2
    body_w, body_top, body_bottom = int(0.30 * width), int(0.36 * height), int(0.86 * height)
    draw.rounded_rectangle(
        [cx - body_w // 2, body_top, cx + body_w // 2, body_bottom], radius=int(0.06 * width), fill=255
    )
    draw.ellipse(
        [cx - body_w // 2, body_top - int(0.08 * height), cx + body_w // 2, body_top + int(0.08 * height)], fill=255
    )
    neck_w = int(0.12 * width)
    draw.rectangle([cx - neck_w // 2, int(0.2 * height), cx + neck_w // 2, body_top], fill=255)
    cap_w = int(0.15 * width)
    draw.rounded_rectangle(
        [cx - cap_w // 2, int(0.13 * height), cx + cap_w // 2, int(0.22 * height)], radius=6, fill=255
    )
    return np.asarray(mask) > 127


def _paint_bottle(background: np.ndarray, mask: np.ndarray) -> np.ndarray:
    height, width = mask.shape
    yy, xx = np.mgrid[0:height, 0:width].astype(float)
    # A glossy teal bottle, lit from the left, with a label band.
    shade = 1.15 - 0.55 * np.clip((xx - width / 2) / (0.15 * width), -1, 1) * 0.5
    colour = np.array([20.0, 150.0, 140.0])[None, None, :] * shade[..., None]
    label = (yy > 0.52 * height) & (yy < 0.70 * height)
    colour = np.where(label[..., None], np.array([250.0, 200.0, 60.0]), colour)
    pixels = np.where(mask[..., None], colour, background)
    return np.clip(pixels, 0, 255)


def product_on_plain(size: tuple[int, int] = (480, 600), seed: int = 1) -> tuple[bytes, np.ndarray]:
    """The bottle on a light grey studio sweep (a gentle top-to-bottom gradient, sensor noise)."""
    width, height = size
    rng = np.random.default_rng(seed)
    yy = np.mgrid[0:height, 0:width][0].astype(float)
    backdrop = np.array([238.0, 236.0, 232.0])[None, None, :] * (1 - 0.07 * yy / height)[..., None]
    mask = bottle_mask(width, height)
    pixels = _paint_bottle(backdrop, mask)
    img = Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    noisy = np.asarray(img).astype(float) + rng.normal(0, 3, (height, width, 3))
    return encode(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))), mask


def busy_scene(size: tuple[int, int], seed: int = 2) -> np.ndarray:
    """A photo-like busy background: coloured noise at several scales (blotches, shapes, grain)."""
    width, height = size
    rng = np.random.default_rng(seed)
    scene = np.zeros((height, width, 3))
    for cells, weight in [(4, 0.45), (12, 0.3), (40, 0.15), (160, 0.1)]:
        coarse = rng.uniform(0, 255, (cells, max(1, cells * width // height), 3)).astype(np.uint8)
        layer = Image.fromarray(coarse).resize((width, height), Image.Resampling.BICUBIC)
        scene += weight * np.asarray(layer, dtype=float)
    return np.clip((scene - scene.mean()) * 1.6 + 128, 0, 255)


def product_on_busy(size: tuple[int, int] = (480, 600), seed: int = 2) -> tuple[bytes, np.ndarray]:
    """The same bottle photographed in front of a busy scene."""
    width, height = size
    mask = bottle_mask(width, height)
    pixels = _paint_bottle(busy_scene(size, seed), mask)
    return encode(
        Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)), "JPEG", quality=90
    ), mask
