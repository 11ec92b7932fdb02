"""What a session knows about the product a request for copy is about, and in which order."""

import pytest

from agents.services import workflow_start
from brands.tests.factories import BrandKitFactory
from chat.models import MessageRole
from chat.selectors import copy_question_open, product_facts
from chat.tests.factories import ChatMessageFactory, ChatSessionFactory
from sparklio.core.tests.factories import WorkspaceFactory
from templates.selectors import template_for_channel
from templates.services import template_apply

X1 = "무선 이어폰 X1을 출시해요. 노이즈 캔슬링과 24시간 배터리가 특징이고 2030 직장인이 타깃이에요. 출시 기념 20% 할인."
GLOW = "This week it's Glow Serum: a vitamin C serum. Features: brightening, fragrance free. Offer: 20% off."

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return ChatSessionFactory(brand=BrandKitFactory(name="Sonic", description="", target_audience=""))


def say(session, content):
    return ChatMessageFactory(session=session, content=content)


def answer(session, intent, **values):
    return ChatMessageFactory(session=session, role=MessageRole.ASSISTANT, intent=intent, content="…", **values)


def facts_for(session, content, **kwargs):
    return product_facts(session=session, message=say(session, content), **kwargs)


def test_the_product_the_message_names_comes_first(session):
    say(session, GLOW)
    facts = facts_for(session, "무선 이어폰 X1 헤드라인 5개")
    assert (facts.product, facts.source, facts.features) == ("무선 이어폰 X1", "message", [])
    assert facts.language == "ko"


def test_a_product_named_again_keeps_what_the_session_knows_of_it(session):
    say(session, X1)
    facts = facts_for(session, "X1 슬로건 3개 써줘")
    assert facts.product == "무선 이어폰 X1" and facts.source == "message"
    assert facts.features == ["노이즈 캔슬링", "24시간 배터리"] and facts.offer == "출시 기념 20% 할인"


def test_an_earlier_message_that_described_the_product(session):
    described = say(session, X1)
    answer(session, "small_talk")
    facts = facts_for(session, "헤드라인 5개 써줘")
    assert (facts.product, facts.source, facts.source_id) == ("무선 이어폰 X1", "earlier_message", described.pk)
    assert facts.features == ["노이즈 캔슬링", "24시간 배터리"]
    assert (facts.audience, facts.offer, facts.language) == ("2030 직장인", "출시 기념 20% 할인", "ko")


def test_an_earlier_request_is_read_without_its_request_words(session):
    say(session, "무선 이어폰 X1 헤드라인 5개 써줘")
    answer(session, "generate_copy")
    facts = facts_for(session, "give me 3 slogans")
    assert facts.product == "무선 이어폰 X1" and facts.source == "earlier_message"
    assert facts.language == "ko"  # the language the product was described in


def test_a_workflow_the_session_started(session):
    brief = "무선 이어폰 X1 인스타그램 광고를 만들어줘. 타겟은 2030 직장인, 노이즈 캔슬링과 24시간 배터리가 특징."
    say(session, brief)
    workflow = workflow_start(workspace=session.workspace, user=None, brief=brief, brand=session.brand, enqueue=False)
    answer(session, "make_campaign").workflows.add(workflow)
    facts = facts_for(session, "CTA 문구 3개")
    assert (facts.product, facts.source, facts.source_id) == ("무선 이어폰 X1", "workflow", workflow.pk)
    assert facts.features == ["노이즈 캔슬링", "24시간 배터리"] and facts.channel == "instagram_feed"


def test_facts_a_workflow_kept_win_over_its_brief(session):
    workflow = workflow_start(
        workspace=session.workspace,
        user=None,
        brief="여름 세일 광고 만들어줘",
        brand=session.brand,
        facts={"product": "쿨링 선풍기 F2", "features": ["저소음"], "price": "59,000원"},
        enqueue=False,
    )
    answer(session, "make_campaign").workflows.add(workflow)
    facts = facts_for(session, "헤드라인 3개")
    assert (facts.product, facts.features, facts.price, facts.source) == (
        "쿨링 선풍기 F2",
        ["저소음"],
        "59,000원",
        "workflow",
    )


def test_the_newest_mention_of_a_product_wins(session):
    workflow = workflow_start(workspace=session.workspace, user=None, brief=X1, brand=session.brand, enqueue=False)
    answer(session, "make_campaign").workflows.add(workflow)
    say(session, GLOW)
    answer(session, "small_talk")
    facts = facts_for(session, "write five taglines")
    assert (facts.product, facts.source, facts.language) == ("Glow Serum", "earlier_message", "en")
    assert facts.features == ["brightening", "fragrance free"] and facts.offer == "20% off"


