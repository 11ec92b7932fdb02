"""The self-learning agent: relearn a brand from its feedback, edits and performance and say
what it learned (the same summary as ``GET /api/v1/brands/{id}/learning/``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from agents.base import Agent, AgentContext, AgentInput
from brands.models import BrandKit
from learning import selectors, services


class SelfLearningInput(AgentInput):
    brand: int | None = Field(default=None, description="The brand kit to relearn; else the run's brand")


class LearnedPhrase(BaseModel):
    phrase: str
    count: int
    sources: dict[str, int]
    documents: list[int]


class LearnedExample(BaseModel):
    text: str
    role: str
    score: float
    sources: list[str]
    documents: list[int]
    ctr: float | None = None


class LearnedStyleInfo(BaseModel):
    provider: str
    model: str
    dimensions: int
    texts: int


class SelfLearningOutput(BaseModel):
    brand: int
    preferred: list[LearnedPhrase]
    avoided: list[LearnedPhrase]
    examples: list[LearnedExample]
    style: LearnedStyleInfo | None
    learned_from: dict[str, int]
    updated_at: datetime | None
    stale: bool = False


class SelfLearningAgent(Agent):
    name = "self_learning"
    description = (
        "Relearns a brand from its marketers' ratings, their edits of generated copy and imported "
        "performance: preferred and avoided phrases, the best examples and a style vector that "
        "generation then uses."
    )
    Input = SelfLearningInput
    Output = SelfLearningOutput

    def run(self, inp, ctx: AgentContext):
        brand = ctx.brand
        if inp.brand is not None and (brand is None or brand.pk != inp.brand):
            brand = BrandKit.objects.filter(pk=inp.brand, workspace_id=ctx.workspace_id).first()
            if brand is None:
                raise ValueError(f"No brand kit {inp.brand} in this workspace.")
        if brand is None:
            raise ValueError("Say which brand to relearn: input.brand, or the run's brand.")
        ctx.report(0.1, "reading feedback, edits and performance")
        profile = services.brand_learn(brand)
        ctx.report(1.0, "done")
        return SelfLearningOutput.model_validate(selectors.learning_summary(profile, brand=brand))
