"""Prices per model, in US dollars per million tokens: the one place to update them.

``cached_input`` is the price of prompt tokens read from the provider's prompt cache;
``cache_write`` (Anthropic) of prompt tokens written to it. Models not listed are priced
at zero and their ledger rows say ``price_known = False``; local models (Ollama) cost
nothing by design.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sparklio.llm.types import Usage

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Price:
    input: Decimal
    output: Decimal
    cached_input: Decimal
    cache_write: Decimal | None = None


def _p(inp: str, out: str, cached: str, write: str | None = None) -> Price:
    return Price(Decimal(inp), Decimal(out), Decimal(cached), Decimal(write) if write else None)


PRICES: dict[str, dict[str, Price]] = {
    "openai": {
        "gpt-4o": _p("2.50", "10.00", "1.25"),
        "gpt-4o-mini": _p("0.15", "0.60", "0.075"),
        "gpt-4.1": _p("2.00", "8.00", "0.50"),
        "gpt-4.1-mini": _p("0.40", "1.60", "0.10"),
        "gpt-4.1-nano": _p("0.10", "0.40", "0.025"),
        "text-embedding-3-small": _p("0.02", "0", "0.02"),
    },
    "anthropic": {
        "claude-sonnet-4-6": _p("3.00", "15.00", "0.30", "3.75"),
        "claude-sonnet-4-5": _p("3.00", "15.00", "0.30", "3.75"),
        "claude-3-5-haiku-latest": _p("0.80", "4.00", "0.08", "1.00"),
        "claude-haiku-4-5": _p("1.00", "5.00", "0.10", "1.25"),
        "claude-opus-4-1": _p("15.00", "75.00", "1.50", "18.75"),
    },
    "gemini": {
        "gemini-2.5-flash": _p("0.30", "2.50", "0.075"),
        "gemini-2.5-pro": _p("1.25", "10.00", "0.31"),
        "gemini-2.5-flash-lite": _p("0.10", "0.40", "0.025"),
        "text-embedding-004": _p("0", "0", "0"),
    },
}
FREE_PROVIDERS = {"ollama"}


def price_for(provider: str, model: str) -> Price | None:
    if provider in FREE_PROVIDERS:
        return Price(Decimal(0), Decimal(0), Decimal(0))
    table = PRICES.get(provider, {})
    if model in table:
        return table[model]
    # Dated snapshots ("gpt-4o-2024-08-06", "claude-sonnet-4-5-20250929") cost what their family costs.
    family = max((name for name in table if model.startswith(name + "-")), key=len, default=None)
    return table[family] if family else None


def cost_of(provider: str, model: str, usage: Usage) -> tuple[Decimal, bool]:
    """(cost in USD, whether the model's price is known)."""
    price = price_for(provider, model)
    if price is None:
        return Decimal(0), False
    cache_write = price.cache_write if price.cache_write is not None else price.input
    fresh_input = max(usage.input_tokens - usage.cached_input_tokens - usage.cache_write_tokens, 0)
    total = (
        fresh_input * price.input
        + usage.cached_input_tokens * price.cached_input
        + usage.cache_write_tokens * cache_write
        + usage.output_tokens * price.output
    ) / MILLION
    return total, True
