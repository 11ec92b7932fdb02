"""The product's name where the brief says it outright, in either language.

A marketer names the product in a handful of ways: a label ("제품명은 X", "병원 이름은 X입니다",
"스튜디오 이름: X", "Product: X", "Item: X"), a naming verb ("the new one is called X", "I run
X, a tutoring center", "the team behind X"), or a bracket ("[블룸박스]"). Each of these is a
stronger signal than any guess from the sentence's shape, so it is read first; a correction
("이름은 수학의정석학원 아니고 '정석수학 대치캠퍼스'야") takes what comes after the denial.

``strip_category`` then turns "무선 청소기 에어픽 V8" into "에어픽 V8": words that only say what
kind of thing it is are not part of a name that has a model in it.
"""

from __future__ import annotations

import re

from .lexicon import CATEGORY_TERMS, EN_AD_WORDS, EN_REQUEST_VERBS, EN_STOPWORDS

MAX_NAME_CHARS = 40

# what a label's value is cut before: a copula, a connective ending, or the next attribute
_KO_VALUE_END = (
    r"(?=\s*(?:(?:이에요|예요|에요|입니다|이구요|이고요|고요|이고|이구|이라서|이라|인데요|인데|이야|이요|임|이며)(?![가-힣])|(?:으로|로\s)(?!\s*[(\[])|"
    # a particle ends the value after a word of two syllables or more ("달빛 요가 ㅋㅋ" is no "달빛 요" + 가)
    r"(?<=[가-힣A-Za-z0-9][가-힣A-Za-z0-9])(?:이|가|은|는|을|를)\s|\s?/\s|[,.!?;\n(<>\U0001F000-\U0001FAFF\u2600-\u27BF]|$|\s*[ㄱ-ㅎㅏ-ㅣ]{2,})"
    r"|\s+(?:색상|컬러|가격|사이즈|크기|용량|소재|구성|특징|무게|할인|이벤트|타겟|대상|장소|일시|위치|주소)|\s*$)"
)
_KO_ITEM_LABEL = (
    r"(?:제품|상품|메뉴|행사|이벤트|강의|강좌|모델|앱|클래스|과정|코스|프로그램)\s?(?:명|이름)"
    r"|메인\s?상품|메인(?=\s*(?:[:：=]|은\s))|(?<![가-힣])(?:제품|상품|모델|품명|신제품|신상품|신메뉴)(?=\s*[:：=])"
    # "업체명: 몽글 펫살롱 / 서비스: 소형견 목욕": the service under its own label is what is sold
    r"|(?<![가-힣])(?:서비스|홍보\s?(?:상품|대상|메뉴)|메뉴)(?=[ \t]*[:：])"
    # "제품은 솔로스토브 레인저임": the product said as a sentence's subject
    r"|(?<![가-힣])(?:제품|상품)(?=은\s)"
)
_KO_BUSINESS_LABEL = (
    r"(?:업체|학원|상호|매장|가게|병원|회사|센터|호텔|숙소|브랜드|서비스|공간|채널|계정|식당|카페|정비소|요가원|샵|스튜디오)"
    r"\s?(?:명|이름)|상호|(?<![가-힣])이름"
)


def _ko_label(labels: str) -> re.Pattern:
    return re.compile(
        rf"(?:{labels})"
        # "메인으로 미는 제품", "이름으로": a particle of direction or possession, no label
        r"(?!\s*(?:으로|로\s|에|의\s|을|를|만|도\s))"
        r"\s*(?P<sep>은|는|이|:|：|=|-)?\s*(?P<v>[^\n]{1,80})"
    )


# where a label's value with no particle stops: an adverb, a verb, a request
_KO_BARE_STOP = re.compile(
    r"(?:꼭|크게|잘|제발|반드시|그리고|이고|이구|으로|에서|까지|부탁\S*|넣\S*|해주\S*|해요|해서|했\S*|하고|하는|합니다)"
    r"|.+(?:고|게|서|며|면|니까|는데|세요)"
)
_KO_LABELS = (_ko_label(_KO_ITEM_LABEL), _ko_label(_KO_BUSINESS_LABEL))
# a copula or a stop ends a label's value before any particle does ("이름은 숨결요가 연남점이구")
_KO_STRONG_END = re.compile(
    r"(?P<v>[^,.!?\nㄱ-ㅎㅏ-ㅣ]{2,30}?)\s?(?:이에요|예요|에요|입니다|이구요|이고요|이구|이고|이라서|이라|인데요|인데|이야|이요|임|이며)"
    r"(?![가-힣])"
)
_EN_LINE_LABELS = (
    (
        "product",
        "product name",
        "item",
        "app",
        "event",
        "course",
        "program",
        "service name",
        "tool",
        "model",
        "model name",
        "listing",
        "property",
    ),
    # a public body's or a charity's request names its subject ("Communications request: Curbside Compost
    # Pilot Program"), as a project or a drive does; a product's own label beside it ("Project: Launch
    # campaign / Product: …") says it better
    (
        "service",
        "offering",
        "communications request",
        "creative request",
        "design request",
        "project",
        "project name",
        "campaign name",
        "initiative",
        "drive",
        "what",
    ),
    ("clinic", "studio", "shop", "store", "restaurant", "cafe", "gym", "school", "company", "business", "venue"),
    ("brand",),
)
# a label at the start of a line or of a sentence ("...meeting. Company: Northgate Logistics.")
_EN_LINE_LABEL = re.compile(
    r"(?:^|(?<=[.!?;]\s))[ \t]*[-*•]?[ \t]*(?P<label>[A-Za-z][A-Za-z ]{1,24}?)[ \t]*[:=–—][ \t]*"
    r"(?P<v>[^\n]{1,160}?)(?=\.\s|\.?$|\n)",
    re.MULTILINE,
)
_EN_CALLED = re.compile(
    r"\b(?:is\s+)?(?:called|named)\s+(?P<v>[^\n,.;!?()]{1,60})|\bI\s+run\s+(?P<run>[^\n,.;!?()]{1,60})"
    r"|\bteam\s+behind\s+(?P<behind>[^\n,.;!?()]{1,60})|\bbrand\s+is\s+(?P<brand>[^\n,.;!?()]{1,60})"
    r"|\bname\s+is\s+(?P<name>[^\n,.;!?()]{1,60})|\b(?:product|service|app)\s+is\s+(?P<is>[A-Z][^\n,.;!?()]{1,40})"
    r"|\b[Ww]e['’]re\s+(?P<were>(?-i:[A-Z][\w'’&]*(?:\s+(?:&\s+)?[A-Z][\w'’&]*)*)(?:\s+Co\.)?)"
    r"(?=[.!]?\s*$|[.!]\s|\s*[—–,(]|\s+-\s)"
    # "We make the Orbit X Pro": what a maker makes is the product
    r"|\bwe\s+make\s+(?:the\s+)?(?P<make>(?-i:[A-Z][\w'’&+-]*(?:\s+[A-Z0-9][\w'’&+-]*)*))",
    re.IGNORECASE,
)
# where a naming verb's value stops ("called spoke & wheel. want a banner", "Ghost Orchard, it's")
_EN_VALUE_STOP = re.compile(
    r"\s+(?:and|which|that|who|it|it's|it’s|we|our|is|are|was|for|in|at|on|with|to|from|by|—|-)\b.*$", re.IGNORECASE
)
_QUOTED = re.compile(
    r"'(?P<a>[^'\n]{1,40})'|\"(?P<b>[^\"\n]{1,40})\"|‘(?P<c>[^’\n]{1,40})’|“(?P<d>[^”\n]{1,40})”"
    r"|「(?P<e>[^」\n]{1,40})」|『(?P<f>[^』\n]{1,40})』|\[(?P<g>[^\]\n]{1,40})\]|【(?P<h>[^】\n]{1,40})】"
)
# names of platforms and tools, never the product of a brief
PLATFORM_NAMES = {
    "youtube", "tiktok", "linkedin", "kakaotalk", "instagram", "facebook", "powerpoint", "wifi", "iphone", "ipad",
    "macbook", "airpods", "github", "gmail", "whatsapp", "wechat", "paypal", "shopify", "woocommerce", "openai",
    "chatgpt", "hubspot", "mailchimp", "quickbooks", "imessage", "airdrop", "bluetooth", "usb-c", "wi-fi", "etsy",
    "amazon", "coupang", "naver", "kakao", "google", "apple", "instagram's", "ig", "fb", "yt",
}  # fmt: skip
_NOT_A_NAME = {
    "광고", "공지", "필독", "긴급", "요청", "문의", "급", "ad", "ads", "urgent", "fyi", "draft", "asap", "new", "tbd",
}  # fmt: skip
_DENIAL = re.compile(r"\s*(?:아니고|아니라|말고)\s*")
# words that name a kind of thing, beyond the category lexicon's
_KIND_WORDS_KO = {
    "정수기", "식탁", "소파", "의자", "책상", "침대", "매트리스", "가습기", "제습기", "공기청정기", "선풍기", "에어컨",
    "냉장고", "세탁기", "건조기", "밥솥", "믹서기", "블렌더", "키보드", "마우스", "모니터", "청소기", "도시락",
    "사료", "간식", "셔츠", "운동화", "가방", "텀블러", "조명", "스탠드", "캠핑", "텐트", "에어프라이어", "전자레인지",
    "커피머신", "드라이기", "고데기", "안마기", "베개", "이어폰", "헤드폰", "스피커", "노트북", "태블릿", "워치",
}  # fmt: skip
_CATEGORY_KO = tuple(
    sorted({term for ko, _ in CATEGORY_TERMS.values() for term in ko} | _KIND_WORDS_KO, key=len, reverse=True)
)


def _unquote(value: str) -> str:
    quoted = _QUOTED.search(value)
    if quoted:
        return next(v for v in quoted.groupdict().values() if v is not None).strip()
    return value.strip(" '\"‘’“”「」『』[]【】")


def _plausible(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip(" -–—:,.")
    if not value or len(value) > MAX_NAME_CHARS or value.casefold() in _NOT_A_NAME:
        return None
    if re.fullmatch(r"[\d\s.,%~+-]+", value) or len(value) < 2 or _DATE_ONLY.fullmatch(value):
        return None
    return value


# a date is when, never what ("runs through Jan 31 — every $25 …", "12월 14일(토)")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
    r"(?![a-z])\.?"
)
_DATE_ONLY = re.compile(
    rf"(?i:(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})"
    rf"(?:,?\s*\d{{4}})?|{_WEEKDAY}|{_MONTH}(?:\s*\d{{4}})?)"
    r"|(?:\d{2,4}년\s?)?\d{1,2}월(?:\s?\d{1,2}일)?(?:\s?\(?[월화수목금토일](?:요일)?\)?)?|[월화수목금토일]요일"
)


Named = tuple[str, tuple[int, int]]


