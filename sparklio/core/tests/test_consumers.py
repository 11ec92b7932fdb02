import asyncio
import io
import threading

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from conftest import refused_with
from sparklio.asgi import application
from sparklio.core import events
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def _member_with_token(role="viewer"):
    user = UserFactory()
    workspace = WorkspaceFactory()
    MembershipFactory(workspace=workspace, user=user, role=role)
    return user, workspace, token_issue(user=user).key


async def _connect(path, headers=None):
    communicator = WebsocketCommunicator(application, path, headers=headers or [])
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def test_member_connects_with_token_in_query():
    user, workspace, token = await _member_with_token()
    communicator, connected, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    assert connected
    assert await communicator.receive_json_from() == {"type": "hello", "workspace": workspace.id, "user": user.username}
    await communicator.disconnect()


async def test_member_connects_with_authorization_header():
    _, workspace, token = await _member_with_token()
    communicator, connected, _ = await _connect(
        f"/ws/workspaces/{workspace.id}/", headers=[(b"authorization", f"Bearer {token}".encode())]
    )
    assert connected
    await communicator.disconnect()


async def test_member_connects_with_session_cookie():
    user, workspace, _ = await _member_with_token()
    browser = Client()
    await database_sync_to_async(browser.force_login)(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    communicator, connected, _ = await _connect(
        f"/ws/workspaces/{workspace.id}/", headers=[(b"cookie", cookie.encode())]
    )
    assert connected
    await communicator.disconnect()


async def test_anonymous_is_refused():
    _, workspace, _ = await _member_with_token()
    socket = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id}/")
    assert await refused_with(socket) == 4401


async def test_bad_token_is_refused():
    _, workspace, _ = await _member_with_token()
    socket = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id}/?token=not-a-token")
    assert await refused_with(socket) == 4401


async def test_non_member_is_refused_as_not_found():
    _, workspace, _ = await _member_with_token()
    _, _, stranger_token = await _member_with_token()
    socket = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.id}/?token={stranger_token}")
    assert await refused_with(socket) == 4404


async def test_foreign_browser_origin_is_refused_allowed_origin_accepted():
    _, workspace, token = await _member_with_token()
    path = f"/ws/workspaces/{workspace.id}/?token={token}"
    refused = WebsocketCommunicator(application, path, headers=[(b"origin", b"https://evil.example")])
    assert await refused_with(refused) == 4403
    communicator, connected, _ = await _connect(path, headers=[(b"origin", b"http://localhost:3000")])
    assert connected
    await communicator.disconnect()


async def test_ping_and_bad_messages_keep_the_socket_open():
    _, workspace, token = await _member_with_token()
    communicator, _, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    await communicator.receive_json_from()

    await communicator.send_to(text_data="{not json")
    error = await communicator.receive_json_from()
    assert error["type"] == "error" and "malformed JSON" in error["message"]

    await communicator.send_json_to({"type": "dance"})
    error = await communicator.receive_json_from()
    assert error["type"] == "error" and "dance" in error["message"]

    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


def _png(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), color).save(buffer, "PNG")
    return buffer.getvalue()


async def test_job_progress_reaches_the_workspace_socket_after_commit():
    from brands import services
    from brands.tests.factories import BrandKitFactory

    user, workspace, token = await _member_with_token(role="editor")
    communicator, _, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    await communicator.receive_json_from()

    brand = await database_sync_to_async(BrandKitFactory)(workspace=workspace)
    upload = SimpleUploadedFile("logo.png", _png("#14213D"))
    logo = await database_sync_to_async(services.brand_logo_add)(brand=brand, upload=upload, created_by=user)

    event = await communicator.receive_json_from(timeout=5)
    assert event["type"] == "job.progress"
    assert event["job"] == "brand_logo_analyze"
    assert event["logo"] == logo.id
    assert event["status"] == "succeeded"
    assert event["palette"][0]["hex"] == "#14213D"
    await communicator.disconnect()


async def test_event_sent_from_a_worker_thread_is_delivered_promptly():
    """The in-process worker sends from its own thread; the event must still arrive."""
    _, workspace, token = await _member_with_token()
    communicator, _, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    await communicator.receive_json_from()

    sender = threading.Thread(
        target=events.send_now, args=(events.workspace_group(workspace.id), {"type": "job.progress", "n": 1})
    )
    sender.start()
    event = await communicator.receive_json_from(timeout=2)
    await asyncio.get_running_loop().run_in_executor(None, sender.join)
    assert event == {"type": "job.progress", "n": 1}
    await communicator.disconnect()


async def test_events_of_another_workspace_are_not_delivered():
    _, workspace, token = await _member_with_token()
    _, other, _ = await _member_with_token()
    communicator, _, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    await communicator.receive_json_from()
    await database_sync_to_async(events.send_now)(events.workspace_group(other.id), {"type": "job.progress"})
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


@pytest.mark.redis
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it)")
async def test_an_idle_socket_stays_open_and_still_gets_events_with_redis():
    """channels-redis waits up to 5 s for a message; a Redis client timeout of the same length
    used to kill every socket that was quiet for 5 s (close 1011)."""
    _, workspace, token = await _member_with_token()
    communicator, _, _ = await _connect(f"/ws/workspaces/{workspace.id}/?token={token}")
    await communicator.receive_json_from()
    await asyncio.sleep(7)
    await database_sync_to_async(events.send_now)(events.workspace_group(workspace.id), {"type": "job.progress"})
    assert await communicator.receive_json_from(timeout=3) == {"type": "job.progress"}
    await communicator.disconnect()
