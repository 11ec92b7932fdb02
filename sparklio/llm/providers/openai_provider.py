"""OpenAI, or any OpenAI-compatible server, through the official SDK's Chat Completions API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import openai
from openai.types import CompletionUsage

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.base import SDKProvider, kind_for_status, parse_retry_after, retryable_status
from sparklio.llm.types import (
    EmbedReply,
    EmbedRequest,
    Message,
    ProviderReply,
    ProviderRequest,
    StreamChunk,
    StreamEnd,
    TextDelta,
    Usage,
)


class OpenAIProvider(SDKProvider):
    name = "openai"
    key_setting = "OPENAI_API_KEY"
    url_setting = "OPENAI_BASE_URL"

    def _build_client(self, **options):
        return openai.AsyncOpenAI(**options)

    async def complete(self, request: ProviderRequest) -> ProviderReply:
        try:
            completion = await self._client.chat.completions.create(**_params(request), timeout=request.timeout)
        except openai.APIError as exc:
            raise self._translate(exc) from exc
        if not hasattr(completion, "choices"):  # the SDK hands back what it could not parse as JSON
            raise ProviderError(self.name, "the response is not a chat completion", kind="bad_response")
        if not completion.choices:
            raise ProviderError(self.name, "the response has no choice", kind="bad_response")
        choice = completion.choices[0]
        text, finish_reason = choice.message.content, choice.finish_reason
        if text is None and choice.message.refusal:
            # Structured outputs put a refusal in a field of its own and finish with "stop".
            text, finish_reason = choice.message.refusal, "refusal"
        return ProviderReply(
            text=text or "",
            usage=_usage(completion.usage),
            finish_reason=finish_reason or "",
            model=completion.model or request.model,
        )

    async def stream(self, request: ProviderRequest) -> AsyncIterator[StreamChunk]:
        try:
            chunks = await self._client.chat.completions.create(
                **_params(request), stream=True, stream_options={"include_usage": True}, timeout=request.timeout
            )
        except openai.APIError as exc:
            raise self._translate(exc) from exc
        usage, finish_reason, model, refused = Usage(), None, request.model, False
        try:
            async with chunks:
                async for chunk in chunks:
                    model = chunk.model or model
                    # With include_usage the totals come in a last chunk whose choices are empty;
                    # some compatible servers put them on the finish chunk or leave them out.
                    if chunk.usage is not None:
                        usage = _usage(chunk.usage)
                    if not chunk.choices:
                        continue
                    choice = chunk.choices[0]
                    if choice.delta.content:
                        yield TextDelta(choice.delta.content)
                    if choice.delta.refusal:
                        refused = True
                        yield TextDelta(choice.delta.refusal)
                    if choice.finish_reason:
                        finish_reason = choice.finish_reason
        except openai.APITimeoutError as exc:
            raise self._translate(exc) from exc
        except openai.APIConnectionError as exc:
            raise IncompleteStream(self.name, f"stream broke: {exc.__cause__!r}") from exc
        except openai.APIError as exc:
            raise self._translate(exc) from exc
        # finish_reason is OpenAI's end marker; [DONE] alone does not prove the answer is whole.
        if finish_reason is None:
            raise IncompleteStream(self.name)
        yield StreamEnd(usage=usage, finish_reason="refusal" if refused else finish_reason, model=model)

    async def embed(self, request: EmbedRequest) -> EmbedReply:
        """``POST /v1/embeddings`` with a list input; floats asked for explicitly (the SDK would
        otherwise ask for base64)."""
        params = {"model": request.model, "input": request.texts, "encoding_format": "float"}
        if request.dimensions:
            params["dimensions"] = request.dimensions
        try:
            response = await self._client.embeddings.create(**params, timeout=request.timeout)
        except openai.APIError as exc:
            raise self._translate(exc) from exc
        if not hasattr(response, "data"):
            raise ProviderError(self.name, "the response is not an embedding list", kind="bad_response")
        items = sorted(response.data, key=lambda item: item.index)
        usage = Usage(input_tokens=response.usage.prompt_tokens if response.usage else 0)
        return EmbedReply([list(item.embedding) for item in items], usage, response.model or request.model)

    async def ping(self) -> str:
        try:
            page = await self._client.models.list()
        except openai.APIError as exc:
            raise self._translate(exc) from exc
        return f"{len(page.data)} models"

    def _translate(self, exc: openai.APIError) -> ProviderError:
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            return ProviderError(
                self.name,
                exc.message,
                status=status,
                kind=kind_for_status(status),
                retryable=retryable_status(status),
                retry_after=parse_retry_after(exc.response.headers),
            )
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(self.name, f"timed out: {exc.__cause__!r}", kind="timeout", retryable=True)
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(
                self.name, f"cannot reach the API: {exc.__cause__!r}", kind="connection", retryable=True
            )
        if isinstance(exc, openai.APIResponseValidationError):
            return ProviderError(self.name, exc.message, kind="bad_response")
        # An error object inside a stream that had begun with 200: the server failed mid-answer.
        return ProviderError(self.name, f"error in the stream: {exc.message}", kind="server", retryable=True)


def _params(request: ProviderRequest) -> dict[str, Any]:
    params: dict[str, Any] = {
        "model": request.model,
        "messages": [_message(message) for message in request.messages],
        # max_tokens is deprecated for chat completions and refused by reasoning models.
        "max_completion_tokens": request.max_tokens,
    }
    if request.temperature is not None:
        params["temperature"] = request.temperature
    if request.seed is not None:
        params["seed"] = request.seed
    if request.structured is not None:
        params["response_format"] = {
            "type": "json_schema",
            "json_schema": {
                "name": request.structured.name,
                "schema": request.structured.json_schema,
                "strict": True,
            },
        }
    return params


def _message(message: Message) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.content}
    parts: list[dict[str, Any]] = [{"type": "text", "text": message.content}] if message.content else []
    parts += [
        {"type": "image_url", "image_url": {"url": f"data:{image.media_type};base64,{image.data_b64}"}}
        for image in message.images
    ]
    return {"role": message.role, "content": parts}


def _usage(usage: CompletionUsage | None) -> Usage:
    if usage is None:
        return Usage()
    details = usage.prompt_tokens_details
    # prompt_tokens already counts the cached ones; completion_tokens counts reasoning tokens.
    return Usage(
        input_tokens=usage.prompt_tokens,
        output_tokens=usage.completion_tokens,
        cached_input_tokens=(details.cached_tokens or 0) if details is not None else 0,
    )
