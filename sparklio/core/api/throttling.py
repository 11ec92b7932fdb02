from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SettingsRate:
    """Reads the rate from settings.API_THROTTLE_RATES at request time (None = unlimited)."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    pass


class UserThrottle(_SettingsRate, UserRateThrottle):
    pass


class HealthThrottle(_SettingsRate, AnonRateThrottle):
    """Anonymous /health probes, per client address (API_THROTTLE_RATES["health"])."""

    scope = "health"
