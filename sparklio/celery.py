import os

from celery import Celery
from celery.signals import worker_process_shutdown, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

app = Celery("sparklio")
# Every CELERY_* setting configures the app: reliability (late acks, reject on worker lost,
# time limits), JSON only and django-celery-beat's database scheduler live in settings.py.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_shutdown.connect
@worker_shutdown.connect
def _flush_the_ledger(**kwargs):
    """A prefork child ends with os._exit (no atexit): write its queued gateway ledger rows first."""
    from sparklio.llm import ledger

    ledger.flush(timeout=30)
