"""Sockets follow membership and tokens while they are open, not only at the handshake: a
removed member, a lowered role, a revoked or expired token closes them (4403 / 4401) within a
second, also when the change is made in another process (through a real Redis channel layer)."""

import asyncio
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from conftest import client_for
from sparklio.asgi import application
from sparklio.core.models import ApiToken, Membership
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.core.tests.processes import database_url

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]


@database_sync_to_async
def _workspace_with(role="editor"):
    """A workspace with an owner (and the owner's API client) and a member holding ``role``."""
    owner, person = UserFactory(), UserFactory()
    workspace = WorkspaceFactory(created_by=owner)
    MembershipFactory(workspace=workspace, user=owner, role="owner")
    MembershipFactory(workspace=workspace, user=person, role=role)
    return workspace, client_for(owner), person, token_issue(user=person).key


async def _open(path):
    communicator = WebsocketCommunicator(application, path)
    connected, code = await communicator.connect(timeout=5)
    assert connected, code
    await communicator.receive_json_from()  # hello
    return communicator


async def closed_with(communicator, timeout=1.0) -> int:
    """The close code the server sends within ``timeout`` seconds (events before it are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        output = await communicator.receive_output(timeout=max(0.01, deadline - time.monotonic()))
        if output["type"] == "websocket.close":
            return output["code"]


async def test_removing_a_member_closes_their_workspace_socket_within_a_second():
    workspace, owner, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    response = await database_sync_to_async(owner.delete)(f"/api/v1/workspaces/{workspace.pk}/members/{person.pk}/")
    assert response.status_code == 204
    assert await closed_with(socket) == 4403
    await socket.disconnect()


async def test_a_change_in_another_workspace_leaves_the_socket_open():
    workspace, _, person, token = await _workspace_with()
    other, other_owner, _, _ = await _workspace_with()
    await database_sync_to_async(MembershipFactory)(workspace=other, user=person, role="editor")
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    await database_sync_to_async(other_owner.delete)(f"/api/v1/workspaces/{other.pk}/members/{person.pk}/")
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    await socket.disconnect()


async def test_a_lowered_role_closes_the_socket_and_a_raised_one_keeps_it():
    workspace, owner, person, token = await _workspace_with(role="viewer")
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    url = f"/api/v1/workspaces/{workspace.pk}/members/"
    await database_sync_to_async(owner.post)(url, {"username": person.username, "role": "editor"})
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    response = await database_sync_to_async(owner.post)(url, {"username": person.username, "role": "viewer"})
    assert response.status_code == 200
    assert await closed_with(socket) == 4403
    await socket.disconnect()


async def test_revoking_the_token_closes_the_sockets_it_opened():
    workspace, _, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    response = await database_sync_to_async(lambda: client_for(person).post("/api/v1/auth/logout/"))()
    assert response.status_code == 204
    assert await closed_with(socket) == 4401
    await socket.disconnect()


async def test_a_socket_closes_when_its_token_expires(settings):
    workspace, _, person, token = await _workspace_with()
    # the token has 1.5 s left to live
    created = timezone.now() - settings.SPARKLIO_TOKEN_TTL + timedelta(seconds=1.5)
    await database_sync_to_async(ApiToken.objects.filter(key=token).update)(created=created)
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    assert await closed_with(socket, timeout=3) == 4401
    await socket.disconnect()


async def test_every_message_is_checked_against_the_membership_of_that_moment():
    workspace, _, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    # removed behind the services' back: no event reaches the socket, its next message finds out
    await database_sync_to_async(Membership.objects.filter(user=person, workspace=workspace).delete)()
    await socket.send_json_to({"type": "ping"})
    assert await closed_with(socket) == 4403
    await socket.disconnect()


async def test_a_token_deleted_behind_the_sockets_back_is_caught_at_the_next_message():
    workspace, _, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    await database_sync_to_async(ApiToken.objects.filter(key=token).delete)()
    await socket.send_json_to({"type": "ping"})
    assert await closed_with(socket) == 4401
    await socket.disconnect()


async def test_deleting_the_workspace_closes_its_members_sockets():
    workspace, owner, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    response = await database_sync_to_async(owner.delete)(f"/api/v1/workspaces/{workspace.pk}/")
    assert response.status_code == 204
    assert await closed_with(socket) == 4403
    await socket.disconnect()


async def test_a_member_removed_in_another_process_loses_the_socket_through_the_channel_layer(settings, redis_url):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # as the settings do: no read timeout (redis-py's default 5 s closed the socket with 4503
            # whenever the other process took longer than that to start, as on a busy machine)
            "CONFIG": {"hosts": [{"address": redis_url, "socket_timeout": None}], "prefix": "sparklio"},
        }
    }
    workspace, _, person, token = await _workspace_with()
    membership = await database_sync_to_async(Membership.objects.get)(user=person, workspace=workspace)
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "CHANNEL_LAYER_PREFIX": "sparklio"}
    code = (
        "from sparklio.core import services; from sparklio.core.models import Membership; "
        f"services.membership_remove(membership=Membership.objects.get(pk={membership.pk}))"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "manage.py", "shell", "-c", code, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, output.decode()
    assert await closed_with(socket) == 4403
    await socket.disconnect()


def _admin_removes(workspace, person):
    """A superuser deletes the person's membership in the workspace's admin page (the inline)."""
    from django.test import Client

    admin = UserFactory(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin)
    memberships = list(workspace.memberships.order_by("id"))
    data = {
        "name": workspace.name,
        "created_by": str(workspace.created_by_id),
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for n, membership in enumerate(memberships):
        data |= {
            f"memberships-{n}-id": str(membership.pk),
            f"memberships-{n}-workspace": str(workspace.pk),
            f"memberships-{n}-user": str(membership.user_id),
            f"memberships-{n}-role": membership.role,
        }
        if membership.user_id == person.pk:
            data[f"memberships-{n}-DELETE"] = "on"
    response = browser.post(f"/admin/core/workspace/{workspace.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors


async def test_a_member_removed_in_the_admin_loses_the_socket():
    workspace, _, person, token = await _workspace_with()
    socket = await _open(f"/ws/workspaces/{workspace.pk}/?token={token}")
    await database_sync_to_async(_admin_removes)(workspace, person)
    assert await closed_with(socket) == 4403
    assert not await database_sync_to_async(Membership.objects.filter(user=person).exists)()
    await socket.disconnect()


async def test_a_browser_socket_closes_once_its_session_is_logged_out():
    from django.conf import settings
    from django.test import Client

    workspace, _, person, _ = await _workspace_with()
    browser = Client()
    await database_sync_to_async(browser.force_login)(person)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    socket = WebsocketCommunicator(
        application, f"/ws/workspaces/{workspace.pk}/", headers=[(b"cookie", cookie.encode())]
    )
    assert (await socket.connect())[0]
    await socket.receive_json_from()
    await database_sync_to_async(browser.logout)()
    await socket.send_json_to({"type": "ping"})
    assert await closed_with(socket) == 4401
    await socket.disconnect()
