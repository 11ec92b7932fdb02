"""Video: a storyboard of scenes (duration, shot, on-screen text, voice-over) for the channel's
length, and the short video played from one.

The storyboard's baseline follows the hook → reveal → features → benefit → offer → call to
action arc, giving the hook and the call to action fixed short beats and the features the rest.
The short video draws each scene in the brand's colours with the project's renderer, animates
its texts, crossfades between scenes and encodes an H.264 MP4 (``generators.motion``); with
``COMFYUI_URL`` set, the product scene plays a clip made on the GPU desktop.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from pathlib import Path
from typing import Literal

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from documents.schema import CHANNEL_PRESETS
from documents.services import workspace_path_rule
from generators import banks
from generators.base import OFFLINE, Generator, GeneratorInput, GeneratorResult, Work
from generators.text import CTAGenerator, slot_values
from sparklio.language.brief import video_request
from sparklio.language.brief.claims import reads_as_verb

logger = logging.getLogger(__name__)


class StoryboardInput(GeneratorInput):
    duration: int | None = Field(default=None, ge=6, le=180, description="Seconds; the channel's default otherwise")


class Scene(BaseModel):
    index: int
    beat: str
    duration: float = Field(gt=0)
    shot: str
    text: str
    voiceover: str


class StoryboardOutput(BaseModel):
    language: str
    duration: float
    scenes: list[Scene] = Field(min_length=2)


# A still scene is read in about 4 s; a longer one drags unless something moves in it. A
# default length is therefore what the beats fill at that pace, at most the channel's own.
SCENE_SECONDS = 4.0
FIXED_BEATS = {"hook": 2.0, "cta": 2.5}
# Shorts, Reels, TikTok and stories run short unless the brief says a length.
SHORT_FORM_SECONDS = 15


def video_brief(work: Work) -> tuple[bool, int | None]:
    """(short form, stated seconds) of the brief: a vertical short-form video, and its length."""
    return video_request(work.slots.brief.text) if work.slots.brief else (False, None)


def _phrasing(templates, values: dict[str, str], limit: int) -> str:
    """The first of ``templates`` whose slots are filled and which fits ``limit``, else the
    shortest filled one: a line is never cut with an ellipsis."""
    templates = (templates,) if isinstance(templates, str) else templates
    filled = [
        banks.fill(template, values)
        for template in templates
        if all(values.get(name) for name in banks.slots_in(template))
    ]
    fitting = [line for line in filled if len(line) <= limit]
    return (fitting or sorted(filled, key=len) or [""])[0]


class StoryboardGenerator(Generator):
    name = "storyboard"
    kind = "video"
    description = "A storyboard: scenes with duration, shot, on-screen text and voice-over."
    Input = StoryboardInput
    Output = StoryboardOutput
    purpose = "smart"

    def beats(self, work, total: int) -> list[tuple[str, dict]]:
        """Hook, reveal, one beat per feature in the brief's order (as many as the length
        allows), benefit, the offer when there is one, and the call to action."""
        features = [feature for feature in work.slots.features if feature]
        room = min(len(features), max(1, (total - 6) // 3))
        beats: list[tuple[str, dict]] = [("hook", {}), ("reveal", {})]
        beats += [("feature", {"feature_index": i}) for i in range(room)]
        beats.append(("benefit", {}))
        if work.slots.offer:
            beats.append(("offer", {}))
        beats.append(("cta", {}))
        return beats

    def total(self, work) -> int:
        if work.inp.duration:
            return work.inp.duration
        short, stated = video_brief(work)
        if stated:
            return min(max(stated, 6), 180)
        default = SHORT_FORM_SECONDS if short else work.rules.video_seconds
        flexible = sum(1 for beat, _ in self.beats(work, default) if beat not in FIXED_BEATS)
        return max(6, min(default, int(sum(FIXED_BEATS.values()) + SCENE_SECONDS * flexible)))

    def instructions(self, work):
        return f"Plan a {self.total(work)}-second video as 4-8 scenes; durations must add up to the total."

    def baseline(self, work):
        lang = work.language
        total = self.total(work)
        shots = banks.STORY_SHOTS[lang]
        cta = CTAGenerator().baseline(work).ctas[0]
        features = [feature for feature in work.slots.features if feature]
        beats = self.beats(work, total)
        flexible = [b for b, _ in beats if b not in FIXED_BEATS]
        rest = max(total - sum(FIXED_BEATS[b] for b, _ in beats if b in FIXED_BEATS), len(flexible))
        lengths = [FIXED_BEATS.get(beat) or round(rest / len(flexible), 1) for beat, _ in beats]
        if sum(lengths) > total:
            # Too many beats for a short video: every beat shrinks alike (the drift below cannot
            # absorb the excess; it once left a scene a negative length).
            scale = total / sum(lengths)
            lengths = [round(length * scale, 1) for length in lengths]
        limit = work.rules.headline_max + 10
        scenes = []
        for index, ((beat, options), duration) in enumerate(zip(beats, lengths, strict=True), start=1):
            values = {**slot_values(work, **options), "cta": cta}
            key = beat
            if beat == "feature":
                # each feature beat shows its own feature, verb phrases too ("Keeps drinks cold")
                feature = features[options["feature_index"]]
                values["feature"] = feature[:1].upper() + feature[1:] if lang == "en" else feature
                if lang == "en" and reads_as_verb(feature):
                    key = "feature_verb"
                    values["feature"] = feature[:1].lower() + feature[1:]
            shot, text_t, voice_t = shots[key]
            text = _phrasing(text_t, values, limit)
            if beat == "feature" and lang == "en":
                text = text[:1].upper() + text[1:]
            scenes.append(
                Scene(
                    index=index,
                    beat=beat,
                    duration=duration,
                    shot=shot,
                    text=text,
                    voiceover=banks.fill(voice_t, values),
                )
            )
        drift = total - sum(s.duration for s in scenes)
        scenes[-2].duration = round(scenes[-2].duration + drift, 1)  # rounding goes to the last flexible beat
        return StoryboardOutput(language=lang, duration=float(total), scenes=scenes)

    def checks(self, output, work):
        total = round(sum(s.duration for s in output.scenes), 1)
        return {
            "duration": total,
            "target": self.total(work),
            "ok": abs(total - self.total(work)) < 0.5,
            "scenes": len(output.scenes),
        }


# --- short video ---------------------------------------------------------------------------------

MAX_VIDEO_SECONDS = 90
MAX_MADE_SECONDS = 60  # a storyboard made here from the brief (``ShortVideoInput.duration``'s bound)
MAX_SCENES = 20
VERTICAL = CHANNEL_PRESETS["instagram_story"]  # 1080 × 1920: reels, shorts, TikTok
# Frames flatter than 16:9 or taller than 9:16 (a web banner, a product detail page) are not
# videos anyone plays: such a channel gets the vertical frame, and a note says so.
MIN_ASPECT, MAX_ASPECT = 9 / 16 - 0.01, 16 / 9 + 0.01


class VideoScene(Scene):
    """A storyboard scene as a video plays it: long enough to be seen, text short enough to read."""

    model_config = ConfigDict(extra="forbid")

    duration: float = Field(ge=0.5, le=30, description="Seconds")
    text: str = Field(max_length=200, description="The on-screen text")
    voiceover: str = Field(default="", max_length=1000)
    shot: str = Field(default="", max_length=200)


class VideoStoryboard(StoryboardOutput):
    """The storyboard generator's output, checked for playing. Unknown keys are refused like the
    input's own (``storyboard.music`` plays nothing, and saying so beats ignoring it)."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["ko", "en"] = "ko"
    duration: float | None = Field(default=None, description="Ignored: the scenes' durations make the video")
    scenes: list[VideoScene] = Field(min_length=2, max_length=MAX_SCENES)

    @model_validator(mode="after")
    def _playable_length(self):
        total = sum(scene.duration for scene in self.scenes)
        if total > MAX_VIDEO_SECONDS:
            raise ValueError(f"the scenes last {total:g} s in all; a short video lasts at most {MAX_VIDEO_SECONDS} s")
        return self


