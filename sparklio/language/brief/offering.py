"""Who sells versus what is sold: the last word on the product after the cascade of ``names``.

A brief usually says two names: the seller's ("we're a bakery called X", "Brand: X", "저희 X",
"반찬가게 'X'") and the thing it promotes this time ("we just started doing a Y", "New item: Y",
"Y라는 걸 새로 냈어요", "모델: Y", "Y 59,000원"). The cascade of ``names`` stops at the first rule
that fires, which is often the seller's; it also lets through words that name no product at all:
the brief's own header ("공지 협조", "NOTICE REQUEST", "홍보 건"), the work asked for or where it
hangs ("자사몰 메인배너", "유리창") and whom it is for ("Korean guests").

``settle`` therefore looks at every candidate together. It classifies each as the seller's
identity or an offering, drops any candidate that is no name at all, and prefers an offering
over the seller when the brief promotes one; with nothing else left the seller's own name is
the product (a brief about the business itself).
"""

from __future__ import annotations

import re

from .salient import WRITERS_OWN, quoted_values

# --- what no product is -------------------------------------------------------------------------

# the brief talking about itself: a request, a notice, a case ("공지 협조 요청", "홍보 건", "NOTICE REQUEST")
_REQUEST_WORDS = re.compile(
    r"공지|협조|요청|안내|건$|(?:^|\s)건(?:\s|$)|문의|부탁|의뢰|"
    r"\b(?:notice|request|requesting|inquiry|enquiry|memo|re|fwd|attn|urgent|asap)\b",
    re.IGNORECASE,
)
# the work asked for or where it is shown ("자사몰 메인배너랑", "매장 유리창", "front window banner")
_CHANNEL_WORDS = re.compile(
    r"배너|포스터|전단|현수막|썸네일|상세\s?페이지|랜딩\s?페이지|뉴스레터|자사몰|유리창|쇼윈도|피드|카드\s?뉴스|"
    r"블로그|인스타|페이스북|페북|유튜브|카카오|카톡|"
    r"\b(?:banners?|posters?|flyers?|thumbnails?|newsletters?|landing\s+pages?|slides?|decks?|"
    r"instagram|insta|ig|fb|facebook|youtube|kakao|linkedin|tiktok|twitter|window|storefront|site|website|page|"
    r"blog\s+posts?)\b",
    re.IGNORECASE,
)
# whom the design speaks to ("korean community here", "Korean guests", "신규 고객")
_AUDIENCE_WORDS = re.compile(
    r"(?:고객|손님|주민|회원님|학부모|어르신|구독자|팔로워)(?:님|분|들)?$|"
    r"\b(?:community|guests?|customers?|clients?|residents?|visitors?|followers?|subscribers?|audience|"
    r"locals|folks|people|parents|neighbou?rs)\b",
    re.IGNORECASE,
)
# a spoken connective or ending caught inside a phrase ("운영중인데용", "열려요")
_SPOKEN = re.compile(r"(?:인데용?|는데요?|거든요|해요|예요|에요|어요|아요|습니다|니다)(?:\s|$)")


def is_junk(candidate: str | None) -> bool:
    """Whether ``candidate`` names the brief, the work, the audience, or says a sentence, not a product."""
    if not candidate:
        return True
    value = candidate.strip()
    return bool(
        _REQUEST_WORDS.search(value)
        or _CHANNEL_WORDS.search(value)
        or any(not _IN_A_TITLE.match(value, m.start()) for m in _AUDIENCE_WORDS.finditer(value))
        or _SPOKEN.search(value)
    )


# "Riverside Community Blood Drive", "Resident Parking Permit": an audience word inside a capitalised
# name is part of the name, not whom the design speaks to
_IN_A_TITLE = re.compile(r"[A-Z][a-z]+\s+[A-Z0-9]")


# --- the seller's identity ----------------------------------------------------------------------

