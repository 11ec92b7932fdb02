"""What the providers endpoint and the ping command say about each provider."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils.module_loading import import_string

from sparklio.llm import limits
from sparklio.llm.models import LLMCall, Outcome
from sparklio.llm.providers.registry import PROVIDER_CLASSES


def provider_statuses() -> list[dict]:
    out = []
    for name, path in PROVIDER_CLASSES.items():
        configured = import_string(path)().configured()
        until = limits.cooldown_until(name)
        last = (
            LLMCall.objects.filter(provider=name)
            .exclude(
                outcome__in=[
                    Outcome.CACHE_HIT,
                    Outcome.BUDGET_EXCEEDED,
                    Outcome.WORKSPACE_RATE_LIMITED,
                    Outcome.CANCELLED,
                ]
            )
            .only("outcome", "error", "created_at")
            .first()
        )
        last_ok = LLMCall.objects.filter(provider=name, outcome=Outcome.OK).only("created_at").first()
        if not configured:
            health = "not_configured"
        elif until:
            health = "cooling_down"
        elif last is None:
            health = "unknown"
        else:
            health = "ok" if last.outcome == Outcome.OK else "failing"
        out.append(
            {
                "name": name,
                "configured": configured,
                "models": settings.LLM_MODELS.get(name, {}),
                "in_fallback_chain": name in settings.LLM_FALLBACK_CHAIN,
                "health": health,
                "cooldown_until": datetime.fromtimestamp(until, tz=UTC) if until else None,
                "last_success_at": last_ok.created_at if last_ok else None,
                "last_error": last.error if last is not None and last.outcome != Outcome.OK else "",
            }
        )
    return out
