"""Every WebSocket route of the project; apps add theirs here."""

from channels.generic.websocket import WebsocketConsumer
from django.urls import re_path

from agents.routing import websocket_urlpatterns as agents_ws
from chat.routing import websocket_urlpatterns as chat_ws
from sparklio.core.routing import websocket_urlpatterns as core_ws


class UnknownPathConsumer(WebsocketConsumer):
    """A socket on no route is closed at the handshake with 4404, like a missing workspace,
    rather than failing inside the router."""

    def connect(self):
        self.close(code=4404)


websocket_urlpatterns = [*core_ws, *agents_ws, *chat_ws, re_path(r"", UnknownPathConsumer.as_asgi())]