# a word that says the name is a business ("Greenline Language School", "Outpost Coffee Roasters")
_EN_BUSINESS_END = re.compile(
    r"\b(?:school|academy|cafe|café|coffee|roasters?|bakery|studio|gym|salon|clinic|spa|shop|store|boutique|"
    r"kitchen|restaurant|bistro|bar|brewery|bakehouse|cabins?|inn|hotel|motel|lodge|hostel|farm|co|company|inc|"
    r"llc|ltd|group|agency|center|centre|auto\s+care|care|payroll|labs?|works|market|collective|"
    r"rescue|foundation|society|association|church|library|council|city\s+of\s+\w+)\.?$",
    re.IGNORECASE,
)
_KO_BUSINESS_END = re.compile(
    r"(?:가게|상회|상사|샵|숍|카페|식당|학원|공방|매장|스튜디오|병원|치과|의원|한의원|안과|피부과|센터|업체|회사|"
    r"베이커리|빵집|찬방|반찬|키친|부엌|마켓|몰|펜션|스테이|호텔|모터스|정비|협회|재단|법인)$"
)
# what says a name is the seller's, written before it
_EN_IDENTITY_BEFORE = re.compile(
    r"(?:\bcalled|\bnamed|\bwe\s+run|\bwe\s+own|\bwe['’]re|\bwe\s+are|\bthis\s+is|\bi\s+run|\bi\s+own|"
    r"\bbrand\s*:|\bcompany\s*:|\bbusiness\s*:|\bshop\s*:|\bstore\s*:|\bfrom|\bbusiness|\bat)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# what says it, written after it ("X is a ...", "X is launching", "X's new")
_EN_IDENTITY_AFTER = re.compile(
    r"^(?:['’]s\s+(?:new|latest|own)\b|\s+(?:is|are)\s+(?:an?\s|the\s|launching|opening|introducing|"
    r"rolling|starting|bringing|hosting|adding|pushing|running|now)|\s*,\s+(?:an?|the|our)\s|\s+[—–-]\s)",
    re.IGNORECASE,
)
_KO_IDENTITY_BEFORE = re.compile(
    r"(?:이름은|이름이|브랜드명?\s?[:：은는]?|상호명?\s?[:：은는]?|업체명?\s?[:：은는]?|저희|우리)\s?['‘\"“「]?$|"
    r"(?:가게|집|샵|숍|카페|식당|학원|공방|매장|스튜디오|병원|치과|의원|펜션|찬방|몰|브랜드|법인|단체|크루|동호회|모임|교회|"
    r"성당|재단|협회)\s?['‘\"“「]?$"
)
_KO_IDENTITY_AFTER = re.compile(r"^['’\"”」]?\s?(?:이고요|이구요|이에요|예요|에서|입니다|인데요|이란|의\s|에서는)")


def is_identity(text: str, name: str, by_kind: bool = True) -> bool:
    """Whether the brief presents ``name`` as the business that writes, not as what it sells: by what
    is said around it, or (``by_kind``) by a word of a kind of business it ends in ("... Roasters")."""
    if not name:
        return False
    if by_kind and (_EN_BUSINESS_END.search(name) or _KO_BUSINESS_END.search(name.replace(" ", ""))):
        return True
    for match in re.finditer(re.escape(name), text):
        before = text[max(0, match.start() - 24) : match.start()]
        after = text[match.end() : match.end() + 24]
        if _EN_IDENTITY_BEFORE.search(before) or _EN_IDENTITY_AFTER.match(after):
            return True
        if _KO_IDENTITY_BEFORE.search(before) or _KO_IDENTITY_AFTER.match(after) or WRITERS_OWN.match(after):
            return True
    return False


# --- what the brief promotes --------------------------------------------------------------------

_TITLE_WORD = r"[\w'’&+-]*(?:\.[\w'’&+-]+)*"
_TITLE = rf"[A-Z]{_TITLE_WORD}(?:\s+(?:(?:&|and|of|on|for|the|de|la)\s+)?[A-Z0-9]{_TITLE_WORD}){{0,5}}"
_EN_PHRASE_END = r"(?=\s*(?:[,.;:!?()—–🍞\n]|\s-\s|$)|\s+(?:for|to|with|that|which|this|on|in|at|and\s+we)\b)"
# what a titled programme is ("the Spring Bulky Item Pickup program")
_EN_EVENT_KIND = (
    r"(?:program(?:me)?|campaign|drive|event|festival|fair|series|course|class|challenge|run|walk|sale|tour|"
    r"workshop|camp|market|night|day|week|month)"
)
_EN_OFFERINGS = (
    # "New item: the Tidepool Mug", "Product: X", "Launching: X"
    re.compile(
        r"\b(?:new\s+(?:item|product|release|flavou?r|drink|dish|menu\s+item|arrival|service|course|class|plan)|"
        r"launching|introducing)\s*:\s*(?:the\s+)?(?P<v>[^,.;\n(]{2,40}?)" + _EN_PHRASE_END,
        re.IGNORECASE,
    ),
    # "is launching a coffee subscription — the Roaster's Club": the name after the dash
    re.compile(
        r"\b(?:launch(?:ing|es)?|introduc(?:ing|es)|roll(?:ing)?\s+out|unveil(?:ing|s)?|debut(?:ing|s)?|"
        r"opening|starting)\b[^.!?\n]{0,50}?\s[—–:-]\s+(?:the\s+|our\s+)?(?P<v>" + _TITLE + r")"
    ),
    # "Northpoint Payroll's new contractor payments service, PayBridge"
    re.compile(
        r"\b(?:new|latest)\s+[a-z][\w -]{0,40}?\b(?:service|app|product|platform|tool|plan|line|feature|program|"
        r"course|class|menu|collection|brand)\s*,\s+(?:the\s+)?(?P<v>" + _TITLE + r")"
    ),
    # "we just started doing a rye-cardamom loaf", "now serving a X", "we now make a X"
    re.compile(
        r"\b(?:(?:just\s+)?start(?:ed|ing)\s+(?:doing|making|selling|offering|baking|carrying|brewing|serving)|"
        r"now\s+(?:serving|selling|offering|making|carry(?:ing)?|serves?|sells?|offers?|makes?)|"
        r"(?:just\s+)?(?:launched|released|dropped)|(?:is|are)\s+(?:launching|opening|"
        r"introducing|adding|releasing))\s+"
        r"(?:a\s+|an\s+|our\s+|the\s+|new\s+|some\s+)*(?P<v>[\w'’-]+(?:\s+[\w'’-]+){0,5}?)" + _EN_PHRASE_END
    ),
    # "Little Orbit Play Cafe - toddler birthday party packages!!": the seller, a dash, what it sells
    re.compile(
        r"^\s*(?!(?:We|I|It|Our|My|Hi|Hello|Hey|Dear|This)\b)"
        + _TITLE
        + r"\s+[—–-]\s+(?P<v>[a-z][\w'’-]*(?:\s+(?!(?:for|with|in|at|to|of|from|by|and)\b)[a-z][\w'’-]*){1,5})"
        r"(?=\s*[!.,:;(]|\s*$)"
    ),
    # "New at Waggle Bakery: peanut butter biscuits", "New on the menu: X"
    re.compile(
        r"\b(?i:new|now)\s+(?:at|on|from|in)\s+(?:the\s+)?[\w'’&. ]{2,40}?:\s*(?:the\s+|our\s+)?"
        r"(?P<v>[\w'’-]+(?:\s+[\w'’-]+){0,4}?)" + _EN_PHRASE_END
    ),
    # "our vintage denim drop is this fri"
    re.compile(
        r"\bour\s+(?:new\s+)?(?P<v>[a-z][\w-]+(?:\s+[a-z][\w-]+){0,3}\s(?:drop|collection|capsule|line))\b",
        re.IGNORECASE,
    ),
    # "outreach materials for the Spring Bulky Item Pickup program"
    re.compile(r"\b(?:for|about|promote|promoting)\s+(?:the|our)\s+(?P<v>" + _TITLE + r"\s+" + _EN_EVENT_KIND + r")\b"),
)
_KO_WORD = r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9&+·-]*"
_KO_OFFERINGS = (
    # "이번에 오리목뼈 져키라는 걸 새로 냈거든요"
    re.compile(
        rf"(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,3}}?)(?:이)?(?:라는|란)\s?(?:걸|것을?|거|제품을?|메뉴를?|상품을?)\s?"
        r"(?:새로\s?|이번에\s?)?(?:냈|출시|만들었|내놨|선보|시작)"
    ),
    # "여름 린넨 셔츠 기획전 해요", "X 출시 홍보", "X 런칭"
    re.compile(
        rf"(?:^|(?<=[\s.!?~]))(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,3}}?)\s?(?:을|를)?\s?(?:기획전|출시|런칭|론칭)",
        re.MULTILINE,
    ),
    # "여름 에어컨 점검 이벤트 진행합니다": an event run is the thing promoted
    re.compile(
        rf"(?:^|(?<=[\s.!?~]))(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,4}}?\s(?:이벤트|행사|프로모션|캠페인))\s?(?:을|를)?\s?"
        r"(?:진행|합니다|해요|엽니다|열어요|시작)"
    ),
)
_KO_OFFERINGS += (
    # "송도 더블루힐 오피스텔 분양 홍보 랜딩페이지": a brief opening with what it promotes (sold off plan, or on sale)
    re.compile(rf"^\s*(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,3}}?)\s(?:분양|판매)\s?홍보"),
    # "신메뉴 감자 뇨끼 나왔어요", "오리 져키 새로 나왔어요": what is new, then that it came out
    re.compile(
        rf"(?:(?:신메뉴|신상품?|신제품|새\s?메뉴)(?:로|으로)?\s)(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,2}}?)\s?(?:이|가)?\s?"
        r"(?:새로\s?)?(?:나왔|출시|냈|선보|시작|런칭)"
    ),
    re.compile(
        rf"(?:^|(?<=[\s.!?~]))(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,3}}?)\s?(?:이|가|도)?\s?새로\s?(?:나왔|냈|출시)"
    ),
    # "반찬가게 '엄마손찬방' 명절 선물세트 홍보요": after the seller's quoted name, what it promotes
    re.compile(rf"['’\"”」』]\s(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,2}}?)\s?(?:을|를)?\s?(?:홍보|광고)"),
)
# "전통 장아찌 5종 세트 59,000원": a thing with its price right after it
_KO_PRICED = re.compile(
    rf"(?:^|(?<=[\s.,!?~/]))(?P<v>{_KO_WORD}(?:\s{_KO_WORD}){{0,4}}?)\s(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?\s?만)\s?원"
)
_KO_NOT_THING = re.compile(r"^(?:가격|정가|원래|출시가|판매가|할인가|정상가|월|연|1박|한\s?봉|봉|개당|1개|세트당)")
_KO_LEAD = re.compile(r"^(?:이번에?|저희|우리|새로|드디어|올해|이번\s?달|요번에?|그|이|저|어|음)\s")
_EN_LEAD = re.compile(r"^(?:evening|morning|weekend|weekly|monthly|online|brand|new|all|the|a|an)\s+(?=[A-Z])")
_KO_CLAUSE_END = re.compile(
    r"(?:요|하고|이고|있고|되고|없고|했고|해서|어서|아서|라서|는데|지만|니까|하면|으면|이면|다면|하며|으며|이며|인데|했|해|"
    r"은데|하는|하던|있는|없는|만든)$"
)
_KO_SELLER_HEAD = re.compile(
    r"^(?:[가-힣]{1,4}\s)?[가-힣A-Za-z0-9]{2,12}(?:안과|피부과|치과|모터스|병원|의원|카페|샵)\s"
)


