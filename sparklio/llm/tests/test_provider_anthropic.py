"""AnthropicProvider against a fake Messages API at the HTTP transport.

The SDK sends through httpx2, which respx does not patch, so each provider gets an httpx2
client whose MockTransport answers like the real API (the SDK's documented way to fake it).
"""

from __future__ import annotations

import json

import httpx2
import pytest

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.anthropic_provider import AnthropicProvider
from sparklio.llm.types import (
    ImagePart,
    Message,
    ProviderRequest,
    StreamEnd,
    StructuredSpec,
    TextDelta,
    Usage,
)

BASE_URL = "https://api.anthropic.test"
MODEL = "claude-haiku-4-5"
SERVED_MODEL = "claude-haiku-4-5-20251001"
SCHEMA = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "score": {"type": "number"}},
    "required": ["headline", "score"],
    "additionalProperties": False,
}


class FakeAPI:
    """Answers each request with the next queued response (or raises the queued error) and
    keeps every request it was sent."""

    def __init__(self):
        self.answers: list[httpx2.Response | Exception] = []
        self.requests: list[httpx2.Request] = []

    def answer(self, *answers: httpx2.Response | Exception) -> None:
        self.answers.extend(answers)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def body(self) -> dict:
        return json.loads(self.requests[-1].content)


@pytest.fixture
def api() -> FakeAPI:
    return FakeAPI()


@pytest.fixture
async def provider(api):
    provider = AnthropicProvider(
        api_key="sk-test", base_url=BASE_URL, http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(api))
    )
    yield provider
    await provider.aclose()


def chat_request(**overrides) -> ProviderRequest:
    fields = {
        "model": MODEL,
        "messages": [
            Message(role="system", content="You write short Korean ad copy."),
            Message(role="user", content="무선 이어폰 헤드라인 하나"),
        ],
        "max_tokens": 200,
    }
    return ProviderRequest(**(fields | overrides))


def usage_json(input_tokens: int, output_tokens: int, *, cache_read: int = 0, cache_write: int = 0) -> dict:
    return {
        "input_tokens": input_tokens,
        "cache_creation_input_tokens": cache_write,
        "cache_read_input_tokens": cache_read,
        "cache_creation": {"ephemeral_5m_input_tokens": cache_write, "ephemeral_1h_input_tokens": 0},
        "output_tokens": output_tokens,
        "service_tier": "standard",
    }


def message(content: list[dict], *, stop_reason="end_turn", usage=None) -> httpx2.Response:
    return httpx2.Response(
        200,
        json={
            "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
            "type": "message",
            "role": "assistant",
            "model": SERVED_MODEL,
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": usage or usage_json(25, 14),
        },
    )


def sse(*events: dict) -> bytes:
    return "".join(
        f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n" for event in events
    ).encode()


def streamed(content) -> httpx2.Response:
    return httpx2.Response(200, headers={"content-type": "text/event-stream; charset=utf-8"}, content=content)


def message_start(usage: dict) -> dict:
    return {
        "type": "message_start",
        "message": {
            "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
            "type": "message",
            "role": "assistant",
            "model": SERVED_MODEL,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": usage,
        },
    }


def block_start(block: dict) -> dict:
    return {"type": "content_block_start", "index": 0, "content_block": block}


def delta(delta_: dict) -> dict:
    return {"type": "content_block_delta", "index": 0, "delta": delta_}


def message_delta(stop_reason: str, output_tokens: int) -> dict:
    return {
        "type": "message_delta",
        "delta": {"stop_reason": stop_reason, "stop_sequence": None},
        "usage": {"output_tokens": output_tokens},
    }


BLOCK_STOP = {"type": "content_block_stop", "index": 0}
MESSAGE_STOP = {"type": "message_stop"}
PING = {"type": "ping"}


def error(status: int, type_: str, text: str, headers=None) -> httpx2.Response:
    return httpx2.Response(
        status,
        headers=headers,
        json={
            "type": "error",
            "error": {"type": type_, "message": text},
            "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
        },
    )


async def collect(provider, request) -> list:
    return [item async for item in provider.stream(request)]


