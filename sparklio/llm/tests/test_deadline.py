"""A stalling provider is bounded: the whole call, retries and fallbacks included, waits at most
its deadline (twice the timeout by default), then the caller's offline baseline answers."""

import time

import pytest

from generators.services import generator_run
from sparklio.llm.errors import NoModelAvailable
from sparklio.llm.gateway import Gateway
from sparklio.llm.providers.registry import build_providers
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db(transaction=True)

HELLO = [{"role": "user", "content": "A headline for the Nimbus 2 earbuds"}]
TIMEOUT = 1.0
SLACK = 0.8  # ledger rows and client set-up around the waits


@pytest.fixture
def stalling(settings):
    """OpenAI and Anthropic on loopback, both sending headers and then nothing for 30 s."""
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = api.base
    settings.LLM_FALLBACK_CHAIN = ["openai", "anthropic"]
    settings.LLM_MAX_ATTEMPTS = 3  # six upstream attempts without a deadline
    settings.LLM_COOLDOWN_FAILURES = 100
    settings.LLM_TIMEOUT_SECONDS = TIMEOUT
    settings.LLM_CALL_DEADLINE_SECONDS = 0  # the default: twice the timeout
    for route, body in [
        (api.route("POST", "/v1/chat/completions"), wire.openai_completion("late")),
        (api.route("POST", "/v1/messages"), wire.anthropic_message("late")),
    ]:
        route.respond(json=body)
        route.stall_seconds = 30
    # the SDKs' first import (a second or more) is not a wait on the provider
    import anthropic  # noqa: F401
    import openai  # noqa: F401

    yield api
    api.close()


async def test_a_stalling_chain_gives_up_within_twice_the_timeout(stalling):
    started = time.monotonic()
    with pytest.raises(NoModelAvailable):
        await Gateway(build_providers()).acomplete(HELLO, purpose="fast", use_cache=False)
    assert time.monotonic() - started <= 2 * TIMEOUT + SLACK


async def test_a_stalling_stream_gives_up_within_twice_the_timeout(stalling):
    for route in stalling.routes.values():
        route.mock(return_value=wire.sse_response(wire.openai_sse(["late"])))
    started = time.monotonic()
    with pytest.raises(NoModelAvailable):
        async for _ in Gateway(build_providers()).astream(HELLO, purpose="fast", use_cache=False):
            pass
    assert time.monotonic() - started <= 2 * TIMEOUT + SLACK


def test_a_generator_answers_from_the_offline_baseline_within_the_deadline(stalling, workspace):
    started = time.monotonic()
    result = generator_run(
        name="headline", data={"brief": "Headlines for the 'Nimbus 2' earbuds"}, workspace_id=workspace.pk
    )
    waited = time.monotonic() - started
    assert result.provider == "offline"
    assert any("offline baseline answered" in note for note in result.notes)
    assert waited <= 2 * TIMEOUT + SLACK + 1.0  # the generator's own work on top
