"""Feeds through the API against a loopback feed server: registration (which fetches once),
collection (new items, duplicates, recorded errors), the ranking's windows and growth, and
workspace isolation."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from conftest import client_for, member
from sparklio.celery import app
from sparklio.language.tests.trend_news import GENERIC, NEWS, REAL_TRENDS
from trends.models import CollectStatus, Feed, FeedItem, Mention
from trends.tests.feedserver import Item, Page, atom, rss

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/trends/feeds/"
TRENDS = "/api/v1/trends/"


def now():
    return timezone.now()


def korean_items():
    return [
        Item("비건 화장품 브랜드 매출 급증", now() - timedelta(hours=2), guid="k1"),
        Item("전기차 배터리 시장 성장세", now() - timedelta(hours=5), guid="k2"),
        Item("비건 화장품, 20대 소비자들의 선택", now() - timedelta(days=1), guid="k3"),
    ]


def refusal(response, field: str) -> str:
    """The message of a 400 on ``field`` (the project's error envelope)."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body
    return str(body["errors"][field])


def register(client, workspace, url, **extra):
    return client.post(FEEDS, {"workspace": workspace.pk, "url": url, **extra}, format="json")


def test_registering_an_rss_feed_stores_it_with_the_items_of_the_first_fetch(owner_client, workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items(), title="뷰티 뉴스")))

    response = register(owner_client, workspace, url, name="뷰티")

    assert response.status_code == 201, response.data
    body = response.data
    assert body["kind"] == "rss" and body["title"] == "뷰티 뉴스" and body["name"] == "뷰티"
    collected = {"feed": body["id"], "name": "뷰티", "status": "ok", "new": 3, "duplicates": 0, "error": ""}
    assert body["collected"] == collected
    assert body["items"] == 3 and body["last_status"] == "ok"
    item = FeedItem.objects.get(guid="k1")
    assert item.language == "ko" and "비건 화장품" in item.keywords and "화장품" in item.keywords
    assert set(Mention.objects.filter(item=item).values_list("keyword", flat=True)) == set(item.keywords)


def test_an_atom_feed_is_read_too(owner_client, workspace, feed_server):
    items = [
        Item("Electric vehicle sales surge in Europe", now() - timedelta(hours=1), link="https://e.example/1"),
        Item("Generative AI tools reshape marketing", now() - timedelta(hours=3), link="https://e.example/2"),
    ]
    url = feed_server.serve("/en.atom", Page(atom(items), content_type="application/atom+xml"))

    response = register(owner_client, workspace, url)

    assert response.status_code == 201, response.data
    assert response.data["kind"] == "atom" and response.data["collected"]["new"] == 2
    item = FeedItem.objects.get(link="https://e.example/1")
    assert item.language == "en" and "electric vehicle" in item.keywords and "europe" in item.keywords


def test_collecting_again_counts_duplicates_and_stores_only_new_items(owner_client, workspace, feed_server):
    items = korean_items()
    url = feed_server.serve("/ko.xml", Page(rss(items)))
    feed_id = register(owner_client, workspace, url).data["id"]

    again = owner_client.post(f"{FEEDS}{feed_id}/collect/")
    assert again.status_code == 200
    assert (again.data["status"], again.data["new"], again.data["duplicates"]) == ("ok", 0, 3)

    # one more entry, and one without a guid known by its link
    items += [Item("숏폼 영상 마케팅 인기", now(), guid="k4"), Item("AI 광고", now(), link="https://k.example/5")]
    feed_server.serve("/ko.xml", Page(rss(items)))
    third = owner_client.post(f"{FEEDS}{feed_id}/collect/")
    assert (third.data["new"], third.data["duplicates"]) == (2, 3)
    assert FeedItem.objects.filter(feed_id=feed_id).count() == 5
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.last_new, feed.last_duplicates, feed.last_status) == (2, 3, CollectStatus.OK)


