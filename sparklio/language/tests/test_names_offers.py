"""Product names said outright, offers of the shapes a second, unseen brief set used, and that
set's measured floor (``blind_briefs.json`` was written by someone who never read the parser)."""

import json
from pathlib import Path

import pytest

from agents.quality import contains, normalized
from sparklio.language.brief.extract import brief_parse
from sparklio.language.brief.names import strip_category
from sparklio.language.brief.signals import find_offers


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("강남역 치과 블로그 글 써주세요. 수면마취 가능해요. 병원 이름은 연세바른치과입니다", "연세바른치과"),
        ("겨울 특강 포스터. 이름은 수학의정석학원 아니고 '정석수학 대치캠퍼스'야 소수정예 8명", "정석수학 대치캠퍼스"),
        ("헬스장 회원 모집 배너\n짐 이름 [핏앤코어 역삼점]\n24시간 운영", "핏앤코어 역삼점"),
        ("스토리로 만들어주세요\n스튜디오 이름: 바디밸런스 필라테스\n정원 4명", "바디밸런스 필라테스"),
        ("동네 빵집 오픈해요 이름은 밀과소금 이에요 천연발효종 식빵", "밀과소금"),
        ("제품명은 노르딕 오크 6인 식탁이고 북미산 화이트오크 통원목", "노르딕 오크 6인 식탁"),
        ("신제품 무선이어폰 SONA Buds Pro 런칭 랜딩페이지 제작 요청드립니다. 노이즈캔슬링", "SONA Buds Pro"),
        ("Brand: Halden\nItem: Merino Crew Sweater\nDetails: 100% merino", "Merino Crew Sweater"),
        ("small batch hot sauce, the new one is called Ghost Orchard, it's a ghost pepper sauce", "Ghost Orchard"),
        ("Hello,\nI run Summit Prep, a small SAT/ACT tutoring center. 6 weeks, 4 students per class", "Summit Prep"),
        ("We're a small team behind Tallyhub, an invoicing tool for freelancers.", "Tallyhub"),
        ("poster for our meetup: Build Local 2025, a one-day conference in Austin. 15 speakers", "Build Local 2025"),
        ("Doing a story for our dog treats, Pawsome Bites (the salmon ones). freeze-dried", "Pawsome Bites"),
        ("new blender launch. BlendPro 900. 1500W motor, 6 blades", "BlendPro 900"),
        # a kind of business, then its name; the request after it is no part of the name
        ("애견카페 멍플레이스 주말 이벤트 배너 부탁해요. 대형견 전용 운동장 있어요", "멍플레이스"),
        ("요가 앱 숨고르기 광고 소재 제작 부탁드립니다. 하루 10분 호흡 루틴", "숨고르기"),
        ("헤어샵 결이다름 인스타 피드 하나요 두피 스파 전문", "결이다름"),
        ("무인 아이스크림 할인점 달콤창고 오픈 관련 전단 부탁드려요", "달콤창고"),
        ("2박 시 조식 무료 제공 펜션 솔바람 블로그 이미지", "솔바람"),
        ("빵집 밀당 신메뉴 흑임자 크림빵 포스터 부탁해요", "흑임자 크림빵"),
        # "메인" labels only with a particle or a colon ("메인 비주얼" is a part of the design)
        ("세무 앱 '장부요정' 랜딩페이지 메인 비주얼 요청드립니다. 홈택스 자동 연동", "장부요정"),
        # lower-case new things, titles with small words, codes that are no product
        ("Our bakery is adding our new pistachio croissant to the menu this week. IG post pls", "pistachio croissant"),
        ("We're introducing the new cold brew tonic at both shops, $6. story please", "cold brew tonic"),
        ("The course is called Photoshop for Small Shops, 12 lessons. YouTube thumbnail", "Photoshop for Small Shops"),
        ("mobile bike repair, Spoke Doctors. we come to you and fix flats in 20 min. flyer please", "Spoke Doctors"),
        ("salt & pine beard oil — cedar scent, 30ml glass bottle. $18. IG post please", "salt & pine beard oil"),
        # the campaign's occasion is not part of the name
        ("무선 이어폰 X1 블랙프라이데이 할인 프로모션 위주로 인스타 피드랑 카톡", "무선 이어폰 X1"),
        ("한우 선물세트 추석 특가 포스터, 1++ 등급", "한우 선물세트"),
    ],
)
def test_product_named_outright(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("27인치 4K 모니터 뷰맥스 V27U", "뷰맥스 V27U"),
        ("기계식 키보드 KEYON K2", "KEYON K2"),
        ("무선 이어폰 X1", "무선 이어폰 X1"),  # a bare model number keeps its kind
        ("비타민 C 세럼", "비타민 C 세럼"),  # a kind of thing, not a name with a model
        ("단백한끼 도시락", "단백한끼 도시락"),
    ],
)
def test_strip_category(phrase, name):
    assert strip_category(phrase) == name


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("얼리버드 등록하면 수강료 15% 빠짐 ~12/15", "15% 빠짐"),
        ("신규회원은 쿠폰코드 GLOW10 쓰면 10% 더 할인돼요", "GLOW10"),
        ("오픈기념 선착순 50명 식빵 증정!!", "선착순 50명 식빵 증정"),
        ("런칭 기념으로 필터 3개 추가 증정 (선착순 100명)", "필터 3개 추가 증정 (선착순 100명)"),
        ("2봉 사면 1봉 더 드려요", "2봉 사면 1봉 더 드려요"),
        ("체험 1회 9,900원 (이번달까지만!)", "체험 1회 9,900원"),
        ("buy one get one half off this weekend only", "buy one get one half off"),
        ("We're running a bundle: any 3 shades for $45.", "any 3 shades for $45"),
        ("5oz bottles, $12 each or 3 for $30.", "3 for $30"),
        ("Early-bird: book before Dec 15 and save $300.", "save $300"),
        ("tickets $49, early bird $29 till May 1", "early bird $29"),
        ("Buy 2 months get 1 free for new subscribers.", "Buy 2 months get 1 free"),
        ("first 50 customers get a free bandana + blueberry facial. grand opening", "first 50 customers get a free"),
        ("- free consultation in Jan\n- financing available", "free consultation"),
        ("code HOLIDAY15 for 15% off until 12/20", "code HOLIDAY15 for 15% off"),
        # the condition stays with the offer: "50% off" alone would promise more than the brief does
        ("First class is 50% off for new students at Kinetic Climbing.", "First class is 50% off for new students"),
        ("Trail mix bars, $3 each, free sample pack with any $20 order.", "free sample pack with any $20 order"),
        ("Book by March 3 and save $40 on the retreat.", "Book by March 3 and save $40"),
        ("Early bird passes 30% off until April 2.", "Early bird passes 30% off"),
        ("Take $15 off if you order before noon.", "$15 off if you order before noon"),
        ("bundle it with the travel case for $89.", "bundle it with the travel case for $89"),
        ("2박 시 조식 무료 제공해요", "2박 시 조식 무료"),
        ("오픈 기념 전 메뉴 20% 할인", "오픈 기념 전 메뉴 20% 할인"),
        ("사무실 이전 시 이사비 면제 혜택!", "이사비 면제"),
        ("벽걸이 6만원부터고 6월 전에 조기예약하면 1만원 할인해드려요.", "6월 전에 조기예약하면 1만원 할인"),
        ("이번달 등록하시면 첫 달 50% 할인이에요", "이번달 등록하시면 첫 달 50% 할인"),
    ],
)
def test_offer_shapes(text, offer):
    found, _ = find_offers(text)
    assert found and offer in found, found


