"""Term lists behind brief understanding: Kiwi's user dictionary and the small lexicons that
turn words into slots (channels, formats, categories, audiences, tones, benefits).

Korean entries are whole words as Kiwi should see them (most are also added to its user
dictionary so that it keeps them in one piece); English entries are lowercase and singular.
"""

# --- channels -------------------------------------------------------------------------------

# preset key -> platform name, as documents.schema.CHANNEL_PRESETS knows the presets
CHANNEL_NAMES = {
    "instagram_feed": "Instagram",
    "instagram_portrait": "Instagram",
    "instagram_story": "Instagram",
    "facebook_feed": "Facebook",
    "youtube_thumbnail": "YouTube",
    "naver_blog": "Naver Blog",
    "kakao_feed": "KakaoTalk",
    "product_detail": "Product detail page",
    "web_banner": "Web banner",
    "poster": "Poster",
    "presentation": "Presentation",
    "email_newsletter": "E-mail newsletter",
}

# platform -> terms that name it, matched in lowercased text (English ones on word boundaries)
PLATFORM_TERMS_KO = {
    "instagram": ("인스타그램", "인스타", "릴스"),
    "facebook": ("페이스북", "페북"),
    "youtube": ("유튜브", "유튭", "쇼츠"),
    "naver": ("네이버",),
    "kakao": ("카카오톡", "카카오", "카톡", "알림톡", "친구톡"),
    "product_detail": ("상세페이지", "상세 페이지", "상품 상세", "상품상세"),
    # deliverables that are a document of their own; words that also mean something else
    # ("이메일 주소", "slides" of a carousel) are read in context by detect_channels only
    "web_banner": ("배너",),
    "poster": ("포스터", "전단지", "플라이어"),
    "presentation": ("발표자료", "발표 자료", "프레젠테이션", "피피티", "회사소개서", "회사 소개서", "제안서"),
    "email_newsletter": ("뉴스레터", "메일링"),
}
PLATFORM_TERMS_EN = {
    "instagram": ("instagram", "insta", "ig", "reels", "reel"),
    "facebook": ("facebook", "fb"),
    "youtube": ("youtube", "yt shorts"),
    "naver": ("naver",),
    "kakao": ("kakaotalk", "kakao talk", "kakao"),
    "product_detail": ("product detail page", "product detail", "detail page", "product page", "pdp"),
    "web_banner": ("banner", "banners", "display ad", "display ads", "leaderboard ad"),
    "poster": ("poster", "posters", "flyer", "flyers", "flier"),
    "presentation": ("pitch deck", "sales deck", "slide deck", "presentation", "ppt", "powerpoint"),
    "email_newsletter": ("newsletter", "newsletters", "email blast", "e-mail blast", "email campaign"),
}
# a blog on one of these is not a Naver blog
OTHER_BLOG_PLATFORMS = ("티스토리", "tistory", "브런치", "워드프레스", "wordpress", "medium", "velog")

# --- formats --------------------------------------------------------------------------------

# format -> terms, in priority order: the more specific deliverable wins when several are
# named ("유튜브 영상 썸네일" asks for a thumbnail, "광고 이미지와 문구" for an image).
FORMAT_TERMS = (
    ("thumbnail", ("썸네일",), ("thumbnail",)),
    ("banner", ("배너",), ("banner",)),
    ("email", ("이메일", "메일", "뉴스레터", "edm"), ("email", "e-mail", "newsletter", "edm")),
    (
        "blog",
        ("블로그 글", "블로그글", "블로그 포스팅", "포스팅", "블로그 게시물", "블로그 포스트"),
        ("blog post", "blog article", "article"),
    ),
    (
        "video",
        ("영상", "동영상", "비디오", "숏폼", "쇼츠", "릴스"),
        ("video", "reels", "reel", "shorts", "short-form", "clip", "video script"),
    ),
    (
        "image",
        ("이미지", "사진", "비주얼", "포스터", "그림", "일러스트"),
        ("image", "visual", "picture", "photo", "poster", "illustration", "creative", "graphic"),
    ),
    (
        "copy",
        ("카피", "문구", "헤드라인", "슬로건", "캐치프레이즈", "태그라인", "광고문안", "문안"),
        ("copy", "copywriting", "headline", "slogan", "tagline", "ad text", "script"),
    ),
    (
        "sns_post",
        ("게시물", "게시글", "피드 글", "카드뉴스", "캡션", "sns 글", "sns 포스트"),
        ("post", "caption", "tweet", "card news"),
    ),
)
# what a channel implies when the brief names no deliverable
CHANNEL_DEFAULT_FORMAT = {"naver_blog": "blog", "product_detail": "detail_page"}

