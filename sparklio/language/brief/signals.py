"""Slots that read the same in Korean and English: language, channel, format, price, offer,
category and urgency. Prices, percentages and platform names are matched with patterns."""

import re

from sparklio.language.detect import detect_language  # noqa: F401  (re-exported)

from .lexicon import (
    CATEGORY_TERMS,
    CHANNEL_DEFAULT_FORMAT,
    CHANNEL_NAMES,
    DOMINANT_CATEGORIES,
    FORMAT_TERMS,
    OTHER_BLOG_PLATFORMS,
    PLATFORM_TERMS_EN,
    PLATFORM_TERMS_KO,
    URGENCY_HINTS,
)

Span = tuple[int, int]

# --- channel and format ---------------------------------------------------------------------


def _en_term(term: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![a-z0-9])")


_PLATFORM_PATTERNS = [
    (platform, term if not term.isascii() else _en_term(term))
    for table in (PLATFORM_TERMS_KO, PLATFORM_TERMS_EN)
    for platform, terms in table.items()
    for term in terms
]
_STORY = re.compile(
    r"릴스|인스타(?:그램)?\s*스토리|스토리\s*(?:용|광고|형|사이즈|포맷)|(?<![a-z])reels?(?![a-z])"
    r"|(?:instagram|insta|ig)\s+stor(?:y|ies)|(?<![a-z])stor(?:y|ies)\s+(?:ad|post|format|size)"
    r"|9\s*:\s*16"
)
_PORTRAIT = re.compile(r"세로|portrait|vertical|4\s*:\s*5")
_BLOG_KO = "블로그"


def detect_channel(text: str) -> tuple[str | None, str | None]:
    """(preset key, platform name) of the first platform the brief names, else the first
    channel ``detect_channels`` finds, else (None, None).

    Instagram becomes a story for stories and Reels, portrait for "세로"/portrait, feed
    otherwise; YouTube always the thumbnail preset (whether a video is asked is the format's
    business).
    """
    low = text.lower() if isinstance(text, str) else ""
    first: tuple[int, str] | None = None
    for platform, term in _PLATFORM_PATTERNS:
        if isinstance(term, str):
            position = low.find(term)
        else:
            match = term.search(low)
            position = match.start() if match else -1
        if position >= 0 and (first is None or position < first[0]):
            first = (position, platform)
    # a blog with no platform named is a Naver blog: the market's default
    blog_at = low.find(_BLOG_KO)
    named_elsewhere = any(other in low for other in OTHER_BLOG_PLATFORMS)
    if blog_at >= 0 and not named_elsewhere and (first is None or blog_at < first[0]):
        first = (blog_at, "naver")
    if first is None:
        # a deliverable named in words that need their context ("이메일 광고", "a deck")
        channels = detect_channels(text)
        return (channels[0], CHANNEL_NAMES[channels[0]]) if channels else (None, None)
    key = {
        "facebook": "facebook_feed",
        "youtube": "youtube_thumbnail",
        "naver": "naver_blog",
        "kakao": "kakao_feed",
    }.get(first[1], first[1] if first[1] in CHANNEL_NAMES else None)
    if key is None:  # Instagram
        if _STORY.search(low):
            key = "instagram_story"
        elif _PORTRAIT.search(low):
            key = "instagram_portrait"
        else:
            key = "instagram_feed"
    return key, CHANNEL_NAMES[key]


_FORMAT_PATTERNS = [
    (name, ko_terms, [_en_term(term + "s") for term in en_terms] + [_en_term(term) for term in en_terms])
    for name, ko_terms, en_terms in FORMAT_TERMS
]


_SERVICES_KO = (
    r"(?:예약|지도|맵|페이|플레이스|쇼핑|스마트스토어|검색|톡톡|리뷰|웹툰|로그인|아이디|연동|택시|뱅크|선물하기)"
)
_CHANNEL_TERMS = [
    ("instagram_story", _STORY),
    ("instagram_portrait", re.compile(r"(?:인스타(?:그램)?|instagram|insta|ig)\s*(?:세로|portrait|4\s*:\s*5)")),
    (
        "instagram_feed",
        re.compile(
            r"(?:인스타(?:그램)?|instagram|insta|(?<![a-z])ig(?![a-z]))\s*(?:피드|게시물|포스트|feed|post|grid)"
            r"|(?<![a-z])(?<!채널\s)(?<!채널)(?<!카카오\s)(?<!카톡\s)(?<!페이스북\s)(?<!페북\s)(?:인스타\s?)?피드(?![a-z]|백)|(?<![a-z])feed\s+post|(?:for|on)\s+(?:the|our|my)\s+feed(?![a-z])"
        ),
    ),
    ("facebook_feed", re.compile(r"페이스북|페북|facebook|(?<![a-z])fb(?![a-z])|meta\s+ads?")),
    ("youtube_thumbnail", re.compile(r"유튜브|유튭|쇼츠|youtube|(?<![a-z])yt(?![a-z])|썸네일|thumbnail")),
    # "네이버·카카오 예약 연동", "카카오페이 결제": a service the product works with, no channel
    (
        "naver_blog",
        re.compile(
            rf"블로그|(?<![a-z])blog(?![a-z])|네이버(?!\s?(?:[·,/&]|랑|와|하고)?\s?(?:카카오\s?)?{_SERVICES_KO})"
        ),
    ),
    (
        "kakao_feed",
        re.compile(
            rf"카카오톡(?!\s?{_SERVICES_KO})|카카오(?!\s?(?:[·,/&]|랑|와|하고)?\s?(?:네이버\s?)?{_SERVICES_KO})"
            r"|카톡|알림톡|친구톡|kakao"
        ),
    ),
    (
        "product_detail",
        re.compile(
            r"상세\s?페이지|상품\s?상세|랜딩\s?페이지|(?<![가-힣])랜딩(?=이랑|랑|과|와|\s|$|,|\.)|landing\s+page|product\s+(?:detail\s+)?page|detail\s+page"
            r"|(?<![a-z])pdp(?![a-z])"
        ),
    ),
]
# A deliverable that is a document of its own. Each is (key, pattern, what may not come right
# before a match): "LinkedIn banner" is a web banner, but "KakaoTalk banner" is the Kakao design.
_PLATFORM_BEFORE = re.compile(
    r"(?:뉴스레터|newsletter|e-?mail|메일|카카오톡?|카톡|페이스북|페북|인스타(?:그램)?|유튜브|네이버|kakao(?:\s?talk)?|facebook|(?<![a-z])fb|instagram"
    r"|insta|(?<![a-z])ig|youtube|naver)\s*$"
)
_DECK_KINDS = (
    r"pitch|sales|investor|investors'?|slide|presentation|company|intro|keynote|startup|demo|board|product"
    r"|launch|marketing|brand|strategy|training|onboarding|webinar|\d+[-\s]slide"
)
_DOCUMENT_TERMS = [
    (
        "web_banner",
        re.compile(
            # "건물 외벽 현수막": a printed banner is a banner too
            r"배너|현수막|(?<![a-z])banners?(?![a-z])(?!\s+year)|display\s+ads?(?![a-z])"
            r"|(?<![a-z])leaderboard(?:\s+(?:ad|banner|size|format))?(?![a-z])(?!\s+(?:feature|ranking|system|mode|page))"
        ),
        _PLATFORM_BEFORE,
    ),
    (
        "poster",
        re.compile(r"포스터|전단(?!계)|플라이어|(?<![a-z])(?:posters?|flyers?|fliers?)(?![a-z])(?!\s+child)"),
        None,
    ),
    (
        "presentation",
        re.compile(
            r"발표\s?자료|프레젠테이션|(?:세일즈|피치|투자|ir|회사\s?소개|영업|발표|미팅|설명회)\s?(?:용\s?)?덱|(?<![a-z])ppt(?![a-z])|피피티|회사\s?소개서|제안서|슬라이드"
            r"|(?<![a-z])(?:presentations?|slides|slide\s?decks?|powerpoint|pitch\s?decks?)(?![a-z])"
            rf"|(?<![a-z])(?:{_DECK_KINDS})\s+decks?(?![a-z])"
            r"|(?:make|create|need|build|design|prepare|want|write|put\s+together|update|redo)\s+(?:me\s+)?"
            r"(?:an?|the|our|my|new)\s+(?:new\s+|short\s+|quick\s+)?decks?(?![a-z])"
        ),
        # a carousel's or card news' slides are Instagram's
        re.compile(r"(?:carousel|캐러셀|카드\s?뉴스|인스타(?:그램)?|instagram|insta|(?<![a-z])ig)\s*$"),
    ),
    (
        "email_newsletter",
        re.compile(
            r"뉴스레터|메일링|이메일(?!\s*(?:주소|로|으로|문의|계정|아이디|회신|답장|연락|보내|주세요))"
            r"|(?<![a-z])(?:newsletters?|e-?mail\s+(?:blasts?|campaigns?|newsletters?|promos?|promotions?|ads?"
            r"|marketing|announcements?|templates?|designs?|headers?|versions?))(?![a-z])"
            r"|(?<![a-z])(?:an?|one|two|three|\d)\s+(?:promo(?:tional)?\s+|marketing\s+|launch\s+|welcome\s+|sale\s+)?"
            r"e-?mails?(?![a-z-])(?!\s+(?:me|us|address|addresses|at|to\s+(?:me|us)))"
            r"|(?<![a-z])(?:monthly|weekly|parent|customer|announcement|newsletter|promo|launch|welcome|holiday|sale)"
            r"\s+e-?mails?(?![a-z-])(?!\s+(?:me|us|address|addresses|at))"
            r"|(?<![a-z])edm(?![a-z])(?!\s+(?:festival|music|party|night|dj|track|concert|set|show))"
            # "Email for Lumen Optics.", "email announcing the sale": the deliverable opening a sentence
            r"|(?:^|(?<=[.!?\n]\s)|(?<=\n))e-?mails?\s+(?:for|about|announcing|promoting|to\s+announce|to\s+promote)\s"
            # "email to our waitlist", "an email for our subscribers": a mailing to a list of people is a newsletter
            r"|(?<![a-z])e-?mails?\s+(?:to|for)\s+(?:all\s+)?(?:our|the|my|your)\s+(?:\w+\s+)?(?:wait-?list|subscribers|"
            r"(?:mailing|email|e-mail)\s+list|list|customers|members|clients|patients|students|parents|community|"
            r"followers|donors|fans|readers)(?![a-z])"
        ),
        # "send us an email", "drop me an email": a way to reach someone, not a deliverable
        re.compile(r"(?:send|drop|shoot|write)\s+(?:me|us|them)\s*$"),
    ),
]
# a bare story asked for ("doing a story for our dog treats", "스토리 하나 올려야") is Instagram's when no
# other platform is named; "brand story", "our story", "브랜드 스토리" are not
_BARE_STORY = re.compile(
    r"(?:do|doing|make|making|create|creating|need|needs|want|post|posting|design|shoot|run|running|share)\s+"
    r"(?:an?|one|two|three|\d+|some|few|a\s+few|new|quick|short)\s+(?:new\s+|quick\s+|short\s+)?stor(?:y|ies)(?![a-z])"
    r"|(?<![가-힣])스토리\s*(?:로|용으로|용)?\s*(?:하나|한\s?개|두\s?개|\d+\s?개|올려|올릴|올리|만들어|제작)"
    # "story pls!!", "a story and a poster": the deliverable named on its own
    r"|(?<![a-z])stor(?:y|ies)\s*(?:pls|please|plz|!|and\s+an?\s+|\+)"
    r"|(?:need|want|make|do)\s+(?:an?\s+|one\s+)?stor(?:y|ies)(?![a-z])"
)
_NOT_STORY_BEFORE = re.compile(r"(?:브랜드|우리|회사|창업|성공|고객|제품)\s*$")
_OTHER_PLATFORMS = {"facebook_feed", "youtube_thumbnail", "naver_blog", "kakao_feed"}
_INSTAGRAM = re.compile(r"인스타|릴스|instagram|insta(?![a-z])|(?<![a-z])ig(?![a-z])|(?<![a-z])reels?(?![a-z])")


