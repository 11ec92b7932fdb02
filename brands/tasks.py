from celery import shared_task

from brands import services


@shared_task(name="brands.logo_analyze")
def brand_logo_analyze(logo_id: int) -> str | None:
    logo = services.brand_logo_analyze(logo_id=logo_id)
    return None if logo is None else logo.analysis_status
