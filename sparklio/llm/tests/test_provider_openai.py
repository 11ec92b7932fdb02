"""OpenAIProvider against a fake Chat Completions API at the HTTP transport.

The SDK sends through httpx2, which respx does not patch, so each provider gets an httpx2
client whose MockTransport answers like the real API (the SDK's documented way to fake it).
"""

from __future__ import annotations

import json

import httpx2
import pytest

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.openai_provider import OpenAIProvider
from sparklio.llm.types import (
    ImagePart,
    Message,
    ProviderRequest,
    StreamEnd,
    StructuredSpec,
    TextDelta,
    Usage,
)

BASE_URL = "https://api.openai.test/v1"
MODEL = "gpt-4o-mini"
SERVED_MODEL = "gpt-4o-mini-2024-07-18"


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
    provider = OpenAIProvider(
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


def completion(content: str | None, *, finish_reason="stop", usage=None, refusal=None) -> httpx2.Response:
    return httpx2.Response(
        200,
        json={
            "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
            "object": "chat.completion",
            "created": 1741569952,
            "model": SERVED_MODEL,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": usage or usage_json(19, 10),
            "service_tier": "default",
            "system_fingerprint": "fp_06737a9306",
        },
    )


def usage_json(prompt: int, completion_tokens: int, cached: int = 0) -> dict:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def chunk(delta: dict | None = None, *, finish_reason=None, usage=None) -> dict:
    return {
        "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
        "object": "chat.completion.chunk",
        "created": 1741569952,
        "model": SERVED_MODEL,
        "service_tier": "default",
        "system_fingerprint": "fp_06737a9306",
        "choices": []
        if delta is None
        else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        "usage": usage,
    }


def sse(*events: dict, done: bool = True) -> bytes:
    body = "".join(f"data: {json.dumps(event, ensure_ascii=False)}\n\n" for event in events)
    return (body + ("data: [DONE]\n\n" if done else "")).encode()


def streamed(content) -> httpx2.Response:
    return httpx2.Response(200, headers={"content-type": "text/event-stream; charset=utf-8"}, content=content)


def error(status: int, message: str, *, type_: str, code: str | None, headers=None) -> httpx2.Response:
    return httpx2.Response(
        status,
        headers=headers,
        json={"error": {"message": message, "type": type_, "param": None, "code": code}},
    )


async def collect(provider, request) -> list:
    return [item async for item in provider.stream(request)]


async def test_complete_sends_the_chat_and_returns_text_usage_and_model(provider, api):
    api.answer(completion("소음은 끄고, 음악만 켜세요."))

    reply = await provider.complete(chat_request(temperature=0.4, seed=7))

    request = api.requests[0]
    assert request.method == "POST"
    assert str(request.url) == f"{BASE_URL}/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert api.body == {
        "model": MODEL,
        "messages": [
            {"role": "system", "content": "You write short Korean ad copy."},
            {"role": "user", "content": "무선 이어폰 헤드라인 하나"},
        ],
        "max_completion_tokens": 200,
        "temperature": 0.4,
        "seed": 7,
    }
    assert reply.text == "소음은 끄고, 음악만 켜세요."
    assert reply.usage == Usage(input_tokens=19, output_tokens=10)
    assert reply.finish_reason == "stop"
    assert reply.model == SERVED_MODEL


async def test_structured_output_asks_for_a_strict_json_schema(provider, api):
    schema = {
        "type": "object",
        "properties": {"headline": {"type": "string"}, "score": {"type": "number"}},
        "required": ["headline", "score"],
        "additionalProperties": False,
    }
    api.answer(completion('{"headline":"소음은 끄고, 음악만 켜세요.","score":0.9}'))

    reply = await provider.complete(chat_request(structured=StructuredSpec(name="Headline", json_schema=schema)))

    assert api.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Headline", "schema": schema, "strict": True},
    }
    assert "temperature" not in api.body and "seed" not in api.body
    assert json.loads(reply.text) == {"headline": "소음은 끄고, 음악만 켜세요.", "score": 0.9}


async def test_structured_refusal_is_returned_as_text_with_finish_reason_refusal(provider, api):
    api.answer(completion(None, refusal="I'm sorry, I can't help with that."))

    reply = await provider.complete(
        chat_request(structured=StructuredSpec(name="Headline", json_schema={"type": "object"}))
    )

    assert (reply.text, reply.finish_reason) == ("I'm sorry, I can't help with that.", "refusal")


