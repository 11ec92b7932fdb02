"""A product of a shape no name has is kept but doubted, so the review asks a person instead of
scoring the design as finished (sparklio/language/brief/sanity.py)."""

import pytest

from sparklio.language.brief.facts import facts_from_brief
from sparklio.language.brief.sanity import not_a_name


@pytest.mark.parametrize(
    "product",
    [
        "Walk'",  # a quote cut in two
        "'Harbor",
        "신규 회원",  # whom it is for
        "고객",
        "수강생 학부모",
        "세차장",  # what the business is, in general
        "신메뉴",
        "Dear Sir",  # a letter's greeting
        "Anyway",
        "a small pottery studio",  # a description
        "beeswax wraps please",
        "yoga classes near the river",
    ],
)
def test_shapes_that_are_never_a_name(product):
    assert not_a_name(product)


@pytest.mark.parametrize(
    "product",
    [
        "Guero's",
        "Rock 'n' Roll Bakery",
        "Fill the Pantry",
        "Bank of Hope Savings",
        "pistachio croissant",
        "cold brew tonic",
        "salt & pine beard oil",
        "바른숨 필라테스",
        "세차왕 프리미엄 코팅",
        "회원전용 라운지",  # a person word inside a name is no ending
        "흑임자 크림 식빵",
        "Nimbus 2",
    ],
)
def test_names_pass(product):
    assert not not_a_name(product)


def test_a_doubted_product_is_kept_and_the_caller_can_settle_it():
    from sparklio.language.brief.facts import FactsOverride

    # named under a label, which alone would be trusted
    text = "제품명: 신메뉴\n특징: 국산 팥 100%, 당일 생산\n인스타 피드 부탁드려요"
    facts = facts_from_brief(text)
    assert facts.product == "신메뉴" and "product" in facts.doubts
    settled = facts_from_brief(text, FactsOverride(product="우리팥 단팥빵"))
    assert settled.product == "우리팥 단팥빵" and "product" not in settled.doubts
