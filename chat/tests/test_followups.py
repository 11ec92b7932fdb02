"""Follow-up requests in a chat: a product named in the request itself, "more" with nothing else,
a design asked for "with this", and offers kept word for word."""

import re

import pytest

from agents.models import Workflow
from brands.tests.factories import BrandKitFactory
from chat.intents import copy_request, detect_by_rules, request_rest
from chat.tests.test_copy import ask, new_session

pytestmark = pytest.mark.django_db(transaction=True)

JERKY = "반려견 수제간식 '오리 목뼈 껌' 새로 나왔어요. 국내산 오리만 쓰고, 무첨가라 안심이에요. 3개 사면 1개 더 드려요!"
MELT = "New on our menu: 'Smoky Brisket Melt'. 12-hour smoked brisket, aged cheddar. Buy one, get the second half off."


def test_a_product_named_in_quotes_in_the_request_is_the_one_written_about(owner_client, workspace, user):
    """The bug: in a restaurant's session, "'<dish>' 헤드라인 5개 써줘" gave five headlines about the restaurant."""
    brand = BrandKitFactory(workspace=workspace, name="을지로 국수집")
    session = new_session(workspace, brand, user)
    body = ask(owner_client, session, "'들기름 막국수' 헤드라인 5개 써줘")
    generated = body["message"]["generated"]
    assert generated["facts"]["product"] == "들기름 막국수" and generated["facts"]["source"] == "message"
    assert len(generated["items"]) == 5 and all("을지로 국수집" not in item for item in generated["items"])
    english = ask(owner_client, session, "slogans for 'Perilla Noodles'")
    assert english["intent"] == "generate_copy"
    assert english["message"]["generated"]["facts"]["product"] == "Perilla Noodles"


@pytest.mark.parametrize(
    ("first", "more", "kind"),
    [("'들기름 막국수' 슬로건 3개", "더 써줘", "slogan"), ("3 headlines for 'Perilla Noodles'", "more", "headline")],
)
def test_more_on_its_own_continues_the_last_kind_of_copy(owner_client, workspace, user, first, more, kind):
    """The bug: "더 써줘" / "more" were answered with the greeting."""
    session = new_session(workspace, BrandKitFactory(workspace=workspace, name="을지로 국수집"), user)
    before = ask(owner_client, session, first)["message"]["generated"]
    body = ask(owner_client, session, more)
    generated = body["message"]["generated"]
    assert body["intent"] == "generate_copy" and generated["copy_kind"] == kind and generated["more"] is True
    assert generated["facts"]["product"] == before["facts"]["product"]
    assert not set(generated["items"]) & set(before["items"])


def test_a_message_that_says_something_besides_more_is_not_a_request_for_more():
    assert copy_request("더 가벼워진 버전이 나왔어요") is None
    assert detect_by_rules("더 써줘", has_document=False).name == "small_talk"  # the session decides


def test_an_offer_of_one_more_item_keeps_its_more():
    """The bug: "2개 사면 1개 더 드려요" was remembered as "2개 사면 1개 드려요"."""
    assert "1개 더 드려요" in request_rest(JERKY)
    assert "2잔 더" in request_rest("아메리카노 '딥 블루' 출시, 1잔 주문하면 2잔 더 드려요")


def test_a_design_asked_for_with_this_carries_what_the_session_knows(owner_client, workspace, user):
    """The bug: "이걸로 유튜브 썸네일 하나 만들어줘" got the greeting; a campaign from chat lost the
    features and offer the session knew."""
    session = new_session(workspace, BrandKitFactory(workspace=workspace, name="댕댕상점"), user)
    assert ask(owner_client, session, JERKY)["intent"] == "product_info"
    body = ask(owner_client, session, "이걸로 유튜브 썸네일 하나 만들어줘")
    assert body["intent"] == "make_campaign"
    again = ask(owner_client, session, "오리 목뼈 껌 포스터 만들어줘")
    assert again["intent"] == "make_campaign"
    for workflow in Workflow.objects.all():
        assert workflow.facts["product"] == "오리 목뼈 껌", workflow.facts
        assert workflow.facts["offer"] == "3개 사면 1개 더 드려요"
        assert "국내산 오리" in " ".join(workflow.facts["features"])
    assert {w.facts["channels"][0] for w in Workflow.objects.all()} == {"youtube_thumbnail", "poster"}


def test_a_couple_of_posts_are_two(owner_client, workspace, user):
    session = new_session(workspace, BrandKitFactory(workspace=workspace, name="Rosie's Diner", language="en"), user)
    ask(owner_client, session, MELT)
    generated = ask(owner_client, session, "write a couple of instagram captions")["message"]["generated"]
    assert generated["copy_kind"] == "sns_post" and generated["count"] == 2
    first_lines = [item.split("\n")[0] for item in generated["items"]]
    assert len(set(first_lines)) == 2 and all(re.search(r"Brisket", item) for item in generated["items"])
