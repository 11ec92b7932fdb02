"""Writes and reads of the ledger and the per-workspace policy (sync; the gateway calls them
through sync_to_async, except a deferred ledger row, which touches no database)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.utils import timezone

from sparklio.core import metrics, requestid
from sparklio.llm import ledger, limits
from sparklio.llm.errors import BudgetExceeded, RateLimited
from sparklio.llm.models import LLMCall, Outcome, WorkspaceLLMPolicy
from sparklio.llm.pricing import cost_of
from sparklio.llm.types import Usage


@dataclass(frozen=True)
class Policy:
    monthly_budget_usd: Decimal | None
    requests_per_minute: int
    tokens_per_minute: int


def policy_for(*, workspace_id: int) -> Policy:
    row = WorkspaceLLMPolicy.objects.filter(workspace_id=workspace_id).first()
    default_budget = settings.LLM_MONTHLY_BUDGET_USD
    budget = row.monthly_budget_usd if row and row.monthly_budget_usd is not None else default_budget
    return Policy(
        monthly_budget_usd=Decimal(str(budget)) if budget is not None else None,
        requests_per_minute=(row and row.requests_per_minute) or settings.LLM_REQUESTS_PER_MINUTE,
        tokens_per_minute=(row and row.tokens_per_minute) or settings.LLM_TOKENS_PER_MINUTE,
    )


def month_start():
    """Midnight of the 1st of this month in TIME_ZONE: budgets are counted in local months (taken
    in UTC, a Seoul month began at 09:00, and 00:00–09:00 of the 1st went to the month before)."""
    return timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def monthly_spend(*, workspace_id: int) -> Decimal:
    total = LLMCall.objects.filter(workspace_id=workspace_id, created_at__gte=month_start()).aggregate(
        total=Sum("cost_usd")
    )["total"]
    return total or Decimal(0)


@dataclass
class CallContext:
    """Who and what a gateway call is for; copied onto every ledger row it writes."""

    request_id: uuid.UUID
    purpose: str
    workspace_id: int | None = None
    user_id: int | None = None
    cause_type_id: int | None = None
    cause_id: int | None = None
    streamed: bool = False
    structured: bool = False
    correlation_id: str = ""  # the request or task id of the caller (sparklio/core/requestid.py)

    @classmethod
    def build(
        cls, *, purpose: str, workspace_id=None, user_id=None, cause=None, streamed=False, structured=False
    ) -> CallContext:
        cause_type_id = cause_id = None
        if cause is not None:
            cause_type_id = ContentType.objects.get_for_model(cause).pk
            cause_id = cause.pk
        return cls(
            uuid.uuid4(),
            purpose,
            workspace_id,
            user_id,
            cause_type_id,
            cause_id,
            streamed,
            structured,
            requestid.current(),
        )


def call_record(
    *,
    ctx: CallContext,
    provider: str,
    model: str,
    outcome: str,
    usage: Usage | None = None,
    latency_ms: float = 0.0,
    ttft_ms: float | None = None,
    attempt: int = 1,
    fallback: bool = False,
    cache_hit: bool = False,
    error: str = "",
) -> LLMCall:
    """The ledger row of one request, refusal or cache hit: handed to the background writer
    (LLM_LEDGER_BACKGROUND, it has no primary key yet) or saved at once."""
    row = call_row(
        ctx=ctx,
        provider=provider,
        model=model,
        outcome=outcome,
        usage=usage,
        latency_ms=latency_ms,
        ttft_ms=ttft_ms,
        attempt=attempt,
        fallback=fallback,
        cache_hit=cache_hit,
        error=error,
    )
    if ledger.deferred():
        ledger.record(row)
    else:
        row.save(force_insert=True)
    return row


def call_row(
    *,
    ctx: CallContext,
    provider: str,
    model: str,
    outcome: str,
    usage: Usage | None = None,
    latency_ms: float = 0.0,
    ttft_ms: float | None = None,
    attempt: int = 1,
    fallback: bool = False,
    cache_hit: bool = False,
    error: str = "",
) -> LLMCall:
    usage = usage or Usage()
    if cache_hit:
        cost, known = Decimal(0), True
    else:
        cost, known = cost_of(provider, model, usage)
    row = LLMCall(
        request_id=ctx.request_id,
        correlation_id=ctx.correlation_id,
        workspace_id=ctx.workspace_id,
        user_id=ctx.user_id,
        purpose=ctx.purpose,
        provider=provider,
        model=model,
        streamed=ctx.streamed,
        structured=ctx.structured,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cached_input_tokens=usage.cached_input_tokens,
        cache_write_tokens=usage.cache_write_tokens,
        cost_usd=cost,
        price_known=known,
        latency_ms=round(latency_ms, 2),
        ttft_ms=None if ttft_ms is None else round(ttft_ms, 2),
        attempt=attempt,
        fallback=fallback,
        cache_hit=cache_hit,
        outcome=outcome,
        error=error[:2000],
        cause_type_id=ctx.cause_type_id,
        cause_id=ctx.cause_id,
    )
    metrics.llm_call_observed(
        provider=provider,
        outcome=outcome,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cost_usd=cost,
        latency_ms=latency_ms,
    )
    return row


def workspace_preflight(*, ctx: CallContext, provider: str, model: str, estimate: Usage) -> None:
    """Before anything is sent for a workspace: its rate limits take the request (raising
    RateLimited), and a request that would take the month's spend past its budget is refused
    (BudgetExceeded). Each refusal is recorded in the ledger. Completions and embeddings both pass here."""
    if ctx.workspace_id is None:
        return
    policy = policy_for(workspace_id=ctx.workspace_id)
    try:
        limits.take_request(
            ctx.workspace_id,
            requests_per_minute=policy.requests_per_minute,
            tokens_per_minute=policy.tokens_per_minute,
            estimated_tokens=estimate.input_tokens + estimate.output_tokens,
        )
    except RateLimited as exc:
        call_record(ctx=ctx, provider=provider, model=model, outcome=Outcome.WORKSPACE_RATE_LIMITED, error=str(exc))
        raise
    if policy.monthly_budget_usd is None:
        return
    cost, _ = cost_of(provider, model, estimate)
    spent = monthly_spend(workspace_id=ctx.workspace_id)
    if spent + cost > policy.monthly_budget_usd:
        exc = BudgetExceeded(ctx.workspace_id, float(spent), float(policy.monthly_budget_usd), float(cost))
        call_record(ctx=ctx, provider=provider, model=model, outcome=Outcome.BUDGET_EXCEEDED, error=str(exc))
        raise exc
