"""One generator: a pydantic input and output, a prompt for the gateway, and a deterministic
baseline used when no model answers.

``Generator.run`` asks the gateway for the output schema (its native structured-output
mechanism, one repair round inside the gateway). A model answer that still carries a banned
word of the brand gets one more repair round here; if the word survives, the answer is
rejected and the baseline is used, with a note saying so: off-brand text never passes
silently. With no model configured (or provider ``offline``) the baseline answers, and the
result says ``provider: offline``.
"""

from __future__ import annotations

import json
import logging
import random
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from documents.schema import CHANNEL_PRESETS
from generators.channels import ChannelRules
from generators.context import GenContext, Slots, channel_rules, resolve_slots, seed_of
from learning import style
from sparklio.llm.errors import BudgetExceeded, NoModelAvailable, RateLimited, StructuredOutputError
from sparklio.llm.gateway import gateway
from sparklio.llm.providers.registry import provider_configured

logger = logging.getLogger(__name__)

OFFLINE = "offline"


class GeneratorInput(BaseModel):
    """Fields every generator accepts. ``brief`` stands in for the structured fields: what
    the caller gives explicitly wins over what the brief says."""

    model_config = ConfigDict(extra="forbid")

    brief: str | None = Field(
        default=None, max_length=settings.BRIEF_MAX_CHARS, description="Free text in place of the fields"
    )
    language: Literal["ko", "en"] | None = None
    channel: str | None = Field(default=None, description="A channel preset key, e.g. instagram_feed")
    product: str | None = Field(default=None, max_length=120)
    audience: str | None = Field(default=None, max_length=200)
    features: list[str] = Field(default_factory=list, max_length=10)
    benefits: list[str] = Field(default_factory=list, max_length=10)
    tone: str | None = Field(default=None, max_length=200)
    price: str | None = Field(default=None, max_length=60)
    offer: str | None = Field(default=None, max_length=120)
    category: str | None = Field(default=None, max_length=40)
    avoid: list[Annotated[str, Field(max_length=600)]] = Field(
        default_factory=list,
        max_length=50,
        description="Lines already given (a chat's earlier answers): the output repeats none of them, "
        "the offline baseline draws further phrasings instead",
    )
    knowledge: list[Annotated[str, Field(max_length=1200)]] = Field(
        default_factory=list,
        max_length=8,
        description="Passages of the brand's knowledge base to draw facts from (quoted to the model)",
    )

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value):
        if value is not None and value not in CHANNEL_PRESETS:
            raise ValueError(f"Unknown channel {value!r}; known: {', '.join(CHANNEL_PRESETS)}")
        return value

    @model_validator(mode="after")
    def _something_to_work_from(self):
        if not (self.brief and self.brief.strip()) and not self.product and not self.features:
            raise PydanticCustomError("missing_brief", "Give a brief, or at least a product or features.")
        return self


@dataclass
class Work:
    """What the baseline and the prompt see: the input, its slots, the channel's rules."""

    inp: Any
    slots: Slots
    rules: ChannelRules
    ctx: GenContext

    @property
    def language(self) -> str:
        return self.slots.language

    @property
    def brand(self):
        return self.ctx.brand

    def rng(self, *salt) -> random.Random:
        return random.Random(seed_of(self.inp.model_dump_json(), self.brand.id, *salt))  # noqa: S311

    @property
    def avoid(self) -> frozenset[str]:
        """The lines the caller was already given, as ``line_key``s."""
        return frozenset(line_key(line) for line in getattr(self.inp, "avoid", None) or [])

    def rank(self, candidates: list[str]) -> list[str]:
        """The baseline's candidates in the order the brand's learning prefers (unchanged when
        nothing was learned): closest to its style vector first, avoided phrases last."""
        return style.rank(candidates, self.brand.learned, workspace_id=self.ctx.workspace_id, cause=self.ctx.cause)


def line_key(line: str) -> str:
    """A line as repeats are found: case, spacing and punctuation aside."""
    return re.sub(r"[\W_]+", "", line.casefold())


@dataclass
class GeneratorResult:
    generator: str
    output: dict
    provider: str
    model: str | None = None
    notes: list[str] = field(default_factory=list)
    checks: dict = field(default_factory=dict)
    slots: dict = field(default_factory=dict)
    call_ids: list[int] = field(default_factory=list)
    cost_usd: float = 0.0
    files: list[str] = field(default_factory=list)  # storage paths written

    @property
    def offline(self) -> bool:
        return self.provider == OFFLINE

    def as_dict(self) -> dict:
        return {
            "generator": self.generator,
            "provider": self.provider,
            "model": self.model,
            "offline": self.offline,
            "output": self.output,
            "notes": self.notes,
            "checks": self.checks,
            "slots": self.slots,
            "cost_usd": round(self.cost_usd, 6),
        }


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_in(v)]
    return []