def test_a_failed_collection_is_recorded_on_the_feed_and_keeps_the_items(owner_client, workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    feed_id = register(owner_client, workspace, url).data["id"]
    feed_server.serve("/ko.xml", Page(b"<html><body>moved</body></html>", content_type="text/html"))

    response = owner_client.post(f"{FEEDS}{feed_id}/collect/")

    assert response.status_code == 200
    assert response.data["status"] == "failed" and "HTML" in response.data["error"]
    feed = Feed.objects.get(pk=feed_id)
    assert feed.last_status == CollectStatus.FAILED and "HTML" in feed.last_error
    assert FeedItem.objects.filter(feed=feed).count() == 3


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (Page(b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>", "text/html"), "HTML"),
        (Page(b'{"items": []}', "application/json"), "not"),
        (Page(b"gone", "text/plain", status=404), "404"),
    ],
)
def test_a_url_that_gives_no_feed_is_refused_on_url_and_nothing_is_stored(
    owner_client, workspace, feed_server, page, expected
):
    url = feed_server.serve("/bad", page)

    response = register(owner_client, workspace, url)

    assert expected in refusal(response, "url") and list(response.json()["errors"]) == ["url"]
    assert not Feed.objects.exists() and not FeedItem.objects.exists()


def test_a_feed_over_the_size_limit_is_refused(owner_client, workspace, feed_server):
    many = [Item(f"뉴스 제목 {n} 비건 화장품", now(), guid=f"g{n}") for n in range(200)]
    url = feed_server.serve("/huge.xml", Page(rss(many)))
    with override_settings(TREND_FEED_MAX_BYTES=2000):
        response = register(owner_client, workspace, url)

    assert "2000" in refusal(response, "url")
    assert not Feed.objects.exists()


def test_a_slow_feed_is_refused(owner_client, workspace, feed_server, settings):
    settings.OUTBOUND_TIMEOUT = 0.3
    url = feed_server.serve("/slow.xml", Page(rss(korean_items()), delay=1.5))

    response = register(owner_client, workspace, url)

    assert "too long" in refusal(response, "url")
    assert not Feed.objects.exists()


def test_a_private_address_is_refused_unless_allowed(owner_client, workspace, feed_server, settings):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    settings.OUTBOUND_ALLOW_PRIVATE = []

    response = register(owner_client, workspace, url)

    assert "private" in refusal(response, "url")
    assert feed_server.hits.get("/ko.xml") is None  # refused before any request
    assert not Feed.objects.exists()


def test_the_same_feed_twice_and_unknown_fields_are_refused(owner_client, workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    assert register(owner_client, workspace, url).status_code == 201

    twice = register(owner_client, workspace, url)
    assert "already" in refusal(twice, "url")
    unknown = register(owner_client, workspace, url + "?x", colour="red")
    assert refusal(unknown, "colour")
    scheme = register(owner_client, workspace, "ftp://example.com/feed")
    assert "http" in refusal(scheme, "url")
    assert Feed.objects.count() == 1


BROKEN_RSS = (
    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Broken</title>'
    b"<item><title>\xeb\xb9\x84\xea\xb1\xb4 \xed\x99\x94\xec\x9e\xa5\xed\x92\x88</b><guid>x1</guid></item>"
    b"</channel></rss>"
)


def test_a_malformed_feed_is_refused_on_url_naming_the_parse_problem(owner_client, workspace, feed_server):
    url = feed_server.serve("/broken.xml", Page(BROKEN_RSS))

    response = register(owner_client, workspace, url)

    message = refusal(response, "url")
    assert "well-formed" in message and "mismatched tag" in message
    assert not Feed.objects.exists() and not FeedItem.objects.exists()


def test_a_feed_cut_off_mid_document_fails_its_collection_and_keeps_the_items(owner_client, workspace, feed_server):
    items = korean_items()
    url = feed_server.serve("/ko.xml", Page(rss(items)))
    feed_id = register(owner_client, workspace, url).data["id"]
    whole = rss([*items, Item("숏폼 영상 마케팅 인기", now(), guid="k4")])
    feed_server.serve("/ko.xml", Page(whole[: len(whole) - 40]))

    response = owner_client.post(f"{FEEDS}{feed_id}/collect/")

    assert response.data["status"] == "failed" and "well-formed" in response.data["error"], response.data
    feed = Feed.objects.get(pk=feed_id)
    assert feed.last_status == CollectStatus.FAILED and "no element found" in feed.last_error
    assert FeedItem.objects.filter(feed=feed).count() == 3


def test_an_html_entity_in_a_feed_is_forgiven(owner_client, workspace, feed_server):
    body = rss(korean_items()).replace("비건 화장품 브랜드".encode(), "비건&nbsp;화장품 브랜드".encode())
    url = feed_server.serve("/nbsp.xml", Page(body))

    response = register(owner_client, workspace, url)

    assert response.status_code == 201, response.data
    assert response.data["collected"]["new"] == 3


def test_a_url_redirecting_to_a_followed_feed_is_refused(owner_client, workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    assert register(owner_client, workspace, url).status_code == 201
    moved = feed_server.redirect("/old-feed", url)

    response = register(owner_client, workspace, moved)

    assert "already follows" in refusal(response, "url")
    assert Feed.objects.count() == 1 and FeedItem.objects.count() == 3


def test_a_redirecting_feed_is_stored_at_its_final_url_and_the_final_url_is_then_refused(
    owner_client, workspace, feed_server
):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    moved = feed_server.redirect("/old-feed", url, status=301)

    response = register(owner_client, workspace, moved)

    assert response.status_code == 201 and response.data["url"] == url
    assert "already" in refusal(register(owner_client, workspace, url), "url")
    assert Feed.objects.count() == 1


def test_a_story_carried_by_two_feeds_counts_once(owner_client, workspace, feed_server):
    """The same entries (same links) from two feeds, and one entry whose guid is a URL under
    another link: each story once in the ranking, its items listed once."""
    shared = [
        Item("제로슈거 음료 인기", now() - timedelta(hours=1), guid="a1", link="https://news.example/zero"),
        Item("제로슈거 소주 출시", now() - timedelta(hours=2), guid="https://news.example/soju", link=None),
    ]
    mirror = [
        Item("제로슈거 음료 인기", now() - timedelta(hours=1), guid="b1", link="https://news.example/zero"),
        Item(
            "제로슈거 소주 출시",
            now() - timedelta(hours=2),
            guid="https://news.example/soju",
            link="https://m.news.example/soju",
        ),
        Item("제로슈거 아이스크림 등장", now() - timedelta(hours=3), guid="b3", link="https://other.example/ice"),
    ]
    for path, items in (("/a.xml", shared), ("/b.xml", mirror)):
        assert (
            register(owner_client, workspace, feed_server.serve(path, Page(rss(items, title=path)))).status_code == 201
        )
    assert FeedItem.objects.count() == 5

    body = owner_client.get(TRENDS, {"workspace": workspace.pk}).data
    row = next(row for row in body["keywords"] if row["keyword"] == "제로슈거")
    assert row["mentions"] == 3 and len(row["items"]) == 3
    assert len({item["title"] for item in row["items"]}) == 3
    assert body["items"] == 3


def test_a_feed_without_a_name_is_named_by_its_title(owner_client, workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items(), title="뷰티 뉴스")))

    response = register(owner_client, workspace, url)

    assert response.data["name"] == "뷰티 뉴스" == Feed.objects.get().name
    assert response.data["collected"]["name"] == "뷰티 뉴스"


def test_viewers_read_and_only_editors_add_collect_or_delete(workspace, feed_server):
    editor, viewer = client_for(member(workspace, "editor")), client_for(member(workspace, "viewer"))
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    assert register(viewer, workspace, url).status_code == 403
    feed_id = register(editor, workspace, url).data["id"]

    listed = viewer.get(FEEDS, {"workspace": workspace.pk})
    assert listed.status_code == 200 and [feed["id"] for feed in listed.data["results"]] == [feed_id]
    assert viewer.get(f"{FEEDS}{feed_id}/").data["items"] == 3
    assert viewer.post(f"{FEEDS}{feed_id}/collect/").status_code == 403
    assert viewer.delete(f"{FEEDS}{feed_id}/").status_code == 403
    assert viewer.get(TRENDS, {"workspace": workspace.pk}).status_code == 200

    assert editor.delete(f"{FEEDS}{feed_id}/").status_code == 204
    assert not FeedItem.objects.exists() and not Mention.objects.exists()


def test_another_workspace_sees_none_of_it(owner_client, workspace, other_workspace, feed_server):
    url = feed_server.serve("/ko.xml", Page(rss(korean_items())))
    feed_id = register(owner_client, workspace, url).data["id"]
    stranger = client_for(other_workspace.memberships.get().user)

    assert stranger.get(f"{FEEDS}{feed_id}/").status_code == 404
    assert stranger.post(f"{FEEDS}{feed_id}/collect/").status_code == 404
    assert stranger.delete(f"{FEEDS}{feed_id}/").status_code == 404
    assert stranger.get(FEEDS).data["results"] == []
    refused = stranger.get(TRENDS, {"workspace": workspace.pk})
    assert refusal(refused, "workspace")
    assert refusal(register(stranger, workspace, url), "workspace")
    own = stranger.get(TRENDS, {"workspace": other_workspace.pk}).data
    assert own["feeds"] == 0 and own["keywords"] == []
    assert Feed.objects.filter(pk=feed_id).exists()


def test_trends_rank_keywords_by_mentions_with_growth_against_the_previous_window(owner_client, workspace, feed_server):
    current, previous = now() - timedelta(hours=3), now() - timedelta(days=9)
    items = [
        # this week: 비건 화장품 ×3, 전기차 ×2 (new); the week before: 비건 화장품 ×1, 전기차 ×0
        Item("비건 화장품 인기", current, guid="a1"),
        Item("비건 화장품 매출", current - timedelta(hours=1), guid="a2"),
        Item("요즘 비건 화장품", current - timedelta(days=2), guid="a3"),
        Item("전기차 충전소", current - timedelta(days=1), guid="a4"),
        Item("전기차 보조금", current - timedelta(days=3), guid="a5"),
        Item("비건 화장품 출시", previous, guid="a6"),
        Item("수제 맥주 축제", previous - timedelta(days=1), guid="a7"),
        Item("아주 오래된 소식", now() - timedelta(days=40), guid="a8"),
    ]
    url = feed_server.serve("/ko.xml", Page(rss(items)))
    register(owner_client, workspace, url, name="뉴스")

    response = owner_client.get(TRENDS, {"workspace": workspace.pk})

    assert response.status_code == 200, response.data
    body = response.data
    assert body["window_hours"] == 168 and body["feeds"] == 1 and body["items"] == 5
    ranked = {row["keyword"]: row for row in body["keywords"]}
    first, second = body["keywords"][0], body["keywords"][1]
    assert (first["keyword"], first["mentions"], first["previous"]) == ("비건 화장품", 3, 1)
    assert first["growth"] == 1.0 and first["new"] is False  # (3 − 1) / (1 + 1)
    assert (second["keyword"], second["mentions"], second["previous"]) == ("전기차", 2, 0)
    assert second["growth"] == 2.0 and second["new"] is True  # (2 − 0) / (0 + 1)
    # "비건" and "화장품" say no more than "비건 화장품" (same counts): left out
    assert "비건" not in ranked and "화장품" not in ranked
    assert "수제 맥주" not in ranked  # only in the previous window
    assert [item["title"] for item in first["items"]] == ["비건 화장품 인기", "비건 화장품 매출", "요즘 비건 화장품"]
    assert first["items"][0]["feed"]["name"] == "뉴스" and first["items"][0]["link"] == ""

    short = owner_client.get(TRENDS, {"workspace": workspace.pk, "window_hours": 12, "limit": 1}).data
    assert short["items"] == 2 and len(short["keywords"]) == 1
    assert short["keywords"][0]["keyword"] == "비건 화장품" and short["keywords"][0]["mentions"] == 2


def test_a_week_of_real_news_ranks_its_trends_above_generic_words(owner_client, workspace, feed_server):
    items = [
        Item(title, now() - timedelta(hours=2 + n), guid=f"https://news.example/{n}", summary=summary)
        for n, (title, summary) in enumerate(NEWS)
    ]
    register(owner_client, workspace, feed_server.serve("/news.xml", Page(rss(items, title="News"))))

    body = owner_client.get(TRENDS, {"workspace": workspace.pk, "limit": 100}).data

    ranked = [row["keyword"] for row in body["keywords"]]
    assert set(ranked[:6]) >= REAL_TRENDS, ranked[:10]
    assert not GENERIC & set(ranked), sorted(GENERIC & set(ranked))


def test_a_keyword_in_most_of_the_windows_stories_ranks_after_the_others(owner_client, workspace, feed_server):
    """A camping feed says 캠핑 in every item: its subject, not a trend; 글램핑 is what rises."""
    items = [Item(f"캠핑 장비 {n}호 소식", now() - timedelta(hours=n + 1), guid=f"c{n}") for n in range(6)]
    items += [Item(f"캠핑 요리 {n}선", now() - timedelta(hours=n + 10), guid=f"r{n}") for n in range(2)]
    items += [Item(f"글램핑 열풍, 캠핑 인구 {n}만", now() - timedelta(hours=n + 20), guid=f"g{n}") for n in range(4)]
    register(owner_client, workspace, feed_server.serve("/camp.xml", Page(rss(items))))

    keywords = owner_client.get(TRENDS, {"workspace": workspace.pk}).data["keywords"]

    ranked = [row["keyword"] for row in keywords]
    assert ranked[-1] == "캠핑" and ranked[:2] == ["캠핑 장비", "글램핑"], ranked  # in 12 of 12 stories
    assert next(row for row in keywords if row["keyword"] == "캠핑")["mentions"] == 12


def test_trend_query_parameters_are_checked(owner_client, workspace):
    for params, field in [({"window_hours": 0}, "window_hours"), ({"limit": 1000}, "limit"), ({}, "workspace")]:
        query = {"workspace": workspace.pk, **params} if field != "workspace" else params
        assert refusal(owner_client.get(TRENDS, query), field)


def test_the_beat_collects_every_feed_on_its_schedule(owner_client, workspace, feed_server):
    entry = settings.CELERY_BEAT_SCHEDULE["collect-trend-feeds"]
    assert entry["task"] == "trends.collect_all"
    assert entry["schedule"] == timedelta(minutes=settings.TREND_COLLECT_MINUTES)
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery finds trends.tasks
    assert "trends.collect_all" in app.tasks and "trends.feed_collect" in app.tasks
    items = korean_items()
    url = feed_server.serve("/ko.xml", Page(rss(items)))
    feed_id = register(owner_client, workspace, url).data["id"]
    items.append(Item("새 소식 메타버스", now(), guid="k9"))
    feed_server.serve("/ko.xml", Page(rss(items)))

    queued = app.tasks["trends.collect_all"].delay().get()  # eager in tests

    assert queued == 1
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.last_new, feed.last_duplicates) == (1, 3)
