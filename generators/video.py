"""Video: a storyboard of scenes (duration, shot, on-screen text, voice-over) for the channel's
length. The baseline follows the hook → reveal → features → benefit → offer → call to action
arc, giving the hook and the call to action fixed short beats and the features the rest."""

from __future__ import annotations

from pydantic import BaseModel, Field

from generators import banks
from generators.base import Generator, GeneratorInput
from generators.text import CTAGenerator, clip, slot_values


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


class StoryboardGenerator(Generator):
    name = "storyboard"
    kind = "video"
    description = "A storyboard: scenes with duration, shot, on-screen text and voice-over."
    Input = StoryboardInput
    Output = StoryboardOutput
    purpose = "smart"

    def total(self, work) -> int:
        return work.inp.duration or work.rules.video_seconds

    def instructions(self, work):
        return f"Plan a {self.total(work)}-second video as 4-8 scenes; durations must add up to the total."

    def baseline(self, work):
        lang = work.language
        shots = banks.STORY_SHOTS[lang]
        cta = CTAGenerator().baseline(work).ctas[0]
        beats: list[tuple[str, dict]] = [("hook", {}), ("reveal", {})]
        features = work.slots.features or [""]
        room = max(1, min(len(features), (self.total(work) - 6) // 3))
        beats += [("feature", {"feature_index": i}) for i in range(room) if features[i]]
        beats.append(("benefit", {}))
        if work.slots.offer:
            beats.append(("offer", {}))
        beats.append(("cta", {}))
        fixed = {"hook": 2.0, "cta": 2.5}
        flexible = [b for b, _ in beats if b not in fixed]
        rest = max(self.total(work) - sum(fixed[b] for b, _ in beats if b in fixed), len(flexible))
        scenes = []
        for index, (beat, options) in enumerate(beats, start=1):
            values = {**slot_values(work, **options), "cta": cta}
            if beat == "hook" and not values["audience"]:
                values["audience"] = "우리" if lang == "ko" else "everyone"
            shot, text_t, voice_t = shots[beat]
            duration = fixed.get(beat) or round(rest / len(flexible), 1)
            scenes.append(
                Scene(
                    index=index,
                    beat=beat,
                    duration=duration,
                    shot=shot,
                    text=clip(banks.fill(text_t, values), work.rules.headline_max + 10),
                    voiceover=banks.fill(voice_t, values),
                )
            )
        drift = self.total(work) - sum(s.duration for s in scenes)
        scenes[-2].duration = round(scenes[-2].duration + drift, 1)  # rounding goes to the last flexible beat
        return StoryboardOutput(language=lang, duration=float(self.total(work)), scenes=scenes)

    def checks(self, output, work):
        total = round(sum(s.duration for s in output.scenes), 1)
        return {
            "duration": total,
            "target": self.total(work),
            "ok": abs(total - self.total(work)) < 0.5,
            "scenes": len(output.scenes),
        }


VIDEO_GENERATORS = [StoryboardGenerator]
