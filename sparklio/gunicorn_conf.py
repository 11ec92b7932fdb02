"""gunicorn settings of the production topology: several uvicorn worker processes, each serving
the whole ASGI application, HTTP and WebSockets (Channels, over the Redis channel layer) on one
port. Used by ``manage.py serve`` when REDIS_URL is set, and directly in production:

    gunicorn --config python:sparklio.gunicorn_conf sparklio.asgi:application

Read from the environment (docs/configuration.md): WEB_BIND, WEB_CONCURRENCY, WEB_BACKLOG,
WEB_GRACEFUL_TIMEOUT, and HTTP_MAX_CONCURRENCY, whose default is lower here than in the embedded
server. Command-line flags override them.
"""

import os

from uvicorn_worker import UvicornWorker

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
# Request threads per worker process. Several processes share the cores, so a process needs few
# threads: with more, CPU-bound requests interleave on one GIL and every request's tail grows.
# Measured on 2 cores at 100 clients (bench/README.md, 2026-12-08): brand list p95 194-275 ms with
# 4 or 8 threads, 312-525 ms with 24 or 32. A thread waiting on a model call holds no core, so 8
# per process still lets that many slow generator calls run at once. Set before the workers
# import the settings (the application is loaded in each worker, after this file).
os.environ.setdefault("HTTP_MAX_CONCURRENCY", "8")
worker_class = "sparklio.gunicorn_conf.Worker"
# Connections waiting to be accepted: a burst of a few hundred clients must not overflow it
# (daphne's default of 50 did, 125 times in 200). The kernel caps it at net.core.somaxconn.
backlog = int(os.environ.get("WEB_BACKLOG") or 1024)
# On SIGTERM: stop accepting, let requests in flight finish (and sockets close) for this long.
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT") or 30)
# A worker whose event loop is silent this long is restarted (sync views run in a thread; the
# loop keeps answering meanwhile, so a long LLM call does not trip it).
timeout = 120
keepalive = 5
accesslog = None  # the access log is the application's (LOG_FORMAT)
# No runtime control socket: its default path is shared by every gunicorn of the user.
control_socket_disable = True


class Worker(UvicornWorker):
    """uvicorn without the lifespan protocol, which Django does not speak."""

    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "lifespan": "off"}


def worker_exit(server, worker):
    """Write the gateway ledger rows still queued before the worker process ends."""
    from sparklio.llm import ledger

    ledger.flush(timeout=graceful_timeout)
