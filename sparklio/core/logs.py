"""Log formats: plain text (the default) or one JSON object per line (``LOG_FORMAT=json``).

Both mask secrets (sparklio/core/masking.py) and carry the request id (sparklio/core/requestid.py).
Every line is written once, by the root logger's one handler: no other logger has a handler of its
own, Django's default console handler included (it printed each ``django.request`` line a second
time while ``DEBUG`` was on), and Celery is told not to install its own (sparklio/celery.py).
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter

from sparklio.core.masking import mask_secrets

# Record attributes that are plumbing, not content.
_DROP = {"request_tag", "color_message", "taskName"}


class MaskingJsonFormatter(JsonFormatter):
    """``{"time", "level", "logger", "message", "request_id", ...extra}`` with every string value
    masked, the traceback under ``exc_info``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(self, log_data: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data["request_id"] = getattr(record, "request_id", "") or None
        for key in _DROP:
            log_data.pop(key, None)
        for key, value in list(log_data.items()):
            if isinstance(value, str):
                log_data[key] = mask_secrets(value)