def test_list_lines_and_decimals_stay_whole_in_english_features():
    brief = brief_parse(
        "Product: Voltra PowerDock 240\n- 240W total output\n- GaN tech\nWe've got 98.7% on-time delivery"
    )
    assert "240W total output" in brief.features
    assert "GaN tech" in brief.features
    assert any("98.7%" in feature for feature in brief.features)


@pytest.mark.parametrize(
    "text",
    [
        "안녕하세요~ 저희 단백한끼 도시락 상세페이지 부탁드려요. 한 팩에 단백질 32g, 전자레인지 2분이면 끝나요.",
        "'블룸박스' 2주에 한 번 제철 꽃 배송이구요 새벽배송으로 받아볼 수 있어요",
        "'리틀하버드 영어' 파닉스반/리딩반 나눠서 운영, 레벨테스트 무료로 받아보실 수 있습니다. 등록 마감은 2월 20일",
        "강남역 '연세바른치과' 원장님이 보철과 전문의시고 야간진료 해요",
    ],
)
def test_garbled_or_empty_korean_claims_are_dropped(text):
    features = brief_parse(text).features
    assert not {"안녕", "원장님", "등록 마감", "운영"} & set(features), features
    for feature in features:
        assert not feature.endswith(" 수") and " 요 " not in f" {feature} " and "볼볼" not in feature, features


