"""Redis stopped and started under a live server (daphne with channels-redis, the Redis cache
and Celery on Redis): requests that queue work answer 503 and leave nothing behind, generators
fall back to the offline baseline, chat never shows internal error text, sockets are told to
reconnect (4503) and the reconnect is served once Redis is back.

Each test runs its own redis-server on a free port, so it can be stopped without touching the
Redis other tests (or CI) use."""

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import redis
import websockets
from channels.db import database_sync_to_async
from django.conf import settings

from sparklio.core.tests.processes import database_url, free_port
from sparklio.llm.tests import wire

ROOT = Path(__file__).resolve().parents[3]
REDIS_SERVER = shutil.which("redis-server")
BRIEF = "무선 이어폰 'Nimbus 2' 인스타그램 광고를 만들어줘. 노이즈 캔슬링과 24시간 배터리가 특징이야."

pytestmark = [
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary (apt-get install redis-server)"),
    pytest.mark.django_db(transaction=True),
]


class RedisProcess:
    """A redis-server of this test's own, on a fixed port across stops and starts."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # an outage, not a polite shutdown
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    server = RedisProcess()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def provider_down():
    """A model provider on loopback that answers 503: generators fall back as in any provider outage."""
    api = wire.FakeAPI()
    api.route("POST", "/v1/chat/completions").respond(503, json={"error": {"message": "overloaded"}})
    yield api
    api.close()


@pytest.fixture
def daphne_server(redis_server, provider_down, tmp_path):
    port = free_port()
    queue = f"outage-{uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        REDIS_URL=redis_server.url,
        CELERY_QUEUE=queue,
        CHANNEL_LAYER_PREFIX=f"outage-{port}",
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=f"{provider_down.base}/v1",
        ANTHROPIC_API_KEY="",
        GOOGLE_API_KEY="",
        OLLAMA_BASE_URL="",
        LLM_FALLBACK_CHAIN="openai",
        LLM_MAX_ATTEMPTS="1",
        LLM_STATE_NAMESPACE=f"llm-outage-{port}",
    )
    # a file, not a pipe: an outage logs a lot, and a full pipe would stall the server
    log = open(tmp_path / "daphne.log", "w+")  # noqa: SIM115 (closed at teardown)
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "sparklio.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, (tmp_path / "daphne.log").read_text()[-3000:]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "daphne did not start"
            time.sleep(0.2)
    server = type("Live", (), {"host": f"127.0.0.1:{port}", "queue": queue, "process": process})
    yield server
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
    print((tmp_path / "daphne.log").read_text()[-6000:])


@database_sync_to_async
def setup():
    from brands.tests.factories import BrandColorFactory, BrandKitFactory
    from chat.models import ChatSession
    from sparklio.core.services import token_issue
    from sparklio.core.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    brand = BrandKitFactory(name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    session = ChatSession.objects.create(workspace=brand.workspace, brand=brand, title="outage", created_by=user)
    return brand, session, token_issue(user=user).key


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "#14213D").save(buffer, "PNG")
    return buffer.getvalue()


def _count(model_path: str, **filters) -> int:
    from django.apps import apps

    return apps.get_model(model_path).objects.filter(**filters).count()


count = database_sync_to_async(_count)
INTERNAL_TEXT = ("Error 111", "connecting to", "127.0.0.1", "Traceback", "ConnectionError", "redis")


def assert_no_internal_text(text: str) -> None:
    for fragment in INTERNAL_TEXT:
        assert fragment.lower() not in text.lower(), f"internal error text {fragment!r} reached the user: {text}"


async def test_requests_that_queue_work_answer_503_and_write_nothing_while_redis_is_down(daphne_server, redis_server):
    brand, _, token = await setup()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=f"http://{daphne_server.host}", headers=headers, timeout=30) as http:
        redis_server.stop()
        refused = await http.post("/api/v1/workflows/", json={"brief": BRIEF, "brand": brand.pk})
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"] == "10"
        body = refused.json()
        assert body["code"] == "unavailable" and body["retry_after"] == 10
        assert_no_internal_text(body["detail"])
        assert await count("agents.Workflow", workspace_id=brand.workspace_id) == 0  # nothing left pending

        started = time.monotonic()
        run = await http.post("/api/v1/agents/copywriter/runs/", json={"input": {"brief": BRIEF}})
        assert run.status_code == 503, run.text
        assert time.monotonic() - started < 5  # refused in moments, not after long broker retries
        assert await count("agents.AgentRun", workspace_id=brand.workspace_id) == 0

        logo = await http.post(f"/api/v1/brands/{brand.pk}/logos/", files={"file": ("logo.png", _png())})
        assert logo.status_code == 503, logo.text
        assert await count("brands.BrandLogo", brand_id=brand.pk) == 0
        assert not list(Path(settings.MEDIA_ROOT).rglob("logo*.png"))  # nor its file

        meeting = await http.post(
            "/api/v1/meetings/",
            data={"workspace": str(brand.workspace_id), "title": "weekly"},
            files={"file": ("notes.txt", "다음 주 금요일까지 배너 시안 공유".encode())},
        )
        assert meeting.status_code == 503, meeting.text
        assert await count("meetings.Meeting", workspace_id=brand.workspace_id) == 0
        assert not list(Path(settings.MEDIA_ROOT).rglob("notes*.txt"))

        # the generators need no queue: they answer, from the offline baseline, and say so
        generated = await http.post("/api/v1/generators/headline/run/", json={"brief": BRIEF, "brand": brand.pk})
        assert generated.status_code == 200, generated.text
        assert generated.json()["provider"] == "offline"
        assert generated.json()["output"]["headlines"]

        redis_server.start()
        accepted = await http.post("/api/v1/workflows/", json={"brief": BRIEF, "brand": brand.pk})
        assert accepted.status_code == 202, accepted.text
    queued = redis.Redis.from_url(redis_server.url).llen(daphne_server.queue)
    assert queued == 1  # the plan's message waits for a worker
    assert await count("agents.Workflow", workspace_id=brand.workspace_id) == 1


async def _expect_unavailable(socket_, timeout=15) -> dict:
    """The socket's last words in an outage: an ``unavailable`` event, then close code 4503."""
    event = None
    try:
        while True:
            event = json.loads(await asyncio.wait_for(socket_.recv(), timeout))
            if event["type"] == "unavailable":
                break
        await asyncio.wait_for(socket_.wait_closed(), timeout)
    except websockets.ConnectionClosed:
        pass
    assert socket_.close_code == 4503, (socket_.close_code, event)
    assert event is not None and event["type"] == "unavailable" and event["reconnect"] is True
    return event


