"""Every WebSocket route of the project; apps add theirs here."""

from django.urls import re_path

from agents.routing import websocket_urlpatterns as agents_ws
from chat.routing import websocket_urlpatterns as chat_ws
from sparklio.core.consumers import CLOSE_NOT_FOUND, Refuse
from sparklio.core.routing import websocket_urlpatterns as core_ws

# A socket on no route is closed with 4404, like a missing workspace, rather than failing inside
# the router.
websocket_urlpatterns = [*core_ws, *agents_ws, *chat_ws, re_path(r"", Refuse.as_asgi(code=CLOSE_NOT_FOUND))]