# the seller named in so many words: "We run Saltbox Cabins", "my grooming van business Suds on Wheels"
_EN_SELLER = re.compile(
    r"\b(?i:called|named|we\s+run|we\s+own|i\s+run|i\s+own|business|brand\s*:|company\s*:)\s+(?P<v>" + _TITLE + r")"
)
_KO_SELLER = re.compile(rf"(?:이름은|이름이|브랜드명?\s?[:：은는]?|상호명?\s?[:：은는]?)\s?['‘\"“「]?(?P<v>{_KO_WORD})")


def seller_name(text: str) -> str | None:
    """The business's own name where the brief says it outright, or None."""
    match = _EN_SELLER.search(text) or _KO_SELLER.search(text)
    return _tidy(match.group("v")) if match else None


# words that say a deal, an event, a time or a place in general, never which thing is promoted
_GENERIC = re.compile(
    r"(?:할인|특가|세일|오픈|기념|이벤트|행사|프로모션|시술|첫|신규|이번|주말|평일|까지|시즌|신상품?|신제품|신메뉴|"
    r"졸업|입학|신학기|설치|소식|관련|전체|매장|가게|\d+%|\d\+\d|[0-9]+월|"
    r"second|third|new|next|first|location|branch|store|shop|space|office|doors|sale|discount|deal|promo|offer|"
    r"stall|booth|pop-?up|kiosk|truck|market|members?|customers?|clients?|students?|downtown|uptown|nearby|soon|"
    r"event|special|season|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)",
    re.IGNORECASE,
)


