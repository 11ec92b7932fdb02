"""A real client against daphne on loopback with channels-redis: two browser tabs on one session,
a reconnecting tab, cancel, and a provider failing mid-stream."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import websockets
from channels.db import database_sync_to_async
from django.conf import settings

from brands.tests.factories import BrandKitFactory
from chat.models import ChatMessage, ChatSession
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory
from sparklio.core.tests.processes import database_url, free_port
from sparklio.llm.tests import wire

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it; .ci/run starts Redis)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def api():
    fake = wire.FakeAPI()
    yield fake
    fake.close()


@pytest.fixture
def server(api):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": f"{api.base}/v1",
        "ANTHROPIC_API_KEY": "sk-ant-test",
        "ANTHROPIC_BASE_URL": api.base,
        "GOOGLE_API_KEY": "",
        "OLLAMA_BASE_URL": "",
        "LLM_FALLBACK_CHAIN": "openai,anthropic",
        "LLM_MAX_ATTEMPTS": "1",
        "LLM_STATE_NAMESPACE": f"llm-live-{uuid.uuid4().hex}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "sparklio.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    yield f"127.0.0.1:{port}"
    process.terminate()
    output, _ = process.communicate(timeout=30)
    print(output[-4000:])


@database_sync_to_async
def setup():
    user = UserFactory()
    brand = BrandKitFactory(name="Sonic", tone_of_voice="친근하게")
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    session = ChatSession.objects.create(workspace=brand.workspace, brand=brand, title="live", created_by=user)
    return session, token_issue(user=user).key


async def open_tab(server, session, token):
    socket_ = await websockets.connect(f"ws://{server}/ws/chat/{session.pk}/?token={token}", origin=f"http://{server}")
    hello = json.loads(await asyncio.wait_for(socket_.recv(), 10))
    assert hello["type"] == "hello"
    return socket_


async def receive(socket_, timeout=20):
    return json.loads(await asyncio.wait_for(socket_.recv(), timeout))


async def until_final(socket_, timeout=20):
    events = []
    while True:
        event = await receive(socket_, timeout)
        events.append(event)
        if event["type"] == "message" and event["message"]["role"] == "assistant":
            return events


async def test_two_tabs_reconnection_cancel_and_mid_stream_fallback(server, api):
    slow = wire.sse_response(wire.openai_sse([f"토큰{i} " for i in range(60)]))
    cut = wire.sse_response(wire.openai_sse(["Our tone ", "is"], finish=None))
    openai = api.route("POST", "/v1/chat/completions").mock(side_effect=[slow, cut])
    openai.event_delay = 0.05
    api.route("POST", "/v1/messages").mock(
        return_value=wire.sse_response(wire.anthropic_sse(["친근하고 ", "밝은 톤이에요."]))
    )
    session, token = await setup()
    first, second = await open_tab(server, session, token), await open_tab(server, session, token)

    # 1. one tab asks; both tabs see the persisted question and the stream
    await first.send(json.dumps({"type": "message", "content": "우리 브랜드 톤이 뭐야?"}))
    question = await receive(first)
    assert question["type"] == "message" and question["message"]["role"] == "user"
    assert (await receive(second))["message"]["id"] == question["message"]["id"]
    seen_by_second = []
    while len([e for e in seen_by_second if e["type"] == "token"]) < 3:
        seen_by_second.append(await receive(second))

    # 2. the second tab drops and comes back: history gives it what it missed
    await second.close()
    second = await open_tab(server, session, token)
    await second.send(json.dumps({"type": "history", "after": question["message"]["id"]}))
    history = await receive(second)
    while history["type"] != "history":
        history = await receive(second)
    assert [m["role"] for m in history["messages"]] == ["assistant"]
    assert history["messages"][0]["status"] == "streaming"

    # 3. cancel from the other tab: the model call stops, the partial answer is stored as such
    await second.send(json.dumps({"type": "cancel"}))
    first_events = await until_final(first)
    final = first_events[-1]
    assert final["cancelled"] is True and final["message"]["status"] == "partial"
    partial = final["message"]["content"]
    assert partial.startswith("토큰0 ") and "토큰59" not in partial
    second_final = await until_final(second)
    assert second_final[-1]["message"]["id"] == final["message"]["id"]
    stored = await database_sync_to_async(ChatMessage.objects.get)(pk=final["message"]["id"])
    assert stored.status == "partial" and stored.content == partial

    # 4. OpenAI breaks mid-answer: both tabs are told, Anthropic answers from the start
    await second.send(json.dumps({"type": "message", "content": "우리 브랜드 톤이 뭐야?"}))
    events_first, events_second = await until_final(first), await until_final(second)
    for events in (events_first, events_second):
        fallback = next(e for e in events if e["type"] == "fallback")
        assert fallback["from"] == "openai" and fallback["to"] == "anthropic" and fallback["discard"] is True
        assert events[-1]["message"]["provider"] == "anthropic"
        assert events[-1]["message"]["content"] == "친근하고 밝은 톤이에요."
    await first.close()
    await second.close()
