"""Embeddings: each provider's wire format, the bundled offline model, and the gateway's
batching, cache, ledger and fallback."""

from __future__ import annotations

import json
import re

import httpx
import httpx2
import numpy as np
import pytest
import respx

from sparklio.llm.errors import NoModelAvailable, ProviderError
from sparklio.llm.gateway import Gateway
from sparklio.llm.models import LLMCall
from sparklio.llm.providers.gemini_provider import GeminiProvider
from sparklio.llm.providers.offline_embeddings import OfflineEmbeddingProvider
from sparklio.llm.providers.ollama_provider import OllamaProvider
from sparklio.llm.providers.openai_provider import OpenAIProvider
from sparklio.llm.providers.registry import build_providers
from sparklio.llm.tests import wire
from sparklio.llm.types import EmbedRequest


def openai_embeddings(vectors, *, model="text-embedding-3-small", prompt_tokens=8, order=None) -> dict:
    order = order or range(len(vectors))
    return {
        "object": "list",
        "data": [{"object": "embedding", "index": i, "embedding": vectors[i]} for i in order],
        "model": model,
        "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
    }


# --- OpenAI: POST /v1/embeddings ----------------------------------------------------------------


async def test_openai_posts_the_texts_and_reads_vectors_by_index():
    seen = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        # the API may list the items in any order; `index` ties each to its input
        return httpx2.Response(200, json=openai_embeddings([[0.1, 0.2], [0.3, 0.4]], prompt_tokens=11, order=[1, 0]))

    provider = OpenAIProvider(
        api_key="sk-test",
        base_url="https://api.openai.test/v1",
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
    )
    try:
        reply = await provider.embed(
            EmbedRequest(model="text-embedding-3-small", texts=["첫째", "second"], dimensions=2, timeout=5)
        )
    finally:
        await provider.aclose()
    assert seen[0].url.path == "/v1/embeddings"
    assert json.loads(seen[0].content) == {
        "model": "text-embedding-3-small",
        "input": ["첫째", "second"],
        "encoding_format": "float",
        "dimensions": 2,
    }
    assert reply.vectors == [[0.1, 0.2], [0.3, 0.4]]
    assert reply.usage.input_tokens == 11
    assert reply.model == "text-embedding-3-small"


