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


# "Bearer <token>" / "Token <token>" (an Authorization header quoted in an error), credentials in a
# query string (?token=…, &sig=…), and the shapes of the providers' API keys.
_BEARER = re.compile(r"(?P<head>\b(?:Bearer|Token)\s+)[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE)
_QUERY_SECRET = re.compile(
    r"(?P<head>[?&](?:[A-Za-z_]*token|api_?key|key|sig|secret|password|access_token)=)[^&\s\"']+", re.IGNORECASE
)
_API_KEYS = re.compile(r"\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,})")


def mask_url_credentials(text: str) -> str:
    return _URL_CREDENTIALS.sub(lambda m: f"{m['head']}{MASK}@", text)


def mask_secrets(text: str) -> str:
    """Connection-URL passwords, bearer tokens, credential query parameters and API keys masked."""
    text = mask_url_credentials(text)
    text = _BEARER.sub(lambda m: f"{m['head']}{MASK}", text)
    text = _QUERY_SECRET.sub(lambda m: f"{m['head']}{MASK}", text)
    return _API_KEYS.sub(MASK, text)


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
    """Log lines with secrets masked (a broker error names its URL, a client error may quote a
    header)."""

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_tag"):  # a handler without the request-id filter
            request_id = getattr(record, "request_id", "")
            record.request_tag = f"[{request_id}] " if request_id else ""
        return mask_secrets(super().format(record))
