from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """``Authorization: Bearer <token>``; tokens expire after SPARKLIO_TOKEN_TTL_HOURS."""

    keyword = "Bearer"

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created + settings.SPARKLIO_TOKEN_TTL <= timezone.now():
            raise exceptions.AuthenticationFailed("Token has expired; request a new one.")
        return user, token
