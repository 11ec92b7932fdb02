"""Shared state through the Django cache (Redis when configured), so cooldowns, rate limits
and cached answers hold across processes and servers."""

from __future__ import annotations

import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache

from sparklio.llm.errors import RateLimited


def _ns() -> str:
    """Key namespace (tests give each test its own, so parallel runs never share state)."""
    return settings.LLM_STATE_NAMESPACE


def _incr(key: str, amount: int, timeout: int) -> int:
    cache.add(key, 0, timeout)  # atomic create-if-missing; incr is atomic on Redis and locmem
    try:
        value = cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.add(key, amount, timeout)
        return amount
    # None: the cache is unreachable (its errors are logged and ignored): nothing is counted,
    # so the limits fail open rather than failing every call.
    return value if value is not None else 0


# --- Cooldown -------------------------------------------------------------------------------


def cooldown_until(provider: str) -> float | None:
    """Epoch seconds until which the provider is skipped, or None."""
    until = cache.get(f"{_ns()}:cooldown:{provider}")
    return until if until and until > time.time() else None


def record_failure(provider: str) -> bool:
    """Count a failed call; after LLM_COOLDOWN_FAILURES in a row the provider cools down.
    Returns True when this failure started a cooldown."""
    failures = _incr(f"{_ns()}:failures:{provider}", 1, settings.LLM_COOLDOWN_SECONDS * 10)
    if failures >= settings.LLM_COOLDOWN_FAILURES:
        cache.set(
            f"{_ns()}:cooldown:{provider}", time.time() + settings.LLM_COOLDOWN_SECONDS, settings.LLM_COOLDOWN_SECONDS
        )
        cache.delete(f"{_ns()}:failures:{provider}")
        return True
    return False


def cool_down_for(provider: str, seconds: float) -> None:
    """The provider told us how long to stay away (a long Retry-After)."""
    seconds = min(seconds, 3600)
    cache.set(f"{_ns()}:cooldown:{provider}", time.time() + seconds, int(seconds) + 1)


def record_success(provider: str) -> None:
    cache.delete(f"{_ns()}:failures:{provider}")


def clear_cooldown(provider: str) -> None:
    cache.delete_many([f"{_ns()}:cooldown:{provider}", f"{_ns()}:failures:{provider}"])


# --- Per-workspace rate limits (fixed one-minute windows) -----------------------------------------


def _window() -> tuple[int, float]:
    now = time.time()
    minute = int(now // 60)
    return minute, (minute + 1) * 60 - now


def take_request(workspace_id: int, *, requests_per_minute: int, tokens_per_minute: int, estimated_tokens: int) -> None:
    """Count one request against the workspace's minute; refuse it (RateLimited with the
    wait) when the requests or the tokens of this minute would pass the limits."""
    minute, remaining = _window()
    tokens_key = f"{_ns()}:rl:{workspace_id}:tok:{minute}"
    if (cache.get(tokens_key) or 0) + estimated_tokens > tokens_per_minute:
        raise RateLimited("tokens per minute", remaining)
    count = _incr(f"{_ns()}:rl:{workspace_id}:req:{minute}", 1, 120)
    if count > requests_per_minute:
        raise RateLimited("requests per minute", remaining)


def add_tokens(workspace_id: int, tokens: int) -> None:
    minute, _ = _window()
    if tokens > 0:
        _incr(f"{_ns()}:rl:{workspace_id}:tok:{minute}", tokens, 120)


# --- Response cache ---------------------------------------------------------------------------


def cache_key(payload: dict) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"{_ns()}:answer:{digest}"


def cached_answer(key: str) -> dict | None:
    return cache.get(key)


def store_answer(key: str, answer: dict) -> None:
    cache.set(key, answer, settings.LLM_CACHE_SECONDS)
