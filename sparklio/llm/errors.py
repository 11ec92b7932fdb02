"""Typed outcomes of the gateway. Callers branch on the type, never on message text."""

from __future__ import annotations


class LLMError(Exception):
    """Base of every gateway error."""


class ProviderError(LLMError):
    """One provider call failed.

    ``retryable``: worth another attempt on the same provider (429, 5xx, 529, timeouts,
    connection errors, streams cut short). ``retry_after``: seconds the provider asked us to
    wait, when it said so.
    """

    def __init__(
        self,
        provider: str,
        message: str,
        *,
        status: int | None = None,
        kind: str = "error",
        retryable: bool = False,
        retry_after: float | None = None,
    ):
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.status = status
        self.kind = kind
        self.retryable = retryable
        self.retry_after = retry_after


class IncompleteStream(ProviderError):
    """A stream ended (or broke) before the provider's end marker: never a silent truncation."""

    def __init__(self, provider: str, message: str = "stream ended without its end marker", **kwargs):
        kwargs.setdefault("kind", "incomplete_stream")
        kwargs.setdefault("retryable", True)
        super().__init__(provider, message, **kwargs)


class NoModelAvailable(LLMError):
    """No provider is configured, or every provider of the chain failed. The caller uses its
    own deterministic baseline; the gateway never invents text."""

    def __init__(self, reasons: dict[str, str]):
        self.reasons = reasons
        detail = "; ".join(f"{name}: {why}" for name, why in reasons.items()) or "no provider is configured"
        super().__init__(f"No model is reachable ({detail}).")


class BudgetExceeded(LLMError):
    def __init__(self, workspace_id: int, spent: float, budget: float, estimate: float):
        self.workspace_id, self.spent, self.budget, self.estimate = workspace_id, spent, budget, estimate
        super().__init__(
            f"Workspace {workspace_id} has spent ${spent:.4f} of its ${budget:.2f} monthly LLM budget; "
            f"this call (estimated ${estimate:.4f}) would exceed it."
        )


class RateLimited(LLMError):
    def __init__(self, scope: str, wait_seconds: float):
        self.scope, self.wait_seconds = scope, wait_seconds
        super().__init__(f"Rate limit reached ({scope}); retry in {wait_seconds:.1f} s.")


class StructuredOutputError(LLMError):
    """The model's reply did not validate against the schema, even after one repair attempt."""

    def __init__(self, provider: str, errors: str, text: str):
        self.provider, self.errors, self.text = provider, errors, text
        super().__init__(f"{provider}: the reply does not match the schema: {errors}")
