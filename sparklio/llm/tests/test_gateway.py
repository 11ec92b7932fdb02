"""The gateway against real wire formats (respx): routing, retries, fallback, cooldown,
budgets, rate limits, cache, structured output, streaming and the ledger."""

import json
import time
from decimal import Decimal

import httpx
import pytest
from pydantic import BaseModel, Field

from sparklio.llm import limits
from sparklio.llm.errors import BudgetExceeded, NoModelAvailable, RateLimited, StructuredOutputError
from sparklio.llm.gateway import Delta, Done, FallbackNotice, Gateway
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy
from sparklio.llm.providers.registry import build_providers
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db(transaction=True)

HELLO = [{"role": "system", "content": "You write ad copy."}, {"role": "user", "content": "무선 이어폰 X1 헤드라인"}]


class Headline(BaseModel):
    text: str = Field(max_length=40)
    tone: str


@pytest.fixture
def mock():
    api = wire.FakeAPI()
    yield api
    api.close()


@pytest.fixture
def configured(settings, mock):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{mock.base}/v1"
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = mock.base
    settings.LLM_FALLBACK_CHAIN = ["openai", "anthropic"]
    settings.LLM_MAX_ATTEMPTS = 3
    settings.LLM_COOLDOWN_FAILURES = 5
    settings.LLM_RETRY_MAX_WAIT_SECONDS = 30
    return settings


class Sleeps(list):
    """Records the waits the retry loop asks for, without waiting."""

    async def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def gateway(configured, sleeps):
    return Gateway(build_providers(), sleep=sleeps)


def openai_route(mock):
    return mock.route("POST", "/v1/chat/completions")


def anthropic_route(mock):
    return mock.route("POST", "/v1/messages")


# --- the plain path and the ledger -------------------------------------------------------------


async def test_complete_answers_and_records_the_call(gateway, mock, workspace, user):
    route = openai_route(mock).respond(
        json=wire.openai_completion("X1, 하루 종일", prompt=1000, completion=100, cached=400)
    )

    result = await gateway.acomplete(HELLO, purpose="fast", workspace_id=workspace.id, user_id=user.id, cause=workspace)

    assert result.text == "X1, 하루 종일"
    assert (result.provider, result.model) == ("openai", "gpt-4o-mini-2024-07-18")
    assert result.usage.cached_input_tokens == 400
    body = json.loads(route.calls.last.request.content)
    assert body["model"] == "gpt-4o-mini"
    assert body["messages"][0] == {"role": "system", "content": "You write ad copy."}
    row = await LLMCall.objects.aget()
    assert (row.provider, row.purpose, row.outcome, row.attempt, row.fallback) == ("openai", "fast", "ok", 1, False)
    assert (row.input_tokens, row.output_tokens, row.cached_input_tokens) == (1000, 100, 400)
    # gpt-4o-mini: 600 fresh × 0.15 + 400 cached × 0.075 + 100 out × 0.60, per million
    assert row.cost_usd == Decimal("0.000180")
    assert result.cost_usd == pytest.approx(0.00018)
    assert (row.workspace_id, row.user_id, row.cause_id) == (workspace.id, user.id, workspace.id)
    assert row.latency_ms > 0


async def test_per_request_provider_and_model_choice(gateway, mock):
    route = anthropic_route(mock).respond(json=wire.anthropic_message("안녕하세요"))
    result = await gateway.acomplete(HELLO, provider="anthropic", model="claude-haiku-4-5")
    assert result.provider == "anthropic"
    body = json.loads(route.calls.last.request.content)
    assert body["model"] == "claude-haiku-4-5"
    assert body["system"] == "You write ad copy."


async def test_unknown_provider_is_a_clear_error(gateway):
    with pytest.raises(ValueError, match="provider: unknown provider 'gpt'"):
        await gateway.acomplete(HELLO, provider="gpt")


# --- retries, fallback, cooldown ----------------------------------------------------------------


