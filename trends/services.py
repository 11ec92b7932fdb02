"""Feeds, their items and keyword mentions: the only code that writes them.

Registering a feed fetches it once, through the project's outbound fetcher (public addresses
only unless OUTBOUND_ALLOW_PRIVATE says otherwise, TREND_FEED_MAX_BYTES and OUTBOUND_TIMEOUT as
limits): a URL that gives no RSS or Atom feed answers 400 on ``url`` and nothing is stored; a
good one is stored with the items of that first fetch. A collection fetches outside any
transaction, then stores the new items, their keywords and the feed's state in one; a fetch
that fails leaves the items as they were and records the error on the feed.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from sparklio.core import outbound
from sparklio.core.events import workspace_event
from sparklio.core.models import User, Workspace
from sparklio.language.detect import language_code
from sparklio.language.keywords import keywords
from trends import feeds
from trends.feeds import FeedProblem
from trends.models import CollectStatus, Feed, FeedItem, Mention

logger = logging.getLogger(__name__)

JOB = "trend_collect"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
KEYWORD_SUMMARY_CHARS = 300  # the opening of a summary says what the item is about; the rest adds noise
FUTURE_SLACK = timedelta(hours=1)
ALREADY_FOLLOWED = "The workspace already follows this feed."
STATE_FIELDS = ["last_status", "last_error", "last_collected_at", "last_new", "last_duplicates", "updated_at"]


@dataclass(frozen=True)
class CollectResult:
    feed: int
    name: str
    new: int = 0
    duplicates: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def as_dict(self) -> dict:
        return {**asdict(self), "status": CollectStatus.OK if self.ok else CollectStatus.FAILED}


def feed_fetch(url: str) -> tuple[str, feeds.ParsedFeed]:
    """The feed at ``url``, fetched and parsed, with the URL it was found at after redirects;
    FeedProblem saying why not."""
    try:
        fetched = outbound.fetch(url, max_bytes=settings.TREND_FEED_MAX_BYTES, accept=ACCEPT)
    except outbound.OutboundRefused as exc:
        raise FeedProblem(exc.message) from exc
    if not 200 <= fetched.status < 300:
        raise FeedProblem(f"the server answered {fetched.status}")
    return fetched.url, feeds.parse(fetched.content, content_type=fetched.content_type)


def feed_create(
    *, workspace: Workspace, url: str, name: str = "", created_by: User | None
) -> tuple[Feed, CollectResult]:
    """A feed the workspace follows, checked by fetching it, stored with its current items.
    It is stored under the URL the fetch ended at: a URL that redirects to a feed the workspace
    already follows is that feed, not a second copy of it. Without a name it is named by its
    own title."""
    url = (url or "").strip()
    name = (name or "").strip()
    try:
        url = outbound.check(url)
    except outbound.OutboundRefused as exc:
        raise ValidationError({"url": [exc.message]}) from exc
    if Feed.objects.filter(workspace=workspace, url=url).exists():
        raise ValidationError({"url": [ALREADY_FOLLOWED]})
    try:
        final_url, parsed = feed_fetch(url)
    except FeedProblem as exc:
        raise ValidationError({"url": [str(exc)]}) from exc
    if final_url != url and Feed.objects.filter(workspace=workspace, url=final_url).exists():
        raise ValidationError({"url": [f"{url} leads to {final_url}, a feed the workspace already follows."]})
    feed = Feed(
        workspace=workspace,
        url=final_url,
        name=(name or parsed.title)[:200],
        title=parsed.title,
        kind=parsed.kind,
        created_by=created_by,
    )
    try:
        with transaction.atomic():
            feed.save()
            result = _store(feed, parsed)
    except IntegrityError as exc:  # the same URL registered by a request running beside this one
        raise ValidationError({"url": [ALREADY_FOLLOWED]}) from exc
    return feed, result


def feed_delete(*, feed: Feed) -> None:
    """The feed, its items and their keywords."""
    feed.delete()


def feed_collect(*, feed_id: int) -> CollectResult | None:
    """Fetch the feed and store its new items (None: no such feed). Safe to run twice or side
    by side: items are known by their key, and the feed's row is locked while they are added."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    try:
        _final_url, parsed = feed_fetch(feed.url)
    except FeedProblem as exc:
        return _record_failure(feed, str(exc))
    except Exception as exc:  # an unexpected fault is logged, recorded on the feed, and the next feed goes on
        logger.exception("collecting trend feed %s failed", feed_id)
        return _record_failure(feed, f"an internal error stopped it ({type(exc).__name__})")
    with transaction.atomic():
        feed = Feed.objects.select_for_update().filter(pk=feed_id).first()
        if feed is None:
            return None  # deleted while it was fetched
        if parsed.title and parsed.title != feed.title:
            feed.title = parsed.title
            feed.save(update_fields=["title", "updated_at"])
        return _store(feed, parsed)


