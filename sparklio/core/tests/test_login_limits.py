"""Rate limits that hold: the client address believes X-Forwarded-For only from TRUSTED_PROXIES
(every throttle and the login lockout use the same rule), logins lock out per account and per
address (API and admin), passwords pass the validators, e-mail addresses are unique."""

import uuid

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from sparklio.core.addresses import client_ip
from sparklio.core.models import User
from sparklio.core.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def address():
    """A test-only client address (TEST-NET-3, never contacted: it is only a META value) and a
    clean throttle count for it."""
    value = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    cache.delete(f"throttle_anon_{value}")
    yield value
    cache.delete(f"throttle_anon_{value}")


def test_rotating_x_forwarded_for_does_not_escape_the_login_lockout(api_client, user, settings):
    settings.AXES_FAILURE_LIMIT = 10
    codes = [
        api_client.post(
            TOKEN_URL,
            {"username": user.username, "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}, 10.0.{n // 250}.{n % 250}",
        ).status_code
        for n in range(150)
    ]
    assert codes.count(401) <= 10 and codes[-1] == 429, codes
    locked = api_client.post(
        TOKEN_URL, {"username": user.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.77"
    )
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out" and int(locked["Retry-After"]) > 0
    assert "token" not in locked.json()


def test_one_account_is_locked_whatever_the_address_and_letter_case(user, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        APIClient(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            TOKEN_URL, {"username": user.username.upper() if n % 2 else user.username, "password": "nope"}
        )
    response = APIClient(REMOTE_ADDR="192.0.2.99").post(TOKEN_URL, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_one_address_is_locked_whatever_the_account(settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = APIClient(REMOTE_ADDR="192.0.2.10")
    for n in range(5):
        client.post(TOKEN_URL, {"username": f"nobody{n}", "password": "nope"})
    someone = UserFactory()
    assert client.post(TOKEN_URL, {"username": someone.username, "password": PASSWORD}).status_code == 429
    other = APIClient(REMOTE_ADDR="192.0.2.11")
    assert other.post(TOKEN_URL, {"username": someone.username, "password": PASSWORD}).status_code == 200


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.TRUSTED_PROXIES = ["192.0.2.0/28"]
    proxy = APIClient(REMOTE_ADDR="192.0.2.5")
    for n in range(5):
        proxy.post(TOKEN_URL, {"username": f"nobody{n}", "password": "nope"}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    someone = UserFactory()
    body = {"username": someone.username, "password": PASSWORD}
    assert proxy.post(TOKEN_URL, body, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert proxy.post(TOKEN_URL, body, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_the_admin_login_locks_out_too(settings):
    settings.AXES_FAILURE_LIMIT = 5
    admin = UserFactory(is_staff=True, is_superuser=True)
    browser = Client(REMOTE_ADDR="192.0.2.20")
    for _ in range(5):
        response = browser.post("/admin/login/?next=/admin/", {"username": admin.username, "password": "nope"})
    assert response.status_code == 429
    right = browser.post("/admin/login/?next=/admin/", {"username": admin.username, "password": PASSWORD})
    assert right.status_code == 429 and right["Retry-After"]
    assert "_auth_user_id" not in browser.session
    # another address, the account is locked all the same
    elsewhere = Client(REMOTE_ADDR="192.0.2.21")
    assert elsewhere.post("/admin/login/", {"username": admin.username, "password": PASSWORD}).status_code == 429


def test_the_anonymous_throttle_counts_the_peer_not_the_header(settings, address):
    settings.API_THROTTLE_RATES = {"anon": "3/min", "user": None}
    client = APIClient(REMOTE_ADDR=address)
    codes = [
        client.post(TOKEN_URL, {"username": "x"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(5)
    ]
    assert codes == [400, 400, 400, 429, 429]


def test_a_trusted_proxys_forwarded_clients_get_a_throttle_each(settings, address):
    settings.API_THROTTLE_RATES = {"anon": "2/min", "user": None}
    settings.TRUSTED_PROXIES = [address]
    client = APIClient(REMOTE_ADDR=address)
    for forwarded in ("198.51.100.31", "198.51.100.32"):
        cache.delete(f"throttle_anon_{forwarded}")
    first = [
        client.post(TOKEN_URL, {"username": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.31").status_code for _ in range(3)
    ]
    second = client.post(TOKEN_URL, {"username": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.32").status_code
    assert first == [400, 400, 429] and second == 400


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], "192.0.2.1", "198.51.100.9", "192.0.2.1"),  # no trusted proxy: the header is ignored
        (["192.0.2.1"], "192.0.2.50", "198.51.100.9", "192.0.2.50"),  # the peer is no trusted proxy
        (["192.0.2.1"], "192.0.2.1", "198.51.100.9", "198.51.100.9"),
        (["192.0.2.1"], "192.0.2.1", "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # what the client wrote is skipped
        (["192.0.2.0/24"], "192.0.2.1", "198.51.100.9, 192.0.2.7", "198.51.100.9"),  # two proxies deep
        (["192.0.2.1"], "192.0.2.1", "not-an-ip", "192.0.2.1"),
        (["192.0.2.1"], "192.0.2.1", "", "192.0.2.1"),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:1::5, 2001:db9::7", "2001:db9::7"),
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.parametrize("password", [" " * 12, "aaaaaaaaaaaa", "ab ab ab ab ab"])
def test_sign_up_refuses_a_password_of_too_few_different_characters(api_client, password):
    response = api_client.post(
        "/api/v1/auth/register/", {"username": "minji", "email": "minji@example.com", "password": password}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["password"]
    assert not User.objects.filter(username="minji").exists()


def test_sign_up_refuses_an_e_mail_address_already_taken_in_any_letter_case(api_client):
    first = {"username": "minji", "email": "Minji@Example.com", "password": "s3cure-Passw0rd!"}
    assert api_client.post("/api/v1/auth/register/", first).status_code == 201
    again = {"username": "minji2", "email": "minji@example.COM", "password": "s3cure-Passw0rd!"}
    response = api_client.post("/api/v1/auth/register/", again)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
    assert User.objects.filter(email__iexact="minji@example.com").count() == 1


def test_password_change_validates_and_revokes_the_old_token(api_client, user):
    old = api_client.post(TOKEN_URL, {"username": user.username, "password": PASSWORD}).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {old}")
    url = "/api/v1/auth/password/"
    spaces = client.post(url, {"current_password": PASSWORD, "password": " " * 12})
    assert spaces.status_code == 400 and list(spaces.json()["errors"]) == ["password"]
    wrong = client.post(url, {"current_password": "nope", "password": "n3w-Passw0rd-ok"})
    assert wrong.status_code == 400 and list(wrong.json()["errors"]) == ["current_password"]
    changed = client.post(url, {"current_password": PASSWORD, "password": "n3w-Passw0rd-ok"})
    assert changed.status_code == 200
    assert client.get("/api/v1/auth/me/").status_code == 401
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {changed.json()['token']}")
    assert fresh.get("/api/v1/auth/me/").status_code == 200
    user.refresh_from_db()
    assert user.check_password("n3w-Passw0rd-ok")