async def test_5xx_is_retried_with_backoff_then_succeeds(gateway, mock, sleeps):
    route = openai_route(mock).mock(
        side_effect=[
            wire.openai_error(500, "The server had an error"),
            wire.openai_error(503, "Service unavailable"),
            httpx.Response(200, json=wire.openai_completion("ok")),
        ]
    )
    result = await gateway.acomplete(HELLO)
    assert result.text == "ok"
    assert route.call_count == 3
    assert len(sleeps) == 2 and all(0 <= s <= 30 for s in sleeps)
    outcomes = [row.outcome async for row in LLMCall.objects.order_by("attempt")]
    assert outcomes == ["server", "server", "ok"]


async def test_retry_after_is_honoured(gateway, mock, sleeps):
    openai_route(mock).mock(
        side_effect=[
            wire.openai_error(429, "Rate limit reached", headers={"retry-after": "2"}),
            httpx.Response(200, json=wire.openai_completion("ok")),
        ]
    )
    await gateway.acomplete(HELLO)
    assert sleeps == [2.0]


async def test_a_retry_after_longer_than_we_wait_falls_back_and_cools_the_provider(gateway, mock, sleeps):
    openai = openai_route(mock).respond(429, headers={"retry-after": "120"}, json={"error": {"message": "slow down"}})
    anthropic_route(mock).respond(json=wire.anthropic_message("대신 답합니다"))

    result = await gateway.acomplete(HELLO)

    assert result.provider == "anthropic"
    assert result.fallback_from == ["openai"]
    assert openai.call_count == 1 and sleeps == []
    assert limits.cooldown_until("openai") is not None
    await gateway.acomplete(HELLO)  # openai is skipped while it cools down
    assert openai.call_count == 1


async def test_non_retryable_error_falls_back_at_once(gateway, mock):
    openai = openai_route(mock).respond(
        401, json={"error": {"message": "Incorrect API key", "code": "invalid_api_key"}}
    )
    anthropic_route(mock).respond(json=wire.anthropic_message("ok"))
    result = await gateway.acomplete(HELLO)
    assert openai.call_count == 1
    assert result.provider == "anthropic"
    rows = [(r.provider, r.outcome, r.fallback) async for r in LLMCall.objects.order_by("id")]
    assert rows == [("openai", "auth", False), ("anthropic", "ok", True)]


async def test_cooldown_after_n_failures_is_shared_through_the_cache(configured, sleeps, mock):
    configured.LLM_MAX_ATTEMPTS = 1
    configured.LLM_COOLDOWN_FAILURES = 2
    configured.LLM_FALLBACK_CHAIN = ["openai"]
    openai = openai_route(mock).respond(500, json={"error": {"message": "boom"}})
    for _ in range(2):
        with pytest.raises(NoModelAvailable):
            await Gateway(build_providers(), sleep=sleeps).acomplete(HELLO)
    # A new gateway (another process would be the same: the state is in the cache) skips it.
    with pytest.raises(NoModelAvailable, match="cooling down"):
        await Gateway(build_providers(), sleep=sleeps).acomplete(HELLO)
    assert openai.call_count == 2


async def test_no_configured_provider_is_a_typed_outcome(settings):
    with pytest.raises(NoModelAvailable) as info:
        await Gateway(build_providers()).acomplete(HELLO)
    assert set(info.value.reasons) == set(settings.LLM_FALLBACK_CHAIN)
    assert await LLMCall.objects.acount() == 0


async def test_whole_chain_failing_is_a_typed_outcome_with_each_reason(gateway, mock, configured):
    configured.LLM_MAX_ATTEMPTS = 1
    openai_route(mock).respond(500, json={"error": {"message": "boom"}})
    anthropic_route(mock).respond(
        529, json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    )
    with pytest.raises(NoModelAvailable) as info:
        await gateway.acomplete(HELLO)
    assert set(info.value.reasons) == {"openai", "anthropic"}


# --- budgets and rate limits ---------------------------------------------------------------------


