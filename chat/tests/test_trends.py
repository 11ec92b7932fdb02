"""Spark Chat answers "what's trending?" in Korean and English from the workspace's feeds,
ranked, and says plainly when there are no feeds or no recent items."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone

from chat import services
from chat.intents import detect_by_rules
from chat.models import ChatSession
from trends import services as trends
from trends.tests.feedserver import FeedServer, Item, Page, rss

pytestmark = pytest.mark.django_db(transaction=True)  # the reply runs on threads of its own


@pytest.fixture
def feed_server(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def session(workspace, user):
    return ChatSession.objects.create(workspace=workspace, created_by=user, title="trends")


def ask(session, user, text):
    message = services.message_add_user(session=session, user=user, content=text)

    async def ignore(event):
        pass

    answer = async_to_sync(services.respond)(
        session_id=session.pk, user_message_id=message.pk, provider="offline", document_id=None, emit=ignore
    )
    answer.refresh_from_db()
    return answer


@pytest.mark.parametrize(
    "text",
    [
        "요즘 뭐가 뜨고 있어?",
        "요즘 트렌드 좀 알려줘",
        "최근 인기 키워드가 뭐야?",
        "요즘 핫한 이슈 있어?",
        "what's trending?",
        "What are the trends this week?",
        "any hot topics lately?",
        "what's popular right now",
    ],
)
def test_trend_questions_are_the_trends_intent(text):
    assert detect_by_rules(text, has_document=False).name == "trends"


@pytest.mark.parametrize(
    "text", ["트렌디한 슬로건 3개 써줘", "트렌드 반영해서 헤드라인 5개 써줘", "write 3 trendy headlines"]
)
def test_a_request_for_copy_that_mentions_trends_is_still_copy(text):
    assert detect_by_rules(text, has_document=False).name == "generate_copy"


@pytest.mark.parametrize("text", ["우리 브랜드 톤이 뭐야?", "브랜드 이슈가 뭐야?", "what colours does our brand use?"])
def test_brand_questions_are_not_trend_questions(text):
    assert detect_by_rules(text, has_document=False).name == "brand_question"


def test_the_answer_ranks_the_keywords_of_the_feeds(session, user, workspace, feed_server):
    now = timezone.now()
    titles = ["비건 화장품 매출 급증", "비건 화장품 20대 인기", "전기차 보조금 확대"]
    stories = [Item(title, now - timedelta(hours=n + 1), guid=f"c{n}") for n, title in enumerate(titles)]
    url = feed_server.serve("/news.xml", Page(rss(stories)))
    trends.feed_create(workspace=workspace, url=url, name="뷰티 뉴스", created_by=None)

    answer = ask(session, user, "요즘 뭐가 뜨고 있어?")

    assert answer.intent == "trends"
    assert "1. 비건 화장품 — 2건 (그 전 7일: 0, 새로 등장)" in answer.content
    assert "비건 화장품 매출 급증 (뷰티 뉴스)" in answer.content
    generated = answer.generated
    assert generated["kind"] == "trends" and generated["keywords"][0]["keyword"] == "비건 화장품"

    english = ask(session, user, "what's trending?")
    assert english.intent == "trends" and "1. 비건 화장품 — 2 mentions (the 7 days before: 0, new)" in english.content


def test_the_answer_says_when_there_are_no_feeds_or_no_recent_items(session, user, workspace, feed_server):
    none = ask(session, user, "요즘 트렌드 알려줘")
    assert none.intent == "trends" and "등록된 트렌드 피드가 없어" in none.content
    assert "No trend feeds are registered yet" in ask(session, user, "what's trending?").content

    old = [Item("아주 오래된 소식", timezone.now() - timedelta(days=60), guid="old")]
    url = feed_server.serve("/old.xml", Page(rss(old)))
    trends.feed_create(workspace=workspace, url=url, created_by=None)
    stale = ask(session, user, "요즘 뭐가 뜨고 있어?")
    assert "등록된 피드 1개에서 최근 7일 동안 올라온 글이 없어" in stale.content


def test_the_answer_lists_distinct_keywords_each_with_its_own_example(session, user, workspace, feed_server):
    """제로슈거 소주, 제로슈거 젤리 and 제로슈거 하이볼 add no story to 제로슈거; 하이볼's latest story
    is the one 제로슈거 already shows, so it cites its other one."""
    now = timezone.now()
    titles = ["제로슈거 하이볼 등장", "제로슈거 소주 판매 급증", "제로슈거 젤리 인기", "하이볼 전문 주점"]
    stories = [Item(title, now - timedelta(hours=n + 1), guid=f"z{n}") for n, title in enumerate(titles)]
    trends.feed_create(workspace=workspace, url=feed_server.serve("/z.xml", Page(rss(stories))), created_by=None)

    answer = ask(session, user, "요즘 뭐가 뜨고 있어?")

    assert [row["keyword"] for row in answer.generated["keywords"]] == ["제로슈거", "하이볼"], answer.content
    assert "1. 제로슈거 — 3건" in answer.content and "2. 하이볼 — 2건" in answer.content
    assert "제로슈거 소주" not in answer.content.replace("제로슈거 소주 판매 급증", "")
    lines = [line.strip() for line in answer.content.splitlines()]
    first, second = (
        lines.index("1. 제로슈거 — 3건 (그 전 7일: 0, 새로 등장)"),
        lines.index("2. 하이볼 — 2건 (그 전 7일: 0, 새로 등장)"),
    )
    assert (
        lines[first + 1] == "제로슈거 하이볼 등장 (Test feed)" and lines[second + 1] == "하이볼 전문 주점 (Test feed)"
    )
