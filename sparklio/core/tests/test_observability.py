"""Request ids, logs and /metrics (issue 14, item 5)."""

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from celery import Celery
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from prometheus_client import REGISTRY

from sparklio.asgi import application
from sparklio.core import requestid, sockets
from sparklio.core.logs import MaskingJsonFormatter
from sparklio.core.masking import MaskingFormatter
from sparklio.core.requestid import RequestIdFilter
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.llm import services as llm_services
from sparklio.llm.gateway import Gateway
from sparklio.llm.models import LLMCall
from sparklio.llm.providers.registry import build_providers
from sparklio.llm.tests import wire
from sparklio.llm.types import Usage

ROOT = Path(__file__).resolve().parents[3]


def sample(name, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


# --- request ids ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_well_formed_request_id_is_kept_and_returned(owner_client):
    response = owner_client.get("/api/v1/auth/me/", HTTP_X_REQUEST_ID="lb-2f1c9e7a-0001")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-2f1c9e7a-0001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given",
    ["<script>alert(1)</script>", "short", "x" * 129, "id with spaces 1234", "ok-id\u00e9\u00e9\u00e9\u00e9\u00e9"],
)
def test_a_malformed_request_id_is_replaced_and_never_echoed(client, caplog, given):
    with caplog.at_level(logging.INFO, logger="sparklio.access"):
        response = client.get("/health", HTTP_X_REQUEST_ID=given)
    made = response["X-Request-ID"]
    assert made != given and requestid.valid(made) and len(made) == 32
    assert given not in response.content.decode()
    assert all(
        given not in record.getMessage() and given != getattr(record, "request_id", "") for record in caplog.records
    )


@pytest.mark.django_db
def test_djangos_own_line_about_a_404_carries_the_request_id(client, caplog):
    """django.request writes it after the middleware has returned (and unbound the id)."""
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="req-404-000001")
    assert response.status_code == 404
    [record] = [r for r in caplog.records if r.name == "django.request"]
    RequestIdFilter().filter(record)
    assert record.request_id == "req-404-000001"


@pytest.mark.django_db
def test_a_request_without_an_id_gets_a_fresh_one_each_time(client):
    first, second = client.get("/health")["X-Request-ID"], client.get("/health")["X-Request-ID"]
    assert requestid.valid(first) and requestid.valid(second) and first != second


@pytest.mark.django_db
def test_one_access_line_per_request_naming_the_view_and_hiding_the_token(owner_client, caplog):
    with caplog.at_level(logging.INFO, logger="sparklio.access"):
        response = owner_client.get("/api/v1/auth/me/?token=s3cr3t-value-123&page=2", HTTP_X_REQUEST_ID="req-abcdef123")
    lines = [r for r in caplog.records if r.name == "sparklio.access"]
    assert len(lines) == 1
    line = lines[0]
    assert line.request_id == "req-abcdef123" and line.status == response.status_code == 200
    assert line.view == "auth-me" and line.method == "GET" and line.path == "/api/v1/auth/me/"
    assert "s3cr3t-value-123" not in line.getMessage() and "s3cr3t" not in line.query
    assert "page=2" in line.query


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_every_line_is_printed_once(fmt):
    """Before: "django" had Django's own console handler besides the root's, so with DEBUG on every
    django.request line came out twice (once bare, once formatted). A real process, as configured."""
    code = (
        "import logging; logging.getLogger('django.request').warning('marker-%s', 'django');"
        "logging.getLogger('sparklio.access').info('marker-%s', 'access');"
        "logging.getLogger('celery.app.trace').info('marker-%s', 'celery')"
    )
    env = {**os.environ, "DJANGO_DEBUG": "true", "LOG_FORMAT": fmt}
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    for what in ["django", "access", "celery"]:
        assert out.count(f"marker-{what}") == 1, out
    if fmt == "json":
        lines = [json.loads(line) for line in out.splitlines() if "marker-" in line]
        assert {line["logger"] for line in lines} == {"django.request", "sparklio.access", "celery.app.trace"}


