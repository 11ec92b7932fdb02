"""The trends admin: feeds with their state, collected now or deleted through the services, and
items read only, within the user's workspaces."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from trends import services
from trends.models import Feed, FeedItem, Mention
from trends.tests.factories import FeedFactory
from trends.tests.feedserver import Item, Page, rss

pytestmark = pytest.mark.django_db

FEEDS = reverse("admin:trends_feed_changelist")


def staff_in(workspace, role="editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="trends"))
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def test_collect_now_and_delete_go_through_the_services(client, workspace, feed_server):
    stories = [Item("비건 화장품 인기", timezone.now() - timedelta(hours=1), guid="s1")]
    url = feed_server.serve("/a.xml", Page(rss(stories)))
    feed, _ = services.feed_create(workspace=workspace, url=url, name="뷰티 뉴스", created_by=None)
    FeedFactory(workspace=WorkspaceFactory(), name="Other workspace's feed")
    stories.append(Item("전기차 충전", timezone.now(), guid="s2"))
    feed_server.serve("/a.xml", Page(rss(stories)))
    client.force_login(staff_in(workspace))

    page = client.get(FEEDS).content.decode()
    assert "뷰티 뉴스" in page and "Other workspace" not in page

    response = client.post(FEEDS, {"action": "collect_now", "_selected_action": [feed.pk]}, follow=True)
    assert "1 feed collected." in response.content.decode()
    feed.refresh_from_db()
    assert (feed.last_new, feed.last_duplicates) == (1, 1)

    item = FeedItem.objects.get(guid="s1")
    item_page = client.get(reverse("admin:trends_feeditem_change", args=[item.pk])).content.decode()
    assert "비건 화장품" in item_page
    assert client.get(reverse("admin:trends_feeditem_change", args=[item.pk])).context["has_change_permission"] is False

    confirmed = {"action": "delete_selected", "_selected_action": [feed.pk], "post": "yes"}
    client.post(FEEDS, confirmed, follow=True)
    assert not Feed.objects.filter(workspace=workspace).exists()
    assert not FeedItem.objects.exists() and not Mention.objects.exists()


def test_a_viewer_cannot_collect(client, workspace):
    feed = FeedFactory(workspace=workspace)
    client.force_login(staff_in(workspace, role="viewer"))

    response = client.post(FEEDS, {"action": "collect_now", "_selected_action": [feed.pk]}, follow=True)

    assert response.status_code in (200, 403)
    feed.refresh_from_db()
    assert feed.last_collected_at is None