def test_bulleted_lines_under_a_label_and_word_pairs_stay_whole():
    brief = brief_parse(
        "Launching Tabletide, a booking tool. Key features:\n• drag-and-drop floor plans\n• 24/7 support\n"
        "• no-show alerts\nWe're licensed and insured, family owned and operated. Need a landing page."
    )
    assert brief.features[:3] == ["drag-and-drop floor plans", "24/7 support", "no-show alerts"]
    claims = brief_parse("Harbor Roofing. 24/7 emergency repairs, licensed and insured, free estimates. flyer").features
    assert "licensed and insured" in claims, claims


def test_a_whole_claim_replaces_the_bare_nouns_a_cue_gave():
    features = brief_parse(
        "세무사무소 '바른셈' 블로그 이미지요. 세무사 직접 상담이 제일 강점이고 설계부터 신고까지 원스톱이에요"
    ).features
    assert "세무사 직접 상담" in features, features
    assert not {"세무사", "상담"} & set(features), features


def test_where_the_material_goes_is_no_feature():
    brief = "세탁 업체 '뽀송하루' 전단지 만들어 주세요 아파트 단지에 돌릴거에요. 운동화 세탁 당일 완료, 무료 수거."
    assert not any("단지" in feature for feature in brief_parse(brief).features)


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        # "만" (only) and a range ("부터 … 까지") are part of the claim; so is an adverb that says how
        ("꽃집 '풀잎상회' 홍보요. 당일 배송 가능 + 국산 생화만 사용함. 카톡 채널로 보낼거에요", "국산 생화만 사용"),
        ("인테리어 회사 '집짓기'인데 상담부터 입주 청소까지 원스톱이고 하자보수 1년", "상담부터 입주 청소까지 원스톱"),
        ("동네 베이글집 '베이글로' 인스타요. 매일 새벽 5시에 구워요. 크림치즈 8종", "매일 새벽 5시에 구"),
    ],
)
def test_what_narrows_a_korean_claim_stays_in_it(text, feature):
    features = brief_parse(text).features
    assert any(f.startswith(feature) for f in features), features


def test_spoken_korean_lists_give_each_claim():
    """ "A에 매달 B 해드리고" lists two things; "다 봐주고" is a service, not a request to the
    designer; laughter ends a sentence; a cut clause ends as a statement."""
    brief = (
        "동네 요가원 '숨쉼'이에요 포스터 부탁해요 ㅎㅎ 소수정예 4명이라 자세 하나하나 다 봐주고 "
        "1:1 체형 분석에 매주 호흡 클래스 해드려요"
    )
    features = brief_parse(brief).features
    assert "소수정예 4명" in features, features
    assert "1:1 체형 분석" in features and "매주 호흡 클래스" in features, features
    assert any(f.endswith("봐줌") for f in features), features


def test_a_neighbourhood_alone_is_no_feature():
    brief = "망원동에 새로 연 카페 '모래언덕'이에요. 루프탑 좌석이 있고 원두를 직접 볶아요. 인스타 피드"
    features = brief_parse(brief).features
    assert "망원동" not in features and "루프탑 좌석" in features, features


def test_labels_and_greetings_are_no_features():
    brief = brief_parse(
        "Hi there,\nWe're the team behind Tallyhub. Key points: recurring invoices, payment reminders. Keep it warm."
    )
    assert brief.features[:2] == ["recurring invoices", "payment reminders"]
    assert not {"Hi there", "Key points", "Keep it warm"} & set(brief.features)


