"""Offline background removal: a U²-Net ONNX model when one is installed, OpenCV GrabCut otherwise.

The learned path runs when settings.U2NET_HOME names a folder holding one of MODEL_FILES and
onnxruntime is importable. It follows rembg's u2net sessions step by step (320×320 LANCZOS, scaled
by the image maximum, ImageNet mean/std, first output, min-max normalised, LANCZOS back) without
rembg itself, whose install (numba, scipy, scikit-image) costs ~500 MB and a minute's JIT on first import.
"""

import functools
import importlib.util
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from django.conf import settings
from PIL import Image
from pydantic import BaseModel, ConfigDict

from generators.imaging.border import background_distance, content_mask, fit_border_background
from generators.imaging.colour import srgb_to_lab
from generators.imaging.loading import open_image, rgb_and_alpha

logger = logging.getLogger(__name__)

__all__ = [
    "BackgroundModelError",
    "BackgroundResult",
    "BorderReading",
    "cutout_flaw",
    "read_border",
    "remove_background",
]

MODEL_FILES = ("u2net.onnx", "u2netp.onnx", "silueta.onnx")
U2NET_SIZE = 320
U2NET_MEAN = (0.485, 0.456, 0.406)
U2NET_STD = (0.229, 0.224, 0.225)

GRABCUT_LONG_SIDE = 320
GRABCUT_ITERATIONS = 3
GRABCUT_SEED = 11
BOX_PADDING = 0.06  # of the box's own size, on each side
MIN_PART_SHARE = 0.05  # parts smaller than this share of the largest part are specks
PNG_COMPRESS_LEVEL = 1
CONTEXT_SHARE = 0.1  # background band around the box that GrabCut learns from, of the box's long side
MIN_SAMPLES = 16
BOX_MIN_DELTA_E = 4.0  # ΔE76 on the blurred copy; GrabCut sorts out what the box lets in
# Median ΔE76 between the border and its fitted surface up to which a backdrop counts as plain. A seamless
# paper, a wall or a studio sweep (lighting falloff and sensor noise included) measures under 2; a room,
# foliage or any scenery measures 10 and more, where a cut-out from the border colours would guess.
PLAIN_MAX_SPREAD = 4.0
# Share of the border ring that must lie close to that surface (within the ΔE GrabCut's box takes for
# background). The median spread alone ignores up to half the border: a photo whose border is 59 % black
# and 41 % coloured circles measured 0.7 ΔE and was cut out, circles and all. A product cropped by the
# frame or a small prop in a corner takes a few percent of the border; a scene takes far more.
PLAIN_MIN_SHARE = 0.9
TRANSPARENT_BORDER_SHARE = 0.5  # a border mostly see-through: the picture is a cut-out already
# What a cut-out must not look like to be used in place of the photo (checked on a ≤ 320 px copy of its mask).
CHECK_LONG_SIDE = 320
FRAGMENT_MIN_SHARE = 0.02  # a piece apart from the subject, touching the frame, of the largest piece's area
PIECE_MIN_SHARE = 0.1  # a second piece of the subject, of the largest piece's area
HOLE_MAX_SHARE = 0.02  # see-through holes inside the subject, of its filled area
HOLE_MIN_SHARE = 0.001  # holes smaller than this share of the filled subject are specks, not counted


class BackgroundModelError(RuntimeError):
    """A model file in U2NET_HOME exists but onnxruntime cannot run it as U²-Net."""


class BackgroundResult(BaseModel):
    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")

    png: bytes  # RGBA PNG, the input's size (after EXIF orientation)
    method: Literal["grabcut", "u2net"]
    mask_coverage: float  # mean alpha: the foreground's share of the image, 0..1
    box: tuple[int, int, int, int]  # (x, y, width, height) around alpha ≥ 128, original pixels; zeros if none


