"""A storyboard played into an MP4: scenes drawn, frames composed and streamed into ffmpeg."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from generators.motion import scenes
from generators.motion.compose import Timeline, play
from generators.motion.encode import Mp4Writer

PROGRESS_EVERY = 0.1  # report progress at most every tenth of the video


@dataclass
class Rendered:
    frames: int
    poster: bytes  # JPEG
    poster_frame: int
    seconds: float  # wall time spent
    warnings: list[str] = field(default_factory=list)


def render_video(
    shots: list[scenes.Shot],
    durations: list[float],
    look: scenes.Look,
    *,
    path: str | Path,
    width: int,
    height: int,
    fps: int,
    transition: float,
    allowed_path=None,
    clip: tuple[list[np.ndarray], float] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
) -> Rendered:
    """Write the video of ``shots`` (one per scene, lasting ``durations`` seconds) to ``path``."""
    began = time.perf_counter()
    timeline = Timeline(fps=fps, durations=tuple(durations), transition=transition)
    shots = [
        scenes.Shot(**{**vars(shot), "entrance": timeline.entrance(index), "duration": durations[index]})
        for index, shot in enumerate(shots)
    ]
    warnings: list[str] = []
    poster_at = timeline.poster_frame()
    poster: list[bytes] = []

    def build(index: int):
        scene, notes = scenes.draw(shots[index], look, width, height, allowed_path=allowed_path, clip=clip)
        warnings.extend(note for note in notes if note not in warnings)
        return scene

    def keep_poster(n: int, frame: np.ndarray) -> None:
        if n == poster_at:
            buffer = io.BytesIO()
            Image.fromarray(frame).save(buffer, "JPEG", quality=90)
            poster.append(buffer.getvalue())

    total = timeline.frames
    step = max(1, round(total * PROGRESS_EVERY))
    with Mp4Writer(path, width=width, height=height, fps=fps) as out:
        for n, frame in enumerate(play(timeline, build, on_frame=keep_poster)):
            out.write(frame)
            if on_progress is not None and (n + 1) % step == 0:
                scene = timeline.scene_at(n) + 1
                on_progress((n + 1) / total, f"frame {n + 1} of {total} (scene {scene} of {len(shots)})")
    return Rendered(
        frames=total,
        poster=poster[0],
        poster_frame=poster_at,
        seconds=time.perf_counter() - began,
        warnings=warnings,
    )
