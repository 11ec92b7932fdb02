"""GeminiProvider against the Gemini REST API as it answers on the wire (respx fakes httpx
under the google-genai SDK)."""

import base64
import json
import re

import httpx
import pytest
import respx

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.gemini_provider import GeminiProvider
from sparklio.llm.types import (
    ImagePart,
    Message,
    ProviderRequest,
    StreamEnd,
    StructuredSpec,
    TextDelta,
    Usage,
)

BASE_URL = "https://gemini.test"
# The SDK picks the API version (v1 or v1beta); the rest of the path is Gemini's REST contract.
GENERATE = re.compile(r"^https://gemini\.test/v1\w*/models/gemini-2\.5-flash:generateContent$")
STREAM = re.compile(r"^https://gemini\.test/v1\w*/models/gemini-2\.5-flash:streamGenerateContent\?alt=sse$")
MODELS = re.compile(r"^https://gemini\.test/v1\w*/models(\?.*)?$")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture
def wire():
    with respx.mock(assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def provider():
    gemini = GeminiProvider(api_key="test-key", base_url=BASE_URL)
    yield gemini
    await gemini.aclose()


def ask(*messages: Message, **kwargs) -> ProviderRequest:
    return ProviderRequest(model="gemini-2.5-flash", messages=list(messages), **kwargs)


def user(text: str, **kwargs) -> Message:
    return Message(role="user", content=text, **kwargs)


def sent(route) -> dict:
    return json.loads(route.calls.last.request.content)


def answer(text: str, *, finish="STOP", usage=None, model_version="gemini-2.5-flash") -> dict:
    body = {
        "candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": finish, "index": 0}],
        "usageMetadata": usage
        or {
            "promptTokenCount": 14,
            "candidatesTokenCount": 9,
            "totalTokenCount": 23,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 14}],
        },
        "responseId": "mT0oaLeKIsWc1PIP1ou0wAU",
    }
    if model_version:
        body["modelVersion"] = model_version
    return body


def google_error(code: int, status: str, message: str, details: list | None = None) -> dict:
    error = {"code": code, "message": message, "status": status}
    if details is not None:
        error["details"] = details
    return {"error": error}


def sse(*events: dict) -> bytes:
    return b"".join(b"data: " + json.dumps(event).encode() + b"\r\n\r\n" for event in events)


def sse_response(body: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


STREAM_EVENTS = [
    {
        "candidates": [{"content": {"parts": [{"text": "Sparkling"}], "role": "model"}, "index": 0}],
        "usageMetadata": {"promptTokenCount": 11, "totalTokenCount": 11},
        "modelVersion": "gemini-2.5-flash",
        "responseId": "qj0oaOzZBpbZ1PIPg6q2iQQ",
    },
    {
        "candidates": [{"content": {"parts": [{"text": " ideas, bright"}], "role": "model"}, "index": 0}],
        "usageMetadata": {"promptTokenCount": 11, "totalTokenCount": 11},
        "modelVersion": "gemini-2.5-flash",
        "responseId": "qj0oaOzZBpbZ1PIPg6q2iQQ",
    },
    {
        "candidates": [
            {"content": {"parts": [{"text": " brands."}], "role": "model"}, "finishReason": "STOP", "index": 0}
        ],
        "usageMetadata": {
            "promptTokenCount": 11,
            "candidatesTokenCount": 6,
            "totalTokenCount": 49,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 11}],
            "thoughtsTokenCount": 32,
        },
        "modelVersion": "gemini-2.5-flash",
        "responseId": "qj0oaOzZBpbZ1PIPg6q2iQQ",
    },
]


async def collect(provider, request):
    return [chunk async for chunk in provider.stream(request)]


# --- non-streamed ---------------------------------------------------------------------------


async def test_complete_sends_system_instruction_and_turns_and_returns_the_text(wire, provider):
    route = wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer("Hello, Sparklio!")))

    reply = await provider.complete(
        ask(
            Message(role="system", content="You write short taglines."),
            user("Hi"),
            Message(role="assistant", content="Hello! What are we launching?"),
            user("A sparkling water brand."),
            temperature=0.4,
            seed=7,
            max_tokens=256,
        )
    )

    assert reply.text == "Hello, Sparklio!"
    assert reply.finish_reason == "STOP"
    assert reply.model == "gemini-2.5-flash"
    request = route.calls.last.request
    assert request.headers["x-goog-api-key"] == "test-key"
    body = sent(route)
    assert body["systemInstruction"]["parts"] == [{"text": "You write short taglines."}]
    assert [(c["role"], c["parts"]) for c in body["contents"]] == [
        ("user", [{"text": "Hi"}]),
        ("model", [{"text": "Hello! What are we launching?"}]),
        ("user", [{"text": "A sparkling water brand."}]),
    ]
    assert body["generationConfig"] == {"temperature": 0.4, "maxOutputTokens": 256, "seed": 7}