def _first_match(pattern: re.Pattern, text: str, not_after: re.Pattern | None) -> int | None:
    """Where ``pattern`` first matches in ``text`` with no ``not_after`` right before it."""
    for match in pattern.finditer(text):
        if not_after is None or not not_after.search(text[max(0, match.start() - 20) : match.start()]):
            return match.start()
    return None


def detect_channels(text: str) -> list[str]:
    """Every channel preset the brief names, in the order named: "인스타 피드랑 스토리" →
    instagram_feed, instagram_story; "landing page and blog" → product_detail, naver_blog;
    "포스터랑 인스타 피드" → poster, instagram_feed. A bare Instagram is its feed; a story or
    portrait asked for without a platform is Instagram's."""
    low = text.lower() if isinstance(text, str) else ""
    found: dict[str, int] = {}
    for key, pattern in _CHANNEL_TERMS:
        match = pattern.search(low)
        if match:
            found.setdefault(key, match.start())
    for key, pattern, not_after in _DOCUMENT_TERMS:
        position = _first_match(pattern, low, not_after)
        if position is not None:
            found.setdefault(key, position)
    if "youtube_thumbnail" in found and not re.search(r"유튜브|유튭|쇼츠|youtube|(?<![a-z])yt(?![a-z])", low):
        # "블로그 리뷰 포스팅 썸네일": a blog post's thumbnail, not YouTube's
        thumb = re.search(r"썸네일|thumbnail", low)
        if thumb and re.search(r"(?:블로그|포스팅|blog(?:\s+post)?)[^.\n]{0,8}$", low[: thumb.start()]):
            del found["youtube_thumbnail"]
    if "naver_blog" in found and any(other in low for other in OTHER_BLOG_PLATFORMS) and "네이버" not in low:
        del found["naver_blog"]
    if "instagram_story" not in found and not (_OTHER_PLATFORMS & set(found)):
        story = _first_match(_BARE_STORY, low, _NOT_STORY_BEFORE)
        if story is not None:
            found["instagram_story"] = story
    instagram = _INSTAGRAM.search(low)
    if instagram:
        # "인스타 피드랑 스토리", "Instagram feed and story", "Portrait Instagram ad"
        story = re.search(r"스토리|(?<![a-z])stor(?:y|ies)(?![a-z])", low)
        if story and "instagram_story" not in found:
            found["instagram_story"] = story.start()
        portrait = _PORTRAIT.search(low)
        if portrait and "instagram_portrait" not in found:
            found["instagram_portrait"] = portrait.start()
            if "instagram_feed" in found and not re.search(r"피드|feed", low):
                del found["instagram_feed"]
        if not ({"instagram_feed", "instagram_story", "instagram_portrait"} & set(found)):
            found["instagram_feed"] = instagram.start()
    return [key for key, _ in sorted(found.items(), key=lambda item: item[1])]


def detect_format(text: str, channel: str | None) -> str | None:
    """What the brief asks for, the most specific deliverable first; None for a bare "ad"."""
    low = text.lower()
    found = None
    for name, ko_terms, en_patterns in _FORMAT_PATTERNS:
        if any(term in low for term in ko_terms) or any(p.search(low) for p in en_patterns):
            found = name
            break
    if found == "sns_post" and channel == "naver_blog":
        return "blog"
    return found or CHANNEL_DEFAULT_FORMAT.get(channel or "")


# --- price and offer ------------------------------------------------------------------------

_KRW = (
    r"(?:₩\s?(?:\d{1,3}(?:,\d{3})+|\d+)"
    r"|\d{1,3}(?:,\d{3})+\s?원"
    r"|\d+(?:\.\d+)?\s?만(?:\s?\d\s?천)?\s?원|\d\s?천\s?원"
    r"|\d{3,}\s?원(?!두|액|피스|료|단|리|형|작|조|산|목|래|본))"
)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?"
_FOREIGN = rf"(?:(?:US\s?)?\$\s?{_NUMBER}|[€£]\s?{_NUMBER}|{_NUMBER}\s?(?:dollars|usd|eur|euros?|krw|won)(?![a-z]))"
_MONEY = rf"(?:{_KRW}|{_FOREIGN})"
# a price keeps what it is for: "월", "1인당", "한 그릇", "1봉(80g)", "per person", "a bowl", "/week", "each"
# (a design that says "$11.49" for "$11.49 per serving" misstates it)
_KO_PRICE_UNIT = (
    r"(?:(?:월|연|1인당?|인당|개당|1박|1회|회당|"
    r"(?:\d+\s?(?:ml|mL|g|kg|L)\s?)?한\s?(?:그릇|병|잔|개|봉|팩|세트|판|장|접시|마리|상자|박스)|"
    r"1\s?(?:봉|병|잔|팩|세트|판|박스|상자|인분)(?:\s?\(\d+\s?(?:g|ml|mL|kg|L|개입|개)\))?)\s?)"
)
_EN_PRICE_UNIT_WORDS = (
    r"month|year|week|day|night|person|adult|child|kid|family|household|user|seat|serving|bottle|bowl|cup|slice|"
    r"box|bag|pack|jar|class|session|visit|hour|ticket|table|store|location|guest|pair|kit|pound|lb|dozen|item|plate|"
    r"meal|portion|head|boat|bike|room|car|lesson"
)
_PRICE = re.compile(
    rf"{_KO_PRICE_UNIT}?{_MONEY}(?:\s?/\s?(?:mo|month|wk|week|yr|year|day|night|person|pp|user|seat|serving|visit|"
    rf"session|class|hr|hour|\d+\s?(?:ml|g|oz|kg|lb|ct))\b|\s(?:per|a|an)\s(?:{_EN_PRICE_UNIT_WORDS})\b"
    rf"(?:\s(?:per|a|an)\s(?:month|year|week|day|night|hour|person|user|seat|location|store)\b)?|\s(?:each|apiece)\b)?",
    re.IGNORECASE,
)
# a label that says what kind of price it is, kept with it: "정가 129,000원" is no selling price, "참가비 35,000원"
# is a fee, "MSRP $899" a list price
_PRICE_KIND = re.compile(
    r"(?<![\w가-힣])(?:정가|런칭가|출시가|오픈가|참가비|입장료|수강료|회비|MSRP|RRP|list\s+price)\s?[:：]?\s?$", re.I
)
_PRICE_LABEL = re.compile(
    r"(?:(?P<sale>할인가|특가|판매가|런칭가|출시가|오픈가|얼리버드가|sale\s+price|now|only|just)|(?P<any>가격|정가|price[ds]?|priced\s+at|costs?|for))"
    r"\s*[:은는이가]?\s*$",
    re.IGNORECASE,
)
_THRESHOLD_BEFORE = re.compile(
    # "every $25 feeds a shelter dog for a week", "매 1만원마다": what an amount does, no price
    # "월 최대 2만원까지", "up to $200": a cap, no price
    r"(?:over|above|orders?\s+of|more\s+than|spend|minimum|min\.?|"
    r"(?<![\w가-힣])(?:every|each|매|최대|up\s+to|max(?:imum)?))\s*$",
    re.IGNORECASE,
)
# "5만원 이상", "$10 off", and "49,000원 → 39,000원" (the old price of a markdown)
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:이상|상당|할인|off\b|discount|적립|쿠폰|coupon|or\s+more|\+|→|->|=>|⇒|에서\s)", re.IGNORECASE
)

# what a count of goods is counted in ("2봉 사면 1봉 더", "필터 3개")
_UNIT = r"(?:개|봉|병|팩|박스|세트|캔|장|벌|켤레|포|통|매|잔|컵|그릇|접시|인분|조각|마리)"