# --- words that frame a request rather than name a product ---------------------------------

CHANNEL_WORDS = {
    "인스타그램", "인스타", "유튜브", "유튭", "페이스북", "페북", "카카오톡", "카카오", "카톡",
    "네이버", "블로그", "릴스", "스토리", "쇼츠", "피드", "채널", "세로", "가로", "정사각형",
    "알림톡", "친구톡", "틱톡", "숏폼",
    "배너", "웹배너", "배너광고", "포스터", "전단", "전단지", "플라이어", "발표자료", "프레젠테이션",
    "피피티", "회사소개서", "제안서", "슬라이드", "뉴스레터", "메일링", "이메일",
    "instagram", "insta", "facebook", "youtube", "naver", "kakao", "kakaotalk", "blog",
    "story", "stories", "reels", "reel", "feed", "portrait", "shorts", "sns", "tiktok",
    "banner", "banners", "leaderboard", "poster", "posters", "flyer", "flyers", "presentation",
    "presentations", "ppt", "powerpoint", "pitch", "deck", "decks", "slides", "newsletter", "newsletters",
    "edm",
}  # fmt: skip
FORMAT_WORDS = {
    "이미지", "영상", "동영상", "비디오", "썸네일", "배너", "문구", "카피", "광고문구", "슬로건",
    "헤드라인", "이메일", "메일", "뉴스레터", "게시물", "게시글", "포스팅", "포스트", "글",
    "콘텐츠", "컨텐츠", "상세페이지", "페이지", "카드뉴스", "포스터", "전단", "전단지",
    "스크립트", "대본", "캡션", "메시지", "사진", "비주얼", "시안", "디자인", "숏폼", "문안", "티저",
    "image", "video", "thumbnail", "banner", "copy", "headline", "slogan", "email",
    "newsletter", "post", "caption", "page", "visual", "poster", "script", "content",
    "creative", "article", "message", "graphic", "teaser", "carousel", "seo",
}  # fmt: skip
MARKETING_WORDS = {
    "광고", "홍보", "마케팅", "캠페인", "프로모션", "이벤트", "런칭", "론칭", "출시", "오픈",
    "기념", "소개", "안내", "판매", "세일", "특가", "할인", "제작", "기획", "소재", "작업",
    "크리에이티브", "신제품", "신상", "신상품", "신규", "제품", "상품", "브랜드", "용",
    "공지", "알림", "쿠폰", "적립",
    "ad", "ads", "advert", "advertisement", "campaign", "promotion", "promo", "launch",
    "announcement", "marketing", "product", "brand", "new",
}  # fmt: skip
# only dropped from the end of a product phrase ("제주 펜션 여름 성수기 예약" -> "제주 펜션")
TRAILING_ONLY_WORDS = {
    "예약", "시즌", "성수기", "비수기", "여름", "겨울", "봄", "가을", "봄맞이", "연말", "신년",
    "명절", "추석", "설날", "블랙프라이데이", "기간", "한정", "sale", "season", "summer", "winter",
    "spring", "fall", "autumn", "holiday", "holidays", "christmas", "deal", "deals", "주말", "평일", "이번주",
    "이번달", "weekend",
}  # fmt: skip
EDGE_WORDS = CHANNEL_WORDS | FORMAT_WORDS | MARKETING_WORDS

# nouns that introduce a slot
PRODUCT_LABELS = {"제품", "제품명", "상품", "상품명", "브랜드", "브랜드명", "서비스명", "서비스"}
AUDIENCE_TRIGGERS = {"타겟", "타깃", "대상", "타겟층", "타깃층", "고객층", "대상자"}
AUDIENCE_LABEL_FILLERS = {"고객", "층", "오디언스", "주", "주요", "메인", "핵심"}
FEATURE_TRIGGERS = {
    "특징", "기능", "스펙", "사양", "포인트", "셀링포인트", "usp", "강점", "강조", "소구점",
    "차별점", "특장점", "탑재", "지원", "적용", "특성",
}  # fmt: skip
BENEFIT_TRIGGERS = {"효과", "효능", "장점", "베네핏", "이점"}
TONE_TRIGGERS = {"톤", "분위기", "느낌", "무드", "어조", "말투", "톤앤매너", "보이스", "스타일", "어투"}
COPY_CONTEXT_WORDS = {"문구", "카피", "슬로건", "헤드라인", "제목", "캐치프레이즈", "멘트", "문장", "태그라인"}
PROMOTE_WORDS = {"홍보", "광고", "소개", "알리", "런칭", "론칭", "출시", "판매", "마케팅"}