# what the parse got right of each unseen set when last measured (bench/README.md): set 1 was
# tuned on, set 2 had one round of fixes, set 3 was measured blind first (23/24/29 of 40 for
# product/offer/features), then fixed for the general failures it showed
FLOORS = {
    "blind_briefs.json": {"product": 44, "features": 44, "offer": 36, "channels": 42},
    # (features 28: a 29th had matched only through the junk "EPA+DHA 1,000mg. 정기구독", gone once the
    # offer took in its condition "정기구독하면")
    "blind_briefs_2.json": {"product": 31, "features": 29, "offer": 28, "channels": 37},
    "blind_briefs_3.json": {"product": 38, "features": 29, "offer": 27, "channels": 37},
    # set 4 measured blind first (product 21, features 31, offer 16, channels 35), then fixed
    "blind_briefs_4.json": {"product": 39, "features": 34, "offer": 26, "channels": 40},
    # set 5 measured blind after set 4's fixes (product 23, features 27, offer 25, channels 36), then fixed
    "blind_briefs_5.json": {"product": 38, "features": 35, "offer": 30, "channels": 40},
    # set 6 measured blind after set 5's fixes (product 16, features 34, offer 22 of 31, channels 40), then fixed
    "blind_briefs_6.json": {"product": 33, "features": 39, "offer": 31, "channels": 40},
    # set 7 measured blind after set 6's fixes (product 29, features 27, offer 29 of 32, channels 39), then fixed
    "blind_briefs_7.json": {"product": 35, "features": 37, "offer": 32, "channels": 40},
    # set 8 measured blind after set 7's fixes (product 19, features 28, offer 20 of 32, channels 36), then fixed
    "blind_briefs_8.json": {"product": 34, "features": 30, "offer": 31, "channels": 36},
    # set 9 measured blind after set 8's fixes (product 24, features 33, offer 10 of 31, channels 35), then fixed
    "blind_briefs_9.json": {"product": 36, "features": 38, "offer": 27, "channels": 35},
    # set 10 measured blind after set 9's fixes (product 27, features 30, offer 10 of 30, channels 39), then fixed
    "blind_briefs_10.json": {"product": 40, "features": 32, "offer": 28, "channels": 39},
    # set 11 measured blind after set 10's fixes (product 29, features 34, offer 13 of 31, channels 39), then fixed
    "blind_briefs_11.json": {"product": 36, "features": 35, "offer": 28, "channels": 39},
    # set 12 measured blind after set 11's fixes (product 20, features 32, offer 18 of 30, channels 37), then fixed
    "blind_briefs_12.json": {"product": 38, "features": 35, "offer": 30, "channels": 40},
    # set 13 measured blind after set 12's fixes (product 20, features 31, offer 22 of 31, channels 39), then fixed
    # (left: an event's year, a brand before a serum, a studio's name before its sessions, which the set
    # writers themselves read both ways; a coworking space named only beside its "월 멤버십")
    "blind_briefs_13.json": {"product": 35, "features": 40, "offer": 31, "channels": 40},
    # set 14 measured blind after set 13's fixes (product 18, features 32, offer 24 of 32, channels 39), then
    # fixed by weighing every product candidate as the seller's identity or the offering it promotes
    # (offering.settle) rather than by more sentence rules
    "blind_briefs_14.json": {"product": 38, "features": 33, "offer": 30, "channels": 39},
    # set 15 never tuned on: measured blind before set 13's fixes (product 17, features 31, offer 22 of 31,
    # channels 36) and again after sets 13 and 14 were fixed (17, 30, 22, 36): neither carried over
    "blind_briefs_15.json": {"product": 17, "features": 30, "offer": 22, "channels": 36},
    # set 16 measured blind after the product ranker landed (it only doubts): product 24, features 20 (Korean 6
    # of 20: serial verbs cut, "강화도 쑥 직접 갊"), offer 30 of 34, channels 39; then its general feature failures
    # fixed (serial verbs, noun-form notes, circled lists, the writer's plan, a letter's frame, ranges)
    "blind_briefs_16.json": {"product": 24, "features": 25, "offer": 30, "channels": 39},
    # set 17 measured blind after set 16's fixes (product 23, features 22, offer 21 of 32, channels 36); then its
    # general failures fixed (addresses, dates and request labels as products, the writer's own business said as
    # who they are, a subject line's bracketed name, labelled offers, a price's unit, causes and public bodies)
    "blind_briefs_17.json": {"product": 36, "features": 26, "offer": 23, "channels": 36},
}
ALIASES = {
    "landing_page": "product_detail",
    "blog": "naver_blog",
    "banner": "web_banner",
    "newsletter": "email_newsletter",
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_unseen_brief_sets_keep_their_floor(name):
    """A change that reads fewer of them right fails here."""
    right = {"product": 0, "features": 0, "offer": 0, "channels": 0}
    for item in json.loads((Path(__file__).parent / name).read_text()):
        expect, brief = item["expect"], brief_parse(item["brief"])
        right["product"] += normalized(brief.product or "") == normalized(expect["product"])
        found = [f for f in expect["features"] if any(contains(normalized(v), set(), f) for v in brief.features)]
        right["features"] += len(found) >= min(2, len(expect["features"]))
        right["offer"] += bool(expect["offer"]) and contains(normalized(brief.offer or ""), set(), expect["offer"])
        wanted = [ALIASES.get(c, c) for c in expect["channels"]]
        right["channels"] += bool(wanted) and wanted == brief.channels
    for field, floor in FLOORS[name].items():
        assert right[field] >= floor, (field, right)


@pytest.mark.parametrize(
    ("text", "product", "doubted"),
    [
        ("Snackwise monthly box – 15 better-for-you snacks, all under 200 calories. IG feed post", "Snackwise", True),
        ("pulse band 3 launch post for insta. 14 day battery, weighs 24g. $59", "pulse band 3", False),
        ("Great coffee for busy mornings, make an ad", None, True),
        ("Handmade soap bars, lavender and oat", None, True),
    ],
)
def test_a_weaker_guess_beats_refusing_the_brief_and_is_marked_as_a_guess(text, product, doubted):
    from sparklio.language.brief.facts import facts_from_brief

    facts = facts_from_brief(text)
    assert facts.product == product
    assert ("product" in facts.doubts) is doubted


@pytest.mark.parametrize(
    ("text", "doubted"),
    [
        ("멍스낵 수제 오리목뼈 간식 2종 인스타 피드 만들어줘. 국내산 오리, 무첨가", True),  # a long phrase
        ("Make a YouTube thumbnail for the Orbit S smartwatch: 14-day battery, ECG", False),  # YouTube is no rival
        ("'Nimbus 2' robot vacuum for our YouTube channel, 8000Pa suction, self-emptying", False),
    ],
)
def test_a_second_reading_that_disagrees_marks_the_product_as_doubtful(text, doubted):
    assert ("product" in brief_parse(text).doubts) is doubted


# Shapes set 4 showed, each in other words than set 4's own: the product a brief promotes beside
# the business that sells it, a name only in a hashtag, a brand in brackets over the product's
# line, a branch, a business on a poster line, a spec or platform never taken for the product.
@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "so we're a bakery called Flour Lane and this week we're launching our new loaf, the Harvest Rye. "
            "sourdough, 36h ferment",
            "Harvest Rye",
        ),
        (
            "Email for Oakridge Swim School. This term we want to promote our Little Dolphins program: ages 3-5",
            "Little Dolphins",
        ),
        (
            "We make the Volt Ring 2 so it's obviously our ad. 7 day battery, sleep tracking. YouTube thumbnail",
            "Volt Ring 2",
        ),
        ("We're Brightleaf — bookkeeping for florists. Monthly close in 3 days, flat fee", "Brightleaf"),
        ("warm cozy vibes for the feed. beeswax, 40hr burn #EmberGlowCandles #shopsmall", "Ember Glow Candles"),
        ("blog post for Cedar Hill Dental please, about clear aligners and same-day crowns", "Cedar Hill Dental"),
        ("brunch is back at Luna Verde every sunday, bottomless mimosas $15", "Luna Verde"),
        ("[하루담] 저당 그래놀라 400g\n당류 3g\n오트 듬뿍\n상세페이지 부탁드려요", "저당 그래놀라"),
        (
            "요즘 다들 비싼 고데기만 찾는데요 저희꺼는 반값이에요. 1200W 모터, 무게 400g #컬링마스터 #고데기추천",
            "컬링마스터",
        ),
        ("회원 모집 이벤트!! 핏플러스 잠실점 24시간 운영, 락커 무료", "핏플러스 잠실점"),
        ("전단지요\n해님수학교습소\n초중등 수학 전문\n소수정예", "해님수학교습소"),
        ("딸기잼이랑 블루베리잼 말고 새로 나온 무화과잼 알리고 싶어요. 국산 무화과 70%", "무화과잼"),
        ("'달빛공방'이라는 이름으로 도자기 원데이클래스 하고 있어요. 2인 예약시 10% 할인", "달빛공방"),
        ("시즌 메인으로 미는 제품이에요. 제품명은 '포근 경량 조끼' 입니다. 무게 180g", "포근 경량 조끼"),
    ],
)
def test_product_beside_a_business_or_only_tagged(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Sign up before Friday and get 2 months free on the Pro plan", "2 months free"),
        ("Holiday deal: $39 annual pass instead of $79", "$39 annual pass instead of $79"),
        ("all-you-can-climb for $59 first month, then $89", "for $59 first month"),
        ("Early bird passes $99 until May 1", "Early bird passes $99"),
        ("wing night! $1 wings all night plus $4 pints", "$1 wings all night plus $4 pints"),
        ("친구랑 같이 가입하면 2개월 추가 드려요", "2개월 추가"),
        ("2박 이상이면 조식 무료예요", "2박 이상이면 조식 무료"),
        ("처음 오신 분께 운동화 2켤레 무료세탁 쿠폰 드려요", "운동화 2켤레 무료세탁 쿠폰"),
        ("오픈 기념으로 라떼 2,000원 이벤트 해요", "라떼 2,000원 이벤트"),
        ("이번달 안에 예약하시면 보정본 10장 추가 제공해드려요", "보정본 10장 추가 제공"),
    ],
)
def test_offer_shapes_of_set_four(text, offer):
    found, _ = find_offers(text)
    assert found and offer in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("전 상품 무료배송 / 1+1 행사 아님 주의!!", "1+1"),
        ("We're not doing any discount on this one. Fragrance-free, pH 5.5", None),
        ("할인 같은건 없고 분위기 위주로요. 계곡뷰, 반려견 동반 가능", None),
    ],
)
def test_denied_offers_are_no_offer_and_no_doubt(text, absent):
    brief = brief_parse(text)
    if absent:
        assert absent not in (brief.offer or "")
    assert "offer" not in brief.doubts