_OFFER_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?:up\s+to\s+|최대\s?)?\d{1,3}(?:\.\d)?\s?%\s?(?:추가\s?|더\s?)?"
        r"(?:할인\s?쿠폰|할인|쿠폰|세일|적립|페이백|캐시백|빠짐|빠져요|빠집니다|깎아|off\b|sale\b|discount|dc\b|cash\s?back)"
        r"(?:\s+(?:(?:on|for|off)\s+)?(?:your\s+|the\s+|their\s+)?(?:first|next)\s+(?:\d+\s+)?[a-z]+"
        r"(?:\s+(?!(?:for|to|with|and|or|if|when|by|on|in|at|only|thru|through|until|till|ends?|before)\b)[a-z]+)?"
        r"(?=[\s.,;!?]|$))?"
        r"(?:\s+(?:with|using)\s+(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s+[A-Z0-9]{3,20})?"
        r"(?:\s+for\s+(?:members|new\s+(?:customers|members|users)|first-time\s+(?:buyers|customers)|students|subscribers)"
        r"(?:\s+only)?)?",
        r"(?:(?:지금\s?)?(?:사면|구매\s?시|구매하면|주문\s?시|주문하면|가입\s?시|가입하면)\s?)"
        r"[가-힣A-Za-z0-9 ]{1,12}?\s?(?:증정|무료\s?제공|드려요|드립니다)",
        r"no\s+(?:joining|sign-?up|setup|set-up|registration|enrollment|membership)\s+fees?"
        r"(?:\s+for\s+(?:the\s+)?first\s+\d+\s+\w+)?|가입비\s?(?:무료|면제|없음)",
        # "회원가 39,000원", "members' price $20", "이벤트로 55,000원"
        rf"(?:회원|멤버십?|구독자|members?['’]?)\s?(?:가|전용가|특가|price|pricing)\s?(?:로|는|은|:)?\s?{_MONEY}"
        rf"|(?:이벤트|행사)\s?(?:로|가)\s?{_MONEY}",
        rf"{_MONEY}\s?(?:할인|적립금?|off\b|discount)(?:\s?쿠폰|\s+coupon)?"
        r"(?:\s+(?:with|using)\s+(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s+[A-Z0-9]{3,20})?",
        r"(?<![\d+])[1-9]\s?\+\s?[1-9](?![\d+%])",
        # "원래 15만원인데 평일에만 12만원": the lower price, with when it holds, after the regular one
        rf"(?:(?<=원인데\s)|(?<=원인데요\s)|(?<=원이지만\s)|(?<=원인데,\s))(?:[가-힣]{{1,6}}(?:에만|만|엔|에는)\s?)?(?:{_KRW})",
        rf"(?:(?:{_MONEY}|\d+\s?(?:개|박스|병|팩|세트|캔|봉))\s?이상\s?(?:(?:구매|주문|결제)\s?시\s?)?)?"
        r"(?:무료\s?배송|배송비\s?무료)|무료\s?반품"
        rf"|free\s+(?:shipping|delivery|returns)(?:\s+(?:on\s+)?(?:(?:all\s+)?orders?\s+)?(?:over|above)\s+{_MONEY}\+?)?"
        r"(?:\s+(?:in|within|across|to)\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)?",
        r"buy\s+one,?\s+get\s+one(?:\s+free)?|(?<![a-z])bogo(?![a-z])",
        r"(?:\d+\s?(?:일|개월|주)\s?)?무료\s?체험|(?:\d+[-\s]?(?:day|week|month)\s+)?free\s+trial"
        r"|첫\s?(?:달|1개월|한\s?달)\s?무료(?:\s?체험)?|first\s+month\s+free",
        r"사은품(?:\s?증정)?|(?:샘플|굿즈|미니어처|파우치|기프트)\s?증정|free\s+(?:gifts?|samples?)"
        r"|free\s+[a-z]+\s+with\s+(?:every|each|any|your)\s+(?:first\s+|next\s+)?[a-z]+",
        rf"{_KRW}\s?(?:할인\s?)?쿠폰|할인\s?쿠폰|쿠폰\s?(?:증정|지급)|(?:coupon|discount|promo)\s+code",
        r"pre-?order\s+(?:bonus|gift|offer|perk)(?::\s*[^.,;\n]{3,40})?|사전\s?예약\s?(?:특전|혜택|선물)",
        r"반값(?:\s?할인)?|half[-\s]price|half\s+off",
        # "bundle with the cooling pillow for $159", "설치비 면제"
        rf"\bbundle\s+(?:it\s+)?with\s+[^.,;!?\n]{{1,40}}?\s+for\s+{_MONEY}",
        r"(?<![가-힣])[가-힣]{1,6}(?:비|료)\s?(?:전액\s?)?면제",
        r"(?:try\s+(?:it\s+)?)?free\s+for\s+\d+\s+(?:days?|weeks?|months?)|free\s+\d+[-\s]?(?:day|week|month)\s+trial",
        # "스케일링 무료", "설치비 무료": a service given free
        r"(?<![가-힣\d])(?:(?!첫|무료)[가-힣A-Za-z]{2,6}[ \t])?(?!첫|무료)[가-힣A-Za-z]{2,6}"
        r"(?:\s?\d+\s?(?:회|분|시간))?\s?(?:무료|공짜)"
        r"(?:(?:\s?[가-힣]{2,4}){1,2}(?=\s?(?:해\s?드|해\s?줘|해줌|가능|서비스)))?(?:\s?(?:제공|증정)(?=해|합|이|[\s!.,~]|$))?"
        r"(?=[\s!.,~)]|$|에요|예요|이에요|입니다|이고|이며|이구요|이요|요|해|합니다|가능|임(?![가-힣]))",
        # "get the 4th night free", "first lesson is free", "사은품으로 그릴 커버 증정"
        r"(?:and\s+)?get\s+(?:the|a|your)\s+(?:\w+\s+){1,2}free|(?:first|1st)\s+\w+(?:[ \t]+[a-z]+)?\s+(?:is\s+)?free"
        # "the 4th traveler goes free", "every 10th coffee is free"
        r"|(?:the|every|each)\s+\d+(?:st|nd|rd|th)\s+(?:[a-z]+\s+){1,2}(?:goes|comes|rides|eats|stays|is|are)\s+free"
        r"|사은품으로\s?[가-힣A-Za-z0-9 ]{1,12}?\s?증정",
        r"타임\s?세일|flash\s+sale",
        # "점심엔 된장찌개 서비스로 드려요": given free with the meal
        r"(?:(?:점심|저녁|주말|평일)(?:엔|에는|에)\s?)?[가-힣]{2,8}\s?서비스로\s?(?:드려요|드립니다|드림|드리고|제공)",
        # "음료수 1병 서비스 드림": a count of something given on the house
        rf"(?<![가-힣])[가-힣A-Za-z]{{2,8}}\s?\d+\s?(?:{_UNIT}|잔|인분|회)\s?서비스\s?(?:로\s?)?(?:드려요|드립니다|드림|드리고|제공|해\s?드려요)",
        r"(?:pre-?regist(?:er|ration)|pre-?order|sign\s+up|subscribe|join)\s+(?:now\s+|today\s+)?(?:and|to)\s+(?:get|receive|unlock)"
        r"\s+(?:an?\s+|the\s+)?(?:free\s+|exclusive\s+|bonus\s+)[\w'’ -]{2,40}?(?=[.,;!\n]|$)"
        r"|사전\s?(?:등록|예약)\s?(?:하면|하시면|시)\s?[가-힣A-Za-z0-9 ]{2,20}?\s?(?:지급|증정|드려요|드립니다)",
        # "2개 사면 1개 더", "3개 구매 시 1개 증정", "buy 2, get 1 free", "buy two get one"
        rf"(?:[1-9]|한|두|세|네)\s?{_UNIT}\s?(?:[가-힣]{{1,4}}\s)?(?:사면|사시면|구매\s?시|구매하면|구매하시면|주문\s?시|주문하면|"
        rf"주문하시면|신청하면|신청하시면|구독하면|구독하시면)\s?(?:[1-9]|한|두)\s?{_UNIT}\s?"
        r"(?:더(?:\s?(?:드려요|드립니다|줘요|줌|드림|증정|무료))?|증정|무료|공짜|덤)",
        r"buy\s+(?:[1-9]|one|two|three|four)(?:\s+(?!get)[a-z]+)?,?\s+get\s+(?:[1-9]|one|two)(?:\s+(?!half|free|at)[a-z]+)?"
        r"(?:\s+(?:free|half\s+off|(?:at\s+)?\d+%\s+off))?",
        # "필터 3개 추가 증정", "식빵 증정", "화병 첫 구독시 무료 증정": a gift, with what it is
        rf"(?<![가-힣\d])(?![가-힣]*면\s)[가-힣A-Za-z]{{1,10}}(?:\s[가-힣A-Za-z]{{1,10}})?\s?(?:첫\s?[가-힣]{{1,4}}\s?시\s?)?"
        rf"(?:\d+\s?{_UNIT}\s?)?(?:추가\s?)?(?:무료\s?)?증정(?:\s?\(?선착\S?\s?\d+\s?명\)?)?",
        # "first 50 customers get a free bandana + blueberry facial"
        r"선착\S?\s?\d+\s?(?:명|분)\s?(?:한테|에게|께|까지)?\s?[가-힣A-Za-z0-9]{1,10}(?:\s[가-힣A-Za-z0-9]{1,10})?\s?"
        r"(?:을|를)?\s?(?:드려요|드립니다|드림|증정|선물|무료)",
        r"(?:the\s+)?first\s+\d+\s+(?:customers|people|visitors|guests|sign-?ups|buyers|orders|subscribers|members)"
        r"\s+(?:get|receive|will\s+get)\s+(?:a\s+)?(?:free\s+)?[\w'’ +-]{1,40}?(?=[.,;!\n]|$)",
        # "체험 1회 9,900원": a trial at its own price
        rf"체험\s?(?:수업\s?)?\d+\s?회\s?{_MONEY}",
        r"free\s+(?:consultations?|consults?|lunch|pick-?ups?|assessments?|estimates?|quotes?|(?:trial\s+)?class(?:es)?"
        r"|lessons?|sessions?|gift\s+wrapping|installation|engraving|upgrades?|level\s+tests?)",
        # "3 for $30", "any 3 shades for $45", "save $300", "early bird $29"
        rf"(?:any\s+)?\d+\s+(?:[a-z]+\s+)?for\s+{_MONEY}",
        rf"save\s+(?:up\s+to\s+)?(?:{_MONEY}|\d{{1,3}}\s?%)",
        rf"(?:early[-\s]?bird|얼리\s?버드)(?:[ \t]+[\w-]+){{0,3}}?\s?:?\s?{_MONEY}",
        # "w/ free garlic bread", "you both get a free month", "comes with a free hand-tied bouquet"
        # (amenities such as free parking or wifi are features, not offers)
        r"(?<![\w-])free[ \t]+(?!(?:shipping|delivery|returns|trial|parking|wi-?fi|towels?|lockers?|refills?|of|from"
        r"|for|and|to|on|in|with|if|when|at|this|until|per|every|each|all|today|now)\b)"
        r"[a-z][\w-]*(?:[ \t]+(?!(?:with|for|on|if|when|until|this|in|to|at|and|or|you|your)\b)[a-z][\w-]*){0,2}",
        # "first month $9.99", "launch week $21"
        rf"(?:first|1st|launch|opening|intro(?:ductory)?)\s+(?:month|week|day|class|lesson|session|box|order|price)"
        rf"\s+(?:is\s+|for\s+|just\s+|only\s+)?{_MONEY}",
        # "get 3 months free", "2 weeks free on the Growth plan", "1개월 추가", "1개월 무료"
        r"(?:get\s+)?(?:\d+|one|two|three|six)\s+(?:extra\s+)?(?:months?|weeks?)\s+(?:free|on\s+us)"
        r"(?:\s+on\s+(?:the\s+|our\s+)?[A-Z][A-Za-z]+\s+plan)?"
        r"|(?<![\d가-힣])\d+\s?(?:개월|달|주|회)\s?(?:추가(?:\s?(?:증정|무료|제공))?|무료|(?:무료\s?)?연장)(?=해|[^가-힣]|$)",
        # "$49 lifetime license instead of $99", "unlimited classes for $99 first month"
        rf"{_MONEY}\s+(?:[a-z-]+\s+){{0,3}}instead\s+of\s+{_MONEY}",
        rf"(?:[a-z-]+\s+){{0,2}}for\s+{_MONEY}\s+(?:the\s+)?(?:first|1st)\s+(?:month|week|class|session)",
        rf"(?:early[-\s]?bird|얼리\s?버드)\s+(?:tickets?|pricing|price|rate|registration|passes?)\s+(?:are\s+|is\s+|at\s+)?{_MONEY}",
        # "$2 tacos all night plus $5 margs": a price that is itself the deal
        rf"{_MONEY}\s+[a-z]+s(?:\s+all\s+(?:night|day|week|weekend)|\s+tonight|\s+today"
        r"|\s+every\s+(?:day|night|weekday|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
        r"(?:\s+\d{1,2}(?::\d\d)?\s?(?:am|pm)?\s?(?:-|–|to)\s?\d{1,2}(?::\d\d)?\s?(?:am|pm))?"
        rf"(?:\s+(?:plus|and|\+|&)\s+{_MONEY}\s+[a-z]+s?)?",
        # "와이셔츠 5장 무료세탁 쿠폰", "아메리카노 1,500원 이벤트"
        # "금·토 음료 1잔 무료": the days it runs are part of it
        r"(?:(?<![가-힣])[월화수목금토일](?:\s?[·,/~-]\s?[월화수목금토일])*(?:요일)?\s)?"
        rf"(?<![가-힣])[가-힣A-Za-z]{{1,8}}\s?\d+\s?{_UNIT}\s?무료(?:\s?(?!예요|에요|이에요|입니다|이고)[가-힣]{{1,4}})?"
        r"(?:\s?(?:쿠폰|이용권|교환권))?",
        rf"(?<![가-힣])[가-힣A-Za-z]{{2,10}}\s{_KRW}\s?(?:이벤트|특가|행사)",
        # "이번 주만 24,000원", "this week only $24"
        rf"(?:이번\s?(?:주|달|주말)만|오늘만|this\s+(?:week|weekend|month)\s+only)\s?{_MONEY}",
        # "된장찌개 무료로 드리고", "박스 10개 무료로 드려요", "상담은 무료로 해준다", "수제 잼 한 병 드려요"
        rf"(?<![가-힣])[가-힣A-Za-z]{{1,8}}(?:\s[가-힣A-Za-z]{{1,8}})?(?:\s?\d+\s?(?:{_UNIT}|분|시간|회|일|박|개월))?(?:은|는)?\s?무료로"
        r"(?:\s?(?:드려요|드립니다|드리고|드림|해\s?드려요|해준다고|해드려요|제공))?",
        rf"(?<![가-힣])[가-힣]{{1,8}}(?:\s[가-힣]{{1,8}})?\s(?:한|두|세|\d+)\s?{_UNIT}\s?(?:을|를)?\s?(?:드려요|드립니다|드림|선물)",
        # "early-bird price $89", "얼리버드 할인가 39,000원", "launch price of $49"
        rf"(?:early[-\s]?bird|pre-?order|launch|intro(?:ductory)?|opening|member(?:s'?)?|얼리\s?버드|사전\s?예약|런칭|오픈)"
        rf"\s?(?:price|pricing|rate|deal|discount|special|offer|가|할인가|특가|할인|혜택)(?:\s*(?:of|at|is|:)?\s?{_MONEY})?"
        rf"|(?:{_MONEY})\s?(?:early[-\s]?bird|얼리버드)(?:\s?(?:price|가|특가))?",
        # "대당 1만원씩 빼드려요": money taken off the bill
        rf"(?:{_MONEY}|\d{{1,3}}\s?%)\s?씩?\s?(?:빼|깎아)\s?(?:드려요|드립니다|드림|드리고|줘요|줌|드릴게요)",
        # "3개월 파일럿 무상 제공", "중도금 60% 무이자"
        # "필터 1년치 무상 제공": how much of what is given
        r"(?<![가-힣\d])(?:[가-힣]{2,6}\s?)?(?:\d+\s?(?:년|개월|주|일|회)치?\s?)?무상\s?(?:제공|지원|업그레이드)"
        r"|(?:중도금|계약금|잔금|할부)?\s?(?:\d{1,3}\s?%\s?)?무이자(?:\s?할부)?",
        # "they get in free", "everyone saves $5", "$99 for first-timers only", "give $20, get $20",
        # "first 100 tickets at $499", "계약하면 썬팅 블박 서비스"
        r"(?:they|you|everyone|both\s+of\s+you|you\s+both)\s+gets?\s+in\s+free",
        rf"(?:everyone|each|you\s+both)\s+saves?\s+{_MONEY}",
        rf"{_MONEY}\s+for\s+(?:first[-\s]timers?|new\s+(?:clients|customers|patients|members|students))(?:\s+only)?",
        rf"give\s+{_MONEY},?\s+get\s+{_MONEY}",
        rf"(?:the\s+)?first\s+\d+\s+(?:tickets|seats|spots|orders|passes|registrations)\s+(?:at|for|are)\s+{_MONEY}",
        r"(?<=하면[ \t]|시면[ \t]|주면[ \t]|으면[ \t])[가-힣A-Za-z]{1,8}(?:[ \t][가-힣A-Za-z]{1,8}){0,2}[ \t]?서비스"
        r"(?=[\s.,!~]|$|로|에요|예요|입니다)",
        # "$10,000 toward the buyer's closing costs"
        rf"{_MONEY}\s+(?:toward|towards)\s+(?:the\s+|your\s+)?(?:[\w'’-]+\s+){{0,3}}"
        r"(?:costs?|fees?|purchase|bill|rent|tuition)",
        # "첫 이용 시 29,000원 (정가 45,000원)": a first visit's own price
        rf"첫\s?(?:이용|방문|구매|주문|예약|시술|수업|레슨|상담|회)\s?(?:시|때|만|은|는|고객)?\s?{_MONEY}",
        # "you both get 2 months of premium free"
        r"(?:(?:you\s+both|both\s+of\s+you|you|they|each\s+of\s+you)\s+)?get\s+(?:\d+|one|two|three|six)\s+(?:extra\s+)?"
        r"(?:months?|weeks?)\s+of\s+[\w-]+(?:\s+[\w-]+)?\s+(?:free|on\s+us)",
        # "첫 방문 고객 체험가 99,000원", "출시기념 첫 100명 19,900원", "4인 이상 방문시 1인 무료"
        rf"체험가\s?{_MONEY}|첫\s?\d+\s?명\s?(?:한정\s?)?{_MONEY}|(?<![\d가-힣])\d+\s?(?:인|명|박)\s?(?:무료|공짜)",
        # "2 for 1 if you gift a copy"
        # "2-for-1 tacos": with what it is on
        r"(?:(?<![\d$.,])[2-4]\s?(?:for|-for-)\s?1(?![\d.,])|\btwo\s+for\s+one\b)"
        r"(?:[ \t]+(?!(?:is|was|has|this|plus|months|weeks|days|hours)\b)[a-z][a-z-]{2,}s\b)?",
        # "사전예약하면 159,000원": the price a condition earns
        rf"(?<![가-힣])(?:사전\s?예약|예약|구매|주문|가입|등록|결제)\s?(?:하면|하시면|시)\s?{_MONEY}",
        # "bundle price $249", "set price of $80", "세트가 59,000원": a bundle's own price is the deal
        # (a package's price alone, "패키지 가격 25만원", is its price)
        rf"(?:bundle|combo)\s+(?:price|deal|pricing)\s*(?:of|is|:|at)?\s*{_MONEY}"
        rf"|(?:(?:세트|묶음|번들)가|(?:세트|묶음|번들|패키지)\s?특가)\s?:?\s?{_MONEY}",
        # "$40 unlimited for 2 weeks", "$25 for 10 days of classes": a pass for a stretch of time at its own price
        rf"{_MONEY}\s+(?:(?:for\s+)?unlimited\s+(?:[a-z]+\s+){{0,2}}(?:for\s+)?|for\s+)"
        r"(?:\d+|one|two|three|four|six)\s+(?:days?|weeks?|months?)(?:\s+(?:of\s+)?unlimited(?:\s+[a-z]+)?)?",
        # "$0 down financing"
        r"(?:\$\s?0|no[-\s]money)\s+down(?:\s+(?:financing|payment))?",
        # "$0 enrollment", "0원 가입비"
        r"\$\s?0\s+(?:enrollment|enrolment|sign-?up|joining|registration|set-?up|initiation|activation)(?:\s+fees?)?",
        # "first deep clean $129": a first visit's own price, in English
        rf"(?:first|1st)\s+(?:[a-z-]+\s+){{1,2}}(?:is\s+|for\s+|just\s+|only\s+)?{_MONEY}",
        # "2장 구매시 59,000원": a price for buying several
        rf"(?<![\d가-힣])\d+\s?{_UNIT}\s?(?:구매\s?시|사시면|구매하시면|사면|주문\s?시|주문하시면)\s?{_MONEY}",
        # "2박스 묶음 35,000원": a bundle's own price
        rf"(?<![\d가-힣])\d+\s?{_UNIT}\s?(?:묶음|번들|합배송)\s?(?:구매\s?시\s?)?{_MONEY}",
    )
]
# "계약하시면 원본 전체 제공 + 앨범 업그레이드 해드려요": what a condition earns, when no other
# offer was read in the same words
_CONDITIONAL_BENEFIT = re.compile(
    r"(?<![가-힣])(?:[가-힣]{1,6}(?<![고며서요데다죠네])\s){0,2}[가-힣]{1,6}(?:하시면|하면|시면|주면)\s(?!할인)"
    r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9 +]{1,30}?\s?"
    r"(?:해\s?드려요|해\s?드립니다|해\s?드림|드려요|드립니다)"
)
# words that narrow an offer and belong to it ("첫 구매 10% 할인", "조기 예약 시 15% 할인")
_OFFER_QUALIFIERS = {
    "첫", "구매", "첫구매", "신규", "가입", "회원", "회원가입", "예약", "조기", "사전", "전",
    "상품", "품목", "메뉴", "앱", "결제", "주문", "첫주문", "전용", "시", "최대", "단독",
    "추가", "구독", "정기", "구매시", "가입시", "예약시", "주문시", "결제시", "전품목", "사전예약", "사전예약시",
    "얼리버드", "신규회원", "신규가입", "프리미엄",
    # what it is taken off ("선착순 10명 수강료 10만원 할인")
    "수강료", "등록비", "입회비", "가입비", "회비", "이용료", "시술비", "진료비", "수업료", "레슨비", "상담료",
    "설치비", "배송비", "교육비", "참가비", "객실료", "숙박비",
}  # fmt: skip