# --- audiences ------------------------------------------------------------------------------

PERSON_WORDS_KO = {
    "직장인", "여성", "남성", "여자", "남자", "학생", "대학생", "취준생", "수험생", "주부",
    "엄마", "아빠", "부모", "부모님", "맘", "워킹맘", "육아맘", "직장맘", "아이", "어린이",
    "키즈", "유아", "시니어", "어르신", "노년층", "청소년", "청년", "세대", "고객", "소비자",
    "사용자", "유저", "회원", "가족", "커플", "신혼부부", "부부", "자취생", "가구", "여행객",
    "관광객", "캠퍼", "러너", "골퍼", "게이머", "반려인", "집사", "견주", "운전자", "개발자",
    "디자이너", "마케터", "사장님", "자영업자", "소상공인", "중소기업", "스타트업", "창업자",
    "초보자", "입문자", "초보", "마니아", "애호가", "팬", "임산부", "환자", "헬린이",
    "사회초년생", "신입생", "교사", "선생님", "남녀", "성인", "어른", "층", "족", "mz",
    "새내기", "프리랜서", "크리에이터", "등산객", "운동인", "러너들", "직장인들",
}  # fmt: skip
# these alone are too generic to mark a noun phrase as an audience without a cue
GENERIC_PERSON_WORDS_KO = {"고객", "소비자", "사용자", "유저", "회원", "팬", "층", "족", "가구"}
PERSON_WORDS_EN = {
    "woman", "women", "man", "men", "mom", "mother", "dad", "father", "parent", "family",
    "families", "kid", "children", "child", "teen", "teenager", "student", "professional",
    "worker", "commuter", "employee", "millennial", "gen z", "genz", "boomer", "senior",
    "retiree", "beginner", "runner", "gamer", "traveler", "traveller", "owner",
    "entrepreneur", "founder", "developer", "designer", "marketer", "shopper", "customer",
    "buyer", "user", "people", "couple", "newlywed", "athlete", "lover", "enthusiast", "fan",
    "reader", "homeowner", "renter", "single", "creator", "freelancer", "nurse", "teacher",
    "foodie", "hiker", "camper", "cyclist", "golfer", "driver", "patient", "adult", "youth",
    "girl", "boy", "guy", "lady", "ladies", "gentleman", "gentlemen", "grad", "graduate",
    "newcomer", "expat", "pet parent", "small business", "business", "team", "company",
    "companies", "startup", "learner", "mums", "mum", "person",
}  # fmt: skip

# --- categories -----------------------------------------------------------------------------

