"""The ledger's writer: gateway rows are written after the answer, off its path.

A call hands its rows (unsaved LLMCall objects) to :func:`record`; one writer thread per
process saves them in batches on a connection of its own, so no caller waits for an INSERT.
No row is lost when the process stops normally: :func:`flush` (which waits until every row
handed over is written) runs at interpreter exit, when a Celery worker process shuts down and
when a gunicorn worker exits; tests call it to read the rows deterministically.

With LLM_LEDGER_BACKGROUND off (the test suite's default: a test's transaction is invisible to
another connection) rows are saved at once on the caller's connection, as before.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
WRITE_ATTEMPTS = 3


def deferred() -> bool:
    return settings.LLM_LEDGER_BACKGROUND


class LedgerWriter:
    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._pending = 0
        self._done = threading.Condition()
        self._thread: threading.Thread | None = None

    def _reset_after_fork(self) -> None:
        # A forked child (gunicorn, Celery prefork) starts empty: the parent writes its own rows.
        self.__init__()

    def add(self, row) -> None:
        with self._done:
            self._pending += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="llm-ledger-writer", daemon=True)
                self._thread.start()
        self._queue.put(row)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every row handed over is written; False when the timeout passed first."""
        with self._done:
            return self._done.wait_for(lambda: self._pending == 0, timeout=timeout)

    @property
    def pending(self) -> int:
        return self._pending

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < BATCH_SIZE:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write(batch)
                if self._queue.empty():  # idle: the connection goes back (to the pool, or closed)
                    connections.close_all()
            finally:
                with self._done:
                    self._pending -= len(batch)
                    self._done.notify_all()

    @staticmethod
    def _write(batch) -> None:
        from sparklio.llm.models import LLMCall

        for attempt in range(1, WRITE_ATTEMPTS + 1):
            close_old_connections()
            try:
                LLMCall.objects.bulk_create(batch)
                return
            except Exception:
                if attempt == WRITE_ATTEMPTS:
                    logger.exception("%d ledger rows could not be written", len(batch))
                    return
                connections["default"].close()
                time.sleep(0.2 * attempt)


writer = LedgerWriter()
os.register_at_fork(after_in_child=writer._reset_after_fork)


def record(row) -> None:
    writer.add(row)


def flush(timeout: float = 30.0) -> bool:
    return writer.flush(timeout)


def _flush_at_exit() -> None:
    if writer.pending and not writer.flush(timeout=30.0):
        logger.error("%d ledger rows were still unwritten when the process stopped", writer.pending)


atexit.register(_flush_at_exit)
