"""A local Ollama server over its native HTTP API (/api/chat, /api/tags); no SDK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from django.conf import settings

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.base import Provider, kind_for_status, parse_retry_after, retryable_status
from sparklio.llm.types import (
    EmbedReply,
    EmbedRequest,
    ProviderReply,
    ProviderRequest,
    StreamChunk,
    StreamEnd,
    TextDelta,
    Usage,
)


class OllamaProvider(Provider):
    name = "ollama"

    def __init__(self, *, base_url: str | None = None, timeout: float | None = None):
        self.base_url = settings.OLLAMA_BASE_URL if base_url is None else base_url
        self.timeout = settings.LLM_TIMEOUT_SECONDS if timeout is None else timeout
        self._http: httpx.AsyncClient | None = None

    def configured(self) -> bool:
        return bool(self.base_url)

    @property
    def _client(self) -> httpx.AsyncClient:
        """Built on first use (an httpx client makes an SSL context, ~30 ms), so constructing an
        unused provider costs nothing. Bound to one event loop, as SDK clients are; the gateway
        keeps providers per loop for the life of the process."""
        if self._http is None:
            self._http = httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout)
        return self._http

    async def complete(self, request: ProviderRequest) -> ProviderReply:
        body = await self._send("POST", "/api/chat", json=_chat_body(request, stream=False), timeout=request.timeout)
        if "error" in body:
            raise self._error(body["error"])
        return ProviderReply(
            text=body.get("message", {}).get("content", ""),
            usage=_usage(body),
            finish_reason=body.get("done_reason") or "stop",
            model=body.get("model") or request.model,
        )

    async def stream(self, request: ProviderRequest) -> AsyncIterator[StreamChunk]:
        self._require_configured()
        last: dict[str, Any] | None = None
        answered = False
        try:
            async with self._client.stream(
                "POST", "/api/chat", json=_chat_body(request, stream=True), timeout=request.timeout
            ) as response:
                answered = True
                if response.is_error:
                    await response.aread()
                    raise self._http_error(response)
                async for line in response.aiter_lines():
                    if not line.strip():
                        continue
                    try:
                        event = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise IncompleteStream(self.name, f"unreadable stream line: {line[:200]!r}") from exc
                    if "error" in event:
                        raise self._error(event["error"])
                    text = event.get("message", {}).get("content", "")
                    if text:
                        yield TextDelta(text)
                    if event.get("done"):
                        last = event
                        break
        except httpx.TransportError as exc:
            if answered and not isinstance(exc, httpx.TimeoutException):
                raise IncompleteStream(self.name, f"stream broke: {exc!r}") from exc
            raise self._transport_error(exc) from exc
        if last is None:
            raise IncompleteStream(self.name)
        yield StreamEnd(
            usage=_usage(last),
            finish_reason=last.get("done_reason") or "stop",
            model=last.get("model") or request.model,
        )

    async def embed(self, request: EmbedRequest) -> EmbedReply:
        """``POST /api/embed`` with a list ``input``; the vectors come back in ``embeddings``."""
        body: dict[str, Any] = {"model": request.model, "input": request.texts}
        if request.dimensions:
            body["dimensions"] = request.dimensions
        answer = await self._send("POST", "/api/embed", json=body, timeout=request.timeout)
        if "error" in answer:
            raise self._error(answer["error"])
        vectors = answer.get("embeddings")
        if not isinstance(vectors, list):
            raise ProviderError(self.name, "the response has no embeddings", kind="bad_response")
        usage = Usage(input_tokens=answer.get("prompt_eval_count") or 0)
        return EmbedReply(vectors, usage, answer.get("model") or request.model)

    async def ping(self) -> str:
        body = await self._send("GET", "/api/tags", timeout=self.timeout)
        return f"{len(body.get('models') or [])} models"

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def _require_configured(self) -> None:
        if not self.configured():
            raise ProviderError(self.name, "OLLAMA_BASE_URL is not set", kind="not_configured")

    async def _send(self, method: str, path: str, *, timeout: float, **kwargs) -> dict[str, Any]:
        self._require_configured()
        try:
            response = await self._client.request(method, path, timeout=timeout, **kwargs)
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from exc
        if response.is_error:
            raise self._http_error(response)
        try:
            return response.json()
        except ValueError as exc:
            raise ProviderError(self.name, f"not JSON: {response.text[:200]!r}", kind="bad_response") from exc

    def _http_error(self, response: httpx.Response) -> ProviderError:
        status = response.status_code
        try:
            message = response.json().get("error") or response.text
        except (ValueError, AttributeError):
            message = response.text
        return ProviderError(
            self.name,
            f"{status}: {message}"[:500],
            status=status,
            kind=kind_for_status(status),
            retryable=retryable_status(status),
            retry_after=parse_retry_after(response.headers),
        )

    def _error(self, message: str) -> ProviderError:
        """An error Ollama reported inside a 200 body (mid-stream, after the headers went out)."""
        return ProviderError(self.name, str(message)[:500], kind="server", retryable=True)

    def _transport_error(self, exc: httpx.TransportError) -> ProviderError:
        if isinstance(exc, httpx.TimeoutException):
            return ProviderError(self.name, f"timed out: {exc!r}", kind="timeout", retryable=True)
        return ProviderError(self.name, f"cannot reach {self.base_url}: {exc!r}", kind="connection", retryable=True)


def _chat_body(request: ProviderRequest, *, stream: bool) -> dict[str, Any]:
    messages = []
    for message in request.messages:
        entry: dict[str, Any] = {"role": message.role, "content": message.content}
        if message.images:
            entry["images"] = [image.data_b64 for image in message.images]
        messages.append(entry)
    options: dict[str, Any] = {"num_predict": request.max_tokens}
    if request.temperature is not None:
        options["temperature"] = request.temperature
    if request.seed is not None:
        options["seed"] = request.seed
    body: dict[str, Any] = {"model": request.model, "messages": messages, "stream": stream, "options": options}
    if request.structured is not None:
        body["format"] = request.structured.json_schema
    return body


def _usage(body: dict[str, Any]) -> Usage:
    return Usage(input_tokens=body.get("prompt_eval_count") or 0, output_tokens=body.get("eval_count") or 0)
