"""OllamaProvider against Ollama's native API as it answers on the wire (respx fakes httpx)."""

import json

import httpx
import pytest
import respx

from sparklio.llm.errors import IncompleteStream, ProviderError
from sparklio.llm.providers.ollama_provider import OllamaProvider
from sparklio.llm.types import (
    ImagePart,
    Message,
    ProviderRequest,
    StreamEnd,
    StructuredSpec,
    TextDelta,
    Usage,
)

BASE_URL = "http://ollama.test:11434"
CHAT = f"{BASE_URL}/api/chat"
TAGS = f"{BASE_URL}/api/tags"
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture
def wire():
    with respx.mock(assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def provider():
    ollama = OllamaProvider(base_url=BASE_URL)
    yield ollama
    await ollama.aclose()


def ask(*messages: Message, model="qwen2.5:7b", **kwargs) -> ProviderRequest:
    return ProviderRequest(model=model, messages=list(messages), **kwargs)


def user(text: str, **kwargs) -> Message:
    return Message(role="user", content=text, **kwargs)


def sent(route) -> dict:
    return json.loads(route.calls.last.request.content)


def answer(text: str, *, model="qwen2.5:7b", done_reason="stop") -> dict:
    return {
        "model": model,
        "created_at": "2025-05-20T09:14:02.118235Z",
        "message": {"role": "assistant", "content": text},
        "done_reason": done_reason,
        "done": True,
        "total_duration": 1843209875,
        "load_duration": 27460417,
        "prompt_eval_count": 31,
        "prompt_eval_duration": 151000000,
        "eval_count": 6,
        "eval_duration": 1660000000,
    }


def delta(text: str) -> dict:
    return {
        "model": "qwen2.5:7b",
        "created_at": "2025-05-20T09:14:01.512345Z",
        "message": {"role": "assistant", "content": text},
        "done": False,
    }


def ndjson(*events: dict) -> bytes:
    return b"".join(json.dumps(event).encode() + b"\n" for event in events)


STREAM_EVENTS = [delta("Taste"), delta(" the"), delta(" spark."), answer("")]


async def collect(provider, request):
    return [chunk async for chunk in provider.stream(request)]


# --- non-streamed ---------------------------------------------------------------------------


async def test_complete_posts_the_chat_and_returns_text_usage_and_reason(wire, provider):
    route = wire.post(CHAT).mock(return_value=httpx.Response(200, json=answer("Taste the spark.")))

    reply = await provider.complete(
        ask(
            Message(role="system", content="You write short taglines."),
            user("Hi"),
            Message(role="assistant", content="What are we launching?"),
            user("A sparkling water brand."),
            temperature=0.4,
            seed=7,
            max_tokens=256,
        )
    )

    assert reply.text == "Taste the spark."
    assert reply.usage == Usage(input_tokens=31, output_tokens=6)
    assert reply.finish_reason == "stop"
    assert reply.model == "qwen2.5:7b"
    assert sent(route) == {
        "model": "qwen2.5:7b",
        "messages": [
            {"role": "system", "content": "You write short taglines."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "What are we launching?"},
            {"role": "user", "content": "A sparkling water brand."},
        ],
        "stream": False,
        "options": {"temperature": 0.4, "seed": 7, "num_predict": 256},
    }


async def test_length_stop_is_reported_as_the_finish_reason(wire, provider):
    wire.post(CHAT).mock(return_value=httpx.Response(200, json=answer("Taste the", done_reason="length")))

    reply = await provider.complete(ask(user("Hi"), max_tokens=2))

    assert reply.finish_reason == "length"


async def test_structured_output_sends_the_schema_as_format(wire, provider):
    schema = {
        "type": "object",
        "properties": {"headline": {"type": "string"}, "score": {"type": "integer"}},
        "required": ["headline", "score"],
    }
    route = wire.post(CHAT).mock(
        return_value=httpx.Response(200, json=answer('{"headline": "Taste the spark", "score": 8}'))
    )

    reply = await provider.complete(ask(user("One headline."), structured=StructuredSpec("headline", schema)))

    assert json.loads(reply.text) == {"headline": "Taste the spark", "score": 8}
    assert sent(route)["format"] == schema


async def test_images_travel_as_base64_strings_on_the_message(wire, provider):
    route = wire.post(CHAT).mock(return_value=httpx.Response(200, json=answer("A red logo.", model="llava:13b")))
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    jpeg = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////2wBDAf/"

    images = [ImagePart(media_type="image/png", data_b64=png), ImagePart(media_type="image/jpeg", data_b64=jpeg)]

    await provider.complete(ask(user("Compare these logos.", images=images), model="llava:13b"))

    assert sent(route)["messages"] == [{"role": "user", "content": "Compare these logos.", "images": [png, jpeg]}]


async def test_the_request_timeout_is_the_http_timeout(wire, provider):
    route = wire.post(CHAT).mock(return_value=httpx.Response(200, json=answer("ok")))

    await provider.complete(ask(user("Hi"), timeout=12.5))

    assert route.calls.last.request.extensions["timeout"] == {
        "connect": 12.5,
        "read": 12.5,
        "write": 12.5,
        "pool": 12.5,
    }


# --- streamed -------------------------------------------------------------------------------


async def test_stream_yields_each_line_then_one_end_with_the_counts(wire, provider):
    route = wire.post(CHAT).mock(return_value=httpx.Response(200, headers=NDJSON, content=ndjson(*STREAM_EVENTS)))

    chunks = await collect(provider, ask(user("Tagline?")))

    assert chunks == [
        TextDelta("Taste"),
        TextDelta(" the"),
        TextDelta(" spark."),
        StreamEnd(usage=Usage(input_tokens=31, output_tokens=6), finish_reason="stop", model="qwen2.5:7b"),
    ]
    assert sent(route)["stream"] is True


async def test_stream_without_the_done_line_is_incomplete(wire, provider):
    wire.post(CHAT).mock(return_value=httpx.Response(200, headers=NDJSON, content=ndjson(*STREAM_EVENTS[:2])))
    seen = []

    with pytest.raises(IncompleteStream) as caught:
        async for chunk in provider.stream(ask(user("Tagline?"))):
            seen.append(chunk)

    assert seen == [TextDelta("Taste"), TextDelta(" the")]
    assert caught.value.retryable


async def test_stream_with_a_half_written_last_line_is_incomplete(wire, provider):
    body = ndjson(*STREAM_EVENTS[:2]) + b'{"model":"qwen2.5:7b","created_at":"2025-05-20T09:14:01.6Z","mess'
    wire.post(CHAT).mock(return_value=httpx.Response(200, headers=NDJSON, content=body))

    with pytest.raises(IncompleteStream):
        await collect(provider, ask(user("Tagline?")))


class _BrokenBody(httpx.AsyncByteStream):
    """Sends the first bytes, then the connection drops."""

    def __init__(self, first: bytes):
        self.first = first

    async def __aiter__(self):
        yield self.first
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


async def test_stream_whose_connection_drops_is_incomplete(wire, provider):
    wire.post(CHAT).mock(return_value=httpx.Response(200, headers=NDJSON, stream=_BrokenBody(ndjson(delta("Taste")))))

    with pytest.raises(IncompleteStream) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)


