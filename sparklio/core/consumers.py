import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from sparklio.core import events
from sparklio.core.outage import LAYER_ERRORS
from sparklio.core.selectors import user_is_member

logger = logging.getLogger(__name__)

# Close codes (4000–4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_UNAVAILABLE = 4503  # the channel layer is down: reconnect after retry_after seconds


class LayerOutageMixin:
    """A channel-layer outage closes the socket with 4503 after an ``unavailable`` event
    (``{"type": "unavailable", "reconnect": true, "retry_after": s}``), whether it hits the
    handshake (a reconnect while Redis is still down: accepted, told, closed; never an HTTP
    500) or a connected socket (its receive loop, a handler's send). The client reconnects;
    once the layer is back the reconnect is served as usual."""

    async def __call__(self, scope, receive, send):
        self._outage_accepted = False

        async def tracking_send(message):
            if message.get("type") == "websocket.accept":
                self._outage_accepted = True
            await send(message)

        try:
            await super().__call__(scope, receive, tracking_send)
        except LAYER_ERRORS as exc:
            logger.warning("channel layer unreachable, socket %s told to reconnect: %s", scope.get("path"), exc)
            await self._close_for_outage(tracking_send)

    async def _close_for_outage(self, send) -> None:
        retry_after = settings.SOCKET_RETRY_AFTER_SECONDS
        try:
            if not self._outage_accepted:
                await send({"type": "websocket.accept"})
            event = {"type": "unavailable", "reconnect": True, "retry_after": retry_after}
            await send({"type": "websocket.send", "text": json.dumps(event)})
            await send({"type": "websocket.close", "code": CLOSE_UNAVAILABLE})
        except Exception as exc:  # the client already left: nothing to tell
            logger.info("socket closed before the outage notice: %s", exc)


class WorkspaceEventsConsumer(LayerOutageMixin, AsyncJsonWebsocketConsumer):
    """``/ws/workspaces/{id}/``: job progress and object events of one workspace.

    Members only; anyone else is refused at the handshake. The server sends
    ``{"type": "hello", ...}`` on connect and then every workspace event; the client may send
    ``{"type": "ping"}``. Malformed or unknown messages get an ``error`` event and the socket
    stays open.
    """

    async def connect(self):
        events.remember_server_loop()
        user = self.scope.get("user")
        self.workspace_id = self.scope["url_route"]["kwargs"]["workspace_id"]
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not await database_sync_to_async(user_is_member)(user=user, workspace_id=self.workspace_id):
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group = events.workspace_group(self.workspace_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "workspace": self.workspace_id, "user": user.username})

    async def disconnect(self, code):
        if hasattr(self, "group"):
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except LAYER_ERRORS as exc:  # the membership expires with the group (channels-redis)
                logger.info("group_discard failed, the channel layer is unreachable: %s", exc)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self.send_error("binary frames are not supported")
            return
        try:
            content = json.loads(text_data)
        except json.JSONDecodeError as exc:
            await self.send_error(f"malformed JSON: {exc.msg}")
            return
        except (ValueError, RecursionError):  # absurd nesting or a number too long to read
            await self.send_error("malformed JSON: it cannot be read")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_error(f"unknown message type {kind!r}; expected 'ping'")

    async def send_error(self, message: str):
        await self.send_json({"type": "error", "message": message})

    async def job_event(self, message):
        await self.send_json(message["event"])
