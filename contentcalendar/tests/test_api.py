import datetime as dt

import pytest
from icalendar import Calendar

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from contentcalendar.models import CalendarEntry, EntrySource, EntryStatus
from contentcalendar.planner import KST
from contentcalendar.tests.conftest import CONTENT
from contentcalendar.tests.factories import CalendarEntryFactory
from documents.services import document_create
from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

URL = "/api/v1/calendar/entries/"
PLAN = "/api/v1/calendar/plan/"
NEW = {"title": "설날 인사", "channel": "instagram_feed", "publish_at": "2027-02-07T09:00:00+09:00"}

pytestmark = pytest.mark.django_db


def errors(response) -> dict:
    return response.json()["errors"]


# --- entries ------------------------------------------------------------------------------------


def test_an_editor_creates_reads_changes_and_deletes_an_entry(workspace, document):
    client = client_for(member(workspace, "editor"))
    response = client.post(URL, {**NEW, "workspace": workspace.pk, "document": document.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["source"] == "manual" and body["document"] == document.pk
    assert body["publish_at"] == "2027-02-07T09:00:00+09:00"
    entry_url = f"{URL}{body['id']}/"
    changed = client.patch(entry_url, {"status": "scheduled", "title": "새해 인사"}, format="json")
    assert changed.status_code == 200 and changed.json()["status"] == "scheduled"
    assert client.get(entry_url).json()["title"] == "새해 인사"
    assert client.delete(entry_url).status_code == 204
    assert not CalendarEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channel": "tiktok"}, "channel"),
        ({"channel": ""}, "channel"),
        ({"status": "live"}, "status"),
        ({"publish_at": "2027-02-07T09:00:00"}, "publish_at"),  # no offset: which 9 o'clock?
        ({"publish_at": "tomorrow"}, "publish_at"),
        ({"publish_at": "2027-02-30T19:00:00+09:00"}, "publish_at"),  # well formed, no such day
        ({"title": ""}, "title"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(owner_client, workspace, change, field):
    response = owner_client.post(URL, {**NEW, "workspace": workspace.pk, **change}, format="json")
    assert response.status_code == 400
    assert field in errors(response)
    assert not CalendarEntry.objects.exists()


def test_an_unknown_channel_names_the_known_ones(owner_client, workspace):
    response = owner_client.post(URL, {**NEW, "workspace": workspace.pk, "channel": "tiktok"}, format="json")
    assert "instagram_feed" in errors(response)["channel"][0]


def test_a_document_of_another_workspace_is_refused(owner_client, workspace, user):
    # a second workspace of the same owner: the caller sees the document, but it is elsewhere
    elsewhere = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=elsewhere, user=user, role="owner")
    foreign = document_create(workspace=elsewhere, user=user, content=CONTENT, title="다른 곳")
    response = owner_client.post(URL, {**NEW, "workspace": workspace.pk, "document": foreign.pk}, format="json")
    assert response.status_code == 400 and "document" in errors(response)
    entry = CalendarEntryFactory(workspace=workspace)
    response = owner_client.patch(f"{URL}{entry.pk}/", {"document": foreign.pk}, format="json")
    assert response.status_code == 400 and "document" in errors(response)
    assert CalendarEntry.objects.get(pk=entry.pk).document_id is None


def test_a_document_of_a_stranger_workspace_is_not_found(owner_client, workspace, other_workspace):
    foreign = document_create(workspace=other_workspace, user=None, content=CONTENT)
    response = owner_client.post(URL, {**NEW, "workspace": workspace.pk, "document": foreign.pk}, format="json")
    assert response.status_code == 400 and "document" in errors(response)


def test_an_entry_does_not_move_to_another_workspace(owner_client, workspace, user):
    elsewhere = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=elsewhere, user=user, role="owner")
    entry = CalendarEntryFactory(workspace=workspace)
    response = owner_client.patch(f"{URL}{entry.pk}/", {"workspace": elsewhere.pk}, format="json")
    assert response.status_code == 400 and "workspace" in errors(response)


def test_viewers_read_but_do_not_write(workspace):
    entry = CalendarEntryFactory(workspace=workspace)
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(URL).json()["count"] == 1
    assert viewer.post(URL, {**NEW, "workspace": workspace.pk}, format="json").status_code == 403
    assert viewer.patch(f"{URL}{entry.pk}/", {"title": "x"}, format="json").status_code == 403
    assert viewer.delete(f"{URL}{entry.pk}/").status_code == 403
    assert CalendarEntry.objects.get(pk=entry.pk).title == entry.title


def test_another_workspace_sees_nothing_and_gets_404(workspace, other_workspace, owner_client):
    entry = CalendarEntryFactory(workspace=workspace)
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(URL).json()["count"] == 0
    assert stranger.get(f"{URL}{entry.pk}/").status_code == 404
    assert stranger.patch(f"{URL}{entry.pk}/", {"title": "x"}, format="json").status_code == 404
    assert stranger.delete(f"{URL}{entry.pk}/").status_code == 404
    response = stranger.post(URL, {**NEW, "workspace": workspace.pk}, format="json")
    assert response.status_code == 400 and "workspace" in errors(response)
    assert CalendarEntry.objects.count() == 1


def test_filters_by_status_channel_and_dates(owner_client, workspace):
    def at(day, hour=19):
        return dt.datetime(2027, 2, day, hour, tzinfo=KST)

    CalendarEntryFactory(workspace=workspace, publish_at=at(1), channel="naver_blog")
    CalendarEntryFactory(workspace=workspace, publish_at=at(10), status=EntryStatus.SCHEDULED)
    CalendarEntryFactory(workspace=workspace, publish_at=at(28, 23))

    def count(query):
        response = owner_client.get(f"{URL}?workspace={workspace.pk}&{query}")
        assert response.status_code == 200, response.json()
        return response.json()["count"]

    assert count("status=scheduled") == 1
    assert count("channel=naver_blog") == 1
    assert count("from=2027-02-02") == 2
    assert count("to=2027-02-10") == 2  # a date: through the end of that day
    assert count("from=2027-02-02&to=2027-02-28") == 2  # 23:00 on the 28th, Seoul time
    assert count("to=2027-02-10T19:00:00%2B09:00") == 1  # a time: up to, not including
    for bad in ["status=live", "channel=tiktok", "from=yesterday", "from=2027-02-30", "to=2027-02-10T19:00:00"]:
        response = owner_client.get(f"{URL}?{bad}")
        assert response.status_code == 400 and bad.split("=")[0] in errors(response), bad


def test_a_new_time_clears_the_reminder(owner_client, workspace):
    entry = CalendarEntryFactory(workspace=workspace, status=EntryStatus.SCHEDULED, reminded_at=dt.datetime.now(dt.UTC))
    response = owner_client.patch(f"{URL}{entry.pk}/", {"publish_at": "2027-03-02T19:00:00+09:00"}, format="json")
    assert response.status_code == 200 and response.json()["reminded_at"] is None


# --- plan ---------------------------------------------------------------------------------------


def test_a_plan_is_saved_as_drafts_with_holidays_in_korean(owner_client, workspace, brand):
    response = owner_client.post(
        PLAN,
        {
            "workspace": workspace.pk,
            "brand": brand.pk,
            "month": "2027-02",
            "brief": "인스타 피드와 카카오톡 채널",
            "trends": ["캠핑"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["saved"] and body["language"] == "ko"
    assert body["counts"] == {"instagram_feed": 12, "kakao_feed": 4}
    assert {"name": "설날", "date": "2027-02-07", "kind": "greeting"} in body["occasions"]
    assert body["quiet_days"] == ["2027-02-06", "2027-02-07", "2027-02-08"]
    stored = CalendarEntry.objects.filter(workspace=workspace)
    assert stored.count() == 16 == len(body["entries"])
    assert all(
        e.status == EntryStatus.DRAFT and e.source == EntrySource.PLAN and e.brand_id == brand.pk for e in stored
    )
    assert stored.filter(title__contains="설날").count() == 2  # a greeting on each channel
    assert stored.filter(title__contains="캠핑").exists()
    assert all(entry["id"] for entry in body["entries"])


def test_planning_a_month_twice_does_not_double_it(owner_client, workspace, brand):
    payload = {"brand": brand.pk, "month": "2027-11", "cadence": {"kakao_feed": 1}}
    first = owner_client.post(PLAN, payload, format="json").json()
    assert len(first["entries"]) == 4
    again = owner_client.post(PLAN, payload, format="json")
    assert again.status_code == 201 and again.json()["entries"] == []
    assert CalendarEntry.objects.count() == 4


def test_a_preview_stores_nothing_and_viewers_may_ask_for_one(workspace, brand):
    viewer = client_for(member(workspace, "viewer"))
    payload = {"brand": brand.pk, "month": "2027-11", "save": False, "trends": []}
    response = viewer.post(PLAN, payload, format="json")
    assert response.status_code == 200 and not response.json()["saved"]
    titles = [entry["title"] for entry in response.json()["entries"]]
    assert any("빼빼로데이" in t for t in titles) and any("블랙프라이데이" in t for t in titles)
    assert all(entry["id"] is None for entry in response.json()["entries"])
    assert not CalendarEntry.objects.exists()
    assert viewer.post(PLAN, {**payload, "save": True}, format="json").status_code == 403


@pytest.mark.parametrize("month", ["2027-13", "2027-1x", "Jan", "2027-00", 202701, "9999-12", "0000-01", "1900-02"])
def test_a_month_that_does_not_exist_is_a_400_on_month(owner_client, brand, month):
    response = owner_client.post(PLAN, {"brand": brand.pk, "month": month}, format="json")
    assert response.status_code == 400 and "month" in errors(response)
    assert not CalendarEntry.objects.exists()


def test_plan_refuses_unknown_channels_in_cadence_and_foreign_brands(owner_client, workspace, other_workspace, brand):
    response = owner_client.post(PLAN, {"brand": brand.pk, "month": "2027-02", "cadence": {"tiktok": 3}}, format="json")
    assert response.status_code == 400 and "cadence.tiktok" in errors(response)
    response = owner_client.post(
        PLAN, {"brand": brand.pk, "month": "2027-02", "cadence": {"naver_blog": 9}}, format="json"
    )
    assert response.status_code == 400 and "cadence.naver_blog" in errors(response)
    foreign = BrandKitFactory(workspace=other_workspace)
    response = owner_client.post(PLAN, {"brand": foreign.pk, "month": "2027-02"}, format="json")
    assert response.status_code == 400 and "brand" in errors(response)
    assert not CalendarEntry.objects.exists()


def test_an_english_brief_plans_in_english(owner_client, brand):
    response = owner_client.post(
        PLAN, {"brand": brand.pk, "month": "2027-09", "brief": "Instagram posts for our X1 earbuds"}, format="json"
    )
    body = response.json()
    assert body["language"] == "en" and body["counts"] == {"instagram_feed": 13}
    assert any("Chuseok" in entry["title"] for entry in body["entries"])


def test_with_no_channels_named_the_defaults_are_planned(owner_client, brand):
    body = owner_client.post(PLAN, {"brand": brand.pk, "month": "2027-09"}, format="json").json()
    assert set(body["counts"]) == {"instagram_feed", "instagram_story", "naver_blog", "kakao_feed"}


def test_the_brands_designs_choose_its_channels(owner_client, workspace, user, brand):
    document_create(workspace=workspace, user=user, content={**CONTENT, "channel": "naver_blog"}, brand=brand)
    body = owner_client.post(PLAN, {"brand": brand.pk, "month": "2027-09"}, format="json").json()
    assert body["counts"] == {"naver_blog": 9}


# --- iCalendar ----------------------------------------------------------------------------------


def test_the_ics_export_parses_back_with_every_entry(owner_client, workspace, brand, document, other_workspace):
    owner_client.post(PLAN, {"brand": brand.pk, "month": "2027-02", "cadence": {"kakao_feed": 1}}, format="json")
    linked = CalendarEntryFactory(
        workspace=workspace, document=document, status=EntryStatus.SCHEDULED, title="설날 카드"
    )
    CalendarEntryFactory(workspace=other_workspace, title="남의 것")
    response = owner_client.get(f"/api/v1/calendar.ics?workspace={workspace.pk}", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    entries = CalendarEntry.objects.filter(workspace=workspace)
    assert len(events) == entries.count() == 5
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == 5
    for entry in entries:
        event = by_uid[f"calendar-entry-{entry.pk}@sparklio"]
        start = event.decoded("DTSTART")
        assert start == entry.publish_at and start.utcoffset() == dt.timedelta(0)
        assert str(event["SUMMARY"]) == entry.title
        assert entry.channel in str(event["DESCRIPTION"]) and entry.status in str(event["DESCRIPTION"])
    linked_event = by_uid[f"calendar-entry-{linked.pk}@sparklio"]
    assert f"/api/v1/documents/{document.pk}/" in str(linked_event["DESCRIPTION"])
    assert str(linked_event["STATUS"]) == "CONFIRMED"
    assert "남의 것" not in response.content.decode()


def test_the_ics_export_is_for_members_only(api_client, workspace, other_workspace):
    CalendarEntryFactory(workspace=workspace)
    assert api_client.get(f"/api/v1/calendar.ics?workspace={workspace.pk}").status_code == 401
    stranger = client_for(member(other_workspace, "owner"))
    response = stranger.get(f"/api/v1/calendar.ics?workspace={workspace.pk}", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 400 and "workspace" in errors(response)


def test_the_ics_export_defaults_to_the_only_workspace(owner_client, workspace):
    CalendarEntryFactory(workspace=workspace)
    response = owner_client.get("/api/v1/calendar.ics")
    assert response.status_code == 200 and len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


def test_the_list_costs_the_same_queries_for_one_entry_or_many(owner_client, workspace, document):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CalendarEntryFactory(workspace=workspace, document=document)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(f"{URL}?workspace={workspace.pk}").status_code == 200
        return len(captured)

    queries()  # the first request also reads the token and the roles into the cache
    one = queries()
    CalendarEntryFactory.create_batch(5, workspace=workspace, document=document)
    assert queries() == one


def test_a_plan_that_names_no_trends_takes_the_workspaces_own(owner_client, workspace, brand):
    """The trends the workspace's feeds show (trends/selectors.py) reach the plan."""
    from django.utils import timezone

    from trends.models import Mention
    from trends.tests.factories import FeedFactory, FeedItemFactory

    feed = FeedFactory(workspace=workspace)
    for hours in (1, 5, 9):
        item = FeedItemFactory(feed=feed, published=timezone.now() - dt.timedelta(hours=hours))
        Mention.objects.create(workspace=workspace, item=item, keyword="글램핑", published=item.published)
        Mention.objects.create(workspace=workspace, item=item, keyword="제로슈거", published=item.published)
    payload = {
        "brand": brand.pk,
        "month": "2027-11",
        "brief": "캠핑 의자 신제품, 글램핑 감성으로",
        "save": False,
        "cadence": {"instagram_feed": 3},
    }
    titles = [entry["title"] for entry in owner_client.post(PLAN, payload, format="json").json()["entries"]]
    assert any("글램핑" in title for title in titles), titles
    # a trend the brief and the brand do not touch is no post of theirs
    assert not any("제로슈거" in title for title in titles), titles
    # another workspace's trends stay there
    FeedItemFactory.reset_sequence(1000)
    other = FeedFactory()
    item = FeedItemFactory(feed=other)
    Mention.objects.create(workspace=other.workspace, item=item, keyword="서핑", published=item.published)
    titles = [entry["title"] for entry in owner_client.post(PLAN, payload, format="json").json()["entries"]]
    assert not any("서핑" in title for title in titles)
