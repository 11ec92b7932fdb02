import datetime as dt

import pytest
from django.utils import timezone

from contentcalendar import services, tasks
from contentcalendar.models import CalendarEntry, EntryStatus
from contentcalendar.tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def reminders(events) -> list[dict]:
    return [e for e in events() if e["type"] == "calendar.reminder"]


def test_a_scheduled_entry_is_reminded_once_and_not_twice(
    workspace, workspace_events, settings, django_capture_on_commit_callbacks
):
    settings.CALENDAR_REMINDER_MINUTES = 60
    now = timezone.now()
    due = CalendarEntryFactory(
        workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(minutes=45)
    )
    CalendarEntryFactory(workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(hours=3))
    CalendarEntryFactory(workspace=workspace, status=EntryStatus.DRAFT, publish_at=now + dt.timedelta(minutes=10))
    CalendarEntryFactory(workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now - dt.timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.entries_remind.delay().get() == 1
    sent = reminders(workspace_events)
    assert [(e["entry"], e["channel"], e["title"]) for e in sent] == [(due.pk, due.channel, due.title)]
    assert 44 <= sent[0]["minutes_before"] <= 45
    assert CalendarEntry.objects.get(pk=due.pk).reminded_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.entries_remind.delay().get() == 0
    assert reminders(workspace_events) == []


def test_the_window_follows_the_setting(workspace, workspace_events, settings, django_capture_on_commit_callbacks):
    settings.CALENDAR_REMINDER_MINUTES = 10
    now = timezone.now()
    CalendarEntryFactory(workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.entries_remind(now=now) == 0
        assert services.entries_remind(now=now + dt.timedelta(minutes=21)) == 1
    assert len(reminders(workspace_events)) == 1


def test_a_rescheduled_entry_is_reminded_again(workspace, workspace_events, django_capture_on_commit_callbacks):
    now = timezone.now()
    entry = CalendarEntryFactory(
        workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.entries_remind(now=now)
        services.entry_update(entry=entry, changes={"publish_at": now + dt.timedelta(minutes=50)})
        assert services.entries_remind(now=now) == 1
    assert len(reminders(workspace_events)) == 2


def test_reminders_go_only_to_the_entrys_workspace(
    workspace, other_workspace, workspace_events, django_capture_on_commit_callbacks
):
    now = timezone.now()
    CalendarEntryFactory(
        workspace=other_workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.entries_remind(now=now) == 1
    assert reminders(workspace_events) == []


def test_the_beat_schedule_runs_the_reminders(settings):
    from sparklio.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["calendar-reminders"]
    assert entry["task"] == "contentcalendar.entries_remind" and entry["task"] in app.tasks


@pytest.mark.django_db(transaction=True)
def test_an_entry_another_run_holds_is_skipped_not_waited_for(workspace):
    """Two beats (or a slow run and the next minute's) never remind one entry twice: the row a
    run has locked is skipped by the other, which does not wait for it."""
    import threading

    from django.db import connection, transaction

    now = timezone.now()
    entry = CalendarEntryFactory(
        workspace=workspace, status=EntryStatus.SCHEDULED, publish_at=now + dt.timedelta(minutes=30)
    )
    locked, release = threading.Event(), threading.Event()

    def other_run():
        try:
            with transaction.atomic():
                CalendarEntry.objects.select_for_update().get(pk=entry.pk)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=other_run)
    holder.start()
    try:
        assert locked.wait(30)
        assert services.entries_remind(now=now) == 0
    finally:
        release.set()
        holder.join()
    assert services.entries_remind(now=now) == 1
    assert services.entries_remind(now=now) == 0