async def test_budget_refuses_before_sending(gateway, mock, workspace):
    route = openai_route(mock).respond(json=wire.openai_completion("never"))
    await WorkspaceLLMPolicy.objects.acreate(workspace=workspace, monthly_budget_usd=Decimal("0.01"))
    await LLMCall.objects.acreate(
        request_id="00000000-0000-0000-0000-000000000001",
        workspace=workspace,
        purpose="smart",
        provider="openai",
        model="gpt-4o",
        outcome="ok",
        cost_usd=Decimal("0.0099"),
    )
    with pytest.raises(BudgetExceeded) as info:
        await gateway.acomplete(HELLO, workspace_id=workspace.id, max_tokens=2000)
    assert info.value.budget == 0.01
    assert route.call_count == 0
    assert await LLMCall.objects.filter(outcome="budget_exceeded").acount() == 1


async def test_budget_allows_calls_under_the_cap(gateway, mock, workspace):
    openai_route(mock).respond(json=wire.openai_completion("fine"))
    await WorkspaceLLMPolicy.objects.acreate(workspace=workspace, monthly_budget_usd=Decimal("5"))
    assert (await gateway.acomplete(HELLO, workspace_id=workspace.id)).text == "fine"


async def test_workspace_rate_limit_refuses_with_the_wait(gateway, mock, workspace, settings):
    route = openai_route(mock).respond(json=wire.openai_completion("ok"))
    await WorkspaceLLMPolicy.objects.acreate(workspace=workspace, requests_per_minute=2)
    for _ in range(2):  # limits count per clock minute: a run straddling one starts over
        settings.LLM_STATE_NAMESPACE += "-again"
        minute = int(time.time() // 60)
        sent_before = route.call_count
        for _ in range(2):
            await gateway.acomplete(HELLO, workspace_id=workspace.id)
        refused = None
        try:
            await gateway.acomplete(HELLO, workspace_id=workspace.id)
        except RateLimited as exc:
            refused = exc
        if int(time.time() // 60) == minute:
            break
    assert refused is not None, "the third request of the minute was sent"
    assert 0 < refused.wait_seconds <= 60
    assert route.call_count - sent_before == 2
    assert await LLMCall.objects.filter(outcome="workspace_rate_limited").acount() >= 1


async def test_tokens_per_minute_counts_real_usage(gateway, mock, workspace):
    openai_route(mock).respond(json=wire.openai_completion("ok", prompt=900, completion=50))
    await WorkspaceLLMPolicy.objects.acreate(workspace=workspace, tokens_per_minute=1500)
    await gateway.acomplete(HELLO, workspace_id=workspace.id, max_tokens=100)
    with pytest.raises(RateLimited, match="tokens per minute"):
        await gateway.acomplete(HELLO, workspace_id=workspace.id, max_tokens=600)


# --- cache -----------------------------------------------------------------------------------------


async def test_deterministic_requests_are_answered_from_the_cache(gateway, mock):
    route = openai_route(mock).respond(json=wire.openai_completion("cached copy", prompt=20, completion=5))
    first = await gateway.acomplete(HELLO, temperature=0)
    second = await gateway.acomplete(HELLO, temperature=0)
    assert route.call_count == 1
    assert (second.text, second.cache_hit, second.cost_usd) == ("cached copy", True, 0.0)
    assert not first.cache_hit
    hit = await LLMCall.objects.aget(cache_hit=True)
    assert (hit.outcome, hit.cost_usd, hit.input_tokens) == ("cache_hit", 0, 20)


async def test_cache_opt_out_and_sampled_requests_are_sent(gateway, mock):
    route = openai_route(mock).respond(json=wire.openai_completion("fresh"))
    await gateway.acomplete(HELLO, temperature=0)
    await gateway.acomplete(HELLO, temperature=0, use_cache=False)
    await gateway.acomplete(HELLO, temperature=0.7)
    await gateway.acomplete(HELLO, temperature=0.7)
    assert route.call_count == 4


async def test_seed_makes_a_request_cacheable_and_part_of_the_key(gateway, mock):
    route = openai_route(mock).respond(json=wire.openai_completion("seeded"))
    await gateway.acomplete(HELLO, seed=7)
    await gateway.acomplete(HELLO, seed=7)
    await gateway.acomplete(HELLO, seed=8)
    assert route.call_count == 2


# --- structured output -------------------------------------------------------------------------------


async def test_structured_output_uses_strict_json_schema_and_validates(gateway, mock):
    route = openai_route(mock).respond(
        json=wire.openai_completion(json.dumps({"text": "하루 종일 조용하게", "tone": "calm"}))
    )
    result = await gateway.acomplete(HELLO, schema=Headline)
    assert result.data == Headline(text="하루 종일 조용하게", tone="calm")
    body = json.loads(route.calls.last.request.content)
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert fmt["json_schema"]["schema"]["required"] == ["text", "tone"]


async def test_invalid_structured_reply_gets_one_repair_with_the_error(gateway, mock):
    route = openai_route(mock).mock(
        side_effect=[
            httpx.Response(200, json=wire.openai_completion(json.dumps({"text": "x" * 60, "tone": "loud"}))),
            httpx.Response(200, json=wire.openai_completion(json.dumps({"text": "짧게", "tone": "calm"}))),
        ]
    )
    result = await gateway.acomplete(HELLO, schema=Headline)
    assert result.data.text == "짧게"
    repair = json.loads(route.calls[1].request.content)["messages"]
    assert repair[-2]["role"] == "assistant"
    assert "at most 40 characters" in repair[-1]["content"]
    assert result.usage.output_tokens == 6


async def test_structured_reply_invalid_twice_is_a_typed_error(gateway, mock):
    openai_route(mock).respond(json=wire.openai_completion("not json at all"))
    with pytest.raises(StructuredOutputError):
        await gateway.acomplete(HELLO, schema=Headline)
    assert await LLMCall.objects.filter(outcome="invalid_output").acount() == 1


# --- streaming ---------------------------------------------------------------------------------------


async def collect(stream):
    return [event async for event in stream]


async def test_stream_yields_deltas_then_done_with_usage(gateway, mock):
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["무선 ", "이어폰 ", "X1"])))
    events = await collect(gateway.astream(HELLO))
    assert [e.text for e in events if isinstance(e, Delta)] == ["무선 ", "이어폰 ", "X1"]
    done = events[-1]
    assert isinstance(done, Done) and done.result.text == "무선 이어폰 X1"
    assert (done.result.usage.input_tokens, done.result.usage.output_tokens) == (9, 3)
    row = await LLMCall.objects.aget()
    assert row.streamed and row.outcome == "ok" and row.ttft_ms is not None