def _generic(value: str) -> bool:
    rest = _GENERIC.sub(" ", value)
    return not re.search(r"[A-Za-z]{3}|[가-힣]{2}", rest) or bool(re.search(r"까지|\d+%|\d\+\d", value))


def _tidy(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip(" -–—:,.'\"‘’“”!~")
    value = re.sub(r"(?:이)?(?:라는|란)\s?(?:걸|것|거)?$", "", value)
    value = _KO_SELLER_HEAD.sub("", value)
    words = value.split()
    # "멍멍부엌이고요 이번에 오리목뼈 져키": a clause that ended, or a word of when, before the thing
    ended = [i for i, w in enumerate(words[:-1]) if _KO_CLAUSE_END.search(w) or _KO_LEAD.match(w + " ")]
    if ended:
        value = " ".join(words[ended[-1] + 1 :])
    while True:
        shorter = _KO_LEAD.sub("", _EN_LEAD.sub("", value))
        if shorter == value:
            return value
        value = shorter


def offerings(text: str, language: str) -> list[str]:
    """Every phrase the brief presents as the thing it promotes this time, in order of position."""
    found: list[tuple[int, str]] = []
    for pattern in _EN_OFFERINGS + _KO_OFFERINGS:
        for match in pattern.finditer(text):
            value = _tidy(match.group("v"))
            if 2 <= len(value) <= 40 and re.search(r"[A-Za-z가-힣]", value) and not _generic(value):
                found.append((match.start("v"), value))
    return [value for _, value in sorted(found)]


def priced_things(text: str) -> list[str]:
    """The things a Korean brief puts a price right after ("전통 장아찌 5종 세트 59,000원")."""
    things = []
    for match in _KO_PRICED.finditer(text):
        value = _tidy(match.group("v"))
        if not _KO_NOT_THING.match(value) and not re.search(r"\d$", value) and len(value) >= 3:
            things.append(value)
    return things


_SALE_TAIL = re.compile(
    r"\s+(?:기획전|특가전|할인전|할인\s?행사|행사|분양|special|sale|promo|promotion)$", re.IGNORECASE
)


# a season, a holiday or an opening, and its sale: when, never what ("가을 시즌", "연말 감사", "Black Friday")
_OCCASION_ONLY = re.compile(
    r"(?:(?:봄|여름|가을|겨울|연말|연초|신년|새해|추석|설날?|명절|주말|시즌|오픈|그랜드|감사|고객|기념|신학기|"
    r"블랙\s?프라이데이|크리스마스|가정의\s?달|[가-힣]+맞이|spring|summer|fall|autumn|winter|holiday|black\s+friday|"
    r"christmas|year-end|end-of-season|seasonal|anniversary)\s?)+(?:할인|세일|특가|이벤트|행사|sale|event)?",
    re.IGNORECASE,
)


def _just_before(text: str, kind: str, name: str) -> bool:
    at = text.find(kind)
    return at >= 0 and 0 <= text.find(name, at) - (at + len(kind)) <= 12


def _head(phrase: str) -> str:
    return re.sub(r"[^가-힣A-Za-z]", "", phrase.split()[-1])[-2:] if phrase.split() else ""


def settle(text: str, language: str, product: str | None) -> tuple[str | None, bool]:
    """The product after weighing the cascade's pick against every offering the brief names, and
    whether an offering the brief points at in so many words replaced it."""
    # a name the brief points at as new is judged by what is said around it, not by how it ends ("the Reset Lab")
    candidates = [c for c in offerings(text, language) if not is_junk(c) and not is_identity(text, c, by_kind=False)]
    if product and is_junk(product):
        product = None
    if product:
        # "winter tire changeover special", "가을 니트 가디건 기획전": the word for the sale is no part of what is sold
        product = _SALE_TAIL.sub("", product) if len(_SALE_TAIL.sub("", product).split()) >= 2 else product
    offering = next((c for c in candidates if c != product), None)
    pointed = False
    if product and offering and is_identity(text, product) and product not in offering:
        trimmed = _SALE_TAIL.sub("", offering)  # "블루라이트 차단 렌즈 행사해요": the sale is on the lenses
        if not _OCCASION_ONLY.fullmatch(trimmed):  # "가을 시즌 할인 행사": the seller stays rather than a season
            product, pointed = (trimmed if len(trimmed.split()) >= 2 else offering), True
    if product and product.islower() and offering and offering[:1].isupper() and _just_before(text, product, offering):
        return offering, True  # "a coffee subscription — the Roaster's Club": the kind, then its name
    if not product:
        if offering:
            trimmed = _SALE_TAIL.sub("", offering)
            if _OCCASION_ONLY.fullmatch(trimmed):
                return None, False  # "가을 시즌 할인 행사": a season's sale names no thing
            return (trimmed if len(trimmed.split()) >= 2 else offering), True
        quoted = [q for q in quoted_values(text) if not is_junk(q)]
        things = [q for q in quoted if not is_identity(text, q)]
        if things or quoted:
            return (things or quoted)[0], True
        seller = seller_name(text)
        return (seller, True) if seller and not is_junk(seller) else (None, False)
    if language == "ko" and not re.search(r"\d|[A-Za-z]", product):
        # "명절 선물세트" promoted, "전통 장아찌 5종 세트 59,000원" priced: the priced one is the item of that kind
        head = _head(product)
        same = [t for t in priced_things(text) if t != product and head and _head(t) == head and not is_junk(t)]
        if same and len(same[0]) > len(product) - 2:
            return same[0], True
    return product, pointed
