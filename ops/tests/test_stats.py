"""GET /api/v1/admin/stats/ (issue 14, item 7)."""

import json
import os
import time
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import redis
import time_machine
from asgiref.sync import sync_to_async
from django.utils import timezone

from agents.models import RunStatus, Workflow
from conftest import client_for
from ops import selectors
from ops.api.serializers import WorkflowStatusCountsSerializer
from sparklio.celery import app as celery_app
from sparklio.core import sockets
from sparklio.core.tests.factories import UserFactory
from sparklio.llm.models import LLMCall

pytestmark = pytest.mark.django_db

URL = "/api/v1/admin/stats/"


def _call(workspace, provider, cost, when):
    row = LLMCall.objects.create(
        request_id=uuid.uuid4(),
        workspace=workspace,
        purpose="fast",
        provider=provider,
        model="m",
        outcome="ok",
        cost_usd=Decimal(cost),
    )
    LLMCall.objects.filter(pk=row.pk).update(created_at=when)


def _workflow(workspace, status, error=""):
    return Workflow.objects.create(workspace=workspace, brief="b", channel="instagram_feed", status=status, error=error)


@pytest.fixture
def staff_client():
    return client_for(UserFactory(is_staff=True))


def test_a_member_who_is_not_staff_is_refused(owner_client, api_client):
    assert owner_client.get(URL).status_code == 403
    assert api_client.get(URL).status_code == 401


@time_machine.travel(datetime(2026, 3, 1, 0, 30, tzinfo=ZoneInfo("Asia/Seoul")), tick=False)
def test_staff_see_workflows_queue_spend_and_sockets(staff_client, workspace, settings):
    settings.CHANNEL_LAYER_PREFIX = f"stats-test-{uuid.uuid4().hex[:8]}"  # no other test's sockets (Redis)
    settings.TIME_ZONE = "Asia/Seoul"
    timezone.activate("Asia/Seoul")
    seoul = ZoneInfo("Asia/Seoul")
    for status in [RunStatus.SUCCEEDED, RunStatus.SUCCEEDED, RunStatus.RUNNING]:
        _workflow(workspace, status)
    for error in ["Step 'copy' failed: timeout", "Step 'copy' failed: timeout", "The plan failed after retries"]:
        _workflow(workspace, RunStatus.FAILED, error)
    # 00:10 on the 1st in Seoul is this month and today; 23:50 on the 28th (Seoul) is last month
    # although it is already the 28th 14:50 in UTC, and the budgets count the same way
    _call(workspace, "openai", "0.10000000", datetime(2026, 3, 1, 0, 10, tzinfo=seoul))
    _call(workspace, "openai", "0.00000001", datetime(2026, 3, 1, 0, 20, tzinfo=seoul))
    _call(workspace, "anthropic", "1.5", datetime(2026, 3, 1, 0, 15, tzinfo=seoul))
    _call(workspace, "anthropic", "9", datetime(2026, 2, 28, 23, 50, tzinfo=seoul))

    response = staff_client.get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["workflows"]["by_status"] == {"pending": 0, "running": 1, "succeeded": 2, "failed": 3}
    assert data["workflows"]["failure_reasons"] == [
        {"reason": "Step 'copy' failed: timeout", "count": 2},
        {"reason": "The plan failed after retries", "count": 1},
    ]
    month = data["gateway_spend"]["month"]
    assert month["total_usd"] == "1.60000001"  # money as decimal strings, never floats
    assert month["by_provider"] == [
        {"provider": "anthropic", "calls": 1, "cost_usd": "1.50000000"},
        {"provider": "openai", "calls": 2, "cost_usd": "0.10000001"},
    ]
    assert datetime.fromisoformat(month["since"]) == datetime(2026, 3, 1, tzinfo=seoul)
    assert data["gateway_spend"]["today"]["total_usd"] == "1.60000001"
    assert data["queue"]["broker"] == "eager" and data["queue"]["waiting"] is None  # the tests run tasks inline
    assert data["sockets"]["count"] == 0 and "process" in data["sockets"]["scope"]


def test_queue_depth_counts_tasks_waiting_in_the_queue(settings):
    """Tasks sent and not yet taken are what the stats say: in the embedded mode the in-process
    queue (kombu's memory transport), with Redis the broker's list (CI runs that one)."""
    settings.CELERY_TASK_DEFAULT_QUEUE = queue = f"stats-test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_always_eager = False
    try:
        assert selectors.queue_depth()["waiting"] == 0
        for _ in range(3):
            celery_app.send_task("ops.tests.nothing", queue=queue)
        depth = selectors.queue_depth()
        assert depth["waiting"] == 3 and depth["queue"] == queue
        assert depth["broker"] == ("memory" if settings.CELERY_EMBEDDED_WORKER else "redis")
    finally:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_purge(queue)
            connection.default_channel.queue_delete(queue)
        celery_app.conf.task_always_eager = True


REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not _redis_up(), reason="needs a Redis (CI starts one)")
async def test_open_sockets_add_up_over_processes_through_redis(settings):
    settings.REDIS_URL = REDIS
    settings.CHANNEL_LAYER_PREFIX = f"stats-test-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(REDIS)
    key = f"{settings.CHANNEL_LAYER_PREFIX}:open_sockets"
    now = time.time()
    # another live process with 5 sockets, and one that died 200 s ago with 7
    client.hset(
        key,
        mapping={
            "other-host:41": json.dumps({"open": 5, "at": now}),
            "gone:42": json.dumps({"open": 7, "at": now - 200}),
        },
    )
    local = sockets.local_count()
    try:
        await sockets.opened()
        await sockets.opened()
        count, scope = await sync_to_async(sockets.open_count)()
        assert count == 5 + local + 2 and "Redis" in scope
        assert not client.hexists(key, "gone:42")  # the dead process's entry is dropped
        await sockets.closed()
        assert (await sync_to_async(sockets.open_count)())[0] == 5 + local + 1
    finally:
        await sockets.closed()
        sockets.heartbeat_stop()
        client.delete(key)
        client.close()


def test_status_fields_follow_the_run_statuses():
    assert set(WorkflowStatusCountsSerializer().fields) == set(RunStatus.values)


def test_the_schema_types_the_stats(staff_client):
    schema = staff_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/admin/stats/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AdminStats"
    }
    spend = schema["components"]["schemas"]["ProviderSpend"]["properties"]["cost_usd"]
    assert spend["type"] == "string" and spend["format"] == "decimal"
    assert "403" in operation["responses"]


def test_no_spend_is_a_zero_decimal_string(staff_client):
    data = staff_client.get(URL).json()
    assert data["gateway_spend"]["month"]["total_usd"] == "0.00000000"
    assert data["gateway_spend"]["today"]["by_provider"] == []
    assert timedelta(0) <= timezone.now() - datetime.fromisoformat(data["generated_at"]) < timedelta(minutes=1)
