"""Brief shapes that a tenth unseen set read wrong, each tested with wording of our own: the new
thing a Korean brief announces in a sentence ("신상품은 X예요", "X를 시작하는데", "X 예약 받아요"),
the English business's new thing and a name in brackets after the kind of business, and an
English deal read with who gets it, on what condition and for how long."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("반찬가게 사장이에요 이번 신메뉴는 매콤 우엉조림이에요 국산 우엉만 써요 인스타 피드", "매콤 우엉조림"),
        ("수제청 브랜드 달빛공방이고요 새로 나온 게 자몽 허니청인데 설탕 대신 꿀이에요 상세페이지", "자몽 허니청"),
        ("분식차 하는데요 새로 로제 떡볶이 나왔어요 치즈 추가 가능해요 스토리 부탁", "로제 떡볶이"),
        (
            "저희 바른한의원에서 다이어트 한약 프로그램을 시작하는데 1:1 체질 상담 포함이에요 블로그",
            "다이어트 한약 프로그램",
        ),
        ("크리스마스 딸기 케이크 예약 받아요 생크림 동물성 100%이고 포스터 필요해요", "딸기 케이크"),
        (
            "튼튼치과 홍보팀입니다. 이번에 임플란트 케어 프로그램 리뉴얼해서 블로그 글 부탁드려요",
            "임플란트 케어 프로그램",
        ),
        ("온라인 코딩 강의 주말 파이썬 캠프 랜딩페이지 부탁해요 하루 4시간 실습 위주", "주말 파이썬 캠프"),
        # a quoted name the brief promotes beats the new thing said around it
        ("간식몰이에요 새로 나온게 동결건조 북어 큐브인데 이름은 '북어한입'으로 정했어요 상세페이지", "북어한입"),
        # and a quoted shop is what to show when the orders it takes name no product
        ("꽃집 '봄날상회'예요 입학식 꽃다발 미리 예약 받는 중이에요 카톡", "봄날상회"),
        # English
        ("quick fb post for our deli's new smoked brisket sandwich — 14-hour smoke, $13", "smoked brisket sandwich"),
        ("we run a little knife sharpening truck (edge express) around Dayton. flyer please", "edge express"),
        ("Brand: Oakmoss\nProduct: the Trail Daypack 22\nwaterproof zips. web banner", "Trail Daypack 22"),
        (
            "Law office here, promoting our small business contract review package: 48-hour turnaround. FB post",
            "small business contract review package",
        ),
        ("deck for a meetup talk. topic: our product ledgerly, an expense tool for clubs", "ledgerly"),
        # a sale is no product, whatever is promoted
        ("Facebook post promoting our winter sale on wool scarves, 25% off", "wool scarves"),
    ],
)
def test_the_new_thing_a_brief_announces_is_its_product(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Bike tune-ups at Spoke & Chain. Teams of 3 or more get 20% off. IG post", "Teams of 3 or more get 20% off"),
        (
            "Yoga studio poster. Members who sign up before June 1 get $30 off. Hot room, 90 min.",
            "Members who sign up before June 1 get $30 off",
        ),
        ("Flooring ad: 10% off orders over 800 sq ft. web banner", "10% off orders over 800 sq ft"),
        ("launch promo: buy 3 get 1 free for the first 10 days. story", "buy 3 get 1 free for the first 10 days"),
        (
            "Offer is a 14-day free trial, no credit card required. landing page",
            "14-day free trial, no credit card required",
        ),
        ("summer sale 15% off thru July 31. banner for the shop", "summer sale 15% off thru July 31"),
        # a price before the deal is the price, not its condition; a decimal point ends no sentence
        ("Pricing is $19/month after a 14-day free trial. landing page", "14-day free trial"),
        ("Only $24.99 with free delivery this week. IG post", "free delivery this week"),
    ],
)
def test_an_english_deal_keeps_who_gets_it_and_for_how_long(text, offer):
    assert brief_parse(text).offer == offer


def test_a_price_stays_the_price_beside_a_trial():
    brief = brief_parse("Pricing is $19/month after a 14-day free trial. landing page for Ledgerly")
    assert brief.price == "$19/month"


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("영어학원 봄학기 전단지 초등 대상, 선착순 20명 수강료 5만원 할인", "선착순 20명 수강료 5만원 할인"),
        ("떡집이에요 이번주 토일 이틀만 1+1 행사해요 포스터", "이번주 토일 이틀만 1+1 행사"),
        ("상세페이지 부탁해요 사진 후기 남기시면 파우치 1개 더 드려요", "사진 후기 남기시면 파우치 1개 더 드려요"),
        ("앱 출시 기념 프리미엄 첫 달 무료 체험 해드려요 인스타 광고", "출시 기념 프리미엄 첫 달 무료 체험"),
        ("방문 청소 '싹싹' 포스터 첫 이용 시 39,000원이에요", "첫 이용 시 39,000원"),
        ("양말 쇼핑몰 배너 1켤레 5,000원인데 3켤레 구매시 12,000원", "3켤레 구매시 12,000원"),
        ("헬스장 스토리 부탁해요. 친구 추천하면 둘 다 1개월 연장해드려요", "친구 추천하면 둘 다 1개월 연장"),
        ("국밥집 카톡 보낼 거예요. 학생증 보여주면 계란후라이 서비스 드려요", "학생증 보여주면 계란후라이 서비스"),
        ("first deep clean $99 (normally $160). flyer for Shine Bros", "first deep clean $99 (normally $160)"),
    ],
)
def test_a_korean_deal_keeps_its_condition_and_days(text, offer):
    assert brief_parse(text).offer == offer


def test_claims_listed_after_핵심은_are_read_one_by_one():
    brief = brief_parse(
        "회계 SaaS '장부온' 소개서 PPT 부탁드려요. "
        "핵심은 증빙 자동 수집, 세무사 연결 하루면 끝, 월 마감 리포트 이 세 가지예요."
    )
    assert brief.features[:3] == ["증빙 자동 수집", "세무사 연결 하루면 끝", "월 마감 리포트"]


def test_what_a_thing_is_called_is_no_claim_and_a_referral_month_is_a_deal():
    brief = brief_parse(
        "We're a tiny language app team (app is called Wordly). launching 'Daily Duel' — 5-minute rounds, "
        "live opponents. Referral deal: invite a friend and you both get 3 months of plus free. IG story"
    )
    assert not any("called" in feature for feature in brief.features), brief.features
    assert brief.offer == "invite a friend and you both get 3 months of plus free"


@pytest.mark.parametrize(
    ("text", "not_claims"),
    [
        (
            "Ceramics studio here, promoting our 'Wheel Basics' course — 6 weeks, clay included. IG post",
            {"Ceramics studio here"},
        ),
        (
            "our tea shop (leaf & kettle, in Tulsa) has been doing tastings forever but now 'Oolong Club' "
            "— 4 teas a month, brewing guide. FB post",
            {"leaf & kettle"},
        ),
        (
            "Brand: Nestwell. Product: the Cloud Crib Sheet. organic cotton, fits all standard cribs. banner",
            {"Nestwell"},
        ),
        ("New escape room 'The Vault' opens Nov 3 — 60 minutes, 2-6 players, live actor. IG story", {"opens Nov 3"}),
    ],
)
def test_who_sells_and_when_it_opens_are_no_claims(text, not_claims):
    features = brief_parse(text).features
    assert not not_claims & set(features), features
    assert len(features) >= 2, features


def test_where_and_how_it_is_cooked_is_one_claim_and_the_sellers_trouble_none():
    brief = brief_parse(
        "족발집 사장이에요 ㅎㅎ 저녁에 손님이 너무 없어서 야식세트 '미니 족발 정식' 시작했는데요 "
        "장작불에 훈연으로 굽고 막국수 무한리필이에요 카톡 채널용이요"
    )
    assert brief.features[:2] == ["장작불에 훈연으로 구움", "막국수 무한리필"], brief.features
    assert not {"저녁", "시작", "너무 없는 손님"} & set(brief.features)


def test_how_long_a_switch_takes_is_no_deadline_and_keeps_the_listed_claim():
    brief = brief_parse(
        "제품: 재고온 클라우드\n"
        "핵심 메시지: 엑셀 재고관리를 3주 만에 클라우드로 전환 / 회계 연동 / 모바일 발주 승인\n배너"
    )
    assert brief.deadline is None
    assert "엑셀 재고관리를 3주 만에 클라우드로 전환" in brief.features


def test_the_regular_price_beside_a_deal_stays_the_price():
    brief = brief_parse("first deep clean $99 (normally $160). flyer for Shine Bros")
    assert brief.price == "$160"


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        (
            "코인빨래방 전단지. 오픈 기념 첫방문 건조 1회 무료임 (세탁은 유료)",
            "오픈 기념 첫방문 건조 1회 무료임 (세탁은 유료)",
        ),
        (
            "방탈출카페 인스타 피드요. 3인 이상 방문시 1인 무료!!",
            "3인 이상 방문시 1인 무료",
        ),
        ("수제맥주 뉴스레터. 탭룸 방문시 첫잔 반값이에요", "탭룸 방문시 첫잔 반값"),
        ("필라테스 블로그. 첫 방문 고객 체험가 39,000원(1회)이에요", "첫 방문 고객 체험가 39,000원(1회)"),
        ("전자책 상세페이지. 출시기념 첫 50명 9,900원으로 팔아요", "출시기념 첫 50명 9,900원"),
        ("과일 꾸러미 카톡. 2박스 정기 신청하면 1박스 더 줌", "2박스 정기 신청하면 1박스 더 줌"),
        ("미술관 포스터. 입장료 10,000원이고 65세 이상·학생은 30% 할인입니다", "65세 이상·학생은 30% 할인"),
        ("ig post for our bike shop: $15 off any tune-up w/ student ID", "$15 off any tune-up with student ID"),
        ("deck for fleet managers. group rate: 12% off for 10+ vans", "12% off for 10+ vans"),
        ("flyer for Oak Lane Movers. 10% off for customers 70+. big font", "10% off for customers 70+"),
        (
            "newsletter for the retreat. early bird $1,800 if booked by Jan 10 🌿 only 12 spots",
            "early bird $1,800 if booked by Jan 10",
        ),
        ("blog post for my cookbook. launch week deal: 2 for 1 if you gift a copy", "2 for 1 if you gift a copy"),
        (
            "kakao post for Seoul Bike Tours. 30,000 won off for referrals from past guests",
            "30,000 won off for referrals from past guests",
        ),
        (
            "landing page for the hostel. Book 2 nights, get the 3rd free — direct bookings only",
            "Book 2 nights, get the 3rd free — direct bookings only",
        ),
    ],
)
def test_deal_shapes_of_set_eleven(text, offer):
    assert brief_parse(text).offer == offer


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Boxed Out Movers - senior downsizing package flyer pls. packing & unpacking", "senior downsizing package"),
        ("hey can u make an ig post for our shop quickfix bike lab — same-day flat repair", "quickfix bike lab"),
        ("Bright Panel Solar is running a winter campaign for homeowners. Need a landing page", "Bright Panel Solar"),
        ("통역 에이전시 말이음 회사소개서 PPT 요청합니다. 의료 통역 전문", "말이음"),
        (
            "운전학원입니다. 가나다자동차운전전문학원이고요 블로그 글 필요해요. 셔틀버스 무료 운행",
            "가나다자동차운전전문학원",
        ),
        ("보드게임카페 주사위왕 신촌점인데 인스타 피드 부탁해요. 게임 300종 보유", "주사위왕 신촌점"),
        ("우리 동네 빵집 소금언덕 그랜드 오픈! 천연발효종 식빵", "소금언덕"),
        ("디저트 가게 ‹설탕공방› 밤 타르트 새로 나왔어요. 국산 밤만 써요. 인스타", "밤 타르트"),
        ("Instagram feed post for Cirrus Travel Pillow, memory foam, washable cover", "Cirrus Travel Pillow"),
    ],
)
def test_product_shapes_of_set_eleven(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    "text", ["투자자용 회사소개서 표지 슬라이드 부탁드립니다. 옥상 태양광 설치", "need an explainer video thumbnail"]
)
def test_the_work_asked_for_or_whom_it_is_for_is_never_the_product(text):
    assert brief_parse(text).product is None


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Board game cafe IG story. Groups of 5+ get 10% off on weekdays.", "Groups of 5+ get 10% off on weekdays"),
        ("FB post for Drift Yoga Block. Write a review and get a free tote.", "Write a review and get a free tote"),
        ("- 제품: 선크림 '맑음'\n- 혜택: 후기 쓰면 파우치 증정", "후기 쓰면 파우치 증정"),
        (
            "청소기 '바람' 상세페이지. 정가 199,000원인데 11월 30일까지 사전예약하면 169,000원이에요",
            "11월 30일까지 사전예약하면 169,000원",
        ),
    ],
)
def test_deal_shapes_a_client_review_found(text, offer):
    assert brief_parse(text).offer == offer


def test_a_business_that_only_says_its_name_is_shown_and_arrowed_lines_are_claims():
    brief = brief_parse(
        "B2B 인쇄소 인쇄마루입니다. 기업 고객 대상으로 뉴스레터 보낼거고, 같은 내용으로 홈페이지 웹 배너도 부탁드려요."
        "\n▶ 소량 다품종 대응\n▶ 오전 주문 당일 출고"
    )
    assert brief.product == "인쇄마루"
    assert brief.features[:2] == ["소량 다품종 대응", "오전 주문 당일 출고"], brief.features


@pytest.mark.parametrize(
    ("text", "not_claims"),
    [
        (
            "We are a family-owned bakery (Crumb & Sons, since 1958). Pushing our [Sunday Loaf Club]: "
            "fresh rye weekly, sourdough starter included. landing page",
            {"Crumb & Sons", "since 1958"},
        ),
        (
            "hi!! we sell puzzle kits for kids, new one is the 'Maze Tower' (ages 5-8). 40 pieces, "
            "glow-in-the-dark. product page",
            {"puzzle kits for kids"},
        ),
        (
            "가평에서 1박2일 명상 리트릿 진행해요 이름은 '고요한 숲' 이고 10월 5~6일이에요. 소규모 8명 정원, "
            "채식 식사 포함. 인스타 피드",
            {"가평 1박2일 명상 리트릿 진행", "10월 5~6일"},
        ),
    ],
)
def test_the_sellers_history_what_it_sells_in_general_and_when_it_runs_are_no_claims(text, not_claims):
    features = brief_parse(text).features
    assert not not_claims & set(features), features
    assert len(features) >= 2, features


def test_todays_in_a_claim_is_no_deadline():
    brief = brief_parse("landing page for [Evergreen Plan]. Lock in today's rates, payment plans available.")
    assert brief.deadline is None
    assert "Lock in today's rates" in brief.features


def test_savings_on_a_bill_are_a_claim_and_zero_down_is_a_deal():
    brief = brief_parse(
        "Brightside Solar is running a spring campaign. The offer: $0 down financing for the first 30 signups. "
        "Key points: 30-year warranty, certified installers, average 35% off electric bills. landing page"
    )
    assert brief.offer == "$0 down financing for the first 30 signups"
    assert "35%" not in (brief.offer or "") and brief.price is None