# category -> (Korean words, English words); the head noun of the product decides
# fmt: off
CATEGORY_TERMS = {
    "audio": (
        ("이어폰", "헤드폰", "헤드셋", "스피커", "이어버드", "사운드바", "오디오", "버즈"),
        ("earbud", "earphone", "headphone", "headset", "speaker", "soundbar", "audio", "airpod"),
    ),
    "electronics": (
        ("스마트폰", "휴대폰", "노트북", "태블릿", "충전기", "보조배터리", "모니터", "카메라",
         "스마트워치", "키보드", "마우스", "드론", "게임기", "프로젝터", "가전", "tv", "로봇"),
        ("phone", "smartphone", "laptop", "tablet", "charger", "power bank", "monitor", "camera",
         "smartwatch", "watch", "keyboard", "mouse", "drone", "console", "projector", "tv",
         "gadget", "robot", "electronics", "power station", "power bank", "generator"),
    ),
    "beauty": (
        ("세럼", "크림", "립스틱", "립밤", "화장품", "스킨케어", "선크림", "토너", "마스크팩",
         "파운데이션", "쿠션", "앰플", "에센스", "로션", "클렌저", "클렌징", "샴푸", "향수",
         "틴트", "메이크업", "코스메틱", "뷰티", "네일", "헤어"),
        ("serum", "cream", "lipstick", "lip balm", "skincare", "sunscreen", "moisturizer",
         "toner", "cosmetic", "makeup", "foundation", "cushion", "ampoule", "essence", "lotion",
         "cleanser", "shampoo", "perfume", "fragrance", "beauty", "mascara", "nail"),
    ),
    "fashion": (
        ("운동화", "신발", "스니커즈", "티셔츠", "원피스", "가방", "자켓", "재킷", "패딩", "코트",
         "청바지", "후드티", "니트", "셔츠", "구두", "부츠", "샌들", "모자", "액세서리", "주얼리",
         "의류", "패션", "레깅스", "수영복", "안경", "선글라스"),
        ("sneaker", "shoe", "boot", "sandal", "t-shirt", "tee", "dress", "bag", "handbag",
         "jacket", "coat", "jeans", "hoodie", "shirt", "apparel", "clothing", "fashion",
         "accessory", "jewelry", "jewellery", "legging", "swimwear", "sunglasses", "hat"),
    ),
    "food": (
        ("도시락", "빵", "케이크", "과자", "김치", "밀키트", "라면", "샐러드", "간편식", "초콜릿",
         "쿠키", "피자", "치킨", "베이커리", "디저트", "떡", "반찬", "식품", "간식", "그래놀라",
         "소스", "레스토랑", "식당", "맛집", "고기", "한우", "과일", "이유식", "선물세트",
         # a dish or a baked good is food whatever else its name holds ("흑임자 크림 식빵": 크림 is
         # no cosmetic here, the head decides)
         "식빵", "크루아상", "아이스크림", "젤라또", "빙수", "도넛", "마카롱", "베이글", "스콘", "타르트",
         "떡볶이", "김밥", "국밥", "삼겹살", "족발", "곱창", "냉면", "우동", "파스타",
         "라멘", "초밥", "스시", "돈가스", "돈까스", "햄버거", "버거", "비빔밥", "브런치", "반찬가게",
         "뇨끼", "리조또", "라자냐", "라비올리"),
        ("snack", "cookie", "cake", "pizza", "meal kit", "granola", "chocolate", "bread",
         "bakery", "dessert", "salad", "sauce", "restaurant", "burger", "noodle", "food",
         "kimchi", "fruit", "cereal", "taco", "burrito", "ramen", "sushi", "croissant", "donut",
         "doughnut", "bagel", "pastry", "pastries", "pie", "cinnamon roll", "ice cream", "gelato", "bbq",
         "barbecue", "steak", "pasta", "soup", "curry", "thali", "dumpling", "brunch", "lunch", "dinner",
         "menu", "food truck", "taco truck", "ice cream truck", "bakeshop", "deli", "diner", "bistro",
         "gnocchi", "risotto", "lasagna", "ravioli", "spaghetti", "linguine", "fettuccine", "penne"),
    ),
    "beverage": (
        ("커피", "음료", "맥주", "와인", "주스", "콤부차", "탄산수", "녹차", "홍차", "콜드브루",
         "원두", "카페", "라떼", "생수", "소주", "위스키", "티백", "스무디", "막걸리", "맥주", "전통주", "약주", "탁주",
         "사케", "하이볼"),
        ("coffee", "tea", "juice", "beer", "wine", "drink", "beverage", "kombucha", "soda",
         "latte", "cold brew", "water", "whisky", "whiskey", "smoothie", "cafe", "ipa", "lager", "ale",
         "stout", "cider", "brewery"),
    ),
    "app": (
        ("앱", "어플", "애플리케이션", "플랫폼", "소프트웨어", "프로그램", "솔루션", "웹사이트"),
        ("app", "application", "software", "saas", "platform", "tool", "website", "plugin", "module", "dashboard",
         "crm", "erp"),
    ),
    "finance": (
        ("카드", "신용카드", "체크카드", "적금", "예금", "대출", "보험", "투자", "증권", "은행",
         "펀드", "결제", "페이", "회계", "주식", "연금"),
        ("credit card", "card", "visa", "mastercard", "loan", "insurance", "savings", "bank", "banking", "investing",
         "investment", "fund", "payment", "accounting", "stock", "pension", "mortgage"),
    ),
    "travel": (
        ("여행", "호텔", "항공권", "투어", "리조트", "펜션", "숙소", "캠핑장", "패키지여행",
         "글램핑", "항공", "크루즈", "게스트하우스", "리트릿", "한 달 살기"),
        ("hotel", "flight", "travel", "tour", "resort", "trip", "vacation", "cruise", "airline",
         "hostel", "getaway", "glamping", "retreat"),
    ),
    "education": (
        ("강의", "강좌", "클래스", "학원", "과외", "교육", "인강", "코딩", "영어회화", "수업",
         "자격증", "캠프", "부트캠프", "교재", "레슨", "아카데미"),
        ("course", "class", "lesson", "tutoring", "bootcamp", "academy", "training", "workshop",
         "webinar", "curriculum", "education", "school"),
    ),
    "fitness": (
        ("헬스장", "요가", "필라테스", "피트니스", "운동", "프로틴", "단백질", "홈트", "홈트레이닝",
         "크로스핏", "pt", "다이어트", "체중계", "러닝머신", "요가매트"),
        ("gym", "yoga", "pilates", "fitness", "workout", "protein", "crossfit", "exercise",
         "treadmill", "dumbbell", "diet", "pool", "swim", "swimming", "strength training", "bike", "bicycle"),
    ),
    "health": (
        ("영양제", "비타민", "유산균", "건강기능식품", "홍삼", "오메가3", "콜라겐", "병원", "치과", "피부과",
         "클리닉", "한의원", "약국", "건강검진", "검진", "내과", "동물병원", "응급진료"),
        ("supplement", "vitamin", "probiotic", "multivitamin", "collagen", "omega-3", "clinic", "dental",
         "dentist", "hospital", "pharmacy", "physicals", "checkup", "check-up", "screening", "pediatrics"),
    ),
    "home": (
        ("가구", "소파", "침대", "매트리스", "조명", "청소기", "공기청정기", "인테리어", "주방",
         "식기", "이불", "커튼", "디퓨저", "캔들", "책상", "의자", "수납", "냄비", "프라이팬",
         "가습기", "세제", "러그", "램프"),
        ("furniture", "sofa", "couch", "bed", "mattress", "lamp", "lighting", "vacuum",
         "air purifier", "kitchen", "candle", "bedding", "desk", "chair", "cookware", "pan",
         "humidifier", "detergent", "rug", "pillow", "home decor", "interior"),
    ),
    "pet": (
        ("사료", "강아지", "고양이", "반려견", "반려묘", "반려동물", "펫", "애견", "애묘",
         "고양이모래", "캣타워"),
        ("dog", "cat", "pet", "puppy", "kitten", "kibble", "litter", "collar", "leash"),
    ),
    "auto": (
        ("자동차", "차량", "전기차", "suv", "세차", "타이어", "블랙박스", "중고차", "렌터카"),
        ("car", "vehicle", "ev", "suv", "tire", "tyre", "sedan", "truck", "dashcam", "electric car"),
    ),
    "service": (
        ("컨설팅", "구독", "배달", "대행", "렌탈", "청소", "상담", "이사", "세탁", "수리", "서비스"),
        ("consulting", "subscription", "delivery", "agency", "rental", "cleaning", "repair",
         "laundry", "service", "coaching"),
    ),
    # a gathering people come to: what it offers is the day itself, not a product to buy
    "event": (
        ("공연", "콘서트", "축제", "페스티벌", "플리마켓", "벼룩시장", "박람회", "전시회", "사인회", "북토크",
         "바자회", "마라톤", "팝업스토어", "음악회", "파티", "컨퍼런스", "세미나", "뮤지컬", "연극", "나이트런",
         "러닝대회"),
        ("concert", "festival", "fest", "fair", "flea market", "expo", "exhibition", "gala", "meetup",
         "book signing", "signing night", "fundraiser", "bake sale", "open house", "marathon",
         "conference", "pop-up", "gig", "recital", "musical", "block party", "street party"),
    ),
    # a cause people give to or take part in: a donation drive, volunteering, a public programme.
    # Nothing is bought: its call to action is to join, take part or give
    "cause": (
        ("기부", "후원", "모금", "봉사", "봉사단", "자원봉사", "나눔", "헌혈", "분리수거", "캠페인단", "입양",
         "나눔장터", "기부금", "모금함", "플로깅", "줍깅"),
        ("donation", "donations", "charity", "food drive", "blood drive", "toy drive", "coat drive", "clothing drive",
         "volunteer", "volunteering", "nonprofit", "non-profit", "compost", "composting", "recycling", "cleanup",
         "clean-up", "giving tuesday", "pledge", "adoption", "adoptions"),
    ),
}
# fmt: on
# a product for pets is a pet product whatever its head noun ("반려견 관절 영양제")
DOMINANT_CATEGORIES = ("pet",)

