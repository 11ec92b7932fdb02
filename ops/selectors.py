"""What the operator's view reads: every workspace at once, for staff only (the view checks)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce, Left
from django.utils import timezone

from agents.models import RunStatus, Workflow
from sparklio.celery import app as celery_app
from sparklio.core import sockets
from sparklio.llm.models import LLMCall
from sparklio.llm.services import month_start

_ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=8))
FAILURE_REASONS_SHOWN = 10


def workflow_counts() -> dict:
    """Workflows by status (every status listed, zeros included) and the commonest failure
    reasons (a reason is the workflow's error text, cut at 200 characters)."""
    by_status = dict.fromkeys(RunStatus.values, 0)
    for row in Workflow.objects.values("status").annotate(n=Count("id")).order_by():
        by_status[row["status"]] = row["n"]
    reasons = (
        Workflow.objects.filter(status=RunStatus.FAILED)
        .annotate(reason=Left("error", 200))
        .values("reason")
        .annotate(count=Count("id"))
        .order_by("-count", "reason")[:FAILURE_REASONS_SHOWN]
    )
    return {"by_status": by_status, "failure_reasons": list(reasons)}


def queue_depth() -> dict:
    """Tasks waiting in the default queue (not yet taken by a worker). With a broker (Redis) it is
    the broker's own count, for every worker. Without one (the embedded mode) the queue lives in
    this server process, which also runs the worker, so the count is exact here; tasks a worker
    has already taken are not counted either way. Eager mode (tests) has no queue."""
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    if celery_app.conf.task_always_eager:
        return {"queue": queue, "waiting": None, "broker": "eager", "note": "tasks run inline: there is no queue"}
    broker = "memory" if settings.CELERY_EMBEDDED_WORKER else "redis"
    with celery_app.connection_for_read() as connection:
        declared = connection.default_channel.queue_declare(queue=queue)
    note = (
        "the in-process queue of this server (the embedded worker's)"
        if broker == "memory"
        else "the broker's count, shared by every worker"
    )
    return {"queue": queue, "waiting": declared.message_count, "broker": broker, "note": note}


def _spend_by_provider(since) -> list[dict]:
    rows = (
        LLMCall.objects.filter(created_at__gte=since)
        .values("provider")
        .annotate(calls=Count("id"), cost_usd=Coalesce(Sum("cost_usd"), _ZERO))
        .order_by("-cost_usd", "provider")
    )
    return list(rows)


def gateway_spend() -> dict:
    """Spend since local midnight and since the 1st of the month at local midnight (TIME_ZONE,
    as the budgets count it), by provider."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    month = month_start()
    by_today, by_month = _spend_by_provider(today), _spend_by_provider(month)
    return {
        "today": {
            "since": today,
            "total_usd": sum((r["cost_usd"] for r in by_today), Decimal(0)),
            "by_provider": by_today,
        },
        "month": {
            "since": month,
            "total_usd": sum((r["cost_usd"] for r in by_month), Decimal(0)),
            "by_provider": by_month,
        },
    }


def open_sockets() -> dict:
    count, scope = sockets.open_count()
    return {"count": count, "scope": scope}


def stats() -> dict:
    return {
        "generated_at": timezone.now(),
        "workflows": workflow_counts(),
        "queue": queue_depth(),
        "gateway_spend": gateway_spend(),
        "sockets": open_sockets(),
    }