def workspace_collect(*, workspace_id: int, feed_id: int | None = None) -> list[CollectResult]:
    """Collect one feed of the workspace, or all of them (``feed_id`` None). ValueError when the
    workspace has no such feed."""
    chosen = Feed.objects.filter(workspace_id=workspace_id).order_by("pk")
    if feed_id is not None:
        chosen = chosen.filter(pk=feed_id)
        if not chosen.exists():
            raise ValueError(f"No trend feed #{feed_id} in this workspace.")
    results = []
    for pk in chosen.values_list("pk", flat=True):
        result = feed_collect(feed_id=pk)
        if result is not None:
            results.append(result)
    return results


def _record_failure(feed: Feed, reason: str) -> CollectResult:
    with transaction.atomic():
        locked = Feed.objects.select_for_update().filter(pk=feed.pk).first()
        if locked is not None:
            locked.last_status = CollectStatus.FAILED
            locked.last_error = reason[:2000]
            locked.last_collected_at = timezone.now()
            locked.last_new = locked.last_duplicates = 0
            locked.save(
                update_fields=[
                    "last_status",
                    "last_error",
                    "last_collected_at",
                    "last_new",
                    "last_duplicates",
                    "updated_at",
                ]
            )
            _event(locked, error=locked.last_error)
    return CollectResult(feed=feed.pk, name=str(feed), error=reason)


def _unique_guid(guid: str) -> bool:
    """A guid that names the entry beyond its feed (a URL, a URN or tag URI, a UUID or hash);
    short ones ("12345") are often a site's own article numbers, which two feeds can share for
    different stories."""
    return "://" in guid or guid.startswith(("urn:", "tag:")) or len(guid) >= 16


def _stories(feed: Feed, entries: list[feeds.Entry]) -> tuple[dict[str, str], dict[str, str]]:
    """The stories the workspace already holds, by guid and by link, for these entries."""
    guids = [entry.guid for entry in entries if entry.guid and _unique_guid(entry.guid)]
    links = [entry.link for entry in entries if entry.link]
    by_guid: dict[str, str] = {}
    by_link: dict[str, str] = {}
    if not guids and not links:
        return by_guid, by_link
    stored = (
        FeedItem.objects.filter(workspace_id=feed.workspace_id)
        .filter(Q(guid__in=guids) | Q(link__in=links))
        .order_by("pk")
        .values_list("guid", "link", "story")
    )
    for guid, link, story in stored:
        if guid and _unique_guid(guid):
            by_guid.setdefault(guid, story)
        if link:
            by_link.setdefault(link, story)
    return by_guid, by_link


def _store(feed: Feed, parsed: feeds.ParsedFeed) -> CollectResult:
    """Add the entries the feed does not hold yet (inside the caller's transaction, with the
    feed's row locked or just created) and record the collection on the feed."""
    now = timezone.now()
    known = set(
        FeedItem.objects.filter(feed=feed, key__in=[entry.key for entry in parsed.entries]).values_list(
            "key", flat=True
        )
    )
    fresh_entries = [entry for entry in parsed.entries if entry.key not in known]
    by_guid, by_link = _stories(feed, fresh_entries)
    fresh: list[FeedItem] = []
    duplicates = 0
    for entry in parsed.entries:
        if entry.key in known:
            duplicates += 1  # stored before, or listed twice in this document
            continue
        known.add(entry.key)
        published = entry.published or now
        if published > now + FUTURE_SLACK:
            published = now  # a clock or a typo in the future would hold the top of every window
        story = (by_guid.get(entry.guid) if _unique_guid(entry.guid) else None) or by_link.get(entry.link) or entry.key
        if entry.guid and _unique_guid(entry.guid):
            by_guid.setdefault(entry.guid, story)
        if entry.link:
            by_link.setdefault(entry.link, story)
        text = _text(entry)
        fresh.append(
            FeedItem(
                workspace_id=feed.workspace_id,
                feed=feed,
                key=entry.key,
                story=story,
                guid=entry.guid,
                title=entry.title,
                link=entry.link,
                summary=entry.summary,
                published=published,
                language=language_code(text) if text.strip() else "",
                keywords=keywords(text),
            )
        )
    FeedItem.objects.bulk_create(fresh, batch_size=200)
    Mention.objects.bulk_create(
        [
            Mention(workspace_id=feed.workspace_id, item=item, keyword=keyword, published=item.published)
            for item in fresh
            for keyword in item.keywords
        ],
        batch_size=1000,
    )
    feed.last_status = CollectStatus.OK
    feed.last_error = ""
    feed.last_collected_at = now
    feed.last_new, feed.last_duplicates = len(fresh), duplicates
    feed.save(update_fields=STATE_FIELDS)
    _event(feed, new=len(fresh), duplicates=duplicates)
    return CollectResult(feed=feed.pk, name=str(feed), new=len(fresh), duplicates=duplicates)


def _text(entry: feeds.Entry) -> str:
    """The text keywords are read from: the title and the opening of the summary, on lines of
    their own (a line ends every phrase, so the title's last words and the summary's first do
    not make one)."""
    return f"{entry.title}\n{entry.summary[:KEYWORD_SUMMARY_CHARS]}"


def _event(feed: Feed, **data) -> None:
    """Tell the workspace, after commit, how the feed's collection went."""
    event = {"type": "job.progress", "job": JOB, "feed": feed.pk, "status": feed.last_status, **data}
    workspace_event(workspace_id=feed.workspace_id, event=event)
