"""Brief shapes that a fourteenth unseen set read wrong, each tested with wording of our own.

The product is weighed last across every candidate the brief offers (``offering.settle``): the
seller's identity gives way to what it promotes this time, and a header, a deliverable or an
audience is never the product, so the next candidate is taken."""

import pytest

from sparklio.language.brief import brief_parse
from sparklio.language.brief.offering import is_identity, is_junk


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # the seller says who it is, then what is new: the new thing is the product
        (
            "hi! we're a little taco truck called Salsa Verde and we just started making a birria quesadilla. $12.",
            "birria quesadilla",
        ),
        ("Brand: Loom & Leaf. We weave throws. New item: the Harbor Blanket, 100% cotton. $89.", "Harbor Blanket"),
        (
            "Need a landing page for Brightwell Insurance's new pet cover plan, PawGuard. Vet bills up to $5k.",
            "PawGuard",
        ),
        (
            "Hilltop Tea Co is launching a tea club — the Leaf Society. Three tins a month, free shipping. $25.",
            "Leaf Society",
        ),
        (
            "hey our spring sneaker drop is next sat. store is called Sole Yard. every pair deadstock. $120-$200.",
            "spring sneaker drop",
        ),
        (
            "Oakridge Music Academy is opening a weekend Jazz Piano course for adults. 8 weeks. $400.",
            "Jazz Piano course",
        ),
        (
            "Bouncy Bay Play Center - kids glow party nights!! 90 min, snacks included. $199 per party.",
            "kids glow party nights",
        ),
        (
            "저희는 고양이 간식 만드는 곳인데요 이름은 냥냥식당이고요 이번에 연어큐브라는 걸 새로 냈어요 무첨가예요",
            "연어큐브",
        ),
        ("- 브랜드: 에어로홈\n- 모델: 에어로홈 X5 프로\n- 무게 1.4kg\n- 출시가 299,000원", "에어로홈 X5 프로"),
        ("가을 니트 가디건 기획전 해요! 브랜드명 모노데이. 울 50%. 자사몰 메인배너 필요해요.", "가을 니트 가디건"),
        ("우리 떡집 '할매손' 추석 선물세트 홍보요. 국산 쌀만 써요. 모둠 떡 3종 세트 35,000원.", "모둠 떡 3종 세트"),
        # a kind of thing, then its name right after: the name
        ("Lakeside Gym is starting a recovery program — the Reset Lab. Sauna and cold plunge. $49/month.", "Reset Lab"),
    ],
)
def test_what_the_seller_promotes_beats_who_the_seller_is(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a notice's or a request's header is no product; the quoted programme is
        (
            "[안내 협조 요청] 성북구청 청소행정과입니다. '음식물 종량기' 설치 안내문 만들어 주세요. 24시간 이용.",
            "음식물 종량기",
        ),
        (
            "NOTICE REQUEST - Town of Elmwood. We need flyers for the Fall Leaf Collection program. Bags by the curb.",
            "Fall Leaf Collection program",
        ),
        # the audience a channel is meant for is no product; the business the writer runs is
        (
            "We run Pinecrest Lodge, six cabins by the lake. Need a kakao post for our Korean guests too.",
            "Pinecrest Lodge",
        ),
        (
            "this is for my mobile detailing business Shine Squad we come to you. kakao for the korean community here",
            "Shine Squad",
        ),
        # where the design hangs is no product; the event run is
        (
            "부천 스피드모터스 겨울 배터리 점검 이벤트 진행합니다. 점검 무료. 매장 유리창 포스터 부탁드립니다.",
            "겨울 배터리 점검 이벤트",
        ),
    ],
)
def test_a_header_a_deliverable_or_an_audience_gives_way_to_the_next_candidate(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # the business itself is the news: an opening, a second site or a generic deal names no other thing
        (
            "Hope all is well — Copper Kettle Bakery is opening a second location downtown. Poster please.",
            "Copper Kettle Bakery",
        ),
        ("IronSide Gym - new member promo: first month $10. Need an IG post.", "IronSide Gym"),
        ("We're Ledgerly — bookkeeping for cafés. Flat fee, monthly close.", "Ledgerly"),
        (
            "세무대행 랜딩페이지 부탁드려요. 서비스명: 장부도우미 / 첫 3개월 50% 할인 이벤트 진행 중입니다.",
            "장부도우미",
        ),
    ],
)
def test_the_seller_stays_when_nothing_more_specific_is_promoted(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("candidate", "junk"),
    [
        ("공지 협조", True),
        ("홍보 건", True),
        ("NOTICE REQUEST", True),
        ("자사몰 메인배너랑", True),
        ("유리창", True),
        ("korean community here", True),
        ("Korean guests", True),
        ("Harbor Blanket", False),
        ("연어큐브", False),
        ("Sleep Stories", False),
    ],
)
def test_junk_candidates(candidate, junk):
    assert is_junk(candidate) is junk