class ShortVideoInput(GeneratorInput):
    storyboard: VideoStoryboard | None = Field(
        default=None,
        description="A storyboard to play as it is (the storyboard generator's output); else made from the brief",
    )
    duration: int | None = Field(
        default=None,
        ge=6,
        le=60,
        description="Seconds, when the storyboard is made here; the channel's default otherwise",
    )
    fps: Literal[24, 25, 30] = 30
    transition: float = Field(default=0.5, ge=0, le=1.5, description="Crossfade between scenes, seconds (0: cuts)")
    max_side: int = Field(
        default=1920, ge=320, le=1920, description="The frame's long side at most (the channel's size scaled down)"
    )

    @model_validator(mode="after")
    def _something_to_work_from(self):
        if (
            self.storyboard is None
            and not (self.brief and self.brief.strip())
            and not self.product
            and not self.features
        ):
            raise PydanticCustomError("missing_brief", "Give a brief, a storyboard, or at least a product or features.")
        return self


class ShortVideoOutput(BaseModel):
    url: str = Field(description="Where the MP4 can be fetched (a signed, expiring link for local storage)")
    path: str = Field(description="Storage path of the MP4 in this workspace")
    mime: str = "video/mp4"
    codec: str = Field(description="As read back from the file: h264")
    duration: float = Field(description="Seconds, as read back from the file")
    width: int
    height: int
    fps: int
    frames: int
    scenes: int
    poster_url: str
    poster_path: str = Field(description="A JPEG of a representative frame")
    poster_time: float = Field(description="Seconds into the video where the poster was taken")
    method: str = Field(description="renderer, or renderer+comfyui when the product scene plays a GPU clip")
    host: str | None = None
    storyboard: VideoStoryboard
    storyboard_source: str = Field(description="given, or the provider that wrote the storyboard (offline: baseline)")


