"""Uploads read by a real Celery prefork worker on Redis (the pool a separate `celery worker`
runs by default): its processes are daemonic, and the bounded child must start all the same."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from meetings.models import Meeting
from meetings.tests.test_api import NOTES_EN, upload
from meetings.tests.test_extract import docx_bomb
from sparklio.celery import app as celery_app
from sparklio.core.tests.processes import database_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it; .ci/run starts Redis)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def queue(settings):
    name = f"test-{uuid.uuid4().hex}"  # only this test's worker consumes it
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    celery_app.conf.task_default_queue = name
    celery_app.conf.task_always_eager = False
    yield name
    celery_app.conf.task_default_queue = "sparklio"


def test_a_prefork_worker_reads_uploads_in_the_bounded_child(queue, owner_client, workspace):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **dict.fromkeys(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "OLLAMA_BASE_URL"], ""),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sparklio",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            f"--queues={queue}",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        bomb = upload(owner_client, workspace, docx_bomb(49), "bomb.docx")
        notes = upload(owner_client, workspace, NOTES_EN.encode(), "notes.txt")
        assert bomb.status_code == notes.status_code == 202
        deadline = time.monotonic() + 120
        while Meeting.objects.filter(status__in=["extracting", "pending", "analyzing"]).exists():
            assert time.monotonic() < deadline, "the worker did not finish"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    failed = Meeting.objects.get(pk=bomb.json()["id"])
    assert failed.status == "failed" and failed.error.startswith("the file expands to 49."), output[-3000:]
    read = Meeting.objects.get(pk=notes.json()["id"])
    assert read.status == "ready" and "Instagram" in read.text, (read.error, output[-3000:])