@pytest.mark.parametrize(
    ("text", "name", "identity"),
    [
        ("we're a bakery called Rise Up and we just started a seeded rye", "Rise Up", True),
        ("Brand: Loom & Leaf. New item: the Harbor Blanket", "Loom & Leaf", True),
        ("Brand: Loom & Leaf. New item: the Harbor Blanket", "Harbor Blanket", False),
        ("저희 반찬가게 '할매손맛' 추석 세트 홍보요", "할매손맛", True),
        ("이름은 냥냥식당이고요 이번에 연어큐브 냈어요", "연어큐브", False),
    ],
)
def test_identity_is_told_from_the_offering(text, name, identity):
    assert is_identity(text, name) is identity


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # the school stage before a range of grades stays with it
        ("초등 4~6학년 대상 주말 로봇교실 '메카키즈' 모집합니다. 키트 제공.", "초등 4~6학년"),
        ("중등 1~3학년 대상 영어 토론반 '말꽃' 개강해요. 원어민 강사.", "중등 1~3학년"),
        # a word ending in 고/중/초 is no school stage ("특징이고 2030 직장인")
        ("텀블러 '온기' 출시해요. 보온 12시간이 특징이고 3040 주부가 타깃이에요.", "3040 주부"),
        ("캠핑 의자 신상이에요, 무게는 1kg 미만이고 20대 캠퍼 대상이에요.", "20대 캠퍼"),
    ],
)
def test_a_school_stage_stays_with_its_grades(text, audience):
    assert brief_parse(text).audience.startswith(audience)


