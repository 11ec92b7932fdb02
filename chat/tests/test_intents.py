import pytest

from chat.intents import detect_by_rules

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
