from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from sparklio.core import authcache, services
from sparklio.core.models import ApiToken


class BearerTokenAuthentication(TokenAuthentication):
    """``Authorization: Bearer <token>``, one of the user's named tokens (``request.auth`` is the
    ApiToken); tokens expire after SPARKLIO_TOKEN_TTL_HOURS."""

    keyword = "Bearer"
    model = ApiToken

    def authenticate_credentials(self, key):
        token = authcache.token_lookup(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.expires <= now:
            raise exceptions.AuthenticationFailed("Token has expired; request a new one.")
        if services.token_mark_used(token=token, now=now):
            authcache.token_remember(token)
        return token.user, token