# a word that ends no clause of its own ("여행객 대상이고" does: it is no part of "조기 예약 시 15% 할인")
_UNENDED = r"(?:[가-힣A-Za-z0-9~/]*[가-힣A-Za-z0-9~/](?<![고며서요데다죠네])[ \t])"
_HEAD_QUALIFIERS = [
    re.compile(p + r"$", re.IGNORECASE)
    for p in (
        # "3만원 이상 구매 시 무료배송"
        rf"(?:{_MONEY}|\d+\s?(?:개|박스|병|팩|세트|대))\s?이상\s?(?:[가-힣]{{2,4}}\s)?"
        r"(?:(?:구매|주문|결제)\s?시|사시면|구매하시면|주문하시면|하시면|하면)\s?(?:대당\s?|개당\s?|1인당\s?)?",
        # "친구랑 2인 등록하시면 1인당 1만원 할인"
        r"(?:친구(?:랑|와|하고)\s?)?\d+\s?(?:인|명)\s?(?:이상\s?)?(?:등록|가입|예약|신청|방문)\s?(?:하시면|하면|시)\s?(?:1인당\s?)?",
        # "refer a friend and you both get $50 off"
        r"refer\s+a\s+friend\s+(?:and|&)\s+(?:you\s+both|both\s+of\s+you|you|they)\s+(?:get|save|receive)\s+"
        r"(?:an?\s+|the\s+)?",
        # "5박스 이상 단체 주문하시면 택배비 무료": a quantity, before the condition the offer took in
        r"\d+\s?(?:개|박스|병|팩|세트|대|인|명)\s?이상\s?(?:[가-힣]{2,4}\s?)?",
        r"(?:선착\S?\s?)?\d+\s?명\s?(?:한정\s?)?(?:은|는|에게|한테|께|까지)?\s?",  # "선착순 100명 사은품 증정"
        r"선착\S?\s?\d+\s?(?:팀|분|가족|쌍|개\s?팀)\s?(?:한정\s?)?(?:은|는|에게|한테|께|까지)?\s?",  # "선착순 30팀"
        r"(?:book|buy|stay|order)\s+\d+\s+\w+,?\s+(?:and\s+)?",  # "Book 3 nights and get the 4th night free"
        # "book 3 nights, get the 3rd night 50% off"; "sign up as a team of 4 or more and everyone saves $5"
        r"(?:book|buy|stay|order)\s+\d+\s+\w+,?\s+(?:and\s+)?get\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)|next|last)\s+\w+\s+",
        r"(?:sign\s+up\s+|register\s+|come\s+)?as\s+a\s+(?:team|group|party)\s+of\s+\d+\s+(?:or\s+more\s+)?(?:and\s+)?",
        # "친구랑 같이 등록하면 1개월 추가"
        r"(?:친구(?:랑|와|하고)?\s?(?:같이|함께)\s?)(?:등록|가입)\s?(?:하시면|하면|시)\s?",
        r"(?:첫\s?달\s?)?(?:등록|가입)\s?(?:하시면|하면|시)\s?",  # "첫 달 등록하시면 체험 수업 1회 무료"
        r"\d+\s?(?:박|회|개월|개|명|인)\s?(?:이상(?:이면|이시면|시|하면)?\s?)?",  # "3박 이상이면 목욕 무료"
        r"(?:첫\s?이용(?:하시는|하는)?\s?(?:분께|고객님?께|분들께)?|첫\s?방문\s?시)\s?",  # "첫 이용하시는 분께"
        # "쿠폰코드 X 입력하면 10% 할인", "코드 GLOW10 쓰면 10% 더 할인"
        r"(?:쿠폰\s?|할인\s?)?코드\s?[A-Za-z0-9]{3,20}\s?(?:(?:입력|적용|사용)\s?(?:하면|시)|쓰면|넣으면)\s?",
        r"(?:(?:use|with|enter|apply)\s+)?(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s+[A-Za-z0-9]{3,20}"
        r"\s+(?:for|to\s+get)\s+",
        # "code GUJI15 = 15% off", "code SPRING: $10 off": the code, then what it gets
        r"(?:(?:use|with|enter|apply)\s+)?(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s*:?\s*"
        r"(?-i:[A-Z0-9]*\d[A-Z0-9]*|[A-Z]{3,20})\s*(?:=|:|[—–-]|→|->|gets?\s+(?:you\s+)?)\s*",
        # "First box is 50% off"
        r"(?:(?:your|the|get\s+the)\s+)?(?:first|1st|second|2nd)\s+[a-z]+\s+(?:is\s+|are\s+)?",
        # "the first 3 months at 50% off": how long the deal runs, before it
        r"(?:(?:your|the|get\s+the)\s+)?(?:first|next)\s+(?:\d+|two|three|four|six|twelve)\s+"
        r"(?:months?|weeks?|days?|orders?|boxes|classes|sessions|lessons|visits|nights)\s+(?:at|for|are|is)\s+",
        r"early[-\s]?bird\s+(?:[a-z]+\s+){0,2}(?:(?:are|is|get)\s+)?",  # "early bird tickets 25% off"
        # "Enroll before Aug 15 for 10% off", "book by May 1 and save $50"
        r"(?:enroll|register|book|order|sign\s+up|subscribe|reserve|buy)\s+(?:before|by)\s+"
        r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:for|to\s+get|and\s+get|and\s+take|and)\s+",
        r"(?:[가-힣A-Za-z0-9]{1,8}\s?)?기념(?:으로|해서)?\s?",  # "런칭 기념 30% 할인", "오픈 기념으로"
        r"(?:\d+\s?)?[가-힣]{1,6}\s?시\s",  # "연박 시 10% 할인", "2박 시 조식 무료"
        # "6월 전에 조기예약하면 1만원 할인", "지금 가입하시면 10% 할인"
        r"(?:\d{1,2}월\s?(?:\d{1,2}일\s?)?(?:전에|전까지|까지)\s?|(?:이번\s?(?:달|주말|주)|지금|오늘)\s?(?:안에|중에|중|내)?\s?)?"
        r"[가-힣]{2,6}(?:하시면|하면)\s",
        # "첫 달 50% 할인", "첫 상담 30분 무료"
        r"(?:첫\s?(?:달|구매|주문|방문|가입|수업|상담|이용|예약|시술|진료)\s?)",
        r"(?:subscribe|sign\s+up|join|refer\s+a\s+friend)\s*(?:&|and|\+)\s*",  # "Subscribe & save 15%"
        r"(?:buy|get)\s+",  # "Buy 3 tees for $75"
        r"(?:첫\s?(?:주|날|주말)|이번\s?(?:주|주말|달))\s?",  # "오픈 기념 첫 주 1+1"
        r"첫\s?[가-힣]{1,4}\s?(?:때|시)\s?",  # "첫 배송 때 유리 화병 증정"
        # "첫 방문 고객만 펌 20% 할인": who it is for, and the one service it is on
        r"(?:첫\s?(?:방문|구매|주문|이용|예약)|신규)\s?(?:고객|손님|회원)님?(?:만|에게|께|한정|대상|은|는)?\s(?:[가-힣]{1,4}\s)?",
        r"\d{1,2}월\s?[가-힣]{1,4}(?:로|으로)\s?",  # "9월 출발로 예약하시면"
        # "올해 안에 계약하시면 본식 스냅 무료", "형제 자매 같이 등록하면 둘째 50% 할인",
        # "10월 평일 예약 시 1만원 할인": the condition a deal is earned by, in its own clause before it
        rf"{_UNENDED}{{0,3}}(?:[가-힣]{{1,8}}(?:하면|하시면|시면|으면|주면|남기면|올리면)"
        r"|[가-힣]{0,6}(?:쓰면|보면|오면|사면))[ \t]"
        rf"(?:[가-힣]{{1,6}}[ \t]){{0,2}}",
        r"\d{1,2}월\s?(?:\d{1,2}일\s?)?(?:전에|전까지|까지)\s",  # "12월 20일까지 사전예약하면 159,000원"
        # "평일 오후 2~6시 4인 이상 방문시": the hours it runs
        r"(?:(?:평일|주말|매일)\s?)?(?:(?:오전|오후|낮|저녁|밤)\s?)?\d{1,2}\s?시?\s?~\s?\d{1,2}\s?시\s?",
        # "65세 이상·학생은 50% 할인": whom it is for
        r"(?:[가-힣0-9]{1,6}\s?(?:이상|이하|미만)?\s?[·,]\s?)?(?:학생|대학생|청소년|어르신|경로|아동|어린이|유아|군인|장애인|"
        r"직장인|주민|가족|단체|[0-9]{2}세\s?(?:이상|이하|미만))(?:분들?)?(?:은|는|에게는?|께는?)?\s",
        "첫\\s?[가-힣]{1,3}[ \\t]",  # "탭룸 방문시 첫잔 반값"
        # "이번주 금토 이틀만 1+1": the days it runs
        r"(?:(?:이번\s?주|이번\s?달|이번\s?주말|다음\s?주|오늘|내일|주말)\s?)?(?:[월화수목금토일]{1,3}(?:요일)?\s?)?"
        r"(?:하루|이틀|사흘|나흘|\d+\s?일)\s?(?:만|동안|간)\s?",
        rf"{_UNENDED}{{0,3}}[가-힣]{{1,6}}[ \t]?시[ \t]",
        # "친구 초대 시 둘 다 5,000원 적립": the condition, then who gets it
        rf"{_UNENDED}{{0,3}}[가-힣]{{1,6}}[ \t]?(?:시|하면|하시면)[ \t]"
        r"(?:둘[ \t]?다|두[ \t]?분[ \t]?(?:다|모두)|모두|각각|서로)[ \t]",
        # "평일 11시~2시 예약 시 클리닉 펌 30% 할인": the condition, then the service the deal is on
        # (시 a word of its own or after an act: "출시 기념" is no condition)
        rf"{_UNENDED}{{0,3}}(?:[가-힣]{{1,6}}[ \t]|[가-힣]{{0,4}}(?:예약|구매|주문|결제|방문|가입|등록|신청|초대))"
        r"시[ \t]"
        r"(?:[가-힣]{1,6}[ \t]){1,2}",
        # "상담 오시는 분 첫 레슨 무료", "도입 상담 신청 기업 3개월 무료 체험"
        rf"{_UNENDED}{{0,3}}(?:[가-힣]{{1,6}}[ \t]?(?:오시는|하시는|하신|오신)[ \t]?(?:분|고객님?)(?:께|들께|에게)?"
        r"|[가-힣]{1,6}[ \t]?(?:신청|가입|계약|도입|예약)[ \t]?(?:기업|고객|회원|업체|팀))[ \t]",
        # "bring a friend who's never been and they get in"
        r"bring\s+a\s+friend[^.!?\n]{0,30}?\s+and\s+",
        r"(?:모든|전체|전)\s?[가-힣]{1,6}\s",  # "모든 라멘 1+1", "전 메뉴 20% 할인"
        # "New clients in the Austin area get 25% off their first groom"
        r"(?:subscribers|members|students|seniors|locals|regulars|(?:all\s+)?(?:new|first[-\s]time|returning)\s+[a-z]+)"
        r"(?:\s+(?:in|from|at|on|near)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2})?"
        r"\s+(?:get|gets|receive|save|enjoy)\s+",
    )
]


