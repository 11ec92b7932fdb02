"""Reads of the content calendar, already limited to what the caller may see."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from django.db.models import Q, QuerySet

from brands.models import BrandKit
from contentcalendar.models import CalendarEntry
from contentcalendar.planner import KST
from documents.models import Document
from documents.schema import CHANNEL_PRESETS
from trends.selectors import relevant_trends, trend_top

# ranked trends looked through for the ones a plan's brand or brief touches
TREND_CANDIDATES = 30

BRAND_CHANNELS_MAX = 4  # the brand's most used channels planned when nothing names any


def entry_list() -> QuerySet[CalendarEntry]:
    return CalendarEntry.objects.all()


def entries_for_export(*, workspace_id: int) -> QuerySet[CalendarEntry]:
    return CalendarEntry.objects.filter(workspace_id=workspace_id).order_by("publish_at", "id")


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The month's first and last instants, in Korean time (the calendar's days are Seoul's)."""
    start = dt.datetime(year, month, 1, tzinfo=KST)
    return start, start + dt.timedelta(days=calendar.monthrange(year, month)[1])


def taken_days(*, workspace_id: int, brand_id: int, year: int, month: int) -> dict[str, set[dt.date]]:
    """Per channel, the days of the month the brand (or the workspace, for entries with no
    brand) already has an entry."""
    start, end = month_bounds(year, month)
    taken: dict[str, set[dt.date]] = {}
    rows = CalendarEntry.objects.filter(
        Q(brand_id=brand_id) | Q(brand__isnull=True),
        workspace_id=workspace_id,
        publish_at__gte=start,
        publish_at__lt=end,
    ).values_list("channel", "publish_at")
    for channel, publish_at in rows:
        taken.setdefault(channel, set()).add(publish_at.astimezone(KST).date())
    return taken


def brand_channels(*, brand_id: int) -> list[str]:
    """The channels the brand's designs were made for, most used first."""
    used = Counter(
        channel
        for channel in Document.objects.filter(brand_id=brand_id).exclude(channel="").values_list("channel", flat=True)
        if channel in CHANNEL_PRESETS
    )
    return [channel for channel, _count in used.most_common(BRAND_CHANNELS_MAX)]


def trend_keywords(*, workspace_id: int, brand: BrandKit, brief: str = "") -> list[str]:
    """The workspace's current trend keywords (trends/selectors.py) that touch the brief or the
    brand (its name, description and audience), for plans whose request names none: a plan for
    earphones takes no sugar-free trend. A workspace that follows no feed has none."""
    about = "\n".join([brief, brand.name, brand.description, brand.target_audience])
    return [row["keyword"] for row in relevant_trends(about, trend_top(workspace_id, limit=TREND_CANDIDATES))]
