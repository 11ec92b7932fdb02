"""The calendar as iCalendar (RFC 5545), for calendar apps: one VEVENT per entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from contentcalendar.models import CalendarEntry, EntryStatus
from documents.schema import CHANNEL_PRESETS

PRODID = "-//Sparklio//Content calendar//KO"
UID_DOMAIN = "sparklio"
EVENT_MINUTES = 30  # a post is a moment; calendar apps show it as a short block
# drafts are pencilled in; scheduled and published posts are set
ICS_STATUS = {EntryStatus.DRAFT: "TENTATIVE", EntryStatus.SCHEDULED: "CONFIRMED", EntryStatus.PUBLISHED: "CONFIRMED"}
STATUS_KO = {EntryStatus.DRAFT: "초안", EntryStatus.SCHEDULED: "예약됨", EntryStatus.PUBLISHED: "게시됨"}


def entry_uid(entry: CalendarEntry) -> str:
    """Stable across exports, so a subscribed calendar updates an event instead of adding one."""
    return f"calendar-entry-{entry.pk}@{UID_DOMAIN}"


def calendar_ics(
    entries: Iterable[CalendarEntry], *, name: str, document_url: Callable[[int], str], now: dt.datetime
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entry in entries:
        start = entry.publish_at.astimezone(dt.UTC)
        preset = CHANNEL_PRESETS.get(entry.channel)
        lines = [
            f"채널 (channel): {preset.label if preset else entry.channel} ({entry.channel})",
            f"상태 (status): {STATUS_KO.get(entry.status, entry.status)} ({entry.status})",
        ]
        if entry.document_id:
            lines.append(f"문서 (document): {document_url(entry.document_id)}")
        if entry.occasion.get("name"):
            lines.append(f"계기 (occasion): {entry.occasion['name']}")
        if entry.notes:
            lines.append(entry.notes)
        event = Event()
        event.add("uid", entry_uid(entry))
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("last-modified", entry.updated_at.astimezone(dt.UTC))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
        event.add("summary", entry.title)
        event.add("description", "\n".join(lines))
        event.add("categories", [entry.channel])
        event.add("status", ICS_STATUS.get(entry.status, "TENTATIVE"))
        if entry.document_id:
            event.add("url", document_url(entry.document_id))
        cal.add_component(event)
    return cal.to_ical()
