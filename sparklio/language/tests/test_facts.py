"""Everyday briefs read into facts: product as named, features with no cue word, whole numbers,
offers of every shape, deadlines and every channel named."""

import pytest
from pydantic import ValidationError

from sparklio.language.brief import FactsOverride, brief_parse, facts_from_brief
from sparklio.language.brief.claims import reads_as_verb
from sparklio.language.korean import attach, has_placeholder_particle, join_words
from sparklio.language.tests.corpus import BRIEFS


@pytest.mark.parametrize("case", BRIEFS, ids=[case.id for case in BRIEFS])
def test_everyday_briefs(case):
    facts = facts_from_brief(case.text)
    assert facts.language == case.language
    assert facts.product and case.product in facts.product
    assert len(facts.product) <= len(case.product) + 12, facts.product
    parsed = [feature.casefold() for feature in facts.features]
    for wanted in case.features:
        assert any(wanted.casefold() in feature for feature in parsed), (wanted, facts.features)
    assert len(facts.features) >= case.min_features
    if case.offer:
        assert facts.offer and case.offer.casefold() in facts.offer.casefold(), facts.offer
    if case.price:
        assert facts.price == case.price
    if case.deadline:
        assert facts.deadline and case.deadline in facts.deadline
    assert tuple(facts.channels) == case.channels
    if case.audience:
        assert facts.audience == case.audience
    for feature in facts.features:
        assert not has_placeholder_particle(feature)


def test_the_corpus_is_varied():
    assert len(BRIEFS) >= 30
    assert {case.language for case in BRIEFS} == {"ko", "en"}
    named = {channel for case in BRIEFS for channel in case.channels}
    assert named >= {
        "instagram_feed", "instagram_portrait", "instagram_story", "facebook_feed", "youtube_thumbnail",
        "naver_blog", "kakao_feed", "product_detail", "web_banner", "poster", "presentation", "email_newsletter",
    }  # fmt: skip
    assert sum(len(case.channels) > 1 for case in BRIEFS) >= 4


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("소음이 적어요", "적은 소음"),
        ("산미가 적고 고소해서", "적은 산미"),
        ("흡입력 강하고", "강한 흡입력"),
        ("노이즈 캔슬링 되고", "노이즈 캔슬링"),
        ("보습력이 48시간 지속돼요", "48시간 지속되는 보습력"),
        ("끈적임 없고", "끈적임 없음"),
    ],
)
def test_korean_predicates_become_noun_phrases(text, feature):
    assert feature in brief_parse(f"'테스트 제품' 광고 만들어줘. {text}").features


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Buy two get one free on every candle", "Buy two get one free on every candle"),
        ("3개 구매 시 1개 증정", "3개 구매 시 1개 증정"),
        ("early bird pricing $49", "early bird pricing $49"),
        ("얼리버드 할인가 39,000원", "얼리버드 할인가 39,000원"),
        ("5만원 이상 무료배송", "5만원 이상 무료배송"),
        ("free delivery on orders over $30", "free delivery on orders over $30"),
        ("10% off with code SAVE10", "10% off with code SAVE10"),
        ("no sign-up fee", "no sign-up fee"),
    ],
)
def test_offer_shapes(text, offer):
    assert brief_parse(f"Instagram ad for Zeta Pen. {text}.").offer == offer or (
        brief_parse(f"'제타 펜' 광고. {text}").offer == offer
    )


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("20% 할인, 12월 24일까지", "12월 24일까지"),
        ("30% off until Sunday", "until Sunday"),
        ("Free shipping this weekend only", "this weekend"),
        ("1+1 이번 주 금요일까지", "이번 주 금요일까지"),
    ],
)
def test_deadlines(text, deadline):
    facts = facts_from_brief(f"'Zeta' 인스타 광고. {text}")
    assert facts.deadline and deadline in facts.deadline


def test_numbers_stay_whole():
    facts = facts_from_brief(
        "'에어핏' 광고. 30~40대 직장인 대상, 배터리 6 hours, 가격 29,900원, 100% 순면, 8000Pa 흡입력"
    )
    assert facts.audience == "30~40대 직장인"
    assert facts.price == "29,900원"
    assert any("100%" in f for f in facts.features) and any("8000Pa" in f for f in facts.features)


def test_overrides_replace_only_what_they_set():
    text = "Make a Facebook ad for FlowDesk. It syncs calendars and runs async standups."
    override = FactsOverride.model_validate({"product": "FlowDesk Pro", "offer": "30% off", "channels": ["kakao_feed"]})
    facts = facts_from_brief(text, override)
    assert facts.product == "FlowDesk Pro" and facts.offer == "30% off" and facts.channels == ["kakao_feed"]
    assert facts.features == ["syncs calendars", "runs async standups"]
    cleared = facts_from_brief(text, FactsOverride.model_validate({"features": None}))
    assert cleared.features == []


