from celery import shared_task
from django.db import OperationalError

from brands.models import BrandKit
from learning import services


# Relearning is a pure function of what is stored, so a repeated or retried run is harmless.
@shared_task(
    name="learning.brand_learn",
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=6,
)
def learning_brand_learn(brand_id: int) -> int | None:
    brand = BrandKit.objects.filter(pk=brand_id).first()
    if brand is None:
        return None
    return services.brand_learn(brand).pk


@shared_task(name="learning.refresh_stale")
def learning_refresh_stale() -> int:
    """Edits reach learning by being read (documents never call learning): this beat task
    relearns the brands edited since their profile was made."""
    return services.learning_refresh_stale()


@shared_task(name="learning.performance_learn")
def learning_performance_learn(workspace_id: int, performance: dict) -> list[int]:
    """After an import of metrics: ``performance`` as ``document_performance`` returns it (JSON
    turns its ids into strings, which learning accepts)."""
    return [
        profile.pk
        for profile in services.workspace_performance_learn(workspace_id=workspace_id, performance=performance)
    ]
