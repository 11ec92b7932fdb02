"""Secrets never show on a debug error page or in a log line."""

import logging

import pytest
from django.urls import path
from django.utils.module_loading import import_string

pytestmark = pytest.mark.django_db

# Built, not written whole: the debug page shows this file's source around the failing view.
REDIS = "redis://:" + "hunter2" + "-redis" + "@10.1.2.3:6379/0"
DATABASE = "postgres://sparklio:" + "pg-pass" + "-42" + "@db.internal:5432/sparklio"


def broken(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", broken)]


@pytest.mark.urls("sparklio.core.tests.test_masking")
def test_the_debug_page_masks_passwords_in_connection_urls(client, settings):
    settings.DEBUG = True
    settings.REDIS_URL = REDIS
    settings.DATABASE_URL = DATABASE
    settings.CELERY_BROKER_URL = REDIS
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [{"address": REDIS}]}}
    }
    client.raise_request_exception = False
    response = client.get("/broken/", HTTP_X_UPSTREAM=DATABASE, HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 500 and "something broke" in page
    assert "REDIS_URL" in page and "CELERY_BROKER_URL" in page  # the settings are listed…
    assert "hunter2-redis" not in page and "pg-pass-42" not in page  # …without their passwords
    assert "10.1.2.3:6379" in page  # the host still helps the reader


def test_log_lines_mask_passwords_in_connection_urls(settings):
    formatter_config = dict(settings.LOGGING["formatters"]["plain"])
    formatter = import_string(formatter_config.pop("()"))(formatter_config["format"])
    record = logging.LogRecord("kombu", logging.ERROR, __file__, 1, "cannot connect to %s", (REDIS,), None)
    line = formatter.format(record)
    assert "hunter2-redis" not in line and "redis://:********@10.1.2.3:6379/0" in line