@pytest.mark.parametrize(
    "bad",
    [
        {"product": ""},
        {"features": "one"},
        {"features": [1]},
        {"colour": "red"},
        {"language": "fr"},
        {"product": "a\x00"},
    ],
)
def test_overrides_of_the_wrong_shape_are_refused(bad):
    with pytest.raises(ValidationError):
        FactsOverride.model_validate(bad)


def test_korean_grammar():
    assert attach("이어폰", "을") == "이어폰을" and attach("X1", "을") == "X1을"
    assert join_words(["노이즈 캔슬링", "24시간 배터리"], "ko") == "노이즈 캔슬링과 24시간 배터리"
    assert join_words(["a", "b", "c"], "en") == "a, b and c"
    assert has_placeholder_particle("제품이(가) 좋아요") and not has_placeholder_particle("제품이 좋아요")


def test_verb_phrases():
    assert reads_as_verb("syncs calendars") and reads_as_verb("runs async standups")
    assert not reads_as_verb("async standups") and not reads_as_verb("Five-minute lessons")
    assert not reads_as_verb("100% organic")


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("요가원 '숨' 카톡 광고. 첫 달 등록하시면 체험 수업 1회 무료!", "수업 1회 무료"),
        (
            "Kakao ad for Sea Breeze Hotel. Book 3 nights and get the 4th night free.",
            "Book 3 nights and get the 4th night free",
        ),
        ("Blog post for Talkie English. First lesson is free for new students.", "First lesson is free"),
        ("단백질바 '프로바' 상세페이지. 3박스 이상 구매 시 무료배송", "3박스 이상 구매 시 무료배송"),
        ("그릴 '그릴킹' 인스타 광고. 선착순 100명 사은품으로 그릴 커버 증정", "선착순 100명 사은품으로 그릴 커버 증정"),
        ("'헤어랩 프로' 스토리. 2+1 행사 중이고 3만원 이상 구매 시 무료배송", "3만원 이상 구매 시 무료배송"),
        ("Petal & Stem portrait ad. First box 50% off.", "First box 50% off"),
        ("VortexBlend 900 detail page. Use code BLEND15 for 15% off.", "Use code BLEND15 for 15% off"),
        ("Seoul Bites feed ad. Free delivery in Seoul.", "Free delivery in Seoul"),
    ],
)
def test_offers_keep_their_conditions(text, offer):
    """An offer shown without its condition says something untrue ("무료배송" when it needs 3만원)."""
    assert offer in (brief_parse(text).offer or "")


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("이번 주말 30% 할인 행사 광고 만들어줘", None),
        ("Portrait IG ad: Morning Ritual coffee beans, roasted to order.", "Morning Ritual"),
        (
            "Aqua Pure 정수기 네이버 블로그 포스팅 해주세요. 직수형이고 필터 교체가 쉬워요",
            "Aqua Pure",
        ),  # the name; 정수기 says what it is
    ],
)
def test_event_words_and_channel_names_are_no_product(text, product):
    assert brief_parse(text).product == product


def test_english_fragments_are_no_features():
    facts = facts_from_brief(
        "Instagram feed ad for our Pulse Buds Pro earbuds. 36-hour battery with the case, active noise "
        "cancelling, IPX5 sweat-proof. 20% off through Sunday."
    )
    assert "case" not in facts.features and "through" not in facts.features
    assert {"36-hour battery", "active noise cancelling"} <= set(facts.features)


def test_sentences_about_the_seller_or_with_pronouns_read_as_claims():
    boots = facts_from_brief("Facebook ad for TrailMate hiking boots. It's waterproof, weighs only 900g. 20% off.")
    assert boots.features == ["waterproof", "weighs only 900g"]
    school = facts_from_brief("Blog post for Talkie English. We're a small language school with native teachers.")
    assert school.features == ["native teachers"]


def test_another_language_asked_for_is_a_doubt_until_the_features_come_in_it():
    brief = "'Nimbus 2' 로봇청소기 인스타 피드. 흡입력 8000Pa에 물걸레 자동 세척, 2개 사면 1개 더"
    english = facts_from_brief(brief, FactsOverride(language="en"))
    assert english.language == "en" and "language" in english.doubts
    given = facts_from_brief(
        brief,
        FactsOverride(language="en", features=["8000Pa suction", "self-cleaning mop"], offer="Buy 2, get 1 free"),
    )
    assert "language" not in given.doubts
    assert "language" not in facts_from_brief(brief, FactsOverride(language="ko")).doubts
