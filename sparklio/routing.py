"""Every WebSocket route of the project; apps add theirs here."""

from agents.routing import websocket_urlpatterns as agents_ws
from chat.routing import websocket_urlpatterns as chat_ws
from sparklio.core.routing import websocket_urlpatterns as core_ws

websocket_urlpatterns = [*core_ws, *agents_ws, *chat_ws]