async def test_stream_failure_before_first_token_falls_back_silently(gateway, mock, configured):
    configured.LLM_MAX_ATTEMPTS = 1
    openai_route(mock).respond(500, json={"error": {"message": "boom"}})
    anthropic_route(mock).mock(return_value=wire.sse_response(wire.anthropic_sse(["안녕", "하세요"])))
    events = await collect(gateway.astream(HELLO))
    assert not any(isinstance(e, FallbackNotice) for e in events)
    assert "".join(e.text for e in events if isinstance(e, Delta)) == "안녕하세요"
    assert events[-1].result.provider == "anthropic"
    assert events[-1].result.fallback_from == ["openai"]


async def test_stream_cut_mid_way_tells_the_consumer_and_falls_back(gateway, mock):
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["무선 ", "이어"], finish=None)))
    anthropic_route(mock).mock(return_value=wire.sse_response(wire.anthropic_sse(["새로 ", "시작"])))
    events = await collect(gateway.astream(HELLO))
    notice = next(e for e in events if isinstance(e, FallbackNotice))
    assert notice.mid_stream and notice.from_provider == "openai" and notice.to_provider == "anthropic"
    assert notice.discarded_text == "무선 이어"
    after = events[events.index(notice) + 1 :]
    assert "".join(e.text for e in after if isinstance(e, Delta)) == "새로 시작"
    assert isinstance(events[-1], Done) and events[-1].result.text == "새로 시작"
    outcomes = [(r.provider, r.outcome) async for r in LLMCall.objects.order_by("id")]
    assert outcomes == [("openai", "incomplete_stream"), ("anthropic", "ok")]


