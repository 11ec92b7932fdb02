"""Everyday briefs, as marketers write them (no "주요 특징:", no "Key features:"), with what a
careful reader takes from each. Shared by the brief tests, the workflow quality tests and
``bench/quality.py``.

``features`` lists what must be found (each as a case-insensitive substring of one parsed
feature); ``min_features`` how many the parse must hold at least; ``offer`` a substring of the
parsed offer; ``channels`` the presets in the order named.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    language: str
    product: str
    features: tuple[str, ...] = ()
    min_features: int = 2
    offer: str | None = None
    price: str | None = None
    deadline: str | None = None
    channels: tuple[str, ...] = ()
    audience: str | None = None
    extra: dict = field(default_factory=dict)


BRIEFS: list[Case] = [
    # --- Korean ------------------------------------------------------------------------------
    Case(
        "ko-robot-vacuum-feed",
        "이번에 나온 'Nimbus 2' 로봇청소기 인스타 피드 광고 부탁해요. 흡입력 8000Pa에 물걸레 자동 세척, "
        "소음이 적어요. 30~40대 맞벌이 부부 대상이고 2개 사면 1개 더 드려요",
        "ko",
        "Nimbus 2",
        ("8000Pa", "물걸레 자동 세척", "소음"),
        3,
        offer="2개 사면 1개 더",
        channels=("instagram_feed",),
        audience="30~40대 맞벌이 부부",
    ),
    Case(
        "ko-coldbrew-bracket",
        "「빈브릿지」 콜드브루 원액 카카오톡 채널에 올릴 이미지 만들어줘. 산미가 적고 고소해서 아침에 마시기 좋아. "
        "29,900원이고 12월 15일까지 무료배송이에요",
        "ko",
        "빈브릿지",
        ("산미", "고소"),
        offer="무료배송",
        price="29,900원",
        deadline="12월 15일까지",
        channels=("kakao_feed",),
    ),
    Case(
        "ko-home-workout-youtube",
        "유튜브 썸네일: 홈트 앱 '핏데이' 출시! 하루 15분 루틴이랑 AI 자세 교정이 핵심. 첫 달 무료",
        "ko",
        "핏데이",
        ("15분 루틴", "AI 자세 교정"),
        offer="첫 달 무료",
        channels=("youtube_thumbnail",),
    ),
    Case(
        "ko-bakery-kakao",
        "카카오 채널용 이미지요. 동네 베이커리 '밀도' 신메뉴 소금빵 나왔어요. 버터 풍미 진하고 겉바속촉. "
        "1+1 이벤트 이번 주 토요일까지",
        "ko",
        "밀도",
        ("버터 풍미", "겉바속촉"),
        offer="1+1",
        deadline="토요일까지",
        channels=("kakao_feed",),
    ),
    Case(
        "ko-vacuum-blog-and-feed",
        "네이버 블로그 포스팅이랑 인스타 피드 같이 만들어줘. 제품은 무선 청소기 에어픽 V8이고 흡입력 강하고 "
        "무게 1.2kg라 가벼움. 20% 할인",
        "ko",
        "에어픽 V8",
        ("흡입력", "1.2kg"),
        offer="20% 할인",
        channels=("naver_blog", "instagram_feed"),
    ),
    Case(
        "ko-cushion-story-and-feed",
        '인스타 피드랑 스토리 둘 다 필요해요. "루미 쿠션" 새로 나왔는데 커버력 좋고 24시간 지속돼요. '
        "SPF50+까지 있어요. 런칭 기념 30% 할인",
        "ko",
        "루미 쿠션",
        ("커버력", "24시간"),
        offer="30% 할인",
        channels=("instagram_feed", "instagram_story"),
    ),
    Case(
        "ko-earbuds-facebook",
        "페이스북 광고 하나 만들어 주세요. 무선 이어폰 '소니카 S3'인데 노이즈 캔슬링 되고 배터리 30시간 가요. "
        "지금 사면 케이스 증정",
        "ko",
        "소니카 S3",
        ("노이즈 캔슬링", "30시간"),
        offer="증정",
        channels=("facebook_feed",),
    ),
    Case(
        "ko-pet-food-detail",
        "상세페이지 만들어야 해요. 강아지 사료 '멍밥'이고 국내산 한우 70%, 무항생제 원료, 알러지 걱정 없어요. "
        "정기구독하면 10% 할인, 가격은 39,000원",
        "ko",
        "멍밥",
        ("한우 70%", "무항생제"),
        offer="10% 할인",
        price="39,000원",
        channels=("product_detail",),
    ),
    Case(
        "ko-juice-story",
        "인스타 스토리용으로 부탁드립니다. 착즙주스 브랜드 '그린데이' 신상 케일 사과 주스, "
        "설탕 무첨가에 100% 착즙이에요. "
        "2+1 행사 중",
        "ko",
        "그린데이",
        ("설탕 무첨가", "100% 착즙"),
        offer="2+1",
        channels=("instagram_story",),
    ),
    Case(
        "ko-english-academy-blog",
        "네이버 블로그 글 써주세요. 성인 영어회화 학원 <토크업>인데 원어민 1:1 수업이랑 주말반 운영해요. "
        "신규 등록 시 첫 달 50% 할인, 이번 달 말까지",
        "ko",
        "토크업",
        ("원어민 1:1", "주말반"),
        offer="50% 할인",
        deadline="이번 달 말까지",
        channels=("naver_blog",),
    ),
    Case(
        "ko-massage-chair-portrait",
        "인스타 세로형 광고로 안마의자 '바디큐 X7' 홍보해줘. 부모님 선물용으로 좋고 전신 에어백 마사지에 "
        "온열 기능까지 있어. 사전예약가 149만원",
        "ko",
        "바디큐 X7",
        ("에어백", "온열"),
        offer="사전예약",
        channels=("instagram_portrait",),
    ),
    Case(
        "ko-tumbler-feed-plain",
        "텀블러 '써모핏' 인스타 광고. 보온 12시간, 보냉 24시간이고 한 손으로 열려요. 무료배송",
        "ko",
        "써모핏",
        ("보온 12시간", "보냉 24시간"),
        offer="무료배송",
        channels=("instagram_feed",),
    ),
    Case(
        "ko-sunscreen-no-channel",
        "선크림 '데일리쉴드' 광고 이미지 만들어줘요. 백탁 없고 끈적임 없고 민감 피부도 쓸 수 있어요. 1+1",
        "ko",
        "데일리쉴드",
        ("백탁", "끈적임"),
        offer="1+1",
    ),
    Case(
        "ko-meal-kit-thumbnail",
        "유튜브 썸네일 만들어줘. 밀키트 '한끼뚝딱' 10분 완성에 국내산 재료만 써요. 첫 주문 5,000원 할인 쿠폰",
        "ko",
        "한끼뚝딱",
        ("10분 완성", "국내산 재료"),
        offer="5,000원 할인 쿠폰",
        channels=("youtube_thumbnail",),
    ),
    Case(
        "ko-keyboard-facebook-period",
        "페북 광고용. 기계식 키보드 KEYON K2 — 저소음 적축, 무선 3대 연결, 알루미늄 바디. 얼리버드 특가 89,000원",
        "ko",
        "KEYON K2",
        ("저소음 적축", "무선 3대 연결"),
        offer="얼리버드 특가",
        channels=("facebook_feed",),
    ),
    Case(
        "ko-yoga-studio-kakao",
        "카톡 채널에 올릴 거예요. 요가원 '숨' 오픈했어요! 소수정예 8명 수업이고 초보자 전용 클래스도 있어요. "
        "오픈 기념 첫 수업 무료 체험",
        "ko",
        "숨",
        ("소수정예 8명", "초보자 전용 클래스"),
        offer="무료 체험",
        channels=("kakao_feed",),
    ),
    # --- English -----------------------------------------------------------------------------
    Case(
        "en-flowdesk-facebook",
        "FlowDesk is our new team planner app for remote teams. It syncs calendars, runs async standups and has "
        "a 14-day free trial. Make a Facebook ad.",
        "en",
        "FlowDesk",
        ("syncs calendars", "async standups"),
        offer="14-day free trial",
        channels=("facebook_feed",),
    ),
    Case(
        "en-serum-story",
        "Need an Instagram story for Glow Drop vitamin C serum — brightens dull skin in 2 weeks, "
        "fragrance-free, vegan. "
        "Early-bird price $89 until Friday.",
        "en",
        "Glow Drop",
        ("brightens dull skin", "fragrance-free", "vegan"),
        3,
        offer="Early-bird price $89",
        deadline="until Friday",
        channels=("instagram_story",),
    ),
    Case(
        "en-juice-feed-and-story",
        "Buy 2, get 1 free on all Sunny Press cold-pressed juices this weekend. 100% organic, no added sugar. "
        "Post for Instagram feed and story.",
        "en",
        "Sunny Press",
        ("100% organic", "no added sugar"),
        offer="Buy 2, get 1 free",
        channels=("instagram_feed", "instagram_story"),
    ),
    Case(
        "en-boots-landing-and-blog",
        "landing page and blog for Trailhead X hiking boots: waterproof Gore-Tex, 6 hours break-in free, "
        "30% off for members",
        "en",
        "Trailhead X",
        ("waterproof Gore-Tex", "break-in"),
        offer="30% off",
        channels=("product_detail", "naver_blog"),
    ),
    Case(
        "en-meal-kit-no-channel",
        "Make an ad for our meal kit brand Fresh Table targeting busy parents, 20-minute recipes and farm-fresh "
        "ingredients, free shipping over $50",
        "en",
        "Fresh Table",
        ("20-minute recipes", "farm-fresh ingredients"),
        offer="free shipping over $50",
        audience="busy parents",
    ),
    Case(
        "en-nimbus-quoted-youtube",
        "YouTube thumbnail for 'Nimbus 2', our robot vacuum. 8000Pa suction and self-emptying dock. Launch price $399.",
        "en",
        "Nimbus 2",
        ("8000Pa suction", "self-emptying dock"),
        offer="Launch price $399",
        channels=("youtube_thumbnail",),
    ),
    Case(
        "en-coffee-kakao",
        "Kakao channel post for Bean Bridge cold brew. It's smooth, low acid and ready in 10 seconds. "
        "Free shipping through Dec 20.",
        "en",
        "Bean Bridge",
        ("low acid", "ready in 10 seconds"),
        offer="Free shipping",
        deadline="Dec 20",
        channels=("kakao_feed",),
    ),
    Case(
        "en-headphones-portrait",
        "Portrait Instagram ad, please: AirLoop Max headphones with 40-hour battery, spatial audio and "
        "foldable design. 15% off with code LOOP15.",
        "en",
        "AirLoop Max",
        ("40-hour battery", "spatial audio"),
        offer="15% off",
        channels=("instagram_portrait",),
    ),
    Case(
        "en-crm-detail",
        "We need a product detail page for PipeLine CRM. Automatic lead scoring, Gmail sync, and a "
        "mobile app. Plans start at $29/month, first month free.",
        "en",
        "PipeLine CRM",
        ("lead scoring", "Gmail sync"),
        offer="first month free",
        price="$29/month",
        channels=("product_detail",),
    ),
    Case(
        "en-bike-feed-sentences",
        "Instagram post about the Volt Cruiser e-bike. The battery lasts 80 km. It folds in 10 seconds. "
        "It weighs just 16 kg. Get a free helmet with every order.",
        "en",
        "Volt Cruiser",
        ("80 km", "10 seconds"),
        offer="free helmet",
        channels=("instagram_feed",),
    ),
    Case(
        "en-candles-blog",
        "Write a blog post for Hearth & Wick soy candles: hand-poured in small batches, 60-hour burn time, "
        "cotton wicks. 20% off everything until Sunday.",
        "en",
        "Hearth & Wick",
        ("hand-poured", "60-hour burn time"),
        offer="20% off",
        deadline="until Sunday",
        channels=("naver_blog",),
    ),
    Case(
        "en-language-app-story",
        "Instagram story ad for Lingo Leap. Five-minute lessons, speech recognition, and offline mode. "
        "Annual plan half price this week only.",
        "en",
        "Lingo Leap",
        ("Five-minute lessons", "speech recognition"),
        offer="half price",
        channels=("instagram_story",),
    ),
    Case(
        "en-gym-facebook",
        "Facebook ad for IronHouse Gym's new location. Open 24/7, free parking and sauna included. "
        "No joining fee for the first 100 members.",
        "en",
        "IronHouse Gym",
        ("Open 24/7", "free parking"),
        offer="No joining fee",
        channels=("facebook_feed",),
    ),
    Case(
        "en-skincare-no-channel-bogo",
        "An ad for Calm Skin cica cream. Soothes redness overnight and is dermatologist tested. BOGO this month.",
        "en",
        "Calm Skin",
        ("redness", "dermatologist tested"),
        offer="BOGO",
    ),
    Case(
        "en-watch-youtube-price",
        "Make a YouTube thumbnail for the Orbit S smartwatch: 14-day battery, ECG and sleep tracking. "
        "Just $199, free returns.",
        "en",
        "Orbit S",
        ("14-day battery", "ECG"),
        offer="free returns",
        price="$199",
        channels=("youtube_thumbnail",),
    ),
    Case(
        "en-tea-kakao-and-feed",
        "Kakao feed and Instagram feed for Misty Peak green tea. Hand-picked on Jeju, low caffeine. "
        "Buy 3, get 1 free until Nov 30.",
        "en",
        "Misty Peak",
        ("Hand-picked on Jeju", "low caffeine"),
        offer="Buy 3, get 1 free",
        channels=("kakao_feed", "instagram_feed"),
    ),
    # --- documents of their own: banners, posters, decks, newsletters ----------------------------
    Case(
        "ko-granola-poster-and-feed",
        "포스터랑 인스타 피드 같이 부탁해요. 수제 그래놀라 '오트모먼트' 새로 나왔어요. 무설탕이고 단백질 12g이에요. "
        "오픈 기념 20% 할인, 12월 20일까지",
        "ko",
        "오트모먼트",
        ("무설탕", "단백질 12g"),
        offer="20% 할인",
        deadline="12월 20일",
        channels=("poster", "instagram_feed"),
    ),
    Case(
        "ko-ebike-web-banner",
        "웹배너 필요해요. 전기 자전거 '라이드온 E3'인데 80km 주행, 15kg 경량 프레임이에요. 가격 890,000원",
        "ko",
        "라이드온 E3",
        ("80km", "15kg"),
        price="890,000원",
        channels=("web_banner",),
    ),
    Case(
        "ko-logistics-company-deck",
        "회사소개서 PPT로 만들어줘. 물류 플랫폼 '빈브릿지'예요. 당일 배송률 98%, 전국 40개 거점. 첫 달 수수료 무료",
        "ko",
        "빈브릿지",
        ("98%", "40개 거점"),
        offer="수수료 무료",
        channels=("presentation",),
    ),
    Case(
        "ko-pilates-newsletter",
        "이번 주 뉴스레터에 넣을 거예요. 온라인 필라테스 클래스 '코어랩' 회원 모집 중이에요. 주 3회 라이브 수업, "
        "1:1 자세 피드백. 첫 달 50% 할인",
        "ko",
        "코어랩",
        ("라이브 수업", "자세 피드백"),
        offer="50% 할인",
        channels=("email_newsletter",),
    ),
    Case(
        "en-shoes-web-banner",
        "A web banner for Nimbus 2 running shoes. They weigh 210 g and the foam returns 85% of energy. "
        "25% off this weekend.",
        "en",
        "Nimbus 2",
        ("210 g", "85% of energy"),
        offer="25% off",
        channels=("web_banner",),
    ),
    Case(
        "en-cold-brew-flyers",
        "Flyers and a poster for Brew Lab's cold brew: steeped 18 hours, half the acidity of hot coffee. "
        "$4.50 a bottle.",
        "en",
        "Brew Lab",
        ("18 hours", "half the acidity"),
        price="$4.50 a bottle",  # the price keeps its unit
        channels=("poster",),
    ),
    Case(
        "en-scheduling-pitch-deck",
        "Put together a pitch deck for FlowDesk, our scheduling tool. It syncs calendars, cuts meetings by 30%. "
        "14-day free trial.",
        "en",
        "FlowDesk",
        ("syncs calendars", "30%"),
        offer="14-day free trial",
        channels=("presentation",),
    ),
    Case(
        "en-candles-story-and-newsletter",
        "We need an Instagram story and a newsletter for Petal & Co candles. Soy wax, 60-hour burn time. "
        "Free shipping over $40.",
        "en",
        "Petal & Co",
        ("soy wax", "60-hour burn time"),
        offer="Free shipping over $40",
        channels=("instagram_story", "email_newsletter"),
    ),
]
