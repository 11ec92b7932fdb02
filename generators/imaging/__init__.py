"""Image measurements and offline background removal for generated and uploaded pictures."""

from generators.imaging.background import (
    BackgroundModelError,
    BackgroundResult,
    BorderReading,
    cutout_flaw,
    read_border,
    remove_background,
)
from generators.imaging.colour import contrast_ratio
from generators.imaging.loading import MAX_PIXELS, ImageError
from generators.imaging.measure import ImageMeasurements, TextContrast, TextRegion, measure_image

__all__ = [
    "MAX_PIXELS",
    "BackgroundModelError",
    "BackgroundResult",
    "BorderReading",
    "ImageError",
    "ImageMeasurements",
    "TextContrast",
    "TextRegion",
    "contrast_ratio",
    "cutout_flaw",
    "measure_image",
    "read_border",
    "remove_background",
]
