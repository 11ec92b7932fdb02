import pytest

pytestmark = pytest.mark.django_db


def test_health_is_200_when_everything_works(admin_client):
    client = admin_client
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "broker", "storage"}
    assert body["checks"]["database"]["pgvector"]


def test_health_is_503_naming_a_broken_cache(admin_client, settings):
    client = admin_client
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert "read back" in response.json()["checks"]["cache"]["error"]


def test_health_is_503_naming_broken_storage(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_health_is_503_naming_an_unreachable_broker(client):
    from sparklio.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/health")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]


def test_health_reports_missing_pgvector(admin_client, django_db_blocker):
    client = admin_client
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION vector")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "pgvector" in response.json()["checks"]["database"]["error"]


def test_anonymous_callers_see_only_the_verdict_token_holders_the_details(client, settings):
    body = client.get("/health").json()
    assert body == {"status": "ok", "failed": []}
    settings.HEALTH_TOKEN = "s3cret-health"
    assert "checks" not in client.get("/health", HTTP_X_HEALTH_TOKEN="wrong").json()
    assert "database" in client.get("/health", HTTP_X_HEALTH_TOKEN="s3cret-health").json()["checks"]
