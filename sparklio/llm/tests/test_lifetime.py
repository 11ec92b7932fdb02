"""Providers and their clients live as long as the process (rebuilt when their settings change),
and the ledger's background writer loses no row: every row is there after a flush, and after a
process that made calls exits normally."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from sparklio.llm import ledger
from sparklio.llm.gateway import Gateway, run_sync
from sparklio.llm.models import LLMCall
from sparklio.llm.tests import wire

HELLO = [{"role": "user", "content": "무선 이어폰 X1 헤드라인"}]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def mock():
    api = wire.FakeAPI()
    yield api
    api.close()


@pytest.fixture
def configured(settings, mock):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{mock.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    mock.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion("X1"))
    return settings


def current_openai(gateway: Gateway):
    """The OpenAI provider the sync face's loop holds, with its SDK client."""

    async def provider():
        return gateway.providers()["openai"]

    instance = run_sync(provider)
    return instance, instance._sdk


@pytest.mark.django_db
def test_the_sync_face_reuses_providers_and_clients_from_call_to_call(configured):
    gateway = Gateway()
    gateway.complete(HELLO, purpose="fast")
    provider, client = current_openai(gateway)
    assert client is not None  # built by the first call

    for _ in range(3):
        assert gateway.complete(HELLO, purpose="fast").text == "X1"
    assert current_openai(gateway) == (provider, client)


@pytest.mark.django_db
def test_providers_are_built_again_when_their_settings_change(configured, mock):
    gateway = Gateway()
    gateway.complete(HELLO, purpose="fast")
    provider, client = current_openai(gateway)

    configured.OPENAI_API_KEY = "sk-rotated"
    gateway.complete(HELLO, purpose="fast")

    new_provider, new_client = current_openai(gateway)
    assert new_provider is not provider and new_client is not client
    assert mock.route("POST", "/v1/chat/completions").calls.last.request.headers["authorization"] == "Bearer sk-rotated"


@pytest.mark.django_db
def test_a_sync_call_inside_a_transaction_writes_its_row_there(configured, workspace):
    # LLM_LEDGER_BACKGROUND off: the row is saved on the caller's connection, in its transaction.
    gateway = Gateway()
    result = gateway.complete(HELLO, purpose="fast", workspace_id=workspace.id)
    row = LLMCall.objects.get()
    assert (row.workspace_id, row.outcome, row.model) == (workspace.id, "ok", result.model)


@pytest.mark.django_db(transaction=True)
def test_background_rows_are_all_written_after_a_flush(configured, workspace):
    configured.LLM_LEDGER_BACKGROUND = True
    gateway = Gateway()
    errors = []

    def caller():
        try:
            for _ in range(15):
                gateway.complete(HELLO, purpose="fast", workspace_id=workspace.id)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=caller) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert ledger.flush(timeout=30)
    assert ledger.writer.pending == 0
    rows = LLMCall.objects.filter(workspace=workspace)
    assert rows.count() == 60
    assert set(rows.values_list("outcome", flat=True)) == {"ok"}
    assert len(set(rows.values_list("request_id", flat=True))) == 60


@pytest.mark.django_db(transaction=True)
def test_no_row_is_lost_when_a_process_exits_normally(mock, workspace):
    mock.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion("X1"))
    # The child reaches this test's database on the same server (settings as they are, the name changed).
    script = (
        "from django.conf import settings\n"
        f"settings.DATABASES['default']['NAME'] = {connection.settings_dict['NAME']!r}\n"
        "import django; django.setup()\n"
        "from sparklio.llm.gateway import gateway\n"
        f"for _ in range(40): gateway.complete({json.dumps(HELLO)}, purpose='fast', workspace_id={workspace.id})\n"
        # and it exits at once: no explicit flush
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sparklio.settings",
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": f"{mock.base}/v1",
        "LLM_FALLBACK_CHAIN": "openai",
        "LLM_LEDGER_BACKGROUND": "true",
        "LLM_STATE_NAMESPACE": f"llm-exit-{os.getpid()}",
        "REDIS_URL": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert LLMCall.objects.filter(workspace=workspace, outcome="ok").count() == 40
