from celery import shared_task
from django.db import OperationalError

from trends import services
from trends.models import Feed


@shared_task(name="trends.collect_all")
def trends_collect_all() -> int:
    """The beat's collection (every TREND_COLLECT_MINUTES): one task per feed, so a slow or
    failing feed holds up no other. Returns how many were queued."""
    feed_ids = list(Feed.objects.order_by("pk").values_list("pk", flat=True))
    for feed_id in feed_ids:
        trends_feed_collect.delay(feed_id)
    return len(feed_ids)


# A collection stores items by key under the feed's lock, so running it again is harmless and a
# database that refuses connections for a moment is retried.
@shared_task(
    name="trends.feed_collect",
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=3,
)
def trends_feed_collect(feed_id: int) -> dict | None:
    result = services.feed_collect(feed_id=feed_id)
    return None if result is None else result.as_dict()