def _named(text: str, start: int, value: str | None) -> Named | None:
    """The name with the span of its label and value, which no feature may take."""
    if not value:
        return None
    at = text.find(value, start)
    return value, (start, at + len(value) if at >= 0 else start)


def _korean_label(text: str, kind: int = 0) -> Named | None:
    for match in _KO_LABELS[kind].finditer(text):
        rest = match.group("v")
        value_words = re.split(r"\s/\s|[,(\n]", rest)[0].split()
        if kind == 0 and re.match(r"서비스|메뉴", match.group(0)) and len(value_words) < 2:
            continue  # "서비스: 입주청소": one word says what kind of service, the business's name says whose
        denial = _DENIAL.search(rest)
        if denial and denial.start() < 30:
            rest = rest[denial.end() :]  # "X 아니고 'Y'야": the name is Y
        if _QUOTED.match(rest.lstrip()):
            return _named(text, match.start(), _plausible(_unquote(rest.lstrip())))
        strong = _KO_STRONG_END.match(rest)
        if strong and len(strong.group("v").split()) <= 4 and re.search(r"[가-힣A-Za-z]", strong.group("v")):
            found = _plausible(_unquote(strong.group("v")))
            if found:
                return _named(text, match.start(), found)
        if not match.group("sep") and kind == 1:
            # "정비소 이름 튼튼모터스 꼭 크게 넣고": with no particle the name is the next word
            words = []
            for word in re.findall(r"\S+", rest)[:3]:
                if not re.fullmatch(r"[가-힣A-Za-z0-9&]{1,20}", word) or _KO_BARE_STOP.fullmatch(word):
                    break
                words.append(word)
            found = _plausible(" ".join(words))
            if found:
                return _named(text, match.start(), found)
            continue
        value = re.match(r"(?P<v>.+?)" + _KO_VALUE_END, rest)
        if value and re.search(r"[가-힣A-Za-z]", value.group("v")):
            found = _plausible(_unquote(value.group("v")))
            if found:
                return _named(text, match.start(), found)
    return None