def _record(message, *args, **extra) -> logging.LogRecord:
    record = logging.LogRecord("sparklio.test", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


SECRETS = [
    "Bearer abcdEFGH1234567890token",
    "/ws/chat/1/?token=abcdEFGH1234567890",
    "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX",
    "redis://:hunter2-redis@10.0.0.1:6379/0",
]


def test_json_lines_carry_the_request_id_and_mask_secrets():
    formatter, rid_filter = MaskingJsonFormatter(), RequestIdFilter()
    token = requestid.bind("req-json-000001")
    try:
        record = _record("provider said %s", " and ".join(SECRETS), header=SECRETS[0])
        rid_filter.filter(record)
    finally:
        requestid.unbind(token)
    line = formatter.format(record)
    data = json.loads(line)
    assert data["request_id"] == "req-json-000001" and data["level"] == "WARNING" and data["logger"] == "sparklio.test"
    for secret in ["abcdEFGH1234567890", "ABCDEFGHIJKLMNOPQRSTUVWX", "hunter2-redis"]:
        assert secret not in line
    assert "10.0.0.1:6379" in data["message"]  # the host still helps


def test_plain_lines_mask_the_same_secrets():
    formatter = MaskingFormatter("%(request_tag)s%(message)s")
    record = _record("%s", " ".join(SECRETS))
    RequestIdFilter().filter(record)
    line = formatter.format(record)
    for secret in ["abcdEFGH1234567890", "ABCDEFGHIJKLMNOPQRSTUVWX", "hunter2-redis"]:
        assert secret not in line


# --- Celery carries the id ------------------------------------------------------------------------


# A Celery app of its own on the in-memory transport, with one real worker (threads) for the
# module: nothing else's queue is touched, and tasks run as a worker runs them (signals, retries).
probe_app = Celery("probe", broker="memory://", set_as_current=False)
probe_app.conf.broker_transport_options = {"polling_interval": 0.05}
probe_app.conf.task_default_queue = "probe"
probe_seen: dict = {}
probe_runs: list = []


@probe_app.task(name="probe.request_id")
def remember_request_id():
    probe_seen["id"] = requestid.current()


@probe_app.task(name="probe.metrics", bind=True, max_retries=1)
def counted(self, how):
    probe_runs.append(how)
    if how == "retry" and self.request.retries == 0:
        raise self.retry(countdown=0)
    if how == "fail":
        raise ValueError("boom")
    return "ok"


@pytest.fixture(scope="module")
def probe_worker():
    worker = probe_app.WorkController(
        pool="threads",
        concurrency=1,
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
        queues=["probe"],
    )
    thread = threading.Thread(target=worker.start, daemon=True)
    thread.start()
    yield
    worker.stop(in_sighandler=False)
    thread.join(timeout=10)


def wait_for(done, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_task_runs_under_the_id_of_the_request_that_enqueued_it(probe_worker):
    """The id travels as a message header; the worker's log lines and the task body see it."""
    bound = requestid.bind("req-from-http-42")
    try:
        remember_request_id.delay()
    finally:
        requestid.unbind(bound)
    wait_for(lambda: "id" in probe_seen)
    assert probe_seen == {"id": "req-from-http-42"}
    assert requestid.current() == ""


def test_celery_tasks_are_counted_with_their_outcome(probe_worker):
    name, states = "probe.metrics", ["started", "succeeded", "failed", "retried"]
    before = {s: sample("sparklio_celery_tasks_total", task=name, state=s) for s in states}
    seconds_before = sample("sparklio_celery_task_duration_seconds_count", task=name, state="failed")
    for how in ["ok", "fail", "retry"]:
        counted.delay(how)
    wait_for(lambda: sample("sparklio_celery_tasks_total", task=name, state="succeeded") >= before["succeeded"] + 2)
    after = {s: sample("sparklio_celery_tasks_total", task=name, state=s) for s in states}
    assert after["started"] - before["started"] == 4  # ok, fail, retry and its second run
    assert after["succeeded"] - before["succeeded"] == 2
    assert after["failed"] - before["failed"] == 1
    assert after["retried"] - before["retried"] == 1
    assert sample("sparklio_celery_task_duration_seconds_count", task=name, state="failed") == seconds_before + 1


# --- /metrics ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_open_without_a_token_and_count_requests_by_view_and_status(client, owner_client, settings):
    settings.METRICS_TOKEN = ""
    before = sample(
        "django_http_responses_total_by_status_view_method_total", status="200", view="auth-me", method="GET"
    )
    owner_client.get("/api/v1/auth/me/")
    response = client.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    for name in [
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "django_db_execute_total",
        "django_cache_get_total",
        "sparklio_websockets_open",
    ]:
        assert name in body, name
    after = sample(
        "django_http_responses_total_by_status_view_method_total", status="200", view="auth-me", method="GET"
    )
    assert after == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 401), ("Bearer wrong-token-value", 403), ("Basic bWV0cmljcw==", 401), ("Bearer ", 401)],
)
def test_metrics_refuse_a_missing_or_wrong_token_and_leak_nothing(client, settings, header, status):
    settings.METRICS_TOKEN = "right-metrics-token"
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == status
    body = response.content.decode()
    assert "sparklio_" not in body and "django_" not in body and "right-metrics-token" not in body