def test_features_leave_out_the_briefs_talk_about_itself():
    brief = brief_parse(
        "hey so we're a tiny studio in Leeds called Kiln & Co 😊 hand-thrown mugs, dishwasher safe, 350ml. "
        "normally $38. putting it up at the market stall. Don't compare us to IKEA pls"
    )
    features = " | ".join(brief.features).casefold()
    for junk in ("we're", "putting", "ikea", "$38"):
        assert junk not in features
    assert "dishwasher safe" in features


def test_a_run_of_korean_specs_is_several_features():
    brief = brief_parse("새로 나온 무선청소기 '에어핏 S3' 흡입력 18000pa 배터리 40분 무게1.1kg 이에요 인스타 피드요")
    assert {"흡입력 18000pa", "배터리 40분"} <= set(brief.features)


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Fwd from the owner:\nBrightnest Cleaning Co — move-out cleans, eco products, bonded staff. $40 off",
            "Brightnest Cleaning Co",
        ),
        ("Thumbnail please. It's the Nomad Kettle Mini — 0.5L, boils in 90 seconds, USB-C", "Nomad Kettle Mini"),
        (
            "A flyer for a dog daycare - Happy Paws Social Club. Open 7am to 7pm, webcams in every room.",
            "Happy Paws Social Club",
        ),
        (
            "Story for the shop! New flavour: Black Sesame Swirl 🍦 — made with roasted sesame paste",
            "Black Sesame Swirl",
        ),
        (
            "Brand: Greenleaf Labs. Product we're pushing: Daily Greens Powder. 25 superfoods, no added sugar",
            "Daily Greens Powder",
        ),
        (
            "Monthly newsletter for members of Summit Climbing Gym. New bouldering wall, yoga on Sundays",
            "Summit Climbing Gym",
        ),
        ("From: Jamie Park\nSubject: promo\n\nTrailmix Co — trail snacks for hikers. 12 flavors", "Trailmix Co"),
        ("Our YouTube review of the HushPod Max vs the competition. 30h battery", "HushPod Max"),
        ("가게 앞에 붙일 전단이요 세탁소 이름 하얀나래 꼭 크게 넣어주세요 와이셔츠 1,500원", "하얀나래"),
        ("이름은 바른자세요가 합정점이구 소수정예로 해요", "바른자세요가 합정점"),
        ("브랜드는 '포근잠'이고 이번에 미는 건 라텍스 베개 구름 이에요. 통기성 좋음", "라텍스 베개 구름"),
        ("분식집이에요 가게 이름 떡볶이연구소이고 신메뉴 치즈폭탄 로제떡볶이 홍보할거에요", "치즈폭탄 로제떡볶이"),
        ("다른 브랜드랑 비교하는 영상인데 저희건 '하이핏 러닝벨트 S' 이고 무게 80g", "하이핏 러닝벨트 S"),
        ("상세페이지요. 제품명은 스마트쿡 K7 에어프라이어 이고 용량 7L", "스마트쿡 K7"),
        ("투자 IR 자료요. 현재 가맹점 800곳에서 쓰는 '오더플로우' 라는 주문관리 솔루션이에요", "오더플로우"),
    ],
)
def test_product_set_off_by_a_dash_a_kind_label_or_what_is_pushed(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("'바삭공방' 신메뉴요. 국내산 닭다리살만 쓰고 주문 즉시 튀겨요.", "주문 즉시 튀김"),  # not "튀기는 주문 즉시"
        ("'냥샘' 정수기예요. 소음이 거의 없어요", "거의 없는 소음"),  # 없다 takes -는, never "없은"
        ("'세탁왕' 앱이에요 구글·아웃룩 캘린더 연동, 수거 알림", "구글·아웃룩 캘린더 연동"),
        ("입주청소 '반들홈'. A/S 3일 보장, 친환경 세제", "A/S 3일 보장"),
    ],
)
def test_korean_claims_keep_what_was_written(text, feature):
    assert feature in brief_parse(text).features