# "New drink: Honey Lavender Cold Brew", "Product we're pushing: Deep Sleep Gummies": a label that
# names a kind of thing the brief sells
_EN_KIND_LABEL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*[-*•]?[ \t]*(?:(?:our\s+)?new|this\s+(?:month|week)['’]s|featured|product)"
    r"(?:\s+[a-z'’]+){0,3}?[ \t]*(?:drink|product|item|menu|flavou?r|dish|scent|course|class|event|app|tool|service"
    r"|collection|bundle|launch|release|pushing|promoting|special)?[ \t]*:[ \t]*(?P<v>"
    + r"(?-i:[A-Z])[^\n.!?;,—–(]{1,60})",
    re.IGNORECASE | re.MULTILINE,
)


def _english_kind_label(text: str) -> Named | None:
    match = _EN_KIND_LABEL.search(text)
    if not match:
        return None
    value = re.split(r"\s+[-–—(]\s*|\s[\U0001F000-\U0001FAFF\u2600-\u27BF]", match.group("v"))[0]
    found = _plausible(value.strip())
    if found and len(found.split()) <= 6 and found[0].isupper():
        return _named(text, match.start(), found)
    return None


def _english_label(text: str, max_rank: int = 3) -> Named | None:
    found: dict[int, Named] = {}
    for match in _EN_LINE_LABEL.finditer(text):
        label = match.group("label").strip().lower()
        if label in {"from", "to", "subject", "date", "cc", "sent"}:
            continue
        for rank, labels in enumerate(_EN_LINE_LABELS):
            if label in labels:
                value = _unquote(re.split(r"\s+[-–—(]\s*|,\s|\s\(", match.group("v"))[0])
                value = _plausible(re.sub(r"^the\s+(?=[A-Z])", "", value))  # "Product: the Lumo Glow Backpack"
                if value and rank not in found and rank <= max_rank:
                    found[rank] = _named(text, match.start(), value)
    if not found:
        return None
    ranked = [found[rank] for rank in sorted(found)]
    # "product: hyaluronic serum" under "brand: Dewdrop Botanics": a lower-case kind of thing
    # is what it is; the capitalised name is what the design calls it
    named = next((item for item in ranked if not re.fullmatch(r"[a-z0-9 ,+&'’-]+", item[0])), None)
    return named or ranked[0]


# "What to promote: summer group lessons": a label that says which thing the design is for, whatever
# the business beside it is called and whatever case it is typed in
_EN_PROMOTE_LABELS = {
    "what to promote", "promote", "promoting", "what we're promoting", "what we’re promoting", "what we are promoting",
    "promoted item", "item to promote", "what to advertise", "advertising", "focus product", "hero product",
}  # fmt: skip


def _english_promote_label(text: str) -> Named | None:
    for match in _EN_LINE_LABEL.finditer(text):
        if match.group("label").strip().casefold() not in _EN_PROMOTE_LABELS:
            continue
        value = _plausible(_unquote(re.split(r"\s+[-–—(]\s*|,\s|\s\(", match.group("v"))[0]))
        if value and len(value.split()) <= 6:
            return _named(text, match.start(), re.sub(r"^(?:our|the|a|an)\s+", "", value, flags=re.I))
    return None


# "CoolBreeze Heating & Air AC tune-up, 21-point inspection": a trade firm's name, then the job it
# sells; the job is the product (the firm is who sells it)
_EN_TRADE = (
    r"(?:Heating(?:\s*(?:&|and)\s*(?:Air|Cooling))?|Air(?:\s+Conditioning)?|Cooling|HVAC|Plumbing|Electric(?:al)?|"
    r"Roofing|Cleaning|Cleaners|Landscaping|Lawn\s+Care|Pest\s+Control|Services|Auto(?:\s+Repair)?|Repair|Movers|"
    r"Moving|Painting|Painters|Detailing|Handyman|Construction|Contracting|Co\.)"
)
_EN_BUSINESS_THEN_JOB = re.compile(
    rf"^[ \t]*(?P<biz>[A-Z][\w'’]*(?:\s+(?:&\s+)?[A-Z][\w'’]*)*?\s+{_EN_TRADE})\s+"
    r"(?P<v>(?:[A-Z]{2,5}\s+)?(?!(?:is|are|was|has|have|will|needs?|wants?)\b)[a-z][\w-]*"
    r"(?:\s+(?!(?:is|are|was|has|have|will|for|at|in|on|with|to|now|this|next|needs?)\b)[a-z][\w-]*){0,3})"
    r"(?=\s*[,.;:!(\n—–]|\s+-|\s+(?:is|are|for|this|now|starting)\b)",
    re.MULTILINE,
)
_EN_WORK_WORDS = {"flyer", "flyers", "banner", "banners", "post", "posts", "ad", "ads", "poster", "posters", "ideas"}


def _english_business_then_job(text: str) -> Named | None:
    match = _EN_BUSINESS_THEN_JOB.search(text)
    if not match or match.group("v").split()[-1].casefold() in _EN_WORK_WORDS | EN_STOPWORDS:
        return None
    return _named(text, match.start("biz"), _plausible(match.group("v")))  # the firm's name is no feature either


def _english_called(text: str) -> Named | None:
    for match in _EN_CALLED.finditer(text):
        value = next(v for v in match.groupdict().values() if v is not None)
        if match.group("run") is not None and re.match(r"(?:an?|the|my|our)\s", value, re.IGNORECASE):
            # "I run a small English academy in Mapo called Talk Lab": what kind of business it is;
            # the name, if the sentence gives one, comes after "called"
            called = re.search(r"\b(?:called|named)\s+(?P<v>.+)$", value)
            if not called:
                continue
            value = called.group("v")
        if _QUOTED.match(value.lstrip()):
            return _named(text, match.start(), _plausible(_unquote(value.lstrip())))
        title = re.match(_TITLE_RUN, value.strip())
        # "a course called Excel for Accountants": a title keeps its small words
        if title and re.search(r"\s(?:for|of|the|on|in|and)\s", title.group(0)):
            value = title.group(0)
        else:
            value = _EN_VALUE_STOP.sub("", value)
        value = re.sub(r"^(?:the|our|a|an)\s+(?=[A-Z0-9])", "", value.strip())  # "called the Trailhead 28"
        found = _plausible(_unquote(value))
        if found and found.split()[0].casefold() in PLATFORM_NAMES:
            continue
        if found and len(found.split()) <= 5:
            return _named(text, match.start(), found)
    return None


_EN_APPOSITION = re.compile(
    # "mobile dog grooming van, Suds & Paws.": a sentence that opens with the kind, then the name
    r"(?:\b(?:our|the|my)\s+(?:new\s+)?|(?:^|(?<=[.!?]\s))(?=[a-z][a-z -]{1,30}?,\s+[A-Z]))"
    r"[a-z][a-z -]{1,30}?(?::|,)\s+(?:the\s+)?"
    r"(?P<v>[A-Z][\w'’&+-]*(?:\.\w+)*(?:\s+(?:&\s+|(?:the|of|for|and|on|in|to)\s+)?[A-Z0-9][\w'’&+-]*(?:\.\w+)*)*)"
)


def _english_apposition(text: str) -> Named | None:
    """ "poster for our meetup: Build Local 2025", "our dog treats, Pawsome Bites": the kind of
    thing, then its name."""
    match = _EN_APPOSITION.search(text)
    if match:
        found = _plausible(match.group("v"))
        if found and len(found.split()) <= 5:
            return _named(text, match.start(), found)
    return None


# "promoting Pixelnest Studio (the desktop app)", "push our SAT Bootcamp", "just launched our coffee
# subscription, the Crow Club": the thing a brief promotes, when a business is named beside it
_EN_PROMOTED = re.compile(
    r"\b(?:promot(?:e|ing)|push(?:ing)?|launch(?:ed|ing)?|introduc(?:e|ing)|dropping|adding|releas(?:e|ing)|debuting"
    r"|organi[sz](?:e|ing)|hosting)"
    r"\s+(?:(?:our|the|my)\s+)?(?:(?:new|latest|brand-new)\s+)?(?:(?-i:[a-z][a-z-]+),?\s+){0,3}?(?:the\s+)?"
    r"(?P<v>(?-i:[A-Z][\w'’&+-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+-]*(?:\.\d+)?)*))"
    # "promoting Invisalign clear aligners this spring": the kind of thing said after the name
    r"(?P<kind>(?-i:\s+[a-z][a-z-]{2,}){1,2}(?=\s+(?:this|next|for|to|at|in|on|with|and|or|today|now|starting|from|by|is|are)\b"
    r"|\s*[,.!?;:(—–]|\s*$))?",
    re.IGNORECASE,
)
# a kind too plain to be part of a name ("our Little Dolphins program")
_EN_GENERIC_KINDS = {
    "program", "programme", "class", "classes", "course", "event", "service", "services", "app", "package", "deal",
    "campaign", "line", "collection", "special", "series", "product", "products", "brand", "menu", "range",
}  # fmt: skip
_SEASONS = {
    "black", "cyber", "christmas", "holiday", "holidays", "new", "valentine's", "valentines", "mother's", "father's",
    "easter", "halloween", "thanksgiving", "summer", "winter", "spring", "fall", "autumn", "labor", "memorial", "prime",
}  # fmt: skip


_THEN_NAME = re.compile(
    r"\s+(?:(?!(?:on|in|at|by|for|to|from|with|until|through|before|after|this|next|and|or)\s)[a-z]+\s+){1,2}(?P<n>[A-Z][\w'’&+-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+-]*)*)"
)


# "bookings for our 'Iceland Northern Lights Escape'": a capitalised name in quotes, not quoted copy
_EN_QUOTED_NAME = re.compile(r"(?<![\w'’])['‘\"“](?P<v>[A-Z0-9][\w'’&+.-]*(?:\s+[\w'’&+.-]+){0,5}?)['’\"”](?![\w])")
_EN_COPY_BEFORE = re.compile(
    r"(?:headline|slogan|tagline|copy|text|caption|saying|says|say|line|cta|title|reads?|hashtag|phrase|words?)"
    r"\s*(?:like|as|is|:|=)?\s*$",
    re.IGNORECASE,
)


def _english_quoted(text: str) -> Named | None:
    for match in _EN_QUOTED_NAME.finditer(text):
        value = match.group("v")
        capitals = sum(1 for word in value.split() if word[:1].isupper() or word[:1].isdigit())
        if _EN_COPY_BEFORE.search(text[max(0, match.start() - 30) : match.start()]) or capitals * 2 < len(
            value.split()
        ):
            continue
        found = _plausible(value)
        if found and found.split()[0].casefold() not in PLATFORM_NAMES:
            return _named(text, match.start(), found)
    return None


# "going live on our Shopify: the TrailPaw No-Pull Harness.", "fall drop: the Ridgeline Flannel.": a
# sentence that ends on "the" and a name, after a colon
_EN_COLON_THE = re.compile(
    r":\s+the\s+(?P<v>[A-Z][\w'’&+-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+-]*){0,4})(?=\s*[.!\n(—–]|\s*$)"
)


def _english_colon_the(text: str) -> Named | None:
    match = _EN_COLON_THE.search(text)
    return _named(text, match.start("v"), _plausible(match.group("v"))) if match else None


# "Our game Lanternfall hits Steam", "our app Focusly blocks distractions": the kind, then the name
_EN_OUR_KIND_NAME = re.compile(
    r"\b[Oo]ur\s+(?:new\s+|latest\s+|first\s+|second\s+)?(?:[a-z-]+\s+)?"
    r"(?:app|game|tool|podcast|book|novel|album|course|class|drink|candle|serum|collection|show|event|festival|"
    r"conference|summit|program|programme|platform|plugin|extension|newsletter|blend|roast|beer|wine|sauce)\s+"
    r"(?P<v>[A-Z][\w'’&+-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+-]*){0,3})"
)


# "our product sentinelgrid, an OT security platform": a coined lower-case name, then what it is
_EN_OUR_KIND_LOWER = re.compile(
    r"\b[Oo]ur\s+(?:new\s+)?(?:product|app|tool|platform|service|software|game|brand)\s+"
    r"(?P<v>[a-z][a-z0-9]{3,}(?:\s+[a-z0-9]+)?)(?=\s*,\s*(?:an?|the|our)\s|\s+\((?:an?|the)\s)"
)


def _english_our_kind_name(text: str) -> Named | None:
    lower = _EN_OUR_KIND_LOWER.search(text)
    if lower and lower.group("v").split()[0] not in EN_STOPWORDS:
        return _named(text, lower.start("v"), _plausible(lower.group("v")))
    match = _EN_OUR_KIND_NAME.search(text)
    if not match:
        return None
    found = _plausible(match.group("v"))
    if not found or found.split()[0].casefold() in PLATFORM_NAMES | EN_STOPWORDS:
        return None
    return _named(text, match.start("v"), found)


# "want to push our move-out deep clean this summer": the service pushed, named in lower case
_EN_PUSH_OUR = re.compile(
    r"\b(?:push(?:ing)?|promot(?:e|ing)|highlight(?:ing)?)\s+our\s+(?:new\s+)?"
    r"(?P<v>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,4}?)"
    r"(?=\s+(?:this|to|for|in|on|at|with|and|starting|today|now|next|since|because|so)\b|\s*[,.!;:(—–]|\s*$)"
)
_EN_GENERIC_THINGS = {
    "services", "service", "business", "shop", "store", "brand", "products", "product", "menu", "page", "account",
    "website", "site", "channel", "sale", "sales", "offer", "offers", "deal", "deals", "discount", "event", "events",
    "stuff", "things", "work", "company", "studio", "team", "special", "specials", "promo", "promotion",
}  # fmt: skip


def _english_push_our(text: str) -> Named | None:
    match = _EN_PUSH_OUR.search(text)
    if not match:
        return None
    found = _plausible(match.group("v"))
    if not found:
        return None
    # "our deep clean service", "our small business tax prep package": a kind word may end the name
    words = found.split()
    body = words[:-1] if len(words) >= 2 and words[-1] in {"service", "package", "plan", "program", "class"} else words
    generic = _EN_GENERIC_THINGS | EN_STOPWORDS - {"full", "deep", "new", "small"}
    if body[0] in generic or body[-1] in generic or all(word in generic for word in body):
        return None
    return _named(text, match.start("v"), found)


# "Cascadia Data Summit 2025", "Harborfest Beer Week": an event's title names what the brief is for
_EN_EVENT = re.compile(
    r"(?<![\w'’])(?P<v>(?:[A-Z][\w'’&-]*\s+(?:(?:at|of|the|on|in|for|and|&)\s+)*){1,4}(?:Summit|Conference|Festival|Fest|Fair|Expo|Con|Marathon|Gala|"
    r"Showcase|Awards|Meetup|Hackathon|Tour|Drive|Market|Bazaar|Retreat|Bootcamp|Challenge|Workshop|Week|Weekend)"
    r"(?:(?:\s+[A-Z][\w'’-]*)?\s+(?:19|20)\d\d)?)(?![\w'’])"
)


def _english_event(text: str) -> Named | None:
    for match in _EN_EVENT.finditer(text):
        words = match.group("v").split()
        lead = {"annual", "our", "the", "this", "a", "an", "join", "at", "for", "and"} | EN_AD_WORDS | EN_REQUEST_VERBS
        while words and words[0].casefold() in lead:
            words.pop(0)
        found = _plausible(" ".join(words))
        if found and len(words) >= 2:
            return _named(text, match.start("v"), found)
    return None


# "Core House Pilates — new Reformer Intro Pack", "Taco Loco food truck — new Family Taco Box": what is
# new, after the seller and a dash
_EN_DASH_NEW = re.compile(
    r"[—–-]\s+(?:our\s+|the\s+|a\s+)?(?:brand[-\s])?new\s+(?P<v>[A-Z][\w'’&+-]*(?:\s+(?:&\s+|\+\s+)?[A-Z0-9][\w'’&+-]*){0,4})"
)
# "ads for our Small Business Tax Filing service", "about our Home Solar + Battery Package": a capitalised
# name the seller calls its own
_EN_OUR_TITLE = re.compile(
    r"\b[Oo]ur\s+(?:new\s+|annual\s+|upcoming\s+|latest\s+)?"
    r"(?P<v>[A-Z][\w'’&+-]*(?:\s+(?:&\s+|\+\s+|(?:of|for|the|and|on)\s+)?[A-Z0-9][\w'’&+-]*){1,5})"
)
# "for 1428 Maple Ridge Dr": a street address is the listing a real-estate brief sells
_EN_ADDRESS = re.compile(
    r"(?<![\w$,.])(?P<v>\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Way|"
    r"Ct|Court|Pl|Place|Terrace|Row|Circle|Cir|Pkwy|Parkway|Trail|Hwy)\b\.?)"
)


# "Boxed Up Movers - senior moving package flyer pls": the business, a dash, the package it pushes
_EN_DASH_PACKAGE = re.compile(
    r"^\s*[A-Z][\w&'’]*(?:\s+[A-Z&][\w&'’]*){0,4}\s[-—–]\s(?P<v>[a-z][a-z'’ -]{2,40}?\s"
    r"(?:package|plan|program|service|bundle|special|menu|class|course|kit|box|tour|workshop))\b",
    re.MULTILINE,
)


def _english_dash_new(text: str) -> Named | None:
    package = _EN_DASH_PACKAGE.search(text)
    if package:
        return _named(text, package.start("v"), _plausible(package.group("v")))
    match = _EN_DASH_NEW.search(text)
    return _named(text, match.start("v"), _plausible(match.group("v"))) if match else None


_ROLES = {
    "vp", "ceo", "cto", "cmo", "coo", "cfo", "director", "head", "manager", "founder", "owner", "team", "marketing",
    "sales", "board", "client", "clients", "partner", "partners", "president", "lead", "chef", "staff", "customers",
}  # fmt: skip


def _english_our_title(text: str) -> Named | None:
    for match in _EN_OUR_TITLE.finditer(text):
        found = _plausible(match.group("v"))
        first = found.split()[0].casefold() if found else ""
        if first in _ROLES:
            continue  # "forwarding from our VP Sales": a person's title
        if found and first not in PLATFORM_NAMES | _SEASONS and (first not in EN_STOPWORDS or len(found.split()) >= 3):
            return _named(text, match.start("v"), found)
    return None


def _english_address(text: str) -> Named | None:
    """A listing's street address; anywhere else an address says where ("at 412 Elm Street")."""
    match = _EN_ADDRESS.search(text)
    if not match or not _LISTING.search(text):
        return None
    return _named(text, match.start("v"), _plausible(match.group("v").rstrip(".")))


# what says the brief sells or lets a home, whose address is then what the design is for
_LISTING = re.compile(
    r"\b(?:listings?|listed|just\s+(?:listed|sold)|open\s+house|for\s+(?:sale|rent|lease)|\d\s*(?:bed|br|bd)s?\b|"
    r"\d\s*(?:bath|ba)s?\b|bedrooms?|bathrooms?|sq\.?\s*ft|square\s+f(?:ee|oo)t|realtor|real\s+estate|condo|townho(?:me|use)s?"
    r"|price\s+reduced|move-in\s+ready|acres?)\b",
    re.IGNORECASE,
)


def _english_promoted(text: str) -> Named | None:
    for match in _EN_PROMOTED.finditer(text):
        value = match.group("v")
        # "our new Korean BBQ restaurant Seoul Grill": the kind of thing, then its name
        then = _THEN_NAME.match(text[match.end() :])
        if then:
            value = then.group("n")
        elif match.group("kind") and not set(match.group("kind").split()) & (EN_STOPWORDS | _EN_GENERIC_KINDS):
            value += match.group("kind")
        found = _plausible(value)
        if not found or len([w for w in found.split() if w not in "&+"]) > 5:
            continue
        first = found.split()[0].casefold()
        if first in PLATFORM_NAMES or first in _SEASONS or (first in EN_STOPWORDS and len(found.split()) == 1):
            continue
        return _named(text, match.start(), found)
    return None


# "adding our new birria ramen to the menu", "launching our new oat milk latte": the new thing,
# named in lower case, beside the business that sells it
_EN_NEW_THING = re.compile(
    r"\b(?:adding|launching|launched|dropping|introducing|releasing|debuting|promoting|pushing)\s+(?:our|the|a|my)\s+"
    r"(?:new|latest|brand-new)\s+(?P<v>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,3}?)"
    r"(?=\s+(?:to|in|on|for|this|at|with|and|from|starting|today|tomorrow|next)\b|\s*[,.!;:(—–]|\s*$)"
)


# "for our bakery's new matcha basque cheesecake": the business's new thing
_EN_OURS_NEW = re.compile(
    r"\b[Oo]ur\s+[a-z]+['’]s\s+(?:new|latest|brand-new)\s+(?P<v>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,3}?)"
    r"(?=\s+(?:to|in|on|for|this|at|with|and|from|is|starting|today|tomorrow|next)\b|\s*[,.!;:(—–]|\s*$)"
)
# "i run a mobile dog grooming van (pawsh wheels)": a kind of business, its name in brackets
_EN_KIND_THEN_BRACKETED = re.compile(
    r"\b(?:run|own|have|are|we['’]re|i['’]m)\s+(?:a|an)\s+[a-z][a-z -]{2,40}?\s"
    r"\((?P<v>[\w'’&-]+(?:\s+[\w'’&-]+){0,3})\)",
    re.IGNORECASE,
)


def _english_new_thing(text: str) -> Named | None:
    for pattern in (_EN_OURS_NEW, _EN_KIND_THEN_BRACKETED):
        found = pattern.search(text)
        value = _plausible(found.group("v")) if found else None
        if value and value.split()[0].casefold() not in EN_STOPWORDS and not re.search(r"\d", value):
            return _named(text, found.start("v"), value)
    match = _EN_NEW_THING.search(text)
    if not match:
        return None
    found = _plausible(match.group("v"))
    if not found or found.split()[0] in EN_STOPWORDS or found.split()[-1] in EN_STOPWORDS:
        return None
    return _named(text, match.start(), found)


# "blog post for Maple Grove Optometry", "at Casa Verde Taqueria": a business named by its kind
_EN_BUSINESS = re.compile(
    r"\b(?:for|at|from|of)\s+(?:the\s+)?(?P<v>(?:[A-Z][\w'’&-]*\s+){1,3}(?:Optometry|Therapy|Physio|Chiropractic|Dental|Dentistry|Clinic|Studio|"
    r"Tutoring|Academy|Photography|Bakery|Salon|Gym|Fitness|Cafe|Café|Coffee|Grooming|Spa|Pilates|Yoga|Veterinary|"
    r"Vet|Pharmacy|Restaurant|Kitchen|Bistro|Taqueria|Pizzeria|Barbershop|Florist|Boutique|Realty|Law|Insurance|"
    r"Cleaning|Plumbing|Roofing|Landscaping|Auto|Motors|Garage|Market|Brewery|Winery|Hotel|Inn|Hostel|Camp)"
    r"(?:\s+(?:19|20)\d\d)?)\b(?!\s+[A-Z][a-z])"  # "for Nimbus Yoga Mat": the name goes on
)


# "taco tuesday is back at Casa Verde", "now open at Hollow Oak": where the brief's news happens
_EN_BACK_AT = re.compile(r"\b(?:back|open|now|here|only)\s+at\s+(?P<v>[A-Z][\w'’-]+(?:\s+(?:&\s+)?[A-Z][\w'’-]+){1,3})")


# "Quotastack — sales quoting", "It's the ElevaDesk Pro — dual motors", "clinic - Little Steps Pediatric
# Therapy.": a name set off by a dash is the thing the brief is about
_TITLE_RUN = r"[A-Z][\w'’&+.-]*(?:\s+(?:(?:&|and|for|of|the|on|in|de|la)\s+)?[A-Z0-9][\w'’&+.-]*){0,5}"
_EN_DASH_NAME = re.compile(
    rf"(?:^|(?<=[.:!?)]\s)|(?<=[.:!?)]\s\s)|(?<=\n)|(?<=[Ii]t's\s)|(?<=[Ii]t’s\s)|(?<=[Ii]t\sis\s)|(?<=\s)(?=[A-Z]))"
    rf"(?:the\s+)?(?P<v>{_TITLE_RUN})(?:\s+at\s+{_TITLE_RUN})?[ \t]+[—–-][ \t]+(?=[A-Za-z0-9$])"
    rf"|[a-z]\s+[—–-]\s+(?P<after>{_TITLE_RUN})(?=\s*[.,;!]|\s*$)",
    re.MULTILINE,
)
_EN_NOT_DASH_NAME = re.compile(
    r"^(?:hi|hey|hello|thanks|note|ps|fyi|subject|re|fwd|from|to|date|update|reminder)\b"
    # a discourse word set off by a dash ("Anyway — the shop is ...") turns to the news, it names nothing
    r"|^(?:anyway|anyways|anyhow|so|well|also|plus|ok|okay|alright|now|oh|btw|basically|honestly|actually|"
    r"first|second|finally|lastly|update|quick\s+note|long\s+story\s+short)$",
    re.I,
)


# "ember & oak soy candles — hand-poured, ...": a lower-case name opening the brief, set off by a dash
_EN_LOWER_LEAD = re.compile(r"^\s*(?P<v>[a-z][\w&'’]*(?:\s+[\w&'’]+){0,4})\s+[—–-]\s+(?=[A-Za-z0-9$])")


def _english_dash_name(text: str) -> Named | None:
    lead = _EN_LOWER_LEAD.match(text)
    if lead:
        words = lead.group("v").split()
        if not (
            _EN_NOT_DASH_NAME.match(words[0])
            or words[0] in EN_STOPWORDS | EN_REQUEST_VERBS
            or any(word in {"need", "needs", "want", "make", "please", "pls"} for word in words)
        ):
            return _named(text, lead.start("v"), _plausible(lead.group("v")))
    for match in _EN_DASH_NAME.finditer(text):
        value = match.group("v") or match.group("after")
        value = re.sub(
            r"^(?:We['’]re|We\s+are|I['’]m|It['’]s|This\s+is|Meet|Introducing|(?:Brief|Campaign|Ads?|Request|Creative)\s+for)"
            r"\s+(?:the\s+)?",
            "",
            value or "",
        )
        if not value or not value[0].isupper():
            continue
        found = _plausible(value)
        if found and _EN_NOT_DASH_NAME.match(found) and match.group("v"):
            # "Anyway — Happy Tails Dog Daycare is opening ...": the name is the subject after the dash
            subject = re.match(
                rf"(?:the\s+)?(?P<n>{_TITLE_RUN})\s+(?:is|are|has|have|will|just|now)\b", text[match.end() :]
            )
            named = _plausible(subject.group("n")) if subject else None
            if named and len(named.split()) >= 2 and named.split()[0].casefold() not in PLATFORM_NAMES:
                return _named(text, match.end(), named)
        if not found or _EN_NOT_DASH_NAME.match(found) or found.split()[0].casefold() in PLATFORM_NAMES:
            continue
        if len(found.split()) == 1 and found.lower() in EN_STOPWORDS | EN_REQUEST_VERBS:
            continue
        return _named(text, match.start(), found)
    return None


def _english_business(text: str) -> Named | None:
    match = _EN_BUSINESS.search(text) or _EN_BACK_AT.search(text)
    if match:
        found = _plausible(match.group("v"))
        if found and found.split()[0].casefold() not in PLATFORM_NAMES | EN_STOPWORDS:
            return _named(text, match.start(), found)
    return None


_GENERIC_TAG = re.compile(r"추천|맛집|스타그램|그램$|데일리|일상|이벤트|할인|세일|신상|선물|리뷰|후기|광고|협찬")
_HASHTAG = re.compile(r"(?<![\w&])#(?P<v>[A-Za-z가-힣][\w가-힣]{2,30})")


def hashtag_name(text: str) -> str | None:
    """The first hashtag that is a name, for a brief that names its product nowhere else
    ("#FirelightCandle #smallbatch" → "Firelight Candle", "#블루밍스타일러 #고데기추천" → 블루밍스타일러).
    A lower-case or generic tag ("#shopsmall", "#고데기추천") names nothing."""
    for match in _HASHTAG.finditer(text):
        tag = match.group("v")
        if re.search(r"[가-힣]", tag):
            if not _GENERIC_TAG.search(tag):
                return tag
            continue
        if re.fullmatch(r"(?:[A-Z][a-z0-9]+){2,4}", tag) and tag.casefold() not in PLATFORM_NAMES:
            return " ".join(re.findall(r"[A-Z][a-z0-9]+", tag))
    return None


def _bracketed(text: str) -> Named | None:
    """A name in square brackets ("[블룸박스]", "짐 이름 [핏앤코어 역삼점]"): quotes are read
    by each language's own reader, which knows quoted copy from a quoted name."""
    for match in re.finditer(r"\[(?P<v>[^\]\n]{1,40})\]|【(?P<w>[^】\n]{1,40})】", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        rest = re.match(r"[ \t]*(?P<r>[^\n]{2,40})$", text[match.end() :].split("\n", 1)[0])
        if not text[line_start : match.start()].strip() and rest:
            # "[라온뷰티] 수분폭탄 히알루 앰플 50ml": the bracket is the brand, the line names the product
            line = re.sub(r"\s+\d+(?:\.\d+)?\s?(?:ml|mL|g|kg|L|oz|개|매|입)$", "", rest.group("r").strip())
            if not re.search(r"[요다죠까줘]\s*[.!?~]*$|[.!?]$|\d+\s?%|원\b|\$", line) and len(line.split()) <= 5:
                found = _plausible(line)
                if found:
                    return _named(text, match.start(), found)
        found = _plausible(match.group("v") or match.group("w"))
        if found and len(found.split()) <= 5:
            return _named(text, match.start(), found)
    return None


# "새로 나온 유자생강청 홍보하고 싶어요", "신규 강좌 「실무 데이터분석 with 파이썬」 오픈": the new thing a
# brief announces is its product, even when a brand or a platform is quoted beside it
_KO_NEW_THING = re.compile(
    # "새 메뉴" is new; "새빛교회" is a name that begins with 새
    r"(?:새로\s?(?:나온|출시한|출시된|런칭한|선보이는|오픈한)|신제품|신메뉴|신상품?|신규|새(?=\s))\s?"
    r"(?:(?:강좌|강의|메뉴|상품|제품|서비스|코스|클래스|앱|프로그램)\s?)?"
    r"(?:[「『'\"“‘(](?P<q>[^」』'\"”’()\n]{2,40})[」』'\"”’)]"
    r"|(?P<v>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{2,12}){0,2}?)"
    # "신메뉴 숙성 삼겹 나왔어": the new thing, then that it came out
    r"(?=\s?(?:을|를|이|가|은|는|도)?\s(?:홍보|출시|런칭|소개|알리|오픈|광고|나왔|나옴|들어왔)))"
    # "이번에 미는 건 쿨링 메모리폼 베개 쿨잠 이에요", "저희건 '릴랙스 로우체어 R2' 이고"
    r"|(?:미는|밀고\s?있는|홍보할|홍보하는|소개할|팔)\s?(?:건|거는|것은|제품은|상품은|메뉴는)\s+"
    r"(?P<m>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,4}?)\s?(?=이에요|에요|예요|입니다|이고|이구|임(?![가-힣]))"
    r"|(?:저희|우리)\s?(?:건|꺼는|거는|것은|제품은|꺼|거)\s*[「『'\"“‘](?P<o>[^」』'\"”’\n]{2,40})[」』'\"”’]"
    # "이번 신상품은 오리목뼈 져키에요", "새로 나온 게 수제 장조림인데": the new thing, then what it is
    r"|(?:신상품?|신제품|신메뉴|새로\s?나온\s?(?:게|건|거|것은|제품은|메뉴는|상품은))\s?(?:은|는|이)?\s+"
    r"(?P<n>[가-힣A-Za-z0-9]{2,12}?(?:\s[가-힣A-Za-z0-9]{1,12}?){0,3}?)"
    r"(?=이에요|에요|예요|입니다|이고|인데|이구|이라|라서|임(?![가-힣]))"
    # "새로 치즈폭탄 지파이 나왔어요": new, what, and that it came out
    r"|새로\s(?P<w>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,3}?)\s?(?:이|가)?\s(?:나왔|출시됐|출시했|들어왔|나옴)"
    # "수제 디저트 가게 ‹달콤공방> 딸기 타르트 새로 나왔어요": the name, then that it is new
    r"|(?:^|(?<=[\s>»」』'\"’”]))(?P<x>[가-힣A-Za-z0-9]{1,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,2}?)\s(?:이|가\s)?새로\s?"
    r"(?:나왔|출시됐|출시했|들어왔|나옴)"
    # "해피독 동물병원에서 시니어견 건강검진 패키지를 시작하는데": what a business starts
    r"|(?:에서|이번에|새로)\s(?P<s>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,3}?)(?:(?:을|를)\s(?:새로\s?)?"
    r"(?:시작|출시|런칭|론칭|선보|오픈)|\s(?:리뉴얼|출시|런칭|론칭)(?:해서|했어요|했습니다|합니다|해요|하는데|했는데|하면서)"
    # "이번에 프리미엄 세차 패키지 나옴": what came out this time
    r"|(?:이|가)?\s(?:나왔|나옴|나와요|나와서|출시됐|출시돼|들어왔))"
    # "가을 메뉴로 밤 크림 크루아상을 내는데요": what a menu takes in
    r"|메뉴로\s(?P<u>[가-힣A-Za-z0-9]{1,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,3}?)(?:을|를)\s?(?:새로\s?)?"
    r"(?:내|출시|선보|준비했|시작)"
    # "어버이날 카네이션 꽃바구니 예약 받아요": what a shop takes orders for, the occasion aside
    r"|(?:^|(?<=[.!?\n]))\s*(?:(?:어버이날|어린이날|스승의\s?날|추석|설날?|크리스마스|연말|발렌타인\s?데이|화이트\s?데이|"
    r"빼빼로\s?데이)\s)?(?P<r>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{1,12}){0,2}?)\s"
    r"(?:예약|주문|사전\s?예약|사전\s?주문)\s?(?:받아요|받습니다|받고|받는|받아용|받음)"
)
# a line of its own that is a business's name: "도레미피아노교습소" over a poster's lines
_KO_BUSINESS_LINE = re.compile(
    r"^[ \t]*(?P<v>[가-힣A-Za-z0-9]{2,14}(?:교습소|학원|한의원|의원|치과|병원|카페|베이커리|스튜디오|센터|살롱|약국|"
    r"식당|헬스장?|필라테스|요가원?|미용실|공방|어학원|교회|펜션|캠핑장|호텔|클리닉|피부과|안과))[ \t]*$",
    re.MULTILINE,
)


# "짐블리 구로디지털점", "바디랩24 역삼점": a business's branch, its name then the place
_KO_BRANCH = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<v>(?!현재|전국|모든|인근|근처|동네|우리|저희|주변|기존|신규|해당)[가-힣A-Za-z][가-힣A-Za-z0-9]{1,10}\s"
    r"(?![가-힣]*(?:가맹점|백화점|편의점|음식점|할인점|대리점|판매점|전문점|체인점|매장점))[가-힣]{2,8}점)"
    r"(?=인데|이고|이에요|입니다|이구요|에서|은\s|는\s|이\s|[^가-힣]|$)"
)


# "「여름의 끝에서」 한지우 작가 북토크": a work's title, then the event held for it; the event is the product
_KO_TITLED_EVENT = re.compile(
    r"[「『\"“'《〈<](?P<t>[^」』\"”'》〉>\n]{1,40})[」』\"”'》〉>][ \t]*"
    r"(?P<v>(?:(?![가-힣A-Za-z0-9]*(?:으로|로|을|를|에서|에|용|은|는)[ \t])[가-힣A-Za-z0-9]{1,12}[ \t]){0,3}"
    r"[가-힣A-Za-z0-9]*"
    r"(?:북토크|북\s?토크|사인회|강연회?|낭독회|전시회?|공연|콘서트|특강|워크숍|설명회|시사회|상영회|팬미팅|출판\s?기념회|북콘서트))"
    r"(?![가-힣])"
)


def _korean_titled_event(text: str) -> Named | None:
    match = _KO_TITLED_EVENT.search(text)
    return _named(text, match.start(), _plausible(match.group("v"))) if match else None


# "가든홀 리모델링이 끝나서", "2층 라운지 새단장 마쳤어요": the space made over, when nothing else is promoted
_KO_MADE_OVER = re.compile(
    r"(?:^|(?<=\s))(?!(?:이번|올해|드디어|저희|우리|거기|여기|저기)\S*\s)(?P<v>[가-힣A-Za-z0-9]{2,12})\s"
    r"(?:리모델링|리뉴얼|새단장|인테리어\s?공사|보수\s?공사)(?:이|가|을|를)?\s?(?:끝나|끝났|완료|마쳤|마무리|마치)"
)


def korean_made_over(text: str) -> str | None:
    match = _KO_MADE_OVER.search(text)
    return _plausible(match.group("v")) if match else None


def _korean_branch(text: str) -> Named | None:
    match = _KO_BRANCH.search(text)
    return _named(text, match.start(), _plausible(match.group("v"))) if match else None


_KO_PLAIN_NEW = {
    "디자인", "컬러", "색상", "메뉴", "상품", "제품", "버전", "시즌", "옵션", "사이즈", "구성", "패키지",
    "라인", "모델",
}  # fmt: skip


def _without_subject_particle(value: str) -> str:
    """ "흑임자 크림빵이" → "흑임자 크림빵": a subject particle the morphology reads at the end goes;
    "로제 떡볶이", "닭꼬치구이" keep the 이 that is part of the word."""
    from .morph import get_kiwi  # the morphology loads on first use

    tokens = get_kiwi().tokenize(value)
    if tokens and tokens[-1].tag == "JKS" and tokens[-1].start + tokens[-1].len == len(value) and len(tokens) >= 2:
        return value[: tokens[-1].start].rstrip()
    return value


def _korean_new_thing(text: str) -> Named | None:
    for match in _KO_NEW_THING.finditer(text):
        if re.search(r"[A-Z][\w'’&-]*\s*$", text[: match.start()]):
            continue  # "Butter Hour 신메뉴 소금빵": the brand's new item; the brand is the name to show
        group = next((g for g in ("q", "v", "m", "o", "n", "w", "s", "r", "x", "u") if match.group(g)), None)
        value = match.group(group) if group else None
        if group == "r" and (_quoted_name(text) or re.search(r"(?:미리|지금|벌써|이제)$", value)):
            continue  # "꽃집 '들꽃상회' … 졸업식 꽃다발 미리 예약 받는 중": the shop's quoted name is what to show
        if group in {"n", "w", "s", "r", "x"} and _quoted_name_promoted(text):
            continue  # "새로 나온게 동결건조 연어 큐브인데 정식 이름은 '한입냥 연어큐브'": the quoted name wins
        if group in {"v", "w"}:
            value = _without_subject_particle(value)
            if value in _KO_PLAIN_NEW:
                continue  # "자개네일 아트 신규 디자인 나왔거든요": a new design of what the brief names before
            if _quoted_name(text) and re.search(r"\s?(?:이|가)?\s(?:나왔|나옴|들어왔)", text[match.end() :][:8]):
                continue  # "베이커리 '밀도' 신메뉴 소금빵 나왔어요": the quoted shop is what to show
        if group == "s" and re.search(r"[가-힣]에(?:서)?\s|(?:\d\s?호점|지점|분점|직영점|매장|센터)$", value):
            continue  # "이번에 판교에 2호점을 오픈": where a business opens a branch is its news, no product
        found = _plausible(value)
        if found and not re.fullmatch(r"[가-힣]{1,2}(?:을|를|이|가)?", found):
            return _named(text, match.start(), found)
    return None


def _quoted_name(text: str) -> bool:
    from .salient import quoted_values

    return bool(quoted_values(text))


def _quoted_name_promoted(text: str) -> bool:
    from .salient import is_seller, quoted_values  # salient reads names' lists

    return any(not is_seller(text, name) for name in quoted_values(text))


# "번역 에이전시 링구아브릿지 회사소개서": a kind of business, its name, then the work asked for;
# "한빛자동차운전전문학원이고요": a long business name said as a sentence
_KO_KIND_NAME_WORK = re.compile(
    r"(?:에이전시|회사|스타트업|브랜드|업체|학원|병원|의원|치과|카페|식당|스튜디오|센터|쇼핑몰|인쇄소|농장|공방)\s"
    r"(?P<v>[가-힣A-Za-z0-9]{2,12})\s(?:회사\s?소개서|소개서|브로슈어|홈페이지|랜딩|상세\s?페이지|포스터|전단지?|배너|뉴스레터|"
    r"블로그|인스타|카톡|유튜브|제안서|PPT)"
    r"|(?<![가-힣])(?P<b>[가-힣]{3,14}(?:학원|병원|의원|치과|한의원|피부과|안과|센터|클리닉|스튜디오|베이커리|약국|인쇄소|웨딩홀))"
    r"(?=이고|입니다|이에요|예요|이구요|인데)"
)


def _korean_kind_name_work(text: str) -> Named | None:
    match = _KO_KIND_NAME_WORK.search(text)
    if not match or _quoted_name(text):
        return None  # "미소라인치과입니다 … 「클리어핏 투명교정」": the quoted name is the one
    group = "v" if match.group("v") else "b"
    return _named(text, match.start(group), _plausible(match.group(group)))


# "수제 김부각 바삭세트 1+1": what a "buy N get M" deal is on, the one or two words before it
_KO_DEAL_OBJECT = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<v>[가-힣A-Za-z][가-힣A-Za-z0-9]{0,11}(?:[ \t][가-힣A-Za-z][가-힣A-Za-z0-9]{0,11})?)"
    r"[ \t]?[1-9][ \t]?\+[ \t]?[1-9](?![\d%])"
)
# words before such a deal that say when, where or how much of it, not what
_KO_NOT_DEAL_OBJECT = re.compile(
    r"(?:이번\S*|금주|주말|평일|오늘|내일|지금|전|모든|전\s?품목|전\s?메뉴|메뉴|매장|행사|기간|한정|특가|이벤트|세일|할인|"
    r"구매|주문|결제|시|때|동안|까지|부터|선착순|모두|다|무조건|최대|단독)$"
    r"|(?:은|는|을|를|에|에서|에게|으로|하면|하고|해서|이고|인데|하는|하면서|만)$"
)


