"""Real Celery workers on a Redis of the test's own: a step whose worker is SIGKILLed comes back
within a minute with the default broker settings, and a step that runs longer than the
visibility timeout is not run a second time beside itself (its lease is held)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from agents import services, tasks
from agents.models import AgentRun, RunStatus, Workflow
from brands.tests.factories import BrandColorFactory, BrandKitFactory
from documents.models import Document
from sparklio.celery import app as celery_app
from sparklio.core.tests.factories import MembershipFactory, UserFactory
from sparklio.core.tests.processes import database_url
from sparklio.core.tests.test_outage import REDIS_SERVER, RedisProcess

ROOT = Path(__file__).resolve().parents[2]
BRIEF = "무선 이어폰 'Nimbus 2' 인스타그램 광고를 만들어줘. 노이즈 캔슬링과 24시간 배터리가 특징이야."

pytestmark = [
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary (apt-get install redis-server)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def redis_server():
    server = RedisProcess()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server):
    """Where this test publishes: its own Redis and queue (the workers consume only that)."""
    queue = f"redelivery-{uuid.uuid4().hex}"
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write(redis_server.url) as connection:
        yield type("Broker", (), {"url": redis_server.url, "queue": queue, "connection": connection})


class Worker:
    def __init__(self, broker, log: Path, **env):
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "REDIS_URL": broker.url,
            "CELERY_QUEUE": broker.queue,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CHANNEL_LAYER_PREFIX": broker.queue,
            "OPENAI_API_KEY": "",
            "ANTHROPIC_API_KEY": "",
            "GOOGLE_API_KEY": "",
            "OLLAMA_BASE_URL": "",
            **env,
        }
        environment.pop("CELERY_BROKER_URL", None)
        self.log = log
        self._file = open(log, "a")  # noqa: SIM115 (closed in stop); a pipe could fill and stall the worker
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sparklio",
                "worker",
                "--pool=threads",
                f"--concurrency={env.get('CONCURRENCY', 2)}",
                f"--queues={broker.queue}",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self._file,
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no warm shutdown, no ack, no requeue by the worker itself
        self.process.wait(timeout=30)
        self._file.close()

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self._file.closed:
            self._file.close()
        return self.log.read_text()[-4000:]


def _workflow() -> Workflow:
    user = UserFactory()
    brand = BrandKitFactory(name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    return services.workflow_start(workspace=brand.workspace, user=user, brief=BRIEF, brand=brand, enqueue=False)


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _finished(workflow: Workflow, timeout: float) -> bool:
    return _wait_for(
        lambda: Workflow.objects.filter(pk=workflow.pk, status__in=["succeeded", "failed"]).exists(), timeout
    )


def test_a_step_of_a_sigkilled_worker_is_redelivered_within_a_minute(broker, tmp_path):
    """The production defaults (visibility timeout, restore sweep, step lease) at work."""
    workflow = _workflow()
    slow = {"WORKFLOW_STEP_DELAY_SECONDS": "3", "CONCURRENCY": "1"}
    first = Worker(broker, tmp_path / "first.log", **slow)
    tasks.workflow_plan.apply_async(args=[workflow.pk], queue=broker.queue, connection=broker.connection)
    try:
        running = _wait_for(
            lambda: AgentRun.objects.filter(workflow=workflow, step="assemble", status=RunStatus.RUNNING).exists(), 90
        )
        assert running, "the assemble step never started: " + first.stop()
        first.kill()
    finally:
        first.stop()
    killed_at = time.monotonic()
    second = Worker(broker, tmp_path / "second.log", **slow)
    try:
        redelivered = _wait_for(
            lambda: AgentRun.objects.filter(workflow=workflow, step="assemble", attempts__gte=2).exists(), 75
        )
        waited = time.monotonic() - killed_at
        finished = redelivered and _finished(workflow, 120)
    finally:
        output = second.stop()
    assert redelivered and waited < 60, (waited, output)
    workflow.refresh_from_db()
    assert finished and workflow.status == "succeeded", (workflow.error, output)
    assert Document.objects.filter(workspace=workflow.workspace).count() == 1
    assert AgentRun.objects.get(workflow=workflow, step="assemble").attempts == 2


def test_a_step_longer_than_the_visibility_timeout_runs_once(broker, tmp_path):
    """Each step takes 4 s; the broker hands an unacknowledged message to another thread after
    2 s. The lease makes those deliveries look again later instead of running the step twice."""
    workflow = _workflow()
    worker = Worker(
        broker,
        tmp_path / "worker.log",
        WORKFLOW_STEP_DELAY_SECONDS="4",
        CELERY_VISIBILITY_TIMEOUT="2",
        CELERY_RESTORE_INTERVAL="1",
        WORKFLOW_STEP_LEASE_SECONDS="1.5",
        CONCURRENCY="3",
    )
    tasks.workflow_plan.apply_async(args=[workflow.pk], queue=broker.queue, connection=broker.connection)
    try:
        finished = _finished(workflow, 150)
    finally:
        output = worker.stop()
    workflow.refresh_from_db()
    assert finished and workflow.status == "succeeded", (workflow.error, output)
    attempts = dict(AgentRun.objects.filter(workflow=workflow).values_list("step", "attempts"))
    assert set(attempts.values()) == {1}, attempts
    assert Document.objects.filter(workspace=workflow.workspace).count() == 1
