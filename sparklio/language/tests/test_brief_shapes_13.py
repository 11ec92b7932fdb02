"""Brief shapes that a thirteenth unseen set read wrong, each tested with wording of our own."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a letter's greeting names whom it greets, never the product
        (
            "Dear Hiring Team,\n\nNorthwind Cargo Partners would like a one-page flyer. We ship to 30 countries.",
            "Northwind Cargo Partners",
        ),
        ("Hello Friends,\n\nBright Path Tutoring needs a poster for the fall term. 1:1 sessions, SAT prep.", None),
        # a discourse word set off by a dash turns to the news; the subject after it is the name
        (
            "Hope the move went well! Anyway — Maple Leaf Bakery is opening a stall at the market. Poster please.",
            "Maple Leaf Bakery",
        ),
        (
            "Crazy week over here. So — Blue Harbor Kayaks is starting sunset tours in June. Need an IG post.",
            "Blue Harbor Kayaks",
        ),
        # "I run a <kind> called <name>": the kind is no name, the name follows "called"
        ("I run a tiny pottery studio in Leeds called Kiln & Co. Can you make an IG post?", "Kiln & Co"),
        ("I run an indie bike shop downtown named Spoke Theory, want a FB post for tune-ups.", "Spoke Theory"),
        # a request word at the end of the phrase is no part of the name
        ("Web banner for our cedar beard oil please, 30ml, no synthetic scent.", "cedar beard oil"),
        ("IG caption for our honey lip balm pls (brand: Bee Kind). Beeswax, 4g tube.", "honey lip balm"),
        # "What to promote:" names the thing, whatever the business line beside it is called
        (
            "Business name: Summit Climbing Gym\nWhat to promote: beginner bouldering nights\nPrice: $25",
            "beginner bouldering nights",
        ),
        ("Promoting: weekend brunch buffet\nShop: Olive Grove Bistro\nChannels: IG post", "weekend brunch buffet"),
        # a trade firm's name, then the job it sells: the job is the product
        ("Summit Plumbing water heater flush, 45 minutes, licensed techs -- need a flyer", "water heater flush"),
        ("BrightSpark Electric EV charger install, same-week scheduling, need a FB post", "EV charger install"),
    ],
)
def test_greetings_discourse_words_and_request_words_are_no_product(text, product):
    parsed = brief_parse(text).product
    if product is None:
        assert parsed is None or not parsed.startswith("Hello")
    else:
        assert parsed == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # a labelled offer line is the offer whole, dashes and all, and the next line stays out
        (
            "Offer: Sign up with a buddy — both of you get 2 free classes\nChannels: IG post",
            "Sign up with a buddy — both of you get 2 free classes",
        ),
        ("Promo: first tasting flight free for members\nDeliverables: poster", "first tasting flight free for members"),
        # a bundle's own price, with what it would cost apart
        ("- camp stove + pot set\n- bundle price $89 (separately $120)\n- need: IG post", "bundle price $89"),
        # the code and what it gets, with the first order and the deadline
        ("code BREW20 = 20% off first order thru 8/15", "code BREW20 = 20% off first order thru 8/15"),
        # a pass for a stretch of time at its own price
        ("new climbing gym! intro deal $30 unlimited for 10 days (first-timers only)", "$30 unlimited for 10 days"),
        # a deadline after "--"-free text stays; a "--" ends the clause
        (
            "Gutter cleaning, normally $150, now $40 off through May 15 -- need a door hanger",
            "$40 off through May 15",
        ),
        # a saving in brackets belongs to the plan and price before it
        (
            "Pro is $9/mo, or yearly plan $90/yr (save 17%). Need an app store banner.",
            "yearly plan $90/yr (save 17%)",
        ),
    ],
)
def test_english_offers_keep_what_they_are_on(text, offer):
    assert offer in (brief_parse(text).offer or "")


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Need: 1. landing page 2. email to our waitlist", ["product_detail", "email_newsletter"]),
        ("an IG post and an email for our subscribers about the sale", ["instagram_feed", "email_newsletter"]),
    ],
)
def test_an_email_to_a_list_of_people_is_a_newsletter(text, channels):
    assert brief_parse(text).channels == channels


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # what a business brings out this time, not the business's kind
        ("사장님 세탁소 광고 부탁요 / 깨끗세탁 이번에 명품 가방 케어 서비스 나옴 / 인스타", "명품 가방 케어 서비스"),
        # what a menu takes in, not the bakery that sells it
        ("저희 달콤한아침에서 겨울 메뉴로 딸기 생크림 케이크를 내는데요, 국산 딸기만 써요.", "딸기 생크림 케이크"),
        # a quoted shop, then the thing it promotes in a later sentence
        ("안녕하세요 저희 떡집 '소복소복' 이에요\n이번 추석 모둠 송편 세트 홍보하려구요!", "모둠 송편 세트"),
        # the service under its own label, when it says more than a kind of service
        ("업체명: 반짝 세탁\n서비스: 운동화 딥 클리닝\n가격: 15,000원", "운동화 딥 클리닝"),
        # a new course's title in round brackets after the words saying it is new
        ("코드랩 신규 강좌 (파이썬 데이터 분석 입문) 오픈해요 / 인스타 피드", "파이썬 데이터 분석 입문"),
        # a club's kind before its name and its class is no part of the name
        ("어린이 수영클럽 물개반 겨울방학 특강 모집 포스터 부탁해요", "물개반 겨울방학 특강"),
        # a listing's kind after the name
        ("햇살공인중개사입니다. 한강뷰 타워 25평 월세 매물 블로그 포스팅 부탁드려요.", "한강뷰 타워 25평"),
        # a work's title, then the event held for it: the event
        ("「바다의 노래」 김하늘 작가 낭독회\n8월 2일 토요일 오후 3시\n인스타 피드 부탁해요", "김하늘 작가 낭독회"),
        # the space made over is the news when nothing else is promoted
        ("저희 웨딩홀 있잖아요 이번에 루프탑 리모델링이 끝나서요 홍보해 주세요. 최대 120명 수용돼요.", "루프탑"),
    ],
)
def test_korean_briefs_name_the_thing_promoted_not_the_seller(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    "text",
    [
        # a fee a discount comes off is never the product
        "연말까지 계약 시 대관료 30% 할인 꼭 넣어주세요 감사합니다",
        "이번 달 등록 시 수강료 20% 할인이에요 전단지 부탁해요",
    ],
)
def test_a_fee_is_no_product(text):
    assert brief_parse(text).product not in {"대관료", "수강료"}


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # one word under the service label says what kind of service; the business's name says whose
        ("랜딩페이지 요청드려요\n서비스: 이사청소 / 업체명: 말끔홈\n- 2인 1팀", "말끔홈"),
    ],
)
def test_a_one_word_service_label_leaves_the_business_name(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # the lower price after the regular one, with when it holds
        ("원래 8만원인데 주말에만 6만원!! 인스타 피드 부탁", "주말에만 6만원"),
        ("정가는 3만원인데 오전에는 2만5천원 / 카톡 공지", "오전에는 2만5천원"),
        # what is given free, with the service it is
        ("지금 문자 주시면 무료 출장 견적 해드립니다. 전단지 부탁드려요", "무료 출장 견적"),
        # a "buy N get M" deal on something other than the product says what it is on
        (
            "신제품 '숲 원목 침대' 출시 기념으로 한 달간 전용 베개 1+1 행사를 진행합니다. 상세페이지 부탁드립니다.",
            "전용 베개 1+1",
        ),
    ],
)
def test_korean_offers_keep_what_they_are_on(text, offer):
    assert offer in (brief_parse(text).offer or "")


def test_a_deal_on_the_product_itself_leaves_the_product_whole():
    parsed = brief_parse("햇살농장 유기농 사과즙 2+1 행사해요 (~9/30) 인스타 피드 부탁")
    assert "2+1" in (parsed.offer or "")
    assert parsed.product and "사과즙" in parsed.product


def _has(features: list[str], wanted: str) -> bool:
    return any(wanted in feature for feature in features)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # the staff said as the subject is who does it; what they do is the claim, in either ending
        (
            "헬스장 전단지 부탁드려요. 국가자격 트레이너 선생님이 주 3회 관리합니다. 월 9만원이에요.",
            ["주 3회 관리"],
        ),
        (
            "학원 카톡 공지 부탁해요. 강사님들 모두 교육학 석사 과정 마치셨어요. 소수 정예 6명 반이에요.",
            ["교육학 석사 과정"],
        ),
        # what the seller makes is said, not asked for
        (
            "빵집 인스타 게시물 하나요. 매일 새벽 6시 첫 빵 나와요. 잼은 제주 한라봉으로 직접 만들어요.",
            ["매일 새벽 6시 첫 빵", "제주 한라봉"],
        ),
        # a verb made a noun by 기 stays where it is written
        (
            "축제 포스터 부탁합니다\n프로그램: 감자 캐기 체험, 전통 떡 만들기, 농산물 장터",
            ["감자 캐기 체험", "전통 떡 만들기"],
        ),
        # a date range after its unit is one value
        ("일시 5월 3일~5일\n장소 시민공원\n포스터 부탁해요", ["5월 3일~5일"]),
        # a claim set off by 에 before a verb-modified noun, and a Kiwi misreading of "우린"
        (
            "신메뉴 포스터 하나만 뽑아주세요 24시간 우린 사골 국물에 매일 빚은 만두, 한 접시 8,000원",
            ["24시간 우린 사골 국물", "매일 빚은 만두"],
        ),
        ("돈코츠 라멘 스토리 하나만 뽑아주세요 10시간 우린 육수에 직접 뽑은 면, 한 그릇 9,000원", ["10시간 우린 육수"]),
        # what is included, then another fact; a measure compound is no request
        ("세차 광고요 / 광택 코팅+휠 세정 포함 작업시간 90분 / 인스타 피드", ["작업시간 90분", "휠 세정"]),
        # how and when it is made is no request for design work
        ("꽃집 인스타 부탁 / 생화 100%, 당일 제작 당일 발송, 포장 무료예요", ["당일 제작 당일 발송"]),
        # the spoken 이구 ends what comes before it
        ("수영 특강 모집해요. 초등 저학년 대상이구 주 3회 야외 수영장에서 해서 시원해요", ["주 3회 야외 수영장"]),
    ],
)
def test_korean_features_said_in_sentences_are_read(text, wanted):
    features = brief_parse(text).features
    assert all(_has(features, item) for item in wanted), features


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        (
            "실장님~ 반응 좋았어요 감사해요 🙏 이번엔 딸기 케이크 포스터요. 생크림 100%. 사장님 휴가셔서 컨펌 늦어요",
            ["감사", "사장님 휴가"],
        ),
        ("축구교실 모집 현수막이랑 인스타 부탁해요 감사함니다 주 2회 수업, 실내 구장이에요", ["현수막", "감사"]),
    ],
)
def test_thanks_the_sellers_people_and_deliverables_are_no_features(text, junk):
    features = brief_parse(text).features
    assert not any(feature in junk or feature.startswith("사장님") for feature in features), features


@pytest.mark.parametrize(
    ("text", "deadline", "feature"),
    [
        # a date on a line of its own is when the event is, whatever deal a later line names
        ("「봄밤」 시 낭독회\n5월 9일 금요일 저녁 8시\n선착순 20명\n참가비 무료", None, "5월 9일 금요일 저녁 8시"),
        ("Lantern Night Market\nSep 6 @ Harbor Square\nEarly bird pass $15 until Aug 1", "until Aug 1", None),
    ],
)
def test_an_events_date_line_is_no_deadline(text, deadline, feature):
    parsed = brief_parse(text)
    assert parsed.deadline == deadline
    if feature:
        assert _has(parsed.features, feature)


@pytest.mark.parametrize(
    ("text", "wanted", "junk"),
    [
        # a possessive says whose the thing is: "to the children's hospital" names no audience
        (
            "this is Dana from the Oakville Lions club, our Pancake Breakfast is May 4, "
            "all proceeds go to the children's hospital, need a poster",
            "all proceeds go to the children's hospital",
            "Dana from the Oakville Lions club",
        ),
    ],
)
def test_a_possessive_is_no_audience_and_the_writer_is_no_feature(text, wanted, junk):
    features = brief_parse(text).features
    assert _has(features, wanted) and junk not in features, features


@pytest.mark.parametrize(
    "text",
    [
        # an offer the brief says is not run this time is no offer
        "신규 강의 오픈합니다 / 가격 59,000원, 오픈 할인은 이번엔 안 해요.",
        "가격 3만원이에요. 할인은 지금은 없어요. 인스타 피드 부탁",
    ],
)
def test_an_offer_denied_for_now_is_no_offer(text):
    assert brief_parse(text).offer is None


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        # the brand in brackets after the product is who sells it, no claim
        (
            "Label copy for our rosemary hand cream please (brand: Fern & Field). Shea butter, 50ml tube.",
            "Fern & Field",
        ),
        # a denial of any deal is no claim either
        (
            "Open house for 12 Birch Lane: 2 bed 1 bath, new roof, No incentives on this one. Need a flyer.",
            "No incentives on this one",
        ),
    ],
)
def test_a_bracketed_brand_and_a_denial_are_no_features(text, junk):
    assert junk not in brief_parse(text).features


def test_small_talk_and_pointing_words_are_no_features():
    text = (
        "아 네 제가 운전 중이라 음성으로 보내요 저희 루프탑 있잖아요 거기 이번에 리뉴얼이 끝나서요 "
        "아 오늘 날씨 진짜 춥네요 아무튼 루프탑은 최대 80명 수용되고요 통유리 천장 이게 제일 자랑이에요"
    )
    features = brief_parse(text).features
    assert not any("날씨" in f or f in {"거기 이번", "거기", "이번"} for f in features), features
    assert not any(f.endswith(" 이게") for f in features), features


def test_an_offer_does_not_open_with_a_line_separator():
    offer = brief_parse("교자 스토리 하나 뽑아주세요 바삭한 군만두, 한 접시 6,000원 / 이 글 보여주시면 콜라 무료").offer
    assert offer and "콜라 무료" in offer and not offer.startswith("/"), offer


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("한방 다이어트 패키지 홍보해요. 패키지 가격 30만원, 4주 과정이에요.", None),
        ("명절 선물 세트가 49,000원 (따로 사면 62,000원) 카톡 공지 부탁", "세트가 49,000원"),
    ],
)
def test_a_packages_own_price_is_no_offer_but_a_set_price_is(text, offer):
    parsed = brief_parse(text).offer
    assert parsed is None if offer is None else offer in (parsed or "")
