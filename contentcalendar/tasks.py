from celery import shared_task

from contentcalendar import services


@shared_task(name="contentcalendar.entries_remind")
def entries_remind() -> int:
    """Reminders for the entries due soon (scheduled every minute by CELERY_BEAT_SCHEDULE); safe
    to run twice: each entry is reminded once."""
    return services.entries_remind()
