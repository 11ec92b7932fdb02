"""The calendar admin: entries of the staff member's workspaces, written through the services."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from contentcalendar.models import CalendarEntry, EntryStatus
from contentcalendar.tests.factories import CalendarEntryFactory
from sparklio.core.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contentcalendar_calendarentry_changelist")


def staff_in(workspace, role="editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="contentcalendar"))
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def test_the_list_shows_only_the_users_workspaces(client, workspace, other_workspace):
    CalendarEntryFactory(workspace=workspace, title="우리 설날 인사")
    hidden = CalendarEntryFactory(workspace=other_workspace, title="남의 계획")
    client.force_login(staff_in(workspace))
    page = client.get(CHANGELIST).content.decode()
    assert "우리 설날 인사" in page and "남의 계획" not in page
    assert client.get(reverse("admin:contentcalendar_calendarentry_change", args=[hidden.pk])).status_code in (
        302,
        403,
        404,
    )


def test_an_entry_is_added_and_scheduled_through_the_services(client, workspace):
    client.force_login(staff_in(workspace))
    response = client.post(
        reverse("admin:contentcalendar_calendarentry_add"),
        {
            "workspace": workspace.pk,
            "title": "빼빼로데이 이벤트",
            "channel": "kakao_feed",
            "publish_at_0": "2027-11-11",
            "publish_at_1": "11:00:00",
            "status": "draft",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = CalendarEntry.objects.get()
    assert entry.channel == "kakao_feed" and entry.publish_at.hour == 2  # 11:00 in Seoul is 02:00 UTC
    client.post(CHANGELIST, {"action": "schedule", "_selected_action": [entry.pk]})
    assert CalendarEntry.objects.get().status == EntryStatus.SCHEDULED


def test_viewers_cannot_add(client, workspace):
    client.force_login(staff_in(workspace, role="viewer"))
    assert client.get(reverse("admin:contentcalendar_calendarentry_add")).status_code == 403