# "(normally $150)", "(정가 45,000원)": what the deal would cost otherwise
_REGULAR_PRICE = re.compile(
    r"\((?:normally|regularly|reg\.?|was|retail|separately|individually|bought\s+separately|value|정가|원래|개별\s?구매\s?시?|"
    r"따로\s?사면)\s?[^()\n]{1,16}\)",
    re.IGNORECASE,
)


# what narrows an offer after it: "$200 off if you book by Sept 30", "free loaf with any $25 order",
# "50% off for new subscribers"
_TAIL_QUALIFIER = re.compile(
    r"\s+(?:if\s+you\s+[a-z]+|when\s+you\s+[a-z]+)\b[^.,;!?\n]{0,40}"
    rf"|\s+with\s+(?:any|every|each|your\s+first)\s+(?:{_MONEY}\+?\s+|\d{{4}}\s+|[a-z]+\s+)?(?:order|purchase|booking|visit)(?![a-z])"
    r"|\s+with\s+(?:any|every|each)\s+[a-z][a-z-]+"
    r"(?:\s+(?!(?:for|to|and|or|this|until|through|if|when|can|you|during|on|in|at|from|by|while|over|all|launch)\b)"
    r"[a-z][a-z-]+)?"
    r"(?=[\s.,;!?]|$)"
    r"|\s+(?:with|using)\s+(?:the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s+[A-Z0-9]{3,20}(?![A-Za-z0-9])"
    r"|\s+for\s+(?:kids|children|students|seniors|members|veterans|teachers|locals|under-\d+s)"
    r"(?:\s+(?:under|over|aged)\s+\d+)?(?![a-z])"
    # "1+1 (매장 식사만)": a condition in brackets right after the offer
    r"|\s*\+\s*(?:a\s+)?(?:free\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?(?=\s+(?:on|with|for|when|if|through|until)\b|[.,;!?\n]|$)"
    r"|\s?\((?=[^()\n]{1,16}\))[^()\n]*(?:만|한정|제외|적용|조건|only|excl\.?|in-store|min\.?|minimum)[^()\n]*\)"
    # "$49 (normally $150)", "99,000원(1회)", "(건조는 유료)": what it costs otherwise, how much, what is not free
    rf"|\s?{_REGULAR_PRICE.pattern}"
    r"|\s?\(\d+\s?(?:회|개|인|명|박|매|장)\)|(?:임|이에요|예요)?\s?\([^()\n]{1,10}(?:유료|별도)\)"
    # "1+1 행사합니다"
    r"|\s?(?:행사|이벤트)(?=\s?(?:합|해|중|진행|입니|이에|예요|가|를)|[\s.,!~]|$)"
    r"|\s+(?:for|to)\s+(?:all\s+)?(?:new|first[-\s]time|returning)\s+[a-z]+(?:\s+only)?"
    # "for annual contracts (signed by Dec 20)", "when they start treatment (before March 31)", "on all orders":
    # the condition, up to the deadline the brief gives on its own
    r"|\s+(?:when\s+(?:they|you|a\s+friend|your\s+friend)\s+[a-z]+|for\s+(?:annual|monthly|yearly|all|any|every|returning|first-time)|"
    r"on\s+(?:all|any|every|your\s+first))\b[^.,;!?\n]{0,40}?"
    r"(?=\s+(?:signed\s+|placed\s+|made\s+|booked\s+)?(?:by|through|thru|until|till|before|ends?|ending)\b|\s*[.,;!?\n]|$)",
    re.IGNORECASE,
)