@pytest.mark.django_db
def test_metrics_with_the_right_token(client, settings):
    settings.METRICS_TOKEN = "right-metrics-token"
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer right-metrics-token")
    assert response.status_code == 200 and b"sparklio_celery_tasks_total" in response.content


def test_a_celery_worker_process_serves_its_metrics_behind_the_same_token(settings):
    import socket
    import urllib.error
    import urllib.request

    from sparklio.core import metrics

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CELERY_METRICS_PORT, settings.METRICS_TOKEN = port, "worker-token-1"
    metrics.worker_exporter_start()  # on worker_init: `celery worker` sends it once, before its pool starts
    try:
        url = f"http://127.0.0.1:{port}/metrics"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 (loopback)
        assert refused.value.code == 401 and b"sparklio_" not in refused.value.read()
        wrong = urllib.request.Request(url, headers={"Authorization": "Bearer nope"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(wrong, timeout=5)  # noqa: S310
        assert refused.value.code == 403
        right = urllib.request.Request(url, headers={"Authorization": "Bearer worker-token-1"})
        with urllib.request.urlopen(right, timeout=5) as response:  # noqa: S310
            assert response.status == 200 and b"sparklio_celery_tasks_total" in response.read()
    finally:
        metrics.worker_exporter.shutdown()
        metrics.worker_exporter.server_close()


@pytest.mark.django_db
def test_a_ledger_row_is_counted_and_names_the_request(workspace):
    labels = {"provider": "openai", "outcome": "ok"}
    calls, cost = sample("sparklio_llm_calls_total", **labels), sample("sparklio_llm_cost_usd_total", provider="openai")
    tokens_in = sample("sparklio_llm_tokens_total", provider="openai", direction="input")
    latency_count = sample("sparklio_llm_call_duration_seconds_count", **labels)
    bound = requestid.bind("req-ledger-0001")
    try:
        ctx = llm_services.CallContext.build(purpose="fast", workspace_id=workspace.id)
    finally:
        requestid.unbind(bound)
    row = llm_services.call_record(
        ctx=ctx,
        provider="openai",
        model="gpt-4o-mini",
        outcome="ok",
        usage=Usage(input_tokens=1000, output_tokens=500),
        latency_ms=120,
    )
    assert LLMCall.objects.get(pk=row.pk).correlation_id == "req-ledger-0001"
    assert sample("sparklio_llm_calls_total", **labels) == calls + 1
    assert sample("sparklio_llm_tokens_total", provider="openai", direction="input") == tokens_in + 1000
    assert sample("sparklio_llm_cost_usd_total", provider="openai") == pytest.approx(cost + float(row.cost_usd))
    assert row.cost_usd > 0
    assert sample("sparklio_llm_call_duration_seconds_count", **labels) == latency_count + 1


@pytest.fixture
def fake_openai(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    yield api
    api.close()


@pytest.mark.django_db(transaction=True)
async def test_a_gateway_call_made_for_a_request_writes_its_id_on_the_ledger_row(fake_openai, workspace):
    fake_openai.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion("X1", prompt=50, completion=5)
    )
    bound = requestid.bind("req-gateway-0001")
    try:
        await Gateway(build_providers()).acomplete(
            [{"role": "user", "content": "hi"}], purpose="fast", workspace_id=workspace.id
        )
    finally:
        requestid.unbind(bound)
    row = await LLMCall.objects.aget(workspace=workspace)
    assert (row.provider, row.outcome, row.correlation_id) == ("openai", "ok", "req-gateway-0001")


@database_sync_to_async
def _member_token():
    user, workspace = UserFactory(), WorkspaceFactory()
    MembershipFactory(workspace=workspace, user=user, role="viewer")
    return workspace, token_issue(user=user).key


@pytest.mark.django_db(transaction=True)
async def test_open_websockets_are_counted_while_open():
    workspace, token = await _member_token()
    gauge = {"consumer": "WorkspaceEventsConsumer"}
    before, local_before = sample("sparklio_websockets_open", **gauge), sockets.local_count()
    communicator = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id}/?token={token}")
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    await communicator.receive_json_from()
    assert sample("sparklio_websockets_open", **gauge) == before + 1 and sockets.local_count() == local_before + 1
    await communicator.disconnect()
    assert sample("sparklio_websockets_open", **gauge) == before and sockets.local_count() == local_before
    # a refused socket (not a member) is never counted
    refused = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id + 999}/?token={token}")
    await refused.connect(timeout=5)
    assert sample("sparklio_websockets_open", **gauge) == before
    await refused.disconnect()


