"""Measurements of a finished image: light, contrast, sharpness, colours against the brand palette,
text legibility (WCAG) and safe-margin intrusions. Everything is measured on the pixels and is
deterministic for the same input."""

import math

import cv2
import numpy as np
from PIL import Image
from pydantic import BaseModel, Field, field_validator

from generators.imaging.border import background_distance, content_mask, fit_border_background
from generators.imaging.colour import (
    contrast_ratio,
    delta_e_76,
    delta_e_2000,
    hex_to_lab,
    parse_hex,
    relative_luminance,
    srgb_to_lab,
    to_hex,
)
from generators.imaging.loading import open_image, rgb_on_white

__all__ = [
    "ImageMeasurements",
    "TextContrast",
    "TextRegion",
    "contrast_ratio",
    "measure_image",
]

STATS_MAX_PIXELS = 2_000_000  # brightness/contrast on every pixel up to this, a regular grid above it
SHARPNESS_LONG_SIDE = 1024
MARGIN_LONG_SIDE = 512
COLOUR_SAMPLE_PIXELS = 65_536
KMEANS_CLUSTERS = 8
KMEANS_SEED = 7
MAX_DOMINANT = 5
MIN_SHARE = 0.005
MERGE_DELTA_E = 5.0  # CIEDE2000: clusters closer than this are reported as one colour
OFF_PALETTE_DELTA_E = 10.0  # CIEDE2000: a dominant colour farther than this from every brand colour
WCAG_AA = 4.5
WCAG_AA_LARGE = 3.0
MARGIN_MIN_SHARE = 0.001  # of a margin band's area, so antialiasing specks are not intrusions
SIDES = ("left", "top", "right", "bottom")


class TextRegion(BaseModel):
    """Where text sits, in image pixels, and the colour it was drawn in."""

    x: float
    y: float
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    color: str

    @field_validator("color")
    @classmethod
    def _hex(cls, value: str) -> str:
        return to_hex(parse_hex(value))


class TextContrast(BaseModel):
    box: list[float]  # [x, y, width, height] as measured (clipped to the image)
    text_color: str
    background_color: str  # measured on the pixels
    ratio: float  # WCAG 2.x contrast ratio, 1..21, unrounded
    passes_aa: bool  # ≥ 4.5, body text
    passes_aa_large: bool  # ≥ 3.0, large text (≥ 24 px, or ≥ 18.66 px bold)


class ImageMeasurements(BaseModel):
    width: int
    height: int
    brightness: float  # mean WCAG relative luminance, 0..1
    contrast: float  # RMS contrast: standard deviation of relative luminance
    sharpness: float  # variance of the Laplacian of the greyscale image, long side ≤ 1024 px
    dominant_colors: list[str]  # up to 5 '#RRGGBB', largest share first
    dominant_shares: list[float]  # share of the image covered by each dominant colour
    # Share-weighted mean CIEDE2000 from each dominant colour to its nearest brand colour.
    palette_distance: float | None
    off_palette_colors: list[str]  # dominant colours farther than the tolerance from every brand colour
    text_contrast: list[TextContrast]
    safe_margin: float  # margin band width as a share of the side it lies along
    margin_violations: list[str]  # sides ("left", "top", "right", "bottom") whose margin band holds content


def measure_image(
    image: bytes | Image.Image,
    *,
    palette: list[str] | None = None,
    text_regions: list[TextRegion] | None = None,
    safe_margin: float = 0.05,
    palette_tolerance: float = OFF_PALETTE_DELTA_E,
) -> ImageMeasurements:
    """Measure an image (bytes or a Pillow image; transparency is shown over white).

    Raises ImageError for data that is not a readable image or is over the size limit, and
    ValueError for a bad palette colour, a text region outside the image or a margin outside [0, 0.5).
    """
    if not 0 <= safe_margin < 0.5:
        raise ValueError(f"safe_margin must be in [0, 0.5), got {safe_margin}.")
    palette_lab = hex_to_lab(palette) if palette else None
    rgb = rgb_on_white(open_image(image))
    height, width = rgb.shape[:2]

    luminance = relative_luminance(_grid_sample(rgb, STATS_MAX_PIXELS))
    colours, shares = _dominant_colours(_grid_sample(rgb, COLOUR_SAMPLE_PIXELS))

    palette_distance = None
    off_palette: list[str] = []
    if palette_lab is not None:
        dominant_lab = srgb_to_lab(np.array([parse_hex(c) for c in colours], dtype=np.uint8))
        nearest = delta_e_2000(dominant_lab[:, None, :], palette_lab[None, :, :]).min(axis=1)
        palette_distance = float(np.average(nearest, weights=shares))
        off_palette = [c for c, d in zip(colours, nearest, strict=True) if d > palette_tolerance]

    regions = text_regions or []
    return ImageMeasurements(
        width=width,
        height=height,
        brightness=float(luminance.mean()),
        contrast=float(luminance.std()),
        sharpness=_sharpness(rgb),
        dominant_colors=colours,
        dominant_shares=shares,
        palette_distance=palette_distance,
        off_palette_colors=off_palette,
        text_contrast=[_text_contrast(rgb, region) for region in regions],
        safe_margin=safe_margin,
        margin_violations=_margin_violations(rgb, regions, safe_margin),
    )


def _grid_sample(rgb: np.ndarray, max_pixels: int) -> np.ndarray:
    """Every pixel when there are few enough, otherwise a regular grid: unbiased and without the
    colour blending a resize would add."""
    height, width = rgb.shape[:2]
    step = max(1, math.ceil(math.sqrt(height * width / max_pixels)))
    return rgb[::step, ::step]


