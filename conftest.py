"""Fixtures shared by every app's tests."""

import uuid

import pytest
from rest_framework.test import APIClient

from sparklio.celery import app as celery_app
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test gets its own media folder, no API throttling (tested on its own) and
    eager Celery: the in-memory broker is per process, so a .delay() from a test would
    otherwise queue where no worker listens. The real-worker tests switch eager off."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No test ever reaches a real model, whatever the developer's environment holds; LLM
    # cooldowns, rate windows and cached answers get a namespace of their own per test.
    for key in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "OLLAMA_BASE_URL"]:
        setattr(settings, key, "")
    settings.LLM_STATE_NAMESPACE = f"llm-test-{uuid.uuid4().hex}"
    # Ledger rows join the test's transaction (another connection could not see its workspace);
    # the background writer is tested on its own.
    settings.LLM_LEDGER_BACKGROUND = False
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(scope="session", autouse=True)
def _close_connections_of_the_sync_thread(django_db_setup, django_db_blocker):
    """Async tests reach the database through sync_to_async's one worker thread; its
    connection must be closed before the test database can be dropped."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    with django_db_blocker.unblock():
        SyncToAsync.single_thread_executor.submit(connections.close_all).result()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def workspace(user):
    ws = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=ws, user=user, role="owner")
    return ws


def member(workspace, role: str):
    """A new user holding ``role`` in ``workspace``."""
    person = UserFactory()
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def client_for(person) -> APIClient:
    """An API client authenticated the way the studio does it: a Bearer token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=person).key}")
    return client


@pytest.fixture
def owner_client(user, workspace):
    return client_for(user)


@pytest.fixture
def other_workspace(db):
    """A workspace the test's user does not belong to, with its own owner."""
    stranger = UserFactory()
    ws = WorkspaceFactory(created_by=stranger)
    MembershipFactory(workspace=ws, user=stranger, role="owner")
    return ws


async def refused_with(communicator, timeout: float = 5) -> int:
    """The close code of a refused socket. Refusals are accepted first and closed at once, with
    nothing sent, so a browser can read the code (a handshake refusal reaches it as 1006)."""
    connected, _ = await communicator.connect(timeout=timeout)
    assert connected, "refused sockets are accepted before they are closed"
    output = await communicator.receive_output(timeout=timeout)
    assert output["type"] == "websocket.close", output
    return output["code"]


@pytest.fixture
def workspace_events(workspace, settings):
    """Listens on the workspace's channel-layer group; call it to get the events sent so far.

    The in-memory layer is used whatever REDIS_URL says: these tests are about what the
    service sends, and channels-redis cannot receive from the fresh event loop that each
    async_to_sync call makes (the Redis path is tested through real sockets elsewhere)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from sparklio.core.events import workspace_group

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    group = workspace_group(workspace.pk)
    async_to_sync(layer.group_add)(group, channel)

    def sent() -> list[dict]:
        # A marker sent last tells where the queue ends, so reading never waits.
        async_to_sync(layer.send)(channel, {"type": "test.end"})
        events = []
        while (message := async_to_sync(layer.receive)(channel))["type"] != "test.end":
            events.append(message["event"])
        return events

    yield sent
    async_to_sync(layer.group_discard)(group, channel)