async def test_stream_cut_with_no_fallback_left_is_an_error_not_a_truncation(gateway, mock, configured):
    configured.LLM_FALLBACK_CHAIN = ["openai"]
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["half"], finish=None)))
    events = []
    with pytest.raises(NoModelAvailable, match="end marker"):
        async for event in Gateway(build_providers()).astream(HELLO):
            events.append(event)
    assert not any(isinstance(e, Done) for e in events)


async def test_a_stalled_stream_times_out_and_falls_back_instead_of_hanging(gateway, mock, configured):
    configured.LLM_MAX_ATTEMPTS = 1
    stalled = openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["late"])))
    stalled.stall_seconds = 3
    anthropic_route(mock).mock(return_value=wire.sse_response(wire.anthropic_sse(["on time"])))
    started = time.perf_counter()
    events = await collect(gateway.astream(HELLO, timeout=0.5))
    assert time.perf_counter() - started < 3
    assert events[-1].result.provider == "anthropic"
    assert await LLMCall.objects.filter(provider="openai", outcome="timeout").aexists()


async def test_cancelled_stream_closes_the_call_and_records_it(gateway, mock):
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["one ", "two ", "three"])))
    stream = gateway.astream(HELLO)
    first = await anext(stream)
    assert isinstance(first, Delta)
    await stream.aclose()
    row = await LLMCall.objects.aget()
    assert row.outcome == "cancelled"
    assert "5 characters" in row.error or "4 characters" in row.error


async def test_structured_stream_is_validated_at_the_end(gateway, mock):
    payload = json.dumps({"text": "X1", "tone": "calm"})
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse([payload[:10], payload[10:]])))
    events = await collect(gateway.astream(HELLO, schema=Headline))
    assert events[-1].result.data == Headline(text="X1", tone="calm")


# --- the sync face -------------------------------------------------------------------------------------


def test_sync_complete_answers_on_the_process_loop(configured, mock):
    openai_route(mock).respond(json=wire.openai_completion("sync ok"))
    assert Gateway().complete(HELLO, purpose="fast").text == "sync ok"


async def test_closing_a_stream_after_done_records_no_cancellation(gateway, mock):
    openai_route(mock).mock(return_value=wire.sse_response(wire.openai_sse(["끝까지 ", "받음"])))
    stream = gateway.astream(HELLO)
    async for event in stream:
        if isinstance(event, Done):
            break
    await stream.aclose()
    assert [row.outcome async for row in LLMCall.objects.all()] == ["ok"]


async def test_one_call_spending_its_retries_counts_once_towards_cooldown(gateway, mock, configured):
    configured.LLM_COOLDOWN_FAILURES = 2
    configured.LLM_FALLBACK_CHAIN = ["openai"]
    openai_route(mock).mock(
        side_effect=[wire.openai_error(503, "busy")] * 3 + [httpx.Response(200, json=wire.openai_completion("ok"))]
    )
    with pytest.raises(NoModelAvailable):
        await gateway.acomplete(HELLO)  # three 503s: one failed call
    assert limits.cooldown_until("openai") is None
    assert (await gateway.acomplete(HELLO)).text == "ok"


async def test_cached_answers_are_not_shared_between_workspaces(gateway, mock, workspace, other_workspace):
    route = openai_route(mock).respond(json=wire.openai_completion("우리 답"))
    await gateway.acomplete(HELLO, temperature=0, workspace_id=workspace.id)
    theirs = await gateway.acomplete(HELLO, temperature=0, workspace_id=other_workspace.id)
    assert route.call_count == 2 and not theirs.cache_hit
    assert (await gateway.acomplete(HELLO, temperature=0, workspace_id=workspace.id)).cache_hit