# "평일 예약 시 클리닉 펌 30% 할인": what a discount earned on a condition is on
_KO_DISCOUNTED = re.compile(
    r"(?:[ \t]시|하면|하시면)[ \t](?P<v>[가-힣]{2,6}(?:[ \t][가-힣]{1,6})?)[ \t]\d{1,2}[ \t]?%[ \t]?(?:할인|세일)"
)


# a fee ("대관료", "수강료", "중개수수료"): what a discount comes off, never the thing sold
KO_FEE = re.compile(
    r"(?:대관|수강|이용|참가|등록|입회|가입|레슨|수업|시술|진료|상담|설치|배송|교육|객실|숙박|관리|렌탈|입장|대여|회|연회|월회|"
    r"보증|중개\s?수수|수수|택배|배달|예약|위약)(?:료|비|금)$"
)


def korean_deal_object(text: str) -> str | None:
    """ "할매약과 선물세트" in "수제 약과 할매약과 선물세트 2+1": the words a "buy N get M" deal is on."""
    for match in [*_KO_DEAL_OBJECT.finditer(text), *_KO_DISCOUNTED.finditer(text)]:
        words = match.group("v").split()
        while words and _KO_NOT_DEAL_OBJECT.search(words[0]):
            words.pop(0)
        if not words or any(_KO_NOT_DEAL_OBJECT.search(word) for word in words) or KO_FEE.search(words[-1]):
            continue
        found = _plausible(" ".join(words))
        if found and re.search(r"[가-힣]{2}", found):
            return found
    return None


