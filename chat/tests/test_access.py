"""Chat follows membership while the socket is open: a removed or demoted member's chat socket
closes, and a message sent after access is gone is refused before it is stored or runs an agent.
Another workspace's document is not found, and no exception text reaches the user."""

import time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from agents.models import AgentRun, Workflow
from brands.tests.factories import BrandKitFactory
from chat.models import ChatMessage, ChatSession
from conftest import client_for
from documents.models import Document
from sparklio.asgi import application
from sparklio.core.models import Membership
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 노이즈 캔슬링과 24시간 배터리가 주요 특징이야."


def _setup(role="editor"):
    owner, person = UserFactory(), UserFactory()
    brand = BrandKitFactory(name="Sonic")
    MembershipFactory(workspace=brand.workspace, user=owner, role="owner")
    MembershipFactory(workspace=brand.workspace, user=person, role=role)
    session = ChatSession.objects.create(workspace=brand.workspace, brand=brand, title="t", created_by=owner)
    return session, client_for(owner), person, token_issue(user=person).key


setup = database_sync_to_async(_setup)


async def connect(session, token):
    communicator = WebsocketCommunicator(application, f"/ws/chat/{session.pk}/?token={token}")
    connected, code = await communicator.connect()
    assert connected, code
    assert (await communicator.receive_json_from())["type"] == "hello"
    return communicator


async def closed_with(communicator, timeout=1.0) -> int:
    deadline = time.monotonic() + timeout
    while True:
        output = await communicator.receive_output(timeout=max(0.01, deadline - time.monotonic()))
        if output["type"] == "websocket.close":
            return output["code"]


@database_sync_to_async
def stored():
    return ChatMessage.objects.count(), AgentRun.objects.count(), Workflow.objects.count()


async def test_a_removed_member_loses_the_chat_socket_and_their_next_message_is_not_stored():
    session, owner, person, token = await setup()
    chat = await connect(session, token)
    events = WebsocketCommunicator(application, f"/ws/workspaces/{session.workspace_id}/?token={token}")
    assert (await events.connect())[0]
    response = await database_sync_to_async(owner.delete)(
        f"/api/v1/workspaces/{session.workspace_id}/members/{person.pk}/"
    )
    assert response.status_code == 204
    assert await closed_with(chat) == 4403
    assert await closed_with(events) == 4403
    # whatever still reaches the server on that socket is refused
    await chat.send_json_to({"type": "message", "content": PLAN})
    assert await chat.receive_nothing(timeout=0.5)
    assert await stored() == (0, 0, 0)
    await chat.disconnect()
    await events.disconnect()


async def test_a_message_after_a_silent_removal_is_refused_before_it_is_stored_or_runs_agents():
    session, _, person, token = await setup()
    chat = await connect(session, token)
    # removed without the services (no event reaches the socket): the message itself is checked
    await database_sync_to_async(Membership.objects.filter(user=person).delete)()
    await chat.send_json_to({"type": "message", "content": PLAN})
    assert await closed_with(chat) == 4403
    assert await stored() == (0, 0, 0)
    await chat.disconnect()


async def test_an_editor_turned_viewer_loses_the_chat_socket():
    session, owner, person, token = await setup()
    chat = await connect(session, token)
    response = await database_sync_to_async(owner.post)(
        f"/api/v1/workspaces/{session.workspace_id}/members/", {"username": person.username, "role": "viewer"}
    )
    assert response.status_code == 200
    assert await closed_with(chat) == 4403
    await chat.disconnect()
    # reconnected as a viewer: reads, but cannot write
    again = await connect(session, token)
    await again.send_json_to({"type": "message", "content": "hello"})
    assert (await again.receive_json_from())["field"] == "type"
    assert await stored() == (0, 0, 0)
    await again.disconnect()


def _foreign_document():
    workspace = WorkspaceFactory()
    return Document.objects.create(workspace=workspace, title="secret", content={"pages": []}).pk


foreign_document = database_sync_to_async(_foreign_document)


async def test_another_workspaces_document_on_the_socket_is_not_found_and_nothing_is_stored():
    session, _, _, token = await setup()
    document = await foreign_document()
    chat = await connect(session, token)
    await chat.send_json_to({"type": "message", "content": "헤드라인 크게", "document": document})
    error = await chat.receive_json_from()
    assert error["type"] == "error" and error["field"] == "document"
    assert f"No document {document}" in error["message"] and "DoesNotExist" not in error["message"]
    assert await stored() == (0, 0, 0)
    await chat.disconnect()


def test_another_workspaces_document_over_rest_is_a_400_naming_it(db):
    session, owner, _, _ = _setup()
    document = _foreign_document()
    for url, body in [
        ("/api/v1/chat/analyze", {"session": session.pk, "message": "헤드라인 크게", "document": document}),
        (f"/api/v1/chat/sessions/{session.pk}/messages/", {"content": "헤드라인 크게", "document": document}),
    ]:
        response = owner.post(url, body, format="json")
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == ["document"]
        assert "DoesNotExist" not in response.content.decode()
    assert ChatMessage.objects.count() == 0
