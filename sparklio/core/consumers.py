import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from sparklio.core import events
from sparklio.core.selectors import user_is_member

# Close codes (4000–4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404


class WorkspaceEventsConsumer(AsyncJsonWebsocketConsumer):
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
            await self.channel_layer.group_discard(self.group, self.channel_name)

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