def remove_background(image: bytes | Image.Image) -> BackgroundResult:
    """Cut the foreground out of an image. Raises ImageError for unreadable or oversized input and
    BackgroundModelError when the model in U2NET_HOME cannot be run."""
    img = open_image(image)
    rgb, alpha = rgb_and_alpha(img)
    model_path = u2net_model_path()
    if model_path is not None:
        mask, method = _u2net_mask(model_path, rgb), "u2net"
    else:
        mask, method = _grabcut_mask(rgb), "grabcut"
    if alpha is not None:
        mask = (mask.astype(np.uint16) * alpha // 255).astype(np.uint8)
    return BackgroundResult(
        png=_encode_rgba(rgb, mask),
        method=method,
        mask_coverage=float(mask.mean() / 255.0),
        box=_mask_box(mask),
    )


@dataclass(frozen=True)
class BorderReading:
    """What the border of a picture says about its background."""

    spread: float  # median ΔE76 of the border around a smooth colour surface (the background GrabCut models)
    transparent_share: float  # share of border pixels with alpha < 128
    close_share: float = 1.0  # share of border pixels close to that surface (the rest is something else)

    @property
    def plain(self) -> bool:
        return self.spread <= PLAIN_MAX_SPREAD and self.close_share >= PLAIN_MIN_SHARE

    @property
    def cut_out(self) -> bool:
        return self.transparent_share >= TRANSPARENT_BORDER_SHARE


def read_border(image: bytes | Image.Image) -> BorderReading:
    """Measure how plain a picture's background is, on the same small blurred copy and border ring
    that GrabCut starts from: a plain border is one ``remove_background`` can cut a subject from."""
    img = open_image(image)
    rgb, alpha = rgb_and_alpha(img)
    small, lab, ring = _border_view(rgb)
    model = fit_border_background(lab, ring=ring, min_threshold=BOX_MIN_DELTA_E)
    on_ring = np.zeros(small.shape[:2], bool)
    on_ring[:ring, :] = on_ring[-ring:, :] = on_ring[:, :ring] = on_ring[:, -ring:] = True
    close = float((background_distance(lab, model)[on_ring] <= model.threshold).mean())
    transparent = 0.0
    if alpha is not None:
        small_alpha = cv2.resize(alpha, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
        transparent = float((small_alpha[on_ring] < 128).mean())
    return BorderReading(spread=model.noise, transparent_share=transparent, close_share=close)


def cutout_flaw(alpha: np.ndarray) -> str | None:
    """Why a cut-out's alpha (H×W, 0..255) should not stand in for the photo, or None when it looks whole.

    A cut-out from the border colours goes wrong in ways its mask shows: much of the frame's edge kept
    (the scene taken for the subject), pieces of the scene that touch the frame kept apart from the
    subject, the subject in several pieces (a band of it in the backdrop's colour taken away), or holes
    inside it where the page would show through. A real subject can have a hole (a mug's handle) or come
    in two pieces; the photo as it is, on its plain backdrop, is then the safe choice, where a wrong
    cut-out shows the page through the product.
    """
    height, width = alpha.shape[:2]
    scale = min(1.0, CHECK_LONG_SIDE / max(height, width))
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        alpha = cv2.resize(alpha, size, interpolation=cv2.INTER_AREA)
    solid = (alpha >= 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    if count <= 1:
        return None
    ring = max(2, round(0.02 * max(solid.shape)))
    on_ring = np.zeros(solid.shape, bool)
    on_ring[:ring, :] = on_ring[-ring:, :] = on_ring[:, :ring] = on_ring[:, -ring:] = True
    edge = float(solid[on_ring].mean())
    if edge > 1 - PLAIN_MIN_SHARE:
        return f"it keeps {edge:.0%} of the picture's edge, where a subject cut by the frame keeps a little"
    areas = stats[1:, cv2.CC_STAT_AREA]
    largest = int(np.argmax(areas))
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    right, bottom = x + stats[1:, cv2.CC_STAT_WIDTH], y + stats[1:, cv2.CC_STAT_HEIGHT]
    at_edge = (x == 0) | (y == 0) | (right == solid.shape[1]) | (bottom == solid.shape[0])
    others = np.arange(len(areas)) != largest
    fragments = int((others & at_edge & (areas >= FRAGMENT_MIN_SHARE * areas[largest])).sum())
    if fragments:
        return f"{fragments} piece{'s' * (fragments > 1)} of the background at the picture's edge stayed in"
    pieces = int((others & (areas >= PIECE_MIN_SHARE * areas[largest])).sum()) + 1
    if pieces > 1:
        return f"the subject came out in {pieces} pieces (a part of it may match the backdrop)"
    # Holes: see-through pixels that the frame's see-through surround does not reach.
    clear = 1 - solid
    count, labels, stats, _ = cv2.connectedComponentsWithStats(clear, connectivity=4)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    hole_areas = np.delete(stats[:, cv2.CC_STAT_AREA], np.concatenate([[0], edge_labels]))
    filled = solid.sum() + hole_areas.sum()
    holes = hole_areas[hole_areas >= HOLE_MIN_SHARE * filled].sum()
    if filled and holes > HOLE_MAX_SHARE * filled:
        return f"it has holes ({holes / filled:.0%} of the subject) where the page would show through"
    return None


def _border_view(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """The ~320 px copy GrabCut works on, its lightly blurred Lab pixels and the border ring's width."""
    height, width = rgb.shape[:2]
    scale = min(1.0, GRABCUT_LONG_SIDE / max(height, width))
    small_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = cv2.resize(rgb, small_size, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    # A light blur averages sensor noise away, so the box can follow fainter differences.
    lab = srgb_to_lab(cv2.GaussianBlur(small, (0, 0), 1.0))
    ring = max(2, round(0.02 * max(small.shape[:2])))
    return small, lab, ring


def u2net_model_path() -> Path | None:
    """The U²-Net model the learned path would use, or None when it is not available."""
    home = getattr(settings, "U2NET_HOME", "")
    if not home:
        return None
    candidates = [Path(home) / name for name in MODEL_FILES]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        return None
    if importlib.util.find_spec("onnxruntime") is None:
        logger.warning("U2NET_HOME holds %s but onnxruntime is not installed; using GrabCut.", found.name)
        return None
    return found


def _encode_rgba(rgb: np.ndarray, alpha: np.ndarray) -> bytes:
    rgba = np.dstack([rgb, alpha])
    # Fully transparent pixels carry no colour: the file is smaller and hides nothing cut away.
    rgba[alpha == 0, :3] = 0
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _mask_box(mask: np.ndarray) -> tuple[int, int, int, int]:
    points = cv2.findNonZero((mask >= 128).astype(np.uint8))
    if points is None:
        return (0, 0, 0, 0)
    x, y, w, h = cv2.boundingRect(points)
    return (int(x), int(y), int(w), int(h))


# ---- U²-Net through onnxruntime -------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def _u2net_session(path: str, modified_ns: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    try:
        return onnxruntime.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types for unreadable models
        raise BackgroundModelError(f"onnxruntime cannot load {path}: {exc}") from exc


def _u2net_mask(model_path: Path, rgb: np.ndarray) -> np.ndarray:
    session = _u2net_session(str(model_path), model_path.stat().st_mtime_ns)
    small = np.asarray(
        Image.fromarray(rgb).resize((U2NET_SIZE, U2NET_SIZE), Image.Resampling.LANCZOS), dtype=np.float64
    )
    small = small / max(float(small.max()), 1e-6)
    tensor = ((small - np.array(U2NET_MEAN)) / np.array(U2NET_STD)).transpose(2, 0, 1)[None].astype(np.float32)
    try:
        outputs = session.run(None, {session.get_inputs()[0].name: tensor})
    except Exception as exc:
        raise BackgroundModelError(f"{model_path.name} did not run as U²-Net: {exc}") from exc
    prediction = np.asarray(outputs[0])
    if prediction.ndim != 4 or prediction.shape[2:] != (U2NET_SIZE, U2NET_SIZE):
        raise BackgroundModelError(
            f"{model_path.name} returned shape {prediction.shape}, not (1, 1, {U2NET_SIZE}, {U2NET_SIZE})."
        )
    prediction = prediction[0, 0].astype(np.float64)
    low, high = float(prediction.min()), float(prediction.max())
    # A constant prediction tells nothing apart; it is read as no foreground.
    scaled = (prediction - low) / (high - low) if high > low else np.zeros_like(prediction)
    mask = Image.fromarray((scaled.clip(0, 1) * 255).astype(np.uint8), "L")
    height, width = rgb.shape[:2]
    return np.asarray(mask.resize((width, height), Image.Resampling.LANCZOS))


# ---- GrabCut ------------------------------------------------------------------------------


def _grabcut_mask(rgb: np.ndarray) -> np.ndarray:
    """GrabCut on a small copy, started from a tight box around what differs from the border.

    A loose box on the full image is slow and poor (27 s on 1080²); a tight box on a ~320 px copy
    takes a fraction of a second and is what makes GrabCut usable here.
    """
    height, width = rgb.shape[:2]
    small, lab, ring = _border_view(rgb)
    small_h, small_w = small.shape[:2]
    model = fit_border_background(lab, ring=ring, min_threshold=BOX_MIN_DELTA_E)
    distance = background_distance(lab, model)
    candidates = _main_parts(content_mask(distance, model))
    if not candidates.any():
        return np.zeros((height, width), np.uint8)

    x, y, w, h = cv2.boundingRect(candidates.astype(np.uint8))
    pad_x, pad_y = round(BOX_PADDING * w) + 2, round(BOX_PADDING * h) + 2
    x0, y0 = max(0, x - pad_x), max(0, y - pad_y)
    x1, y1 = min(small_w, x + w + pad_x), min(small_h, y + h + pad_y)

    labels = np.full((small_h, small_w), cv2.GC_BGD, np.uint8)
    labels[y0:y1, x0:x1] = np.where(candidates[y0:y1, x0:x1], cv2.GC_PR_FGD, cv2.GC_PR_BGD)
    # Where the box reaches the edge, border pixels that match the background stay background:
    # GrabCut needs background samples even when the object is cropped by the frame.
    border = np.zeros_like(candidates)
    border[:ring, :] = border[-ring:, :] = border[:, :ring] = border[:, -ring:] = True
    labels[border & (distance <= model.threshold)] = cv2.GC_BGD

    # GrabCut only needs the box and a band of background around it to learn from.
    context = max(2 * ring, round(CONTEXT_SHARE * max(x1 - x0, y1 - y0)))
    cx0, cy0 = max(0, x0 - context), max(0, y0 - context)
    cx1, cy1 = min(small_w, x1 + context), min(small_h, y1 + context)
    crop_labels = np.ascontiguousarray(labels[cy0:cy1, cx0:cx1])
    is_background = (crop_labels == cv2.GC_BGD) | (crop_labels == cv2.GC_PR_BGD)
    if min(is_background.sum(), (~is_background).sum()) < MIN_SAMPLES:
        # Too few pixels on one side for GrabCut's colour models (tiny images, nothing like the border).
        foreground = candidates
    else:
        background_model = np.zeros((1, 65), np.float64)
        foreground_model = np.zeros((1, 65), np.float64)
        # GrabCut seeds its colour models with k-means on theRNG (per thread): seed it for repeatability.
        cv2.setRNGSeed(GRABCUT_SEED)
        cv2.grabCut(
            np.ascontiguousarray(small[cy0:cy1, cx0:cx1]),
            crop_labels,
            None,
            background_model,
            foreground_model,
            GRABCUT_ITERATIONS,
            cv2.GC_INIT_WITH_MASK,
        )
        foreground = np.zeros((small_h, small_w), bool)
        foreground[cy0:cy1, cx0:cx1] = (crop_labels == cv2.GC_FGD) | (crop_labels == cv2.GC_PR_FGD)
    foreground = cv2.morphologyEx(foreground.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    foreground = _main_parts(foreground.astype(bool))

    return _upscale_mask(foreground, width, height)


def _main_parts(mask: np.ndarray) -> np.ndarray:
    """Keep the connected parts that are at least MIN_PART_SHARE of the largest one."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return mask.astype(bool)
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.zeros(count, bool)
    keep[1:] = areas >= MIN_PART_SHARE * areas.max()
    return keep[labels]


def _upscale_mask(mask: np.ndarray, width: int, height: int) -> np.ndarray:
    """Scale a small binary mask to full size with a smooth, narrow edge instead of staircases."""
    soft = mask.astype(np.float32)
    if soft.shape != (height, width):
        soft = cv2.resize(soft, (width, height), interpolation=cv2.INTER_LINEAR)
        sigma = 0.5 * width / mask.shape[1]
        soft = cv2.GaussianBlur(soft, (0, 0), sigmaX=sigma, sigmaY=sigma)
        soft = np.clip((soft - 0.5) * 3.0 + 0.5, 0.0, 1.0)
    return (soft * 255 + 0.5).astype(np.uint8)
