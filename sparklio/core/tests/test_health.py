import pytest

pytestmark = pytest.mark.django_db


def test_health_is_200_when_everything_works(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "broker", "storage"}
    assert body["checks"]["database"]["pgvector"]


def test_health_is_503_naming_a_broken_cache(client, settings):
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


def test_health_reports_missing_pgvector(client, django_db_blocker):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION vector")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "pgvector" in response.json()["checks"]["database"]["error"]