async def test_stream_error_line_is_a_provider_error(wire, provider):
    body = ndjson(delta("Taste"), {"error": "an error was encountered while running the model: unexpected EOF"})
    wire.post(CHAT).mock(return_value=httpx.Response(200, headers=NDJSON, content=body))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert not isinstance(caught.value, IncompleteStream)
    assert "unexpected EOF" in str(caught.value)


async def test_stream_refused_before_it_starts_maps_the_status(wire, provider):
    wire.post(CHAT).mock(return_value=httpx.Response(404, json={"error": "model 'qwen2.5:7b' not found"}))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Tagline?")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("not_found", 404, False)


# --- errors ---------------------------------------------------------------------------------


async def test_unknown_model_is_not_found(wire, provider):
    wire.post(CHAT).mock(return_value=httpx.Response(404, json={"error": "model 'llava:34b' not found"}))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi"), model="llava:34b"))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("not_found", 404, False)
    assert "model 'llava:34b' not found" in str(caught.value)


@pytest.mark.parametrize("status", [401, 403])
async def test_refused_credentials_are_auth_errors_and_not_retryable(wire, provider, status):
    wire.post(CHAT).mock(return_value=httpx.Response(status, json={"error": "unauthorized"}))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("auth", status, False)


async def test_rate_limit_is_retryable_after_the_given_wait_and_sent_once(wire, provider):
    route = wire.post(CHAT).mock(
        return_value=httpx.Response(429, headers={"Retry-After": "4"}, json={"error": "too many requests"})
    )

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    error = caught.value
    assert (error.kind, error.status, error.retryable, error.retry_after) == ("rate_limited", 429, True, 4.0)
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (500, "llama runner process has terminated: exit status 2"),
        (503, "server busy, please try again.  maximum pending requests exceeded"),
    ],
)
async def test_server_errors_are_retryable_and_sent_once(wire, provider, status, message):
    route = wire.post(CHAT).mock(return_value=httpx.Response(status, json={"error": message}))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.status, caught.value.retryable) == ("server", status, True)
    assert message in str(caught.value)
    assert route.call_count == 1


async def test_timeout_is_a_retryable_timeout(wire, provider):
    route = wire.post(CHAT).mock(side_effect=httpx.ReadTimeout("timed out"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)
    assert route.call_count == 1


async def test_stream_timeout_is_a_retryable_timeout(wire, provider):
    wire.post(CHAT).mock(side_effect=httpx.ReadTimeout("timed out"))

    with pytest.raises(ProviderError) as caught:
        await collect(provider, ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)


async def test_refused_connection_is_a_retryable_connection_error(wire, provider):
    wire.post(CHAT).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))

    with pytest.raises(ProviderError) as caught:
        await provider.complete(ask(user("Hi")))

    assert (caught.value.kind, caught.value.retryable) == ("connection", True)


# --- ping, configuration --------------------------------------------------------------------


def tag(name: str, family: str, size: str) -> dict:
    return {
        "name": name,
        "model": name,
        "modified_at": "2025-05-02T10:21:07.2283413+02:00",
        "size": 4683087332,
        "digest": "845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e",
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": family,
            "families": [family],
            "parameter_size": size,
            "quantization_level": "Q4_K_M",
        },
    }


async def test_ping_counts_the_local_models(wire, provider):
    wire.get(TAGS).mock(
        return_value=httpx.Response(
            200, json={"models": [tag("qwen2.5:7b", "qwen2", "7.6B"), tag("llava:13b", "llama", "13B")]}
        )
    )

    assert await provider.ping() == "2 models"


async def test_ping_of_a_stopped_server_raises(wire, provider):
    wire.get(TAGS).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))

    with pytest.raises(ProviderError) as caught:
        await provider.ping()

    assert caught.value.kind == "connection"


async def test_without_a_base_url_it_is_not_configured_and_sends_nothing(wire):
    ollama = OllamaProvider(base_url="")

    assert not ollama.configured()
    with pytest.raises(ProviderError) as caught:
        await ollama.complete(ask(user("Hi")))
    assert caught.value.kind == "not_configured"
    with pytest.raises(ProviderError):
        await collect(ollama, ask(user("Hi")))
    assert not wire.calls
    await ollama.aclose()
