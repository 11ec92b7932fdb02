"""MP4 out of raw frames, and what an MP4 holds, through the ffmpeg that ``imageio-ffmpeg`` ships
(a static binary inside the wheel: no system ffmpeg is assumed).

Frames go to ffmpeg's stdin one at a time, so a video never sits in memory as frames. The file is
H.264 in yuv420p (what every phone and browser plays) with its index moved to the front
(``+faststart``), so a player starts before the whole file has arrived.
"""

from __future__ import annotations

import contextlib
import re
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np

# Measured on a 12 s 1080x1920 render of these scenes (2 shared cores): superfast 12.9 s and 1.5 MB,
# veryfast 18.4 s and 0.84 MB, faster 30.9 s. Encoding is most of a render's time, and ~1 Mbit/s is
# small for a reel the platforms re-encode anyway.
PRESET = "superfast"
CRF = 20


class EncodeError(RuntimeError):
    """ffmpeg refused the frames or died; the message carries the end of its log."""


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


class Mp4Writer:
    """``with Mp4Writer(path, width, height, fps) as out: out.write(frame)`` for RGB uint8 frames
    of shape (height, width, 3). Width and height must be even (yuv420p halves both for colour)."""

    def __init__(self, path: str | Path, *, width: int, height: int, fps: int, threads: int = 2):
        if width % 2 or height % 2:
            raise ValueError(f"yuv420p needs even sides, got {width}x{height}")
        self.path, self.width, self.height, self.fps = Path(path), width, height, fps
        self.frames = 0
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (a pipe for stderr could fill and stall ffmpeg; closed in close/abort)
        args = [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-s",
            f"{width}x{height}",
            "-r",
            str(fps),
            "-i",
            "-",
            "-an",
            "-c:v",
            "libx264",
            "-preset",
            PRESET,
            "-crf",
            str(CRF),
            "-pix_fmt",
            "yuv420p",
            "-profile:v",
            "high",
            "-threads",
            str(threads),
            "-movflags",
            "+faststart",
            str(self.path),
        ]
        self._process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._log)  # noqa: S603

    def write(self, frame: np.ndarray) -> None:
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"a frame is uint8 ({self.height}, {self.width}, 3), got {frame.dtype} {frame.shape}")
        try:
            self._process.stdin.write(np.ascontiguousarray(frame).data)
        except BrokenPipeError as exc:
            self._process.wait()
            raise EncodeError(f"ffmpeg stopped after {self.frames} frames: {self._tail()}") from exc
        self.frames += 1

    def close(self) -> None:
        if self._process.stdin and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):  # ffmpeg's exit code says what went wrong
                self._process.stdin.close()
        code = self._process.wait()
        tail = self._tail()
        self._log.close()
        if code != 0:
            raise EncodeError(f"ffmpeg exited with {code}: {tail}")

    def abort(self) -> None:
        self._process.kill()
        self._process.wait()
        self._log.close()

    def _tail(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace").strip() or "no message"

    def __enter__(self) -> Mp4Writer:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


@dataclass(frozen=True)
class VideoInfo:
    """What a video file holds, read from the file itself (not from what we meant to write)."""

    codec: str
    pix_fmt: str
    width: int
    height: int
    fps: float
    frames: int
    duration: float
    faststart: bool


_STREAM = re.compile(
    r"Stream #\d+:\d+.*?: Video: (?P<codec>\w+).*?, (?P<pix>[a-z0-9]+)(?:\([^)]*\))?, "
    r"(?P<w>\d+)x(?P<h>\d+).*?, (?P<fps>[\d.]+) fps"
)


def probe(path: str | Path) -> VideoInfo:
    """Codec, pixel format, size and rate from ffmpeg's description of the file; frames and
    duration by decoding it (exact, not the container's estimate)."""
    result = subprocess.run(  # noqa: S603
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True, check=False
    )
    match = _STREAM.search(result.stderr)
    if match is None:
        raise EncodeError(f"no video stream in {path}: {result.stderr[-500:]}")
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    return VideoInfo(
        codec=match["codec"],
        pix_fmt=match["pix"],
        width=int(match["w"]),
        height=int(match["h"]),
        fps=float(match["fps"]),
        frames=int(frames),
        duration=float(seconds),
        faststart=moov_first(path),
    )


def moov_first(path: str | Path) -> bool:
    """Whether the MP4's index (moov) comes before its media (mdat), i.e. it was made +faststart."""
    with open(path, "rb") as fh:
        while header := fh.read(8):
            if len(header) < 8:
                return False
            size, kind = struct.unpack(">I4s", header)
            if kind == b"moov":
                return True
            if kind == b"mdat":
                return False
            if size == 1:  # a 64-bit size follows
                size = struct.unpack(">Q", fh.read(8))[0] - 8
            elif size == 0:
                return False
            fh.seek(size - 8, 1)
    return False


def read_frames(path: str | Path, *, size: tuple[int, int] | None = None, limit: int = 240) -> list[np.ndarray]:
    """Up to ``limit`` decoded RGB frames of a video (scaled to ``size`` when given)."""
    params = ["-vf", f"scale={size[0]}:{size[1]}"] if size else None
    reader = imageio_ffmpeg.read_frames(str(path), pix_fmt="rgb24", output_params=params)
    meta = next(reader)
    width, height = size or meta["size"]
    frames = []
    try:
        for raw in reader:
            frames.append(np.frombuffer(raw, np.uint8).reshape(height, width, 3))
            if len(frames) >= limit:
                break
    finally:
        reader.close()
    return frames