def _downscale(rgb: np.ndarray, long_side: int) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = long_side / max(height, width)
    if scale >= 1:
        return rgb
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def _sharpness(rgb: np.ndarray) -> float:
    grey = cv2.cvtColor(_downscale(rgb, SHARPNESS_LONG_SIDE), cv2.COLOR_RGB2GRAY)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def _dominant_colours(sample: np.ndarray) -> tuple[list[str], list[float]]:
    pixels = sample.reshape(-1, 3)
    packed = (pixels[:, 0].astype(np.int32) << 16) | (pixels[:, 1].astype(np.int32) << 8) | pixels[:, 2]
    unique, labels = np.unique(packed, return_inverse=True)
    if len(unique) > MAX_DOMINANT:
        lab = srgb_to_lab(pixels).astype(np.float32)
        # theRNG is per thread: seeding it right before the call makes the clustering repeatable.
        cv2.setRNGSeed(KMEANS_SEED)
        criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.1)
        clusters = min(KMEANS_CLUSTERS, len(unique))
        _, kmeans_labels, _ = cv2.kmeans(lab, clusters, None, criteria, 3, cv2.KMEANS_PP_CENTERS)
        labels = kmeans_labels.ravel()
    counts = np.bincount(labels).astype(np.float64)
    sums = np.stack([np.bincount(labels, weights=pixels[:, c].astype(np.float64)) for c in range(3)], axis=1)
    groups = [(counts[i], sums[i]) for i in np.argsort(-counts, kind="stable") if counts[i] > 0]

    merged: list[list] = []  # [count, rgb sum, lab of the mean]
    for count, total in groups:
        mean_lab = srgb_to_lab(np.clip(np.round(total / count), 0, 255).astype(np.uint8))
        near = [float(delta_e_2000(mean_lab, group[2])) for group in merged]
        if near and min(near) < MERGE_DELTA_E:
            group = merged[int(np.argmin(near))]
            group[0] += count
            group[1] = group[1] + total
            group[2] = srgb_to_lab(np.clip(np.round(group[1] / group[0]), 0, 255).astype(np.uint8))
        else:
            merged.append([count, total, mean_lab])

    total_pixels = float(len(pixels))
    ranked = sorted(
        ((group[0] / total_pixels, to_hex(group[1] / group[0])) for group in merged),
        key=lambda item: (-item[0], item[1]),
    )
    ranked = [item for item in ranked if item[0] >= MIN_SHARE][:MAX_DOMINANT]
    return [colour for _, colour in ranked], [round(share, 4) for share, _ in ranked]


def _clip_box(region: TextRegion, width: int, height: int) -> tuple[int, int, int, int]:
    x0 = max(0, math.floor(region.x))
    y0 = max(0, math.floor(region.y))
    x1 = min(width, math.ceil(region.x + region.width))
    y1 = min(height, math.ceil(region.y + region.height))
    if x1 <= x0 or y1 <= y0:
        raise ValueError(
            f"Text region {region.x},{region.y} {region.width}×{region.height} lies outside the {width}×{height} image."
        )
    return x0, y0, x1, y1


def _text_contrast(rgb: np.ndarray, region: TextRegion) -> TextContrast:
    """The background is what is left of the box once pixels near the text colour (glyphs and
    their antialiased edges) are set aside: the median of the pixels farther from the text colour
    than half of the box's typical spread."""
    height, width = rgb.shape[:2]
    x0, y0, x1, y1 = _clip_box(region, width, height)
    pixels = _grid_sample(rgb[y0:y1, x0:x1], 1_000_000).reshape(-1, 3)
    text_lab = hex_to_lab([region.color])[0]
    distance = delta_e_76(srgb_to_lab(pixels), text_lab)
    away = distance > 0.5 * np.percentile(distance, 95)
    background = np.median(pixels[away] if away.any() else pixels, axis=0)
    background_hex = to_hex(background)
    ratio = contrast_ratio(region.color, background_hex)
    return TextContrast(
        box=[float(x0), float(y0), float(x1 - x0), float(y1 - y0)],
        text_color=region.color,
        background_color=background_hex,
        ratio=ratio,
        passes_aa=ratio >= WCAG_AA,
        passes_aa_large=ratio >= WCAG_AA_LARGE,
    )


def _margin_violations(rgb: np.ndarray, regions: list[TextRegion], safe_margin: float) -> list[str]:
    if safe_margin == 0:
        return []
    height, width = rgb.shape[:2]
    sides: set[str] = set()

    small = _downscale(rgb, MARGIN_LONG_SIDE)
    small_h, small_w = small.shape[:2]
    lab = srgb_to_lab(small)
    model = fit_border_background(lab, ring=max(2, round(0.01 * max(small_h, small_w))))
    content = content_mask(background_distance(lab, model), model)
    band_x = max(1, int(safe_margin * small_w))
    band_y = max(1, int(safe_margin * small_h))
    bands = {
        "left": content[:, :band_x],
        "top": content[:band_y, :],
        "right": content[:, small_w - band_x :],
        "bottom": content[small_h - band_y :, :],
    }
    for side, band in bands.items():
        if band.sum() >= max(4, MARGIN_MIN_SHARE * band.size):
            sides.add(side)

    for region in regions:
        if region.x < safe_margin * width:
            sides.add("left")
        if region.y < safe_margin * height:
            sides.add("top")
        if region.x + region.width > (1 - safe_margin) * width:
            sides.add("right")
        if region.y + region.height > (1 - safe_margin) * height:
            sides.add("bottom")
    return [side for side in SIDES if side in sides]
