"""The trend collector agent through the agents API, and the strategist drawing on the
workspace's trends (feeds served by a loopback server, through the real outbound fetcher)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agents.base import AgentContext
from agents.registry import get_agent
from conftest import client_for, member
from trends import services as trends
from trends.tests.feedserver import FeedServer, Item, Page, rss

pytestmark = pytest.mark.django_db

RUNS = "/api/v1/agents/trend_collector/runs/"


@pytest.fixture
def feed_server(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]
    server = FeedServer()
    yield server
    server.close()


def items(*titles: str) -> list[Item]:
    now = timezone.now()
    return [Item(title, now - timedelta(hours=n + 1), guid=f"t{n}") for n, title in enumerate(titles)]


def follow(workspace, server, path, titles):
    url = server.serve(path, Page(rss(items(*titles))))
    feed, _ = trends.feed_create(workspace=workspace, url=url, name=path.strip("/"), created_by=None)
    return feed


def run_through_api(client, django_capture_on_commit_callbacks, body) -> dict:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUNS, body, format="json")
    assert response.status_code == 202, response.content
    return client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()


def test_the_collector_collects_every_feed_of_the_workspace_through_the_api(
    owner_client, workspace, feed_server, django_capture_on_commit_callbacks
):
    first = follow(workspace, feed_server, "/a.xml", ["비건 화장품 인기", "전기차 충전"])
    follow(workspace, feed_server, "/b.xml", ["AI marketing tools"])
    feed_server.serve("/a.xml", Page(rss(items("비건 화장품 인기", "전기차 충전", "숏폼 영상 광고"))))
    feed_server.serve("/b.xml", Page(b"<html>gone</html>", content_type="text/html"))

    run = run_through_api(owner_client, django_capture_on_commit_callbacks, {"workspace": workspace.pk, "input": {}})

    assert run["status"] == "succeeded", run
    output = run["output"]
    assert (output["feeds"], output["new"], output["duplicates"], output["failed"]) == (2, 1, 2, 1)
    by_feed = {result["feed"]: result for result in output["results"]}
    assert by_feed[first.pk]["status"] == "ok" and by_feed[first.pk]["new"] == 1

    one = run_through_api(
        owner_client, django_capture_on_commit_callbacks, {"workspace": workspace.pk, "input": {"feed": first.pk}}
    )
    assert one["output"]["feeds"] == 1 and one["output"]["duplicates"] == 3


def test_the_collector_refuses_another_workspace_feed_and_bad_input(
    owner_client, workspace, other_workspace, feed_server, django_capture_on_commit_callbacks
):
    theirs = follow(other_workspace, feed_server, "/theirs.xml", ["비건 화장품"])
    run = run_through_api(
        owner_client, django_capture_on_commit_callbacks, {"workspace": workspace.pk, "input": {"feed": theirs.pk}}
    )
    assert run["status"] == "failed" and f"No trend feed #{theirs.pk}" in run["error"]
    bad = owner_client.post(RUNS, {"workspace": workspace.pk, "input": {"feed": "all", "x": 1}}, format="json")
    assert bad.status_code == 400
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.post(RUNS, {"workspace": workspace.pk, "input": {}}, format="json").status_code == 403


def test_the_strategist_names_the_trends_its_brief_touches(workspace, feed_server):
    follow(
        workspace,
        feed_server,
        "/beauty.xml",
        ["비건 화장품 매출 급증", "비건 화장품 20대 인기", "비건 화장품 브랜드 성장", "전기차 보조금 확대"],
    )
    strategist = get_agent("strategist")
    ctx = AgentContext(workspace_id=workspace.pk)

    out = strategist.run(strategist.Input(brief="비건 화장품 브랜드 '그린밤' 인스타그램 광고, 20대 여성 타깃"), ctx)

    assert out.trends and out.trends[0].keyword == "비건 화장품" and out.trends[0].mentions == 3
    assert out.trends[0].items[0]["title"].startswith("비건 화장품")
    assert all("전기차" not in trend.keyword for trend in out.trends)
    assert any(note.startswith("브리프와 관련된 현재 트렌드: 비건 화장품 (3건") for note in ctx.notes)
    assert any("비건 화장품" in action.title and "트렌드" in action.title for action in out.actions)


def test_the_strategist_mentions_unrelated_trends_only_in_its_notes_and_nothing_without_feeds(workspace, feed_server):
    strategist = get_agent("strategist")
    brief = "Facebook ad for Glow Serum, women in their 30s, brightening"
    quiet = AgentContext(workspace_id=workspace.pk)
    assert strategist.run(strategist.Input(brief=brief), quiet).trends == []
    assert not any("trend" in note.lower() for note in quiet.notes)

    follow(workspace, feed_server, "/ev.xml", ["Electric vehicle sales surge", "Electric vehicle charging"])
    ctx = AgentContext(workspace_id=workspace.pk)
    out = strategist.run(strategist.Input(brief=brief), ctx)
    assert out.trends == []
    expected = "Current trends (none touches the brief directly): electric vehicle"
    assert any(note.startswith(expected) for note in ctx.notes)
