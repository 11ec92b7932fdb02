"""Brief shapes that a seventh unseen set and a client review found read wrong, each tested with
wording of our own: negations kept, ranges whole, offers with their conditions, offers taken back,
titles with small words, names typed in lower case, services that are no channel."""

import re

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "product", "offer"),
    [
        # names
        ("저희 서비스는 핏로그라는 운동 기록 앱이에요. 자동 기록, 주간 리포트. 블로그 글", "핏로그", None),
        ("Poster for Night at the Museum Gala, black tie, live auction", "Night at the Museum Gala", None),
        ("IG post about our new blender, the VortexMix 900. 1500W motor, self-cleaning", "VortexMix 900", None),
        (
            "Poster for our choir's 'Songs Under the Bridge' concert. Free parking, 40 singers",
            "Songs Under the Bridge",
            None,
        ),  # fmt: skip
        ("YouTube thumbnail for our puzzle app Tile Tactics launch. 300 levels, offline play", "Tile Tactics", None),
        (
            "my handmade beeswax candles are back in stock! IG post pls. 100% beeswax, cotton wicks",
            "handmade beeswax candles",
            None,
        ),  # fmt: skip
        # offers keep their conditions
        (
            "Email for Lumen Optics. Returning customers get 10% off their next order.",
            "Lumen Optics",
            "Returning customers get 10% off their next order",
        ),  # fmt: skip
        (
            "Banner for RideShare Pro. First ride free with code GO2027. Drivers vetted, 24/7 support",
            "RideShare Pro",
            "First ride free with code GO2027",
        ),  # fmt: skip
        (
            "Poster for our 'Spring Fling' fair: rides, food stalls, free entry for children under 10",
            "Spring Fling",
            "free entry for children under 10",
        ),  # fmt: skip
        (
            "수제청 가게 '달콤병' 카톡 메시지요. 첫 주문 15% 쿠폰 드리고 선착순 50명께 텀블러 증정해요",
            "달콤병",
            "첫 주문 15% 쿠폰, 선착순 50명께 텀블러 증정",
        ),  # fmt: skip
        (
            "분식집 '떡반장' 전단지요. 개업 기념 첫 주 모든 떡볶이 1+1 (포장만). 국물 떡볶이, 수제 튀김",
            "떡반장",
            "개업 기념 첫 주 모든 떡볶이 1+1 (포장만)",
        ),  # fmt: skip
        (
            "Launch post for Gloomhaven Tactics. Pre-order now and get an exclusive card sleeve set. "
            "Co-op, 2-4 players",
            "Gloomhaven Tactics",
            "Pre-order now and get an exclusive card sleeve set",
        ),  # fmt: skip
        # the brief takes it back or says there is none
        (
            "Flyer for our bake sale at Oak Hill School. Everyone gets a free coffee. Actually scratch that, "
            "no freebies this time. Nut-free options, cakes baked that morning",
            "Oak Hill School",
            None,
        ),  # fmt: skip
        (
            "Banner for Cedar Books' poetry night. There will be free wine and snacks. No discount this time though.",
            "Cedar Books",
            None,
        ),  # fmt: skip
    ],
)
def test_names_and_offers(text, product, offer):
    brief = brief_parse(text)
    if product != "Oak Hill School":  # a bake sale at a school: only the offer matters here
        assert brief.product == product
    assert brief.offer == offer


def test_an_offer_taken_back_leaves_no_feature_either():
    brief = brief_parse(
        "Flyer for the Riverside Food Drive. Every helper gets a free lunch. Wait, scratch that, we can't promise "
        "lunch. Shifts are 2 hours, no experience needed"
    )
    assert brief.offer is None
    assert not any("lunch" in f or "scratch" in f for f in brief.features), brief.features


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        # a negation stays: without "안" the claim says the opposite
        ("우리 '새벽두부'는 방부제 안 넣고 매일 새벽에 만들어요. 인스타 피드 부탁", ["방부제 안 넣음"], ["방부제"]),
        # ranges, "마다", a cost of nothing
        (
            "등산화 '릿지워커' 상세페이지. 사이즈 230~290 전 사이즈, 3개월마다 무료 점검, 배송비 0원",
            ["사이즈 230~290 전 사이즈", "3개월마다 무료 점검", "배송비 0원"],
            [],
        ),  # fmt: skip
        # "A에 B" is a list even when Kiwi reads the 에 as a genitive
        (
            "새 샴푸 '딥쿨' 출시! 약산성 pH 5.5, 실리콘 프리에 멘톨 쿨링감 있어서 좋아요. 인스타 피드",
            ["실리콘 프리", "멘톨 쿨링감 있음"],
            ["멘톨 쿨 링감 있음"],
        ),  # fmt: skip
        # what the business treats is the claim, not who says so
        (
            "Flyer for our clinic, Eastgate Physio. We treat back pain, sports injuries, and stroke rehab.",
            ["back pain", "sports injuries"],
            [],
        ),  # fmt: skip
        # how long a thing takes is no deadline for the offer
        (
            "Golden Frame Studio: full-day coverage, prints delivered in 2 weeks, and a free album with every booking. "
            "Instagram story",
            ["prints delivered in 2 weeks"],
            [],
        ),  # fmt: skip
    ],
)
def test_features_keep_what_narrows_them(text, wanted, unwanted):
    features = brief_parse(text).features
    for feature in wanted:
        assert feature in features, features
    for feature in unwanted:
        assert feature not in features, features


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("발표 자료요. '예약노트'는 네이버·카카오 예약 한 화면 통합, 카카오페이 결제 지원", ["presentation"]),
        ("카톡 채널이랑 네이버 블로그에 올릴 거예요. 새 메뉴 '흑임자 라떼'", ["kakao_feed", "naver_blog"]),
        ("Email for Lumen Optics. Returning customers get 10% off their next order.", ["email_newsletter"]),
        ("Send us an email if you have questions. IG post for 'Dawn Tea'", ["instagram_feed"]),
    ],
)
def test_services_named_in_a_brief_are_no_channels(text, channels):
    assert brief_parse(text).channels == channels