async def test_complete_sends_system_apart_and_returns_text_usage_and_model(provider, api):
    api.answer(message([{"type": "text", "text": "소음은 끄고, 음악만 켜세요."}]))

    reply = await provider.complete(chat_request(temperature=0.4, seed=7))

    request = api.requests[0]
    assert request.method == "POST"
    assert str(request.url) == f"{BASE_URL}/v1/messages"
    assert "sk-test" in request.headers.get("x-api-key", "") + request.headers.get("authorization", "")
    # The SDK's API version refuses temperature, and there is no seed: neither is sent.
    assert api.body == {
        "model": MODEL,
        "max_tokens": 200,
        "system": "You write short Korean ad copy.",
        "messages": [{"role": "user", "content": "무선 이어폰 헤드라인 하나"}],
    }
    assert reply.text == "소음은 끄고, 음악만 켜세요."
    assert reply.usage == Usage(input_tokens=25, output_tokens=14)
    assert reply.finish_reason == "end_turn"
    assert reply.model == SERVED_MODEL


async def test_structured_output_forces_one_tool_and_returns_its_input_as_json(provider, api):
    api.answer(
        message(
            [
                {
                    "type": "tool_use",
                    "id": "toolu_01A09q90qw90lq917835lq9",
                    "name": "Headline",
                    "input": {"headline": "소음은 끄고, 음악만 켜세요.", "score": 0.9},
                }
            ],
            stop_reason="tool_use",
        )
    )

    reply = await provider.complete(chat_request(structured=StructuredSpec(name="Headline", json_schema=SCHEMA)))

    assert api.body["tools"] == [
        {
            "name": "Headline",
            "description": "Give your whole answer as this tool's input, following its schema exactly.",
            "input_schema": SCHEMA,
        }
    ]
    assert api.body["tool_choice"] == {"type": "tool", "name": "Headline", "disable_parallel_tool_use": True}
    assert reply.text == '{"headline": "소음은 끄고, 음악만 켜세요.", "score": 0.9}'
    assert reply.finish_reason == "tool_use"


async def test_structured_call_answered_without_the_tool_returns_the_text(provider, api):
    api.answer(message([{"type": "text", "text": "I can't help with that."}], stop_reason="refusal"))

    reply = await provider.complete(chat_request(structured=StructuredSpec(name="Headline", json_schema=SCHEMA)))

    assert (reply.text, reply.finish_reason) == ("I can't help with that.", "refusal")


async def test_usage_adds_cache_reads_and_writes_to_the_input(provider, api):
    api.answer(message([{"type": "text", "text": "ok"}], usage=usage_json(50, 300, cache_read=1800, cache_write=200)))

    reply = await provider.complete(chat_request())

    assert reply.usage == Usage(input_tokens=2050, output_tokens=300, cached_input_tokens=1800, cache_write_tokens=200)


async def test_an_answer_cut_by_max_tokens_is_returned_not_raised(provider, api):
    api.answer(message([{"type": "text", "text": "소음은 끄고,"}], stop_reason="max_tokens"))

    reply = await provider.complete(chat_request())

    assert (reply.text, reply.finish_reason) == ("소음은 끄고,", "max_tokens")


async def test_images_are_sent_as_base64_blocks_before_the_text(provider, api):
    api.answer(message([{"type": "text", "text": "A white earbud case on a wooden desk."}]))
    vision = ProviderRequest(
        model=MODEL,
        messages=[
            Message(
                role="user",
                content="Describe the product.",
                images=[
                    ImagePart(media_type="image/png", data_b64="iVBORw0KGgo="),
                    ImagePart(media_type="image/webp", data_b64="UklGRiQAAABXRUJQ"),
                ],
            )
        ],
    )

    await provider.complete(vision)

    assert "system" not in api.body
    assert api.body["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "image", "source": {"type": "base64", "media_type": "image/webp", "data": "UklGRiQAAABXRUJQ"}},
                {"type": "text", "text": "Describe the product."},
            ],
        }
    ]


