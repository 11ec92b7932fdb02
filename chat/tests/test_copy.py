"""Requests for copy through Spark Chat (REST; the socket goes through the same service): the
generator named, that many distinct items about the session's product, or fewer and why."""

import json
import re

import pytest

from agents.models import AgentRun
from brands.tests.factories import BrandKitFactory
from chat import services
from chat.models import ChatMessage, ChatSession
from sparklio.llm.models import LLMCall
from sparklio.llm.tests import wire

X1 = "무선 이어폰 X1을 출시해요. 노이즈 캔슬링과 24시간 배터리가 특징이고 2030 직장인이 타깃이에요. 출시 기념 20% 할인."
GLOW = "We launch Glow Serum, a vitamin C serum. Features: brightening, fragrance free. Audience: women in their 30s."
# what the session said about its product (and its brand), as copy about it shows
ABOUT_X1 = re.compile(r"X1|노이즈 ?캔슬링|24시간 ?배터리|20% 할인|2030 직장인|소음 없는|충전 걱정|Sonic")
# what a request says that must never come back as copy
REQUEST_WORDS = re.compile(r"써줘|뽑아|만들어|개만|\d+개|give me|write|ideas|please", re.I)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="Sonic", tone_of_voice="친근하고 밝게", banned_words=["최고"])


def new_session(workspace, brand, user, *described):
    session = ChatSession.objects.create(workspace=workspace, brand=brand, title="copy", created_by=user)
    for text in described:
        services.message_add_user(session=session, user=user, content=text)
    return session


@pytest.fixture
def x1_session(workspace, brand, user):
    return new_session(workspace, brand, user, X1)


@pytest.fixture
def glow_session(workspace, brand, user):
    return new_session(workspace, brand, user, GLOW)


