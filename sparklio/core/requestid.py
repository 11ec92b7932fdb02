"""One id per HTTP request, carried into every log line, Celery task and gateway ledger row it causes.

The id comes from the client's or the proxy's ``X-Request-ID`` when that is a plain token
(letters, digits, ``.``, ``_``, ``-``, ``:``; 8 to 128 characters), so one id follows a request
through a load balancer; anything else is replaced by a fresh one and never echoed, since the
header is written back in the response and into logs. Celery tasks take the id of whoever
enqueued them (a message header), so a worker's lines and ledger rows name the request too.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from celery import signals

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
_VALID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")
# Query parameters whose values are credentials (a WebSocket token, a signed media URL…).
_SECRET_PARAM = re.compile(r"token|key|sig|secret|password|passwd|auth|code|session", re.IGNORECASE)

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
access_logger = logging.getLogger("sparklio.access")


def new_id() -> str:
    return uuid.uuid4().hex


def valid(value: str | None) -> bool:
    return bool(value) and _VALID.fullmatch(value) is not None


def current() -> str:
    """The id of the request or task running now, or "" outside both."""
    return _current.get()


def bind(value: str) -> contextvars.Token:
    return _current.set(value)


def unbind(token: contextvars.Token) -> None:
    _current.reset(token)


def safe_query(query: str) -> str:
    """The query string with the values of credential parameters masked."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, "********" if _SECRET_PARAM.search(k) else v) for k, v in pairs])


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record (blank outside a request or task), and ``request_tag``
    (``[id] `` or nothing) for plain-text formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            # django.request logs a 4xx/5xx after the middleware has returned: it names the request
            request = getattr(record, "request", None)
            record.request_id = _current.get() or getattr(request, "request_id", "")
        record.request_tag = f"[{record.request_id}] " if record.request_id else ""
        return True


class RequestIdMiddleware:
    """First in the stack: binds the request's id, returns it in ``X-Request-ID`` and writes the
    request's one access line when the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get(HEADER)
        request_id = given if valid(given) else new_id()
        request.request_id = request_id
        token = bind(request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._access(request, response.status_code, started)
            return response
        finally:
            unbind(token)

    @staticmethod
    def _access(request, status: int, started: float) -> None:
        match = getattr(request, "resolver_match", None)
        query = safe_query(request.META.get("QUERY_STRING", ""))
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        # One line per request: the path without its query (which may carry a token) in the
        # message, the masked query beside it for JSON logs.
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "query": query,
                "status": status,
                "duration_ms": duration_ms,
                "view": match.view_name if match else "",
                "client": request.META.get("REMOTE_ADDR", ""),
            },
        )


class WebSocketRequestId:
    """The same for a WebSocket: the handshake's ``X-Request-ID`` (or a fresh id) names every line
    logged while the socket lives, rides back in the handshake's answer, and one access line is
    written when the socket ends (accepted or refused, and for how long it was open)."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.inner(scope, receive, send)
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if valid(given) else new_id()
        scope = {**scope, "request_id": request_id}
        started = time.perf_counter()
        # refused (403) until the consumer accepts; a consumer that refuses a member's socket
        # accepts and closes at once with its reason's code (4401, 4403, …), kept as ``close_code``
        outcome = {"status": 403, "close_code": None}

        async def send_with_id(message):
            if message["type"] == "websocket.accept":
                headers = [*message.get("headers", []), (HEADER.lower().encode(), request_id.encode())]
                message = {**message, "headers": headers}
                outcome["status"] = 101
            elif message["type"] == "websocket.close" and outcome["close_code"] is None:
                outcome["close_code"] = message.get("code", 1000)
            await send(message)

        token = bind(request_id)
        try:
            await self.inner(scope, receive, send_with_id)
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 2)
            path = scope.get("path", "")
            access_logger.info(
                "WS %s %s %s %.1fms",
                path,
                outcome["status"],
                outcome["close_code"] or "-",
                duration_ms,
                extra={
                    "close_code": outcome["close_code"],
                    "method": "WS",
                    "path": path,
                    "query": safe_query(scope.get("query_string", b"").decode("latin-1")),
                    "status": outcome["status"],
                    "duration_ms": duration_ms,
                    "client": (scope.get("client") or ("",))[0],
                },
            )
            unbind(token)


# --- Celery: the enqueuer's id travels as a message header --------------------------------------


@signals.before_task_publish.connect(weak=False)
def _stamp_published_task(headers=None, **kwargs) -> None:
    request_id = _current.get()
    if headers is not None and request_id and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


_task_tokens: dict[str, contextvars.Token] = {}


@signals.task_prerun.connect(weak=False)
def _bind_task(task_id=None, task=None, **kwargs) -> None:
    request = task.request if task is not None else None
    request_id = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(TASK_HEADER)
    if not valid(request_id):
        # an eager task runs inside its caller and keeps the caller's id; a task from beat gets one
        request_id = _current.get() or new_id()
    if task_id:
        _task_tokens[task_id] = _current.set(request_id)


@signals.task_postrun.connect(weak=False)
def _unbind_task(task_id=None, **kwargs) -> None:
    token = _task_tokens.pop(task_id, None) if task_id else None
    if token is not None:
        try:
            _current.reset(token)
        except ValueError:  # set in another context (a thread pool switched it): just clear
            _current.set("")