async def test_stream_yields_text_deltas_then_one_end_with_the_whole_usage(provider, api):
    api.answer(
        streamed(
            sse(
                message_start(usage_json(25, 1, cache_read=1000, cache_write=0)),
                block_start({"type": "text", "text": ""}),
                PING,
                delta({"type": "text_delta", "text": "소음은 끄고,"}),
                delta({"type": "text_delta", "text": " 음악만 켜세요."}),
                BLOCK_STOP,
                message_delta("end_turn", 15),
                MESSAGE_STOP,
            )
        )
    )

    items = await collect(provider, chat_request())

    assert api.body["stream"] is True
    assert api.body["max_tokens"] == 200
    assert api.body["system"] == "You write short Korean ad copy."
    assert items == [
        TextDelta("소음은 끄고,"),
        TextDelta(" 음악만 켜세요."),
        StreamEnd(
            usage=Usage(input_tokens=1025, output_tokens=15, cached_input_tokens=1000),
            finish_reason="end_turn",
            model=SERVED_MODEL,
        ),
    ]


async def test_structured_stream_yields_the_tool_input_json_piece_by_piece(provider, api):
    api.answer(
        streamed(
            sse(
                message_start(usage_json(410, 1)),
                block_start(
                    {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "name": "Headline", "input": {}}
                ),
                delta({"type": "input_json_delta", "partial_json": ""}),
                delta({"type": "input_json_delta", "partial_json": '{"headline": "소음은'}),
                delta({"type": "input_json_delta", "partial_json": ' 끄고", "sco'}),
                delta({"type": "input_json_delta", "partial_json": 're": 0.9}'}),
                BLOCK_STOP,
                message_delta("tool_use", 42),
                MESSAGE_STOP,
            )
        )
    )

    items = await collect(provider, chat_request(structured=StructuredSpec(name="Headline", json_schema=SCHEMA)))

    assert api.body["tool_choice"] == {"type": "tool", "name": "Headline", "disable_parallel_tool_use": True}
    *deltas, end = items
    assert json.loads("".join(d.text for d in deltas)) == {"headline": "소음은 끄고", "score": 0.9}
    assert end == StreamEnd(
        usage=Usage(input_tokens=410, output_tokens=42), finish_reason="tool_use", model=SERVED_MODEL
    )


async def test_stream_cut_before_message_stop_raises_incomplete_stream(provider, api):
    api.answer(
        streamed(
            sse(
                message_start(usage_json(25, 1)),
                block_start({"type": "text", "text": ""}),
                delta({"type": "text_delta", "text": "소음은"}),
                BLOCK_STOP,
                message_delta("end_turn", 15),
            )
        )
    )

    received = []
    with pytest.raises(IncompleteStream) as caught:
        async for item in provider.stream(chat_request()):
            received.append(item)

    assert received == [TextDelta("소음은")]
    assert caught.value.retryable and caught.value.kind == "incomplete_stream"


async def test_stream_whose_connection_breaks_raises_incomplete_stream(provider, api):
    async def body():
        yield sse(message_start(usage_json(25, 1)), delta({"type": "text_delta", "text": "소음은"}))
        raise httpx2.RemoteProtocolError("peer closed connection without sending complete message body")

    api.answer(streamed(body()))

    with pytest.raises(IncompleteStream) as caught:
        await collect(provider, chat_request())

    assert caught.value.retryable


async def test_stream_that_stalls_raises_a_retryable_timeout(provider, api):
    async def body():
        yield sse(message_start(usage_json(25, 1)), delta({"type": "text_delta", "text": "소음은"}))
        raise httpx2.ReadTimeout("The read operation timed out")

    api.answer(streamed(body()))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)


async def test_overloaded_error_event_inside_the_stream_is_retryable(provider, api):
    api.answer(
        streamed(
            sse(
                message_start(usage_json(25, 1)),
                block_start({"type": "text", "text": ""}),
                delta({"type": "text_delta", "text": "소음은"}),
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
            )
        )
    )

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert not isinstance(caught.value, IncompleteStream)
    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("overloaded", 529, True)


async def test_stream_refused_before_it_starts_raises_the_status_error(provider, api):
    api.answer(error(401, "authentication_error", "invalid x-api-key"))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("auth", 401, False)


