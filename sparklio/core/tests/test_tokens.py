"""Named API tokens: one per browser or integration, listed without their keys, revoked one by one."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from conftest import client_for
from sparklio.asgi import application
from sparklio.core.models import ApiToken
from sparklio.core.tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.core.tests.test_socket_access import closed_with


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.mark.django_db
def test_two_named_tokens_work_side_by_side_and_are_listed_without_keys(user):
    client = client_for(user)
    laptop = client.post("/api/v1/auth/tokens/", {"name": "Studio on my laptop"}, format="json")
    phone = client.post("/api/v1/auth/tokens/", {"name": "Zapier"}, format="json")
    assert laptop.status_code == phone.status_code == 201
    assert set(laptop.json()) == {"id", "name", "token", "created", "last_used", "expires"}
    assert laptop.json()["name"] == "Studio on my laptop"
    assert laptop.json()["token"] != phone.json()["token"]

    for key in (laptop.json()["token"], phone.json()["token"]):
        assert bearer(key).get("/api/v1/auth/me/").json()["user"]["username"] == user.username

    listed = client.get("/api/v1/auth/tokens/").json()["results"]
    assert [row["name"] for row in listed] == ["default", "Studio on my laptop", "Zapier"]
    for row in listed:
        assert set(row) == {"id", "name", "created", "last_used", "expires"}
    body = client.get("/api/v1/auth/tokens/").content.decode()
    assert laptop.json()["token"] not in body and phone.json()["token"] not in body
    assert listed[1]["last_used"] is not None  # it was just used


@pytest.mark.django_db
def test_revoking_one_token_leaves_the_others(user):
    client = client_for(user)
    first = client.post("/api/v1/auth/tokens/", {"name": "one"}, format="json").json()
    second = client.post("/api/v1/auth/tokens/", {"name": "two"}, format="json").json()
    assert client.delete(f"/api/v1/auth/tokens/{first['id']}/").status_code == 204
    assert bearer(first["token"]).get("/api/v1/auth/me/").status_code == 401
    assert bearer(second["token"]).get("/api/v1/auth/me/").status_code == 200
    assert client.delete(f"/api/v1/auth/tokens/{first['id']}/").status_code == 404


@pytest.mark.django_db
def test_logout_revokes_only_the_token_used(api_client, user):
    signed_in = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD, "name": "Safari"}, format="json"
    )
    assert signed_in.status_code == 200
    safari = signed_in.json()["token"]
    chrome = bearer(safari).post("/api/v1/auth/tokens/", {"name": "Chrome"}, format="json").json()["token"]
    assert bearer(safari).post("/api/v1/auth/logout/").status_code == 204
    assert bearer(safari).get("/api/v1/auth/me/").status_code == 401
    assert bearer(chrome).get("/api/v1/auth/me/").status_code == 200
    assert list(ApiToken.objects.filter(user=user).values_list("name", flat=True)) == ["Chrome"]


@pytest.mark.django_db
def test_password_sign_in_still_answers_a_token_and_the_same_one_for_the_same_name(api_client, user):
    def sign_in(**extra):
        payload = {"username": user.username, "password": PASSWORD, **extra}
        return api_client.post("/api/v1/auth/token/", payload, format="json").json()["token"]

    assert sign_in() == sign_in()
    assert sign_in(name="Firefox") == sign_in(name="Firefox") != sign_in()


@pytest.mark.django_db
def test_another_users_token_is_not_found(user):
    stranger = UserFactory()
    theirs = client_for(stranger).post("/api/v1/auth/tokens/", {"name": "theirs"}, format="json").json()
    assert client_for(user).delete(f"/api/v1/auth/tokens/{theirs['id']}/").status_code == 404
    assert client_for(user).delete(f"/api/v1/auth/tokens/{2**70}/").status_code == 404
    assert bearer(theirs["token"]).get("/api/v1/auth/me/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 65}, {"name": "dup"}, {"name": None}, {"name": ["a"]}],
)
def test_bad_token_names_are_400_naming_the_field(user, payload):
    client = client_for(user)
    client.post("/api/v1/auth/tokens/", {"name": "dup"}, format="json")
    response = client.post("/api/v1/auth/tokens/", payload, format="json")
    assert response.status_code == 400
    assert "name" in str(response.json())
    assert ApiToken.objects.filter(user=user).count() == 2  # "default" and "dup"


@pytest.mark.django_db
def test_tokens_need_authentication(api_client):
    assert api_client.get("/api/v1/auth/tokens/").status_code == 401
    assert api_client.post("/api/v1/auth/tokens/", {"name": "x"}, format="json").status_code == 401


@pytest.mark.django_db(transaction=True)
async def test_revoking_a_token_closes_its_sockets_and_only_its_own():
    @database_sync_to_async
    def setup():
        user = UserFactory()
        workspace = WorkspaceFactory(created_by=user)
        MembershipFactory(workspace=workspace, user=user, role="owner")
        client = client_for(user)
        one = client.post("/api/v1/auth/tokens/", {"name": "one"}, format="json").json()
        two = client.post("/api/v1/auth/tokens/", {"name": "two"}, format="json").json()
        return client, workspace, one, two

    client, workspace, one, two = await setup()
    sockets = []
    for token in (one, two):
        socket = WebsocketCommunicator(application, f"/ws/workspaces/{workspace.pk}/?token={token['token']}")
        assert (await socket.connect(timeout=5))[0]
        assert (await socket.receive_json_from())["type"] == "hello"
        sockets.append(socket)

    response = await database_sync_to_async(client.delete)(f"/api/v1/auth/tokens/{one['id']}/")
    assert response.status_code == 204
    assert await closed_with(sockets[0]) == 4401
    await sockets[1].send_json_to({"type": "ping"})
    assert await sockets[1].receive_json_from() == {"type": "pong"}
    for socket in sockets:
        await socket.disconnect()


@pytest.mark.django_db
def test_logout_of_a_browser_session_ends_the_session_and_keeps_the_tokens(client, user):
    key = client_for(user).post("/api/v1/auth/tokens/", {"name": "CLI"}, format="json").json()["token"]
    client.force_login(user)
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/auth/me/").status_code in (401, 403)
    assert bearer(key).get("/api/v1/auth/me/").status_code == 200
