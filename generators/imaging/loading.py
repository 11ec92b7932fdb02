"""Decoding untrusted image bytes into pixel arrays, with the size limit every imaging step shares."""

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 50_000_000


class ImageError(ValueError):
    """The input is not an image this package can work on: not an image, corrupt, or too big."""


def open_image(image: bytes | Image.Image) -> Image.Image:
    """Decode (bytes) or take (a Pillow image) the picture, checked against MAX_PIXELS before any
    pixel is decoded, and turned upright by its EXIF orientation."""
    if isinstance(image, Image.Image):
        _check_size(*image.size)
        img = image
    elif isinstance(image, bytes | bytearray | memoryview):
        img = _decode(bytes(image))
    else:
        raise TypeError(f"Expected image bytes or a PIL.Image.Image, got {type(image).__name__}.")
    if img.width == 0 or img.height == 0:
        raise ImageError("The image has no pixels.")
    return ImageOps.exif_transpose(img)


def _decode(data: bytes) -> Image.Image:
    if not data:
        raise ImageError("The image is empty (0 bytes).")
    try:
        # Pillow's own bomb guard sits above our limit: we check the header's size ourselves.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageError(f"The image is too big to process (over {MAX_PIXELS:,} pixels).") from exc
    except UnidentifiedImageError as exc:
        raise ImageError("The data is not an image in a format we can read.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"The image is corrupt: {exc}") from exc
    _check_size(*img.size)
    try:
        img.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"The image is corrupt or truncated: {exc}") from exc
    return img


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"The image is too big to process: {width}×{height} is {width * height:,} pixels, "
            f"the limit is {MAX_PIXELS:,}."
        )


def rgb_and_alpha(img: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    """uint8 RGB pixels (H×W×3) and the alpha channel (H×W) when the image has transparency."""
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # Deep greyscale: Pillow's convert("RGB") clips at 255, so scale to the image's own range.
        values = np.asarray(img, dtype=np.float64)
        top = values.max()
        grey = np.zeros(values.shape, np.uint8) if top <= 0 else np.clip(values / top * 255 + 0.5, 0, 255)
        grey = grey.astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2), None
    has_alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (img.mode == "P" and "transparency" in img.info)
    if has_alpha:
        rgba = np.asarray(img.convert("RGBA"))
        return np.ascontiguousarray(rgba[:, :, :3]), np.ascontiguousarray(rgba[:, :, 3])
    return np.asarray(img.convert("RGB")), None


def rgb_on_white(img: Image.Image) -> np.ndarray:
    """uint8 RGB pixels with any transparency composited over white, as the picture is usually shown."""
    rgb, alpha = rgb_and_alpha(img)
    if alpha is None:
        return rgb
    a = alpha[:, :, None].astype(np.float32) / 255.0
    return (rgb * a + 255.0 * (1.0 - a) + 0.5).astype(np.uint8)
