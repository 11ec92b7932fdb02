import pytest

from chat.intents import copy_request, detect_by_rules

TRANSCRIPT = "\n".join(
    f"{speaker}: {line}"
    for speaker, line in [
        ("김민수", "이번 회의는 무선 이어폰 X1 런칭 캠페인 건입니다. 일정과 채널을 정해야 합니다."),
        ("이지은", "인스타그램 광고를 메인 채널로 하면 좋겠습니다. 2030 직장인이 많이 봅니다."),
        ("김민수", "좋습니다. 인스타그램을 메인으로 하기로 하죠. 유튜브는 어떻게 할까요?"),
        ("이지은", "유튜브는 리뷰 영상 위주로 검토해 보겠습니다. 다음 주 금요일까지 정리하겠습니다."),
        ("박서준", "제품 사진은 제가 12월 5일까지 준비하겠습니다. 스튜디오 예약도 하겠습니다."),
        ("김민수", "예산은 다음 회의에서 확정하겠습니다. 오늘 회의는 여기까지입니다. 수고하셨습니다."),
    ]
    * 2
)
BRIEF = "\n".join(
    [
        "Product: Glow Serum, a vitamin C serum with a lightweight texture that absorbs in seconds.",
        "Audience: women in their 30s who want brighter-looking skin without a heavy routine.",
        "Channel: Instagram feed and stories, with a carousel for the ingredients.",
        "Features: brightening, lightweight texture, fragrance free, dermatologist tested.",
        "Tone: premium but warm; no exaggerated claims, no medical promises.",
        "Offer: 20% off this week for first orders, free shipping over $50.",
        "Budget: 5,000 USD over two weeks, most of it on stories; keep a little for retargeting.",
        "Notes: we want one hero visual with the bottle on a bright background and the price badge.",
        "Please make an Instagram ad campaign for the launch week.",
    ]
)


@pytest.mark.parametrize(
    ("text", "has_document", "intent"),
    [
        (TRANSCRIPT, False, "analyze_meeting"),
        ("이 회의록 요약해줘: 민수: 광고는 인스타그램으로", False, "analyze_meeting"),
        (BRIEF, False, "make_campaign"),
        ("무선 이어폰 X1 인스타그램 광고 이미지를 만들어줘", False, "make_campaign"),
        ("Make an Instagram story for the X1 launch", False, "make_campaign"),
        ("X1 헤드라인 3개 써줘", False, "generate_copy"),
        ("Write hashtags for Glow Serum", False, "generate_copy"),
        ("헤드라인 크게", True, "edit_document"),
        ("make the CTA bigger", True, "edit_document"),
        ("헤드라인 크게", False, "small_talk"),
        ("우리 브랜드 톤이 뭐야?", False, "brand_question"),
        ("What are our brand colours?", False, "brand_question"),
        ("안녕하세요", False, "small_talk"),
    ],
)
def test_rules_find_the_intent(text, has_document, intent):
    if text is BRIEF:
        assert len(BRIEF) > 600  # long, with many "Label:" lines, and still a brief
    assert detect_by_rules(text, has_document=has_document).name == intent


# --- requests for copy: the kind (one generator each) and the count ---------------------------------

