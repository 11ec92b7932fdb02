"""Frames of a video made of scenes: each scene a still layer drawn once plus sprites (its texts,
its badge, a drifting shape) that move over it, crossfades between scenes, a progress bar.

Per frame only the sprites' rectangles are blended (numpy, float32), onto a copy of the scene's
still layer; two scenes are blended only during a crossfade. At most two scenes are held at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image


def ease_out_cubic(p: float) -> float:
    return 1 - (1 - p) ** 3


def smoothstep(p: float) -> float:
    return p * p * (3 - 2 * p)


@dataclass
class Motion:
    """How a sprite enters: from ``start`` seconds into its scene, over ``length`` seconds, it
    fades in while moving ``dx``/``dy`` pixels to its place (ease-out). ``drift`` keeps it moving
    afterwards (pixels per second along x, y) for shapes that should not sit still."""

    start: float = 0.0
    length: float = 0.6
    dx: float = 0.0
    dy: float = 0.0
    drift: tuple[float, float] = (0.0, 0.0)
    opacity: float = 1.0

    def at(self, t: float) -> tuple[float, float, float]:
        """(opacity, x offset, y offset) at ``t`` seconds into the scene."""
        if self.length <= 0:
            p = 1.0 if t >= self.start else 0.0
        else:
            p = min(max((t - self.start) / self.length, 0.0), 1.0)
        eased = ease_out_cubic(p)
        after = max(0.0, t - self.start)
        return (
            self.opacity * eased,
            (1 - eased) * self.dx + self.drift[0] * after,
            (1 - eased) * self.dy + self.drift[1] * after,
        )


@dataclass
class Sprite:
    """A drawn RGBA layer, kept as premultiplied colour and alpha (uint8, three channels each, the
    shapes OpenCV's saturating arithmetic wants), placed at (x, y) when at rest."""

    x: int
    y: int
    premultiplied: np.ndarray  # (h, w, 3) uint8: colour × alpha
    alpha: np.ndarray  # (h, w, 3) uint8: alpha, repeated per channel
    motion: Motion = field(default_factory=Motion)
    name: str = ""

    @classmethod
    def of(cls, layer: Image.Image, x: int, y: int, motion: Motion, name: str = "") -> Sprite | None:
        """The sprite of ``layer`` (RGBA) drawn at (x, y), cropped to its visible pixels."""
        box = layer.getchannel("A").getbbox()
        if box is None:
            return None
        cropped = np.asarray(layer.crop(box), dtype=np.float32)
        alpha = cropped[..., 3:4] / 255.0
        premultiplied = np.clip(cropped[..., :3] * alpha + 0.5, 0, 255).astype(np.uint8)
        alpha3 = np.repeat(cropped[..., 3:4], 3, axis=2).astype(np.uint8)
        return cls(x + box[0], y + box[1], premultiplied, alpha3, motion, name)

    @property
    def size(self) -> tuple[int, int]:
        return self.alpha.shape[1], self.alpha.shape[0]

    def paint(self, frame: np.ndarray, t: float) -> None:
        opacity, dx, dy = self.motion.at(t)
        if opacity <= 0.003:
            return
        left, top = self.x + round(dx), self.y + round(dy)
        width, height = self.size
        x0, y0 = max(left, 0), max(top, 0)
        x1, y1 = min(left + width, frame.shape[1]), min(top + height, frame.shape[0])
        if x0 >= x1 or y0 >= y1:
            return
        sx, sy = x0 - left, y0 - top
        alpha = self.alpha[sy : sy + y1 - y0, sx : sx + x1 - x0]
        colour = self.premultiplied[sy : sy + y1 - y0, sx : sx + x1 - x0]
        if opacity < 0.997:
            alpha = cv2.convertScaleAbs(alpha, alpha=opacity)
            colour = cv2.convertScaleAbs(colour, alpha=opacity)
        region = frame[y0:y1, x0:x1]
        # region × (1 − α) + colour × α, in OpenCV's rounded, saturating uint8 arithmetic: about a
        # seventh of the cost of the same blend in float32 numpy, within one level of it.
        kept = cv2.multiply(region, cv2.bitwise_not(alpha), scale=1 / 255)
        region[...] = cv2.add(kept, colour)


@dataclass
class Scene:
    """One scene ready to be played: its still layer (RGB uint8) and its sprites, in drawing order."""

    still: np.ndarray
    sprites: list[Sprite]
    ink: tuple[int, int, int]  # a colour readable on the still layer (the progress bar's)
    clip: Callable[[float], tuple[np.ndarray, int, int] | None] | None = None  # a moving picture: (rgb, x, y)

    def frame(self, t: float) -> np.ndarray:
        out = self.still.copy()
        if self.clip is not None:
            picture = self.clip(t)
            if picture is not None:
                rgb, x, y = picture
                out[y : y + rgb.shape[0], x : x + rgb.shape[1]] = rgb
        for sprite in self.sprites:
            sprite.paint(out, t)
        return out


@dataclass(frozen=True)
class Timeline:
    """Where each scene starts, in frames, and how long the crossfades are.

    A scene starts at the frame nearest its start time, so the video has ``round(total × fps)``
    frames and lasts within half a frame of the storyboard's total. A crossfade is centred on the
    cut: it borrows half its length from each side and adds nothing to the total.
    """

    fps: int
    durations: tuple[float, ...]
    transition: float

    @property
    def starts(self) -> list[float]:
        out, at = [], 0.0
        for duration in self.durations:
            out.append(at)
            at += duration
        return out

    @property
    def total(self) -> float:
        return sum(self.durations)

    @property
    def frames(self) -> int:
        return round(self.total * self.fps)

    @property
    def start_frames(self) -> list[int]:
        return [round(start * self.fps) for start in self.starts]

    def half_fade(self, cut: int) -> float:
        """Half the crossfade into scene ``cut`` (≥ 1): never more than a quarter of either scene."""
        return min(self.transition / 2, self.durations[cut - 1] / 4, self.durations[cut] / 4)

    def scene_at(self, n: int) -> int:
        starts = self.start_frames
        index = 0
        while index + 1 < len(starts) and starts[index + 1] <= n:
            index += 1
        return index

    def entrance(self, index: int) -> float:
        """Seconds into scene ``index`` when the crossfade into it is over."""
        return self.half_fade(index) if index > 0 else 0.0

    def poster_frame(self) -> int:
        """A representative frame: the second scene (the product, in the usual arc) once its texts
        have settled, or the only scene's middle."""
        index = 1 if len(self.durations) > 1 else 0
        start, duration = self.starts[index], self.durations[index]
        settle = self.entrance(index) + 1.1  # the scenes' entrances are over by then, or by its end
        end_fade = self.half_fade(index + 1) if index + 1 < len(self.durations) else 0.0
        at = min(settle, duration - end_fade - 1 / self.fps)
        return min(self.frames - 1, round((start + max(at, 0)) * self.fps))


def play(
    timeline: Timeline,
    build: Callable[[int], Scene],
    *,
    progress_bar: bool = True,
    on_frame: Callable[[int, np.ndarray], None] | None = None,
) -> Iterator[np.ndarray]:
    """Every frame of the video, in order. ``build(i)`` makes scene ``i`` when it is first needed;
    scenes are dropped once the video has moved past them."""
    cache: dict[int, Scene] = {}

    def scene(index: int) -> Scene:
        if index not in cache:
            cache[index] = build(index)
        return cache[index]

    starts = timeline.starts
    count = len(timeline.durations)
    for n in range(timeline.frames):
        t = n / timeline.fps
        index = timeline.scene_at(n)
        for old in [k for k in cache if k < index - 1 or (k == index - 1 and _past_fade(timeline, index, t))]:
            del cache[old]
        local = t - starts[index]
        frame = scene(index).frame(local)
        ink = scene(index).ink
        # Blend with the neighbour whose cut is near: the previous scene just after a cut, the
        # next one just before.
        if index > 0 and local < timeline.half_fade(index):
            half = timeline.half_fade(index)
            weight = smoothstep(0.5 + local / (2 * half))
            other = scene(index - 1).frame(t - starts[index - 1])
            frame = _mix(other, frame, weight)
        elif index + 1 < count and starts[index + 1] - t <= timeline.half_fade(index + 1):
            half = timeline.half_fade(index + 1)
            weight = smoothstep(0.5 - (starts[index + 1] - t) / (2 * half))
            other = scene(index + 1).frame(t - starts[index + 1])
            frame = _mix(frame, other, weight)
        if progress_bar:
            _progress(frame, timeline, t, ink)
        if on_frame is not None:
            on_frame(n, frame)
        yield frame


def _past_fade(timeline: Timeline, index: int, t: float) -> bool:
    return t - timeline.starts[index] >= timeline.half_fade(index)


def _mix(a: np.ndarray, b: np.ndarray, weight: float) -> np.ndarray:
    if weight <= 0:
        return a
    if weight >= 1:
        return b
    return cv2.addWeighted(a, 1 - weight, b, weight, 0)


def _progress(frame: np.ndarray, timeline: Timeline, t: float, ink: tuple[int, int, int]) -> None:
    """Story-style segments along the top, one per scene, filling as the video plays."""
    height, width = frame.shape[:2]
    unit = min(width, height)
    margin, gap = round(unit * 0.04), max(2, round(unit * 0.008))
    thick = max(2, round(unit * 0.006))
    top = max(2, round(height * 0.018))
    count = len(timeline.durations)
    span = (width - 2 * margin - gap * (count - 1)) / count
    if span < 4:
        return
    colour = np.array(ink, dtype=np.float32)
    for index, (start, duration) in enumerate(zip(timeline.starts, timeline.durations, strict=True)):
        x0 = round(margin + index * (span + gap))
        x1 = round(margin + index * (span + gap) + span)
        filled = x0 + round((x1 - x0) * min(max((t - start) / duration, 0.0), 1.0))
        track = frame[top : top + thick, x0:x1].astype(np.float32)
        frame[top : top + thick, x0:x1] = (track * 0.65 + colour * 0.35).astype(np.uint8)
        if filled > x0:
            frame[top : top + thick, x0:filled] = colour.astype(np.uint8)


def ping_pong(count: int, n: int) -> int:
    """Index of frame ``n`` when ``count`` frames play forward then backward, round and round."""
    if count <= 1:
        return 0
    period = 2 * count - 2
    k = n % period
    return k if k < count else period - k


def frames_at(clip_fps: float, t: float) -> int:
    return max(0, math.floor(t * clip_fps))