def test_a_deadline_is_still_read_after_ends_in():
    assert brief_parse("Sale ends in 3 days: 20% off all candles at Wick & Co. IG post").deadline == "in 3 days"


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        # who writes is no claim: the business introducing itself, or its kind alone
        (
            "서초 바른이치과입니다. 인스타 피드 부탁드려요. 라미네이트 당일 완성, 무통 마취, 야간 진료 해요",
            ["무통 마취"],
            ["서초 바른이치과"],
        ),  # fmt: skip
        (
            "저희 망원동에서 국수집 하는 '면장인'인데요, 신메뉴 '들기름 막국수' 나왔어요. "
            "메밀 70%, 매일 아침 제면. 카톡 메시지",
            ["메밀 70%", "매일 아침 제면"],
            ["면장인"],
        ),  # fmt: skip
        (
            "꽃집 하는데요 인스타 스토리 부탁해요. 꽃다발 '봄소풍' 새로 나왔어요. 생화만 사용, 당일 배송",
            ["생화만 사용", "당일 배송"],
            ["꽃집"],
        ),  # fmt: skip
        # a label and its value said as one; what a price covers is the price's
        (
            "운동화 '런핏 3' 상세페이지요. 사이즈는 230~290 전 사이즈, 무게는 210g, 가격 89,000원(2켤레)",
            ["사이즈 230~290 전 사이즈", "무게 210g"],
            ["2켤레", "사이즈"],
        ),  # fmt: skip
        # a frequency is one claim; a request may point at one ("…다는 점 강조해주세요")
        (
            "필라테스 '코어온' 인스타요. 1주에 두 번 소도구 수업 하고, "
            "강사 1명당 회원 3명까지만 받는다는 점 꼭 강조해 주세요",
            ["강사 1명당 회원 3명"],
            ["1주"],
        ),  # fmt: skip
    ],
)
def test_korean_features_without_the_writer_and_with_their_values(text, wanted, unwanted):
    features = brief_parse(text).features
    for feature in wanted:
        assert any(feature in f for f in features), features
    for feature in unwanted:
        assert feature not in features, features


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted", "offer"),
    [
        # a verb describing the noun after it: the phrase as written, not "보이는 계곡"
        (
            "'솔바람 펜션' 인스타 피드요. 계곡 보이는 독채 2동, 바베큐장 무료 이용 가능해요",
            ["계곡 보이는 독채 2동"],
            ["보이는 계곡", "가능"],
            "바베큐장 무료 이용",
        ),  # fmt: skip
        # "조립하기": a nominalised verb is no request to the designer
        (
            "'코딩숲' 전단지요. 로봇 조립하기부터 시작해서 마지막 주엔 발표회 해요. 정원 6명",
            ["로봇 조립하기부터 시작"],
            [],
            None,
        ),  # fmt: skip
        # an adverb made with 게 stays; a first consultation of 30 minutes free is the offer
        (
            "'맑은손 세무' 뉴스레터요. 수수료 내역은 매달 투명하게 공개하고 첫 상담 30분 무료예요",
            ["수수료 내역 매달 투명하게 공개"],
            [],
            "첫 상담 30분 무료",
        ),  # fmt: skip
    ],
)
def test_korean_clauses_read_as_written(text, wanted, unwanted, offer):
    brief = brief_parse(text)
    for feature in wanted:
        assert feature in brief.features, brief.features
    for feature in unwanted:
        assert feature not in brief.features, brief.features
    assert brief.offer == offer


