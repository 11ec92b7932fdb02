"""HTTP through the served ASGI application: Django's WSGI handler on a pool of
HTTP_MAX_CONCURRENCY threads (sparklio/asgi.py), the way daphne and the uvicorn workers call it."""

import asyncio
import json
import threading
import time

import httpx
import pytest
from django.http import JsonResponse
from django.urls import path

from sparklio.asgi import application
from sparklio.core.services import token_issue

_running = {"now": 0, "peak": 0}
_lock = threading.Lock()


def slow(request):
    with _lock:
        _running["now"] += 1
        _running["peak"] = max(_running["peak"], _running["now"])
    time.sleep(0.05)
    with _lock:
        _running["now"] -= 1
    return JsonResponse({"thread": threading.current_thread().name})


urlpatterns = [path("slow/", slow)]


def served():
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://127.0.0.1")


@pytest.mark.django_db(transaction=True)
def test_an_api_write_and_read_round_trip_through_the_served_application(user, workspace):
    token = token_issue(user=user).key
    headers = {"Authorization": f"Bearer {token}", "X-Request-ID": "req-asgi-1"}
    colors = [{"name": "주색", "hex": "#AA3311", "role": "primary"}]
    body = {"workspace": workspace.id, "name": "달빛 베이커리", "colors": colors}

    async def go():
        async with served() as http:
            created = await http.post(
                "/api/v1/brands/", content=json.dumps(body), headers=headers | {"Content-Type": "application/json"}
            )
            listed = await http.get("/api/v1/brands/", headers=headers)
            refused = await http.post(
                "/api/v1/brands/", content=b"{", headers=headers | {"Content-Type": "application/json"}
            )
            return created, listed, refused

    created, listed, refused = asyncio.run(go())
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == "req-asgi-1"
    assert [row["name"] for row in listed.json()["results"]] == ["달빛 베이커리"]
    assert listed.json()["results"][0]["colors"][0]["hex"] == "#AA3311"
    assert refused.status_code == 400


@pytest.mark.urls("sparklio.core.tests.test_asgi_http")
def test_requests_beyond_the_pool_wait_their_turn_and_all_are_answered(settings):
    cap = application.application_mapping["http"].executor._max_workers
    assert cap == settings.HTTP_MAX_CONCURRENCY
    _running.update(now=0, peak=0)

    async def go():
        async with served() as http:
            return await asyncio.gather(*(http.get("/slow/") for _ in range(cap + 8)))

    answers = asyncio.run(go())
    assert [a.status_code for a in answers] == [200] * (cap + 8)
    assert all(a.json()["thread"].startswith("WSGI") for a in answers)
    assert 1 < _running["peak"] <= cap  # handled side by side, never more than the pool at once
