"""Browser clients on other origins: CORS for the API, full-origin checks for WebSockets."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from conftest import refused_with
from sparklio.asgi import application
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

STUDIO = "http://localhost:3000"


@pytest.fixture
def studio_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [STUDIO, "https://studio.example.com"]


def preflight(client, origin, method="PATCH", headers="authorization, content-type, if-match"):
    return client.options(
        "/api/v1/documents/1/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


@pytest.mark.django_db
def test_preflight_from_the_studio_is_allowed_with_credentials(client, studio_origin):
    response = preflight(client, STUDIO)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == STUDIO
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "PATCH" in response["Access-Control-Allow-Methods"]
    allowed = response["Access-Control-Allow-Headers"].lower()
    for header in ("authorization", "content-type", "if-match", "if-none-match"):
        assert header in allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "origin",
    [
        "http://localhost:3001",
        "https://localhost:3000",
        "http://evil.example",
        "null",
        "https://studio.example.com.evil",
    ],
)
def test_preflight_from_another_origin_gets_no_cors_headers(client, studio_origin, origin):
    response = preflight(client, origin)
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.django_db
def test_the_studio_can_read_the_headers_the_api_answers_with(user, workspace, studio_origin):
    from conftest import client_for

    response = client_for(user).get("/api/v1/auth/me/", HTTP_ORIGIN=STUDIO)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == STUDIO
    exposed = {name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "location", "retry-after", "x-render-warnings"} <= exposed


@database_sync_to_async
def _member_token():
    user = UserFactory()
    workspace = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=workspace, user=user, role="owner")
    return workspace, token_issue(user=user).key


def _socket(path, origin, host="testserver:8000", scheme="ws"):
    socket = WebsocketCommunicator(application, path, headers=[(b"origin", origin.encode()), (b"host", host.encode())])
    socket.scope["scheme"] = scheme
    return socket


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("origin", "host", "scheme"),
    [
        (STUDIO, "api.example.com", "wss"),  # listed
        ("https://studio.example.com", "api.example.com", "wss"),  # listed, default port
        ("https://studio.example.com:443", "api.example.com", "wss"),
        ("http://testserver:8000", "testserver:8000", "ws"),  # the server's own page
        ("https://testserver", "testserver", "wss"),
    ],
)
async def test_socket_from_an_allowed_origin_opens(studio_origin, origin, host, scheme):
    workspace, token = await _member_token()
    socket = _socket(f"/ws/workspaces/{workspace.pk}/?token={token}", origin, host, scheme)
    assert (await socket.connect(timeout=5))[0]
    assert (await socket.receive_json_from())["type"] == "hello"
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("origin", "host", "scheme"),
    [
        ("http://localhost:3001", "api.example.com", "wss"),  # the studio's host, another port
        ("https://localhost:3000", "api.example.com", "wss"),  # the studio's host and port, another scheme
        ("http://testserver:3000", "testserver:8000", "ws"),  # the server's host, another port
        ("https://testserver:8000", "testserver:8000", "ws"),  # the server's host and port, another scheme
        ("http://evil.example:8000", "evil.example:8000", "ws"),  # its own host, but not one we serve
        ("null", "testserver:8000", "ws"),
        ("http://testserver:8000/path", "testserver:8000", "ws"),
    ],
)
async def test_socket_from_another_origin_is_closed_with_4403(studio_origin, origin, host, scheme):
    workspace, token = await _member_token()
    socket = _socket(f"/ws/workspaces/{workspace.pk}/?token={token}", origin, host, scheme)
    assert await refused_with(socket) == 4403


@pytest.mark.django_db
def test_a_studio_signed_in_by_session_may_write_from_its_origin(user, settings):
    """Session auth from the studio: its writes carry its Origin, which CSRF trusts because CORS
    does (DJANGO_CSRF_TRUSTED_ORIGINS plus CORS_ALLOWED_ORIGINS); a stranger's origin is still 403."""
    from django.test import Client

    assert STUDIO in settings.CSRF_TRUSTED_ORIGINS  # the DEBUG default of CORS_ALLOWED_ORIGINS
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.cookies["csrftoken"] = "s" * 32
    for origin, status in ((STUDIO, 201), ("http://evil.example", 403)):
        response = browser.post(
            "/api/v1/workspaces/",
            {"name": "From the studio"},
            content_type="application/json",
            HTTP_ORIGIN=origin,
            HTTP_X_CSRFTOKEN="s" * 32,
        )
        assert response.status_code == status, (origin, response.content)
