from celery import shared_task

from sparklio.core import services


@shared_task(name="core.tokens_prune")
def tokens_prune() -> int:
    """Expired API tokens deleted (scheduled by CELERY_BEAT_SCHEDULE); safe to run twice."""
    return services.tokens_prune()