def _with_tail(text: str, end: int) -> int:
    tail = _TAIL_QUALIFIER.match(text, end)
    return tail.end() if tail else end


def _with_qualifiers(text: str, start: int) -> int:
    """Move an offer's start back over the qualifier words right before it: conditions
    ("3만원 이상 구매 시"), codes and which purchase it is for ("First box")."""
    start = _head_qualified(text, start)
    for _ in range(4):
        head = text[:start].rstrip()
        word_start = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t")) + 1
        word = head[word_start:]
        if not word or word not in _OFFER_QUALIFIERS:
            break
        start = word_start
        if word == "시":  # "연박 시": the condition is the word before
            before = re.search(r"(?:\d+\s?)?[가-힣]{1,6}\s?$", text[:start].rstrip())
            start = before.start() if before else start
    # "오픈 기념 전 메뉴 20% 할인": an occasion may come before the words that narrow it
    return _head_qualified(text, start)


def _head_qualified(text: str, start: int) -> int:
    # a qualifier may stand before another ("이번달 | 등록하시면 | 첫 달 | 50% 할인"): again until none moves
    for _ in range(4):
        window = max(0, start - 60)
        found = [match.start() for pattern in _HEAD_QUALIFIERS if (match := pattern.search(text[window:start]))]
        if not found or window + min(found) == start:
            break
        start = window + min(found)  # the qualifier reaching furthest back takes in the shorter ones
    return start


_TAKEN_BACK = re.compile(
    r"^[^.!?\n]{0,3}[.!?\n]?\s*(?:wait|oh|sorry|oops|actually|hmm)?[,.!\s]*"
    r"(?:scratch\s+that|never\s?mind|cancel\s+that|strike\s+that|ignore\s+that|we\s+can(?:'|’|no)?t\s+(?:promise|offer|do)\s+(?:that|it|the|this|[a-z]+))"
    r"|^[^.!?\n]{0,3}[.!?\n]?\s*(?:아\s?)?(?:아니다|취소|취소요|그건\s?빼|빼\s?주세요|없던\s?걸로)",
    re.IGNORECASE,
)
# "No discount.", "할인은 따로 없음": the brief says there is none
NO_OFFER = re.compile(
    r"(?<![a-z])(?:no|without|not\s+a)\s+(?:discount|promo(?:tion)?|sale|offer|coupon|deal)s?(?![a-z])"
    r"|(?:not|n't)\s+(?:doing|running|offering|having)\s+(?:any|a)\s+(?:discount|promo(?:tion)?|sale|offer|deal)s?"
    r"|(?:(?:할인|이벤트|특가)\s?)?(?:할인|이벤트|행사|프로모션|혜택)\S{0,2}\s*(?:(?:같은|이런|그런)\s?(?:건|거|것)\s?)?(?:은|는)?\s*(?:(?:이번(?:엔|에는|에)?|지금은|당분간|아직)\s*)?(?:따로\s*)?(?:없|x|안\s?(?:해|합니다|함|할|하고))"
    # "please don't mention any discount", "do not reference price, discounts, or promotions"
    r"|(?:do\s+not|don['’]?t|never)\s+(?:mention|reference|include|show|add|put)\s+(?:any\s+)?(?:prices?,?\s+(?:or\s+)?)?"
    r"(?:discount|promo(?:tion)?|sale|offer|deal)s?"
    # "혜택 문구는 빼주세요", "할인 얘기는 넣지 마세요"
    r"|(?:할인|혜택|이벤트|프로모션|사은품|얼리\s?버드|특가|쿠폰)[^.!?\n]{0,20}?(?:빼\s?주|빼\s?줘|빼고|넣지\s?(?:마|말)|언급하지\s?(?:마|말)|쓰지\s?(?:마|말)|표기하지\s?(?:마|말))",
    re.IGNORECASE,
)
_GIFT = re.compile(r"증정|사은품|선물|(?<![a-z])(?:gift|freebie)s?(?![a-z])", re.IGNORECASE)
_RETRACTION = re.compile(
    r"(?<![a-z])(?:scratch\s+that|never\s?mind|cancel\s+that|strike\s+that|ignore\s+that|skip\s+that|forget\s+that"
    r"|drop\s+that)(?![a-z])"
    r"|(?:그건|그거는?)\s?(?:빼|취소)|없던\s?걸로",
    re.IGNORECASE,
)


# a word that says there is a deal; amenities ("free parking", "무료 주차") and "-free" claims
# ("sugar-free", "fear-free") are none
DEAL = re.compile(
    r"\d+\s?%\s?(?:추가\s?)?(?:할인|세일|적립|off\b|DC\b|저렴|페이백|캐시백)|할인(?!점)|(?<!입장료\s)(?<!입장료)(?<!입장\s)(?<!입장)(?<!주차\s)무료(?!\s?(?:주차|와이파이|wifi|입장))"
    r"|공짜|증정|사은품|쿠폰|(?<![\d+])[1-9]\s?\+\s?[1-9](?![\d%])|반값|특가|무이자|무상\s?제공|(?:빼|깎아)\s?(?:드려|드립|줘|줌)|덤으로"
    r"|(?<![\w-])free(?![\w-])(?!\s+(?:parking|wi-?fi|entry|admission|of|from|to\s+attend))|(?:\d|%)\s?off(?![\w-])"
    r"|\bdiscount|\bcoupon|\bpromo\s?code|\bcode\s+[A-Z0-9]{3,}|\bbogo\b|\bbuy\s+\w+,?\s+get\b|\bsave\s+(?:\$|\d|up)"
    r"|half[-\s]price|early[-\s]?bird|얼리\s?버드|\btoward(?:s)?\s+(?:the\s+)?(?:buyer|closing)"
    r"|\b(?:special|sweet|great|exclusive|members?['’]?)\s+(?:deal|offer|price|pricing|rate)s?\b|\bdeal\s+of\s+the\b"
    r"|\bon\s+sale\b|\bsale\s+price|\bflash\s+sale|\bclearance\b",
    re.IGNORECASE,
)
# "fragrance free", "cruelty free": a claim that something is left out, no deal
FREE_OF = re.compile(
    r"(?:fragrance|scent|sugar|gluten|cruelty|alcohol|paraben|dairy|fear|cage|stress|hassle|worry|tax|duty|toll|hands|"
    r"bpa|lactose|caffeine|nut|oil|plastic|chemical|guilt|pain|maintenance|ad|commitment)[\s-]$",
    re.IGNORECASE,
)
# "원래 첫 구독 반값 이벤트 하려고 했는데 … 안 하기로", "we ran 10% off … but we're NOT doing that this
# year": an offer the brief had planned or ran before, and is not running now
_CANCELLED_AFTER = re.compile(
    r"[가-힣]{0,3}려고\s?했는데|하려다가?|할까\s?했는데|안\s?하기로|못\s?하게\s?됐|취소됐|취소\s?했|미뤄졌|미뤄져|연기됐|연기돼"
    r"|(?:그건|이건|이번엔|이번에는)\s?빼"
    r"|(?:not|n['’]t)\s+(?:doing|running|offering|repeating|having)\s+(?:that|it|this|them|those)\b"
    r"|\b(?:legal|compliance|the\s+boss|management|hq|corporate)\s+said\s+no\b|\bcan['’]?t\s+(?:run|offer|do)\s+(?:it|that|this)\b",
    re.IGNORECASE,
)
_RAN_BEFORE = re.compile(
    r"\b(?:last|previous)\s+(?:year|spring|summer|fall|autumn|winter|month|time|season|christmas|holiday)\s+we\s+"
    r"(?:ran|did|had|offered|gave)\s+$|\bwe\s+used\s+to\s+(?:run|do|have|offer|give)\s+$",
    re.IGNORECASE,
)