# --- tones ----------------------------------------------------------------------------------

TONE_KO = {
    "친근": "friendly", "다정": "friendly", "친절": "friendly", "캐주얼": "friendly",
    "고급": "premium", "프리미엄": "premium", "럭셔리": "premium", "우아": "premium",
    "세련": "premium", "고품격": "premium", "품격": "premium",
    "유쾌": "playful", "발랄": "playful", "재미": "playful", "재밌": "playful",
    "위트": "playful", "유머": "playful", "유머러스": "playful", "귀엽": "playful",
    "익살": "playful", "장난": "playful",
    "전문": "professional", "진중": "professional", "격식": "professional",
    "긴급": "urgent", "긴박": "urgent", "다급": "urgent", "급박": "urgent",
    "차분": "calm", "잔잔": "calm", "평온": "calm", "담백": "calm", "부드럽": "calm",
    "편안": "calm", "힐링": "calm",
    "감성": "emotional", "감동": "emotional", "따뜻": "emotional", "따스": "emotional",
    "서정": "emotional",
    "활기": "energetic", "활기차": "energetic", "역동": "energetic", "경쾌": "energetic",
    "에너지": "energetic", "파워풀": "energetic", "힘차": "energetic",
    "트렌디": "trendy", "힙": "trendy", "힙하": "trendy", "감각": "trendy", "모던": "trendy",
    "미니멀": "minimal", "심플": "minimal", "깔끔": "minimal", "간결": "minimal",
    "신뢰": "trustworthy", "믿음": "trustworthy", "진정성": "trustworthy", "진솔": "trustworthy",
}  # fmt: skip
TONE_EN = {
    "friendly": "friendly", "casual": "friendly", "approachable": "friendly", "warm": "friendly",
    "conversational": "friendly",
    "premium": "premium", "luxury": "premium", "luxurious": "premium", "elegant": "premium",
    "sophisticated": "premium", "upscale": "premium", "classy": "premium", "high-end": "premium",
    "playful": "playful", "fun": "playful", "funny": "playful", "witty": "playful",
    "humorous": "playful", "cheeky": "playful", "quirky": "playful", "cute": "playful",
    "professional": "professional", "formal": "professional", "authoritative": "professional",
    "expert": "professional", "corporate": "professional",
    "urgent": "urgent", "urgency": "urgent",
    "calm": "calm", "soothing": "calm", "gentle": "calm", "relaxed": "calm", "serene": "calm",
    "soft": "calm", "peaceful": "calm",
    "emotional": "emotional", "heartfelt": "emotional", "sentimental": "emotional",
    "touching": "emotional", "nostalgic": "emotional",
    "energetic": "energetic", "dynamic": "energetic", "bold": "energetic", "vibrant": "energetic",
    "upbeat": "energetic", "exciting": "energetic", "powerful": "energetic",
    "trendy": "trendy", "hip": "trendy", "modern": "trendy", "cool": "trendy",
    "stylish": "trendy", "edgy": "trendy",
    "minimal": "minimal", "minimalist": "minimal", "simple": "minimal", "clean": "minimal",
    "trustworthy": "trustworthy", "reliable": "trustworthy", "credible": "trustworthy",
    "honest": "trustworthy", "sincere": "trustworthy", "reassuring": "trustworthy",
}  # fmt: skip
# phrases that make a brief urgent when it states no tone of its own
URGENCY_HINTS = (
    "마감 임박", "마감임박", "품절 임박", "품절임박", "한정 수량", "한정수량", "오늘만", "타임세일",
    "서두르", "last chance", "limited time", "hurry", "ends today", "ends tonight", "today only",
    "while stocks last", "sale ends", "don't miss",
)  # fmt: skip

