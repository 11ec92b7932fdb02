import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

app = Celery("sparklio")
# Every CELERY_* setting configures the app: reliability (late acks, reject on worker lost,
# time limits), JSON only and django-celery-beat's database scheduler live in settings.py.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
