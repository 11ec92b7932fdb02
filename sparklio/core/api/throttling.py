from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from sparklio.core.addresses import client_ip


class _SettingsRate:
    """Reads the rate from settings.API_THROTTLE_RATES at request time (None = unlimited), and
    counts anonymous clients by the one client-address rule (``X-Forwarded-For`` only from
    ``TRUSTED_PROXIES``), not DRF's, which believes any ``X-Forwarded-For``."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    pass


class UserThrottle(_SettingsRate, UserRateThrottle):
    pass


class HealthThrottle(_SettingsRate, AnonRateThrottle):
    """Anonymous /health probes, per client address (API_THROTTLE_RATES["health"])."""

    scope = "health"
