"""A Celery worker and beat inside the server process (no broker configured).

Used only by ``manage.py serve`` when the broker is kombu's in-memory transport, which is
per process: the worker must live where the requests enqueue. It runs the same task code
as a real worker. ``WorkController`` (not ``app.Worker``) because the latter installs
signal handlers and wants the main thread, which daphne needs.
"""

from __future__ import annotations

import logging
import threading

from celery.beat import EmbeddedService

from sparklio.celery import app

logger = logging.getLogger(__name__)

_worker = None
_worker_thread: threading.Thread | None = None
_beat = None


def start(*, concurrency: int, with_beat: bool = True) -> None:
    global _worker, _worker_thread, _beat
    if _worker_thread is not None:
        return
    _worker = app.WorkController(
        pool="threads",
        concurrency=concurrency,
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
        queues=[app.conf.task_default_queue],
        loglevel="INFO",
    )
    _worker_thread = threading.Thread(target=_worker.start, name="celery-worker", daemon=True)
    _worker_thread.start()
    if with_beat:
        # Same database scheduler as `celery beat` (EmbeddedService defaults to a schedule file).
        _beat = EmbeddedService(app, thread=True, scheduler_cls=app.conf.beat_scheduler)
        _beat.start()
    logger.info("embedded celery worker started (threads=%s, beat=%s)", concurrency, with_beat)


def stop() -> None:
    """Let in-flight tasks finish (warm shutdown), then join the threads."""
    global _worker, _worker_thread, _beat
    if _beat is not None:
        _beat.stop()
        _beat = None
    if _worker is not None:
        _worker.stop(in_sighandler=False)
    if _worker_thread is not None:
        _worker_thread.join(timeout=30)
    _worker = _worker_thread = None


def is_running() -> bool | None:
    """None when this process has no embedded worker (eager mode, a real broker, or not the server)."""
    if _worker_thread is None:
        return None
    return _worker_thread.is_alive()
