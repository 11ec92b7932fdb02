"""Readiness checks for /health: each returns details or raises with the reason."""

from __future__ import annotations

import time
import uuid

from asgiref.sync import async_to_sync
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers, get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from sparklio.celery import app as celery_app
from sparklio.core import embedded_worker
from sparklio.core.masking import mask_url_credentials


class CheckFailed(Exception):
    pass


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'vector')")
        version, vector = cursor.fetchone()
    if vector is None:
        raise CheckFailed("the pgvector extension is not installed (run migrations)")
    return {
        "engine": version.split(" ", 2)[1] if version else "",
        "pgvector": vector,
        "embedded": not settings.DATABASE_URL,
    }


def check_cache() -> dict:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise CheckFailed("a value written to the cache could not be read back")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


async def _layer_roundtrip(layer) -> None:
    import asyncio

    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    if message.get("type") != "health.ping":
        raise CheckFailed("the channel layer returned a different message")


async def _probe_roundtrip() -> None:
    # A layer of its own: the server's shared layer already has sockets receiving on the
    # server's event loop, and channels-redis refuses a receive() from a second loop while
    # they do ("Two event loops are trying to receive() on one channel layer at once!").
    layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)
    try:
        await _layer_roundtrip(layer)
    finally:
        close = getattr(layer, "close_pools", None)
        if close is not None:
            await close()


def check_channel_layer() -> dict:
    layer = get_channel_layer()
    if layer is None:
        raise CheckFailed("no channel layer configured")
    async_to_sync(_probe_roundtrip)()
    return {"backend": type(layer).__name__}


def check_broker() -> dict:
    transport = settings.CELERY_BROKER_URL.split(":", 1)[0]
    details: dict = {"transport": transport, "eager": bool(celery_app.conf.task_always_eager)}
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    running = embedded_worker.is_running()
    if running is not None:
        details["embedded_worker"] = running
        if not running:
            raise CheckFailed("the in-process Celery worker has stopped")
    return details


def check_storage() -> dict:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as fh:
            if fh.read() != b"ok":
                raise CheckFailed("a file written to storage could not be read back")
    finally:
        default_storage.delete(name)
    return {"backend": settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]}


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
    "storage": check_storage,
}
# What an anonymous caller (a load balancer) may make the server do: no file is written.
PUBLIC_CHECKS = ("database", "cache", "channel_layer", "broker")

_recent: dict[bool, tuple[float, bool, dict]] = {}


def checks_cached(*, detailed: bool) -> tuple[bool, dict]:
    """``run_checks`` at most once per HEALTH_CACHE_SECONDS per kind of caller, so a flood of
    probes costs the backing services nothing more. Kept in process memory on purpose: the
    cache is one of the things being checked."""
    now = time.monotonic()
    hit = _recent.get(detailed)
    if hit is not None and now - hit[0] < settings.HEALTH_CACHE_SECONDS:
        return hit[1], hit[2]
    ok, results = run_checks(names=None if detailed else PUBLIC_CHECKS)
    _recent[detailed] = (now, ok, results)
    return ok, results


def run_checks(names=None) -> tuple[bool, dict]:
    results = {}
    for name, check in CHECKS.items():
        if names is not None and name not in names:
            continue
        started = time.perf_counter()
        try:
            details = check()
            results[name] = {"ok": True, **details}
        except Exception as exc:  # every failure is reported, by name, in the response
            results[name] = {"ok": False, "error": mask_url_credentials(f"{type(exc).__name__}: {exc}")}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return all(r["ok"] for r in results.values()), results
