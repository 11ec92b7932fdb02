"""The workflow through real Celery worker processes on Redis, with progress over the socket,
and a worker killed in the middle of a step."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from agents import services
from agents.models import AgentRun, RunStatus, Workflow
from brands.tests.factories import BrandColorFactory, BrandKitFactory
from documents.models import Document
from sparklio.asgi import application
from sparklio.celery import app as celery_app
from sparklio.core.services import token_issue
from sparklio.core.tests.processes import database_url

ROOT = Path(__file__).resolve().parents[2]
PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it; .ci/run starts Redis)"),
    pytest.mark.django_db(transaction=True),
]


def worker(queue: str, *, concurrency=2, **env) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "OPENAI_API_KEY": "",
        "ANTHROPIC_API_KEY": "",
        "GOOGLE_API_KEY": "",
        "OLLAMA_BASE_URL": "",
        **env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sparklio",
            "worker",
            "--pool=threads",
            f"--concurrency={concurrency}",
            f"--queues={queue}",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def queue(settings):
    name = f"test-{uuid.uuid4().hex}"  # only this test's workers consume it
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    celery_app.conf.task_default_queue = name
    celery_app.conf.task_always_eager = False
    yield name
    celery_app.conf.task_default_queue = "sparklio"


def setup(workspace_user=True):
    from sparklio.core.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    brand = BrandKitFactory(name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    return user, brand, token_issue(user=user).key


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> str:
    process.send_signal(sig)
    output, _ = process.communicate(timeout=60)
    return output


async def test_the_workflow_runs_on_real_workers_and_streams_progress(queue):
    user, brand, token = await database_sync_to_async(setup)()
    workflow = await database_sync_to_async(services.workflow_start)(
        workspace=brand.workspace, user=user, brief=PLAN, brand=brand, enqueue=False
    )
    communicator = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/?token={token}")
    assert (await communicator.connect())[0]
    assert (await communicator.receive_json_from())["type"] == "workflow.state"
    process = worker(queue)
    try:
        from agents import tasks

        await sync_to_async(tasks.workflow_plan.apply_async)(args=[workflow.pk], queue=queue)
        events = []
        while True:
            event = await communicator.receive_json_from(timeout=120)
            events.append(event)
            if event.get("message") == "finished" or event.get("step_status") == "failed":
                break
    finally:
        output = await sync_to_async(stop)(process)
        await communicator.disconnect()
    assert events[-1]["status"] == "succeeded", output[-3000:]
    steps = {e["step"] for e in events if e.get("step_status") == "succeeded"}
    assert steps == {
        "plan",
        "copywriter",
        "designer",
        "assemble",
        "vision_analyzer",
        "reviewer",
        "brand_guardian",
        "optimizer",
    }
    assert "agents.workflow_step" in output
    stored = await database_sync_to_async(Workflow.objects.get)(pk=workflow.pk)
    assert stored.status == "succeeded" and stored.document_id is not None


def _wait_for(predicate, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_worker_killed_mid_step_loses_nothing_and_makes_one_document(queue):
    """SIGKILL the worker while the assemble step sleeps (WORKFLOW_STEP_DELAY_SECONDS); the
    unacknowledged step comes back to a new worker once the broker's visibility timeout passes."""
    from agents import tasks

    user, brand, _ = setup()
    workflow = services.workflow_start(workspace=brand.workspace, user=user, brief=PLAN, brand=brand, enqueue=False)
    slow = {"WORKFLOW_STEP_DELAY_SECONDS": "2", "CELERY_VISIBILITY_TIMEOUT": "6"}
    first = worker(queue, concurrency=1, **slow)
    tasks.workflow_plan.apply_async(args=[workflow.pk], queue=queue)
    try:
        running = _wait_for(
            lambda: AgentRun.objects.filter(workflow=workflow, step="assemble", status=RunStatus.RUNNING).exists()
        )
        assert running, "the assemble step never started"
        first.kill()
        first.wait(timeout=30)
        output_first = first.stdout.read()
    finally:
        if first.poll() is None:
            first.kill()
    assert AgentRun.objects.get(workflow=workflow, step="assemble").status == RunStatus.RUNNING
    second = worker(queue, concurrency=1, **slow)
    try:
        finished = _wait_for(
            lambda: Workflow.objects.filter(pk=workflow.pk, status__in=["succeeded", "failed"]).exists(), timeout=150
        )
    finally:
        output = stop(second)
    workflow.refresh_from_db()
    assert finished and workflow.status == "succeeded", (workflow.error, output_first[-2000:], output[-3000:])
    assert Document.objects.filter(workspace=brand.workspace).count() == 1
    assemble = AgentRun.objects.get(workflow=workflow, step="assemble")
    assert assemble.attempts == 2 and assemble.status == RunStatus.SUCCEEDED
