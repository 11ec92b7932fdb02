from celery import shared_task
from django.db import OperationalError

from knowledge import services


# Processing is idempotent (a source already ready or failed is left alone), so a database that
# refuses connections for a moment is retried rather than losing the source.
@shared_task(
    name="knowledge.source_process",
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=6,
)
def knowledge_source_process(source_id: int) -> str | None:
    source = services.source_process(source_id=source_id)
    return None if source is None else source.status