COPY_REQUESTS = [
    # the requests of the issue
    ("헤드라인 5개 써줘", "headline", 5),
    ("제목 3개만 뽑아줘", "headline", 3),
    ("give me 4 headlines", "headline", 4),
    ("write five taglines", "slogan", 5),
    ("슬로건 하나 만들어줘", "slogan", 1),
    ("slogan ideas x3", "slogan", 3),
    ("해시태그 10개", "hashtag", 10),
    ("CTA 문구 3개", "cta", 3),
    ("광고 문구 2개", "ad_copy", 2),
    ("상품 설명 써줘", "description", None),
    ("SEO 메타 만들어줘", "seo_meta", None),
    ("이메일 제목 3개", "email_subject", 3),
    # Korean, worded otherwise
    ("헤드라인을 다섯 개 써 주세요", "headline", 5),
    ("5개의 짧은 헤드라인 부탁해", "headline", 5),
    ("헤드라인 열 개 뽑아줘", "headline", 10),
    ("헤드라인 한 개만", "headline", 1),
    ("슬로건 두 개만", "slogan", 2),
    ("슬로건 셋만 뽑아줘", "slogan", 3),
    ("태그라인 4가지 제안해줘", "slogan", 4),
    ("캐치프레이즈 2안 만들어줘", "slogan", 2),
    ("해시태그 일곱 개 추천해줘", "hashtag", 7),
    ("해쉬태그 좀 뽑아줘", "hashtag", None),
    ("버튼 문구 2개 써줘", "cta", 2),
    ("광고 카피 세 가지 써줘", "ad_copy", 3),
    ("무선 이어폰 X1 광고 카피 써줘, 노이즈 캔슬링", "ad_copy", None),
    ("제품 소개글 써줘", "description", None),
    ("메타 디스크립션 만들어줘", "seo_meta", None),
    ("메일 제목 두 개 뽑아줘", "email_subject", 2),
    ("뉴스레터 써줘", "email", None),
    ("인스타 게시물 써줘, 해시태그 포함", "sns_post", None),
    ("SNS 게시물 2개 써줘", "sns_post", 2),
    ("블로그 글 한 편 써줘", "blog_post", 1),
    ("블로그 제목 3개", "headline", 3),
    ("카피 5개 써줘", "headline", 5),
    ("무선 이어폰 X1 헤드라인 5개", "headline", 5),
    ("24시간 배터리 강조한 헤드라인 4개", "headline", 4),
    ("X1 런칭 캠페인 슬로건 3개", "slogan", 3),
    # English, worded otherwise
    ("Give me 3 short catchy headlines for the X1 earbuds", "headline", 3),
    ("headlines x3 please", "headline", 3),
    ("write a slogan for Glow Serum", "slogan", 1),
    ("Could you write 2 email subject lines?", "email_subject", 2),
    ("need 7 hashtags for instagram", "hashtag", 7),
    ("suggest ten hashtags", "hashtag", 10),
    ("3x CTAs please", "cta", 3),
    ("create 3 ad copies", "ad_copy", 3),
    ("write two ad variants for the launch", "ad_copy", 2),
    ("write a product description", "description", 1),
    ("draft an SEO meta description", "seo_meta", 1),
    ("write a blog post about Glow Serum", "blog_post", 1),
    ("make 5 instagram posts", "sns_post", 5),
    ("Write hashtags for Glow Serum", "hashtag", None),
]


@pytest.mark.parametrize(("text", "kind", "count"), COPY_REQUESTS)
def test_a_request_for_copy_names_its_kind_and_count(text, kind, count):
    request = copy_request(text)
    assert request is not None and request.asked
    assert (request.kind, request.count) == (kind, count)
    assert request.generator == {"email_subject": "email"}.get(kind, kind)
    assert detect_by_rules(text, has_document=False).name == "generate_copy"


@pytest.mark.parametrize(
    "text",
    [
        "3가지 특징을 담은 헤드라인 써줘",  # three features, not three headlines
        "iPhone 15 케이스 헤드라인 써줘",
        "무선 이어폰 X1 헤드라인 써줘",
        "24시간 배터리 헤드라인 써줘",
        "3개월 무이자 헤드라인 써줘",
        "2030 직장인용 헤드라인 써줘",
        "20% 할인 헤드라인 써줘",
        "1+1 이벤트 슬로건 만들어줘",
        "write headlines for the X1 earbuds",
        "write headlines for our new Zero Sugar cola",
    ],
)
def test_numbers_that_count_something_else_are_not_the_count(text):
    request = copy_request(text)
    assert request is not None and request.kind in ("headline", "slogan") and request.count is None