# "다음 달 열리는 K-리테일 테크 서밋 2025 소개 자료": an event's title, up to its kind and year
_KO_EVENT = re.compile(
    r"(?P<v>(?:[A-Za-z0-9가-힣][\w가-힣&-]*[ \t]){1,4}[A-Za-z가-힣-]*"
    r"(?:서밋|컨퍼런스|콘퍼런스|포럼|페스티벌|박람회|엑스포|어워즈|해커톤|마라톤|축제|페어)(?:[ \t](?:19|20)\d\d)?)"
    r"(?![가-힣A-Za-z0-9])"
)
# words before a title that say when or which, not what: "다음 달 열리는", "올해", "2024"
_KO_NOT_TITLE = re.compile(
    r".*(?:는|은|할|될|된|한|에|의|을|를|서|고)$|다음|이번|올해|내년|작년|매년|달|주|오는|저희|우리|(?:19|20)\d\d(?:년)?"
)


def _korean_event(text: str) -> Named | None:
    for match in _KO_EVENT.finditer(text):
        words = match.group("v").split()
        while len(words) > 1 and _KO_NOT_TITLE.fullmatch(words[0]):
            words.pop(0)
        if len(words) < 2:
            continue
        found = _plausible(" ".join(words))
        if found:
            return _named(text, match.start("v") + match.group("v").find(found), found)
    return None


