"""The performance analyzer: the workspace's imported ad results into insights (best and worst
ads by a stated metric, variant differences with their tests, unusual days, recommendations in
English and Korean). Statistics, not a model: the same rows give the same answer."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from agents.base import Agent, AgentContext, AgentInput


class PerformanceInput(AgentInput):
    metric: Literal["auto", "ctr", "cvr", "roas", "cpa"] = Field(
        default="auto", description="Ranking metric; auto: ROAS with revenue, else CVR with conversions, else CTR"
    )
    min_impressions: int = Field(default=1000, ge=0, description="Least impressions for an ad to be ranked")
    min_clicks: int = Field(default=50, ge=0, description="Least clicks for an ad to be ranked on CVR, CPA or ROAS")
    alpha: float = Field(default=0.05, gt=0, lt=1, description="Significance level after Holm's correction")
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @model_validator(mode="after")
    def _window(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_to comes before date_from")
        return self


class PerformanceOutput(BaseModel):
    metric: str | None
    metric_reason: str
    min_volume: dict
    totals: dict
    best: list[dict]
    worst: list[dict]
    variant_tests: list[dict]
    anomalies: list[dict]
    data_notes: list[dict] = Field(
        default_factory=list, description="Figures left out of the ranking: a CVR above 100%, each {label, en, ko}"
    )
    recommendations: list[dict] = Field(description="Each {en, ko}")
    method: str


class PerformanceAnalyzerAgent(Agent):
    name = "performance_analyzer"
    description = (
        "The workspace's imported ad results (Meta, Google Ads, Naver, sheets) into the best and worst ads by a "
        "stated metric, significant differences between variants (two-proportion z-test), unusual days (robust "
        "z-score) and recommendations in English and Korean."
    )
    Input = PerformanceInput
    Output = PerformanceOutput

    def run(self, inp, ctx: AgentContext):
        from performance.insights import Options, workspace_insights

        ctx.report(0.2, "reading the results")
        found = workspace_insights(
            workspace_id=ctx.workspace_id,
            options=Options(
                metric=inp.metric,
                min_impressions=inp.min_impressions,
                min_clicks=inp.min_clicks,
                alpha=inp.alpha,
                date_from=inp.date_from,
                date_to=inp.date_to,
            ),
        )
        ctx.report(1.0, "done")
        return PerformanceOutput(**found, method="statistics (offline)")