def video_size(channel: str | None, max_side: int, *, short_form: bool = False) -> tuple[tuple[int, int], str | None]:
    """The channel's frame, scaled to ``max_side`` and made even (yuv420p halves both sides);
    and a note when the channel's own size is no video frame. ``short_form``: the brief asks for
    Shorts, Reels, TikTok or a story, which exist only in 9:16, whatever the channel's frame."""
    preset = CHANNEL_PRESETS.get(channel or "") or VERTICAL
    note = None
    if short_form and preset.width / preset.height > 9 / 16 + 0.01:
        note = (
            f"The brief asks for a short-form video (Shorts, Reels, TikTok, a story): the vertical "
            f"{VERTICAL.width}x{VERTICAL.height} was used instead of {preset.key}'s {preset.width}x{preset.height}."
        )
        preset = VERTICAL
    elif not MIN_ASPECT <= preset.width / preset.height <= MAX_ASPECT:
        note = (
            f"The channel {preset.key}'s {preset.width}x{preset.height} is no video frame; "
            f"the vertical {VERTICAL.width}x{VERTICAL.height} was used."
        )
        preset = VERTICAL
    scale = min(1.0, max_side / max(preset.width, preset.height))
    return (int(preset.width * scale) // 2 * 2, int(preset.height * scale) // 2 * 2), note


class ShortVideoGenerator(Generator):
    name = "short_video"
    kind = "video"
    description = (
        "A short MP4 (H.264) played from a storyboard (given, or made from the brief): a scene per storyboard "
        "scene in the brand's colours, animated on-screen text, crossfades, in the channel's frame (9:16 by "
        "default). With COMFYUI_URL set, the product scene plays a clip made on the GPU desktop."
    )
    Input = ShortVideoInput
    Output = ShortVideoOutput

    def run(self, inp: ShortVideoInput, ctx) -> GeneratorResult:
        from generators.motion.encode import probe
        from generators.motion.render import render_video

        if ctx.workspace_id is None:
            raise ValueError("workspace: the short video is stored in a workspace")
        work = self.prepare(inp, ctx)
        notes: list[str] = []
        report = _Progress(ctx.on_progress)
        board, source = self._storyboard(inp, ctx, notes)
        report(0.05, "storyboard ready")
        (width, height), size_note = video_size(work.slots.channel, inp.max_side, short_form=video_brief(work)[0])
        if size_note:
            notes.append(size_note)
        look = self.look(work, board)
        shots = self.shots(board)
        clip, host = self._gpu_clip(work, look, shots, (width, height), ctx, notes, report)
        start = 0.45 if clip else 0.05
        stem = f"{self.name}-{uuid.uuid4().hex[:12]}"
        with tempfile.TemporaryDirectory(prefix="sparklio-video-") as folder:
            local = Path(folder) / f"{stem}.mp4"
            rendered = render_video(
                shots,
                [scene.duration for scene in board.scenes],
                look,
                path=local,
                width=width,
                height=height,
                fps=inp.fps,
                transition=inp.transition,
                allowed_path=workspace_path_rule(ctx.workspace_id),
                clip=clip,
                on_progress=lambda fraction, message: report(start + (0.97 - start) * fraction, message),
            )
            info = probe(local)
            base = f"uploads/{ctx.workspace_id}/generated"
            with open(local, "rb") as fh:
                path = default_storage.save(f"{base}/{stem}.mp4", File(fh))
        poster_path = default_storage.save(f"{base}/{stem}-poster.jpg", ContentFile(rendered.poster))
        report(1.0, "video stored")
        notes.extend(rendered.warnings)
        output = ShortVideoOutput(
            url=default_storage.url(path),
            path=path,
            codec=info.codec,
            duration=round(info.duration, 3),
            width=info.width,
            height=info.height,
            fps=inp.fps,
            frames=info.frames,
            scenes=len(board.scenes),
            poster_url=default_storage.url(poster_path),
            poster_path=poster_path,
            poster_time=round(rendered.poster_frame / inp.fps, 3),
            method="renderer+comfyui" if clip else "renderer",
            host=host,
            storyboard=board,
            storyboard_source=source,
        )
        planned = sum(scene.duration for scene in board.scenes)
        result = GeneratorResult(
            self.name,
            output.model_dump(mode="json"),
            "comfyui" if clip else OFFLINE,
            notes=notes,
            files=[path, poster_path],
        )
        result.checks = {
            "codec": info.codec,
            "pix_fmt": info.pix_fmt,
            "faststart": info.faststart,
            "storyboard_seconds": round(planned, 3),
            "frames_planned": round(planned * inp.fps),
            "frames": info.frames,
            "within_one_frame": abs(info.duration - planned) <= 1 / inp.fps + 1e-6,
            "render_seconds": round(rendered.seconds, 2),
            "render_seconds_per_video_second": round(rendered.seconds / max(planned, 1e-9), 3),
        }
        result.slots = {"product": work.slots.product, "channel": work.slots.channel, "language": look.language}
        return result

    # --- parts ------------------------------------------------------------------------------------

    def _storyboard(self, inp: ShortVideoInput, ctx, notes: list[str]) -> tuple[VideoStoryboard, str]:
        if inp.storyboard is not None:
            given = sum(scene.duration for scene in inp.storyboard.scenes)
            if inp.storyboard.duration is not None and abs(inp.storyboard.duration - given) > 0.05:
                notes.append(
                    f"The storyboard says {inp.storyboard.duration:g} s but its scenes last {given:g} s: "
                    "the scenes' durations were used."
                )
            return inp.storyboard, "given"
        shared = inp.model_dump(include=set(GeneratorInput.model_fields))
        duration = inp.duration
        stated = video_request(inp.brief)[1] if inp.brief else None
        if duration is None and stated and stated > MAX_MADE_SECONDS:
            notes.append(f"The brief asks for {stated} s; a short video made here lasts at most {MAX_MADE_SECONDS} s.")
            duration = MAX_MADE_SECONDS
        made = StoryboardGenerator().run(StoryboardInput(**shared, duration=duration), ctx)
        notes.extend(f"Storyboard: {note}" for note in made.notes)
        return VideoStoryboard.model_validate(made.output), made.provider

    @staticmethod
    def look(work: Work, board: VideoStoryboard):
        from generators.image import colours_of, readable_on
        from generators.motion.scenes import Look

        c = colours_of(work)
        product = work.slots.product if work.slots.product_given else (work.brand.name or work.slots.product)
        reveal = next((scene.text.strip() for scene in board.scenes if scene.beat == "reveal"), "")
        if not work.slots.product_given and reveal and len(reveal) <= 40:
            # A given storyboard names its product in the reveal scene: the cards show that, and
            # the brand stays the small mark along the top.
            product = reveal
        return Look(
            primary=c["primary"],
            secondary=c["secondary"],
            accent=c["accent"],
            background=c["background"],
            on_primary=c["on_primary"],
            on_secondary=readable_on(c["secondary"]),
            on_accent=c["on_accent"],
            on_background=c["on_background"],
            heading_font=work.brand.heading_font,
            body_font=work.brand.body_font,
            brand=work.brand.name or product,
            product=product,
            language=board.language,
            # an offer no scene shows still reaches the end card
            offer=None if any(scene.beat == "offer" for scene in board.scenes) else work.slots.offer,
        )

    @staticmethod
    def shots(board: VideoStoryboard):
        from generators.motion.scenes import Shot

        shots, features = [], 0
        for index, scene in enumerate(board.scenes):
            if scene.beat == "feature":
                features += 1
            shots.append(
                Shot(
                    index=index,
                    count=len(board.scenes),
                    beat=scene.beat,
                    text=scene.text,
                    feature_number=features if scene.beat == "feature" else None,
                )
            )
        return shots

    def _gpu_clip(self, work, look, shots, size, ctx, notes, report):
        """(frames, fps) of a clip made on the GPU desktop for the product scene, and its host; (None,
        None) without a GPU host, without a product scene, or when ComfyUI fails (a note says why)."""
        from generators.motion.encode import read_frames
        from generators.motion.scenes import beat_of, design
        from sparklio.gpu import workflows
        from sparklio.gpu.comfyui import ComfyClient, ComfyError, comfy_configured

        if ctx.offline or not comfy_configured():
            return None, None
        product_shot = next((shot for shot in shots if beat_of(shot) == "reveal"), None)
        if product_shot is None:
            notes.append("No product (reveal) scene to play a GPU clip in: the video was drawn offline.")
            return None, None
        box = design(product_shot, look, *size, clip=True).clip_box
        width, height = workflows.clip_size(box[2] / box[3])
        features = ", ".join(work.slots.features[:3])
        prompt = f"{work.slots.product}, {features}, product commercial, studio light, slow camera orbit, high detail"
        workflow = workflows.short_clip(
            prompt, "text, watermark, logo, blurry, distorted", width, height, work.rng("clip").randrange(2**31)
        )
        try:
            with ComfyClient() as client:
                files = client.run(
                    workflow,
                    outputs=("gifs", "images"),
                    on_progress=lambda fraction, message: report(0.05 + 0.35 * fraction, f"GPU clip: {message}"),
                )
            video = next(
                (f for f in files if f.mime.startswith("video/") or f.filename.endswith((".mp4", ".webm"))), None
            )
            if video is None:
                raise ComfyError(
                    "execution", "the workflow answered pictures but no video", host=files[0].host if files else None
                )
            with tempfile.NamedTemporaryFile(suffix=Path(video.filename).suffix or ".mp4") as fh:
                fh.write(video.data)
                fh.flush()
                try:
                    frames = read_frames(fh.name, limit=workflows.CLIP_FRAMES * 2)
                except (RuntimeError, OSError, StopIteration) as exc:  # imageio-ffmpeg's "could not read"
                    raise ComfyError(
                        "execution", f"{video.filename} could not be decoded: {exc}", host=video.host
                    ) from exc
            if not frames:
                raise ComfyError("execution", f"{video.filename} has no frames", host=video.host)
        except ComfyError as exc:
            notes.append(f"ComfyUI did not make the product clip ({exc}); the video was drawn offline instead.")
            return None, None
        notes.append(f"The product scene plays a {len(frames)}-frame clip made on {video.host}.")
        report(0.45, "GPU clip ready")
        return (frames, float(workflows.CLIP_FPS)), video.host


class _Progress:
    """Progress as a 0..1 fraction and a message, never going backwards."""

    def __init__(self, callback):
        self.callback, self.last = callback, 0.0

    def __call__(self, fraction: float, message: str) -> None:
        if self.callback is None:
            return
        self.last = max(self.last, min(fraction, 1.0))
        self.callback(self.last, message)


VIDEO_GENERATORS = [StoryboardGenerator, ShortVideoGenerator]