async def test_complete_without_model_version_reports_the_requested_model(wire, provider):
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer("ok", model_version=None)))

    reply = await provider.complete(ask(user("Hi")))

    assert reply.model == "gemini-2.5-flash"


async def test_structured_output_passes_the_json_schema_natively(wire, provider):
    schema = {
        "type": "object",
        "properties": {"headline": {"type": "string"}, "score": {"type": "integer"}},
        "required": ["headline", "score"],
        "additionalProperties": False,
    }
    document = '{"headline": "Taste the spark", "score": 8}'
    route = wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer(document)))

    reply = await provider.complete(ask(user("One headline."), structured=StructuredSpec("headline", schema)))

    assert json.loads(reply.text) == {"headline": "Taste the spark", "score": 8}
    config = sent(route)["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"] == schema
    assert "responseSchema" not in config


async def test_usage_counts_thinking_as_output_and_reports_cached_prompt_tokens(wire, provider):
    usage = {
        "promptTokenCount": 2061,
        "candidatesTokenCount": 42,
        "totalTokenCount": 2231,
        "cachedContentTokenCount": 2048,
        "thoughtsTokenCount": 128,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 2061}],
        "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 2048}],
    }
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer("ok", usage=usage)))

    reply = await provider.complete(ask(user("Hi")))

    assert reply.usage == Usage(input_tokens=2061, output_tokens=42 + 128, cached_input_tokens=2048)


async def test_thought_parts_are_not_part_of_the_text(wire, provider):
    body = answer("")
    body["candidates"][0]["content"]["parts"] = [
        {"text": "**Weighing tone**\nThe user wants...", "thought": True},
        {"text": "Taste the spark."},
    ]
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=body))

    reply = await provider.complete(ask(user("Hi")))

    assert reply.text == "Taste the spark."


async def test_safety_stop_is_a_finish_reason_not_an_error(wire, provider):
    body = {
        "candidates": [
            {
                "finishReason": "SAFETY",
                "index": 0,
                "safetyRatings": [
                    {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True}
                ],
            }
        ],
        "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12},
        "modelVersion": "gemini-2.5-flash",
    }
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=body))

    reply = await provider.complete(ask(user("...")))

    assert (reply.text, reply.finish_reason) == ("", "SAFETY")


async def test_blocked_prompt_reports_the_block_reason(wire, provider):
    body = {
        "promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
        "usageMetadata": {"promptTokenCount": 9, "totalTokenCount": 9},
        "modelVersion": "gemini-2.5-flash",
    }
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=body))

    reply = await provider.complete(ask(user("...")))

    assert (reply.text, reply.finish_reason) == ("", "PROHIBITED_CONTENT")


async def test_a_continuation_stop_is_returned_not_followed(wire, provider):
    body = answer("Part one of a long answer", finish="CONTINUATION")
    body["candidates"][0]["continuationToken"] = "Q2hlY2twb2ludC0x"
    route = wire.post(url__regex=GENERATE).mock(
        side_effect=[httpx.Response(200, json=body), httpx.Response(200, json=answer(" and part two."))]
    )

    reply = await provider.complete(ask(user("Write a long essay.")))

    # The SDK would resend the request on its own; one gateway call stays one HTTP request.
    assert reply.finish_reason == "CONTINUATION"
    assert route.call_count == 1


async def test_images_are_sent_as_inline_data_before_the_text(wire, provider):
    route = wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer("A red logo.")))
    image = ImagePart(media_type="image/png", data_b64=base64.b64encode(PNG).decode())

    await provider.complete(ask(user("Describe this logo.", images=[image])))

    [content] = sent(route)["contents"]
    image_part, text_part = content["parts"]
    assert text_part == {"text": "Describe this logo."}
    inline = image_part["inlineData"]
    assert inline.get("mimeType", inline.get("mime_type")) == "image/png"
    # The SDK writes bytes as URL-safe base64, which the API accepts like standard base64.
    assert base64.urlsafe_b64decode(inline["data"]) == PNG


