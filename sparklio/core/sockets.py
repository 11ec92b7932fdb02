"""How many WebSockets are open, across every server process (for /api/v1/admin/stats/).

Each process counts its own admitted sockets. Without Redis there is one server process (the
embedded mode), so its count is the whole answer. With Redis every process writes its count,
with the time, into one hash (a field per host and process id) when it changes and every
``HEARTBEAT_SECONDS``; a reader adds up the fields written within ``STALE_SECONDS`` and drops the
rest, so a process that died without saying goodbye stops counting within a minute and a half.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import time

import redis
import redis.asyncio
from django.conf import settings

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30
STALE_SECONDS = 90

_count = 0
_heartbeats: dict[int, asyncio.Task] = {}  # per event loop


def _key() -> str:
    return f"{settings.CHANNEL_LAYER_PREFIX}:open_sockets"


def _field() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def local_count() -> int:
    return _count


async def opened() -> None:
    global _count
    _count += 1
    await _publish()


async def closed() -> None:
    global _count
    _count = max(0, _count - 1)
    await _publish()


async def _publish() -> None:
    if not settings.REDIS_URL:
        return
    loop = asyncio.get_running_loop()
    if id(loop) not in _heartbeats or _heartbeats[id(loop)].done():
        _heartbeats[id(loop)] = loop.create_task(_heartbeat())
    await _write()


async def _write() -> None:
    try:
        async with redis.asyncio.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2) as client:
            await client.hset(_key(), _field(), json.dumps({"open": _count, "at": time.time()}))
    except (redis.RedisError, OSError) as exc:  # counting must never cost a socket
        logger.warning("open socket count not written (Redis unreachable): %s", exc)


async def _heartbeat() -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        await _write()


def heartbeat_stop() -> None:
    """Stop this process's heartbeats (at shutdown; its entry then lapses within STALE_SECONDS)."""
    for task in _heartbeats.values():
        task.cancel()
    _heartbeats.clear()


def open_count() -> tuple[int, str]:
    """(sockets open, what the number covers)."""
    if not settings.REDIS_URL:
        return _count, "this server process (the embedded mode has one)"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        entries = client.hgetall(_key())
        now, total, stale = time.time(), 0, []
        for field, raw in entries.items():
            try:
                entry = json.loads(raw)
                fresh = now - float(entry["at"]) <= STALE_SECONDS
            except (ValueError, KeyError, TypeError):
                fresh = False
            if fresh:
                total += int(entry["open"])
            else:
                stale.append(field)
        if stale:
            client.hdel(_key(), *stale)
        return total, "every server process that reported in the last 90 s (Redis)"
    finally:
        client.close()
