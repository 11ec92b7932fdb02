"""Intelligence agents over the trends app: the trend collector."""

from __future__ import annotations

from pydantic import BaseModel, Field

from agents.base import Agent, AgentContext, AgentInput
from trends import services as trends


class TrendCollectorInput(AgentInput):
    feed: int | None = Field(default=None, description="A feed of the workspace; empty: every feed it follows")


class FeedCollection(BaseModel):
    feed: int
    name: str
    status: str = Field(description='"ok", or "failed" with the error (also recorded on the feed)')
    new: int
    duplicates: int
    error: str = ""


class TrendCollectorOutput(BaseModel):
    feeds: int = Field(description="Feeds collected")
    new: int = Field(description="Items stored, all feeds together")
    duplicates: int = Field(description="Items that were stored before")
    failed: int = Field(description="Feeds whose fetch failed")
    results: list[FeedCollection]


class TrendCollectorAgent(Agent):
    name = "trend_collector"
    description = "Collects the workspace's RSS and Atom trend feeds now: new items and their keywords."
    Input = TrendCollectorInput
    Output = TrendCollectorOutput

    def run(self, inp: TrendCollectorInput, ctx: AgentContext) -> TrendCollectorOutput:
        results = trends.workspace_collect(workspace_id=ctx.workspace_id, feed_id=inp.feed)
        if not results:
            ctx.notes.append("이 워크스페이스에는 등록된 트렌드 피드가 없어요. (No trend feeds in this workspace.)")
        for done, result in enumerate(results, start=1):
            ctx.report(done / len(results), result.name)
        return TrendCollectorOutput(
            feeds=len(results),
            new=sum(result.new for result in results),
            duplicates=sum(result.duplicates for result in results),
            failed=sum(not result.ok for result in results),
            results=[FeedCollection(**result.as_dict()) for result in results],
        )
