import asyncio
import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from sparklio.core import events, metrics, sockets
from sparklio.core.models import ROLE_RANK, Role
from sparklio.core.outage import LAYER_ERRORS
from sparklio.core.selectors import membership_role, token_valid

logger = logging.getLogger(__name__)

# Close codes (4000–4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401  # no credentials, or the token was revoked or has expired
CLOSE_FORBIDDEN = 4403  # the membership was removed or the role lowered while the socket was open
CLOSE_NOT_FOUND = 4404  # no such object for this user (or no such path)
CLOSE_UNAVAILABLE = 4503  # the channel layer is down: reconnect after retry_after seconds


class Refuse(AsyncWebsocketConsumer):
    """Accepts the socket and closes it at once with ``code``, sending nothing: a refusal at the
    handshake reaches a browser as a bare 1006, without the reason."""

    def __init__(self, *args, code: int = CLOSE_NOT_FOUND, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code

    async def connect(self):
        await self.accept()
        await self.close(code=self.code)


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

    Members only; anyone else is refused: accepted and closed at once with 4401 or 4404. The server sends
    ``{"type": "hello", ...}`` on connect and then every workspace event; the client may send
    ``{"type": "ping"}``. Malformed or unknown messages get an ``error`` event and the socket
    stays open.

    Access is checked for as long as the socket is open, not only at the handshake: every
    message the client sends is authorised against the membership and token of that moment,
    and the membership and token services tell the user's sockets (through the channel layer,
    so in every process) to check again when they change. A socket whose member was removed or
    demoted closes with 4403; one whose token was revoked or expired closes with 4401.
    """

    workspace_id: int | None = None
    role: str | None = None
    expiry: asyncio.Task | None = None
    closed_with: int | None = None
    counted: bool = False  # admitted, so counted among the open sockets until it disconnects

    async def connect(self):
        events.remember_server_loop()
        user = self.scope.get("user")
        workspace_id = self.scope["url_route"]["kwargs"]["workspace_id"]
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        role = await database_sync_to_async(membership_role)(user_id=user.pk, workspace_id=workspace_id)
        if role is None:
            await self.refuse(CLOSE_NOT_FOUND)
            return
        await self.admit(workspace_id=workspace_id, role=role)
        self.group = events.workspace_group(self.workspace_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "workspace": self.workspace_id, "user": user.username})

    async def refuse(self, code: int) -> None:
        """Turn the socket away from connect(): accepted, then closed at once with ``code`` (and
        nothing sent), so a browser sees the code; a handshake refusal would reach it as 1006."""
        await self.accept()
        await self.close(code=code)

    # --- access while the socket is open -------------------------------------------------------

    async def admit(self, *, workspace_id: int, role: str) -> None:
        """Remember what the socket was let in with and start watching it (call before accept)."""
        self.workspace_id, self.role = workspace_id, role
        self.user_group = events.user_group(self.scope["user"].pk)
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        token = self.scope.get("auth_token")
        if token is not None:
            self.expiry = asyncio.create_task(self._close_at_expiry(token["expires_at"]))
        self.counted = True
        metrics.socket_opened(type(self).__name__)
        await sockets.opened()

    async def _close_at_expiry(self, expires_at) -> None:
        await asyncio.sleep(max(0.0, (expires_at - timezone.now()).total_seconds()))
        await self.close(code=CLOSE_UNAUTHENTICATED)

    def _lost_access(self) -> int | None:
        """The close code if the socket may no longer stay open, else None (the role may have
        risen, and is taken as it is now)."""
        token = self.scope.get("auth_token")
        if token is not None and not token_valid(key=token["key"]):
            return CLOSE_UNAUTHENTICATED
        session = self.scope.get("session")
        if token is None and session is not None and session.session_key and not session.exists(session.session_key):
            return CLOSE_UNAUTHENTICATED  # a browser socket whose session was logged out
        role = membership_role(user_id=self.scope["user"].pk, workspace_id=self.workspace_id)
        if role is None or ROLE_RANK[Role(role)] < ROLE_RANK[Role(self.role)]:
            return CLOSE_FORBIDDEN
        self.role = role
        return None

    async def still_allowed(self) -> bool:
        """Check access now; close the socket (and say False) if it is gone."""
        code = await database_sync_to_async(self._lost_access)()
        if code is None:
            return True
        await self.close(code=code)
        return False

    async def access_changed(self, message):
        """A membership or token of this user changed somewhere (see events.access_changed)."""
        if message.get("token") or message.get("workspace") in (None, self.workspace_id):
            await self.still_allowed()

    async def close(self, code=None, reason=None):
        # once closed, nothing more leaves: not a second close, not an event still in the queue
        if self.closed_with is None:
            self.closed_with = code or 1000
            await super().close(code=code, reason=reason)

    async def send(self, text_data=None, bytes_data=None, close=False):
        if self.closed_with is None:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def disconnect(self, code):
        if self.expiry is not None:
            self.expiry.cancel()
        if self.counted:
            self.counted = False
            metrics.socket_closed(type(self).__name__)
            await sockets.closed()
        for group in (getattr(self, "group", None), getattr(self, "user_group", None)):
            if group:
                try:
                    await self.channel_layer.group_discard(group, self.channel_name)
                except LAYER_ERRORS as exc:  # the membership expires with the group (channels-redis)
                    logger.info("group_discard failed, the channel layer is unreachable: %s", exc)

    # --- messages from the client --------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.closed_with is not None or not await self.still_allowed():
            return
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
