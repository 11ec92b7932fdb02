"""An agent: typed input and output, a ``run`` that uses generators and the gateway.

Agents run as Celery tasks recorded as ``AgentRun`` rows (``services.agent_run_start``), alone or
as steps of a workflow. The context carries the run (the LLM ledger links calls to it), the
brand, the provider preference and a progress callback; ``ctx.use(result)`` keeps which
provider or baseline made each part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from generators.base import GeneratorResult
from generators.context import BrandProfile, GenContext
from generators.registry import get_generator


class AgentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass
class AgentContext:
    workspace_id: int
    user_id: int | None = None
    brand: Any = None  # BrandKit or None
    provider: str | None = None  # None: the gateway's chain; "offline": baselines only
    run: Any = None  # the AgentRun, for the ledger
    progress: Any = None  # callable(fraction, message)
    providers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def profile(self) -> BrandProfile:
        if not hasattr(self, "_profile"):
            self._profile = BrandProfile.from_kit(self.brand) if self.brand is not None else BrandProfile()
        return self._profile

    def gen_context(self) -> GenContext:
        return GenContext(
            workspace_id=self.workspace_id,
            user_id=self.user_id,
            brand=self.profile,
            provider=None if self.provider in (None, "offline") else self.provider,
            offline=self.provider == "offline",
            cause=self.run,
            on_progress=self.progress,
        )

    def generate(self, name: str, **data) -> GeneratorResult:
        generator = get_generator(name)
        result = generator.run(generator.Input.model_validate(data), self.gen_context())
        self.use(result)
        return result

    def use(self, result: GeneratorResult) -> None:
        if result.provider not in self.providers:
            self.providers.append(result.provider)
        self.notes += [note for note in result.notes if note not in self.notes]

    def report(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(fraction, message)

    @property
    def provider_label(self) -> str:
        return ",".join(self.providers) or "offline"


class Agent:
    name: ClassVar[str]
    description: ClassVar[str]
    Input: ClassVar[type[AgentInput]]
    Output: ClassVar[type[BaseModel]]

    def run(self, inp: AgentInput, ctx: AgentContext) -> BaseModel:
        raise NotImplementedError

    @classmethod
    def describe(cls) -> dict:
        return {
            "name": cls.name,
            "description": cls.description,
            "input_schema": cls.Input.model_json_schema(),
            "output_schema": cls.Output.model_json_schema(),
        }
