from urllib.parse import parse_qs, urlsplit

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http.request import split_domain_port, validate_host
from rest_framework.exceptions import AuthenticationFailed

from sparklio.core.auth import BearerTokenAuthentication
from sparklio.core.consumers import CLOSE_FORBIDDEN, Refuse

DEFAULT_PORTS = {"http": 80, "https": 443}


@database_sync_to_async
def _user_for_token(key: str) -> tuple:
    """(user, {"key", "expires_at"}) for a valid token; an anonymous user and None otherwise."""
    try:
        user, token = BearerTokenAuthentication().authenticate_credentials(key)
    except AuthenticationFailed:
        return AnonymousUser(), None
    return user, {"key": token.key, "expires_at": token.created + settings.SPARKLIO_TOKEN_TTL}


def _token_from_scope(scope) -> str | None:
    query = parse_qs(scope.get("query_string", b"").decode())
    if query.get("token"):
        return query["token"][0]
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            keyword, _, key = value.decode().partition(" ")
            if keyword.lower() == "bearer" and key:
                return key.strip()
    return None


class TokenAuthMiddleware:
    """Sets scope["user"] from a Bearer token when one is given; otherwise the session
    user set by AuthMiddlewareStack stays. A bad token yields an anonymous user. The token
    itself goes into scope["auth_token"], so the socket closes when it expires or is revoked."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        key = _token_from_scope(scope)
        if key is not None:
            user, token = await _user_for_token(key)
            scope = {**scope, "user": user, "auth_token": token}
        return await self.inner(scope, receive, send)


def _origin_parts(scheme: str, netloc: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) with the default port filled in; None when it cannot be read."""
    try:
        parsed = urlsplit(f"{scheme}://{netloc}")
        port = parsed.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if not parsed.hostname or port is None:
        return None
    return scheme, parsed.hostname.lower(), port


def _parse_origin(origin: str) -> tuple[str, str, int] | None:
    try:
        parsed = urlsplit(origin.strip())
    except ValueError:
        return None
    if parsed.scheme.lower() not in DEFAULT_PORTS or parsed.path not in ("", "/"):
        return None
    return _origin_parts(parsed.scheme.lower(), parsed.netloc)


def origin_allowed(scope, origin: str) -> bool:
    """Whether a browser page of ``origin`` may open this socket: the origin matches one of
    CORS_ALLOWED_ORIGINS, or is the server's own (the Host it was reached at, which must be one of
    ALLOWED_HOSTS, with the scheme that goes with ws/wss). Scheme, host and port all count:
    http://localhost:3000 is not http://localhost:8000, nor https://localhost:3000."""
    parts = _parse_origin(origin)
    if parts is None:
        return False
    if any(parts == _parse_origin(allowed) for allowed in settings.CORS_ALLOWED_ORIGINS):
        return True
    host = next((value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"host"), None)
    if not host:
        return False
    own = _origin_parts("https" if scope.get("scheme") == "wss" else "http", host)
    if own is None or own != parts:
        return False
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    return validate_host(split_domain_port(host)[0], allowed_hosts)


class OriginValidator:
    """Browsers always send Origin, so cross-site WebSocket hijacking is stopped by checking it
    (see origin_allowed). A refused origin's socket is accepted and at once closed with 4403, so
    the page can tell why (a handshake refusal reaches it as a bare 1006); nothing is sent first.
    Clients that are not browsers send no Origin and authenticate with a token, so a missing
    Origin is allowed."""

    def __init__(self, application):
        self.application = application
        self.refuse = Refuse.as_asgi(code=CLOSE_FORBIDDEN)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            origin = next((value for name, value in scope.get("headers", []) if name == b"origin"), None)
            if origin is not None and not origin_allowed(scope, origin.decode("latin-1")):
                return await self.refuse(scope, receive, send)
        return await self.application(scope, receive, send)