# "B2B 인쇄소 프린트팩토리입니다": the business says its name; shown when nothing else is named
_KO_BUSINESS_SAYS_NAME = re.compile(
    r"(?:에이전시|회사|스타트업|업체|인쇄소|공방|농장|쇼핑몰|스튜디오|학원|병원|의원|치과|카페|식당|빵집|가게|매장|센터)\s"
    r"(?!운영|영업|창업|오픈)(?P<v>[가-힣A-Za-z0-9]{2,12})(?=입니다|이에요|예요|이고요?|인데요?)"
    # "회사는 그린루프 에너지이고"
    r"|(?<![가-힣])(?:회사|업체|브랜드|상호)(?:는|은|명은|명은요|이름은)\s(?P<w>[가-힣A-Za-z0-9]{2,12}(?:\s[가-힣A-Za-z0-9]{1,12})?)"
    r"(?=이고|입니다|이에요|예요|인데)"
)


def business_says_its_name(text: str) -> str | None:
    match = _KO_BUSINESS_SAYS_NAME.search(text)
    return _plausible(match.group("v") or match.group("w")) if match else None


def _korean_business_line(text: str) -> Named | None:
    match = _KO_BUSINESS_LINE.search(text)
    if match:
        return _named(text, match.start(), _plausible(match.group("v")))
    opened = _KO_OPENED.search(text)
    found = _plausible(opened.group("v")) if opened else None
    return (found, (opened.start(), opened.end())) if found else None  # "…오픈했어요" is no feature either


# "저희 고깃집 화로담 새로 오픈했어요", "동네 빵집 밀알 개업합니다": a kind of business, its name, its opening
# the word a kind of business ends in ("반찬가게", "고깃집", "네일샵"): who sells, not what is sold
KO_BUSINESS_KIND = r"(?:가게|집|샵|숍|카페|식당|학원|공방|매장|스튜디오|병원|치과|의원|한의원|센터|업체|회사|주점|포차)"
_KO_OPENED = re.compile(
    rf"(?:저희|우리|제가|동네)\s?[가-힣]{{1,4}}{KO_BUSINESS_KIND}\s"
    r"(?P<v>[가-힣A-Za-z0-9]{2,10})(?:\s?(?:이|가|은|는))?\s(?:새로\s?|드디어\s?|이번에\s?)?(?:그랜드\s?|정식\s?)?"
    r"(?:오픈|개업|개점|문\s?열|시작)"
)


def named_product(text: str, language: str) -> Named | None:
    """The name the brief gives its product in so many words, with the span of what named
    it, or None."""
    if language == "ko":
        return (
            _korean_label(text, 0)
            or _korean_titled_event(text)
            or _korean_new_thing(text)
            or _korean_label(text, 1)
            or _bracketed(text)
            or _korean_business_line(text)
            or _korean_branch(text)
            or _korean_kind_name_work(text)
            or _korean_event(text)
            or _english_label(text)
        )
    product_label = _english_label(text, max_rank=1)
    if product_label and re.fullmatch(r"[a-z0-9 ,+&'’-]+", product_label[0]):
        product_label = None  # "product: hyaluronic serum" under "brand: Dewdrop Botanics": the labels decide together
    return (
        _english_promote_label(text)
        or product_label
        or _english_the_thing_is(text)
        or _english_business_then_job(text)
        or _english_kind_label(text)
        or _english_address(text)
        or _english_quoted(text)
        or _english_colon_the(text)
        or _english_our_kind_name(text)
        or _english_sellers_thing(text)
        or _english_dash_new(text)
        or _english_promoted(text)
        or _english_our_title(text)
        or _english_push_our(text)
        or _english_new_thing(text)
        or _english_dash_name(text)
        or _english_label(text)
        or _english_business(text)
        or _english_called(text)
        or _english_event(text)
        or _bracketed(text)
        or _english_apposition(text)
        or _english_name_then_kind(text)
        or _english_runs_campaign(text)
    )


# what the writer says outright is the thing: "The thing we're showing is Tallyhawk Forecast", "BRIEF — Solstice
# Mineral Sunscreen SPF 50", "Spring Tune-Up is back at Spoke & Chain!", "We're offering back-to-school sports
# physicals", "design support for the 2025 Summer Splash Pass campaign"
_EN_THE_THING_IS = re.compile(
    r"\b(?i:the|our)\s+(?:main\s+)?(?:thing|product|one|item|offering|star)\s+(?:we['’]re|we\s+are|we['’]ll\s+be|we\s+will\s+be)\s+"
    r"(?:showing|launching|pushing|promoting|featuring|selling|highlighting|demoing)(?:\s+off)?\s+is\s+(?:the\s+)?"
    r"(?P<v>[A-Z][\w'’&+-]*(?:\s+[A-Z0-9][\w'’&+-]*){0,5})"
    r"|^[ \t]*(?i:(?:creative\s+|design\s+|campaign\s+)?brief)[ \t]*(?:[—–:-]|\s-\s)[ \t]*"
    r"(?P<brief>[A-Z][^\n—–(]{1,60}?)[ \t]*$"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?i:the\s+|our\s+)?(?P<back>[A-Z][\w'’&+-]*(?:\s+[A-Z0-9][\w'’&+-]*){1,4})\s+"
    r"(?:is|are)\s+back\b"
    r"|\b[Ww]e['’]re\s+(?:now\s+)?offering\s+(?!(?:free|an?|the|up|buy|discount|\d)\b)"
    r"(?P<offering>[a-z][\w'’/-]*(?:\s+[a-z][\w'’/-]*){0,4}?)"
    r"(?=\s+(?:again|this|for|at|to|on|in|starting|from|every|all|with)\b|\s*[,.!;—–]|\s*$)"
    r"|\b(?i:our|this\s+year['’]s)\s+(?P<drive>(?:[a-z][\w'’-]*\s+){0,2}(?:(?:food|toy|coat|clothing|blood|book|supply|"
    r"supplies|donation|charity|canned\s+food|school\s+supply|diaper|sock|blanket)\s+(?:drive|collection)|fundraiser|"
    r"(?:charity|donation|emergency|winter|holiday)\s+appeal|cleanup|clean-up))"
    r"\s+(?:runs|is|starts|begins|kicks\s+off|will|opens|goes|ends)\b"
    # "The Summer Splash Pass offers unlimited entry": a named thing said to offer or include something
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))The\s+(?P<offers>[A-Z][\w'’&+-]*(?:\s+[A-Z0-9][\w'’&+-]*){1,4})\s+"
    r"(?:offers|includes|gives\s+you|comes\s+with)\b"
    r"|\bfor\s+(?:the|our|this\s+year['’]s)\s+(?:(?:19|20)\d\d\s+)?(?P<campaign>[A-Z][\w'’&+-]*(?:\s+[A-Z0-9][\w'’&+-]*){0,4})"
    r"\s+(?P<kind>program|programme|initiative)\b",
    re.MULTILINE,
)


