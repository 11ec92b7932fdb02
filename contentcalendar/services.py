"""Every write of the content calendar: entries by hand, a month planned, reminders sent."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from contentcalendar import planner, selectors
from contentcalendar.models import CalendarEntry, EntrySource, EntryStatus
from documents.models import Document
from documents.schema import CHANNEL_PRESETS
from sparklio.core.events import workspace_event
from sparklio.core.models import User, Workspace
from sparklio.language.brief import brief_parse

logger = logging.getLogger(__name__)

EDITABLE = ("title", "channel", "publish_at", "document", "status", "brand", "notes")
REMINDER_BATCH = 500  # entries reminded per run; the next minute's run takes the rest


def channel_check(channel: str) -> str:
    if channel not in CHANNEL_PRESETS:
        raise ValidationError(
            {
                "channel": [
                    _("Unknown channel %(channel)r; one of: %(known)s.")
                    % {"channel": channel, "known": ", ".join(CHANNEL_PRESETS)}
                ]
            }
        )
    return channel


def _check_links(*, workspace_id: int, document: Document | None, brand: BrandKit | None) -> None:
    if document is not None and document.workspace_id != workspace_id:
        raise ValidationError({"document": [_("No document %(id)s in this workspace.") % {"id": document.pk}]})
    if brand is not None and brand.workspace_id != workspace_id:
        raise ValidationError({"brand": [_("No brand kit %(id)s in this workspace.") % {"id": brand.pk}]})


def _check_time(publish_at: dt.datetime) -> None:
    if timezone.is_naive(publish_at):
        raise ValidationError({"publish_at": [_("Give the time with its offset, e.g. 2027-02-07T09:00:00+09:00.")]})


def entry_create(
    *,
    workspace: Workspace,
    user: User | None,
    title: str,
    channel: str,
    publish_at: dt.datetime,
    status: str = EntryStatus.DRAFT,
    document: Document | None = None,
    brand: BrandKit | None = None,
    notes: str = "",
) -> CalendarEntry:
    channel_check(channel)
    _check_time(publish_at)
    _check_links(workspace_id=workspace.pk, document=document, brand=brand)
    entry = CalendarEntry.objects.create(
        workspace=workspace,
        brand=brand,
        title=title,
        channel=channel,
        publish_at=publish_at,
        status=status,
        document=document,
        notes=notes,
        created_by=user,
    )
    _changed(entry, "created")
    return entry


@transaction.atomic
def entry_update(*, entry: CalendarEntry, changes: dict) -> CalendarEntry:
    """Change the fields of ``changes`` (only those of EDITABLE). A new time or status means a
    new reminder: ``reminded_at`` is cleared."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    entry = CalendarEntry.objects.select_for_update().get(pk=entry.pk)
    if "channel" in changes:
        channel_check(changes["channel"])
    if "publish_at" in changes:
        _check_time(changes["publish_at"])
    _check_links(workspace_id=entry.workspace_id, document=changes.get("document"), brand=changes.get("brand"))
    fields = []
    for name, value in changes.items():
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            fields.append(name)
    if not fields:
        return entry
    if {"publish_at", "status"} & set(fields) and entry.reminded_at is not None:
        entry.reminded_at = None
        fields.append("reminded_at")
    entry.save(update_fields=[*fields, "updated_at"])
    _changed(entry, "updated")
    return entry


def entry_delete(*, entry: CalendarEntry) -> None:
    workspace_id, pk = entry.workspace_id, entry.pk
    entry.delete()
    workspace_event(workspace_id=workspace_id, event={"type": "calendar.entry", "action": "deleted", "entry": pk})


def _changed(entry: CalendarEntry, action: str) -> None:
    workspace_event(
        workspace_id=entry.workspace_id,
        event={"type": "calendar.entry", "action": action, "entry": entry.pk, "status": entry.status},
    )


# --- planning ---------------------------------------------------------------------------------


@dataclass
class PlanResult:
    plan: planner.Plan
    cadence: dict[str, float]  # posts per week, per channel planned
    trends: list[str]
    entries: list[CalendarEntry]  # saved (with ids) or not (save=False)
    saved: bool


def month_check(month: str) -> tuple[int, int]:
    try:
        return planner.parse_month(month)
    except ValueError as exc:
        raise ValidationError(
            {"month": [_("Not a month: %(month)r (%(why)s).") % {"month": month, "why": exc}]}
        ) from exc


