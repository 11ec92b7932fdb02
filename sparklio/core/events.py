"""Job and object events sent to WebSocket clients through the channel layer.

Events leave only after the transaction that caused them commits, so a client never hears
of a row it cannot read yet. With the in-memory layer (no Redis) the queues belong to the
server's event loop, and a send from the in-process worker thread must be scheduled on that
loop: a plain ``async_to_sync`` from another thread arrives late or not at all.
"""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction

from sparklio.core.outage import LAYER_ERRORS

logger = logging.getLogger(__name__)

_server_loop: asyncio.AbstractEventLoop | None = None


def remember_server_loop() -> None:
    """Called from consumers: the loop they run on owns the in-memory layer's queues."""
    global _server_loop
    _server_loop = asyncio.get_running_loop()


def workspace_group(workspace_id: int) -> str:
    return f"workspace.{workspace_id}"


def user_group(user_id: int) -> str:
    """Every socket of one user joins this group, so access changes reach it in any process."""
    return f"user.{user_id}"


def send_now(group: str, event: dict) -> None:
    send_message_now(group, {"type": "job.event", "event": event})


def send_message_now(group: str, message: dict) -> None:
    """Best effort: with the channel layer down the message is lost and logged, never raised
    into the step or request that sent it (clients catch up from the API or on reconnect)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        _send(layer, group, message)
    except LAYER_ERRORS as exc:
        logger.warning("event to %s not delivered, the channel layer is unreachable: %s", group, exc)


def _send(layer, group: str, message: dict) -> None:
    loop = _server_loop
    if isinstance(layer, InMemoryChannelLayer) and loop is not None and loop.is_running():
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        if current is not loop:
            asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
            return
    async_to_sync(layer.group_send)(group, message)


def send_on_commit(group: str, event: dict) -> None:
    transaction.on_commit(lambda: send_now(group, event))


def workspace_event(*, workspace_id: int, event: dict) -> None:
    """Tell everyone watching the workspace, once the current transaction commits."""
    send_on_commit(workspace_group(workspace_id), event)


def access_changed(*, user_id: int, workspace_id: int | None = None, token: bool = False) -> None:
    """Ask the user's open sockets to check their access again once the transaction commits:
    a membership removed or a role changed (``workspace_id``), or a token revoked (``token``).
    Each socket re-reads its membership and token and closes itself if they no longer hold."""
    message = {"type": "access.changed", "workspace": workspace_id, "token": token}
    transaction.on_commit(lambda: send_message_now(user_group(user_id), message))