# --- benefits -------------------------------------------------------------------------------

# feature term (Korean or English, lowercase, matched inside the feature) -> (ko, en) benefit
FEATURE_BENEFITS = (
    (("노이즈 캔슬링", "노이즈캔슬링", "노캔", "소음 차단", "noise cancel", "noise-cancel", "anc"),
     ("소음 없는 몰입과 집중", "focus without distractions")),
    (("고속충전", "고속 충전", "급속충전", "급속 충전", "fast charg", "quick charg", "rapid charg"),
     ("짧은 충전으로 바로 사용", "less time plugged in")),
    (("배터리", "battery"), ("충전 걱정 없는 하루", "all-day use without recharging")),
    (("방수", "생활방수", "waterproof", "water-resistant", "water resistant", "ipx"),
     ("비와 땀에도 안심", "worry-free in rain and sweat")),
    (("무선", "블루투스", "wireless", "bluetooth", "cordless"),
     ("선 없는 자유로움", "freedom from cables")),
    (("경량", "가벼운", "가벼움", "lightweight", "light-weight", "featherlight"),
     ("가볍고 편안한 사용감", "feels light all day")),
    (("미백", "브라이트닝", "톤업", "brightening", "whitening", "glow"),
     ("맑고 환한 피부", "brighter-looking skin")),
    (("보습", "수분", "hydrat", "moistur"), ("오래가는 촉촉함", "lasting hydration")),
    (("저자극", "순한", "민감", "gentle", "sensitive"),
     ("민감한 피부도 안심", "gentle on sensitive skin")),
    (("유기농", "오가닉", "천연", "organic", "natural"),
     ("믿을 수 있는 원료", "ingredients you can trust")),
    (("단백질", "프로틴", "protein"), ("든든한 영양 보충", "more protein in every serving")),
    (("저칼로리", "무설탕", "제로", "low-calorie", "low calorie", "sugar-free", "zero sugar"),
     ("부담 없는 칼로리", "guilt-free enjoyment")),
    (("간편", "간단", "원터치", "easy", "simple", "one-touch", "one-click"),
     ("번거로움 없는 간편함", "saves time and effort")),
    (("고화질", "4k", "화질", "선명"), ("선명한 화질", "sharp, clear picture")),
    (("음질", "사운드", "hi-fi", "sound"), ("생생한 사운드", "rich, immersive sound")),
    (("내구성", "튼튼", "durable", "rugged"), ("오래 쓰는 튼튼함", "built to last")),
    # "pocket-sized", not the "pocketed coils" of a mattress
    (("휴대", "포터블", "소형", "컴팩트", "portable", "compact", "pocket-sized", "pocketable", "fits in your pocket"),
     ("어디서나 간편한 휴대", "easy to carry anywhere")),
    (("친환경", "재활용", "eco", "recycled", "sustainable"),
     ("지구를 생각하는 선택", "a greener choice")),
    (("자외선", "spf", "uv"), ("자외선 걱정 없는 외출", "protection from the sun")),
    (("자동", "ai", "스마트", "automatic", "smart"), ("알아서 해주는 편리함", "does the work for you")),
    (("보안", "암호화", "security", "secure", "encrypt"), ("안심할 수 있는 보안", "peace of mind")),
    (("수수료", "무료", "저렴", "가성비", "no fee", "zero fee", "low fee", "affordable"),
     ("부담 없는 비용", "saves money")),
    (("통기성", "breathable"), ("쾌적한 착용감", "stays cool and dry")),
    (("착용감", "편안", "쿠션", "comfort", "cushion"), ("하루 종일 편안함", "all-day comfort")),
    (("대용량", "large capacity", "high capacity"), ("넉넉한 용량", "plenty of capacity")),
    (("당일배송", "새벽배송", "빠른 배송", "same-day", "next-day", "fast delivery"),
     ("기다림 없는 빠른 배송", "fast delivery to your door")),
    (("맞춤", "개인화", "personalized", "personalised", "custom"),
     ("나에게 딱 맞춘 경험", "made just for you")),
)  # fmt: skip

