"""Which topology `manage.py serve` picks and the command lines it builds (the servers
themselves are exercised end to end in test_serve.py)."""

import os
import signal
import sys

import pytest
from django.core.management.base import CommandError

from sparklio import gunicorn_conf
from sparklio.core.management.commands.serve import (
    EMBEDDED,
    WORKERS,
    Command,
    choose_topology,
    daphne_endpoints,
    gunicorn_argv,
)


def test_nothing_set_keeps_the_embedded_single_process(settings):
    settings.REDIS_URL = ""
    assert choose_topology("auto") == EMBEDDED


def test_redis_set_serves_from_several_worker_processes(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert choose_topology("auto") == WORKERS
    assert choose_topology(EMBEDDED) == EMBEDDED  # asked for explicitly


def test_workers_without_redis_is_refused_with_the_reason(settings):
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="needs REDIS_URL"):
        choose_topology(WORKERS)


def test_gunicorn_command_line():
    argv = gunicorn_argv(host="0.0.0.0", port=8000, workers=3, backlog=1024)  # noqa: S104
    assert argv[:3] == [sys.executable, "-m", "gunicorn"]
    assert argv[argv.index("--config") + 1] == "python:sparklio.gunicorn_conf"
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:8000"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--backlog") + 1] == "1024"
    assert argv[-1] == "sparklio.asgi:application"
    assert gunicorn_argv(host="::1", port=9000, workers=1, backlog=64)[6] == "[::1]:9000"


def test_daphne_listens_with_a_backlog_sized_for_bursts():
    assert daphne_endpoints(host="127.0.0.1", port=8000, backlog=1024) == [
        "tcp:port=8000:interface=127.0.0.1:backlog=1024"
    ]


def test_gunicorn_settings_serve_http_and_websockets_and_stop_gracefully():
    # uvicorn workers take the websocket scope too: one port, Channels routes /ws/.
    assert gunicorn_conf.worker_class == "sparklio.gunicorn_conf.Worker"
    assert gunicorn_conf.Worker.CONFIG_KWARGS["lifespan"] == "off"
    assert gunicorn_conf.backlog >= 1024
    assert gunicorn_conf.graceful_timeout > 0
    assert gunicorn_conf.control_socket_disable is True


def test_worker_processes_default_to_few_request_threads_unless_set(monkeypatch):
    import importlib

    monkeypatch.setenv("HTTP_MAX_CONCURRENCY", "")  # recorded, so the test's own default is undone after
    monkeypatch.delenv("HTTP_MAX_CONCURRENCY")
    importlib.reload(gunicorn_conf)
    assert os.environ["HTTP_MAX_CONCURRENCY"] == "8"
    monkeypatch.setenv("HTTP_MAX_CONCURRENCY", "20")
    importlib.reload(gunicorn_conf)
    assert os.environ["HTTP_MAX_CONCURRENCY"] == "20"


def test_the_command_hands_the_topology_to_gunicorn(settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.DEBUG = True  # no collectstatic
    settings.WEB_CONCURRENCY = 4
    settings.WEB_BACKLOG = 2048
    started = []

    class FakeServer:
        def __init__(self, argv):
            started.append(argv)

        def wait(self):
            return -signal.SIGTERM  # stopped by a SIGTERM, as on a normal shutdown

    monkeypatch.setattr("sparklio.core.management.commands.serve.subprocess.Popen", FakeServer)
    Command().handle(host="127.0.0.1", port=8123, no_worker=True, topology="auto", workers=None)
    (argv,) = started
    assert argv[argv.index("--workers") + 1] == "4"
    assert argv[argv.index("--backlog") + 1] == "2048"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
