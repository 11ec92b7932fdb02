"""The adapter interface every provider implements.

Adapters are async only (the gateway offers the sync face). They do one attempt: no
retries, no fallback (the gateway owns both; the SDKs' own retries are turned off), and
they translate every failure into ProviderError with ``retryable`` and ``retry_after`` set
from the provider's status code and headers.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator

from django.conf import settings

from sparklio.llm.errors import ProviderError
from sparklio.llm.types import EmbedReply, EmbedRequest, ProviderReply, ProviderRequest, StreamChunk


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

    async def embed(self, request: EmbedRequest) -> EmbedReply:
        """One batch of embeddings, a vector per text in order. Providers without an embeddings
        API keep this refusal (the gateway then falls back)."""
        raise ProviderError(self.name, "this provider has no embeddings API", kind="not_supported")


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


class SDKProvider(Provider):
    """A provider reached through an official SDK client (OpenAI, Anthropic).

    The client is built on first use: an SDK may refuse to construct without a key, or go
    looking for credentials in the environment, and an unconfigured provider must still be
    constructible. Its own retries are off (the gateway has the one retry loop).
    ``http_client``: an httpx2 client for the SDK (proxies, or a mock transport in tests)."""

    key_setting: str  # the settings name of the API key
    url_setting: str  # the settings name of the base URL

    def __init__(self, *, api_key=None, base_url=None, timeout=None, http_client=None):
        self.api_key = getattr(settings, self.key_setting) if api_key is None else api_key
        self.base_url = getattr(settings, self.url_setting) if base_url is None else base_url
        self.timeout = settings.LLM_TIMEOUT_SECONDS if timeout is None else timeout
        self._http_client = http_client
        self._sdk = None

    @abc.abstractmethod
    def _build_client(self, **options):
        """The SDK's async client, built with the given options."""

    def configured(self) -> bool:
        return bool(self.api_key)

    @property
    def _client(self):
        if not self.configured():
            raise ProviderError(self.name, f"{self.key_setting} is not set", kind="not_configured")
        if self._sdk is None:
            self._sdk = self._build_client(
                api_key=self.api_key,
                base_url=self.base_url or None,
                timeout=self.timeout,
                max_retries=0,
                http_client=self._http_client,
            )
        return self._sdk

    async def aclose(self) -> None:
        if self._sdk is not None:
            await self._sdk.close()
            self._sdk = None


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