async def test_usage_counts_cached_prompt_tokens_inside_the_input(provider, api):
    api.answer(completion("ok", usage=usage_json(2006, 300, cached=1920)))

    reply = await provider.complete(chat_request())

    assert reply.usage == Usage(input_tokens=2006, output_tokens=300, cached_input_tokens=1920)


@pytest.mark.parametrize("finish_reason", ["length", "content_filter"])
async def test_a_cut_or_filtered_answer_is_returned_not_raised(provider, api, finish_reason):
    api.answer(completion("소음은 끄고,", finish_reason=finish_reason))

    reply = await provider.complete(chat_request())

    assert (reply.text, reply.finish_reason) == ("소음은 끄고,", finish_reason)


async def test_images_are_sent_as_data_url_parts(provider, api):
    api.answer(completion("A white earbud case on a wooden desk."))
    vision = ProviderRequest(
        model="gpt-4o",
        messages=[
            Message(
                role="user",
                content="Describe the product.",
                images=[
                    ImagePart(media_type="image/png", data_b64="iVBORw0KGgo="),
                    ImagePart(media_type="image/jpeg", data_b64="/9j/4AAQSkZJRg=="),
                ],
            )
        ],
    )

    await provider.complete(vision)

    assert api.body["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "Describe the product."},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQSkZJRg=="}},
            ],
        }
    ]


async def test_stream_yields_deltas_then_one_end_with_the_usage_chunk(provider, api):
    api.answer(
        streamed(
            sse(
                chunk({"role": "assistant", "content": "", "refusal": None}),
                chunk({"content": "소음은 끄고,"}),
                chunk({"content": " 음악만 켜세요."}),
                chunk({}, finish_reason="stop"),
                chunk(usage=usage_json(25, 12, cached=0)),
            )
        )
    )

    items = await collect(provider, chat_request(temperature=0.7))

    assert api.body["stream"] is True
    assert api.body["stream_options"] == {"include_usage": True}
    assert api.body["max_completion_tokens"] == 200
    assert api.body["temperature"] == 0.7
    assert items == [
        TextDelta("소음은 끄고,"),
        TextDelta(" 음악만 켜세요."),
        StreamEnd(usage=Usage(input_tokens=25, output_tokens=12), finish_reason="stop", model=SERVED_MODEL),
    ]


async def test_stream_from_a_server_that_sends_no_usage_ends_on_finish_reason(provider, api):
    api.answer(streamed(sse(chunk({"content": "Hi"}), chunk({}, finish_reason="length"))))

    items = await collect(provider, chat_request())

    assert items == [TextDelta("Hi"), StreamEnd(usage=Usage(), finish_reason="length", model=SERVED_MODEL)]


@pytest.mark.parametrize("done", [False, True], ids=["body-ends", "done-without-finish"])
async def test_stream_cut_before_finish_reason_raises_incomplete_stream(provider, api, done):
    api.answer(streamed(sse(chunk({"role": "assistant", "content": ""}), chunk({"content": "소음은"}), done=done)))

    received = []
    with pytest.raises(IncompleteStream) as caught:
        async for item in provider.stream(chat_request()):
            received.append(item)

    assert received == [TextDelta("소음은")]
    assert caught.value.retryable and caught.value.kind == "incomplete_stream"


async def test_stream_whose_connection_breaks_raises_incomplete_stream(provider, api):
    async def body():
        yield sse(chunk({"content": "소음은"}), done=False)
        raise httpx2.RemoteProtocolError("peer closed connection without sending complete message body")

    api.answer(streamed(body()))

    with pytest.raises(IncompleteStream) as caught:
        await collect(provider, chat_request())

    assert caught.value.retryable


async def test_stream_that_stalls_raises_a_retryable_timeout(provider, api):
    async def body():
        yield sse(chunk({"content": "소음은"}), done=False)
        raise httpx2.ReadTimeout("The read operation timed out")

    api.answer(streamed(body()))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)


