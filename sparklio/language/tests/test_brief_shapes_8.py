"""Brief shapes that an eighth unseen set found read wrong, each tested with wording of our own:
the thing promoted beside the business that sells it, names kept as labelled or quoted, offers with
the condition before them, offers planned and dropped, and how a thing is made said with "we"."""

import pytest

from sparklio.language.brief import brief_parse

_NAMES = {
    # what is promoted, beside the business that sells it
    "Hey! We're Copper Kettle Tea Room in Leeds. Afternoon tea for two, scones baked daily. IG post": (
        "Copper Kettle Tea Room"
    ),
    "Flyer for Three Sisters & A Truck Catering. Weddings, corporate lunches, vegan menus": (
        "Three Sisters & A Truck Catering"
    ),
    "Our podcast Night Shift Notes is back for season 2! 12 episodes, guests from ER nurses. YouTube thumbnail": (
        "Night Shift Notes"
    ),
    "Greenleaf Garden Centre — spring drop: the Terra Raised Bed. Cedar, no tools needed. Product page": (
        "Terra Raised Bed"
    ),
    "We run a small pottery studio and want to push our wheel-throwing taster this month. 2 hours, all clay "
    "included. poster": "wheel-throwing taster",
    "Maple & Moss Florists is promoting Everlasting rose domes for Valentine's. Preserved roses last a year. FB ad": (
        "Everlasting rose domes"
    ),
    "Poster for the Riverside Night Market 2027, 60 food stalls, live bands, free entry": "Riverside Night Market 2027",
    "상세페이지 부탁해요. 제품명은 MORNING 린넨 원피스, 워싱 린넨 100%, 4가지 컬러": "MORNING 린넨 원피스",
    "저희 회사 솔루션 'StockPilot 재고관리' 소개 자료 필요합니다. 바코드 스캔, 자동 발주": "StockPilot 재고관리",
    "카페 새벽두시예요 겨울 신메뉴 이름은 밤 크림 라떼 🌰 국산 밤 직접 삶아서 올려요. 인스타 피드": "밤 크림 라떼",
    "We're hosting our summer series 'Jazz in the Courtyard' — 6 Friday nights, picnic blankets welcome. poster": (
        "Jazz in the Courtyard"
    ),
    # a name given under a label or in quotes is kept as written
    "Listing: 88 Orchard Row, Bath. 3 bed cottage, walled garden. Need a flyer": "88 Orchard Row",
    "Offering: LedgerSync Pro, an automated reconciliation service for accounting firms with more than forty staff "
    "on payroll. Banner": "LedgerSync Pro",
}


@pytest.mark.parametrize(("text", "product"), list(_NAMES.items()))
def test_the_name_a_reader_would_put_on_the_design(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # the condition before the offer is part of it
        ("PT 스튜디오 오픈해요 선착순 20명은 첫 달 40% 할인해드려요 포스터", "선착순 20명은 첫 달 40% 할인"),
        (
            "귤 농장 직송이에요 5박스 이상 단체 주문하시면 택배비 무료! 상세페이지",
            "5박스 이상 단체 주문하시면 택배비 무료",
        ),
        ("베이킹 클래스 1인 5만원, 친구랑 2인 신청하시면 1인당 5천원 할인 인스타", "2인 신청하시면 1인당 5천원 할인"),
        (
            "Gym email: refer a friend and you both get a free month. Open 24/7",
            "refer a friend and you both get a free month",
        ),
        (
            "Pizza night IG post: free garlic knots with any large pie this Friday",
            "free garlic knots with any large pie",
        ),
        # shapes of a deal with no percent or "free" in them
        ("세탁기 청소 전문 '깨끗맨'입니다 2대 이상 하시면 대당 5천원씩 빼드려요 전단지", "5천원씩 빼드려요"),
        ("분양 홍보 랜딩페이지, 역세권 도보 5분, 중도금 50% 무이자", "중도금 50% 무이자"),
        (
            "Open house flyer, 3 bed 2 bath. Seller is offering $5,000 toward closing costs",
            "$5,000 toward closing costs",
        ),
    ],
)
def test_offers_keep_what_they_depend_on(text, offer):
    assert offer in (brief_parse(text).offer or ""), brief_parse(text).offer


@pytest.mark.parametrize(
    "text",
    [
        "꽃 구독 홍보물이요. 원래 첫 달 반값 이벤트 하려고 했는데 이번엔 안 하기로 했어요. 격주 배송, 관리 카드 동봉",
        "Blog post for our tune-up. Last year we ran 15% off tune-ups but we're not doing that this time. "
        "Done in 48 hours",
        "Landing page for our MDR service. 24/7 monitoring. Please do not reference price, discounts, or promotions.",
        "세탁 서비스 전단이요. 할인 문구는 빼주세요! 수거 배달, 당일 완료",
    ],
)
def test_an_offer_dropped_or_forbidden_is_no_offer_and_no_feature(text):
    brief = brief_parse(text)
    assert brief.offer is None, brief.offer
    assert not any("안 하기로" in f or "not doing" in f or "15%" in f for f in brief.features), brief.features


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("We're Hearth Loaf and we bake sourdough daily. IG post please", "Sourdough baked daily"),
        (
            "Northside Coffee: we roast our beans in small batches every Tuesday. Story",
            "Beans roasted in small batches",
        ),
        (
            "Smokehouse 61 — we smoke pork shoulder for 12 hours over hickory. flyer",
            "Pork shoulder smoked for 12 hours",
        ),
        (
            "we're a family dentist, we also do same day crowns now which is a big deal and we take most insurance "
            "can you make a post",
            "same day crowns",
        ),
    ],
)
def test_how_a_thing_is_made_or_served_is_a_feature(text, feature):
    features = brief_parse(text).features
    assert any(f.startswith(feature) for f in features), features
