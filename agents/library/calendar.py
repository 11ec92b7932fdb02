"""The content calendar agent: a month of posts for a brand, planned by the calendar app's own
service (channels and cadence, Korean holidays, shopping days, paydays, trends) and stored as
draft entries the studio can edit. Deterministic: the plan is rules, not a model."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from pydantic import BaseModel, Field, field_validator

from agents.base import Agent, AgentContext, AgentInput
from brands.models import BrandKit
from contentcalendar import planner, selectors, services
from contentcalendar.occasions import quiet_days
from sparklio.core.models import Workspace


class CalendarInput(AgentInput):
    brand: int | None = Field(default=None, description="The brand kit; default: the run's brand")
    month: str = Field(description='The month, as "YYYY-MM"', examples=["2027-02"])
    brief: str = Field(default="", max_length=settings.BRIEF_MAX_CHARS)
    trends: list[str] | None = Field(
        default=None, max_length=20, description="Trend keywords; default: the workspace's current top trends"
    )
    cadence: dict[str, float] | None = Field(default=None, description="Posts per week by channel preset")
    save: bool = Field(default=True, description="Store the proposals as draft entries")

    @field_validator("month")
    @classmethod
    def _a_month(cls, value: str) -> str:
        planner.parse_month(value)  # its ValueError says what is wrong
        return value


class CalendarEntryOut(BaseModel):
    id: int | None
    title: str
    channel: str
    publish_at: str
    status: str
    occasion: dict


class CalendarOutput(BaseModel):
    month: str
    language: str
    saved: bool
    cadence: dict[str, float]
    counts: dict[str, int]
    occasions: list[dict]
    quiet_days: list[str]
    trends: list[str]
    entries: list[CalendarEntryOut]


class ContentCalendarAgent(Agent):
    name = "content_calendar"
    description = (
        "Plans a month of posts for a brand: its channels and cadence, Korean public holidays, shopping days, "
        "payday and current trends; stores them as draft calendar entries."
    )
    Input = CalendarInput
    Output = CalendarOutput

    def run(self, inp: CalendarInput, ctx: AgentContext) -> CalendarOutput:
        brand_id = inp.brand if inp.brand is not None else getattr(ctx.brand, "pk", None)
        brand = BrandKit.objects.filter(pk=brand_id, workspace_id=ctx.workspace_id).first() if brand_id else None
        if brand is None:
            raise ValueError(f"brand: no brand kit {brand_id} in this workspace" if brand_id else "brand: name one")
        ctx.report(0.2, "reading holidays, shopping days and trends")
        trends = (
            inp.trends
            if inp.trends is not None
            else selectors.trend_keywords(workspace_id=ctx.workspace_id, brand=brand, brief=inp.brief)
        )
        user = get_user_model().objects.filter(pk=ctx.user_id).first() if ctx.user_id else None
        result = services.calendar_plan(
            workspace=Workspace.objects.get(pk=ctx.workspace_id),
            brand=brand,
            month=inp.month,
            brief=inp.brief,
            trend_keywords=trends,
            cadence=inp.cadence,
            user=user,
            save=inp.save,
        )
        ctx.report(1.0, "done")
        plan = result.plan
        return CalendarOutput(
            month=inp.month,
            language=plan.language,
            saved=result.saved,
            cadence=result.cadence,
            counts=plan.counts,
            occasions=[{"date": o.date.isoformat(), "name": o.name, "kind": o.kind} for o in plan.occasions],
            quiet_days=[day.isoformat() for day in sorted(quiet_days(plan.year, plan.month))],
            trends=result.trends,
            entries=[
                CalendarEntryOut(
                    id=entry.pk,
                    title=entry.title,
                    channel=entry.channel,
                    publish_at=entry.publish_at.isoformat(),
                    status=entry.status,
                    occasion=entry.occasion,
                )
                for entry in result.entries
            ],
        )
