import asyncio
import logging

from channels.db import database_sync_to_async
from django.conf import settings
from rest_framework.exceptions import ValidationError

from agents.events import workflow_group
from chat import services
from sparklio.core import events
from sparklio.core.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, WorkspaceEventsConsumer
from sparklio.core.outage import LAYER_ERRORS

logger = logging.getLogger(__name__)


class ChatConsumer(WorkspaceEventsConsumer):
    """``/ws/chat/{session_id}/``: live chat for the members of the session's workspace.

    Client → server: ``{"type": "message", "content", "provider"?, "document"?}``,
    ``{"type": "cancel"}``, ``{"type": "history", "after": id}``, ``{"type": "ping"}``.
    Server → every socket of the session: ``message`` (the user's, persisted first, and the final
    assistant message), ``message_started``, ``token``, ``fallback``, ``agent_progress``; to this
    socket only: ``hello``, ``history``, ``pong`` and ``error`` (bad input; the socket stays open)."""

    async def connect(self):
        events.remember_server_loop()
        self.reply: asyncio.Task | None = None
        self.followed: set[str] = set()
        user = self.scope.get("user")
        self.session_id = self.scope["url_route"]["kwargs"]["session_id"]
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.session = await database_sync_to_async(self._session)(user)
        if self.session is None:
            await self.refuse(CLOSE_NOT_FOUND)
            return
        await self.admit(workspace_id=self.session.workspace_id, role=self.role)
        self.group = services.chat_group(self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        last = await database_sync_to_async(
            lambda: self.session.messages.order_by("-id").values_list("id", flat=True).first()
        )()
        await self.send_json({"type": "hello", "session": self.session_id, "last_message": last})

    def _session(self, user):
        from chat.models import ChatSession
        from sparklio.core.selectors import workspace_roles

        roles = workspace_roles(user=user)
        session = ChatSession.objects.filter(pk=self.session_id, workspace_id__in=list(roles)).first()
        self.role = roles.get(session.workspace_id) if session else None
        return session

    @property
    def can_write(self) -> bool:
        from sparklio.core.models import ROLE_RANK, Role

        return self.role is not None and ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role.EDITOR]

    async def disconnect(self, code):
        for group in getattr(self, "followed", ()):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except LAYER_ERRORS as exc:  # the membership expires with the group
                logger.info("group_discard failed, the channel layer is unreachable: %s", exc)
        await super().disconnect(code)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is not None and len(text_data) > settings.CHAT_MESSAGE_MAX_CHARS * 4 + 1000:
            await self.send_error(f"message too large: at most {settings.CHAT_MESSAGE_MAX_CHARS} characters of content")
            return
        # access is checked there, against the membership of this moment; JSON errors are answered
        # as error events
        await super().receive(text_data, bytes_data, **kwargs)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind in ("message", "cancel") and not self.can_write:
            await self.send_error(
                "viewers can read this chat but not write to it (needs the editor role)", field="type"
            )
        elif kind == "message":
            await self.on_message(content)
        elif kind == "cancel":
            await self.channel_layer.group_send(self.group, {"type": "chat.cancel"})
        elif kind == "history":
            await self.on_history(content)
        elif kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_error(f"unknown message type {kind!r}; expected message, cancel, history or ping")

    async def on_message(self, content):
        if self.reply is not None and not self.reply.done():
            await self.send_error('an answer is still streaming: wait for it or send {"type": "cancel"}', field="type")
            return
        try:
            document = await database_sync_to_async(services.document_check)(
                workspace_id=self.session.workspace_id, document=content.get("document")
            )
            provider = services.provider_or_none(content.get("provider"))
            user = self.scope["user"]
            message = await database_sync_to_async(services.message_add_user)(
                session=self.session, user=user, content=content.get("content")
            )
        except ValidationError as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"content": exc.detail}
            field, messages = next(iter(detail.items()))
            await self.send_error(str(messages[0]), field=field)
            return
        payload = await database_sync_to_async(lambda: services.message_as_dict(services._reload(message.pk)))()
        await self.emit({"type": "message", "message": payload})
        self.reply = asyncio.create_task(
            services.respond(
                session_id=self.session_id,
                user_message_id=message.pk,
                provider=provider,
                document_id=document,
                emit=self.emit,
            )
        )
        self.reply.add_done_callback(self._reply_done)

    @staticmethod
    def _reply_done(task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.error("chat reply failed", exc_info=task.exception())

    async def on_history(self, content):
        after = content.get("after")
        if after is not None and not isinstance(after, int):
            await self.send_error("after must be a message id", field="after")
            return
        messages = await database_sync_to_async(
            lambda: [services.message_as_dict(m) for m in services.messages_after(session=self.session, after=after)]
        )()
        await self.send_json({"type": "history", "after": after, "messages": messages})

    async def emit(self, event: dict) -> None:
        try:
            await self.channel_layer.group_send(self.group, {"type": "chat.event", "event": event})
        except LAYER_ERRORS as exc:
            # The channel layer is down: the answer is still made and stored; this socket hears
            # it directly while it is open, the session's other tabs read it from history when
            # they reconnect (their sockets were closed with 4503).
            logger.warning("chat event not broadcast, the channel layer is unreachable: %s", exc)
            try:
                await self.send_json(event)
            except Exception as send_exc:  # this socket is closed as well
                logger.info("chat event not delivered to the sender either: %s", send_exc)

    async def send_error(self, message: str, *, field: str | None = None):
        await self.send_json({"type": "error", "message": message, **({"field": field} if field else {})})

    # --- group messages -----------------------------------------------------------------------

    async def chat_event(self, message):
        event = message["event"]
        if event.get("type") == "agent_progress" and event.get("follow"):
            group = workflow_group(event["workflow"])
            if group not in self.followed:
                self.followed.add(group)
                await self.channel_layer.group_add(group, self.channel_name)
                await self.send_json(event)
                # what happened before this socket joined (a fast workflow may be done already)
                state = await database_sync_to_async(self._workflow_state)(event["workflow"])
                await self.send_json({"type": "agent_progress", "workflow": event["workflow"], **state})
                return
        await self.send_json(event)

    def _workflow_state(self, workflow_id: int) -> dict:
        from agents.models import Workflow

        workflow = Workflow.objects.filter(pk=workflow_id, workspace_id=self.session.workspace_id).first()
        if workflow is None:
            return {"status": "unknown"}
        done = list(workflow.runs.filter(status="succeeded").values_list("step", flat=True))
        return {
            "status": workflow.status,
            "steps_done": done,
            "scores": workflow.scores,
            "document": workflow.document_id,
            "error": workflow.error,
        }

    async def chat_cancel(self, message):
        # a second cancel while the first is being handled would cut the partial answer's final event
        if self.reply is not None and not self.reply.done() and not self.reply.cancelling():
            self.reply.cancel()

    async def job_event(self, message):
        """Progress of a workflow this chat started."""
        event = message["event"]
        await self.send_json({**event, "type": "agent_progress", "event": event.get("type")})
