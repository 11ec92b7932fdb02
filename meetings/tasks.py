from celery import shared_task

from meetings import services


@shared_task(bind=True, name="meetings.analyze", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def meeting_analyze(self, meeting_id: int) -> None:
    services.meeting_analyze(meeting_id=meeting_id)


@shared_task(bind=True, name="meetings.extract", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def meeting_extract(self, meeting_id: int) -> None:
    services.meeting_extract(meeting_id=meeting_id)
