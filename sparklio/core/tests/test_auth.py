from datetime import timedelta

import pytest
from django.utils import timezone

from sparklio.core.models import ApiToken, User
from sparklio.core.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_register_creates_user(api_client):
    response = api_client.post(
        "/api/v1/auth/register/", {"username": "minji", "email": "minji@example.com", "password": "s3cure-Passw0rd!"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["username"] == "minji"
    assert "password" not in response.json()
    assert User.objects.get(username="minji").check_password("s3cure-Passw0rd!")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "a", "email": "a@example.com", "password": "123"}, "password"),
        ({"username": "a", "email": "a@example.com", "password": "password"}, "password"),
        ({"username": "a", "email": "not-an-email", "password": "s3cure-Passw0rd!"}, "email"),
        ({"email": "a@example.com", "password": "s3cure-Passw0rd!"}, "username"),
        ({"username": "bad name!", "email": "a@example.com", "password": "s3cure-Passw0rd!"}, "username"),
    ],
)
def test_register_rejects_bad_input_naming_the_field(api_client, payload, field):
    response = api_client.post("/api/v1/auth/register/", payload)
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert body["code"] == "invalid"
    assert not User.objects.exists()


def test_register_rejects_taken_username_case_insensitively(api_client):
    UserFactory(username="Minji")
    response = api_client.post(
        "/api/v1/auth/register/", {"username": "minji", "email": "m@example.com", "password": "s3cure-Passw0rd!"}
    )
    assert response.status_code == 400
    assert "username" in response.json()["errors"]
    assert User.objects.count() == 1


def test_register_can_be_turned_off(api_client, settings):
    settings.SPARKLIO_OPEN_SIGNUP = False
    response = api_client.post(
        "/api/v1/auth/register/", {"username": "minji", "email": "m@example.com", "password": "s3cure-Passw0rd!"}
    )
    assert response.status_code == 403
    assert not User.objects.exists()


def test_token_then_bearer_access(api_client, user):
    response = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) == 40

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    me = api_client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["user"]["username"] == user.username


def test_token_is_stable_until_it_expires(api_client, user):
    first = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()
    second = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()
    assert first["token"] == second["token"]


def test_wrong_password_is_401(api_client, user):
    response = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": "nope"})
    assert response.status_code == 401
    assert "token" not in response.json()


def test_token_request_without_password_names_the_field(api_client, user):
    response = api_client.post("/api/v1/auth/token/", {"username": user.username})
    assert response.status_code == 400
    assert "password" in response.json()["errors"]


def test_expired_token_is_refused_and_replaced_on_login(api_client, user, settings):
    token = ApiToken.objects.create(user=user, name="default", key=ApiToken.generate_key())
    ApiToken.objects.filter(pk=token.pk).update(created=timezone.now() - settings.SPARKLIO_TOKEN_TTL - timedelta(1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.key}")
    assert api_client.get("/api/v1/auth/me/").status_code == 401

    api_client.credentials()
    fresh = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()
    assert fresh["token"] != token.key


def test_logout_revokes_the_token(api_client, user):
    token = api_client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api_client.post("/api/v1/auth/logout/").status_code == 204
    assert api_client.get("/api/v1/auth/me/").status_code == 401


def test_session_auth_works_for_browser_pages(client, user):
    client.force_login(user)
    assert client.get("/api/v1/auth/me/").status_code == 200


def test_anonymous_is_401_with_json_error(api_client):
    response = api_client.get("/api/v1/workspaces/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_unknown_api_path_is_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}