async def test_the_request_timeout_reaches_the_wire(wire, provider):
    route = wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(200, json=answer("ok")))

    await provider.complete(ask(user("Hi"), timeout=12.5))

    request = route.calls.last.request
    assert request.extensions["timeout"]["read"] == pytest.approx(12.5)
    assert request.headers["x-server-timeout"] == "13"


# --- streamed -------------------------------------------------------------------------------


async def test_stream_yields_text_then_one_end_with_the_final_usage(wire, provider):
    route = wire.post(url__regex=STREAM).mock(return_value=sse_response(sse(*STREAM_EVENTS)))

    chunks = await collect(provider, ask(user("Tagline?")))

    assert chunks == [
        TextDelta("Sparkling"),
        TextDelta(" ideas, bright"),
        TextDelta(" brands."),
        StreamEnd(usage=Usage(input_tokens=11, output_tokens=6 + 32), finish_reason="STOP", model="gemini-2.5-flash"),
    ]
    assert sent(route)["contents"] == [{"role": "user", "parts": [{"text": "Tagline?"}]}]


async def test_stream_cut_before_the_finish_reason_is_incomplete(wire, provider):
    wire.post(url__regex=STREAM).mock(return_value=sse_response(sse(*STREAM_EVENTS[:2])))
    seen = []

    with pytest.raises(IncompleteStream) as caught:
        async for chunk in provider.stream(ask(user("Tagline?"))):
            seen.append(chunk)

    assert seen == [TextDelta("Sparkling"), TextDelta(" ideas, bright")]
    assert caught.value.retryable
    assert caught.value.kind == "incomplete_stream"


class _BrokenBody(httpx.AsyncByteStream):
    """Sends the first bytes, then the connection drops."""

    def __init__(self, first: bytes):
        self.first = first

    async def __aiter__(self):
        yield self.first
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


async def test_stream_whose_connection_drops_is_incomplete(wire, provider):
    wire.post(url__regex=STREAM).mock(
        return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=_BrokenBody(sse(STREAM_EVENTS[0]))
        )
    )

    with pytest.raises(IncompleteStream) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)


async def test_stream_safety_stop_ends_the_stream_with_that_reason(wire, provider):
    blocked = {
        "candidates": [{"finishReason": "SAFETY", "index": 0}],
        "usageMetadata": {"promptTokenCount": 11, "totalTokenCount": 11},
        "modelVersion": "gemini-2.5-flash",
    }
    wire.post(url__regex=STREAM).mock(return_value=sse_response(sse(STREAM_EVENTS[0], blocked)))

    chunks = await collect(provider, ask(user("...")))

    assert chunks[0] == TextDelta("Sparkling")
    assert chunks[-1].finish_reason == "SAFETY"


async def test_stream_error_event_after_the_headers_is_a_provider_error(wire, provider):
    failure = google_error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
    wire.post(url__regex=STREAM).mock(return_value=sse_response(sse(STREAM_EVENTS[0], failure)))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("server", 503, True)


async def test_stream_refused_before_it_starts_maps_the_status(wire, provider):
    route = wire.post(url__regex=STREAM).mock(
        return_value=httpx.Response(429, json=google_error(429, "RESOURCE_EXHAUSTED", "Resource exhausted."))
    )

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert (caught.value.kind, caught.value.retryable) == ("rate_limited", True)
    assert route.call_count == 1


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, google_error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")),
        (403, google_error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.")),
        (
            400,
            google_error(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                [
                    {
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "API_KEY_INVALID",
                        "domain": "googleapis.com",
                        "metadata": {"service": "generativelanguage.googleapis.com"},
                    }
                ],
            ),
        ),
    ],
)
async def test_refused_credentials_are_auth_errors_and_not_retryable(wire, provider, status, body):
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(status, json=body))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("auth", status, False)


async def test_invalid_request_is_a_bad_request(wire, provider):
    body = google_error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified\n")
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(400, json=body))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("bad_request", False)


async def test_unknown_model_is_not_found(wire, provider):
    body = google_error(
        404,
        "NOT_FOUND",
        "models/gemini-2.5-flash is not found for API version v1beta, or is not supported for generateContent. "
        "Call ListModels to see the list of available models and their supported methods.",
    )
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(404, json=body))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("not_found", 404, False)
    assert "is not found" in str(caught.value)


