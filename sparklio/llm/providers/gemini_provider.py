"""Google Gemini through the official google-genai SDK (Gemini Developer API)."""

from __future__ import annotations

import base64
import re
from collections.abc import AsyncIterator

import httpx
from django.conf import settings
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.base import Provider, kind_for_status, parse_retry_after, retryable_status
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

# The SDK retries nothing when retry_options is absent, but then its aiohttp transport still
# retries connection errors on its own; attempts=1 turns both off. The gateway owns retries.
_NO_RETRIES = types.HttpRetryOptions(attempts=1)

_RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)s\s*$")  # protobuf Duration in JSON: "7s", "3.957525076s"
_TASK_TYPES = {"query": "RETRIEVAL_QUERY", "passage": "RETRIEVAL_DOCUMENT"}
# What a call can raise besides our own ProviderError; httpx.TimeoutException is a TransportError.
_CALL_ERRORS = (genai_errors.APIError, genai_errors.UnknownApiResponseError, httpx.TransportError)


class GeminiProvider(Provider):
    name = "gemini"

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None, timeout: float | None = None):
        self.api_key = settings.GOOGLE_API_KEY if api_key is None else api_key
        self.base_url = settings.GEMINI_BASE_URL if base_url is None else base_url
        self.timeout = settings.LLM_TIMEOUT_SECONDS if timeout is None else timeout
        self._sdk: genai.Client | None = None
        self._http: httpx.AsyncClient | None = None

    def configured(self) -> bool:
        return bool(self.api_key)

    def _aio(self):
        """The SDK's async face, built on first use: the SDK refuses to construct without a key.
        We hand it our own httpx client so its transport is always httpx (never httpx2 or aiohttp,
        whose errors we would not map) and so aclose() can release it. Like every SDK client it
        belongs to one event loop; the gateway builds providers per loop."""
        if not self.configured():
            raise ProviderError(self.name, "GOOGLE_API_KEY is not set", kind="not_configured")
        if self._sdk is None:
            self._http = httpx.AsyncClient()
            self._sdk = genai.Client(
                vertexai=False,
                api_key=self.api_key,
                http_options=types.HttpOptions(
                    base_url=self.base_url or None,
                    timeout=_milliseconds(self.timeout),
                    retry_options=_NO_RETRIES,
                    httpx_async_client=self._http,
                ),
            )
        return self._sdk.aio

    async def complete(self, request: ProviderRequest) -> ProviderReply:
        try:
            response = await self._aio().models.generate_content(
                model=request.model, contents=_contents(request.conversation), config=_config(request)
            )
        except _CALL_ERRORS as exc:
            raise self._translate(exc) from exc
        if not response.candidates and not _block_reason(response):
            raise ProviderError(self.name, "the response has no candidate and no block reason", kind="bad_response")
        return ProviderReply(
            text=_text(response),
            usage=_usage(response.usage_metadata),
            finish_reason=_finish_reason(response) or "",
            model=response.model_version or request.model,
        )

    async def stream(self, request: ProviderRequest) -> AsyncIterator[StreamChunk]:
        usage, finish_reason, model, received = Usage(), None, request.model, False
        try:
            chunks = await self._aio().models.generate_content_stream(
                model=request.model, contents=_contents(request.conversation), config=_config(request)
            )
            async for chunk in chunks:
                received = True
                # Each chunk carries the running totals, so the latest one is the call's usage.
                if chunk.usage_metadata is not None:
                    usage = _usage(chunk.usage_metadata)
                model = chunk.model_version or model
                finish_reason = _finish_reason(chunk) or finish_reason
                text = _text(chunk)
                if text:
                    yield TextDelta(text)
        except httpx.TransportError as exc:
            if received and not isinstance(exc, httpx.TimeoutException):
                raise IncompleteStream(self.name, f"stream broke: {exc!r}") from exc
            raise self._translate(exc) from exc
        except _CALL_ERRORS as exc:
            raise self._translate(exc) from exc
        if finish_reason is None:
            raise IncompleteStream(self.name)
        yield StreamEnd(usage=usage, finish_reason=finish_reason, model=model)

    async def embed(self, request: EmbedRequest) -> EmbedReply:
        """``models/{model}:batchEmbedContents`` through the SDK, one request per text, with the
        retrieval task type that tells a query from a stored document."""
        config = types.EmbedContentConfig(
            task_type=_TASK_TYPES[request.input_type],
            output_dimensionality=request.dimensions,
            http_options=types.HttpOptions(timeout=_milliseconds(request.timeout), retry_options=_NO_RETRIES),
        )
        try:
            response = await self._aio().models.embed_content(
                model=request.model, contents=request.texts, config=config
            )
        except _CALL_ERRORS as exc:
            raise self._translate(exc) from exc
        vectors = [list(embedding.values or []) for embedding in response.embeddings or []]
        # The Developer API reports no token count for embeddings; the ledger estimates it.
        usage = Usage(input_tokens=sum(len(text.encode()) // 4 + 1 for text in request.texts))
        return EmbedReply(vectors, usage, request.model)

    async def ping(self) -> str:
        try:
            count = 0
            async for _model in await self._aio().models.list(config=types.ListModelsConfig(page_size=1000)):
                count += 1
        except _CALL_ERRORS as exc:
            raise self._translate(exc) from exc
        return f"{count} models"

    async def aclose(self) -> None:
        if self._sdk is not None:
            await self._sdk.aio.aclose()
            await self._http.aclose()
        self._sdk = self._http = None

    def _translate(self, exc: Exception) -> ProviderError:
        if isinstance(exc, genai_errors.APIError):
            status = exc.code
            kind = kind_for_status(status)
            if status == 400 and _error_reason(exc.details) == "API_KEY_INVALID":
                kind = "auth"  # Gemini answers a bad key with 400 INVALID_ARGUMENT, not 401
            retry_after = parse_retry_after(getattr(exc.response, "headers", None))
            if retry_after is None:
                retry_after = _retry_delay(exc.details)
            return ProviderError(
                self.name,
                f"{status} {exc.status or ''}: {exc.message or exc.details}".strip(),
                status=status,
                kind=kind,
                retryable=retryable_status(status),
                retry_after=retry_after,
            )
        if isinstance(exc, genai_errors.UnknownApiResponseError):
            return ProviderError(self.name, str(exc), kind="bad_response")
        if isinstance(exc, httpx.TimeoutException):
            return ProviderError(self.name, f"timed out: {exc!r}", kind="timeout", retryable=True)
        return ProviderError(self.name, f"cannot reach the API: {exc!r}", kind="connection", retryable=True)


def _milliseconds(seconds: float) -> int:
    return max(int(seconds * 1000), 1)


def _contents(conversation: list[Message]) -> list[types.Content]:
    """User and assistant turns as Gemini contents; adjacent turns of one role are merged."""
    contents: list[types.Content] = []
    for message in conversation:
        role = "model" if message.role == "assistant" else "user"
        # Google's advice for vision prompts: the image before the text.
        parts = [
            types.Part(inline_data=types.Blob(mime_type=image.media_type, data=base64.b64decode(image.data_b64)))
            for image in message.images
        ]
        if message.content:
            parts.append(types.Part(text=message.content))
        if contents and contents[-1].role == role:
            contents[-1].parts.extend(parts)
        else:
            contents.append(types.Content(role=role, parts=parts))
    return contents


def _config(request: ProviderRequest) -> types.GenerateContentConfig:
    config = types.GenerateContentConfig(
        system_instruction=request.system or None,
        temperature=request.temperature,
        max_output_tokens=request.max_tokens,
        seed=request.seed,
        http_options=types.HttpOptions(timeout=_milliseconds(request.timeout), retry_options=_NO_RETRIES),
        # One call, one HTTP request: no tool loop, no resumption behind the gateway's back.
        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        automatic_continuation=False,
    )
    if request.structured is not None:
        config.response_mime_type = "application/json"
        config.response_json_schema = request.structured.json_schema
    return config


def _text(response: types.GenerateContentResponse) -> str:
    if not response.candidates or not response.candidates[0].content:
        return ""
    parts = response.candidates[0].content.parts or []
    return "".join(part.text for part in parts if part.text and not part.thought)


def _block_reason(response: types.GenerateContentResponse) -> str | None:
    feedback = response.prompt_feedback
    if feedback is None or feedback.block_reason is None:
        return None
    return _enum_value(feedback.block_reason)


def _finish_reason(response: types.GenerateContentResponse) -> str | None:
    """The candidate's finish reason, or the block reason when the prompt itself was refused."""
    if response.candidates and response.candidates[0].finish_reason is not None:
        return _enum_value(response.candidates[0].finish_reason)
    return _block_reason(response)


def _enum_value(value) -> str:
    return str(getattr(value, "value", value))


def _usage(metadata: types.GenerateContentResponseUsageMetadata | None) -> Usage:
    if metadata is None:
        return Usage()
    # Thinking tokens are billed as output but reported apart from candidates_token_count.
    return Usage(
        input_tokens=metadata.prompt_token_count or 0,
        output_tokens=(metadata.candidates_token_count or 0) + (metadata.thoughts_token_count or 0),
        cached_input_tokens=metadata.cached_content_token_count or 0,
    )


def _error_details(body) -> list:
    error = body.get("error", body) if isinstance(body, dict) else {}
    details = error.get("details") if isinstance(error, dict) else None
    return details if isinstance(details, list) else []


def _error_reason(body) -> str | None:
    for detail in _error_details(body):
        if isinstance(detail, dict) and detail.get("reason"):
            return detail["reason"]
    return None


def _retry_delay(body) -> float | None:
    """Seconds from google.rpc.RetryInfo, which Gemini attaches to its 429s."""
    for detail in _error_details(body):
        if isinstance(detail, dict) and detail.get("@type") == _RETRY_INFO:
            match = _DURATION.match(str(detail.get("retryDelay", "")))
            if match:
                return float(match.group(1))
    return None