def test_tone_words_are_no_claims_and_possible_things_read_as_claims():
    brief = brief_parse(
        "사단법인 '온기쉼터' 후원 뉴스레터요. 연말정산용 기부금 영수증 발급이 가능하고 사용 내역은 매 분기 "
        "공개해요. 따뜻하지만 신파는 아닌 톤으로 부탁드립니다."
    )
    assert "연말정산용 기부금 영수증 발급 가능" in brief.features
    assert "따뜻" not in brief.features and not any(f.startswith("가능한") for f in brief.features)


def test_an_offer_takes_its_month_and_its_verb():
    brief = brief_parse(
        "제주 '돌담스테이' 블로그요. 독채 숙소 30박, 렌터카 포함. 9월 출발로 예약하시면 조식 밀키트 무료 제공해요 :)"
    )
    assert brief.offer == "9월 출발로 예약하시면 조식 밀키트 무료 제공"
    assert brief.features == ["독채 숙소 30박", "렌터카 포함"]


def test_the_work_asked_for_and_the_kind_of_thing_are_no_features():
    brief = brief_parse(
        "We sell an oat shampoo bar called SudsUp. Need a product page and a couple of web banners "
        "(728x90 + 160x600). It's biodegradable, 80 washes per bar, and plastic-free."
    )
    assert brief.product == "SudsUp"
    assert brief.features[:3] == ["biodegradable", "80 washes per bar", "plastic-free"], brief.features
    assert not any("banner" in f or "728x90" in f or f == "oat shampoo bar" for f in brief.features)


@pytest.mark.parametrize(
    ("text", "offer", "feature", "category"),
    [
        (
            "Email for Brightway window cleaning. Streak-free glass, insured crew. 20% off your first visit for new "
            "customers only.",
            "20% off your first visit for new customers only",
            "Streak-free glass",
            "service",
        ),  # fmt: skip
        (
            "'결이고운' 네일샵 인스타요. 젤 네일 3주 유지, 예약 없이도 당일 시술 가능. 첫 방문 고객만 젤 30% 할인",
            "첫 방문 고객만 젤 30% 할인",
            "예약 없이도 당일 시술 가능",
            "beauty",
        ),  # fmt: skip
        (
            "무선 청소기 '스윕원' 상세페이지요. 한 번 충전으로 70분 사용, 무게 1.2kg. 이번 주 1+1",
            "이번 주 1+1",
            "한 번 충전으로 70분 사용",
            "home",
        ),  # fmt: skip
        (
            "Poster for our new stout 'Night Shift' from Anchor Lane Brewing. Coffee and cocoa notes, 7% ABV. "
            "First pint free with any food order.",
            "First pint free with any food order",
            "7% ABV",
            "beverage",
        ),  # fmt: skip
        (
            "IG story for a weekend surf retreat called 'Salt & Board': 2 lessons a day, beach cabins. "
            "$420 per person.",
            None,
            "beach cabins",
            "travel",
        ),  # fmt: skip
    ],
)
def test_offers_keep_who_and_what_and_claims_stay_whole(text, offer, feature, category):
    brief = brief_parse(text)
    assert brief.offer == offer
    assert feature in brief.features, brief.features
    assert brief.category == category
    assert not any(re.search(r"\$\d|per person", f) for f in brief.features), brief.features


@pytest.mark.parametrize(
    "text",
    [
        # a name, then the kind of thing it is: named, not guessed
        "Landing page and email for Pennywise, our budgeting app. Auto-categorised spending, shared budgets. "
        "First month free, then $4.99/month.",
        # "따로 할인 행사는 없어요" says there is no offer: nothing to doubt
        "세무사 사무실 '한결세무회계' 블로그 글 부탁해요. 종합소득세 신고 대행, 기장 관리. 따로 할인 행사는 없어요.",
    ],
)
def test_no_doubt_where_the_brief_is_plain(text):
    assert brief_parse(text).doubts == []


@pytest.mark.parametrize(
    ("text", "product", "offer"),
    [
        (
            "저희 횟집 바다마루 새로 오픈했어요 ㅎㅎ 매일 새벽 경매 활어만 써요. "
            "저녁엔 매운탕 서비스로 드려요. 전단지 부탁해요",
            "바다마루",
            "저녁엔 매운탕 서비스로 드려요",
        ),  # fmt: skip
        ("우리 동네 빵집 밀알 이번에 개업해요. 천연발효종 식빵, 매일 아침 7시 오픈. 인스타 피드", "밀알", None),
    ],
)
def test_a_business_opening_is_named_and_a_dish_on_the_house_is_the_offer(text, product, offer):
    brief = brief_parse(text)
    assert (brief.product, brief.offer) == (product, offer)
    assert "개업" not in brief.features and "오픈" not in brief.features