@pytest.mark.parametrize(
    ("text", "not_feature"),
    [
        # where the design goes is no claim
        ("네이버 블로그에 올릴 거예요. 국숫집 '면사랑' 들깨칼국수, 무방부제 생면이에요.", "네이버 블로그"),
        ("Post it on our insta feed. Oak & Ash candles: soy wax, cotton wicks, 50-hour burn.", "insta feed"),
        # a lone verb turned into a noun says nothing
        ("일요일에 벼룩시장이 열려요. 수공예 20팀 참여, 입장 무료. 인스타 스토리 부탁해요.", "열림"),
        # whom an offer is for is the offer's own, no feature
        (
            "We're Fresh Nest Cleaning. Eco-friendly supplies, bonded crew. 15% off with their first clean.",
            "first clean",
        ),
        ("Glow Nails here. Vegan polish, 3-week wear. $10 off on your first visit. IG post.", "first visit"),
    ],
)
def test_channels_verbs_and_offer_conditions_are_no_features(text, not_feature):
    features = brief_parse(text).features
    assert not any(not_feature.casefold() in f.casefold() for f in features), features


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("동네 빵집 '보리밭' 신상 무화과 깜빠뉴 나왔어요. 무방부제, 반죽 매일 직접 해요. 인스타 부탁해요.", "무방부제"),
        (
            "동네 빵집 '보리밭' 신상 무화과 깜빠뉴 나왔어요. 무방부제, 반죽 매일 직접 해요. 인스타 부탁해요.",
            "반죽 매일 직접",
        ),
    ],
)
def test_short_korean_claims_are_features(text, feature):
    assert feature in brief_parse(text).features


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Grand opening on April 2! Spin Cycle Laundromat, 40 machines, free wifi. Need a poster.", "April 2"),
        ("The grand opening is on May 9 — Daybreak Yoga, heated studio, mats provided. IG post.", "May 9"),
        ("세탁소 '새하얀날' 그랜드 오픈 5월 3일이에요. 운동화 세탁 전문. 전단지 부탁드려요.", "5월 3일"),
    ],
)
def test_the_day_of_an_opening_is_a_date_to_keep(text, deadline):
    assert brief_parse(text).deadline == deadline


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # treats for pets are a pet product, whatever kitchen word the brief uses
        ("수제 간식 가게 '꼬리톡' 고양이 연어 트릿 새로 나왔어요. 무첨가예요. 인스타 피드 부탁해요.", "pet"),
        ("New at Barkside Bakery: pumpkin biscuits for dogs, grain-free. $11 a bag. IG post.", "pet"),
        # a dish served at a café is food, not a drink
        ("Our café Morning Table now serves ricotta gnocchi with sage butter. $15. IG post please.", "food"),
        ("카페 '한낮' 신메뉴 트러플 리조또 나왔어요. 인스타 피드 부탁해요.", "food"),
    ],
)
def test_pet_treats_and_cafe_dishes_get_their_own_category(text, category):
    assert brief_parse(text).category == category


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        (
            "카페 '한낮' 신메뉴 트러플 리조또 나왔어요. 월·화 음료 1잔 무료예요. 인스타 피드 부탁해요.",
            "월·화 음료 1잔 무료",
        ),
        ("분식집 '꼬마김밥' 오픈했어요. 주말 떡볶이 1인분 무료! 블로그용이요.", "떡볶이 1인분 무료"),
    ],
)
def test_a_serving_given_free_is_an_offer(text, offer):
    assert offer in (brief_parse(text).offer or "")


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # deals spelled out in words rather than marks
        (
            "Cedar Nook Cabins: stay midweek, 4 nights for the price of 3. Hot tubs. Need a newsletter.",
            "4 nights for the price of 3",
        ),
        (
            "Brand: Ember Pottery. New item: the Dune Bowl, $22 each or buy a set of 6 for $120.",
            "buy a set of 6 for $120",
        ),
        (
            "Paws Haven spring adoption day on May 4: 40 cats, all vaccinated, adoption fees waived all day.",
            "adoption fees waived all day",
        ),
        (
            "we do mobile car detailing, first wash is 20 percent off for new customers, $60 full detail",
            "first wash is 20 percent off for new customers",
        ),
        ("한옥스테이 '솔바람' 평일 3박하면 1박 무료! 개별 마당 있어요. 블로그용이요.", "평일 3박하면 1박 무료"),
        ("리빙샵 '포근' 구스 베개 광고요. 원래 59,000원인데 이번 주말만 25% 할인!!", "이번 주말만 25% 할인"),
    ],
)
def test_deals_written_out_in_words(text, offer):
    assert offer in (brief_parse(text).offer or "")


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a bed size or the clinic's name before the treatment is no part of the product
        ("저희 침구샵 '솜결' 마이크로 극세사 이불 킹사이즈 광고 만들어요. 정전기 방지.", "마이크로 극세사 이불"),
        ("분당 맑은빛안과 렌즈삽입술 이벤트 배너 부탁드립니다. 빠른 회복.", "렌즈삽입술"),
    ],
)
def test_size_and_clinic_fall_away_from_the_product(text, product):
    assert brief_parse(text).product == product


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        # two words joined by "and" in a list are one claim, with a slash inside or a phrase after
        (
            "Spring adoption day at Elm Park. 30+ rabbits and guinea pigs looking for homes, all vetted. Poster.",
            "30+ rabbits and guinea pigs",
        ),
        (
            "Spring adoption day at Elm Park. 40 cats, all spayed/neutered and vaccinated, free entry. Poster.",
            "spayed/neutered and vaccinated",
        ),
    ],
)
def test_a_pair_joined_by_and_stays_one_claim(text, feature):
    assert any(feature in f for f in brief_parse(text).features), brief_parse(text).features


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a brief that opens with what is sold off plan names it first
        ("청라 시티파크 아파트 분양 홍보 전단지 필요해요. 초품아, 대단지.", "청라 시티파크 아파트"),
        ("광교 리버뷰 타운하우스 분양 홍보 배너 부탁드려요. 정원 딸린 세대.", "광교 리버뷰 타운하우스"),
    ],
)
def test_what_a_brief_opens_promoting_is_the_product(text, product):
    assert brief_parse(text).product == product
