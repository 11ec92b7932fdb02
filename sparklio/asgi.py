"""HTTP and WebSocket entry point (served by daphne).

WebSockets pass the origin check, then session auth (browser pages, admin), then Bearer
token auth (``?token=`` or an ``Authorization`` header, for the studio and other clients).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")
django_asgi_app = get_asgi_application()

from sparklio.core.staticready import ensure_static_collected  # noqa: E402

ensure_static_collected()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from sparklio.core.concurrency import HTTPConcurrencyLimit  # noqa: E402
from sparklio.core.requestid import WebSocketRequestId  # noqa: E402
from sparklio.core.ws_auth import OriginValidator, TokenAuthMiddleware  # noqa: E402
from sparklio.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": HTTPConcurrencyLimit(django_asgi_app, settings.HTTP_MAX_CONCURRENCY),
        # the request id first, so even a socket the origin check refuses is logged under one
        "websocket": WebSocketRequestId(
            OriginValidator(AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns))))
        ),
    }
)