def retracted_spans(text: str) -> list[Span]:
    """What the brief takes back ("every volunteer gets a free lunch. Wait, scratch that, we
    can't promise lunch this year."): the sentence before the retraction and the retraction's own."""
    spans: list[Span] = []
    for match in _RETRACTION.finditer(text):
        own_start = max(text.rfind(ch, 0, match.start()) for ch in ".!?\n") + 1
        before = max(text.rfind(ch, 0, max(0, own_start - 1)) for ch in ".!?\n") + 1
        ends = [i for i in (text.find(ch, match.end()) for ch in ".!?\n") if i >= 0]
        spans.append((before, min(ends) + 1 if ends else len(text)))
    for match in _CANCELLED_AFTER.finditer(text):
        # the sentence of an offer not run after all is no claim either ("사장님이 이번엔 안 하기로 해서")
        start = max(text.rfind(ch, 0, match.start()) for ch in ".!?\n") + 1
        ends = [i for i in (text.find(ch, match.end()) for ch in ".!?\n") if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        if DEAL.search(text[start:end]):
            spans.append((start, end))
    return spans


_DENIED_AFTER = re.compile(
    r"\s*(?:행사|이벤트|할인)?\s*(?:은|는)?\s*(?:아님|아니|아닙니다|아니에요|없|x(?![a-z]))", re.IGNORECASE
)


# an English offer's clause: who gets it and on what condition come before it ("Groups of 4 or more get
# 15% off", "Returning clients who book before Feb 15 get $100 off"), how long and on what after it
# ("8% off orders over 5,000 sq ft", "buy 2 get 1 free for the first 2 weeks")
_EN_CLAUSE_BREAK = re.compile(
    r"[!?;\n\U0001F000-\U0001FAFF\u2600-\u27BF]|[.:](?!\d)|\s[—–-]\s|\s-{2,}\s?|,\s|\s=\s|\s\("
)
_EN_LEAD_CUE = re.compile(
    r"\b(?:who|that|if|when|before|by|with|groups?|orders?|clients?|customers?|members?|anyone|everyone|friends?|buy|book|"
    r"order|sign|invite|bring|refer|mention|show|spend|pre-?order|returning|new|first|sale|promo|deal|offer|special|"
    r"students?|seniors?|teachers?|subscribers?|patients?|guests?|families|kids|parents|teams?|parties|party|couples?|"
    r"pairs?|households?|companies|businesses|residents|veterans|military|nurses|locals|neighbou?rs|people|review|write|"
    r"share|follow|tag|join)\b"
    r"|\d+\s+or\s+more|\d+\+",
    re.IGNORECASE,
)
_EN_LEAD_NOT = re.compile(
    r"\b(?:need|needs|want|wants|please|pls|post|posts|ig|instagram|story|stories|flyer|poster|banner|page|newsletter|"
    r"deck|slides|email|blast|ad|ads|design|make|create|is\s+called|called|named|we['’]re|i['’]m|our\s+(?:app|shop|store))\b",
    re.IGNORECASE,
)
_EN_LEAD_LABEL = re.compile(
    r"^(?:(?:and|also|plus|oh|so)\s+)*(?:(?:our|the|a|launch|referral|holiday|summer|spring|fall|winter|opening|intro|"
    r"volume|bulk|group)\s+)*(?:promo(?:tion)?|deal|offer|special|discount|pricing)\s*(?:is|:)?\s*(?:an?\s+)?"
    r"(?=\S)|^(?:(?:and|also|plus|oh|so)\s+)+|^with\s+(?:an?\s+)?",
    re.IGNORECASE,
)
_EN_TAIL_CUE = re.compile(
    r"\s*(?:,\s*(?=no\s+(?:credit\s+)?card|no\s+commitment|cancel\s+any\s?time|no\s+strings))?"
    r"(?:for\s+the\s+first|for\s+(?:the\s+)?(?:next|whole|entire|rest)|thru|through|until|till|ends?|ending|on\s+orders?|"
    r"on\s+(?:weekdays|weekends|weeknights|(?:mon|tues|wednes|thurs|fri|satur|sun)days)|any\s|w/|with\s+(?:a\s+|your\s+|valid\s+)?(?:student|senior|military|teacher|id|code)|of\s+[A-Z]\w+\s+for|"
    r"for\s+(?:customers|patients|clients|members|students|seniors|kids|anyone|everyone|groups?|teams?|referrals?|"
    r"new|returning|first|\d+\+\s+[a-z]+)|[—–]\s+(?:direct|online|in-store|members?|new)\b|"
    r"orders?\s+(?:over|above|of)|on\s+(?:all|any|every|your)|when|if|per|this\s+(?:week|weekend|month)|each|every|"
    r"before|by|no\s+(?:credit\s+)?card|no\s+commitment|cancel\s+any\s?time)\b",
    re.IGNORECASE,
)


def _whole_english_clause(text: str, start: int, end: int) -> Span:
    if re.search(r"[가-힣]", text[max(0, start - 40) : end + 40]):
        return start, end
    breaks = [m.end() for m in _EN_CLAUSE_BREAK.finditer(text, max(0, start - 90), start)]
    clause_start = breaks[-1] if breaks else max(0, start - 90)
    lead = text[clause_start:start]
    label = _EN_LEAD_LABEL.match(lead.lstrip())
    if label:
        clause_start += len(lead) - len(lead.lstrip()) + label.end()
        lead = text[clause_start:start]
    new_start = start
    if not lead.strip() or (
        lead.strip()
        and len(lead.split()) <= 10
        and _EN_LEAD_CUE.search(lead)
        and not _EN_LEAD_NOT.search(lead)
        # "$12/month after a 30-day free trial": a price is no condition; another deal expands on its own
        and not re.search(rf"{_MONEY}|\d\s?(?:/|per\s)", lead)
        and not DEAL.search(lead)
    ):
        new_start = clause_start + len(lead) - len(lead.lstrip())
    new_end = end
    if _EN_TAIL_CUE.match(text, end):
        stop = re.compile(
            r"[!?;\n\U0001F000-\U0001FAFF\u2600-\u27BF]|\.(?!\d)|\s[—–-]\s(?!(?:direct|online|in-store|members?|new)\b)|\s\("
            r"|\s-{2,}"
            r"|,\s(?!no\s+(?:credit\s+)?card|no\s+commitment|cancel)"
        )
        after = stop.search(text, end + 1)
        clause_end = after.start() if after else len(text)
        if len(text[end:clause_end].split()) <= 8:
            new_end = clause_end
    if new_end - new_start > 80:
        return start, end
    return new_start, new_end


# "Offer: Bring a friend — you both get 1 free week", "혜택: 첫 방문 20% 할인": a line labelled as the
# offer says it whole, whatever dashes or commas it holds
_OFFER_LINE_LABEL = re.compile(
    r"^[ \t]*[-*•·]?[ \t]*(?:(?:the\s+|our\s+|special\s+|current\s+)?(?:offer|promo(?:tion)?|deal|discount|special|"
    r"incentive)s?|혜택|이벤트|행사|프로모션|할인)[ \t]*[:：=][ \t]*",
    re.IGNORECASE | re.MULTILINE,
)


# a line that says in so many words what the offer is ("Offer: …", "Launch promo: …", "이벤트: 신규 발급 후 …")
_STATED_OFFER = re.compile(
    r"^[ \t]*[-*•·]?[ \t]*(?:(?:(?:the|our|special|current|launch|opening|limited[- ]time)\s+)?"
    r"(?:offer|promo(?:tion)?|deal|incentive)s?|(?P<ko>이벤트|프로모션|할인\s?혜택))[ \t]*[:：=][ \t]*"
    r"(?P<v>[^\n]{3,140})$",
    re.IGNORECASE | re.MULTILINE,
)
_NO_VALUE = re.compile(
    r"^(?:none|n/?a|no(?:ne)?\b|nothing|tb[adc]\b|-|coming\s+soon|see\s+(?:the\s+)?website|ask\b|없음|없어요|없습니다|"
    r"해당\s?없음|미정|추후)",
    re.IGNORECASE,
)
_KO_DEAL_WORD = re.compile(r"\d+\s?%|\d[\d,]*\s?원|\d\+\d|증정|할인|무료|캐시백|적립|쿠폰|사은품|페이백|반값|특가")


def _in_a_list(text: str, at: int) -> bool:
    """Whether ``at`` is on a bullet line or a benefits label's line ("- up to 3% cash back", "혜택: …")."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return bool(re.match(r"[ \t]*(?:[-*•·▪–—]|\d{1,2}[.)]|(?:key\s+)?benefits?\s*:|혜택\s*:)", line, re.IGNORECASE))


def _stated_offer_lines(text: str) -> list[Span]:
    spans = []
    for match in _STATED_OFFER.finditer(text):
        value = re.split(r"[.!?]\s", match.group("v"), maxsplit=1)[0].rstrip(" \t.!")  # "…10 days. story"
        if _NO_VALUE.match(value) or (match.group("ko") and not _KO_DEAL_WORD.search(value)):
            continue  # "Offer: none"; "이벤트: 가을 음악회" names an event, no deal
        spans.append((match.start("v"), match.start("v") + len(value)))
    return spans


def _labelled_line(text: str, start: int, end: int) -> Span:
    line_start = text.rfind("\n", 0, start) + 1
    label = _OFFER_LINE_LABEL.match(text, line_start)
    if not label or label.end() > start:
        return start, end
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    value_end = line_start + len(text[line_start:line_end].rstrip(" \t.!"))
    if value_end - label.end() > 90 or value_end < end:
        return start, end
    return label.end(), value_end


# "annual plan $39.99/yr (save 33%)": a saving in brackets after a price is that price's; the plan and
# its price are the offer
_PRICED_BEFORE = re.compile(
    r"(?:(?<=[\s,;:(])|^)(?P<v>(?:(?!(?:or|and|plus|is|are|the|a|an)\b)[A-Za-z][\w-]*\s+){0,3}"
    rf"{_MONEY}(?:\s?/\s?[a-z]+)?\s?\(\s?)$",
    re.IGNORECASE,
)


def _priced_plan_before(text: str, start: int, end: int) -> Span:
    before = _PRICED_BEFORE.search(text[max(0, start - 60) : start])
    if not before or not re.match(r"\s?\)", text[end : end + 2]):
        return start, end
    return start - len(before.group("v")), end + text[end : end + 2].index(")") + 1


# deals written out in words rather than marks: "3 nights for the price of 2", "buy a set of 4 for $110",
# "adoption fees waived all day", "first groom is 25 percent off", "평일 2박하면 1박 무료", "이번 주말만 30% 할인"
_OFFER_PATTERNS += [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\d+\s+(?:nights?|days?|weeks?|months?|classes|sessions|lessons|items|pairs|tickets|visits)\s+"
        r"for\s+the\s+price\s+of\s+\d+",
        r"\bbuy\s+(?:an?\s+(?:set|pack|bundle|box|case)\s+of\s+)?\d+\s+for\s+[$£€]\d+(?:\.\d\d)?",
        r"(?:\b[a-z]+\s+)?fees?\s+(?:are\s+|is\s+)?waived(?:\s+all\s+(?:day|weekend|week|month))?",
        r"(?:(?:the\s+|your\s+|their\s+)?first\s+[a-z]+\s+(?:is|are|gets?)\s+)?\d{1,3}\s?(?:percent|per\s?cent)\s+off"
        r"(?:\s+for\s+new\s+(?:customers|clients|members|users|students))?",
        r"(?:평일\s?|주말\s?)?\d+\s?박\s?(?:하면|하시면|시|이상\s?(?:이면|시)?)\s?\d+\s?박\s?(?:무료|공짜)",
        r"이번\s?(?:주말|주|달)만\s?\d{1,3}\s?%\s?(?:추가\s?)?할인",
    )
]


def find_offers(text: str) -> tuple[str | None, list[Span]]:
    """The offers a brief states, joined in order ("20% 할인, 무료배송"), and their spans."""
    spans: list[Span] = []
    for pattern in _OFFER_PATTERNS:
        for match in pattern.finditer(text):
            spans.append((_with_qualifiers(text, match.start()), _with_tail(text, match.end())))
    for match in _CONDITIONAL_BENEFIT.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in spans):
            spans.append(match.span())
    # "average 40% off electric bills": what the product saves its owner, a claim, not a deal
    spans = [
        (start, end)
        for start, end in spans
        if not re.match(
            r"\s+(?:your\s+|their\s+|the\s+)?(?:monthly\s+)?(?:electric(?:ity)?|energy|utility|power|water|heating|gas)"
            r"\s+bills?",
            text[end : end + 40],
            re.IGNORECASE,
        )
    ]
    # "1+1 행사 아님 주의", "not a BOGO": an offer the brief denies is no offer
    spans = [(start, end) for start, end in spans if not _DENIED_AFTER.match(text[end : end + 16])]
    spans = [(start, end) for start, end in spans if not _TAKEN_BACK.search(text[end : end + 60])]
    spans = [
        (start, end)
        for start, end in spans
        # "…빼주세요" in a later sentence is about something else ("크루아상은 이번엔 빼주세요")
        if not _CANCELLED_AFTER.search(re.split(r"[.!?\n]", text[end : end + 70], maxsplit=1)[0])
        and not _RAN_BEFORE.search(text[max(0, start - 40) : start])
    ]
    if NO_OFFER.search(text):
        # "There will be free tea and cookies. No discount this time": what is served is no deal;
        # "할인이나 사은품 문구는 넣지 말아주세요": nor is a gift named in the denial itself
        denials = [match.span() for match in NO_OFFER.finditer(text)]
        spans = [
            (start, end)
            for start, end in spans
            if _GIFT.search(text[start:end]) and not any(d_start <= start < d_end for d_start, d_end in denials)
        ]
    spans = [_whole_english_clause(text, start, end) for start, end in spans]
    spans = [_labelled_line(text, start, end) for start, end in spans]
    spans = [_priced_plan_before(text, start, end) for start, end in spans]
    labelled = _stated_offer_lines(text)
    if labelled:
        # "Offer: $200 bonus after spending $1,000 in the first 90 days" under "Key benefits: … up to 3% cash
        # back": the writer said which is the offer; a deal-like phrase in a list of benefits is the product's
        spans = [*labelled, *((a, b) for a, b in spans if not _in_a_list(text, a))]
    merged: list[Span] = []
    for start, end in sorted(spans):
        # "$0 enrollment + first month $19": two deals written as one
        if merged and (start < merged[-1][1] or re.fullmatch(r"[ \t]*\+[ \t]*", text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    offers: list[str] = []
    for start, end in merged:
        offer = re.sub(r"\s+", " ", text[start:end]).strip().lstrip("/|·").strip()  # "/ 이 게시물 보여주시면"
        offer = re.sub(r"(\d)\s?\+\s?(\d)", r"\1+\2", offer)
        offer = re.sub(r"(?<![\w/])w/\s?(?=[A-Za-z])", "with ", offer)  # "w/ student ID": shown as "with"
        # "배송이구요 화병 첫 구독시 무료 증정": the end of the sentence before is not the offer's
        offer = re.sub(r"^(?!(?:사고|재고|광고|최고|창고|참고|사다|바다)\s)[가-힣]*(?:요|고|며|서|다|죠)\s+", "", offer)
        # "($35 early bird if purchased by May 31)" cut inside its brackets: no bracket left open or closed alone
        if offer.count("(") < offer.count(")"):
            offer = offer.replace(")", "").strip()
        elif offer.count("(") > offer.count(")"):
            offer = offer.replace("(", "").strip()
        if offer and offer not in offers:
            offers.append(offer)
    return (", ".join(offers) or None), merged


_DEADLINE_WORDS = re.compile(
    r"까지|마감|(?<![a-z])(?:until|till|by|ends?|ending|through|before|only)(?![a-z])|한정|오늘만|이번\s?주말",
    re.IGNORECASE,
)


_EVENT_DAY = re.compile(
    r"(?:grand\s+opening|opening|opens?|re-?opening|launch(?:es|ing)?|launch\s+day)\s*(?:is\s+|day\s+)?(?:on\s+)?$|"
    r"(?:그랜드\s?오픈|오픈일?|개업일?|개점일?|출시일?)\s?(?:은|는|:)?\s*$",
    re.IGNORECASE,
)


def find_deadline(text: str) -> tuple[str | None, Span | None]:
    """The offer's deadline as written ("12월 15일까지", "until Friday", "this weekend"): a date
    expression with a deadline marker, or one in the same sentence as an offer word."""
    from datetime import date

    from sparklio.language.meeting.dates import find_dues

    for due in find_dues(text, date.today()):
        if re.search(r"(?:every|each|매주|매월|매일|격주)\s*$", text[max(0, due.start - 8) : due.start], re.IGNORECASE):
            continue  # "8pm every Saturday", "매주 토요일": a schedule, not a deadline
        before = text[max(0, due.start - 12) : due.start]
        if (
            not due.deadline
            and re.match(r"(?:in|within)\s", due.text, re.IGNORECASE)
            and not re.search(r"(?:ends?|ending|expires?|closes?|over|gone)\s*$", before, re.IGNORECASE)
        ):
            continue  # "a gallery delivered in 3 weeks": how long something takes, no deadline
        if re.match(r"['’]s\b", text[due.end : due.end + 3]):
            continue  # "Lock in today's prices": a possessive, no deadline
        if re.match(
            r"\s?(?:제외|빼고|말고|은\s?제외|는\s?제외|excluded)|\s?만에", text[due.end : due.end + 6]
        ) or re.search(r"만에$", due.text):
            continue  # "주말 제외": a day left out; "2주 만에": how long it takes
        sentence_start = max(text.rfind(".", 0, due.start), text.rfind("\n", 0, due.start)) + 1
        # a sentence ends at a full stop or a line break: "7월 19일 토요일" on its own line is when an event is,
        # whatever deal a later line names
        stops = [i for i in (text.find(".", due.end), text.find("\n", due.end)) if i >= 0]
        sentence = text[sentence_start : min(stops) if stops else len(text)]
        marked = due.deadline or _DEADLINE_WORDS.search(text[due.end : due.end + 8])
        # "grand opening on March 14", "오픈일 3월 14일": the day the news happens is a date to keep
        marked = marked or _EVENT_DAY.search(text[max(0, due.start - 24) : due.start])
        if marked or any(pattern.search(sentence) for pattern in _OFFER_PATTERNS):
            end = due.end
            tail = re.match(r"\s?(?:까지|only|한정)", text[end:], re.IGNORECASE)
            if tail and not due.deadline:
                end += tail.end()
            return re.sub(r"\s+", " ", text[due.start : end]).strip(), (due.start, end)
    return None, None


def without_regular_prices(text: str, spans: list[Span]) -> list[Span]:
    """Offer spans with holes where they quote the regular price ("$49 (normally $150)"): the
    offer shows it beside the deal, and it is still the product's price."""
    out: list[Span] = []
    for start, end in spans:
        for match in _REGULAR_PRICE.finditer(text, start, end):
            out.append((start, match.start()))
            start = match.end()
        out.append((start, end))
    return [(start, end) for start, end in out if end > start]


def find_price(text: str, taken: list[Span]) -> tuple[str | None, Span | None]:
    """The selling price: a labelled one ("할인가", "price") before a bare amount; amounts that
    are discounts, thresholds ("5만원 이상", "orders over $50") or inside an offer don't count."""
    best: tuple[int, int, Span] | None = None
    for match in _PRICE.finditer(text):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        before, after = text[max(0, start - 16) : start], text[end : end + 12]
        if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after):
            continue
        label = _PRICE_LABEL.search(before)
        rank = 0 if label and label.group("sale") else 1 if label else 2
        if best is None or (rank, start) < best[:2]:
            best = (rank, start, (start, end))
    if best is None:
        return None, None
    start, end = best[2]
    # "6만원부터", "35만원~", "from $149": a starting price says so
    tail = re.match(r"\s?(?:부터|~(?!\s?\d)|\s?이상부터)", text[end:])
    if tail:
        end += tail.end()
    elif re.search(r"(?:from|starting\s+at|starts\s+at)\s*$", text[max(0, start - 14) : start], re.IGNORECASE):
        start = start - len(re.search(r"(?:from|starting\s+at|starts\s+at)\s*$", text[:start], re.IGNORECASE).group(0))
    kind = _PRICE_KIND.search(text[max(0, start - 12) : start])
    if kind:
        start -= len(kind.group(0))
    price = re.sub(r"\s+", " ", text[start:end].strip())
    price = re.sub(r"(?<=\d)\s(?=원)", "", price)
    price = re.sub(r"([$€£₩])\s", r"\1", price)
    return price, best[2]