async def test_chat_through_a_redis_restart(daphne_server, redis_server):
    brand, session, token = await setup()
    ws_url = f"ws://{daphne_server.host}/ws/chat/{session.pk}/?token={token}"
    origin = f"http://{daphne_server.host}"

    async def open_tab():
        tab = await websockets.connect(ws_url, origin=origin)
        hello = json.loads(await asyncio.wait_for(tab.recv(), 10))
        return tab, hello

    first, _ = await open_tab()
    second, _ = await open_tab()

    redis_server.stop()
    # every open tab is told to reconnect, not dropped with 1011
    for tab in (first, second):
        await _expect_unavailable(tab)

    # a reconnect while Redis is still down: accepted, told, closed (never an HTTP 500)
    retry = await websockets.connect(ws_url, origin=origin)
    await _expect_unavailable(retry)

    # a message sent in the gap through the API is stored and answered, without internal text
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=f"http://{daphne_server.host}", headers=headers, timeout=60) as http:
        campaign = await http.post(f"/api/v1/chat/sessions/{session.pk}/messages/", json={"content": BRIEF})
        assert campaign.status_code == 201, campaign.text
        question, answer = campaign.json()
        assert question["role"] == "user" and answer["role"] == "assistant"
        assert "job queue is unreachable" in answer["content"] or "작업 대기열" in answer["content"], answer
        assert_no_internal_text(answer["content"])
        assert await count("agents.Workflow", workspace_id=brand.workspace_id) == 0

        copy = await http.post(
            f"/api/v1/chat/sessions/{session.pk}/messages/", json={"content": "'Nimbus 2' 이어폰 헤드라인 3개 써줘"}
        )
        assert copy.status_code == 201, copy.text
        assert copy.json()[1]["provider"] == "offline"
        assert_no_internal_text(copy.json()[1]["content"])

    redis_server.start()
    # the reconnect after Redis is back is served, and sees what was said during the gap
    tab, hello = await open_tab()
    assert hello["last_message"] == copy.json()[1]["id"]
    await tab.send(json.dumps({"type": "message", "content": "우리 브랜드 톤이 뭐야?"}))
    events = []
    while not (events and events[-1]["type"] == "message" and events[-1]["message"]["role"] == "assistant"):
        events.append(json.loads(await asyncio.wait_for(tab.recv(), 30)))
    assert events[0]["type"] == "message" and events[0]["message"]["role"] == "user"
    final = events[-1]
    assert final["message"]["status"] == "complete", final
    await tab.close()
    assert daphne_server.process.poll() is None
    assert await count("chat.ChatMessage", session_id=session.pk) == 6


def test_the_redis_server_binary_is_what_these_tests_use():
    """Fails loudly where the skip above would hide every outage test by accident."""
    if os.environ.get("CI"):
        assert REDIS_SERVER is not None, "CI must have redis-server: the outage tests would all skip"