# --- English words that are never keywords --------------------------------------------------

EN_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "for", "to", "of", "in", "on", "at", "by", "with",
    "from", "about", "as", "is", "are", "be", "been", "was", "were", "it", "its", "this",
    "that", "these", "those", "our", "my", "your", "their", "we", "you", "they", "i", "me",
    "us", "them", "he", "she", "his", "her", "who", "which", "what", "when", "where", "how",
    "please", "create", "make", "write", "design", "generate", "need", "want", "draft",
    "produce", "build", "give", "show", "use", "using", "can", "could", "should", "would",
    "will", "must", "may", "key", "main", "feature", "features", "tone", "price", "target",
    "audience", "offer", "off", "week", "weekend", "today", "now", "only", "just", "also",
    "very", "more", "most", "some", "any", "all", "each", "every", "new", "latest", "so",
    "get", "buy", "one", "two", "three", "first", "next", "aimed", "targeting",
    "highlight", "highlighting", "emphasize", "emphasise", "featuring", "include",
    "includes", "including", "focus", "focusing", "than", "over", "under", "up", "out",
    "into", "per", "via", "voice", "style", "vibe", "feel", "mood", "keep", "it's", "let",
    "lets", "like", "there", "here", "ends", "end", "sale", "free", "shipping", "delivery",
    "discount", "percent", "friday", "monday", "tuesday", "wednesday", "thursday",
    "saturday", "sunday", "benefit", "benefits", "selling", "point", "points", "launching",
    "announcing", "promoting", "introducing", "short", "long", "brand", "product", "words",
    "word", "version", "variant", "variants", "option", "options", "ideas", "idea",
    "30s", "20s", "40s", "50s", "aged", "age", "ages", "people", "busy", "young", "old",
    "small", "big", "large", "great", "best", "good", "better", "zero", "high", "low", "fast",
    "easy", "perfect", "ideal", "top", "special", "exclusive", "limited", "amazing", "order",
    "orders", "detail", "details", "within", "without", "ready", "whole", "full", "month",
    "months", "year", "years", "day", "days", "weeks", "tonight", "tomorrow",
    # a sentence that opens "We're Muddy Paws Grooming" names the business after the contraction
    "we're", "i'm", "you're", "they're", "that's", "here's", "there's", "we've", "we'll", "this's",
}  # fmt: skip
EN_PRODUCT_STOPS = {
    "for", "to", "with", "targeting", "targeted", "aimed", "aiming", "that", "which", "who",
    "in", "on", "at", "by", "from", "and", "or", "this", "next", "during", "using",
    "highlighting", "emphasizing", "emphasising", "as", "so", "because", "while", "where",
    "is", "are", "will", "should", "featuring", "including", "priced", "costing", "now",
    "today", "tone", "starting", "under", "it", "its", "launching", "via", "about",
}  # fmt: skip
EN_DETERMINERS = {
    "the", "a", "an", "our", "my", "their", "its", "new", "brand-new", "latest", "upcoming",
    "this", "these", "newly", "launched", "all-new", "your", "his", "her",
}  # fmt: skip
EN_REQUEST_VERBS = {
    "create", "make", "write", "design", "generate", "draft", "produce", "build", "need",
    "please", "give", "prepare", "craft", "compose", "key", "tone", "price", "target",
    "promote", "introduce", "announce", "launch", "advertise", "showcase", "sell",
    "audience", "features", "offer", "product", "brand", "benefits",
}  # fmt: skip
# words a product trigger ("an ad for X") follows
EN_AD_WORDS = {
    "ad", "ads", "advert", "advertisement", "post", "posts", "video", "campaign", "banner",
    "thumbnail", "image", "images", "copy", "email", "page", "story", "stories", "reel",
    "reels", "visual", "visuals", "content", "script", "caption", "captions", "newsletter",
    "headline", "headlines", "tagline", "slogan", "creative", "blog", "article", "promo",
    "poster", "graphic", "copies", "variants", "teaser", "message", "shorts", "feed",
    "carousel", "flyer", "landing", "description", "descriptions", "listing", "spot",
}  # fmt: skip