def cadence_check(cadence: dict | None) -> dict[str, float] | None:
    if cadence is None:
        return None
    if not isinstance(cadence, dict) or not cadence:
        raise ValidationError({"cadence": [_('An object of channel → posts per week, e.g. {"instagram_feed": 3}.')]})
    for channel, per_week in cadence.items():
        if channel not in CHANNEL_PRESETS:
            raise ValidationError(
                {
                    "cadence": {
                        channel: [_("Unknown channel; one of: %(known)s.") % {"known": ", ".join(CHANNEL_PRESETS)}]
                    }
                }
            )
        if (
            isinstance(per_week, bool)
            or not isinstance(per_week, (int, float))
            or not 0 < per_week <= planner.MAX_PER_WEEK
        ):
            raise ValidationError({"cadence": {channel: [_("Posts per week: more than 0, at most 7 (one a day).")]}})
    return {channel: float(per_week) for channel, per_week in cadence.items()}


def plan_cadence(*, brand: BrandKit, brief_channels: list[str], cadence: dict[str, float] | None) -> dict[str, float]:
    """Which channels the month is planned for, and how often each posts: the request's
    ``cadence``; else the channels the brief names; else those the brand's designs were made for;
    else DEFAULT_CHANNELS, each at its DEFAULT_CADENCE."""
    if cadence:
        return cadence
    channels = brief_channels or selectors.brand_channels(brand_id=brand.pk) or list(planner.DEFAULT_CHANNELS)
    return {channel: planner.DEFAULT_CADENCE.get(channel, 1) for channel in channels}


def calendar_plan(
    *,
    workspace: Workspace,
    brand: BrandKit,
    month: str,
    trend_keywords: list[str],
    brief: str = "",
    cadence: dict | None = None,
    user: User | None = None,
    save: bool = True,
) -> PlanResult:
    """Propose the month's entries for the brand and, unless ``save`` is False, store them as
    drafts (``source="plan"``) in one transaction, so the studio can edit them. Entries the brand
    already has that month count against the cadence and keep their days: planning twice does not
    double the month. The brand row is locked while planning, so two plans of one brand do not
    both fill the same slots."""
    year, number = month_check(month)
    if brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [_("No brand kit %(id)s in this workspace.") % {"id": brand.pk}]})
    cadence = cadence_check(cadence)
    parsed = brief_parse(brief) if brief and brief.strip() else None
    language = parsed.language if parsed else (brand.language or "ko")
    product = (parsed.product if parsed else None) or brand.name
    cadence = plan_cadence(brand=brand, brief_channels=parsed.channels if parsed else [], cadence=cadence)
    with transaction.atomic():
        if save:
            BrandKit.objects.select_for_update().filter(pk=brand.pk).first()
        plan = planner.plan_month(
            year=year,
            month=number,
            language=language,
            cadence=cadence,
            product=product,
            brand_name=brand.name,
            trend_keywords=trend_keywords,
            taken=selectors.taken_days(workspace_id=workspace.pk, brand_id=brand.pk, year=year, month=number),
        )
        entries = [
            CalendarEntry(
                workspace=workspace,
                brand=brand,
                title=proposal.title[:200],
                channel=proposal.channel,
                publish_at=proposal.publish_at,
                status=EntryStatus.DRAFT,
                occasion=proposal.occasion,
                source=EntrySource.PLAN,
                created_by=user,
            )
            for proposal in plan.proposals
        ]
        if save and entries:
            entries = CalendarEntry.objects.bulk_create(entries)
            workspace_event(
                workspace_id=workspace.pk,
                event={
                    "type": "calendar.planned",
                    "month": month,
                    "brand": brand.pk,
                    "entries": [e.pk for e in entries],
                },
            )
    return PlanResult(plan=plan, cadence=cadence, trends=list(trend_keywords), entries=entries, saved=save)


# --- reminders --------------------------------------------------------------------------------


def entries_remind(*, now: dt.datetime | None = None) -> int:
    """Send a reminder on the workspace socket for each scheduled entry due within
    CALENDAR_REMINDER_MINUTES, once. Safe to run twice and from two workers at once: rows are
    locked (a row another run holds is skipped, not waited for) and ``reminded_at`` is set in the
    same transaction that sends, after commit, the event. An entry whose time has passed is not
    reminded (the reminder would arrive after the post)."""
    now = now or timezone.now()
    minutes = settings.CALENDAR_REMINDER_MINUTES
    with transaction.atomic():
        due = list(
            CalendarEntry.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=EntryStatus.SCHEDULED,
                reminded_at__isnull=True,
                publish_at__gt=now,
                publish_at__lte=now + dt.timedelta(minutes=minutes),
            )
            .order_by("publish_at")[:REMINDER_BATCH]
        )
        for entry in due:
            entry.reminded_at = now
            entry.save(update_fields=["reminded_at"])
            workspace_event(
                workspace_id=entry.workspace_id,
                event={
                    "type": "calendar.reminder",
                    "entry": entry.pk,
                    "title": entry.title,
                    "channel": entry.channel,
                    "publish_at": entry.publish_at.isoformat(),
                    "minutes_before": round((entry.publish_at - now).total_seconds() / 60),
                    "document": entry.document_id,
                },
            )
    if due:
        logger.info("calendar reminders sent for %d entries", len(due))
    return len(due)
