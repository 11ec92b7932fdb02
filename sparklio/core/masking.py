"""Secrets kept out of debug pages and logs.

Django's own filter hides settings whose *names* sound secret (KEY, TOKEN, PASS…), but a
connection URL carries its password inside the value: ``REDIS_URL``, ``DATABASE_URL``,
``CELERY_BROKER_URL`` and the ``CACHES``/``CHANNEL_LAYERS`` built from them. Here any
``scheme://user:password@host`` has its password replaced, whatever the setting is called,
and the log formatter does the same to every line.
"""

from __future__ import annotations

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

MASK = "********"
# scheme://[user]:password@ — the password is everything up to the last @ before the host
_URL_CREDENTIALS = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?P<password>[^@\s]+)@")


def mask_url_credentials(text: str) -> str:
    return _URL_CREDENTIALS.sub(lambda m: f"{m['head']}{MASK}@", text)


class SecretMaskingFilter(SafeExceptionReporterFilter):
    """DEFAULT_EXCEPTION_REPORTER_FILTER: Django's name-based cleansing, plus passwords inside
    connection URLs in any setting, environment entry or request META value."""

    def cleanse_setting(self, key, value):
        cleansed = super().cleanse_setting(key, value)
        return _mask_nested(cleansed)


def _mask_nested(value):
    if isinstance(value, str):  # str() too: a lazy object (django-axes' settings) passes as a str
        return mask_url_credentials(str(value))
    if isinstance(value, dict):
        return {k: _mask_nested(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mask_nested(v) for v in value)
    return value


class MaskingFormatter(logging.Formatter):
    """Log lines with connection-URL passwords masked (a broker error names its URL)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_url_credentials(super().format(record))
