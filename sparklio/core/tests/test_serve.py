"""`manage.py serve` end to end on loopback: a real daphne process, a real HTTP and WebSocket
client, and a job whose event must reach the socket. Embedded mode (in-process worker and
in-memory channel layer) always; Redis mode (worker and beat as child processes,
channels-redis) when REDIS_URL is set."""

import asyncio
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets
from channels.db import database_sync_to_async
from django.conf import settings
from PIL import Image

from sparklio.core.tests.processes import database_url, free_port

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def _editor_brand_token():
    from brands.tests.factories import BrandKitFactory
    from sparklio.core.services import token_issue
    from sparklio.core.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    brand = BrandKitFactory()
    MembershipFactory(workspace=brand.workspace, user=user, role="editor")
    return brand, token_issue(user=user).key


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "#14213D").save(buffer, "PNG")
    return buffer.getvalue()


async def _wait_healthy(base: str, server: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            assert server.poll() is None, "the server exited while starting"
            try:
                response = await http.get(f"{base}/health", headers={"X-Health-Token": "serve-test"})
                return {"http_status": response.status_code, **response.json()}
            except httpx.TransportError:
                await asyncio.sleep(0.3)
    raise AssertionError("the server did not answer /health within 60 s")


MODES = ["embedded"] + (["redis"] if settings.REDIS_URL else [])


@pytest.mark.parametrize("mode", MODES)
async def test_serve_answers_http_and_delivers_job_events_over_websocket(mode, tmp_path):
    brand, token = await _editor_brand_token()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        CELERY_QUEUE=f"serve-{port}",
        SPARKLIO_DATA_DIR=str(tmp_path / "data"),
        HEALTH_TOKEN="serve-test",
    )
    if mode == "redis":
        env["REDIS_URL"] = settings.REDIS_URL
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = ""
    try:
        health = await _wait_healthy(base, server)
        assert health["http_status"] == 200, health
        assert health["checks"]["broker"]["transport"] == ("memory" if mode == "embedded" else "redis")
        if mode == "embedded":
            assert health["checks"]["broker"]["embedded_worker"] is True

        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
            assert (await http.get("/admin/login/")).status_code == 200
            assert (await http.get("/api/docs/")).status_code == 200
            assert (await http.get("/static/admin/css/base.css")).status_code == 200

            ws_url = f"ws://127.0.0.1:{port}/ws/workspaces/{brand.workspace_id}/?token={token}"
            async with websockets.connect(ws_url) as ws:
                assert json.loads(await ws.recv())["type"] == "hello"
                started = time.perf_counter()
                response = await http.post(f"/api/v1/brands/{brand.id}/logos/", files={"file": ("l.png", _png())})
                assert response.status_code == 201, response.text
                assert response.json()["analysis_status"] == "pending"
                try:
                    event = json.loads(await asyncio.wait_for(ws.recv(), 30))
                except Exception:
                    server.send_signal(signal.SIGTERM)
                    print(server.communicate(timeout=40)[0])
                    raise
                waited = time.perf_counter() - started

            # over daphne, a refusal must reach the client as its close code, not as a failed
            # handshake (HTTP 403, which a browser only sees as 1006)
            refusals = {
                4401: (f"ws://127.0.0.1:{port}/ws/workspaces/{brand.workspace_id}/", None),
                4404: (f"ws://127.0.0.1:{port}/ws/nowhere/?token={token}", None),
                4403: (ws_url, "http://127.0.0.1:3999"),
            }
            for expected, (url, origin) in refusals.items():
                async with websockets.connect(url, origin=origin) as refused:
                    with pytest.raises(websockets.ConnectionClosed) as closed:
                        await asyncio.wait_for(refused.recv(), 10)
                assert closed.value.rcvd.code == expected, (url, origin)
        assert event["status"] == "succeeded"
        assert event["logo"] == response.json()["id"]
        assert event["palette"][0]["hex"] == "#14213D"
        assert waited < 30
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert server.returncode == 0, output


def _production_env(tmp_path, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        SPARKLIO_DATA_DIR=str(tmp_path / "data"),
        STATIC_ROOT=str(tmp_path / "static"),  # empty: nobody ran collectstatic
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="production-test-" + "x" * 40,
        DJANGO_SECURE_SSL_REDIRECT="false",
        CELERY_QUEUE=f"serve-{port}",
    )
    return env


async def test_production_serves_the_admin_css_without_a_manual_collectstatic(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port), "--no-worker"],
        cwd=ROOT,
        env=_production_env(tmp_path, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            deadline = time.monotonic() + 90
            while True:
                assert server.poll() is None, "the server exited while starting"
                try:
                    page = await http.get("/admin/login/")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the server did not start within 90 s"
                    await asyncio.sleep(0.3)
            assert page.status_code == 200, page.text[:500]
            css = next(href for href in _stylesheets(page.text) if "admin/css/base" in href)
            served = await http.get(css)
            assert served.status_code == 200 and served.headers["content-type"].startswith("text/css")
            assert "max-age" in served.headers.get("cache-control", "")  # hashed name, cached for long
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Collecting static files" in output


def _stylesheets(html: str) -> list[str]:
    import re

    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_another_server_refuses_to_start_without_collected_static_files(tmp_path, db):
    result = subprocess.run(
        [sys.executable, "-c", "import sparklio.asgi"],
        cwd=ROOT,
        env=_production_env(tmp_path, free_port()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "run `python manage.py collectstatic --noinput`" in result.stderr
