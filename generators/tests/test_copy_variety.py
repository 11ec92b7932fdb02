"""Body copy, subheadlines, calls to action and hashtags that read as written for this brief: no
formula repeated in every campaign, no claim glued into a frame it breaks, a button that fits the
business and the medium."""

import re

import pytest

from generators.services import generator_run
from generators.text import takes_particle

pytestmark = pytest.mark.django_db

# the formulas the customer found in every campaign
STOCK = re.compile(
    r"직접 느껴보면 차이를|무엇보다 .+(?:이|가) 돋보여요|한 단계 다른 경험|이제 매일 누리세요|"
    r"worth noticing|sets? it apart|Above all|makes? the difference|every single day",
)


def run(workspace, name, **data):
    return generator_run(name=name, data=data, workspace_id=workspace.pk, brand=None).output


BRIEFS = [
    ("ko", "service", "맑은시야", ["수술 다음날 일상 복귀 가능", "최소 절개로 건조증 부담 감소", "1:1 검사"]),
    ("ko", "education", "주말 코딩반", ["반 정원 8명 소수정예", "결과물 발표회", "스크래치"]),
    ("ko", "food", "화덕 피자 '마르게리타'", ["매일 빚는 도우", "생모차렐라 듬뿍 올림", "국내산 토마토"]),
    ("en", "health", "Bright Smile Dental", ["same-day emergency appointments", "Saturday hours", "gentle care"]),
    ("en", "education", "Spanish Sprint", ["15-minute daily lessons", "live conversation practice", "a certificate"]),
    ("en", "fashion", "Merino Wrap", ["3 colors", "machine washable", "super soft wool"]),
]


@pytest.mark.parametrize(("language", "category", "product", "features"), BRIEFS)
def test_no_stock_formula_and_the_features_are_said(workspace, language, category, product, features):
    data = {"product": product, "features": features, "category": category, "language": language}
    for channel in ("naver_blog", "email_newsletter", "product_detail", "poster"):
        text = run(workspace, "description", channel=channel, **data)["description"]
        head = run(workspace, "headline", channel=channel, **data)
        written = " ".join([text, head["subheadline"], *head["headlines"]])
        assert not STOCK.search(written), written
        assert sum(feature.casefold() in text.casefold() for feature in features) >= 2, text


@pytest.mark.parametrize(
    ("feature", "glued"),
    [
        ("국내산 닭가슴살", True),
        ("전문의 1:1 정밀검사", True),
        ("소포장", True),
        ("수술 다음날 일상 복귀 가능", False),
        ("최소 절개로 건조증 부담 감소", False),
        ("트러플오일 듬뿍 올림", False),
        ("보관이 편해요", False),
    ],
)
def test_only_a_noun_takes_a_particle(feature, glued):
    assert takes_particle(feature, "ko") is glued


def test_a_claim_is_never_glued_into_a_frame(workspace):
    data = {
        "product": "스마일라식",
        "features": ["수술 다음날 일상 복귀 가능", "최소 절개로 건조증 부담 감소"],
        "category": "service",
        "language": "ko",
        "offer": "2개 사면 1개 더 드려요",
    }
    for channel in ("naver_blog", "instagram_feed", "poster", "email_newsletter"):
        for name in ("description", "headline", "ad_copy", "email", "sns_post"):
            text = str(run(workspace, name, channel=channel, **data))
            assert not re.search(r"가능(?:으로|이|을|까지|의)|감소(?:로|가|를|까지|의)", text), (name, text)
            assert not re.search(r"드려요(?:로|\s*혜택)", text), (name, text)


def test_a_store_is_never_its_own_new_favorite(workspace):
    from brands.tests.factories import BrandKitFactory
    from generators.services import generator_run

    brand = BrandKitFactory(workspace=workspace, name="Paws Corner", language="en")
    data = {"product": "Paws Corner", "features": ["self-wash stations"], "category": "pet", "language": "en"}
    result = generator_run(name="headline", data={**data, "count": 10}, workspace_id=workspace.pk, brand=brand)
    assert not any("new favorite" in line.casefold() for line in result.output["headlines"])


@pytest.mark.parametrize(
    ("language", "data", "channel", "never", "first"),
    [
        ("ko", {"product": "트러플 뇨끼", "category": "food", "brief": "저희 식당 신메뉴 트러플 뇨끼"},
         "instagram_feed", ["구매"], None),
        ("en", {"product": "Brisket Melt", "category": "food", "brief": "New on the menu at our diner"},
         "kakao_feed", ["Shop", "Get yours"], "Order now"),
        # a drink at a café is ordered or picked up, no table is booked for it
        ("ko", {"product": "흑임자 오트라떼", "category": "beverage", "brief": "저희 카페 신메뉴 흑임자 오트라떼"},
         "instagram_feed", ["예약", "구매"], None),
        ("en", {"product": "Maple Oat Latte", "category": "beverage", "brief": "New on the menu at our cafe"},
         "instagram_story", ["Book", "Shop"], None),
        ("ko", {"product": "한강 플리마켓", "category": "event", "offer": "입장은 무료예요"}, "kakao_feed",
         ["혜택", "쿠폰"], None),
        ("en", {"product": "Wrap Cardigan", "category": "fashion", "offer": "20% off with code COZY20"}, "poster",
         ["offer", "deal"], None),
        ("en", {"product": "LedgerLoop", "category": "app", "offer": "30-day free trial"}, "email_newsletter",
         ["deal", "offer"], "Start free trial"),
    ],
)  # fmt: skip
def test_the_call_to_action_fits_the_business_and_the_medium(workspace, language, data, channel, never, first):
    ctas = run(workspace, "cta", channel=channel, language=language, count=5, **data)["ctas"]
    assert not any(word.casefold() in cta.casefold() for cta in ctas for word in never), ctas
    if first:
        assert ctas[0] == first


def test_hashtags_keep_no_generic_service_tags_and_no_mangled_ratio(workspace):
    tags = run(
        workspace,
        "hashtag",
        channel="naver_blog",
        language="ko",
        product="스마일라식",
        category="service",
        features=["전문의 1:1 정밀검사"],
    )["hashtags"]
    assert not {"#생활서비스", "#꿀팁"} & set(tags) and not any("11" in tag for tag in tags), tags


def test_with_no_benefit_known_none_is_invented(workspace):
    """The bug: "Big on a better everyday", "더 나은 일상, … 하나면 충분해" of any product."""
    for language, product in (("en", "Bacon Stack"), ("ko", "들기름 막국수")):
        data = {"product": product, "features": [], "language": language, "channel": "instagram_feed"}
        said = str(run(workspace, "slogan", count=5, **data)) + str(run(workspace, "headline", count=5, **data))
        assert not re.search(r"better everyday|something new|더 나은 일상|새로운 경험", said), said


def test_the_business_name_read_as_a_feature_is_no_claim(workspace):
    from brands.tests.factories import BrandKitFactory

    brand = BrandKitFactory(workspace=workspace, name="Harbor Bike Co.", language="en")
    data = {"product": "Tide Cruiser", "features": ["Harbor Bike Co", "60-mile range"], "language": "en"}
    result = generator_run(name="description", data=data, workspace_id=workspace.pk, brand=brand)
    assert "60-mile range" in result.output["description"] and "Harbor Bike Co." not in result.output["description"]


def test_a_dish_with_only_its_price_still_gets_an_ad(workspace):
    data = {"product": "들기름 막국수", "price": "11,000원", "features": ["국산 들기름을 씀"], "language": "ko"}
    assert run(workspace, "ad_copy", channel="instagram_feed", **data)["variants"]