async def test_openai_rate_limit_is_a_retryable_error_with_its_wait():
    def handler(request):
        return httpx2.Response(
            429,
            headers={"retry-after": "3"},
            json={"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
        )

    provider = OpenAIProvider(
        api_key="sk-test",
        base_url="https://api.openai.test/v1",
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
    )
    try:
        with pytest.raises(ProviderError) as caught:
            await provider.embed(EmbedRequest(model="text-embedding-3-small", texts=["x"], timeout=5))
    finally:
        await provider.aclose()
    assert caught.value.kind == "rate_limited"
    assert caught.value.retryable
    assert caught.value.retry_after == 3


# --- Gemini: models/{model}:batchEmbedContents ---------------------------------------------------

BATCH_EMBED = re.compile(r"^https://gemini\.test/v1\w*/models/text-embedding-004:batchEmbedContents$")


async def test_gemini_sends_one_request_per_text_with_the_retrieval_task_type():
    gemini = GeminiProvider(api_key="test-key", base_url="https://gemini.test")
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(BATCH_EMBED).respond(
            json={"embeddings": [{"values": [0.5, -0.5, 0.0]}, {"values": [0.1, 0.2, 0.3]}]}
        )
        try:
            reply = await gemini.embed(
                EmbedRequest(
                    model="text-embedding-004", texts=["배터리 수명", "battery"], input_type="query", dimensions=3
                )
            )
        finally:
            await gemini.aclose()
    body = json.loads(route.calls.last.request.content)
    assert [item["content"]["parts"] for item in body["requests"]] == [[{"text": "배터리 수명"}], [{"text": "battery"}]]
    assert {item["taskType"] for item in body["requests"]} == {"RETRIEVAL_QUERY"}
    assert {item["outputDimensionality"] for item in body["requests"]} == {3}
    assert {item["model"] for item in body["requests"]} == {"models/text-embedding-004"}
    assert route.calls.last.request.headers["x-goog-api-key"] == "test-key"
    assert reply.vectors == [[0.5, -0.5, 0.0], [0.1, 0.2, 0.3]]


async def test_gemini_passages_are_retrieval_documents_and_errors_are_translated():
    gemini = GeminiProvider(api_key="test-key", base_url="https://gemini.test")
    with respx.mock() as mock:
        route = mock.post(BATCH_EMBED).respond(
            503, json={"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}
        )
        try:
            with pytest.raises(ProviderError) as caught:
                await gemini.embed(EmbedRequest(model="text-embedding-004", texts=["a passage"]))
        finally:
            await gemini.aclose()
    assert json.loads(route.calls.last.request.content)["requests"][0]["taskType"] == "RETRIEVAL_DOCUMENT"
    assert caught.value.kind == "server"
    assert caught.value.retryable


# --- Ollama: POST /api/embed -----------------------------------------------------------------------


async def test_ollama_posts_a_list_input_and_reads_embeddings():
    ollama = OllamaProvider(base_url=wire.OLLAMA)
    with respx.mock() as mock:
        route = mock.post(f"{wire.OLLAMA}/api/embed").respond(
            json={
                "model": "nomic-embed-text",
                "embeddings": [[0.01, 0.02], [0.03, 0.04]],
                "total_duration": 14143917,
                "load_duration": 1019500,
                "prompt_eval_count": 8,
            }
        )
        try:
            reply = await ollama.embed(EmbedRequest(model="nomic-embed-text", texts=["하나", "two"]))
        finally:
            await ollama.aclose()
    assert json.loads(route.calls.last.request.content) == {"model": "nomic-embed-text", "input": ["하나", "two"]}
    assert reply.vectors == [[0.01, 0.02], [0.03, 0.04]]
    assert reply.usage.input_tokens == 8


async def test_ollama_missing_model_is_not_found():
    ollama = OllamaProvider(base_url=wire.OLLAMA)
    with respx.mock() as mock:
        mock.post(f"{wire.OLLAMA}/api/embed").respond(
            404, json={"error": 'model "bge-m3" not found, try pulling it first'}
        )
        try:
            with pytest.raises(ProviderError) as caught:
                await ollama.embed(EmbedRequest(model="bge-m3", texts=["x"]))
        finally:
            await ollama.aclose()
    assert caught.value.kind == "not_found"
    assert "pulling" in str(caught.value)


# --- the bundled offline model ---------------------------------------------------------------------


async def test_offline_model_puts_a_korean_question_near_the_english_passage_that_answers_it():
    provider = OfflineEmbeddingProvider()
    passages = await provider.embed(
        EmbedRequest(
            model="multilingual-e5-small",
            texts=[
                "The X1 earbuds play for up to 24 hours with the charging case.",
                "Returns are accepted within 30 days of delivery.",
                "Our logo must keep a clear space of half its height on every side.",
            ],
        )
    )
    question = await provider.embed(
        EmbedRequest(model="multilingual-e5-small", texts=["X1 이어폰 배터리는 몇 시간 가나요?"], input_type="query")
    )
    matrix, query = np.array(passages.vectors), np.array(question.vectors[0])
    assert matrix.shape == (3, 384)
    scores = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query))
    assert int(np.argmax(scores)) == 0
    assert passages.usage.input_tokens > 0


async def test_offline_model_refuses_another_model_or_dimension():
    provider = OfflineEmbeddingProvider()
    with pytest.raises(ProviderError, match="only multilingual-e5-small"):
        await provider.embed(EmbedRequest(model="text-embedding-3-small", texts=["x"]))
    with pytest.raises(ProviderError, match="384"):
        await provider.embed(EmbedRequest(model="multilingual-e5-small", texts=["x"], dimensions=256))


# --- the gateway -------------------------------------------------------------------------------------


@pytest.fixture
def mock():
    api = wire.FakeAPI()
    yield api
    api.close()


@pytest.fixture
def openai_embedding(settings, mock):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{mock.base}/v1"
    settings.EMBEDDING_PROVIDER = "openai"
    settings.EMBEDDING_MODEL = ""
    settings.EMBEDDING_DIMENSIONS = 3
    settings.EMBEDDING_FALLBACK = True
    settings.LLM_MAX_ATTEMPTS = 2
    settings.LLM_COOLDOWN_FAILURES = 5
    return settings


async def no_sleep(seconds):
    return None


@pytest.fixture
def gateway(openai_embedding):
    return Gateway(build_providers(), sleep=no_sleep)