@pytest.mark.parametrize(("given", "kept"), [(b"ws-trace-00042", True), (b"bad id\r\nX-Evil: 1", False), (None, False)])
async def test_a_sockets_handshake_carries_a_request_id_back_and_into_its_lines(given, kept, caplog):
    """The id rides back in the accept message (the handshake's answer), names the lines logged
    while the socket lives, and the socket's one access line hides its token."""
    seen = {}

    async def consumer(scope, receive, send):
        seen["scope"] = scope["request_id"]
        seen["bound"] = requestid.current()
        logging.getLogger("sparklio.test").warning("inside the socket")
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.close", "code": 1000})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "websocket.connect"}

    headers = [(b"host", b"testserver")] + ([(b"x-request-id", given)] if given else [])
    scope = {"type": "websocket", "path": "/ws/x/", "query_string": b"token=s3cret", "headers": headers}
    with caplog.at_level(logging.INFO):
        await requestid.WebSocketRequestId(consumer)(scope, receive, send)
    request_id = dict(sent[0]["headers"])[b"x-request-id"].decode()
    assert seen == {"scope": request_id, "bound": request_id}
    assert (given is not None and request_id == given.decode()) is kept and requestid.valid(request_id)
    inside = next(r for r in caplog.records if r.getMessage() == "inside the socket")
    RequestIdFilter().filter(inside)
    assert inside.request_id == request_id
    access = [r for r in caplog.records if r.name == "sparklio.access"]
    assert len(access) == 1 and (access[0].status, access[0].close_code, access[0].path) == (101, 1000, "/ws/x/")
    assert "s3cret" not in access[0].query and requestid.current() == ""


@pytest.mark.django_db(transaction=True)
async def test_a_refused_socket_is_logged_once_with_its_close_code(caplog):
    workspace, token = await _member_token()
    with caplog.at_level(logging.INFO, logger="sparklio.access"):
        refused = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id + 999}/?token={token}")
        await refused.connect(timeout=5)
        await refused.disconnect()
    access = [r for r in caplog.records if r.name == "sparklio.access"]
    assert [r.method for r in access] == ["WS"] and access[0].close_code >= 4000, access[0].getMessage()
    assert token not in access[0].query and token not in access[0].getMessage()


def test_sentry_is_off_without_a_dsn():
    import sentry_sdk

    assert settings.SENTRY_DSN == "" and not sentry_sdk.get_client().is_active()


def test_sentry_reports_when_a_dsn_is_set_without_personal_data():
    """A real process with SENTRY_DSN pointing at a loopback server standing in for Sentry: the
    event arrives there, and the client was set up without personal data."""
    import gzip
    import http.server
    import zlib

    received = []

    class Sentry(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            received.append((self.path, body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format, *args):
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    code = (
        "import sentry_sdk; client = sentry_sdk.get_client();"
        "print('active', client.is_active(), 'pii', client.options['send_default_pii']);"
        "sentry_sdk.capture_message('sentry-marker-7'); sentry_sdk.flush(10)"
    )
    env = {
        **os.environ,
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
        "SENTRY_ENVIRONMENT": "test",
    }
    env.pop("SENTRY_TRACES_SAMPLE_RATE", None)
    try:
        done = subprocess.run(  # noqa: S603 (fixed argv)
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert "active True pii False" in done.stdout, done.stdout + done.stderr
    assert any(path.startswith("/api/42/") and b"sentry-marker-7" in body for path, body in received), received
    assert all(b'"environment":"test"' in body or b"sentry-marker-7" not in body for _, body in received)


@pytest.mark.django_db
def test_the_admin_finds_ledger_rows_by_request_id(client, workspace):
    import uuid

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for correlation in ["req-admin-search-1", "req-other-000002"]:
        LLMCall.objects.create(
            request_id=uuid.uuid4(),
            correlation_id=correlation,
            workspace=workspace,
            purpose="fast",
            provider="openai",
            model="gpt-4o-mini",
            outcome="ok",
        )
    response = client.get("/admin/llm/llmcall/", {"q": "req-admin-search-1"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