_EN_SELLER_KIND = re.compile(
    r"\b(?:hotel|inn|resort|caf[eé]|clinic|shop|store|studio|gym|restaurant|bakery|salon|spa|center|centre|school|"
    r"academy|company|co|inc|llc|bank|library|church|parish|department|team|group)\.?$",
    re.IGNORECASE,
)
_SEASONS_AND_WEATHER = {"winter", "summer", "spring", "fall", "autumn", "christmas", "holiday", "holidays", "weekend"}


def _english_the_thing_is(text: str) -> Named | None:
    for match in _EN_THE_THING_IS.finditer(text):
        group = next(
            name for name in ("v", "brief", "back", "offering", "drive", "offers", "campaign") if match.group(name)
        )
        value = match.group(group).strip()
        if group == "campaign":
            value += " " + match.group("kind")  # a programme is named with its kind
        found = _plausible(value)
        if not found or (found.split()[0].casefold() in EN_STOPWORDS and group not in ("offering", "drive")):
            continue
        if group == "offers" and _EN_SELLER_KIND.search(found):
            continue  # "The Grand Hotel offers a Winter Spa Package": the seller offers the thing
        if found.split()[0].casefold() in PLATFORM_NAMES or found.casefold() in _SEASONS_AND_WEATHER:
            continue  # "for the Instagram program", "Winter is back": a platform or a season, no product
        return _named(text, match.start(group), found)
    return None


_EMOJI_CHARS = "\U0001f000-\U0001faff\u2600-\u27bf"
_EN_THING = r"[a-z][\w/'’-]*(?:\s+[a-zA-Z0-9][\w/'’-]*){0,4}?"
_EN_THING_END = (
    rf"(?=[ \t]*[:;,.!?—–(\n]|[ \t]+[{_EMOJI_CHARS}]|[ \t]+-[ \t]|\s*$|\s+(?:for|to|with|this|that|on|in|at|and)\b)"
)
# "Saffron Table (...) has a new weekday lunch thali:", "Ember Roasters is dropping a single-origin Ethiopian
# Guji ☕": what a named seller has or brings out
_EN_SELLER_HAS = re.compile(
    r"(?:(?<![\w'’])(?!(?:We|You|I|They|It|He|She|This|That|There)\b)[A-Z][\w'’&.]*|\))\s+"
    r"(?:has|have|got|(?:is|are)\s+(?:dropping|launching|adding|releasing|introducing|debuting|rolling\s+out))\s+"
    rf"(?:a|an|the|our|its|their)\s+(?:(?:brand-)?new\s+)?(?P<v>{_EN_THING}){_EN_THING_END}"
)
# "• new puppy/kitten wellness package", "our bakery Crumb & Co 🥐 new sourdough cinnamon rolls — ...": what is
# new, on a line of its own or set off by a dash
_EN_NEW_LINE = re.compile(
    rf"(?:^[ \t]*[-*•·]?[ \t]*|[{_EMOJI_CHARS}][ \t]*)(?:brand[-\s])?new\s+"
    r"(?P<v>[a-z][\w/'’-]*(?:[ \t]+[a-z][\w/'’-]*){0,4})"
    r"(?=[ \t]*$|[ \t]+[—–-][ \t])",
    re.MULTILINE | re.IGNORECASE,
)
# "Glow Theory's vitamin C serum": the seller's thing
_EN_POSSESSED = re.compile(
    r"(?<![\w'’])(?P<owner>[A-Z][\w&]*(?:\s+(?:&\s+)?[A-Z][\w&]*){0,3})(?:['’]s|(?<=s)['’])\s+(?:new\s+)?"
    rf"(?P<v>{_EN_THING}){_EN_THING_END}"
)
# "running a Summer Shred membership deal", "our annual Fill the Pantry drive": a titled campaign, with the
# kind of thing it is and not the word for a deal
_EN_RUNNING_TITLE = re.compile(
    r"\b(?:running|hosting|holding|kicking\s+off|launching|doing)\s+(?:a|an|our|the|its|their)\s+(?:annual\s+|yearly\s+|new\s+)?"
    r"(?P<v>[A-Z][\w'’&-]*(?:\s+(?:(?:the|of|and|for|&)\s+)?[A-Z][\w'’&-]*){1,4}"
    r"(?:\s+(?!(?:deal|deals|promo|promotion|sale|campaign|special|offer|event|this|next|on|in|at|for|to|from)\b)[a-z]+"
    r"(?:\s+(?!(?:deal|deals|promo|promotion|sale|campaign|special|offer|event|this|next|on|in|at|for|to|from)\b)[a-z]+)?)?)"
    r"(?=\s|[.,;:!?]|$)"
)
# "about our SAT bootcamp", "our GRE prep course": an acronym and the kind of thing it names
_EN_OUR_ACRONYM_KIND = re.compile(
    r"\bour\s+(?:new\s+)?(?P<v>(?-i:[A-Z]{2,5})(?:\s+[a-z][a-z-]+){1,2})(?=\s*[.,;:!?]|\s+(?:for|this|to|in|on|at)\b)"
)
# a service a firm offers is known by the firm's name ("Clearpath Advisors' retirement planning service")
# and a run of its course by the school's ("CodeHarbor Bootcamp's part-time data analytics cohort")
_EN_SERVICE_WORDS = {
    "service", "services", "solutions", "products", "offerings", "team", "business", "company", "cohort", "cohorts",
}  # fmt: skip


_EN_THING_LEAD = {"the", "a", "an", "our", "my", "your", "their", "its", "this", "that", "lot", "bit", "few", "couple"}


def _english_sellers_thing(text: str) -> Named | None:
    for pattern in (_EN_RUNNING_TITLE, _EN_SELLER_HAS, _EN_NEW_LINE, _EN_OUR_ACRONYM_KIND):
        match = pattern.search(text)
        found = _plausible(match.group("v")) if match else None
        if not found:
            continue
        # "a limited smoked maple porter": how long it is sold is no part of its name
        found = re.sub(r"^(?:limited(?:-edition)?|seasonal|special)\s+(?=\S)", "", found)
        words = [word.casefold() for word in found.split()]
        if pattern is _EN_OUR_ACRONYM_KIND and (
            words[0] in _ROLES | {"pm", "hr", "qa", "it"} or any(word in EN_STOPWORDS for word in words[1:])
        ):
            continue  # "from our PM in slack": a person and where they wrote
        said_before = re.search(r"[A-Z][\w'’&.-]*,\s*our\s+(?:new\s+)?$", text[: match.start("v")])
        if pattern is _EN_OUR_ACRONYM_KIND and said_before:
            continue  # "launching LedgerLoop, our AP automation tool": the name said before is the one
        if words[0] in _EN_THING_LEAD | PLATFORM_NAMES or all(word in EN_STOPWORDS for word in words):
            continue
        if words[-1] in _EN_GENERIC_THINGS - {"service", "menu"} | {"one", "ones", "thing"}:
            continue
        # "a single-origin Ethiopian Guji": the words before a capitalised name say what it is
        titled = re.fullmatch(r"[a-z][a-z -]*?\s(?P<n>[A-Z][\w'’&-]*(?:\s+[A-Z0-9][\w'’&-]*)*)", found)
        return _named(text, match.start("v"), titled.group("n") if titled else found)
    for match in _EN_POSSESSED.finditer(text):
        owner, found = match.group("owner"), _plausible(match.group("v"))
        if owner.split()[0].casefold() in PLATFORM_NAMES | EN_STOPWORDS or not found:
            continue
        if found.split()[0].casefold() in EN_STOPWORDS | _EN_GENERIC_THINGS:
            continue
        if found.split()[-1].casefold() in _EN_SERVICE_WORDS:
            return _named(text, match.start("owner"), _plausible(owner))
        if len(found.split()) >= 3:
            return _named(text, match.start("v"), found)
        # "Brew Lab's cold brew", "Cedar Books' poetry night": a bare kind of thing says less than its seller
    return None


# "for Pennywise, our budgeting app": a name, then what kind of thing it is
_EN_NAME_THEN_KIND = re.compile(
    r"\b(?:for|about|promoting|introducing|meet)\s+(?P<v>[A-Z][\w'’&+-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+-]*){0,3}),\s+"
    r"(?:our|my|the|a|an)\s+(?:new\s+)?[a-z][a-z -]{0,30}?"
    r"(?:app|tool|platform|service|product|course|class|shop|store|studio|brand|game|drink|snack|box|kit|line|range)s?\b"
)


# "Sunward Solar is running a fall campaign": the business that runs it
_EN_RUNS_CAMPAIGN = re.compile(
    r"^\s*(?P<v>[A-Z][\w&'’]*(?:\s+(?:&\s+)?[A-Z][\w&'’]*){0,3})\s+(?:is|are)\s+(?:running|launching|doing|planning|kicking\s+off)\s"
    r"(?:an?\s+|our\s+|its\s+|their\s+)?[\w\s-]{0,30}?(?:campaign|promo(?:tion)?|sale|push|drive)\b",
    re.MULTILINE,
)


def _english_runs_campaign(text: str) -> Named | None:
    match = _EN_RUNS_CAMPAIGN.search(text)
    if not match or match.group("v").split()[0].casefold() in EN_STOPWORDS | PLATFORM_NAMES:
        return None
    return _named(text, match.start("v"), _plausible(match.group("v")))


def _english_name_then_kind(text: str) -> Named | None:
    match = _EN_NAME_THEN_KIND.search(text)
    if not match:
        return None
    found = _plausible(match.group("v"))
    if not found or found.split()[0].casefold() in PLATFORM_NAMES | _SEASONS:
        return None
    return _named(text, match.start("v"), found)