def banned_in(value, banned) -> list[str]:
    text = "\n".join(strings_in(value)).casefold()
    return sorted({word for word in banned if word.casefold() in text})


class Generator:
    name: ClassVar[str]
    kind: ClassVar[str] = "text"  # text | image | video
    description: ClassVar[str] = ""
    Input: ClassVar[type[GeneratorInput]] = GeneratorInput
    Output: ClassVar[type[BaseModel]]
    purpose: ClassVar[str] = "fast"
    max_tokens: ClassVar[int] = 1024

    # --- what subclasses write -----------------------------------------------------------

    def baseline(self, work: Work) -> BaseModel:
        raise NotImplementedError

    def instructions(self, work: Work) -> str:
        """What the model is asked for, beyond the shared context."""
        return self.description

    def checks(self, output: BaseModel, work: Work) -> dict:
        """Measurements of an output against the channel and the brand."""
        return {}

    # facts a model's answer must state when the input has them ("product", "offer")
    must_mention: ClassVar[tuple[str, ...]] = ()

    def content_problems(self, output: BaseModel, work: Work) -> list[str]:
        """What is wrong with a model's answer besides banned words: an unresolved placeholder
        particle, the wrong language, a fact it had to state and left out."""
        from sparklio.language import detect_language
        from sparklio.language.korean import PLACEHOLDER_PARTICLE

        texts = [t for t in strings_in(output.model_dump()) if t and not t.startswith("#")]
        problems = []
        leftovers = sorted({m.group(0) for t in texts for m in PLACEHOLDER_PARTICLE.finditer(t)})
        if leftovers:
            problems.append(f"unresolved particles {', '.join(leftovers)}: choose the one that fits the word")
        prose = " ".join(t for t in texts if t not in ("ko", "en"))
        if len(prose) >= 12 and detect_language(prose) != work.language:
            problems.append(f"it is not written in {'Korean' if work.language == 'ko' else 'English'}")
        folded = prose.casefold()
        if "product" in self.must_mention and work.slots.product_given and work.slots.product.casefold() not in folded:
            problems.append(f"it does not name the product as given: {work.slots.product}")
        if "offer" in self.must_mention and work.slots.offer and work.slots.offer.casefold() not in folded:
            problems.append(f"it leaves out the offer: {work.slots.offer}")
        return problems

    # --- shared ---------------------------------------------------------------------------

    def prepare(self, inp: GeneratorInput, ctx: GenContext) -> Work:
        slots = resolve_slots(inp, ctx.brand)
        return Work(inp=inp, slots=slots, rules=channel_rules(slots), ctx=ctx)

    def messages(self, work: Work) -> list[dict]:
        brand = work.brand
        facts = {
            "language": work.language,
            "product": work.slots.product,
            "category": work.slots.category,
            "channel": work.rules.name,
            "audience": work.slots.audience,
            "features": work.slots.features,
            "benefits": work.slots.benefits,
            "tone": work.slots.tone or brand.tone_text or None,
            "price": work.slots.price,
            "offer": work.slots.offer,
            "limits": {
                "headline_max_chars": work.rules.headline_max,
                "body_max_chars": work.rules.body_max,
                "cta_max_chars": work.rules.cta_max,
                "hashtags": [work.rules.hashtags_min, work.rules.hashtags_max],
            },
        }
        system = (
            "You are a senior marketing copywriter for Korean and English brands. Answer only with JSON "
            "matching the schema. Write in the language given (ko = natural Korean, en = natural English), "
            "respect every character limit, never invent prices, discounts or claims that are not given."
        )
        if brand.name:
            system += f"\nBrand: {brand.name}. Tone of voice: {brand.tone_text or 'not specified'}."
        if brand.banned_words:
            system += f"\nNever use these words: {', '.join(brand.banned_words)}."
        if brand.required_words:
            system += f"\nInclude these words where natural: {', '.join(brand.required_words)}."
        if brand.guidelines:
            system += f"\nBrand guidelines: {brand.guidelines[:1500]}"
        learned = brand.learned
        if learned is not None and learned.examples:
            shown = "\n".join(f"- {example[:400]}" for example in learned.examples)
            system += (
                "\nCopy of this brand that its marketers rated highly, kept after editing, or that performed "
                f"best (match its voice and rhythm; never copy its facts):\n{shown}"
            )
        if learned is not None and learned.preferred:
            system += f"\nPhrasings the brand's marketers put in: {', '.join(learned.preferred)}."
        if learned is not None and learned.avoided:
            system += f"\nPhrasings they took out (avoid them): {', '.join(learned.avoided)}."
        user = f"{self.instructions(work)}\n\nFacts:\n{json.dumps(facts, ensure_ascii=False)}"
        if work.inp.brief:
            user += f"\n\nThe marketer's brief:\n{work.inp.brief}"
        if getattr(work.inp, "avoid", None):
            given = "\n".join(f"- {line}" for line in work.inp.avoid)
            user += f"\n\nAlready given to the marketer (write none of these again, nor a near copy):\n{given}"
        if work.inp.knowledge:
            quoted = "\n".join(f"> {passage}" for passage in work.inp.knowledge)
            user += (
                "\n\nQuoted knowledge from the brand's own documents (facts you may state, only as written "
                f"there; never change a number):\n{quoted}"
            )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def run(self, inp: GeneratorInput, ctx: GenContext) -> GeneratorResult:
        work = self.prepare(inp, ctx)
        notes: list[str] = []
        result = None
        if not ctx.offline:
            result = self._from_model(work, notes)
        if result is None:
            output = self.baseline(work)
            result = GeneratorResult(self.name, output.model_dump(mode="json"), OFFLINE, notes=notes)
            result.checks = self.checks(output, work)
        if ctx.provider and not provider_configured(ctx.provider):
            # the gateway skips a provider it has no key for; the caller asked for this one by name
            instead = "the offline baseline" if result.provider == OFFLINE else result.provider
            asked = f"The provider {ctx.provider!r} was asked for but is not configured on this server"
            result.notes.insert(0, f"{asked}; {instead} answered instead.")
        result.slots = {
            "product": work.slots.product,
            "channel": work.slots.channel,
            "language": work.language,
            "audience": work.slots.audience,
            "features": work.slots.features,
            "tone": work.slots.tone,
        }
        return result

    def _from_model(self, work: Work, notes: list[str]) -> GeneratorResult | None:
        options = {
            "purpose": self.purpose,
            "provider": work.ctx.provider,
            "schema": self.Output,
            "max_tokens": self.max_tokens,
            "workspace_id": work.ctx.workspace_id,
            "user_id": work.ctx.user_id,
            "cause": work.ctx.cause,
        }
        messages = self.messages(work)
        try:
            answer = gateway.complete(messages, **options)
            found = banned_in(answer.data.model_dump(), work.brand.banned_words)
            problems = self.content_problems(answer.data, work)
            calls, cost = [answer.call_id], answer.cost_usd
            if found or problems:
                asks = ([f"the brand bans these words: {', '.join(found)}"] if found else []) + problems
                retry = [
                    *messages,
                    {"role": "assistant", "content": answer.text},
                    {"role": "user", "content": "Answer again and fix this: " + "; ".join(asks) + "."},
                ]
                answer = gateway.complete(retry, **{**options, "provider": answer.provider})
                calls.append(answer.call_id)
                cost += answer.cost_usd
                still = banned_in(answer.data.model_dump(), work.brand.banned_words)
                left = self.content_problems(answer.data, work)
                if still or left:
                    why = ([f"banned words ({', '.join(still)})"] if still else []) + left
                    notes.append(
                        f"The model's answer ({answer.provider}) was rejected after a repair round: "
                        f"{'; '.join(why)}; the offline baseline answered instead."
                    )
                    return None
                notes.append(f"The model's first answer was repaired ({'; '.join(asks)}).")
        except NoModelAvailable as exc:
            if exc.reasons and any(reason != "not configured" for reason in exc.reasons.values()):
                notes.append(f"No model answered ({exc}); the offline baseline answered instead.")
            return None
        except StructuredOutputError as exc:
            notes.append(f"The model's answer did not match the schema after a repair round ({exc}); offline baseline.")
            return None
        except (BudgetExceeded, RateLimited) as exc:
            notes.append(f"{exc}; the offline baseline answered instead.")
            return None
        result = GeneratorResult(
            self.name, answer.data.model_dump(mode="json"), answer.provider, answer.model, notes=notes
        )
        result.call_ids = [c for c in calls if c]
        result.cost_usd = cost
        result.checks = self.checks(answer.data, work)
        return result

    # --- description for the API --------------------------------------------------------------

    @classmethod
    def describe(cls) -> dict:
        return {
            "name": cls.name,
            "kind": cls.kind,
            "description": cls.description,
            "input_schema": cls.Input.model_json_schema(),
            "output_schema": cls.Output.model_json_schema(),
        }