def ask(client, session, message, **extra):
    response = client.post("/api/v1/chat/analyze", {"session": session.pk, "message": message, **extra}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def listed(answer: str) -> list[str]:
    return re.findall(r"^\d+\. (.+)$", answer, re.M)


def assert_honest(body, *, generator, wanted):
    """Exactly ``wanted`` distinct items, or fewer with the reason; listed in the answer as stored."""
    generated = body["message"]["generated"]
    assert body["intent"] == "generate_copy" and generated["kind"] == "copy"
    assert generated["generator"] == generator
    items = generated["items"]
    assert items and generated["count"] == len(items)
    assert len({re.sub(r"\W+", "", item.casefold()) for item in items}) == len(items), items
    if wanted is not None and len(items) < wanted:
        assert generated["short"] is True
        assert re.search(
            rf"{wanted}개를 요청하셨지만 .* {len(items)}개만|asked for {wanted}, but only {len(items)}", body["answer"]
        )
    else:
        assert generated["short"] is False and (wanted is None or len(items) == wanted)
    firsts = [item.splitlines()[0] for item in items]
    assert listed(body["answer"]) == firsts
    return items


KOREAN_REQUESTS = [
    ("헤드라인 5개 써줘", "headline", 5),
    ("제목 3개만 뽑아줘", "headline", 3),
    ("슬로건 하나 만들어줘", "slogan", 1),
    ("슬로건 두 개만 뽑아줘", "slogan", 2),
    ("해시태그 10개", "hashtag", 10),
    ("해시태그 일곱 개 추천해줘", "hashtag", 7),
    ("CTA 문구 3개", "cta", 3),
    ("버튼 문구 하나만", "cta", 1),
    ("광고 문구 2개", "ad_copy", 2),
    ("광고 카피 한 개 써줘", "ad_copy", 1),
    ("상품 설명 써줘", "description", None),
    ("SEO 메타 만들어줘", "seo_meta", None),
    ("이메일 제목 3개", "email", 3),
    ("5개의 짧은 헤드라인 부탁해", "headline", 5),
    ("헤드라인을 다섯 개 써 주세요", "headline", 5),
    ("카피 4개 써줘", "headline", 4),
    ("SNS 게시물 써줘", "sns_post", None),
    ("블로그 글 한 편 써줘", "blog_post", 1),
]


@pytest.mark.parametrize(("message", "generator", "wanted"), KOREAN_REQUESTS)
def test_korean_requests_run_the_generator_named_on_the_sessions_product(
    owner_client, x1_session, message, generator, wanted
):
    body = ask(owner_client, x1_session, message)
    items = assert_honest(body, generator=generator, wanted=wanted)
    facts = body["message"]["generated"]["facts"]
    assert facts["product"] == "무선 이어폰 X1" and facts["source"] == "earlier_message"
    assert facts["features"] == ["노이즈 캔슬링", "24시간 배터리"] and facts["offer"] == "출시 기념 20% 할인"
    assert not any(REQUEST_WORDS.search(item) for item in items), items
    assert "최고" not in body["answer"]
    if generator not in ("cta", "slogan"):  # a button or a slogan ("더 가볍게, 더 오래") need not name it
        assert any(ABOUT_X1.search(item) for item in items), items


ENGLISH_REQUESTS = [
    ("give me 4 headlines", "headline", 4),
    ("write five taglines", "slogan", 5),
    ("slogan ideas x3", "slogan", 3),
    ("write a slogan", "slogan", 1),
    ("need 6 hashtags", "hashtag", 6),
    ("3x CTAs please", "cta", 3),
    ("write two ad variants", "ad_copy", 2),
    ("Could you write 2 email subject lines?", "email", 2),
    ("write a product description", "description", 1),
    ("draft an SEO meta description", "seo_meta", 1),
]


@pytest.mark.parametrize(("message", "generator", "wanted"), ENGLISH_REQUESTS)
def test_english_requests_run_the_generator_named_on_the_sessions_product(
    owner_client, glow_session, message, generator, wanted
):
    body = ask(owner_client, glow_session, message)
    items = assert_honest(body, generator=generator, wanted=wanted)
    generated = body["message"]["generated"]
    assert generated["facts"]["product"] == "Glow Serum" and generated["language"] == "en"
    assert generated["facts"]["features"] == ["brightening", "fragrance free"]
    assert not any(REQUEST_WORDS.search(item) for item in items), items
    assert "Offline mode" in body["answer"]


def test_a_slogan_request_runs_the_slogan_generator_not_the_headline_one(owner_client, x1_session):
    generated = ask(owner_client, x1_session, "슬로건 3개 만들어줘")["message"]["generated"]
    assert generated["generator"] == "slogan" and "slogans" in generated["output"]
    assert "headlines" not in generated["output"] and generated["items"] == generated["output"]["slogans"][:3]


def test_the_request_is_not_the_product(owner_client, workspace, brand, user):
    """The bug: the request was parsed as a brief, and came back as its one headline."""
    session = new_session(workspace, brand, user, X1)
    body = ask(owner_client, session, "헤드라인 5개 써줘")
    assert_honest(body, generator="headline", wanted=5)
    assert "헤드라인 5개 써줘" not in "\n".join(body["message"]["generated"]["items"])
    assert not AgentRun.objects.filter(input__brief__contains="써줘").exists()


def test_a_product_named_in_the_message_comes_first(owner_client, workspace, brand, user):
    session = new_session(workspace, brand, user, GLOW)
    body = ask(owner_client, session, "무선 이어폰 X1 헤드라인 5개")
    items = assert_honest(body, generator="headline", wanted=5)
    facts = body["message"]["generated"]["facts"]
    assert facts["product"] == "무선 이어폰 X1" and facts["source"] == "message"
    assert all("X1" in item and "헤드라인" not in item for item in items), items


def test_a_campaign_the_session_started_gives_the_product(owner_client, workspace, brand, user):
    session = new_session(workspace, brand, user)
    campaign = ask(
        owner_client,
        session,
        "무선 이어폰 X1 인스타그램 광고 이미지를 만들어줘. 노이즈 캔슬링과 24시간 배터리가 특징이야.",
    )
    assert campaign["intent"] == "make_campaign"
    body = ask(owner_client, session, "슬로건 3개 뽑아줘")
    assert_honest(body, generator="slogan", wanted=3)
    facts = body["message"]["generated"]["facts"]
    assert facts["source"] == "workflow" and facts["source_id"] == campaign["started"]["workflows"][0]
    assert facts["product"] == "무선 이어폰 X1" and facts["channel"] == "instagram_feed"


def test_with_nothing_but_the_brand_the_brand_is_the_product(owner_client, workspace, user):
    brand = BrandKitFactory(
        workspace=workspace, name="Breeze", description="저소음 쿨링 선풍기", target_audience="자취생"
    )
    session = new_session(workspace, brand, user)
    body = ask(owner_client, session, "헤드라인 3개 써줘")
    items = assert_honest(body, generator="headline", wanted=3)
    facts = body["message"]["generated"]["facts"]
    assert (facts["product"], facts["source"], facts["audience"]) == ("Breeze", "brand", "자취생")
    assert "(브랜드 'Breeze' 정보 기준)" in body["answer"] and all("Breeze" in item for item in items)


def test_where_the_facts_come_from_is_said_in_the_users_terms_not_by_id(owner_client, workspace, brand, user):
    """The bug: "(제품 정보: 앞선 메시지 #1)", "(product facts from earlier message #19)"."""
    session = new_session(workspace, brand, user, X1)
    said = {
        "헤드라인 3개 써줘": "(앞서 알려주신 '무선 이어폰 X1' 정보 기준)",
        "give me 2 slogans": "(from what you told me about '무선 이어폰 X1')",
        "Glow Serum 헤드라인 2개": "(말씀하신 'Glow Serum' 정보 기준)",
    }
    for message, source in said.items():
        answer = ask(owner_client, session, message)["answer"]
        assert source in answer, answer
        assert not re.search(r"#\d|메시지|message", answer.split("\n")[1]), answer
    campaign = ask(owner_client, session, "무선 이어폰 X1 인스타그램 광고 이미지를 만들어줘")
    assert campaign["intent"] == "make_campaign"
    answer = ask(owner_client, session, "4 hashtags")["answer"]
    assert "(from the '무선 이어폰 X1' campaign made earlier)" in answer and "#" not in answer.split("\n")[1]


def test_with_no_product_at_all_the_answer_asks_and_runs_nothing(owner_client, workspace, user):
    session = new_session(workspace, None, user)
    body = ask(owner_client, session, "슬로건 3개 만들어줘")
    assert body["intent"] == "generate_copy" and body["started"]["agent_runs"] == []
    generated = body["message"]["generated"]
    assert generated == {
        "kind": "question",
        "asks": "product",
        "copy_kind": "slogan",
        "requested": 3,
        "language": None,
        "channel": None,
    }
    assert "어떤 제품의 슬로건을" in body["answer"] and listed(body["answer"]) == []
    assert not LLMCall.objects.exists() and not AgentRun.objects.exists()
    english = ask(owner_client, session, "write five taglines")
    assert "Which product" in english["answer"]


def test_naming_the_product_after_the_question_answers_the_request(owner_client, workspace, user):
    session = new_session(workspace, None, user)
    ask(owner_client, session, "슬로건 3개 만들어줘")
    body = ask(owner_client, session, "무선 이어폰 X1을 팔아요. 노이즈 캔슬링이 특징이에요")
    assert_honest(body, generator="slogan", wanted=3)
    assert body["message"]["generated"]["facts"]["product"] == "무선 이어폰 X1"
    hello = ask(owner_client, session, "고마워요")
    assert hello["intent"] == "small_talk"


def test_more_than_a_generator_makes_at_once_is_clamped_and_said(owner_client, x1_session):
    body = ask(owner_client, x1_session, "헤드라인 20개 써줘")
    generated = body["message"]["generated"]
    assert generated["requested"] == 20 and generated["output"]["headlines"] and len(generated["items"]) <= 10
    assert "20개를 요청하셨지만 헤드라인은 한 번에 10개까지" in body["answer"]
    assert_honest(body, generator="headline", wanted=10)


def test_a_channels_hashtag_limit_is_the_limit(owner_client, x1_session):
    body = ask(owner_client, x1_session, "인스타그램 해시태그 20개 뽑아줘")
    assert "한 번에 15개까지" in body["answer"]
    assert body["message"]["generated"]["facts"]["product"] == "무선 이어폰 X1"
    assert_honest(body, generator="hashtag", wanted=15)
    kakao = ask(owner_client, x1_session, "카카오톡 해시태그 5개")
    assert kakao["message"]["generated"]["items"] == [] and "0개" not in kakao["answer"]
    assert "해시태그를 만들지 않았어요" in kakao["answer"] and "KakaoTalk에는 해시태그를 쓰지 않아요" in kakao["answer"]


def test_a_generator_that_writes_one_at_a_time_says_so(owner_client, x1_session):
    # email subject lines come as many as asked for now; a product description is one at a time
    body = ask(owner_client, x1_session, "이메일 제목 3개 뽑아줘")
    assert_honest(body, generator="email", wanted=3)
    assert body["message"]["generated"]["count"] == 3 and "한 번에" not in body["answer"]
    body = ask(owner_client, x1_session, "상품 설명 2개 써줘")
    assert_honest(body, generator="description", wanted=2)
    assert body["message"]["generated"]["count"] == 1 and "한 번에 1개를 만들어요" in body["answer"]


def test_the_copy_is_in_the_language_asked_for_else_the_products(owner_client, x1_session):
    asked = ask(owner_client, x1_session, "영어로 헤드라인 3개 써줘")["message"]["generated"]
    assert asked["language"] == "en" and asked["output"]["language"] == "en"
    described = ask(owner_client, x1_session, "give me 3 headlines")
    assert described["message"]["generated"]["language"] == "ko" and "3 headlines for" in described["answer"]


def test_copy_in_general_runs_the_copywriter_on_the_facts(owner_client, x1_session):
    body = ask(owner_client, x1_session, "카피 써줘")
    run = AgentRun.objects.get(pk=body["started"]["agent_runs"][0])
    assert run.agent == "copywriter" and run.input["brief"].startswith("Product: 무선 이어폰 X1\nFeatures:")
    assert "카피 써줘" not in run.input["brief"]
    assert body["message"]["generated"]["copy"]["headline"] and "헤드라인 후보" in body["answer"]


def test_a_list_goes_to_the_editor_with_its_first_item(owner_client, x1_session):
    from templates.services import template_library_sync

    template_library_sync()
    body = ask(owner_client, x1_session, "헤드라인 3개 써줘")
    first = body["message"]["generated"]["items"][0]
    made = owner_client.post(f"/api/v1/chat/messages/{body['message']['id']}/to_document/", {}, format="json")
    assert made.status_code == 201, made.json()
    texts = {o["role"]: o["text"] for o in made.json()["content"]["pages"][0]["objects"] if o["type"] == "text"}
    assert texts["headline"] == first


def test_the_session_messages_endpoint_answers_the_same_way(owner_client, x1_session):
    sent = owner_client.post(
        f"/api/v1/chat/sessions/{x1_session.pk}/messages/", {"content": "슬로건 2개"}, format="json"
    )
    assert sent.status_code == 201
    generated = sent.json()[1]["generated"]
    assert generated["generator"] == "slogan" and len(generated["items"]) == 2


@pytest.fixture
def model(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_MAX_ATTEMPTS = 1
    yield api
    api.close()


def test_a_model_that_repeats_itself_gets_an_honest_count(owner_client, x1_session, model):
    headlines = [
        "X1, 소음은 끄고 몰입은 켜고",
        "X1, 소음은 끄고 몰입은 켜고!",
        "하루 종일 X1",
        "출근길의 X1",
        "하루 종일 X1",
    ]
    route = model.route("POST", "/v1/chat/completions").mock(
        side_effect=[
            wire.httpx.Response(
                200,
                json=wire.openai_completion(
                    json.dumps({"language": "ko", "headlines": headlines, "subheadline": "노이즈 캔슬링"})
                ),
            ),
            wire.sse_response(wire.openai_sse(["헤드라인 ", "3개예요."])),
        ]
    )
    body = ask(owner_client, x1_session, "헤드라인 5개 써줘")
    generated = body["message"]["generated"]
    assert generated["items"] == ["X1, 소음은 끄고 몰입은 켜고", "하루 종일 X1", "출근길의 X1"]
    assert generated["short"] is True and generated["provider"] == "openai" and body["provider"] == "openai"
    generator_call, answer_call = (json.loads(call.request.content) for call in route.calls)
    asked = generator_call["messages"][-1]["content"]
    assert "Write 5 distinct headlines" in asked and '"product": "무선 이어폰 X1"' in asked
    assert "써줘" not in asked and "brief" not in asked
    told = answer_call["messages"][0]["content"]
    assert "서로 다른 헤드라인은 3개만" in told and "겹치는 2개는 뺐어요" in told
    message = ChatMessage.objects.get(pk=body["message"]["id"])
    assert LLMCall.objects.filter(cause_id=message.pk).count() == 2


def test_a_channels_short_headlines_are_given_as_the_reason(owner_client, x1_session):
    body = ask(owner_client, x1_session, "인스타 스토리 헤드라인 10개 써줘")
    items = assert_honest(body, generator="headline", wanted=10)
    assert all(len(item) <= 20 for item in items)
    if len(items) < 10:
        assert "Instagram Stories 헤드라인 길이(20자 이내)" in body["answer"]


# --- more, counts, and a product described --------------------------------------------------------

LUMI = "새로 나온 '루미 쿠션' 파운데이션이에요. 커버력 좋고 24시간 지속, 런칭 기념 30% 할인"
TRAIL = "We just launched 'Trailblazer 2' hiking boots: waterproof, 20% lighter, Vibram sole. 15% off until Sunday."


def keys(items):
    return {re.sub(r"\W+", "", item.casefold()) for item in items}


@pytest.mark.parametrize(
    ("described", "first", "mores"),
    [
        (LUMI, "헤드라인 5개 써줘", ["헤드라인 네 개 더 써줘", "다른 헤드라인 3개", "헤드라인 다시 2개 뽑아줘"]),
        (TRAIL, "give me 3 headlines", ["4 more headlines", "another 2 headlines", "different headlines again"]),
        (X1, "슬로건 3개", ["슬로건 2개 더", "다른 슬로건 두 개"]),
        (GLOW, "3 CTAs please", ["2 more CTAs", "another CTA"]),
        (X1, "해시태그 5개", ["해시태그 5개 더", "다른 해시태그 3개"]),
    ],
)
def test_more_gives_only_items_not_given_before_in_the_session(owner_client, workspace, user, described, first, mores):
    """The bug: "헤드라인 네 개 더 써줘" / "4 more headlines" gave four headlines all given before.
    "더", "more", "another", "다른", "again": every item is new to the session, or the answer says how
    many new ones could be made."""
    session = new_session(workspace, None, user, described)
    given = keys(ask(owner_client, session, first)["message"]["generated"]["items"])
    assert given
    for more in mores:
        body = ask(owner_client, session, more)
        generated = body["message"]["generated"]
        assert body["intent"] == "generate_copy" and generated.get("more") is True, (more, body["answer"], generated)
        items = generated["items"]
        assert not keys(items) & given, (more, items)
        wanted = generated["requested"]
        if wanted is not None and len(items) < wanted:
            assert re.search(r"이미 드린 .*\d+개|already given in this chat", body["answer"]), body["answer"]
        assert not re.search(r"#\d|메시지 #|message #", body["answer"])
        given |= keys(items)


def test_asking_for_more_until_none_are_left_says_how_many_new_ones_were_made(owner_client, workspace, user):
    session = new_session(workspace, None, user, "'모닝 브루' 콜드브루 커피예요. 무설탕")
    ask(owner_client, session, "헤드라인 10개 써줘")
    answers = [ask(owner_client, session, "헤드라인 10개 더 써줘") for _ in range(3)]
    seen: set[str] = set()
    for body in answers:
        items = body["message"]["generated"]["items"]
        assert not keys(items) & seen
        seen |= keys(items)
    last = answers[-1]
    assert last["message"]["generated"]["short"] is True or len(last["message"]["generated"]["items"]) == 10
    if last["message"]["generated"]["short"]:
        got = len(last["message"]["generated"]["items"])
        assert (f"새 헤드라인은 {got}개만" if got else "새로 만들 수 있는 헤드라인이 없어요") in last["answer"]


def test_without_more_a_request_may_repeat_what_it_gave(owner_client, x1_session):
    first = ask(owner_client, x1_session, "헤드라인 3개 써줘")["message"]["generated"]
    again = ask(owner_client, x1_session, "헤드라인 3개 써줘")["message"]["generated"]
    assert again["more"] is False and first["items"] == again["items"]  # the same brief, the same answer


@pytest.mark.parametrize(
    ("message", "product", "facts", "language"),
    [
        (LUMI, "루미 쿠션", ["24시간 지속", "30% 할인"], "ko"),
        (TRAIL, "Trailblazer 2", ["waterproof", "20% lighter", "Vibram sole", "15% off"], "en"),
        ("제품은 '모닝 브루' 콜드브루 커피예요", "모닝 브루", [], "ko"),
        ("Our new product is 'Nimbus Pillow': hypoallergenic, machine washable, $49.", "Nimbus Pillow", ["$49"], "en"),
        ("무선 이어폰 X1을 출시해요. 노이즈 캔슬링이 특징이에요", "무선 이어폰 X1", ["노이즈 캔슬링"], "ko"),
    ],
)
def test_a_message_that_describes_a_product_is_acknowledged_and_kept(
    owner_client, workspace, user, message, product, facts, language
):
    """The bug: product descriptions were small talk, answered with a canned greeting."""
    session = new_session(workspace, None, user)
    body = ask(owner_client, session, message)
    assert body["intent"] == "product_info", body["answer"]
    generated = body["message"]["generated"]
    assert generated["kind"] == "facts" and generated["facts"]["product"] == product
    answer = body["answer"]
    assert "안녕하세요!" not in answer and "Hi! I can" not in answer
    assert f"'{product}'" in answer and all(fact in answer for fact in facts), answer
    assert ("헤드라인 5개 써줘" if language == "ko" else '"5 headlines"') in answer  # what to ask next
    later = ask(owner_client, session, "헤드라인 3개 써줘" if language == "ko" else "give me 3 headlines")
    kept = later["message"]["generated"]["facts"]
    assert kept["product"] == product and kept["source"] == "earlier_message"
    assert f"'{product}' 정보 기준" in later["answer"] or f"about '{product}'" in later["answer"]


@pytest.mark.parametrize("message", ["안녕하세요", "고마워요", "hello there", "좋네요!", "ok thanks"])
def test_small_talk_stays_small_talk(owner_client, workspace, user, message):
    session = new_session(workspace, None, user)
    assert ask(owner_client, session, message)["intent"] == "small_talk"


def test_ranges_open_counts_and_zero_are_answered_sensibly(owner_client, workspace, user):
    session = new_session(workspace, None, user, TRAIL)
    body = ask(owner_client, session, "헤드라인 두세 개")
    assert len(body["message"]["generated"]["items"]) == 3 and "2~3개를 요청하셔서 많은 쪽인 3개로" in body["answer"]
    body = ask(owner_client, session, "a couple of headlines")
    assert body["intent"] == "generate_copy" and len(body["message"]["generated"]["items"]) == 2
    body = ask(owner_client, session, "헤드라인 몇 개 써줘")
    assert len(body["message"]["generated"]["items"]) == 3 and "개수를 정하지 않으셔서 3개" in body["answer"]
    body = ask(owner_client, session, "give me a few slogans")
    assert len(body["message"]["generated"]["items"]) == 3 and "You didn't say how many" in body["answer"]
    runs = LLMCall.objects.count(), AgentRun.objects.count()
    zero = ask(owner_client, session, "헤드라인 0개")
    assert zero["intent"] == "generate_copy" and zero["message"]["generated"]["asks"] == "count"
    assert "헤드라인 0개를 요청하셔서 아무것도 만들지 않았어요" in zero["answer"]
    assert "안녕하세요!" not in zero["answer"]
    english = ask(owner_client, session, "0 headlines please")
    assert "You asked for 0 headlines, so I wrote none" in english["answer"]
    assert (LLMCall.objects.count(), AgentRun.objects.count()) == runs


def test_english_copy_of_a_korean_named_product_says_the_name_was_kept(owner_client, workspace, user):
    session = new_session(workspace, None, user, LUMI)
    body = ask(owner_client, session, "write 3 headlines in English")
    items = body["message"]["generated"]["items"]
    assert items and all(not re.search(r"[가-힣]", item.replace("루미 쿠션", "")) for item in items)
    assert "only known in Korean, so the English copy keeps it as written" in body["answer"]


FOREST = (
    "Our new soy candle 'Forest Walk' - pine and cedar scent, 50-hour burn time, hand-poured in Vermont. "
    "Buy 2 get 1 free this weekend."
)


@pytest.fixture
def forest_session(workspace, brand, user):
    return new_session(workspace, brand, user, FOREST)


@pytest.mark.parametrize(
    ("message", "copy_kind"),
    [
        ("give me 3 email subject lines", "email_subject"),
        ("write 3 slogans", "slogan"),
        ("3 CTAs please", "cta"),
        ("give me 3 headlines", "headline"),
        ("need 3 hashtags", "hashtag"),
        ("write 6 slogans", "slogan"),
        ("write 4 email subject lines", "email_subject"),
    ],
)
def test_a_count_asked_for_is_given_in_english(owner_client, forest_session, message, copy_kind):
    wanted = int(re.search(r"\d+", message).group(0))
    body = ask(owner_client, forest_session, message)
    generated = body["message"]["generated"]
    assert generated["copy_kind"] == copy_kind
    assert len(generated["items"]) == wanted, body["answer"]
    assert listed(body["answer"]) == [item.splitlines()[0] for item in generated["items"]]
    assert generated["short"] is False


@pytest.mark.parametrize(
    ("message", "copy_kind"),
    [
        ("이메일 제목 3개 써줘", "email_subject"),
        ("슬로건 3개", "slogan"),
        ("CTA 문구 4개", "cta"),
        ("헤드라인 3개", "headline"),
        ("해시태그 3개", "hashtag"),
    ],
)
def test_a_count_asked_for_is_given_in_korean(owner_client, x1_session, message, copy_kind):
    wanted = int(re.search(r"\d+", message).group(0))
    body = ask(owner_client, x1_session, message)
    generated = body["message"]["generated"]
    assert generated["copy_kind"] == copy_kind
    assert len(generated["items"]) == wanted, body["answer"]
    assert f"{wanted}개예요" in body["answer"]


@pytest.mark.parametrize(
    ("message", "heading"),
    [
        ("give me 1 email subject line", "1 email subject line for Forest Walk"),
        ("write a slogan", "1 slogan for Forest Walk"),
        ("one CTA please", "1 call to action for Forest Walk"),
        ("give me 1 headline", "1 headline for Forest Walk"),
    ],
)
def test_a_single_item_is_counted_in_the_singular(owner_client, forest_session, message, heading):
    body = ask(owner_client, forest_session, message)
    assert body["answer"].splitlines()[1].startswith(heading), body["answer"]
    assert len(body["message"]["generated"]["items"]) == 1


@pytest.mark.parametrize(
    ("label", "count", "said"),
    [
        ("email subject lines", 1, "email subject line"),
        ("calls to action", 1, "call to action"),
        ("SEO meta sets", 1, "SEO meta set"),
        ("slogans", 2, "slogans"),
        ("이메일 제목", 1, "이메일 제목"),
    ],
)
def test_a_label_agrees_with_its_count(label, count, said):
    from chat.copywriting import counted

    assert counted(label, count) == said
