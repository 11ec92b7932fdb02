"""What one document may cost to draw: decoded pixels per image and per document, how many
images, and how long a render may run.

A few kilobytes of compressed image can decode to hundreds of megabytes, so a document that
is small on the wire can keep a render busy for minutes. Documents over these limits are refused
when they are written (``measure_images``, reading image headers only, never pixels), and a render
stops at its budget whatever the document (``Budget``), so documents stored before the limits, or
images behind URLs that are never fetched at write time, cannot outrun it either.
"""

from __future__ import annotations

import io
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from PIL import Image
from rest_framework import status
from rest_framework.exceptions import APIException

FORMATS = ["PNG", "JPEG", "WEBP", "GIF"]


def max_image_pixels() -> int:
    return settings.RENDER_MAX_IMAGE_PIXELS


def max_document_pixels() -> int:
    return settings.RENDER_MAX_DOCUMENT_PIXELS


def max_images() -> int:
    return settings.RENDER_MAX_IMAGES


def time_budget() -> float:
    return settings.RENDER_TIME_BUDGET_SECONDS


class RenderBudgetExceeded(APIException):
    """A render that ran out of time: stopped between two objects, nothing returned (422: the
    same document would run out again, so retrying does not help; lighten the document)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "render_budget_exceeded"

    def __init__(self, message: str, *, where: str):
        super().__init__(message)
        self.extra = {"object": where}


def header_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from an image's header, without decoding a pixel; None when the bytes
    are not a PNG, JPEG, WebP or GIF (the renderer draws a placeholder for those). A header
    past Pillow's own bomb limit reports its size too, so the caller can name it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                return image.size
    except Image.DecompressionBombError:
        # Pillow refuses without telling the size: past its limit, which is past ours too.
        return BOMB
    except (OSError, ValueError, SyntaxError):
        return None


# Stands for "more pixels than Pillow opens" (twice Image.MAX_IMAGE_PIXELS).
BOMB = (2**31, 2**31)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


def measure_images(sources: Iterable[tuple[str, Callable[[], tuple[int, int] | None]]]) -> Problem | None:
    """The first way the images break the budget: (JSON path, a function giving the image's
    size or None when it is not read), sized only once the count is known to fit."""
    total, count = 0, 0
    per_image, per_document, most = max_image_pixels(), max_document_pixels(), max_images()
    for path, measure in sources:
        count += 1
        if count > most:
            return Problem(path, f"A document may show at most {most} images; this is image {count}.")
        size = measure()
        if size is None:
            continue
        pixels = size[0] * size[1]
        if pixels > per_image:
            shown = "more pixels than Pillow opens" if size == BOMB else f"{size[0]}×{size[1]} pixels"
            return Problem(path, f"The image is {shown}; at most {per_image} pixels per image.")
        total += pixels
        if total > per_document:
            return Problem(
                path,
                f"The document's images add up to {total} pixels here; at most {per_document} per document.",
            )
    return None


class Budget:
    """One render's allowance: a deadline, and decoded pixels and images left."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self.seconds = time_budget()
        self.deadline = clock() + self.seconds
        self.pixels_left = max_document_pixels()
        self.images_left = max_images()

    def check_time(self, where: str) -> None:
        if self._clock() >= self.deadline:
            raise RenderBudgetExceeded(
                f"The render ran past its budget of {self.seconds:g} s before {where}; "
                "use fewer or smaller images (RENDER_TIME_BUDGET_SECONDS).",
                where=where,
            )

    def take_image(self, width: int, height: int) -> str | None:
        """Spend one image of this size; the reason when it does not fit (it is then not drawn)."""
        pixels = width * height
        if pixels > max_image_pixels():
            return f"{width}×{height} pixels is more than {max_image_pixels()} per image"
        if self.images_left <= 0:
            return f"more than {max_images()} images in one render"
        if pixels > self.pixels_left:
            return f"the render's images would pass {max_document_pixels()} decoded pixels"
        self.images_left -= 1
        self.pixels_left -= pixels
        return None
