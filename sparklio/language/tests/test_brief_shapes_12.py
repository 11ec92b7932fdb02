"""Brief shapes that a twelfth unseen set read wrong, each tested with wording of our own."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        # a printed banner hung on a wall or a fence is a banner
        ("세탁소 오픈 안내 현수막 하나랑 카톡 공지 부탁해요", ["web_banner", "kakao_feed"]),
        ("전단지랑 현수막 둘 다 필요해요 학교 앞에 걸 거예요", ["poster", "web_banner"]),
        # a deck for a talk or a meeting is a presentation
        ("거래처 미팅용 덱 하나 만들어 주세요 신제품 소개예요", ["presentation"]),
        ("컨퍼런스 발표용 덱이랑 인스타 피드 부탁드려요", ["presentation", "instagram_feed"]),
    ],
)
def test_a_printed_banner_and_a_talks_deck_are_channels(text, channels):
    assert brief_parse(text).channels == channels


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a name ending in 로 before a bracket is whole: 로 there is no particle
        ("- 제품: 메모로 (회의록 요약 앱)\n- 타겟: 직장인\n- 채널: 인스타 피드", "메모로"),
        ("서비스명: 헬로 (반려견 산책 매칭)\n랜딩페이지 부탁해요", "헬로"),
        # the product as a sentence's subject, said with a terse 임
        ("블로그 리뷰용 썸네일 부탁 제품은 바람숲 캠핑의자임. 무게 1.2kg", "바람숲 캠핑의자"),
        ("상품은 모닝듀 미스트입니다. 인스타 피드로 부탁해요", "모닝듀 미스트"),
        # what a "buy N get M" deal is on, and the deal no part of its name
        ("인스타 피드: 수제 강정 달달강정 선물세트 1+1, 추석 전까지만", "달달강정 선물세트"),
        ("우리 분식집 김말이 튀김 2+1 행사해요 카톡 공지 부탁", "김말이 튀김"),
        ("이번 주말만 생딸기 라떼 1+1 이에요 스토리 하나", "생딸기 라떼"),
    ],
)
def test_a_korean_name_is_read_whole(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # where a business opens a branch is its news; the business is what to show
        ("저희 '새벽요가'가 이번에 분당에 3호점을 오픈해요! 아침 6시 수업 있어요 인스타 피드", "새벽요가"),
        # the new thing, then that it came out, its subject particle aside
        ("우리 국밥집 인데 신메뉴 얼큰 순대국 나왔어 ㅋㅋ 인스타 피드 ㄱㄱ", "얼큰 순대국"),
        ("동네 빵집인데 신상 쑥 크림빵이 나왔어요 포스터 하나", "쑥 크림빵"),
        ("포차예요 신메뉴 닭꼬치구이 나왔어요 스토리 부탁", "닭꼬치구이"),
    ],
)
def test_the_korean_new_thing_is_read_whole(text, product):
    assert brief_parse(text).product == product


def test_small_talk_before_getting_down_to_business_is_no_claim():
    brief = brief_parse(
        "사장님 안녕하세요~ 요즘 비가 너무 오죠 ㅠㅠ 저희 가게 간판도 어제 바람에 떨어져서 손님들 깜짝 놀라셨어요 ㅋㅋ "
        "본론으로 들어가면요, 저희 '온기공방'이 도자기 원데이 클래스를 열어요! "
        "물레 체험 2시간이고 소규모 6인 정원이에요. "
        "인스타 피드 부탁드려요"
    )
    assert not any("간판" in f or "비가" in f or "손님들" in f for f in brief.features), brief.features
    assert any("물레 체험" in f for f in brief.features), brief.features


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # how much of what is given free, with the number whole
        (
            "이번 달 한정으로 2대 이상 구매 시 소모품 6개월치 무상 제공합니다. 뉴스레터",
            "2대 이상 구매 시 소모품 6개월치 무상 제공",
        ),
        # a count of something on the house, and who gets it
        ("분식집인데 첫방문 손님은 튀김 1인분 서비스 드림. 인스타 피드", "첫방문 손님은 튀김 1인분 서비스 드림"),
        # the condition, then who gets it
        ("가계부 앱이에요. 친구 초대 시 둘 다 3,000원 적립! 랜딩페이지", "친구 초대 시 둘 다 3,000원 적립"),
        # a night free, with how many may have it and on what stay
        ("한옥 스테이 가을 예약 오픈! 선착순 20팀 3박 시 1박 무료 블로그", "선착순 20팀 3박 시 1박 무료"),
        # a bundle's own price
        ("상세페이지 요청 가격: 1팩 9,900원, 3팩 묶음 27,000원", "3팩 묶음 27,000원"),
        # the condition, then the service the deal is on
        ("네일샵이에요 주말 오전 예약 시 젤 네일 20% 할인해요 스토리", "주말 오전 예약 시 젤 네일 20% 할인"),
        # English
        ("We're offering the first 6 months at 30% off on yearly plans. sales deck", "first 6 months at 30% off"),
        ("our food truck does 2-for-1 burritos every friday. IG story", "2-for-1 burritos"),
        (
            "- dental checkup for kids\n- first cleaning visit free for new patients\n- FB post",
            "first cleaning visit free",
        ),
        ("Sign up as a party of 6 and the 6th diner eats free (until May 1). email", "6th diner eats free"),
        ("yoga studio: $0 sign-up + first week $10. IG post", "$0 sign-up + first week $10"),
        (
            "Jazz Night\nkids under 12 free\nEarly bird weekend ticket $45 until May 2\nlanding page",
            "Early bird weekend ticket $45",
        ),
    ],
)
def test_an_offer_keeps_its_number_its_condition_and_what_it_is_on(text, offer):
    assert offer in (brief_parse(text).offer or ""), brief_parse(text).offer


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # what a named seller has or brings out
        (
            "Hi! Lotus Garden (Thai place, midtown) has a new weekend brunch set: 6 small plates. flyer",
            "weekend brunch set",
        ),
        (
            "Copper Kettle is dropping a limited smoked maple porter 🍺 brewed in small batches. IG post",
            "smoked maple porter",
        ),
        (
            "Northwind Tea is launching a single-estate Darjeeling First Flush ☕ picked in March. blog",
            "Darjeeling First Flush",
        ),
        # what is new, on a bullet of its own or set off by a dash after the seller
        ("• Brightside Dental\n• new teen whitening kit\n• includes trays and gel\n• FB post", "teen whitening kit"),
        ("IG post for our deli Hank & Rye 🥪 new smoked turkey club — house-cured, $12", "smoked turkey club"),
        # the seller's thing; a service a firm offers is known by the firm's name
        ("email + IG post for Dune Botanics' overnight lip mask? shea butter, unscented", "overnight lip mask"),
        ("thumbnail for our video about Harbor Legal's estate planning service. flat fee.", "Harbor Legal"),
        # a titled campaign with its kind, not the word for the deal
        ("we're running a Winter Warrior class pass deal: 10 classes for $99. IG story", "Winter Warrior class pass"),
        ("our library is hosting our annual Read Across Town marathon next week. poster", "Read Across Town marathon"),
        # an acronym and the kind of thing it names
        ("Blog post for Bright Path Tutoring about our ACT crash course. Small groups of 5.", "ACT crash course"),
        ("forwarded from our PM in slack: we're launching Pathly 3.0 next week. IG story", "Pathly 3.0"),
    ],
)
def test_the_english_sellers_thing_is_its_product(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # the kind of business before its name, even behind a three-syllable word
        ("저희 플라워카페 봄뜰 홍보물 부탁드려요 생화 클래스 운영해요", "봄뜰"),
        # an event's title, its year after it kept, the words saying when before it left
        (
            "다음 주 열리는 그린 모빌리티 포럼 2026 안내 자료 부탁드립니다. 연사 12명, 코엑스 개최.",
            "그린 모빌리티 포럼 2026",
        ),
        ("올해 열리는 한강 달빛 마라톤 포스터 필요해요. 10km 코스, 참가비 3만원", "한강 달빛 마라톤"),
    ],
)
def test_a_korean_business_and_event_are_named_whole(text, product):
    assert brief_parse(text).product == product


def test_a_phrase_far_from_the_name_is_still_a_claim():
    brief = brief_parse("2025 부산 와인 엑스포 뉴스레터 부탁해요. 일시 5.2~5.4, 벡스코 B홀. 참가 와이너리 80곳.")
    assert brief.product == "부산 와인 엑스포"
    assert any("벡스코 B홀" in f for f in brief.features), brief.features


def test_claims_listed_with_spaced_slashes_are_each_a_claim():
    brief = brief_parse(
        "Lantern Night Market\nOct 4 @ Pier 9\n60+ food stalls / live brass band / dogs welcome\nIG post + poster"
    )
    assert {"60+ food stalls", "live brass band"} <= set(brief.features), brief.features


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # when a deal runs is no product; what the discount is on is
        ("평일 오전 한정 이벤트!! 평일 10시~12시 예약 시 두피 스파 20% 할인해요 스토리용으로 부탁", "두피 스파"),
        ("주말 한정 이벤트! 주말 방문 시 손세차 코팅 15% 할인 인스타 피드", "손세차 코팅"),
    ],
)
def test_what_a_timed_discount_is_on_is_the_product(text, product):
    assert brief_parse(text).product == product


def test_a_name_before_our_acronym_kind_is_the_product():
    assert brief_parse("We're launching Invoxa, our AR automation tool for agencies. sales deck").product == "Invoxa"
