"""The background as the image border shows it: a smooth colour surface fitted to the border pixels.

Both the margin check and the background remover ask "which pixels differ from the background?".
The border is the one place a layout or a product shot reliably shows its background, so a
quadratic surface per Lab channel is fitted to the border ring, trimming outliers (an object that
touches the edge) as it goes. That covers flat backgrounds, gradients and studio sweeps; it cannot
tell a full-bleed photo or a textured backdrop from content.
"""

from dataclasses import dataclass

import cv2
import numpy as np

MIN_THRESHOLD = 8.0  # ΔE76: by default, differences below this never count as content
MAX_THRESHOLD = 30.0
NOISE_FACTOR = 4.0


@dataclass(frozen=True)
class BorderBackground:
    coefficients: np.ndarray  # 6×3: terms (1, u, v, u², uv, v²) for L, a, b
    noise: float  # median ΔE76 between the border and the fitted surface
    threshold: float  # ΔE76 above which a pixel is taken for content


def _design(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.stack([np.ones_like(u), u, v, u * u, u * v, v * v], axis=-1)


def _coordinates(height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    u = np.linspace(-1.0, 1.0, width) if width > 1 else np.zeros(1)
    v = np.linspace(-1.0, 1.0, height) if height > 1 else np.zeros(1)
    return u, v


def fit_border_background(lab: np.ndarray, ring: int, min_threshold: float = MIN_THRESHOLD) -> BorderBackground:
    """Fit the background surface to the outer `ring` pixels of an H×W×3 Lab image."""
    height, width = lab.shape[:2]
    ring = max(1, min(ring, height // 2, width // 2))
    on_ring = np.zeros((height, width), bool)
    on_ring[:ring, :] = on_ring[-ring:, :] = True
    on_ring[:, :ring] = on_ring[:, -ring:] = True
    ys, xs = np.nonzero(on_ring)
    u, v = _coordinates(height, width)
    design = _design(u[xs], v[ys])
    samples = lab[ys, xs].astype(np.float64)

    # Start from the median colour so that an edge-touching object cannot drag the first fit.
    fitted = np.broadcast_to(np.median(samples, axis=0), samples.shape)
    coefficients = np.zeros((6, 3))
    coefficients[0] = fitted[0]
    for _ in range(4):
        residual = np.linalg.norm(samples - fitted, axis=1)
        keep = residual <= max(2.5 * float(np.median(residual)), 2.0)
        if keep.sum() < 6:
            break
        coefficients = np.linalg.lstsq(design[keep], samples[keep], rcond=None)[0]
        fitted = design @ coefficients
    residual = np.linalg.norm(samples - fitted, axis=1)
    noise = float(np.median(residual[residual <= max(2.5 * float(np.median(residual)), 2.0)]))
    threshold = float(np.clip(NOISE_FACTOR * noise + min_threshold / 2, min_threshold, MAX_THRESHOLD))
    return BorderBackground(coefficients=coefficients, noise=noise, threshold=threshold)


def background_distance(lab: np.ndarray, model: BorderBackground) -> np.ndarray:
    """ΔE76 of every pixel from the background surface (H×W, float32)."""
    height, width = lab.shape[:2]
    u, v = _coordinates(height, width)
    uu, vv = np.meshgrid(u, v)
    surface = _design(uu, vv) @ model.coefficients
    return np.linalg.norm(lab - surface, axis=-1).astype(np.float32)


def content_mask(distance: np.ndarray, model: BorderBackground) -> np.ndarray:
    """Pixels that differ from the background, with isolated noise pixels opened away (H×W bool)."""
    mask = (distance > model.threshold).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return mask.astype(bool)
