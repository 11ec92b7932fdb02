"""Anthropic's Messages API through the official SDK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anthropic
import httpx2
from anthropic.types import Message as AnthropicMessage

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.base import SDKProvider, kind_for_status, parse_retry_after, retryable_status
from sparklio.llm.types import Message, ProviderReply, ProviderRequest, StreamChunk, StreamEnd, TextDelta, Usage

# An error event inside a stream arrives after a 200; its error type says what the status would have been.
_STATUS_BY_ERROR_TYPE = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
}
_USAGE_FIELDS = ("input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")
_ANSWER_TOOL_DESCRIPTION = "Give your whole answer as this tool's input, following its schema exactly."


class AnthropicProvider(SDKProvider):
    name = "anthropic"
    key_setting = "ANTHROPIC_API_KEY"
    url_setting = "ANTHROPIC_BASE_URL"

    def _build_client(self, **options):
        return anthropic.AsyncAnthropic(**options)

    async def complete(self, request: ProviderRequest) -> ProviderReply:
        try:
            message = await self._client.messages.create(**_params(request), timeout=request.timeout)
        except anthropic.APIError as exc:
            raise self._translate(exc) from exc
        return ProviderReply(
            text=_reply_text(message, structured=request.structured is not None),
            usage=_usage(message.usage),
            finish_reason=message.stop_reason or "",
            model=message.model or request.model,
        )

    async def stream(self, request: ProviderRequest) -> AsyncIterator[StreamChunk]:
        try:
            events = await self._client.messages.create(**_params(request), stream=True, timeout=request.timeout)
        except anthropic.APIError as exc:
            raise self._translate(exc) from exc
        # A structured answer is the forced tool's input, streamed as partial JSON: passing on
        # only those deltas makes their concatenation the JSON document.
        wanted = "input_json_delta" if request.structured is not None else "text_delta"
        start_usage = end_usage = None
        finish_reason, model, stopped = "", request.model, False
        try:
            async with events:
                async for event in events:
                    if event.type == "message_start":
                        start_usage, model = event.message.usage, event.message.model or model
                    elif event.type == "content_block_delta" and event.delta.type == wanted:
                        text = event.delta.partial_json if wanted == "input_json_delta" else event.delta.text
                        if text:
                            yield TextDelta(text)
                    elif event.type == "message_delta":
                        finish_reason = event.delta.stop_reason or finish_reason
                        end_usage = event.usage
                    elif event.type == "message_stop":
                        stopped = True
        except anthropic.APIError as exc:
            raise self._translate(exc) from exc
        # Unlike the OpenAI SDK, this one lets transport errors inside the body through as they are.
        except httpx2.TimeoutException as exc:
            raise ProviderError(self.name, f"timed out: {exc!r}", kind="timeout", retryable=True) from exc
        except httpx2.TransportError as exc:
            raise IncompleteStream(self.name, f"stream broke: {exc!r}") from exc
        if not stopped:
            raise IncompleteStream(self.name)
        yield StreamEnd(usage=_usage(start_usage, end_usage), finish_reason=finish_reason, model=model)

    async def ping(self) -> str:
        try:
            page = await self._client.models.list(limit=1000)
        except anthropic.APIError as exc:
            raise self._translate(exc) from exc
        return f"{len(page.data)} models"

    def _translate(self, exc: anthropic.APIError) -> ProviderError:
        if isinstance(exc, anthropic.APIStatusError):
            status = exc.status_code
            if status < 400:  # an error event inside a stream
                status = _STATUS_BY_ERROR_TYPE.get(exc.type or "", 500)
            return ProviderError(
                self.name,
                exc.message,
                status=status,
                kind=kind_for_status(status),
                retryable=retryable_status(status),
                retry_after=parse_retry_after(exc.response.headers),
            )
        if isinstance(exc, anthropic.APITimeoutError):
            return ProviderError(self.name, f"timed out: {exc.__cause__!r}", kind="timeout", retryable=True)
        if isinstance(exc, anthropic.APIConnectionError):
            return ProviderError(
                self.name, f"cannot reach the API: {exc.__cause__!r}", kind="connection", retryable=True
            )
        return ProviderError(self.name, exc.message, kind="bad_response")


def _params(request: ProviderRequest) -> dict[str, Any]:
    # No temperature and no seed: the API version this SDK speaks (2026-10-21) refuses sampling
    # parameters, and it never had a seed.
    params: dict[str, Any] = {
        "model": request.model,
        "max_tokens": request.max_tokens,
        "messages": [_message(message) for message in request.conversation],
    }
    if request.system:
        params["system"] = request.system
    if request.structured is not None:
        name = request.structured.name
        params["tools"] = [
            {"name": name, "description": _ANSWER_TOOL_DESCRIPTION, "input_schema": request.structured.json_schema}
        ]
        # One forced call of one tool: its input is the answer.
        params["tool_choice"] = {"type": "tool", "name": name, "disable_parallel_tool_use": True}
    return params


def _message(message: Message) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.content}
    # Anthropic's advice for vision prompts: the images before the text.
    blocks: list[dict[str, Any]] = [
        {"type": "image", "source": {"type": "base64", "media_type": image.media_type, "data": image.data_b64}}
        for image in message.images
    ]
    if message.content:
        blocks.append({"type": "text", "text": message.content})
    return {"role": message.role, "content": blocks}


def _reply_text(message: AnthropicMessage, *, structured: bool) -> str:
    if structured:
        for block in message.content:
            if block.type == "tool_use":
                return json.dumps(block.input, ensure_ascii=False)
    # A structured call that ended without the tool (a refusal, say) returns its text, which the
    # gateway's schema check then rejects in the open.
    return "".join(block.text for block in message.content if block.type == "text")


def _usage(*reports) -> Usage:
    """Usage from Anthropic's reports, later ones overriding earlier ones field by field (a
    stream's message_delta carries cumulative counts). Anthropic's input_tokens leaves out the
    tokens read from and written to the prompt cache; ours counts every prompt token."""
    counts = dict.fromkeys(_USAGE_FIELDS, 0)
    for report in reports:
        for field in _USAGE_FIELDS:
            value = getattr(report, field, None)
            if value is not None:
                counts[field] = value
    return Usage(
        input_tokens=counts["input_tokens"] + counts["cache_read_input_tokens"] + counts["cache_creation_input_tokens"],
        output_tokens=counts["output_tokens"],
        cached_input_tokens=counts["cache_read_input_tokens"],
        cache_write_tokens=counts["cache_creation_input_tokens"],
    )
