from celery import shared_task
from django.db import OperationalError

from brands import services


# A database that refuses connections for a moment (a burst of load) must not lose the job:
# the analysis is idempotent, so retrying it is safe.
@shared_task(
    name="brands.logo_analyze",
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=6,
)
def brand_logo_analyze(logo_id: int) -> str | None:
    logo = services.brand_logo_analyze(logo_id=logo_id)
    return None if logo is None else logo.analysis_status
