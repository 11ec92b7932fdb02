"""Celery: the reliability configuration, and a task run by a real worker process on Redis."""

import io
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image

from sparklio.asgi import application
from sparklio.celery import app as celery_app
from sparklio.core.tests.processes import database_url

ROOT = Path(__file__).resolve().parents[3]


def test_celery_is_configured_for_reliability():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.worker_prefetch_multiplier == 1
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    celery_app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert "brands.logo_analyze" in celery_app.tasks


@database_sync_to_async
def _pending_logo():
    from brands.models import BrandLogo
    from brands.tests.factories import BrandKitFactory
    from sparklio.core.services import token_issue
    from sparklio.core.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    brand = BrandKitFactory()
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#C6F432").save(buffer, "PNG")
    logo = BrandLogo(brand=brand, content_type="image/png", size_bytes=len(buffer.getvalue()), width=40, height=40)
    logo.file.save("logo.png", ContentFile(buffer.getvalue()))
    return logo, token_issue(user=user).key


@pytest.mark.redis
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it; .ci/run starts Redis)")
@pytest.mark.django_db(transaction=True)
async def test_real_worker_on_redis_runs_the_task_and_the_event_reaches_the_socket():
    from brands.models import AnalysisStatus, BrandLogo
    from brands.tasks import brand_logo_analyze

    logo, token = await _pending_logo()
    communicator = WebsocketCommunicator(application, f"/ws/workspaces/{logo.brand.workspace_id}/?token={token}")
    assert (await communicator.connect())[0]
    await communicator.receive_json_from()

    queue = f"test-{uuid.uuid4().hex}"  # only this test's worker consumes it
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sparklio",
            "worker",
            "--pool=solo",
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
    celery_app.conf.task_always_eager = False
    try:
        await sync_to_async(brand_logo_analyze.apply_async)(args=[logo.id], queue=queue)
        event = await communicator.receive_json_from(timeout=60)
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = await sync_to_async(worker.communicate)(timeout=30)
        await communicator.disconnect()

    assert event["status"] == "succeeded", output
    assert event["palette"][0]["hex"] == "#C6F432"
    assert "brands.logo_analyze" in output and "succeeded" in output
    stored = await database_sync_to_async(BrandLogo.objects.get)(pk=logo.id)
    assert stored.analysis_status == AnalysisStatus.READY
    assert worker.returncode == 0