_EN_LOWER_MODEL = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?P<v>[a-z][a-z]+(?:\s[a-z]+){0,2}\s\d{1,4}[a-z]?)\s+(?:launch|release|drop|promo|ad|post)\b",
    re.MULTILINE,
)
# words that open a sentence about a product without being its name ("Great coffee for ...")
_EN_COMMON_OPENERS = {
    "great", "new", "best", "fresh", "premium", "simple", "easy", "quick", "fast", "free", "cheap", "local", "small",
    "natural", "organic", "healthy", "summer", "winter", "spring", "autumn", "holiday", "weekend", "today", "this",
    "that", "these", "those", "some", "every", "each", "please", "hello", "thanks", "quality", "luxury", "classic",
    "custom", "perfect", "amazing", "delicious", "beautiful", "comfy", "cozy", "cute", "smart", "modern", "little",
}  # fmt: skip
_EN_ADJECTIVE_ENDINGS = ("ly", "ing", "ed", "ful", "ous", "ive", "est")
_EN_KIND_WORDS = {"box", "kit", "subscription", "bundle", "pack", "plan", "service", "app", "shop", "studio", "course"}
_EN_CATEGORY = tuple(
    sorted({term for _, en in CATEGORY_TERMS.values() for term in en} | _EN_KIND_WORDS, key=len, reverse=True)
)


def guessed_product(text: str, language: str) -> str | None:
    """When nothing names the product, a weaker reading that still beats refusing the brief:
    "pulse band 3 launch post" (a name with a model number, typed in lower case), "Snackwise
    monthly box – ..." (a capitalised word opening the brief before a kind of product). The
    result is a guess, and the facts say so when it is not name-shaped."""
    if language != "en":
        return None
    model = _EN_LOWER_MODEL.search(text)
    if model:
        return model.group("v")
    ours = re.match(
        r"\s*(?:our|my)\s+(?:new\s+|latest\s+)?(?P<v>[a-z][a-z0-9'-]+(?:\s+[a-z][a-z0-9'-]+){0,4}?)"
        r"\s+(?:need|needs|is|are|just\s+(?:launched|dropped)|launch(?:es)?|drops?|deserves?)\b",
        text,
        re.IGNORECASE,
    )
    if ours and ours.group("v").split()[-1] not in EN_STOPWORDS:
        return ours.group("v")  # "our high-protein meal prep boxes need some love": lower case, yet named
    hangul = re.findall(r"(?<![가-힣])[가-힣]{2,8}(?:\s[가-힣]{2,8})?(?![가-힣])", text)
    if len(set(hangul)) == 1:
        return hangul[0]  # "our new Korean class 한글마당": the one Korean word is the name
    titled = re.match(
        r"\s*(?!(?:We|I|It|Our|Hi|Hello|Hey|Dear|Greetings|Attn)['’\s])(?P<v>(?:The\s+)?[A-Z][\w'’]*(?:\s+(?:&\s+)?[A-Z][\w'’]*)+)"
        r"\s*(?:—|–|-|:|,|\s+is\s+an?\b|\s+(?=[a-z]))",
        text,
    )
    if titled and titled.group("v").split()[0].lower() not in EN_REQUEST_VERBS | _EN_COMMON_OPENERS:
        return titled.group("v")  # "Open Desk Collective coworking space: ...", "The Linden House is a ..."
    opening = re.match(r"\s*(?P<v>[A-Z][a-z]{3,}[A-Za-z]*)\s+(?P<rest>(?:[a-z-]+\s+){0,2}[a-z-]+)", text)
    word = opening.group("v").lower() if opening else ""
    common = word in EN_STOPWORDS | EN_REQUEST_VERBS | _EN_COMMON_OPENERS or word.endswith(_EN_ADJECTIVE_ENDINGS)
    if (
        opening
        and not common
        and any(re.search(rf"\b{re.escape(term)}", opening.group("rest")) for term in _EN_CATEGORY)
    ):
        return opening.group("v")
    return None


def with_model_number(text: str, product: str | None) -> str | None:
    """ "BlendPro 900." → "BlendPro 900": a number right after the name is its model, unless
    it is a measure ("BlendPro 900W")."""
    if not product:
        return product
    at = text.find(product)
    if at < 0:
        return product
    model = re.match(
        r"\s(\d{1,4}[A-Za-z]?)(?![\w%,/:+-]|\.\w|\s?(?:원|달러|dollars?|%|W|mAh|ml|g|kg)\b)", text[at + len(product) :]
    )
    if not model or re.fullmatch(r"\d+(?:g|kg|l|ml|w|v|oz|mm|cm|m|p)", model.group(1), re.IGNORECASE):
        return product  # "400g", "65W": a measure
    return f"{product} {model.group(1)}"


# a kind of business, alone or behind a short modifier ("네일샵", "PT샵", "수학학원"): a name after it
# is the business's own ("네일샵 손끝정원"); a longer word ending so is a name ("미소가득치과")
_BUSINESS_KIND_KO = re.compile(
    r"(?:[가-힣A-Za-z]{1,3}|필라테스|요가|헤어|네일|피부|영어|수학|코딩|미술|음악|피아노|태권도|반찬|애견|반려견)?"
    r"(?:샵|학원|카페|게스트하우스|펜션|치과|안과|피부과|내과|외과|성형외과|한의원|병원|식당|빵집|베이커리|헬스장|요가원|미용실|공방|어학원|세탁소|클럽|교실|"
    r"도장|아카데미|"
    r"할인점|편의점|약국|꽃집|정육점|떡집|앱|어플|플랫폼|숙소|호텔|업체)|가게|매장|마트"
    # "여름 시즌메뉴 복숭아 에이드", "신상 린넨 셔츠": what is new comes after the word saying so
    r"|[가-힣]{0,3}메뉴|신상품?|신제품"
    # "온라인 영어회화 강의 출근길 10분 영어": a course's title comes after the word saying it is one
    r"|[가-힣]{0,4}(?:강의|강좌|인강)"
)


def _after_business_kind(product: str) -> str:
    words = product.split()
    kinds = [i for i, word in enumerate(words[:-1]) if _BUSINESS_KIND_KO.fullmatch(word)]
    if not kinds:
        return product
    rest = words[kinds[-1] + 1 :]
    if re.search(r"[A-Za-z]{2}", " ".join(words[: kinds[-1]])) and not re.search(r"[A-Za-z]", " ".join(rest)):
        return product  # "베이커리 Butter Hour 신메뉴 소금빵": a Latin name before it is the one to show
    return " ".join(rest) if len("".join(rest)) >= 2 else product


def without_size(product: str) -> str:
    """ "달빛 세라마이드 크림 50ml" → "달빛 세라마이드 크림": the size is no part of the name."""
    product = re.sub(r"\s+\d+(?:\.\d+)?\s?(?:ml|mL|g|kg|L|l|mm|cm|oz|개|팩|입|매|인치)$", "", product)
    # "극세사 차렵이불 퀸사이즈": a bed or garment size is no part of the name either
    return re.sub(r"(?<=[가-힣A-Za-z])\s+(?:슈퍼\s?)?(?:퀸|킹|싱글|더블|라지|미디엄|스몰|프리)\s?사이즈$", "", product)


def strip_category(product: str | None) -> str | None:
    """ "27인치 4K 모니터 뷰맥스 V27U" → "뷰맥스 V27U"; "무선이어폰 SONA Buds Pro" → "SONA Buds Pro":
    a name with a Latin model in it starts after the last word that only names the kind of
    thing. A name with no Latin part is left as it is ("단백한끼 도시락")."""
    if not product:
        return product
    product = re.sub(r"^(?:v\d+(?:\.\d+)?|version\s+\d+(?:\.\d+)?)\s+of\s+", "", product, flags=re.I)
    product = without_size(product)
    product = re.sub(r"(?<=[가-힣])\s+\d$", "", product)  # "간식 2": a count, not a model ("Nimbus 2")
    product = _after_business_kind(product)
    words = product.split()
    if (
        len(words) >= 3
        and re.fullmatch(r"[가-힣]+", words[-1])
        and any(words[-1].endswith(term) for term in _CATEGORY_KO)
        and re.search(r"[A-Za-z]", words[-2])
        and re.search(r"\d|[A-Z]{2}", words[-2])
    ):
        return " ".join(words[:-1])  # "클린웨이브 V5 무선청소기" → 클린웨이브 V5: the model is the name
    runs = re.findall(r"[A-Za-z][\w'’&+.-]*(?:\s+(?:&\s+)?[A-Za-z0-9][\w'’&+.-]*)*", product)
    longest = max(runs, key=len, default="")
    rest = product.replace(longest, " ").split() if longest else []
    letters = len(re.findall(r"[A-Za-z]", longest))
    lettered = [w for w in longest.split() if re.search(r"[A-Za-z]{2}", w)]
    if (
        longest
        and rest
        and all(re.fullmatch(r"[가-힣]+", w) for w in rest)
        and re.search(r"[가-힣]", product.split(longest)[0])
        and (len(lettered) >= 2 or letters >= 5)
        and re.search(r"[A-Z0-9]", longest)  # a name, not "cream"
    ):
        return longest  # "성수동 베이커리 Butter Hour 신메뉴 소금빵" → Butter Hour
    latin_head = 0
    while latin_head < len(words) and re.fullmatch(r"[A-Za-z0-9][\w'’&+.-]*", words[latin_head]):
        latin_head += 1
    if 0 < latin_head < len(words) and all(re.fullmatch(r"[가-힣]+", w) for w in words[latin_head:]):
        head = " ".join(words[:latin_head])
        if len(words[:latin_head]) >= 2 or len(head) >= 5:
            return head  # "Mellow Basic 오버핏 반팔티" → Mellow Basic: the words after say what it is
    if len(words) < 2 or not re.search(r"[A-Za-z]", " ".join(words[1:])):
        return product
    if re.fullmatch(r"[가-힣]+", words[-1]) and any(words[-1].endswith(term) for term in _CATEGORY_KO):
        return product  # "비타민 C 세럼": a kind of thing, not a name with a model
    cut = None
    for index, word in enumerate(words[:-1]):
        if re.fullmatch(r"[가-힣]+", word) and any(word.endswith(term) for term in _CATEGORY_KO):
            cut = index
    if cut is None:
        return product
    rest = words[cut + 1 :]
    if len(rest) == 1 and len(re.findall(r"[A-Za-z가-힣]", rest[0])) < 3:
        return product  # "무선 이어폰 X1": a bare model number needs its kind beside it
    return " ".join(rest)


_CAMEL_CASE_NAME = re.compile(
    r"(?<![\w'’])(?P<v>[A-Z][a-z]+[A-Z][A-Za-z]*(?:\s+(?:[A-Z][A-Za-z]*|\d{1,5}[A-Za-z]?))*)(?![\w'’])"
)


def camel_case_name(text: str) -> str | None:
    """The first CamelCase name, with the capitalised words and model number after it
    ("AirPure 360", "PocketCell Slim 10000", "SiteLoop")."""
    match = next(
        (m for m in _CAMEL_CASE_NAME.finditer(text) if m.group("v").split()[0].casefold() not in PLATFORM_NAMES), None
    )
    if not match:
        return None
    words = match.group("v").split()
    while len(words) > 1 and words[-1].lower() in {"air", "the", "a", "an"}:
        words.pop()
    return " ".join(words)