QUOTA_429 = google_error(
    429,
    "RESOURCE_EXHAUSTED",
    "You exceeded your current quota, please check your plan and billing details. Please retry in 7.35s.",
    [
        {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            "violations": [
                {
                    "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                    "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                    "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                    "quotaValue": "10",
                }
            ],
        },
        {
            "@type": "type.googleapis.com/google.rpc.Help",
            "links": [{"description": "Learn more", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}],
        },
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "7s"},
    ],
)


async def test_rate_limit_reads_retry_delay_and_sends_one_request(wire, provider):
    route = wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(429, json=QUOTA_429))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    error = caught.value
    assert (error.kind, error.status, error.retryable, error.retry_after) == ("rate_limited", 429, True, 7.0)
    assert route.call_count == 1


async def test_rate_limit_prefers_a_retry_after_header(wire, provider):
    wire.post(url__regex=GENERATE).mock(return_value=httpx.Response(429, headers={"Retry-After": "20"}, json=QUOTA_429))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert caught.value.retry_after == 20.0


@pytest.mark.parametrize(
    ("status", "grpc_status", "message"),
    [
        (
            500,
            "INTERNAL",
            "An internal error has occurred. Please retry or report in "
            "https://developers.generativeai.google/guide/troubleshooting",
        ),
        (503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
    ],
)
async def test_server_errors_are_retryable_and_sent_once(wire, provider, status, grpc_status, message):
    route = wire.post(url__regex=GENERATE).mock(
        return_value=httpx.Response(status, json=google_error(status, grpc_status, message))
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("server", status, True)
    assert route.call_count == 1


async def test_timeout_is_a_retryable_timeout_sent_once(wire, provider):
    route = wire.post(url__regex=GENERATE).mock(side_effect=httpx.ReadTimeout("The read operation timed out"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)
    assert route.call_count == 1


async def test_unreachable_api_is_a_retryable_connection_error(wire, provider):
    route = wire.post(url__regex=STREAM).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("connection", True)
    assert route.call_count == 1


# --- ping, configuration --------------------------------------------------------------------


def listed(*names: str, next_page: str | None = None) -> dict:
    body = {
        "models": [
            {
                "name": f"models/{name}",
                "version": "001",
                "displayName": name,
                "inputTokenLimit": 1048576,
                "outputTokenLimit": 65536,
                "supportedGenerationMethods": ["generateContent", "countTokens"],
            }
            for name in names
        ]
    }
    if next_page:
        body["nextPageToken"] = next_page
    return body


async def test_ping_counts_the_models_across_pages(wire, provider):
    route = wire.get(url__regex=MODELS).mock(
        side_effect=[
            httpx.Response(200, json=listed("gemini-2.5-flash", "gemini-2.5-pro", next_page="Cg5nZW1pbmk")),
            httpx.Response(200, json=listed("text-embedding-004")),
        ]
    )

    assert await provider.ping() == "3 models"
    first, second = (call.request for call in route.calls)
    assert first.url.params["pageSize"] == "1000"
    assert second.url.params["pageToken"] == "Cg5nZW1pbmk"


async def test_ping_with_a_refused_key_raises(wire, provider):
    wire.get(url__regex=MODELS).mock(
        return_value=httpx.Response(403, json=google_error(403, "PERMISSION_DENIED", "Permission denied."))
    )

    with pytest.raises(ProviderError) as caught:
        await provider.ping()

    assert caught.value.kind == "auth"


async def test_without_a_key_it_is_not_configured_and_sends_nothing(wire):
    gemini = GeminiProvider(api_key="", base_url=BASE_URL)

    assert not gemini.configured()
    with pytest.raises(ProviderError) as caught:
        await gemini.complete(ask(user("Hi")))
    assert caught.value.kind == "not_configured"
    assert not wire.calls
    await gemini.aclose()


async def test_default_base_url_is_googles(wire, monkeypatch):
    monkeypatch.delenv("GOOGLE_GEMINI_BASE_URL", raising=False)
    route = wire.post(
        url__regex=r"^https://generativelanguage\.googleapis\.com/v1\w*/models/gemini-2\.5-flash:generateContent$"
    ).mock(return_value=httpx.Response(200, json=answer("ok")))
    gemini = GeminiProvider(api_key="test-key", base_url="")

    assert (await gemini.complete(ask(user("Hi")))).text == "ok"
    assert route.call_count == 1
    await gemini.aclose()