async def test_error_object_inside_a_stream_is_a_retryable_server_error(provider, api):
    api.answer(
        streamed(
            sse(
                chunk({"content": "소음은"}),
                {
                    "error": {
                        "message": "The server had an error while processing your request.",
                        "type": "server_error",
                        "param": None,
                        "code": None,
                    }
                },
                done=False,
            )
        )
    )

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert not isinstance(caught.value, IncompleteStream)
    assert (caught.value.kind, caught.value.retryable) == ("server", True)
    assert "The server had an error" in str(caught.value)


async def test_stream_refused_before_it_starts_raises_the_status_error(provider, api):
    api.answer(
        error(
            429,
            "Rate limit reached for gpt-4o-mini.",
            type_="requests",
            code="rate_limit_exceeded",
            headers={"retry-after": "2"},
        )
    )

    with pytest.raises(ProviderError) as caught:
        await collect(provider, chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retry_after) == ("rate_limited", 429, 2.0)


async def test_bad_key_is_auth_and_not_retryable(provider, api):
    api.answer(
        error(
            401,
            "Incorrect API key provided: sk-test. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            type_="invalid_request_error",
            code="invalid_api_key",
        )
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("auth", 401, False)
    assert "Incorrect API key" in str(caught.value)


async def test_unknown_model_is_not_found(provider, api):
    api.answer(
        error(
            404,
            "The model `gpt-9` does not exist or you do not have access to it.",
            type_="invalid_request_error",
            code="model_not_found",
        )
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request(model="gpt-9"))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("not_found", 404, False)


async def test_bad_request_is_not_retryable(provider, api):
    api.answer(error(400, "Invalid schema for response_format 'Headline'.", type_="invalid_request_error", code=None))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.retryable) == ("bad_request", False)


async def test_rate_limit_is_retryable_after_the_servers_delay_and_sent_once(provider, api):
    api.answer(
        error(
            429,
            "Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM).",
            type_="requests",
            code="rate_limit_exceeded",
            headers={"retry-after": "7"},
        )
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status) == ("rate_limited", 429)
    assert caught.value.retryable and caught.value.retry_after == 7.0
    assert len(api.requests) == 1


async def test_server_error_is_retryable_and_sent_once(provider, api):
    api.answer(
        error(
            500,
            "The server had an error while processing your request. Sorry about that!",
            type_="server_error",
            code=None,
        )
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("server", 500, True)
    assert len(api.requests) == 1


@pytest.mark.parametrize("timeout", [httpx2.ReadTimeout("timed out"), httpx2.ConnectTimeout("timed out")])
async def test_timeout_is_retryable_and_sent_once(provider, api, timeout):
    api.answer(timeout)

    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())

    assert (caught.value.kind, caught.value.retryable, caught.value.status) == ("timeout", True, None)
    assert len(api.requests) == 1


async def test_request_timeout_is_given_to_the_transport(provider, api):
    api.answer(completion("ok"))

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
                "object": "list",
                "data": [
                    {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
                    {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
                    {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system"},
                ],
            },
        )
    )

    assert await provider.ping() == "3 models"
    assert str(api.requests[0].url) == f"{BASE_URL}/models"


async def test_ping_with_a_bad_key_raises_auth(provider, api):
    api.answer(
        error(401, "Incorrect API key provided: sk-test.", type_="invalid_request_error", code="invalid_api_key")
    )

    with pytest.raises(ProviderError) as caught:
        await provider.ping()

    assert caught.value.kind == "auth"


def test_reads_settings_at_construction(settings):
    settings.OPENAI_API_KEY = "sk-from-settings"
    settings.OPENAI_BASE_URL = "http://127.0.0.1:8000/v1"

    provider = OpenAIProvider()

    assert provider.configured()
    assert (provider.api_key, provider.base_url) == ("sk-from-settings", "http://127.0.0.1:8000/v1")


async def test_without_a_key_it_is_not_configured_and_refuses_calls(settings):
    settings.OPENAI_API_KEY = ""
    provider = OpenAIProvider()

    assert not provider.configured()
    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())
    assert caught.value.kind == "not_configured"


async def test_a_non_json_answer_to_a_plain_call_is_a_bad_response_not_a_crash(provider, api):
    # A proxy answering a non-streamed call with an event stream: the SDK returns the raw text.
    api.answer(httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=b"data: {}\n\n"))
    with pytest.raises(ProviderError) as caught:
        await provider.complete(chat_request())
    assert caught.value.kind == "bad_response"