@pytest.mark.parametrize(
    ("text", "kind", "count", "low", "vague"),
    [
        ("헤드라인 두세 개", "headline", 3, 2, False),
        ("헤드라인 두세개 써줘", "headline", 3, 2, False),
        ("슬로건 2~3개만", "slogan", 3, 2, False),
        ("해시태그 서너 개 뽑아줘", "hashtag", 4, 3, False),
        ("헤드라인 3-5개", "headline", 5, 3, False),
        ("헤드라인 한두 개만", "headline", 2, 1, False),
        ("a couple of headlines please", "headline", 2, None, False),
        ("give me a couple slogans", "slogan", 2, None, False),
        ("헤드라인 몇 개 써줘", "headline", 3, None, True),
        ("슬로건 여러 개 추천해줘", "slogan", 3, None, True),
        ("give me a few headlines", "headline", 3, None, True),
        ("several taglines please", "slogan", 3, None, True),
        ("헤드라인 0개", "headline", 0, None, False),
        ("0 headlines please", "headline", 0, None, False),
    ],
)
def test_ranges_open_counts_and_zero_are_read(text, kind, count, low, vague):
    """A range gives its upper bound ("두세 개": 3), a count left open a chosen 3, and zero is
    zero: each is a request for copy, never small talk."""
    request = copy_request(text)
    assert (request.kind, request.count, request.count_low, request.count_vague) == (kind, count, low, vague)
    assert request.rest == "" and detect_by_rules(text, has_document=False).name == "generate_copy"


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("헤드라인 네 개 더 써줘", True),
        ("4 more headlines", True),
        ("another 3 slogans please", True),
        ("다른 헤드라인 3개", True),
        ("헤드라인 다시 3개 뽑아줘", True),
        ("give me different taglines", True),
        ("write 2 headlines again", True),
        ("헤드라인 5개 써줘", False),
        ("20% 할인 헤드라인 3개", False),
        ("write headlines for our new boots", False),
    ],
)
def test_asking_for_more_is_read(text, more):
    assert copy_request(text).more is more


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("헤드라인 5개 써줘", ""),
        ("give me 4 headlines", ""),
        ("슬로건 하나만 만들어 주세요", ""),
        ("이 제품으로 헤드라인 3개", ""),
        ("무선 이어폰 X1 헤드라인 5개", "무선 이어폰 X1"),
        ("헤드라인 써줘: 무선 이어폰 X1, 노이즈 캔슬링", "무선 이어폰 X1, 노이즈 캔슬링"),
        ("Give me 3 short catchy headlines for the X1 earbuds", "X1 earbuds"),
        ("write a slogan for Glow Serum, a vitamin C serum", "Glow Serum, vitamin C serum"),
        ("iPhone 15 케이스 헤드라인 3개", "iPhone 15 케이스"),
        ("20% 할인 강조해서 헤드라인 5개 써줘", "20% 할인 강조해서"),
        ("영어로 헤드라인 3개", ""),
        ("제품: 무선 이어폰 X1\n특징: 노이즈 캔슬링\n헤드라인 3개 써줘", "제품: 무선 이어폰 X1\n특징: 노이즈 캔슬링"),
    ],
)
def test_what_is_left_of_a_request_is_what_it_says_about_the_product(text, rest):
    assert copy_request(text).rest == rest


def test_a_language_and_a_channel_asked_for_are_read():
    assert copy_request("영어로 헤드라인 3개").language == "en"
    assert copy_request("write 3 headlines in Korean").language == "ko"
    assert copy_request("영문 헤드라인 3개").language == "en"
    assert copy_request("English slogans x2").language == "en"
    assert copy_request("헤드라인 3개").language is None
    assert copy_request("영어 학원 헤드라인 3개").language is None
    assert copy_request("write 3 headlines for our Korean skincare line").language is None
    assert copy_request("인스타그램 해시태그 20개").channel == "instagram_feed"


@pytest.mark.parametrize(
    ("text", "has_document", "intent"),
    [
        ("인스타그램 광고 이미지를 만들어줘. 헤드라인 3개도 넣어줘", False, "make_campaign"),
        ("무선 이어폰 X1 런칭 캠페인 만들어줘", False, "make_campaign"),
        ("X1 런칭 캠페인 슬로건 3개 써줘", False, "generate_copy"),
        ("헤드라인 5개 써줘", True, "generate_copy"),
        ("헤드라인 크게 해줘", True, "edit_document"),
        ("헤드라인 크게 해줘", False, "small_talk"),
        ("make the CTA bigger", False, "small_talk"),
        ("헤드라인 바꿔서 새로 3개 써줘", True, "generate_copy"),
        ("카피 써줘", False, "generate_copy"),
        ("헤드라인", False, "small_talk"),
    ],
)
def test_copy_against_the_other_intents(text, has_document, intent):
    assert detect_by_rules(text, has_document=has_document).name == intent
