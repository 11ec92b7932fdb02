"""The adapter interface every provider implements.

Adapters are async only (the gateway offers the sync face). They do one attempt: no
retries, no fallback (the gateway owns both; the SDKs' own retries are turned off), and
they translate every failure into ProviderError with ``retryable`` and ``retry_after`` set
from the provider's status code and headers.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator

from sparklio.llm.types import ProviderReply, ProviderRequest, StreamChunk


class Provider(abc.ABC):
    name: str

    @abc.abstractmethod
    def configured(self) -> bool:
        """True when settings give this provider what it needs (a key or a base URL)."""

    @abc.abstractmethod
    async def complete(self, request: ProviderRequest) -> ProviderReply:
        """One non-streamed call. Structured requests return the JSON document as text."""

    @abc.abstractmethod
    def stream(self, request: ProviderRequest) -> AsyncIterator[StreamChunk]:
        """Yield TextDelta chunks, then exactly one StreamEnd. Raise IncompleteStream when
        the stream stops without the provider's end marker."""

    @abc.abstractmethod
    async def ping(self) -> str:
        """A cheap authenticated call (list models). Returns a short description such as
        "12 models"; raises ProviderError when the provider is unreachable or refuses."""

    async def aclose(self) -> None:  # noqa: B027 (optional hook)
        """Release clients (connection pools)."""


_KIND_BY_STATUS = {
    400: "bad_request",
    401: "auth",
    403: "auth",
    404: "not_found",
    408: "timeout",
    413: "bad_request",
    422: "bad_request",
    429: "rate_limited",
    529: "overloaded",
}


def kind_for_status(status: int | None) -> str:
    """The error kind of an HTTP status, the same for every provider."""
    if status is None:
        return "error"
    return _KIND_BY_STATUS.get(status, "server" if status >= 500 else "error")


def retryable_status(status: int | None) -> bool:
    """429 (rate limited), 408, 409 (lock timeout), 5xx and Anthropic's 529 (overloaded)."""
    return status is not None and (status in {408, 409, 429} or status >= 500)


def parse_retry_after(headers) -> float | None:
    """Seconds from Retry-After (seconds or HTTP date) or retry-after-ms, when present."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        from email.utils import parsedate_to_datetime

        from django.utils import timezone

        try:
            return max((parsedate_to_datetime(value) - timezone.now()).total_seconds(), 0.0)
        except (TypeError, ValueError):
            return None
