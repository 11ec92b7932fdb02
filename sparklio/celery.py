import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

app = Celery("sparklio")
# Every CELERY_* setting configures the app: reliability (late acks, reject on worker lost,
# time limits), JSON only and django-celery-beat's database scheduler live in settings.py.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect(weak=False)
def _django_logging(**kwargs):
    """A worker logs through settings.LOGGING (one handler, the request id, JSON when asked),
    not through the handlers Celery would otherwise put on the root logger."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@signals.worker_process_shutdown.connect
@signals.worker_shutdown.connect
def _flush_the_ledger(**kwargs):
    """A prefork child ends with os._exit (no atexit): write its queued gateway ledger rows first."""
    from sparklio.llm import ledger

    ledger.flush(timeout=30)
