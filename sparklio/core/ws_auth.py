from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.security.websocket import OriginValidator as ChannelsOriginValidator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import AuthenticationFailed

from sparklio.core.auth import BearerTokenAuthentication


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


class OriginValidator(ChannelsOriginValidator):
    """Browsers always send Origin, so cross-site WebSocket hijacking is stopped by
    checking it against ALLOWED_HOSTS and WEBSOCKET_ALLOWED_ORIGINS. Clients that are not
    browsers send none and authenticate with a token, so a missing Origin is allowed."""

    def __init__(self, application):
        allowed = [*settings.ALLOWED_HOSTS, *settings.WEBSOCKET_ALLOWED_ORIGINS]
        if settings.DEBUG and not settings.ALLOWED_HOSTS:
            allowed += ["localhost", "127.0.0.1", "[::1]"]
        super().__init__(application, allowed)

    def valid_origin(self, parsed_origin):
        if parsed_origin is None:
            return True
        return self.validate_origin(parsed_origin)