def test_korean_features_leave_out_labels_requests_and_self_description():
    brief = brief_parse(
        "교육팀 전달드려요. 동네 빵집인데요 '밀담' 신메뉴 홍보물 요청이요. 일시, 장소는 아래요. "
        "프랑스산 버터, 천연 발효종 사용"
    )
    for junk in ("교육팀", "동네 빵집", "홍보물", "일시", "장소"):
        assert all(junk not in f for f in brief.features), (junk, brief.features)
    assert "프랑스산 버터" in brief.features


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("카카오 채널 피드에 올릴 거 하나요. '꿀잠베개' 20% 할인", ["kakao_feed"]),
        ("B2B 랜딩이랑 투자 덱 표지 부탁해요. 제품명: 워크핏", ["product_detail", "presentation"]),
        ("'작은책방' 북토크 포스터랑 뉴스레터 배너 요청드려요", ["poster", "email_newsletter"]),
        ("블로그 후기 포스팅 썸네일이요. 제품은 '물결 토너'예요", ["naver_blog"]),
        ("브이로그 올리는데 썸네일이랑 블로그 소개글 같이요. '솔숲 캠핑장'", ["youtube_thumbnail", "naver_blog"]),
    ],
)
def test_channels_read_with_their_neighbours(text, channels):
    assert brief_parse(text).channels == channels


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("첫 상담 20분 무료로 해드려요", "첫 상담 20분 무료로"),
        ("한 박스 3개 사시면 1개 더 드려요", "3개 사시면 1개 더"),
        ("2세트 이상 구매하시면 무료배송이에요", "2세트 이상 구매하시면 무료배송"),
        ("회원가 12,000원으로 이번 주까지만", "회원가 12,000원"),
        ("오픈 이벤트로 29,000원에 드려요", "이벤트로 29,000원"),
        ("할인코드 SPRING5 쓰면 5% 할인돼요", "할인코드 SPRING5 쓰면 5% 할인"),
        ("Subscribe & save 10% on every refill", "Subscribe & save 10%"),
    ],
)
def test_offer_shapes_of_set_five(text, offer):
    found, _ = find_offers(text)
    assert found and offer in found


@pytest.mark.parametrize(
    ("text", "price", "deadline"),
    [
        ("'바른정비' 엔진오일 교환 기본 6만원부터. 20% 할인", "6만원부터", None),
        ("'Casa Salsa' nights — $15 drop-in, your first class is free!! 8pm every Saturday", "$15", None),
        ("'Ledgerly' tax prep. Basic returns from $149. Book now and get $25 off", "from $149", None),
        ("'하늘요가' 매주 토요일 아침 수업, 첫 수업 무료", None, None),
    ],
)
def test_a_starting_price_says_so_and_a_schedule_is_no_deadline(text, price, deadline):
    brief = brief_parse(text)
    assert brief.price == price
    assert brief.deadline == deadline
