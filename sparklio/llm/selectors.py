from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate

from sparklio.llm.models import LLMCall

_ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=8))


def call_list(
    *,
    workspace_ids,
    workspace_id=None,
    provider=None,
    purpose=None,
    outcome=None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[LLMCall]:
    qs = LLMCall.objects.filter(workspace_id__in=workspace_ids)
    if workspace_id is not None:
        qs = qs.filter(workspace_id=workspace_id)
    if provider:
        qs = qs.filter(provider=provider)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lt=until)
    return qs


def spend_summary(calls: QuerySet[LLMCall]) -> dict:
    """Totals and spend by day, provider and model for a set of ledger rows."""
    totals = calls.aggregate(
        calls=Count("id"),
        cost_usd=Coalesce(Sum("cost_usd"), _ZERO),
        input_tokens=Coalesce(Sum("input_tokens"), 0),
        output_tokens=Coalesce(Sum("output_tokens"), 0),
        cached_input_tokens=Coalesce(Sum("cached_input_tokens"), 0),
        cache_hits=Count("id", filter=Q(cache_hit=True)),
    )
    by_day = (
        calls.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(calls=Count("id"), cost_usd=Coalesce(Sum("cost_usd"), _ZERO))
        .order_by("day")
    )
    by_provider = (
        calls.values("provider", "model")
        .annotate(
            calls=Count("id"),
            cost_usd=Coalesce(Sum("cost_usd"), _ZERO),
            input_tokens=Coalesce(Sum("input_tokens"), 0),
            output_tokens=Coalesce(Sum("output_tokens"), 0),
        )
        .order_by("-cost_usd", "provider", "model")
    )
    return {"totals": totals, "by_day": list(by_day), "by_provider": list(by_provider)}
