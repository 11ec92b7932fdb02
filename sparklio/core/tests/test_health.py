import contextlib
import time

import pytest

from sparklio.core import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_checks(settings):
    """Each call runs the checks (the few seconds' cache is tested on its own)."""
    settings.HEALTH_CACHE_SECONDS = 0
    health._recent.clear()
    yield
    health._recent.clear()


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


def test_health_is_503_naming_broken_storage(admin_client, settings, tmp_path):
    client = admin_client
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_health_is_503_naming_an_unreachable_broker(admin_client):
    client = admin_client
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
        cursor.execute("DROP EXTENSION vector CASCADE")  # the knowledge chunks' vectors go too, rolled back after
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "pgvector" in response.json()["checks"]["database"]["error"]


def test_anonymous_callers_see_only_the_verdict_token_holders_the_details(client, settings):
    body = client.get("/health").json()
    assert body == {"status": "ok"}
    settings.HEALTH_TOKEN = "s3cret-health"
    assert "checks" not in client.get("/health", HTTP_X_HEALTH_TOKEN="wrong").json()
    assert "database" in client.get("/health", HTTP_X_HEALTH_TOKEN="s3cret-health").json()["checks"]


def _storage_files(settings) -> list:
    folder = settings.MEDIA_ROOT / "health"
    return list(folder.iterdir()) if folder.exists() else []


def test_anonymous_probes_write_no_file_and_are_throttled(client, settings, monkeypatch):
    """An anonymous caller cannot make the server write to storage, and a flood of probes is
    answered 429 in the JSON error shape; the token holder is neither limited nor starved."""
    written = []
    from django.core.files.storage import default_storage

    real_save = default_storage.save
    monkeypatch.setattr(default_storage, "save", lambda *a, **k: written.append(a) or real_save(*a, **k))
    settings.API_THROTTLE_RATES = {"anon": None, "user": None, "health": "3/min"}
    settings.HEALTH_TOKEN = "s3cret-health"
    codes = [client.get("/health", REMOTE_ADDR="203.0.113.9").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert written == []
    refused = client.get("/health", REMOTE_ADDR="203.0.113.9")
    assert refused.json()["code"] == "throttled"
    detailed = client.get("/health", REMOTE_ADDR="203.0.113.9", HTTP_X_HEALTH_TOKEN="s3cret-health")
    assert detailed.status_code == 200 and detailed.json()["checks"]["storage"]["ok"]
    assert len(written) == 1


def test_results_are_reused_for_a_few_seconds(admin_client, settings):
    settings.HEALTH_CACHE_SECONDS = 60
    first = admin_client.get("/health").json()["checks"]["database"]
    second = admin_client.get("/health").json()["checks"]["database"]
    assert first == second  # the same run, timing included
    settings.HEALTH_CACHE_SECONDS = 0
    third = admin_client.get("/health").json()["checks"]["database"]
    assert third["ok"]


def test_the_channel_layer_check_passes_while_sockets_receive_on_the_servers_loop(settings, redis_url):
    """Under ``serve`` the sockets receive on the server's event loop while /health runs in a
    worker thread; channels-redis refuses a second loop's receive() on the same layer, which
    failed the check (and the server's readiness) whenever a socket was open."""
    import asyncio
    import threading

    from channels.layers import get_channel_layer

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": redis_url, "socket_timeout": None}], "prefix": "health-test"},
        }
    }
    layer = get_channel_layer()
    loop = asyncio.new_event_loop()
    receiving = threading.Event()

    async def socket_waits():
        channel = await layer.new_channel()
        receiving.set()
        try:
            await layer.receive(channel)
        finally:
            await layer.close_pools()

    task = loop.create_task(socket_waits())

    def run():
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(task)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert receiving.wait(5)
        deadline = time.monotonic() + 5
        while layer.receive_count == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert layer.receive_count == 1  # the "socket" is inside receive() on its own loop
        assert health.check_channel_layer() == {"backend": "RedisChannelLayer"}
        assert layer.receive_count == 1  # and the check took nothing from it
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(10)
        loop.close()
