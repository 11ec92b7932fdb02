"""Reads of trends: feeds, and keywords ranked over a window of time.

A keyword's ``mentions`` are the items of the workspace published in the current window (the
last ``window_hours`` up to now) that contain it; ``previous`` the same for the window of the
same length just before. ``growth`` is (mentions − previous) / (previous + 1): the relative
change with one mention added to the previous count, so it is defined when the previous window
had none (0 → 3 is +3.0, 0 → 1 is +1.0, 4 → 2 is −0.4) and a keyword that was absent does not
outrank a steady one on a single mention. ``new`` says the previous window had none.

A story is counted once however many of the workspace's feeds carry it (``FeedItem.story``: the
same link or the same unique guid), so a mirrored or syndicated feed does not double its words.

Keywords rank by mentions, then growth, then the keyword; a keyword in more than half of the
window's stories (when it holds at least ten) ranks after all others: a word that common is the
feeds' subject or a generic word of their writing ("news", "업계"), not what is rising in them.
A keyword contained in a longer one with the very same counts (``vision`` in ``vision pro`` when
every item that says one says the other) is left out: the longer says more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sparklio.language.keywords import keywords
from trends.models import Feed, FeedItem, Mention

DEFAULT_WINDOW_HOURS = 24 * 7
MAX_WINDOW_HOURS = 24 * 90
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
ITEMS_PER_KEYWORD = 5
CANDIDATES = 300  # keywords read before the containment pruning and the limit
COMMON_SHARE = 0.5  # a keyword in more of the window's stories than this share is common...
COMMON_MIN_STORIES = 10  # ...when the window holds enough stories for a share to mean something


def feed_list() -> QuerySet[Feed]:
    """Every feed with its item count (the API scopes it to the caller's workspaces)."""
    return Feed.objects.annotate(item_count=Count("items")).order_by("name", "id")


def growth(mentions: int, previous: int) -> float:
    return round((mentions - previous) / (previous + 1), 3)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    previous_start: datetime


def window_of(window_hours: int, *, now: datetime | None = None) -> Window:
    end = now or timezone.now()
    length = timedelta(hours=window_hours)
    return Window(start=end - length, end=end, previous_start=end - 2 * length)


def trend_ranking(
    *,
    workspace_id: int,
    window_hours: int = DEFAULT_WINDOW_HOURS,
    limit: int = DEFAULT_LIMIT,
    items_per_keyword: int = ITEMS_PER_KEYWORD,
    now: datetime | None = None,
) -> dict:
    """The workspace's keywords ranked (see the module docstring), each with its latest items of
    the current window, and how many feeds and items the window holds."""
    window = window_of(window_hours, now=now)
    counts = (
        Mention.objects.filter(
            workspace_id=workspace_id, published__gte=window.previous_start, published__lte=window.end
        )
        .values("keyword")
        .annotate(
            mentions=Count("item__story", distinct=True, filter=Q(published__gte=window.start)),
            previous=Count("item__story", distinct=True, filter=Q(published__lt=window.start)),
        )
        .filter(mentions__gt=0)
        .order_by("-mentions", "keyword")[:CANDIDATES]
    )
    rows = [
        {
            "keyword": row["keyword"],
            "mentions": row["mentions"],
            "previous": row["previous"],
            "growth": growth(row["mentions"], row["previous"]),
            "new": row["previous"] == 0,
        }
        for row in counts
    ]
    rows = _without_contained(rows)
    items_in_window = (
        FeedItem.objects.filter(workspace_id=workspace_id, published__gte=window.start, published__lte=window.end)
        .values("story")
        .distinct()
        .count()
    )
    common = items_in_window * COMMON_SHARE if items_in_window >= COMMON_MIN_STORIES else None
    rows.sort(
        key=lambda row: (
            common is not None and row["mentions"] > common,
            -row["mentions"],
            -row["growth"],
            row["keyword"],
        )
    )
    rows = rows[:limit]
    _attach_items(rows, workspace_id=workspace_id, window=window, per_keyword=items_per_keyword)
    return {
        "window_hours": window_hours,
        "start": window.start,
        "end": window.end,
        "previous_start": window.previous_start,
        "feeds": Feed.objects.filter(workspace_id=workspace_id).count(),
        "items": items_in_window,
        "keywords": rows,
    }


def _without_contained(rows: list[dict]) -> list[dict]:
    by_counts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for row in rows:
        by_counts[(row["mentions"], row["previous"])].append(row["keyword"])

    def contained(keyword: str, counts: tuple[int, int]) -> bool:
        padded = f" {keyword} "
        return any(other != keyword and padded in f" {other} " for other in by_counts[counts])

    return [row for row in rows if not contained(row["keyword"], (row["mentions"], row["previous"]))]


def _attach_items(rows: list[dict], *, workspace_id: int, window: Window, per_keyword: int) -> None:
    """Each keyword's latest items of the current window, in two queries for the whole list."""
    wanted = [row["keyword"] for row in rows]
    if not wanted:
        return
    mentions = (
        Mention.objects.filter(
            workspace_id=workspace_id,
            keyword__in=wanted,
            published__gte=window.start,
            published__lte=window.end,
        )
        .order_by("keyword", "-published", "-item_id")
        .values_list("keyword", "item_id", "item__story")
    )
    chosen: dict[str, list[int]] = defaultdict(list)
    stories: dict[str, set[str]] = defaultdict(set)
    for keyword, item_id, story in mentions:
        if len(chosen[keyword]) < per_keyword and story not in stories[keyword]:
            stories[keyword].add(story)  # one copy of a story that several feeds carry
            chosen[keyword].append(item_id)
    ids = {item_id for item_ids in chosen.values() for item_id in item_ids}
    items = {item.pk: item for item in FeedItem.objects.filter(pk__in=ids).select_related("feed")}
    for row in rows:
        row["items"] = [item_dict(items[pk]) for pk in chosen.get(row["keyword"], []) if pk in items]


def item_dict(item: FeedItem) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "link": item.link,
        "published": item.published.isoformat(),
        "feed": {"id": item.feed_id, "name": str(item.feed)},
    }


def trend_top(workspace_id: int, *, limit: int = 10, window_hours: int = DEFAULT_WINDOW_HOURS) -> list[dict]:
    """The workspace's top keywords as plain dicts (JSON values only), for agents and chat:
    ``{keyword, mentions, previous, growth, new, items: [{id, title, link, published, feed}]}``;
    [] when it follows no feed or nothing was published in the window."""
    return trend_ranking(workspace_id=workspace_id, window_hours=window_hours, limit=limit)["keywords"]


def relevant_trends(text: str, ranked: list[dict], *, limit: int = 5) -> list[dict]:
    """The ranked trends that share a word with the keywords of ``text`` (a brief, a brand's
    description), in ranking order: a sugar-free trend has nothing to say about earphones."""
    words = {word.casefold() for keyword in keywords(text, limit=200) for word in keyword.split()}
    return [row for row in ranked if words & {word.casefold() for word in row["keyword"].split()}][:limit]


def trend_sources(workspace_id: int) -> dict:
    """How many feeds the workspace follows and items it holds: to say why there are no trends."""
    return {
        "feeds": Feed.objects.filter(workspace_id=workspace_id).count(),
        "items": FeedItem.objects.filter(workspace_id=workspace_id).count(),
    }
