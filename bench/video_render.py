r"""Short-video render time per second of video, against floors measured in the same run.

    .venv/bin/python bench/video_render.py [--seconds 15] [--fps 30] [--max-side 1920] [--repeat 3]

The video: the offline storyboard of a Korean reels brief (``--seconds`` long), played by the
``short_video`` generator end to end (storyboard, scenes drawn by the document renderer, frames
composed, x264 encoding, probing the file, storing it and its poster). Interleaved with it and
repeated, two floors of the same frame count, size and rate:

- encode only: the same ffmpeg (imageio-ffmpeg's, same preset and options) fed one blank frame
  over and over: what encoding alone costs, with nothing to draw;
- compose only: the generator's frames made (scenes drawn, sprites blended, crossfades, progress
  bar) and thrown away: what drawing costs, with nothing to encode.

Prints the median wall time of each, seconds per second of video, and the generator's time as a
multiple of the encode floor. See bench/README.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402

from generators.context import BrandProfile, GenContext  # noqa: E402
from generators.motion.compose import Timeline, play  # noqa: E402
from generators.motion.encode import Mp4Writer  # noqa: E402
from generators.motion.scenes import draw  # noqa: E402
from generators.registry import get_generator  # noqa: E402
from generators.video import video_size  # noqa: E402

BRIEF = (
    "무선 이어폰 X1을 위한 인스타그램 릴스 영상을 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야. 이번 주 20% 할인."
)
BRAND = BrandProfile(
    name="소리랩",
    colors={"primary": "#3D5AFE", "secondary": "#0B1026", "accent": "#FFC145", "background": "#F7F7FB"},
)
WORKSPACE = 0  # files go under uploads/0/generated and are deleted after each run


def generator_run(args) -> tuple[float, dict]:
    generator = get_generator("short_video")
    inp = generator.Input(brief=BRIEF, duration=args.seconds, fps=args.fps, max_side=args.max_side)
    began = time.perf_counter()
    result = generator.run(inp, GenContext(workspace_id=WORKSPACE, brand=BRAND, offline=True))
    took = time.perf_counter() - began
    for path in result.files:
        default_storage.delete(path)
    return took, result.output


def encode_floor(frames: int, size: tuple[int, int], fps: int) -> float:
    blank = np.zeros((size[1], size[0], 3), np.uint8)
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        with Mp4Writer(Path(folder) / "blank.mp4", width=size[0], height=size[1], fps=fps) as out:
            for _ in range(frames):
                out.write(blank)
        return time.perf_counter() - began


def compose_floor(output: dict, args) -> float:
    generator = get_generator("short_video")
    inp = generator.Input(brief=BRIEF, storyboard=output["storyboard"], fps=args.fps, max_side=args.max_side)
    work = generator.prepare(inp, GenContext(workspace_id=WORKSPACE, brand=BRAND, offline=True))
    look = generator.look(work, inp.storyboard)
    shots = generator.shots(inp.storyboard)
    durations = [scene.duration for scene in inp.storyboard.scenes]
    timeline = Timeline(fps=args.fps, durations=tuple(durations), transition=inp.transition)
    width, height = output["width"], output["height"]
    shots = [
        type(shot)(**{**vars(shot), "entrance": timeline.entrance(i), "duration": durations[i]})
        for i, shot in enumerate(shots)
    ]
    began = time.perf_counter()
    for _ in play(timeline, lambda i: draw(shots[i], look, width, height, allowed_path=None)[0]):
        pass
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--fps", type=int, default=30, choices=[24, 25, 30])
    parser.add_argument("--max-side", type=int, default=1920)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    size, _ = video_size("instagram_story", args.max_side)
    print(f"{args.seconds} s at {size[0]}x{size[1]}, {args.fps} fps; {os.cpu_count()} cores; repeat {args.repeat}")
    generator_run(args)  # warm: fonts, the Korean analyser, ffmpeg's first start
    runs = {"generator": [], "encode floor": [], "compose floor": []}
    output = None
    for _ in range(args.repeat):
        took, output = generator_run(args)
        runs["generator"].append(took)
        runs["encode floor"].append(encode_floor(output["frames"], size, args.fps))
        runs["compose floor"].append(compose_floor(output, args))
    seconds = output["duration"]
    floor = statistics.median(runs["encode floor"])
    print(f"video: {output['frames']} frames, {seconds:.3f} s, {output['scenes']} scenes")
    print(f"{'':16} {'median s':>9} {'s per video s':>14} {'× encode floor':>15}")
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"{name:16} {median:9.2f} {median / seconds:14.3f} {median / floor:15.2f}")


if __name__ == "__main__":
    main()
