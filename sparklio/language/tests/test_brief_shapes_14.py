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
