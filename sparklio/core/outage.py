"""When the broker or the channel layer (Redis) is down: degrade, never corrupt.

- A request that queues work publishes after its transaction commits; when the broker refuses
  the message, the rows it wrote are removed again and the caller gets ``JobQueueUnavailable``
  (the API answers 503 with ``Retry-After``). Nothing is left ``pending`` with no message.
- Events are best effort: a lost progress event is logged, never fails the step or request
  that sent it (clients catch up from the API or the socket's state on reconnect).
- What a user reads never carries internal error text (hosts, ports, driver messages):
  ``public_reason`` names the kind of failure; the log keeps the details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is unreachable (kombu wraps the transport's errors
# once its retries are spent; a refused or reset socket can surface as OSError).
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuOperationalError, RedisError, OSError)
# What channels-redis raises when Redis is unreachable.
LAYER_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)


class JobQueueUnavailable(Exception):
    """The job queue could not take the work; nothing was saved."""

    def __init__(self, retry_after: int | None = None):
        self.retry_after = retry_after or settings.JOB_QUEUE_RETRY_AFTER_SECONDS
        super().__init__("The job queue is unreachable right now; nothing was saved. Try again shortly.")


def enqueue_on_commit(publish: Callable[[], object], *, undo: Callable[[], None], what: str) -> None:
    """Publish once the transaction commits (no worker reads uncommitted rows). If the broker
    refuses, ``undo`` removes what the transaction wrote and ``JobQueueUnavailable`` reaches
    the caller, so a request answers 503 and leaves nothing behind.

    Register this before any other on-commit callback of the same transaction (its events):
    when it raises, Django drops the callbacks after it."""

    def run() -> None:
        from celery import current_app

        if current_app.conf.task_always_eager:  # no broker: the task runs here, its errors are its own
            publish()
            return
        try:
            publish()
        except BROKER_ERRORS as exc:
            logger.error("job queue unreachable, %s not queued and removed again: %s", what, exc)
            undo()
            raise JobQueueUnavailable() from exc

    transaction.on_commit(run)


def public_reason(exc: BaseException) -> str:
    """Why something failed, in words fit for the person who asked (stored on runs and
    workflows, shown in chat and the API). Errors written for users keep their message;
    infrastructure errors are named by kind only."""
    from django.db import DatabaseError
    from pydantic import ValidationError as PydanticValidationError
    from rest_framework.exceptions import APIException

    from sparklio.gpu.comfyui import ComfyError
    from sparklio.llm.errors import LLMError

    if isinstance(exc, DatabaseError):
        return "the database was unreachable or refused the change (details are in the server log)"
    if isinstance(exc, BROKER_ERRORS + LAYER_ERRORS + (ConnectionError, TimeoutError)):
        return "a backing service (job queue, cache or events) was unreachable (details are in the server log)"
    # Our own refusals: the domain's errors, and ValueError, which domain code raises with a
    # sentence for the user ("the brand kit has no colours").
    if isinstance(exc, LLMError | ComfyError | APIException | PydanticValidationError | ValueError) or getattr(
        exc, "user_facing", False
    ):
        return f"{type(exc).__name__}: {exc}"
    return "an internal error stopped it (details are in the server log)"


class OneLineCacheErrors(logging.Filter):
    """django-redis logs every ignored error with its whole traceback: during an outage that is
    dozens of tracebacks per request. One line each says the same."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"cache unreachable, ignored: {record.exc_info[1]}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