def vectors_for(body: dict) -> dict:
    # a distinct vector per text so the order can be checked
    return openai_embeddings([[float(len(text)), 1.0, 0.0] for text in body["input"]], prompt_tokens=len(body["input"]))


@pytest.mark.django_db(transaction=True)
async def test_gateway_batches_records_each_batch_and_serves_repeats_from_the_cache(gateway, mock, workspace):
    texts = ["a", "bb", "ccc", "dddd", "eeeee"]
    route = mock.route("POST", "/v1/embeddings").mock(
        side_effect=[
            httpx.Response(200, json=vectors_for({"input": batch})) for batch in (texts[:2], texts[2:4], texts[4:])
        ]
    )

    result = await gateway.aembed(texts, batch_size=2, workspace_id=workspace.pk)

    assert [json.loads(call.request.content)["input"] for call in route.calls] == [
        ["a", "bb"],
        ["ccc", "dddd"],
        ["eeeee"],
    ]
    assert [vector[0] for vector in result.vectors] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert (result.provider, result.model, result.dimensions) == ("openai", "text-embedding-3-small", 3)
    assert result.usage.input_tokens == 5
    rows = [row async for row in LLMCall.objects.filter(workspace=workspace).order_by("id")]
    assert [(row.purpose, row.provider, row.outcome) for row in rows] == [("embedding", "openai", "ok")] * 3
    assert sum(row.input_tokens for row in rows) == 5

    again = await gateway.aembed(["ccc", "a"], workspace_id=workspace.pk)
    assert len(route.calls) == 3  # nothing sent
    assert [vector[0] for vector in again.vectors] == [3.0, 1.0]
    assert again.cached == 2
    assert await LLMCall.objects.filter(workspace=workspace, outcome="cache_hit").acount() == 1


@pytest.mark.django_db(transaction=True)
async def test_gateway_falls_back_to_the_offline_model_for_the_whole_call(gateway, mock, workspace):
    failure = httpx.Response(500, json={"error": {"message": "boom", "type": "server_error"}})
    # the first batch succeeds, the second fails on both attempts
    mock.route("POST", "/v1/embeddings").mock(
        side_effect=[httpx.Response(200, json=vectors_for({"input": ["one", "two"]})), failure, failure]
    )

    result = await gateway.aembed(["one", "two", "세 번째"], batch_size=2, workspace_id=workspace.pk)

    # vectors of two models are never mixed: all three come from the offline model
    assert (result.provider, result.model, result.dimensions) == ("offline", "multilingual-e5-small", 384)
    assert len(result.vectors) == 3
    assert result.fallback_from == ["openai"]
    outcomes = [
        (row.provider, row.outcome, row.fallback)
        async for row in LLMCall.objects.filter(workspace=workspace).order_by("id")
    ]
    assert outcomes == [
        ("openai", "ok", False),
        ("openai", "server", False),
        ("openai", "server", False),
        ("offline", "ok", True),  # in batches of two as well
        ("offline", "ok", True),
    ]


@pytest.mark.django_db(transaction=True)
async def test_gateway_without_fallback_fails_and_a_short_reply_is_never_accepted(gateway, mock):
    mock.route("POST", "/v1/embeddings").respond(json=openai_embeddings([[1.0, 0.0, 0.0]]))  # one vector, two texts
    with pytest.raises(NoModelAvailable) as caught:
        await gateway.aembed(["one", "two"], provider="openai", fallback=False)
    assert "1 vectors for 2 texts" in str(caught.value)


@pytest.mark.django_db(transaction=True)
def test_sync_face_embeds_queries_offline_by_default(settings):
    settings.EMBEDDING_PROVIDER = "offline"
    result = Gateway().embed(["브랜드 색상은?"], input_type="query")
    assert (result.provider, result.dimensions) == ("offline", 384)
    assert LLMCall.objects.filter(provider="offline", purpose="embedding", outcome="ok").count() == 1


def test_unknown_provider_or_input_type_is_refused():
    with pytest.raises(ValueError, match="input_type"):
        Gateway().embed(["x"], input_type="document")
    with pytest.raises(ValueError, match="provider"):
        Gateway().embed(["x"], provider="nope")
    with pytest.raises(ValueError, match="empty"):
        Gateway().embed(["  "])
