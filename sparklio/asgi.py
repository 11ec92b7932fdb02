"""HTTP and WebSocket entry point (daphne in the embedded topology, uvicorn workers under
gunicorn in the production one).

HTTP requests run Django's WSGI handler on a pool of HTTP_MAX_CONCURRENCY threads (a2wsgi):
Django's own ASGI handler starts a thread of its own for every request and crosses between the
event loop and that thread several times per request, which halved the requests a process
served (bench/README.md, "Serving again"). The pool is also the cap on requests
handled at once, each holding a database connection: more wait their turn in the event loop.

WebSockets pass the origin check, then session auth (browser pages, admin), then Bearer
token auth (``?token=`` or an ``Authorization`` header, for the studio and other clients).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")
django_wsgi_app = get_wsgi_application()

from sparklio.core.staticready import ensure_static_collected  # noqa: E402

ensure_static_collected()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from sparklio.core.requestid import WebSocketRequestId  # noqa: E402
from sparklio.core.ws_auth import OriginValidator, TokenAuthMiddleware  # noqa: E402
from sparklio.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": WSGIMiddleware(django_wsgi_app, workers=max(1, settings.HTTP_MAX_CONCURRENCY)),
        # the request id first, so even a socket the origin check refuses is logged under one
        "websocket": WebSocketRequestId(
            OriginValidator(AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns))))
        ),
    }
)
