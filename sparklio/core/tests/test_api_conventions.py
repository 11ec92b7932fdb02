import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import client_for

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_api_is_rate_limited_per_client_with_retry_after(settings, user, workspace):
    from django.core.cache import cache

    settings.API_THROTTLE_RATES = {"anon": None, "user": "3/min"}
    # Redis outlives the test database: an earlier run's user with this id may have a count.
    cache.delete(f"throttle_user_{user.pk}")
    client = client_for(user)
    statuses = [client.get("/api/v1/workspaces/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/workspaces/")
    assert int(limited["Retry-After"]) > 0
    assert limited.json()["code"] == "throttled"


@pytest.mark.django_db
def test_anonymous_clients_are_limited_by_address(settings, api_client):
    settings.API_THROTTLE_RATES = {"anon": "2/min", "user": None}
    address = f"10.{uuid.uuid4().int % 250}.0.1"
    codes = [
        api_client.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, REMOTE_ADDR=address).status_code
        for _ in range(3)
    ]
    assert codes == [401, 401, 429]


@pytest.mark.django_db
def test_openapi_schema_is_served_and_has_no_warnings(client, tmp_path):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/auth/register/",
        "/api/v1/auth/token/",
        "/api/v1/workspaces/",
        "/api/v1/workspaces/{id}/members/",
        "/api/v1/brands/",
        "/api/v1/brands/{id}/logos/",
    ]:
        assert path in paths, path
    assert client.get("/api/docs/").status_code == 200
    # --fail-on-warn turns any drf-spectacular warning (an undescribed endpoint) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def _django(args: list[str], **extra_env) -> subprocess.CompletedProcess:
    env = {**os.environ, **extra_env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "DJANGO_DEBUG": "false"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 20 + uuid.uuid4().hex + "-Yq!2#Lm@9$Zr%Tw^",
        DJANGO_ALLOWED_HOSTS="sparklio.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_local_media_is_served_with_a_strict_content_security_policy(client, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("brands/x/logo.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"/>'))
    response = client.get(default_storage.url(name))
    assert response.status_code == 200
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_local_media_needs_a_valid_unexpired_signature(client, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("brands/1/2/logos/a.png", ContentFile(b"x"))
    url = default_storage.url(name)
    assert "sig=" in url and client.get(url).status_code == 200
    assert client.get(f"/media/{name}").status_code == 404  # no signature
    assert client.get(url.replace("sig=", "sig=0")).status_code == 404  # forged
    settings.MEDIA_URL_TTL_SECONDS = -10
    assert client.get(default_storage.url(name)).status_code == 404  # expired
    shared = default_storage.save("library/placeholders/p.png", ContentFile(b"y"))
    assert client.get(f"/media/{shared}").status_code == 200  # the shared library stays public
