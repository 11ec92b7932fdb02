"""Production serves static files (the admin's CSS and scripts) from STATIC_ROOT through
WhiteNoise's manifest storage; without the manifest every page that names a static file is a
500. ``manage.py serve`` collects them before it starts; any other server process refuses to
start without them and says what to run."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MANIFEST = "staticfiles.json"


def static_collected() -> bool:
    return (Path(settings.STATIC_ROOT) / MANIFEST).exists()


def ensure_static_collected() -> None:
    if settings.DEBUG or static_collected():
        return
    raise ImproperlyConfigured(
        f"Static files are not collected in STATIC_ROOT ({settings.STATIC_ROOT}), so /admin/ would answer 500: "
        "run `python manage.py collectstatic --noinput` before starting the server "
        "(`make run` and `manage.py serve` do it for you)."
    )