async def test_bad_key_is_auth_and_not_retryable(provider, api):
    api.answer(error(401, "authentication_error", "invalid x-api-key"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("auth", 401, False)
    assert "invalid x-api-key" in str(caught.value)


async def test_unknown_model_is_not_found(provider, api):
    api.answer(error(404, "not_found_error", "model: claude-9"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request(model="claude-9"))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("not_found", 404, False)


async def test_bad_request_is_not_retryable(provider, api):
    api.answer(error(400, "invalid_request_error", "messages: text content blocks must be non-empty"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.retryable) == ("bad_request", False)


async def test_rate_limit_is_retryable_after_the_servers_delay_and_sent_once(provider, api):
    api.answer(
        error(
            429,
            "rate_limit_error",
            "This request would exceed the rate limit for your organization of 50,000 input tokens per minute.",
            headers={"retry-after": "7", "anthropic-ratelimit-input-tokens-remaining": "0"},
        )
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status) == ("rate_limited", 429)
    assert caught.value.retryable and caught.value.retry_after == 7.0
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    ("status", "type_", "text", "kind"),
    [(500, "api_error", "Internal server error", "server"), (529, "overloaded_error", "Overloaded", "overloaded")],
)
async def test_server_errors_are_retryable_and_sent_once(provider, api, status, type_, text, kind):
    api.answer(error(status, type_, text))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == (kind, status, True)
    assert len(api.requests) == 1


@pytest.mark.parametrize("timeout", [httpx2.ReadTimeout("timed out"), httpx2.ConnectTimeout("timed out")])
async def test_timeout_is_retryable_and_sent_once(provider, api, timeout):
    api.answer(timeout)

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.retryable, caught.value.status) == ("timeout", True, None)
    assert len(api.requests) == 1


async def test_request_timeout_is_given_to_the_transport(provider, api):
    api.answer(message([{"type": "text", "text": "ok"}]))

    await provider.complete(chat_request(timeout=12.5))

    assert api.requests[0].extensions["timeout"]["read"] == 12.5


async def test_unreachable_server_is_a_retryable_connection_error(provider, api):
    api.answer(httpx2.ConnectError("[Errno 111] Connection refused"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.retryable) == ("connection", True)
    assert len(api.requests) == 1


async def test_ping_lists_the_models(provider, api):
    api.answer(
        httpx2.Response(
            200,
            json={
                "data": [
                    {
                        "type": "model",
                        "id": "claude-sonnet-4-5-20250929",
                        "display_name": "Claude Sonnet 4.5",
                        "created_at": "2025-09-29T00:00:00Z",
                    },
                    {
                        "type": "model",
                        "id": "claude-haiku-4-5-20251001",
                        "display_name": "Claude Haiku 4.5",
                        "created_at": "2025-10-01T00:00:00Z",
                    },
                ],
                "has_more": False,
                "first_id": "claude-sonnet-4-5-20250929",
                "last_id": "claude-haiku-4-5-20251001",
            },
        )
    )

    assert await provider.ping() == "2 models"
    request = api.requests[0]
    assert (request.method, request.url.path, request.url.params["limit"]) == ("GET", "/v1/models", "1000")


async def test_ping_with_a_bad_key_raises_auth(provider, api):
    api.answer(error(401, "authentication_error", "invalid x-api-key"))

    with pytest.raises(ProviderError) as caught:
        await provider.ping()

    assert caught.value.kind == "auth"


def test_reads_settings_at_construction(settings):
    settings.ANTHROPIC_API_KEY = "sk-ant-from-settings"
    settings.ANTHROPIC_BASE_URL = "https://anthropic-proxy.internal"

    provider = AnthropicProvider()

    assert provider.configured()
    assert (provider.api_key, provider.base_url) == ("sk-ant-from-settings", "https://anthropic-proxy.internal")


async def test_without_a_key_it_is_not_configured_and_refuses_calls(settings):
    settings.ANTHROPIC_API_KEY = ""
    provider = AnthropicProvider()

    assert not provider.configured()
    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())
    assert caught.value.kind == "not_configured"