def test_messages_about_other_things_are_not_read_as_products(session):
    say(session, "make the CTA bigger")
    answer(session, "edit_document")
    say(session, "우리 브랜드 톤이 뭐야?")
    answer(session, "brand_question")
    facts = facts_for(session, "헤드라인 3개 써줘")
    assert (facts.product, facts.source) == ("Sonic", "brand")


def test_what_an_earlier_answer_kept_is_used_and_the_brand_is_read_afresh(session):
    kept = {"product": "쿨링 선풍기 F2", "features": ["저소음"], "source": "earlier_message", "source_id": 7}
    answer(session, "generate_copy", generated={"kind": "copy", "facts": {**kept, "language": "ko"}})
    assert facts_for(session, "슬로건 2개").product == "쿨링 선풍기 F2"
    other = ChatSessionFactory(brand=BrandKitFactory(name="Breeze"))
    answer(other, "generate_copy", generated={"kind": "copy", "facts": {"product": "Old name", "source": "brand"}})
    assert facts_for(other, "슬로건 2개").product == "Breeze"


def test_the_document_open_now(session):
    template = template_for_channel(workspace_ids=[session.workspace_id], channel="instagram_feed")
    document = template_apply(
        template=template,
        workspace=session.workspace,
        user=None,
        content={"headline": "여름엔 F2"},
        metadata={"brief": "쿨링 선풍기 F2, 저소음과 10시간 배터리. 가격 59,000원"},
    )
    facts = facts_for(session, "헤드라인 5개 써줘", document_id=document.pk)
    assert (facts.product, facts.source, facts.source_id) == ("쿨링 선풍기 F2", "document", document.pk)
    assert facts.price == "59,000원"


def test_a_document_of_another_workspace_is_not_read(session):
    stranger = WorkspaceFactory()
    template = template_for_channel(workspace_ids=[stranger.pk], channel="instagram_feed")
    document = template_apply(
        template=template, workspace=stranger, user=None, content={}, metadata={"brief": "쿨링 선풍기 F2"}
    )
    assert facts_for(session, "헤드라인 5개 써줘", document_id=document.pk).source == "brand"


def test_the_brand_when_nothing_else_names_a_product():
    brand = BrandKitFactory(
        name="Sonic",
        description="노이즈 캔슬링과 24시간 배터리를 갖춘 무선 이어폰",
        target_audience="출퇴근하는 직장인",
    )
    session = ChatSessionFactory(brand=brand)
    say(session, "안녕하세요")
    facts = facts_for(session, "헤드라인 5개 써줘")
    assert (facts.product, facts.source, facts.source_name) == ("Sonic", "brand", "Sonic")
    assert facts.audience == "출퇴근하는 직장인" and facts.language == "ko"


def test_nothing_known_is_none():
    session = ChatSessionFactory(brand=None, workspace=WorkspaceFactory())
    say(session, "안녕하세요")
    assert facts_for(session, "헤드라인 5개 써줘") is None
    assert facts_for(session, "이 제품으로 슬로건 3개") is None


def test_what_the_message_adds_is_laid_over_the_session_product(session):
    say(session, "무선 이어폰 X1을 팔아요. 노이즈 캔슬링이 특징이에요")
    facts = facts_for(session, "30% 할인 강조해서 20대 대학생 대상 헤드라인 5개 써줘")
    assert facts.product == "무선 이어폰 X1" and facts.features == ["노이즈 캔슬링"]
    assert (facts.offer, facts.audience) == ("30% 할인", "20대 대학생")


def test_reading_the_session_takes_the_same_queries_however_long_it_is(session, django_assert_num_queries):
    for index in range(12):
        say(session, f"안녕하세요 {index}")
        answer(session, "small_talk")
    message = say(session, "헤드라인 5개 써줘")
    with django_assert_num_queries(3):  # the messages, their workflows, their documents
        facts = product_facts(session=session, message=message)
    assert facts.source == "brand"


def test_an_open_question_about_the_product(session):
    asked = answer(session, "generate_copy", generated={"kind": "question", "asks": "product", "copy_kind": "slogan"})
    later = say(session, "무선 이어폰 X1이요")
    assert copy_question_open(session=session, before=later.pk)["copy_kind"] == "slogan"
    assert copy_question_open(session=session, before=asked.pk) is None


def test_a_product_whose_name_only_resembles_the_sessions_is_another_one(session):
    say(session, "무선 이어폰 X10을 팔아요. 노이즈 캔슬링이 특징이에요")
    facts = facts_for(session, "X1 헤드라인 3개")
    assert (facts.product, facts.features) == ("X1", [])
