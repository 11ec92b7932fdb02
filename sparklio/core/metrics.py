"""The project's own Prometheus metrics, beside django-prometheus's (requests by view and status with
latency, database queries, cache gets): Celery tasks, gateway calls, open WebSockets and workflow
durations. Served at ``/metrics`` (sparklio/core/views.py).

Every process counts for itself. In the embedded mode one process serves HTTP, WebSockets and
the Celery worker, so its ``/metrics`` has everything. Several worker processes on one host share
their counts through ``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode; the
folder must be empty when the first process starts), and the ``/metrics`` of any of them then
answers for all. docs/operations.md says how to run it.
"""

from __future__ import annotations

import os
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler, make_server

from celery import signals
from django.conf import settings
from django.db import transaction
from django.utils.crypto import constant_time_compare
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client.exposition import ThreadingWSGIServer

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)

celery_tasks = Counter(
    "sparklio_celery_tasks_total",
    "Celery tasks by name and state (started, succeeded, failed, retried).",
    ["task", "state"],
)
celery_task_seconds = Histogram(
    "sparklio_celery_task_duration_seconds",
    "Celery task run time by name and final state.",
    ["task", "state"],
    buckets=_SECONDS,
)
llm_calls = Counter(
    "sparklio_llm_calls_total",
    "Gateway ledger rows (provider requests, cache answers, refusals) by provider and outcome.",
    ["provider", "outcome"],
)
llm_tokens = Counter(
    "sparklio_llm_tokens_total", "Tokens by provider and direction (input, output).", ["provider", "direction"]
)
llm_cost = Counter(
    "sparklio_llm_cost_usd_total", "Money spent on model calls, in US dollars, by provider.", ["provider"]
)
llm_seconds = Histogram(
    "sparklio_llm_call_duration_seconds",
    "Latency of a provider request (or a cache answer) by provider and outcome.",
    ["provider", "outcome"],
    buckets=_SECONDS,
)
open_sockets = Gauge(
    "sparklio_websockets_open",
    "WebSockets admitted and still open, by consumer.",
    ["consumer"],
    multiprocess_mode="livesum",
)
workflow_seconds = Histogram(
    "sparklio_workflow_duration_seconds",
    "Brief-to-document workflows from start to end, by final status.",
    ["status"],
    buckets=_SECONDS,
)


def registry() -> CollectorRegistry:
    """Every metric of this process, or of every process sharing the multiprocess folder."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        shared = CollectorRegistry()
        multiprocess.MultiProcessCollector(shared)
        return shared
    return DEFAULT_REGISTRY


def exposition() -> bytes:
    return generate_latest(registry())


def token_refusal(authorization: str) -> tuple[int, str] | None:
    """(status, text) when ``METRICS_TOKEN`` is set and the Authorization header does not carry it
    as a Bearer token: none is a 401, a wrong one a 403. None when the caller may read."""
    token = settings.METRICS_TOKEN
    if not token:
        return None
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "metrics need a bearer token\n"
    if not constant_time_compare(given.strip(), token):
        return 403, "wrong metrics token\n"
    return None


def worker_wsgi_app(environ, start_response):
    """/metrics of a Celery worker process (CELERY_METRICS_PORT), with the same token rule."""
    refusal = token_refusal(environ.get("HTTP_AUTHORIZATION", ""))
    if refusal is not None:
        status, text = refusal
        headers = [("Content-Type", "text/plain")]
        if status == 401:
            headers.append(("WWW-Authenticate", 'Bearer realm="metrics"'))
        start_response(f"{status} {'Unauthorized' if status == 401 else 'Forbidden'}", headers)
        return [text.encode()]
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
    return [exposition()]


worker_exporter = None


@signals.worker_init.connect(weak=False)
def worker_exporter_start(**kwargs) -> None:
    """A `celery worker` process has no HTTP server of its own: with CELERY_METRICS_PORT set it
    serves its metrics there (its pool's child processes counted through PROMETHEUS_MULTIPROC_DIR)."""
    port = settings.CELERY_METRICS_PORT
    if not port:
        return
    global worker_exporter
    worker_exporter = make_server("0.0.0.0", port, worker_wsgi_app, ThreadingWSGIServer, handler_class=_QuietHandler)  # noqa: S104
    threading.Thread(target=worker_exporter.serve_forever, name="metrics-exporter", daemon=True).start()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # a scrape every few seconds is not news
        return


# --- hooks called by the code that knows ---------------------------------------------------------


def llm_call_observed(
    *, provider: str, outcome: str, input_tokens: int, output_tokens: int, cost_usd, latency_ms: float
) -> None:
    """One gateway ledger row was written (sparklio/llm/services.py)."""
    llm_calls.labels(provider, outcome).inc()
    if input_tokens:
        llm_tokens.labels(provider, "input").inc(input_tokens)
    if output_tokens:
        llm_tokens.labels(provider, "output").inc(output_tokens)
    if cost_usd:
        llm_cost.labels(provider).inc(float(cost_usd))
    llm_seconds.labels(provider, outcome).observe(latency_ms / 1000)


def socket_opened(consumer: str) -> None:
    open_sockets.labels(consumer).inc()


def socket_closed(consumer: str) -> None:
    open_sockets.labels(consumer).dec()


def workflow_finished(workflow) -> None:
    """A workflow (``status``, ``started_at`` or else ``created_at``, ``finished_at``) reached its
    end: counted once its transaction commits."""
    started = workflow.started_at or workflow.created_at
    if started is None or workflow.finished_at is None:
        return
    seconds = max(0.0, (workflow.finished_at - started).total_seconds())
    status = str(workflow.status)
    transaction.on_commit(lambda: workflow_seconds.labels(status).observe(seconds))


# --- Celery, through its signals (in the embedded worker thread and in worker processes alike) ---

_task_started: dict[str, float] = {}


def _task_name(sender=None, task=None) -> str:
    task = task or sender
    return getattr(task, "name", None) or str(task)


@signals.task_prerun.connect(weak=False)
def _task_prerun(task_id=None, task=None, **kwargs) -> None:
    celery_tasks.labels(_task_name(task=task), "started").inc()
    if task_id:
        _task_started[task_id] = time.perf_counter()


def _task_done(task_id: str | None, name: str, state: str) -> None:
    celery_tasks.labels(name, state).inc()
    started = _task_started.pop(task_id, None) if task_id else None
    if started is not None:
        celery_task_seconds.labels(name, state).observe(time.perf_counter() - started)


@signals.task_success.connect(weak=False)
def _task_success(sender=None, **kwargs) -> None:
    _task_done(getattr(sender.request, "id", None), _task_name(sender=sender), "succeeded")


@signals.task_failure.connect(weak=False)
def _task_failure(sender=None, task_id=None, **kwargs) -> None:
    _task_done(task_id, _task_name(sender=sender), "failed")


@signals.task_retry.connect(weak=False)
def _task_retry(sender=None, request=None, **kwargs) -> None:
    _task_done(getattr(request, "id", None), _task_name(sender=sender), "retried")


@signals.task_postrun.connect(weak=False)
def _task_postrun(task_id=None, **kwargs) -> None:
    # a task that ended neither way (revoked, ignored) leaves no start time behind
    _task_started.pop(task_id, None)