# --- category -------------------------------------------------------------------------------

_CATEGORY_OF_TERM: dict[str, str] = {}
for _category, (_ko_terms, _en_terms) in CATEGORY_TERMS.items():
    for _term in (*_ko_terms, *_en_terms):
        _CATEGORY_OF_TERM.setdefault(_term.lower(), _category)


def _term_pattern(term: str) -> str:
    if term.isascii():  # English words, and "pt"/"tv" inside the Korean lists
        return r"(?<![a-z0-9])" + re.escape(term) + r"(?:s|es)?(?![a-z0-9])"
    if len(term) == 1:  # a one-syllable word ("앱", "빵") only counts standing alone
        return rf"(?<![가-힣]){term}(?![가-힣])"
    return re.escape(term)


# one pattern for every term, longest first so that "air purifier" wins over "air"
_CATEGORY_TERM = re.compile("|".join(_term_pattern(t) for t in sorted(_CATEGORY_OF_TERM, key=len, reverse=True)))


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.isascii() and word.endswith("s"):
        forms.append(word[:-1])
        if word.endswith("es"):
            forms.append(word[:-2])
    return forms


def _category_of_match(found: str) -> str | None:
    for candidate in _singulars(found):
        if candidate in _CATEGORY_OF_TERM:
            return _CATEGORY_OF_TERM[candidate]
    return None


def category_of_phrase(phrase: str | None) -> str | None:
    """The category of a product phrase: its head (the last category word) decides, except
    that a pet word anywhere makes it a pet product."""
    if not phrase:
        return None
    found = [category for m in _CATEGORY_TERM.finditer(phrase.lower()) if (category := _category_of_match(m.group(0)))]
    for dominant in DOMINANT_CATEGORIES:
        if dominant in found:
            return dominant
    return found[-1] if found else None


def category_of_words(words: list[str]) -> str | None:
    """The category of the first word that has one: Korean tokens whole, English words also
    in their singular and as the start of a two-word term ("meal kit")."""
    for index, word in enumerate(words):
        low = word.lower()
        candidates = _singulars(low)
        if low.isascii() and index + 1 < len(words):
            candidates = _singulars(f"{low} {words[index + 1].lower()}") + candidates
        for candidate in candidates:
            if candidate in _CATEGORY_OF_TERM:
                return _CATEGORY_OF_TERM[candidate]
    return None


def has_urgency_hint(text: str) -> bool:
    low = text.lower()
    return any(hint in low for hint in URGENCY_HINTS)


# --- video requests ---------------------------------------------------------------------------

# Short-form video lives only in 9:16: YouTube Shorts, Instagram Reels and Stories, TikTok.
_SHORT_FORM = re.compile(
    r"쇼츠|릴스|틱톡|숏폼|(?<![가-힣])(?<!브랜드\s)(?<!브랜드)(?<!우리\s)스토리\s*(?:용|광고|영상|형|사이즈|포맷)|인스타(?:그램)?\s*스토리|세로\s*(?:형\s*)?영상"
    r"|(?<![a-z])(?:shorts|reels?|tiktoks?|tik\s*tok|short-form|shortform)(?![a-z])"
    r"|(?:instagram|insta|ig)\s+stor(?:y|ies)|(?<![a-z])(?<!brand\s)(?<!our\s)stor(?:y|ies)\s+(?:ad|video|format|size)"
    r"|vertical\s+video|9\s*:\s*16"
)
_VIDEO_SECONDS = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:초(?!등|반|기|보|안|대)|-?\s*sec(?:ond)?s?(?![a-z]))")
_VIDEO_MINUTES = re.compile(r"(?<![\d.])(\d)\s*(?:분(?!기|야|석|량|의)|-?\s*min(?:ute)?s?(?![a-z]))")


def video_request(text: str) -> tuple[bool, int | None]:
    """(short form, seconds) of a video brief: whether it names a vertical short-form video
    (Shorts, Reels, TikTok, a story; "쇼츠", "릴스", "틱톡", "스토리용"), and the length it
    states ("15초", "30-second", "1분"), if any."""
    low = text.lower() if isinstance(text, str) else ""
    short = bool(_SHORT_FORM.search(low))
    seconds = None
    match = _VIDEO_SECONDS.search(low)
    if match:
        seconds = int(match.group(1))
    else:
        match = _VIDEO_MINUTES.search(low)
        if match:
            seconds = int(match.group(1)) * 60
    if seconds is not None and not 3 <= seconds <= 600:
        seconds = None
    return short, seconds