# --- Kiwi's user dictionary -----------------------------------------------------------------

# Words Kiwi otherwise splits or mis-tags (캔슬링, 세럼, 릴스 ...), plus the lexicon's own
# Korean words so that matching them is a lookup on whole tokens.
_USER_WORDS_EXTRA = (
    "캔슬링", "노이즈", "노이즈캔슬링", "노캔", "직장인", "무선", "블루투스", "방수", "생활방수",
    "고속충전", "급속충전", "썸네일", "릴스", "스토리", "쇼츠", "틱톡", "숏폼", "피드", "상세페이지", "카드뉴스",
    "뉴스레터", "신제품", "신상품", "타겟", "타깃", "타겟층", "타깃층", "런칭", "론칭",
    "프로모션", "무료배송", "셀링포인트", "톤앤매너", "가성비", "저자극", "대용량", "초경량",
    "비건", "립밤", "세럼", "앰플", "에센스", "쿠션", "홈트", "홈트레이닝", "밀키트", "콜드브루",
    "대학생", "취준생", "워킹맘", "육아맘", "소상공인", "사회초년생", "헬린이", "반려인",
    "숏폼", "브라이트닝", "톤업", "통기성", "고화질", "힙", "트렌디", "미니멀", "스마트워치",
    "보조배터리", "공기청정기", "전기차", "영어회화", "건강기능식품", "스니커즈", "오션뷰",
    "웹배너", "배너광고", "발표자료", "회사소개서", "프레젠테이션", "피피티", "플라이어", "메일링",
)  # fmt: skip
_PROPER_NOUNS = (
    "인스타그램", "인스타", "유튜브", "페이스북", "페북", "카카오톡", "카카오", "카톡", "네이버", "알림톡", "친구톡",
)  # fmt: skip


def user_words() -> list[tuple[str, str]]:
    """(word, tag) pairs for Kiwi's user dictionary, in a fixed order."""
    words: dict[str, str] = dict.fromkeys(_PROPER_NOUNS, "NNP")
    korean_lexicon = [*_USER_WORDS_EXTRA, *PERSON_WORDS_KO, *AUDIENCE_TRIGGERS, *FEATURE_TRIGGERS, *PRODUCT_LABELS]
    for ko_terms, _ in CATEGORY_TERMS.values():
        korean_lexicon.extend(ko_terms)
    for word in korean_lexicon:
        # one-syllable words would pull Kiwi into bad splits of longer words
        if word.isascii() or " " in word or len(word) < 2:
            continue
        words.setdefault(word, "NNG")
    return list(words.items())
