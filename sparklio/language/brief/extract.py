"""brief_parse: the deterministic reading of a marketing brief that every generator baseline
starts from. Korean briefs are read through Kiwi's morphology, English ones through cue
phrases; prices, offers and channels are matched the same way in both."""

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import claims, english, korean
from .lexicon import FEATURE_BENEFITS
from .morph import get_kiwi
from .names import (
    KO_BUSINESS_KIND,
    KO_FEE,
    PLATFORM_NAMES,
    business_says_its_name,
    camel_case_name,
    guessed_product,
    hashtag_name,
    korean_deal_object,
    korean_made_over,
    named_product,
    strip_category,
    with_model_number,
    without_size,
)
from .offering import settle
from .ranker import second_reading
from .salient import deal_sentence, is_seller, quoted_values
from .sanity import not_a_name
from .signals import (
    category_of_phrase,
    category_of_words,
    detect_channel,
    detect_channels,
    detect_format,
    detect_language,
    find_deadline,
    find_offers,
    find_price,
    has_urgency_hint,
    retracted_spans,
    without_regular_prices,
)
from .slots import Slots

# Longer texts are read up to here (patterns: prices, offers, channel, format) ...
MAX_ANALYSED_CHARS = 10_000
# ... and morphology reads the first BRIEF_MAX_CHARS-worth, where a brief's slots are: Kiwi
# costs about 25 µs a character, so a whole 10,000-character paste would take a quarter second.
MAX_MORPH_CHARS = 4_000
MAX_KEYWORDS = 15
MAX_KEYWORD_CHARS = 40

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Brief(BaseModel):
    """What a marketing brief asks for, slot by slot; a slot the brief doesn't fill is None or []."""

    model_config = ConfigDict(extra="forbid")

    text: str
    language: Literal["ko", "en"]
    product: str | None = None
    category: str | None = None
    channel: str | None = None
    channel_name: str | None = None
    format: str | None = None
    audience: str | None = None
    features: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    tone: str | None = None
    price: str | None = None
    offer: str | None = None
    deadline: str | None = None
    channels: list[str] = Field(default_factory=list, description="Every channel preset the brief names, in order")
    # features that read as a verb phrase ("syncs calendars"): bullets, not a phrasing's slot
    verb_features: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    # what was read with little to go on and a person should confirm: "product" (guessed from
    # the sentence, not named, quoted or name-shaped), "features" (fewer than two found),
    # "offer" (offer words in the brief but no offer read)
    doubts: list[str] = Field(default_factory=list)
    # what a second reader, scoring every phrase of the brief, takes for the product when it
    # disagrees with this reading (the product is then in doubt): the "did you mean" to offer
    product_suggestion: str | None = None


def brief_parse(text: str) -> Brief:
    """Read a brief into slots. Deterministic, and never fails on odd input."""
    text = _clean(text)
    analysed = _without_mail_headers(text[:MAX_ANALYSED_CHARS])
    language = detect_language(analysed)
    channel, channel_name = detect_channel(analysed)
    offer, offer_spans = find_offers(analysed)
    price, price_span = find_price(analysed, without_regular_prices(analysed, offer_spans))
    deadline, deadline_span = find_deadline(analysed)
    taken = offer_spans + ([price_span] if price_span else []) + ([deadline_span] if deadline_span else [])
    taken += retracted_spans(analysed)  # nothing the brief takes back is a feature
    named = named_product(analysed, language)
    if named:
        taken = [*taken, named[1]]

    spec_lines = _spec_lines(analysed, taken) if language == "ko" else []
    taken = [*taken, *(span for _, span in spec_lines)]
    if language == "ko":
        slots = korean.extract(analysed[:MAX_MORPH_CHARS], taken)
        _fill(slots, english.extract(analysed, taken, guess_product=False))
    else:
        slots = english.extract(analysed, taken)
    for feature, _ in reversed(spec_lines):
        if feature not in slots.features:
            slots.features.insert(0, feature)

    if named:
        # said in so many words ("제품명은 X", "Item: X", "called X"): the reading's own guess
        # becomes what kind of thing it is
        if slots.product_context and not _near(analysed, slots.product_context, named[1]):
            # a guess far from the name is some other phrase, no kind of it: "2024 서울 커피 엑스포 … 코엑스 A홀"
            slots.product_context = None
        if (
            slots.product
            and slots.product != named[0]
            and not slots.product_context
            and _near(analysed, slots.product, named[1])
        ):
            slots.product_context = slots.product
        slots.product = named[0]
    elif language == "en":
        _name_of_product(slots)
    labelled = bool(named) and _ITEM_LABEL.match(analysed, named[1][0]) is not None
    # "제품명은 LINEN DAY 오버핏 셔츠", "솔루션 'FlowDesk 업무자동화'": a name given under the item's own
    # label or quoted whole is kept as written
    labelled = labelled or bool(
        slots.product and re.search(rf"['\"‘“「『<]{re.escape(slots.product)}['\"’”」』>]", analysed)
    )
    unkinded = _without_request_words(slots.product)
    if labelled and unkinded and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", unkinded):
        unkinded = without_size(unkinded)
    else:  # "스마트쿡 K7 에어프라이어": after a model, the words that say what it is go
        unkinded = strip_category(unkinded)
    slots.product = with_model_number(analysed, unkinded)
    deal_object = korean_deal_object(analysed) if language == "ko" and not named else None
    # "평일 오전 한정 이벤트": when a deal runs is no product
    timed = bool(slots.product) and _WHEN_ONLY.fullmatch(slots.product) is not None
    if deal_object and (not slots.product or timed or slots.product in deal_object) and not quoted_values(analysed):
        # "수제 약과 할매약과 선물세트 2+1": the reading caught a piece of what the deal is on; the deal says it whole
        slots.product = deal_object
    guessed_lower = bool(slots.product) and re.fullmatch(r"[a-z0-9 &'’.-]+", slots.product or "") is not None
    shaped = camel_case_name(analysed) if language == "en" and not named else None
    if shaped and (not slots.product or guessed_lower or slots.product.isupper()):
        # "for our review video. the AirPure 360 air purifier": a CamelCase or model name
        # beats a lower-case phrase that a cue word pointed at
        slots.product = shaped
    if not slots.product or (language == "en" and not named and guessed_lower):
        slots.product = guessed_product(analysed, language) or slots.product
    slots.product = _promoted_over_seller(analysed, slots.product)
    if slots.product and "\n" in slots.product:
        slots.product = slots.product.split("\n")[0].strip() or None
    if slots.product and (
        _MEASURE.fullmatch(slots.product)
        or slots.product.casefold().removeprefix("#") in PLATFORM_NAMES
        or _DELIVERABLE.search(slots.product)
    ):
        # "1600W", "YouTube", "랜딩페이지", "explainer video", "투자자용": a spec, a platform, the work
        # asked for or whom it is for is never the product
        slots.product = guessed_product(analysed, language) if not named else None
        if slots.product and _DELIVERABLE.search(slots.product):
            slots.product = None
    tagged_only = bool(slots.product) and _only_as_hashtag(analysed, slots.product)
    if not named and (not slots.product or tagged_only):
        slots.product = hashtag_name(analysed) or slots.product
    if slots.product and language == "ko" and KO_FEE.search(slots.product):
        slots.product = None  # "대관료", "수강료": the fee a discount comes off, not the thing sold
    if not slots.product and language == "ko":
        # "가든홀 리모델링이 끝나서 … 홍보": the space made over is the news
        slots.product = korean_made_over(analysed) or business_says_its_name(analysed)
    # the cascade stops at its first rule; weighed against every offering the brief names, the seller's
    # own name or a word naming no product at all gives way to what is promoted
    slots.product, pointed = settle(analysed, language, slots.product)
    slots.product = without_size(slots.product) if slots.product else slots.product
    # every phrase that could name the product, scored by weights fitted to the blind brief sets: a
    # second reader whose disagreement makes the product a doubt for a person to confirm
    second = second_reading(analysed, language, slots.product)
    if language == "ko":
        offer = _with_deal_object(analysed, offer, slots.product)
    slots.audience = _whole_numbers(analysed, slots.audience)
    verb_features = _claimed_features(slots, analysed, language, taken)
    # "두피 진정 효과가 있고": a benefit the brief states is a claim the design should carry too
    for benefit in slots.benefits:
        if len(slots.features) >= 2:
            break
        if benefit.casefold() not in {f.casefold() for f in slots.features}:
            slots.features.append(benefit)
    slots.features = _ordinary_features(slots.features, slots.product, analysed)
    if slots.product_context and slots.product:
        # "We sell a tofu cat litter called ClumpLess": what kind of thing it is, no feature of it
        kind = slots.product_context.casefold()
        slots.features = [f for f in slots.features if f.casefold() != kind] or slots.features
    category = (
        category_of_phrase(slots.product)
        or category_of_phrase(slots.product_context)
        or category_of_words(slots.category_words)
    )
    category = _settled_category(analysed, category, slots.product, slots.features)
    if category in ("event", "cause"):
        slots.features = _with_when_and_where(analysed, slots.features)
    return Brief(
        text=text,
        language=language,
        product=slots.product,
        category=category,
        channel=channel,
        channel_name=channel_name,
        channels=detect_channels(analysed),
        format=detect_format(analysed, channel),
        audience=slots.audience,
        features=slots.features,
        benefits=_benefits(slots, language),
        tone=slots.tone or ("urgent" if has_urgency_hint(analysed) else None),
        price=price,
        offer=offer,
        deadline=deadline,
        verb_features=verb_features,
        keywords=_keywords(slots),
        doubts=_doubts(analysed, slots.product, bool(named) or pointed, slots.features, offer, second),
        product_suggestion=second,
    )


# what follows a seller's name before "홍보" without being a thing: "'코어앤숨' 오픈 홍보물", "'들꽃상회' 졸업시즌 홍보"
_NOT_PROMOTED = re.compile(
    r"(?:오픈|개업|신규|이벤트|행사|시즌|할인|세일|특가|기념|맞이|소식|관련|전체|매장|가게)$|^(?:졸업|입학|신학기)"
)


_WHEN_ONLY = re.compile(r"(?:(?:평일|주말|매일|오전|오후|저녁|아침|점심|새벽|낮|밤|한정|이번\s?주)\s?)+")


# an animal, and something it eats: treats for pets are a pet product, whatever the kitchen's words
_PET_ANIMAL = re.compile(
    r"강아지|고양이|반려|애견|애묘|펫|댕댕|멍멍|냥|\b(?:dogs?|cats?|pets?|pupp(?:y|ies)|kittens?)\b", re.IGNORECASE
)
_PET_FOOD = re.compile(r"간식|져키|저키|사료|껌|트릿|\b(?:treats?|jerky|chews?|biscuits?|kibble|snacks?)\b", re.I)


# who writes for a cause: a church, a charity, a shelter
# (a town hall's pool pass or startup academy is a public service, not a cause: those read by what they are)
_CAUSE_BODY = re.compile(
    r"\b(?:[Cc]hurch|[Pp]arish|[Cc]harity|[Nn]on-?profit|[Ff]ood\s+[Bb]ank|[Aa]nimal\s+[Ss]helter|"
    r"(?:[Aa]nimal|[Dd]og|[Cc]at|[Pp]et)\s+[Rr]escue)\b|(?:교회|성당|사단법인|재단법인|푸드뱅크)",
)


_CAUSE_THING = re.compile(
    r"\b(?:(?:food|toy|coat|clothing|blood|book|supply|supplies|donation|charity|diaper|sock|blanket)\s+(?:drive|collection)"
    r"|(?:charity|donation|emergency|winter|holiday)\s+appeal|fundraiser|donations)$|(?:사랑의|이웃)\s?[가-힣]+\s?나눔$"
    r"|(?:모금|후원|봉사단?|헌혈)$",
    re.IGNORECASE,
)


# when and where a gathering is: a poster that drops them is no use ("12월 14일(토) 오전 9시", "Saturday, October 18,
# 6:30 pm", "장소: 새빛교회 본당", "Where: The Grand Ballroom")
_KO_WHEN = re.compile(
    r"(?:\d{4}년\s?)?\d{1,2}월\s?\d{1,2}일(?:\s?\((?:[월화수목금토일]|주일)\)|\s?[월화수목금토일]요일|\s?주일)?"
    r"(?:\s?[~\-–]\s?(?:\d{1,2}월\s?)?\d{1,2}일(?:\s?\((?:[월화수목금토일]|주일)\))?)?"
    r"(?:,?\s?(?:오전|오후|저녁|아침|낮|밤|새벽)?\s?\d{1,2}시(?:\s?\d{1,2}분|\s?반)?(?:\s?[~\-–]\s?(?:오전|오후|저녁)?\s?\d{1,2}시(?:\s?\d{1,2}분)?)?)?"
)
_EN_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
_EN_TIME = r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
_EN_WHEN = re.compile(
    rf"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?{_EN_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:\s*[–-]\s*\d{{1,2}}|(?:,\s*\d{{1,2}})*,?\s+(?:and|&)\s+\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"(?:(?:,?\s+(?:at|from)|,|\s*·)?\s+{_EN_TIME}(?:\s*(?:[–-]|to)\s*{_EN_TIME})?)?",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"(?:^|\n|[,.]\s)[ \t]*[-*•·]?[ \t]*(?:📍|(?:장소|위치|Where|Venue|Location)[ \t]*[:：])[ \t]*(?P<v>[^\n(.]{2,50})"
    r"|\b(?:at|in)\s+(?P<at>(?:the\s+)?(?-i:[A-Z])[\w'’.&-]*(?:\s+(?:(?-i:[A-Z])[\w'’.&-]*|of|the|&)){0,5}\s+"
    r"(?:Hall|Park|Church|Center|Centre|Auditorium|Stadium|Ballroom|Hotel|Library|Gym|Theater|Theatre|Plaza|Square|"
    r"Grounds|Arena|Gallery|Museum|Field|Market|Pier|Beach|Garden|Gardens|School))\b"
    # a street address said as the place ("at 412 Elm Street", "(220 Mill Road)")
    r"|(?:\bat\s+|\()(?P<addr>\d{1,5}\s+(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+){0,2}\s+"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Way|Pl|Place)\b\.?)",
    re.IGNORECASE,
)


def _with_when_and_where(text: str, features: list[str]) -> list[str]:
    """A gathering's features with its time and place first, said once ("12월 14일(토) 오전 9시 · 교회 앞마당"):
    the pieces a feature reading cut from them ("12월 14일", "오전 9시") give way to the whole."""
    when = _KO_WHEN.search(text) or _EN_WHEN.search(text)
    place = _WHERE.search(text)
    where = (place.group("v") or place.group("at") or place.group("addr") or "") if place else ""
    if len(where) > 30:
        where = re.split(r",\s", where)[0]  # "The Grand Ballroom, Riverside Hotel, 90 Water St.": its first part
    where = re.sub(r"^the\s+(?=[A-Z])", "", where.strip(" ,."))  # "in the Westbrook HS Auditorium"
    said = [re.sub(r"\s+", " ", when.group(0)).strip(" ,") if when else "", where]
    line = " · ".join(part for part in said if part)
    if not line or len(line) > 70:
        return features
    whole, said_when = line.casefold(), said[0].casefold()
    day = re.split(r",|\s(?:at|from)\s|·", said_when)[0].strip()  # "june 14": "10K on June 14" says it again
    pieces = [piece for piece in (said_when, day, where.casefold()) if len(piece) >= 5]
    kept = [
        f
        for f in features
        if f.casefold() not in whole
        and not any(piece in f.casefold() for piece in pieces)  # "open house Saturday Oct 12": the line says it
        and not _KO_WHEN.fullmatch(f)
        and not _EN_WHEN.fullmatch(f)
    ]
    return [line, *kept][: claims.MAX_FEATURES]


def _settled_category(text: str, category: str | None, product: str | None, features: list[str]) -> str | None:
    """A pet's treats are a pet product; a dish read in a café ("생면 파스타" at "브런치카페") is food."""
    if category in {None, "food"} and _PET_ANIMAL.search(text) and _PET_FOOD.search(text):
        return "pet"
    if product and _CAUSE_THING.search(product):
        return "cause"  # "spring supply drive" at a dog rescue: people give to it, nothing for a pet is sold
    if category is None and _CAUSE_BODY.search(text):
        return "cause"  # a town's rain-barrel programme, a parish's coat appeal: nothing to buy, something to join
    if category == "beverage":
        dishes = [category_of_phrase(phrase) for phrase in [product, *features]]
        if "food" in dishes and "beverage" not in dishes:
            return "food"
    return category


def _near(text: str, phrase: str, span: tuple[int, int]) -> bool:
    at = text.find(phrase)
    # what kind of thing it is comes before the name or right after it ("워크플로 (업무 자동화 SaaS)")
    return at < 0 or span[0] - 60 <= at <= span[1] + 15


def _promoted_over_seller(text: str, product: str | None) -> str | None:
    """ "'맑은결피부과' 마케팅 담당자입니다. 이번에 '아쿠아 리프팅 패키지' 새로 런칭해요": the seller is
    quoted first, the thing it promotes after; the design is for the thing."""
    if not product:
        return product
    quoted = quoted_values(text)
    if product not in quoted or not is_seller(text, product):
        return product
    # "헬스장 '짐박스 강남점' PT 10회권 홍보요": the seller's name, then the thing it promotes
    after = re.match(
        r"['’\"”」』>\]]?\s+(?P<v>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 ]{1,20}?)\s?(?:을|를)?\s?"
        r"(?:홍보|광고|소개|모집|런칭|출시)",
        text[text.find(product) + len(product) :],
    )
    if after and not _NOT_PROMOTED.search(after.group("v")):
        return after.group("v").strip()
    later = [name for name in quoted[quoted.index(product) + 1 :] if not is_seller(text, name)]
    if later:
        return later[0]
    # "꽃집 '플로라데이' 인데요 / 이번 어버이날 카네이션 꽃바구니 홍보하려구요": in a later sentence
    promoted = _PROMOTED_LATER.search(text, text.find(product) + len(product))
    if promoted:
        words = promoted.group("v").split()
        while words and _WHEN_WORD.fullmatch(words[0]):
            words.pop(0)
        thing = " ".join(words)
        if len(thing.replace(" ", "")) >= 2 and not _NOT_PROMOTED.search(thing) and not is_seller(text, thing):
            return thing
    return product


# "X 홍보하려구요", "X 광고해 주세요" at a sentence's start: what the seller promotes
_PROMOTED_LATER = re.compile(
    r"(?:^|(?<=[.!?\n/]))[ \t]*(?P<v>[가-힣A-Za-z0-9]{1,12}(?:[ \t][가-힣A-Za-z0-9]{1,12}){0,4}?)[ \t]?(?:을|를)?[ \t]?"
    r"(?:홍보|광고)(?:하려|하고|해|할|합|좀|용|물|부탁)",
    re.MULTILINE,
)
# when the campaign runs, before what it is for: "이번 어버이날 카네이션 꽃바구니"
_WHEN_WORD = re.compile(
    r"이번(?:에|달|주)?|올해|다음\s?달|어버이날|어린이날|스승의\s?날|추석|설날?|크리스마스|연말|새해|봄|여름|가을|겨울|시즌|"
    r"[0-9]{1,2}월"
)


def _with_deal_object(text: str, offer: str | None, product: str | None) -> str | None:
    """ "전용 의자 2+1 행사": a "buy N get M" deal on something other than the product says what it is on."""
    if not offer:
        return offer
    bare = re.search(r"(?:^|(?<=, ))(?P<d>[1-9]\+[1-9])", offer)
    thing = korean_deal_object(text)
    if not bare or not thing or (product and (thing in product or product in thing)):
        return offer
    if not re.search(re.escape(thing) + r"[ \t]?" + re.escape(bare.group("d")).replace(r"\+", r"[ \t]?\+[ \t]?"), text):
        return offer
    return offer[: bare.start("d")] + f"{thing} " + offer[bare.start("d") :]


_ITEM_LABEL = re.compile(r"(?:제품|상품|모델)\s?(?:명|이름)")
_MEASURE = re.compile(r"\d[\d.,]*\s?(?:[A-Za-z]{1,4}|%|원|만원|개|시간|분|일|kg|g|ml)?")


def _only_as_hashtag(text: str, name: str) -> bool:
    tagged = len(re.findall("#" + re.escape(name), text))
    return tagged > 0 and len(re.findall(re.escape(name), text)) == tagged


# what a brief says about itself, not about the product: who writes, where the design goes, a
# price or a date alone, a comparison, a denial, a phone number
_NOT_A_FEATURE = re.compile(
    r"(?<![A-Za-z])(?:we|we're|we’re|our|us|i|i'm|i’m|my|pls|please|can\s+u|can\s+you|don't|don’t|not|NOT|vs\.?|"
    r"putting|put\s+it|need|needs|want|wants|if\s+they|if\s+you|this\s+month|this\s+week|first\s+month|switch|"
    r"just\s+the|she|he|they|ok\s+so|its|just\s+me|request\s+from|is\s+running|"
    r"there['’]s\s+nothing|nothing\s+(?:being\s+)?sold|no\s+promo|no\s+(?:incentives?|discounts?|deals?|specials?|sales?)|"
    r"must\s+be\s+\d+)"
    r"(?![A-Za-z’'])"
    r"|저희|제가|우리|부탁|붙일|붙임|붙여|보냄|보내|올릴|올려|올리는|만들어|해주|써주|넣어주|찾는|말고|아니|아님|ㅠ|ㅋㅋ"
    r"|\d{2,3}-\d{3,4}-\d{4}|상담\s?문의|문의\s?전화",
    re.IGNORECASE,
)
# "흡입력 25000pa 배터리 60분 무게1.3kg": specs typed one after another are separate features
_SPEC_RUN = re.compile(
    r"(?<=\S)\s+(?=(?:배터리|무게|중량|용량|크기|사이즈|흡입력|출력|소음|두께|길이|높이|충전|용량|해상도|밝기)\s?\d)"
)
# a list item's number or letter: "1)", "(2)", "a)", "3."
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}\)|\d{1,2}\.(?!\d)|\(?[a-e]\))\s*")
_NO_CLAIM_WORDS = {
    "이번", "이번에", "요즘", "그거", "이거", "저거", "오늘", "내일", "계약", "행사", "컬러", "색상", "일시", "장소",
    "기간", "대상", "전달", "문의", "요청", "참고", "주소", "위치", "시간", "가격", "정가", "혜택", "내용", "담당",
    "교육팀", "마케팅팀", "사장님", "원장님", "대표님", "팀장님", "주제", "진행", "후원금",
    # the writer's story, not the product's: "원래", "준비", "부제", "올해", "병원비"
    "원래", "준비", "부제", "올해", "올해도", "작년", "작년에", "병원비", "이름", "부탁", "디자인",
    "주요 내용", "주요내용",
    "시작하게", "하게", "되어", "하려고",
    # the brief's own jargon and the work, never a claim: "소구", "파격", "클라이언트", "감성적", "안내용"
    "소구", "소구점", "파격", "클라이언트", "감성적", "감성", "안내용", "스마트스토어", "자사몰", "레퍼런스",
}  # fmt: skip
_JAMO_RUN = re.compile(r"[ㄱ-ㅎㅏ-ㅣ]{2,}")
# English chatter that is no claim: "Indie bookstore here", "been doing kids piano forever", "obviously",
# "opens Oct 5" (when it opens, which the deadline or the copy's date says)
_EN_NO_CLAIM = re.compile(
    r"^[\w'’& -]{2,40}\s+here$|^(?:been|have\s+been|has\s+been|used\s+to)\s|^since\s+(?:19|20)\d\d$"
    r"|^(?:h+i+|he+y+|hello+|yo|hiya|howdy)$"
    # "Mark from the Riverside Rotary club": the writer saying who they are
    r"|^(?:this\s+is\s+|it['’]s\s+)?(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?\s+(?:from|at|with|of)\s+(?:the\s+)?(?-i:[A-Z])"
    r"|^(?:obviously|basically|honestly|literally|anyway|anyways|actually|seriously|totally|also|plus|right\s+now"
    r"|for\s+now|these\s+days|at\s+the\s+moment)$"
    r"|^(?:opens?|opening|starting|starts?|launch(?:es|ing)?|coming|available)\s+(?:on\s+|in\s+|from\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"|today|tomorrow|(?:next|this)\s+\w+|mon|tue|wed|thu|fri|sat|sun)[a-z]*$",
    re.IGNORECASE,
)
# who sells, labelled or named in brackets after its kind: "Brand: Lumo Kids", "our music school (harmony house, …)"
_SELLER_NAMED = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\())[ \t]*(?i:brand|company|shop|store|business|client|seller|브랜드|회사|업체|가게|매장)"
    r"[ \t]*[:：][ \t]*"
    r"(?P<a>[^\n,().]{2,40})"
    r"|\b(?:[Oo]ur|[Mm]y|[Ww]e\s+are\s+an?|[Ww]e['’]re\s+an?|I\s+run\s+an?)\s+[a-z][a-z -]{2,30}?\s"
    r"\((?P<b>[^,)\n\d]{2,40})[,)]"
    # "we sell STEM kits for kids": what the seller sells in general, not a claim of this product
    r"|\b[Ww]e\s+sell\s+(?P<c>[a-zA-Z][\w -]{2,40}?)(?=[,.;!]|\s+(?:and|but|so)\b)",
    re.MULTILINE,
)


def _seller_names(text: str) -> set[str]:
    names = (next(v for v in match.groupdict().values() if v) for match in _SELLER_NAMED.finditer(text))
    # "our soap bar (brand: Meadow & Moss)": the label inside the bracket is no part of the name
    label = re.compile(r"^(?:brand|company|shop|store|by|from)\s*[:：]?\s+", re.I)
    return {label.sub("", name.strip()).casefold() for name in names}


# a claim about the deliverable, not the product: "원데이 클래스 홍보물 요청", "세일즈 덱 표지 필요"
_ABOUT_THE_WORK = re.compile(
    r"^(?:드리는|드릴|보내는|보낸|보내드리는|부탁하는)\s|홍보물|표지|시안|랜딩(?!\s?기어)|(?<![가-힣])덱(?![가-힣])|요청|필요(?:해요|합니다)?$|(?<!(?:당일|직접|수제|맞춤|주문|즉석|현장|자체)\s)(?<!당일|직접|수제|맞춤|주문|자체)제작|썸네일|상세\s?페이지|포스팅|업로드"
    # where the material goes: "아파트 단지에 돌림", "전단 배포", "가게 앞에 붙일"
    r"|(?:돌림|돌릴|돌려요|배포|뿌릴|뿌려요|붙일|붙여요|걸어\s?둘)$"
)
# the seller describing itself in two words: "동네 빵집", "동네 세탁소", "작은 공방"
_SELF_DESCRIPTION = re.compile(
    r"(?:[가-힣]{2,6}\s)?(?:동네|작은|조그만|작은\s?동네)\s?[가-힣]{1,5}(?:집|소|점|샵|가게|공방|카페|식당|학원)"
)
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]+")
_PRICE_ONLY = re.compile(
    r"^(?:(?:reg(?:ular)?\.?|normal(?:ly)?|normaly|was|now|only|just|from|starts?\s+at|packages?\s+start\s+at|정가|원래)"
    r"\s*)*(?:\$\s?[\d,.]+|[\d,.]+\s?(?:원|만원|달러|dollars?|won|krw))"
    r"(?:\s*(?:now|only|each|원|NOW|after\s+that|per\s+(?:person|night|month|visit|session)))*$",
    re.IGNORECASE,
)


# "자몽청이랑 레몬청 말고 새로 나온 …": what a brief sets aside
def _set_aside(feature: str, text: str) -> bool:
    at = text.find(feature)
    while at >= 0:
        after = text[at + len(feature) : at + len(feature) + 14]
        if re.match(r"(?:이랑|랑|와|과|하고)?\s*(?:[가-힣A-Za-z]+\s?){0,2}?(?:말고|아니고|빼고)", after):
            return True
        at = text.find(feature, at + 1)
    return False


_OCCASION_ONLY = re.compile(
    r"(?:(?:mother|father|valentine|president)['’]?s|black\s+friday|cyber\s+monday|christmas|holiday|thanksgiving|easter|"
    r"halloween|new\s+year['’]?s?|labor|memorial|prime)(?:\s+day)?(?:\s+(?:sale|gifts?|weekend|special|season))?"
    r"|(?:맞추는\s|맞춘\s|맞이\s)?(?:어버이날|어린이날|스승의\s?날|추석|설날|설|크리스마스|블랙\s?프라이데이|발렌타인\s?데이|"
    r"화이트\s?데이|연말|명절|여름|겨울|봄|가을|방학|휴가)(?:\s?(?:선물|시즌|특집|기념|맞이))?",
    re.IGNORECASE,
)
# a neighbourhood or a station alone ("망원동", "강남역 3번 출구" is a claim of access and stays)
_PLACE_ONLY = re.compile(r"[가-힣]{2,5}(?:동|역|구)")
_NOT_PLACES = {
    "운동", "활동", "자동", "이동", "연동", "작동", "감동", "진동", "수동", "전동", "지역", "영역", "무역", "번역",
    "역동", "구동", "가구", "도구", "연구", "요구", "친구", "입구", "출구", "기구", "완구", "문구", "공구", "전구",
}  # fmt: skip


_SIZES_ONLY = re.compile(r"\d{2,4}\s?[x×]\s?\d{2,4}(?:\s?[+,&/]\s?\d{2,4}\s?[x×]\s?\d{2,4})*(?:\s?px)?", re.I)
_DELIVERABLES = re.compile(
    r"(?<![a-z])(?:web\s+)?(?:banners|posts|stories|thumbnails|flyers|posters|slides|decks|newsletters|emails|ads)$",
    re.IGNORECASE,
)
# a business of a kind, alone ("꽃집", "반찬가게"): who sells, not what is sold
_BUSINESS_ALONE = re.compile(rf"[가-힣]{{0,4}}{KO_BUSINESS_KIND}")


def _introduces_itself(core: str, text: str) -> bool:
    """The writer naming the business: the first words of the brief, or a quoted name, followed
    by a copula ("강남 미소라인치과입니다.", "저희 … '정담찬방'인데요"); or a business kind alone."""
    if re.search(r"[가-힣]", core) and _BUSINESS_ALONE.fullmatch(core.replace(" ", "")) and len(core) <= 6:
        return True
    for match in re.finditer(re.escape(core), text):
        after = text[match.end() : match.end() + 8]
        quoted = match.start() > 0 and text[match.start() - 1] in "'\"‘“「『[【"
        if re.match(r"['\"’”」』\]】]?\s?(?:입니다|인데요|인데|이에요|예요|이고요|이구요)", after) and (
            quoted or match.start() < 30
        ):
            return True
    return False


def _ordinary_features(features: list[str], product: str | None, text: str = "") -> list[str]:
    """The features a reader would put on the design: none of the brief's talk about itself
    ("we're a tiny roastery", "아파트 게시판에 붙임"), its prices alone ("normaly $159"), a
    competitor or a denial ("NOT Pixelnest Cloud"), a phone number, or a word too short to say
    anything ("이번")."""
    split: list[str] = []
    for feature in features:
        split.extend(p for p in _SPEC_RUN.split(feature) if p.strip())
    kept = []
    sellers = _seller_names(text)
    for feature in split:
        feature = _JAMO_RUN.sub(" ", feature).strip()  # "ㅎㅎ 1인샵": laughter is no part of a claim
        # "Cozy season is here 🍂 Hand-poured soy wax": the claim is what follows the emoji
        parts = [p for p in _EMOJI.split(feature) if re.search(r"[A-Za-z가-힣0-9]{2}", p)]
        core = parts[-1].strip(" /,-·▶▷►■□◆◇★☆✔✓→•*") if parts else ""
        core = re.sub(r"^(?:topic\s+is|theme\s+is)\s+", "", core, flags=re.IGNORECASE)
        core = _LIST_MARK.sub("", core)
        core = re.sub(
            r"^(?:there['’]ll\s+be|there\s+will\s+be|there['’]s|there\s+(?:is|are))\s+", "", core, flags=re.I
        )  # "1) 평일 저녁 8시까지 검진 가능": the list's numbering is no part of it
        core = re.sub(r"(?:\s+(?:lol|lmao|haha+|tho|though|jk))+$", "", core, flags=re.IGNORECASE)  # "… only lol"
        if "#" in core:
            continue
        feature = core
        letters = re.findall(r"[A-Za-z가-힣0-9]", core)
        if (
            len(letters) < 2
            or core in _NO_CLAIM_WORDS
            or _ABOUT_THE_WORK.search(core)
            or _SELF_DESCRIPTION.fullmatch(core)
        ):
            continue
        if _NOT_A_FEATURE.search(core) or _PRICE_ONLY.match(core) or re.fullmatch(r"\d+\s?%\s?[↓↑]?", core):
            continue
        if _EN_NO_CLAIM.search(core) or core.casefold() in sellers:
            continue  # "Indie bookstore here", "Lumo Kids" under "Brand:": who writes or sells, no claim
        if re.search(r"\b(?:is|are|was)\s+(?:called|named)\s", core, re.I):
            continue  # "app is called Stride Club": what something is called is no claim about it
        if product and re.search(rf"{re.escape(core)}\s+(?:called|named)\s+{re.escape(product)}", text, re.I):
            continue  # "a tofu cat litter called ClumpLess": what kind of thing it is
        if _OCCASION_ONLY.fullmatch(core):
            continue  # "Mother's Day", "추석", "맞추는 여름 시즌": when the campaign runs, no claim
        if text and core in quoted_values(text) and is_seller(text, core):
            continue  # "'맑은결피부과' 마케팅 담당자입니다": who writes
        if text and re.search(
            rf"(?:^|\n)\s*{re.escape(core)}\s+[—–-]\s+(?:our\s+|the\s+)?(?:brand[-\s])?new\b", text, re.I
        ):
            continue  # "Taco Loco food truck — new Family Taco Box": the seller, before what is new
        if _SIZES_ONLY.fullmatch(core) or _DELIVERABLES.search(core):
            continue  # "728x90 + 300x250", "a couple of web banners": the work asked for
        if _PLACE_ONLY.fullmatch(core) and core not in _NOT_PLACES:
            continue  # "망원동", "강남역": where the business is, no claim about it
        if text and _introduces_itself(core, text):
            continue  # "강남 미소라인치과입니다", "반찬가게 하는 '정담찬방'인데요": who writes
        if text and re.search(r"(?:원|\$\s?[\d,.]+)\s?\(\s?" + re.escape(core) + r"\s?\)", text):
            continue  # "280,000원(4주)": what the price covers, the price's own
        if text and (_set_aside(core, text) or any(_set_aside(w, text) for w in core.split()[1:] if len(w) >= 2)):
            continue  # a product the brief sets aside ("자몽청이랑 레몬청 말고")
        if re.match(r"(?:걸|거|것|게|데)\s", core) or re.fullmatch(r"기획전|특가전|할인전|이벤트|행사|프로모션", core):
            continue  # "걸 새로 냄": the tail of a sentence; "기획전": the campaign, no claim
        if _channel_only(core) or _spoken_clause(core):
            continue  # "네이버 블로그": where the design goes; "운영중인데용 비수기": talk, no claim
        if _LETTER_FRAME.search(core):
            continue  # "김지현 드림", "밝은미소치과 김지현 실장", "이상", "CREATIVE REQUEST": the letter, no claim
        if text and _derived_verb(core, text):
            continue  # "열려요" read as "열림": a lone verb says no fact
        if (
            text
            and _OFFER_CONDITION.search(text)
            and re.search(_OFFER_CONDITION.pattern + r"[^.!?\n]{0,12}?" + re.escape(core), text, re.IGNORECASE)
        ):
            continue  # "20% off with their first cleaning": whom the offer is for, the offer's own
        kept.append(feature)
    # "분야별 전문가 1:1 멘토링, 우수팀 … 지원금" beside both its halves: the halves are enough
    kept = [f for f in kept if sum(1 for other in kept if other != f and other in f) < 2]
    return kept if kept or not features else []


# a letter's own frame: its signature ("김지현 드림"), the writer's name and title ("밝은미소치과 김지현 실장"),
# its closing ("이상", "이상입니다"), a reference line ("1. 관련"), a header ("CREATIVE REQUEST", "Call notes",
# "DEPARTMENT OF PUBLIC WORKS")
_LETTER_FRAME = re.compile(
    r"^[가-힣]{2,4}\s(?:드림|올림|배상)$|^[가-힣]{3}(?:드림|올림|배상)$"
    r"|(?:^|\s)[가-힣]{2,4}\s(?:실장|팀장|과장|차장|부장|대리|주임|사원|매니저|원장|대표|집사|간사|담당자?)(?:님)?$"
    r"|^(?:\d+\.\s?)?(?:이상|이상입니다|관련|끝|붙임)$"
    r"|^[A-Z][A-Z&' ]+\s(?:REQUEST|BRIEF|MEMO|NOTES?|NOTICE|UPDATE)$"
    r"|^(?:DEPARTMENT|CITY|TOWN|COUNTY|OFFICE|MINISTRY|BOROUGH|VILLAGE|STATE)\s+OF\s"
    # a public body's or a church's letterhead ("City of Maplewood", "St. Mark's Parish", "○○구청 홍보팀")
    r"|^(?:The\s+)?(?:City|Town|County|Borough|Village)\s+of\s+[A-Z][\w ]+$"
    r"|^[가-힣]+(?:구청|시청|군청|도청|주민센터|교회|성당)(?:\s[가-힣]+(?:팀|과|부|실|위원회))?$"
    r"|(?i:^(?:call|meeting|kickoff|brief)\s+notes?$)"
    # the writer leading into a story ("Some background first", "a bit of context")
    r"|(?i:^(?:some|a\s+bit\s+of|a\s+little|quick)\s+(?:background|context|history)(?:\s+first)?$)"
    # a greeting, an apology for length, the writer's own notes: "Good afternoon", "here's the context", "quick
    # notes from today", "sorry in advance", "would love your help"
    r"|(?i:^(?:good\s+(?:morning|afternoon|evening)|(?:so\s+)?here['’]s\s+the\s+(?:context|background|deal|thing)"
    r"|(?:quick\s+)?notes?\s+from\s+(?:today|the\s+\w+)|sorry\s+in\s+advance|(?:we|i)\s+would\s+love\s+your\s+help"
    r"|would\s+love\s+your\s+help|(?:ok(?:ay)?\s+)?so\s+this\s+might\s+be\s+a\s+long\s+one|hope\s+(?:this|you)\b.*"
    r"|thanks?\s+(?:so\s+much|in\s+advance)|it['’]s\s+made)$)"
    # a contact named with an honorific ("Ms. Alvarez", "Dr. Patel"), a greeting to the reader
    # ("주님 안에서 평안하신지요")
    # a job number, a slot count, a quarter's push, a team: "GL-0412", "7 slots", "Q3 acquisition", "Member
    # Growth team"
    r"|^[A-Z]{1,4}-\d{3,6}$|(?i:^\d+\s+slots?$|^Q[1-4]\s+\w+$)|^[A-Z][a-z]+(?:\s[A-Z][a-z]+)*\s+team$"
    # a note to the designer ("※ 하단 유의 문구"), the writer's schedule ("after that", "Thurs EOD")
    r"|^※|(?i:^(?:after|before)\s+that$|^(?:by\s+)?\w+\s+EOD$)"
    # a direction to the designer: "think Reels-style", "bold type", "cozy fall vibes"
    r"|(?i:^think\s+\S+-style\b|\b(?:vibes?|typeface|bold\s+type|colou?r\s+palette)$)"
    r"|^(?:Mr|Ms|Mrs|Dr|Rev|Fr)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$|평안\s?안\s?됨$|평안하신지요|안녕하신지요"
)


# the words that only say where a design goes ("네이버 블로그", "insta feed", "카카오톡 채널에")
_CHANNEL_WORD = re.compile(
    r"네이버|블로그|인스타(?:그램)?|페이스북|페북|유튜브|카카오톡?|카톡|채널|피드|스토리|릴스|쇼츠|틱톡|스레드|"
    r"\b(?:naver|blog|instagram|insta|ig|facebook|fb|youtube|kakao(?:talk)?|channel|feed|story|reels?|shorts|"
    r"tiktok|threads|post|posts)\b|(?<=[가-힣])(?:에|에도|에서|용|랑|이랑|과|와|도)(?![가-힣])",
    re.IGNORECASE,
)


def _channel_only(core: str) -> bool:
    return bool(_CHANNEL_WORD.search(core)) and not re.search(r"[A-Za-z가-힣0-9]{2}", _CHANNEL_WORD.sub(" ", core))


_SPOKEN_CLAUSE = re.compile(r"[가-힣](?:인데용?|는데요?|거든요?|었는데|했는데)(?:\s|$)")


def _spoken_clause(core: str) -> bool:
    return _SPOKEN_CLAUSE.search(core) is not None


def _derived_verb(core: str, text: str) -> bool:
    """ "열림" read from "열려요": one word ending in a nominal ㅁ that the brief never wrote."""
    if " " in core or not re.fullmatch(r"[가-힣]{2,3}", core) or core in text:
        return False
    last = ord(core[-1]) - 0xAC00
    return last % 28 == 16


# an offer, then whom or when it is for ("$10 off with their first visit", "free on your first order")
_OFFER_CONDITION = re.compile(
    r"(?:\boff|\bfree|\bdiscount|%)\s+(?:with|on|for|when)\s+(?:(?:their|your|the|a|an|my|our)\s+)?", re.IGNORECASE
)


# a name-shaped product: CamelCase or a model number ("FlowDesk", "KEYON K2", "X1"), or a
# Latin word in a Korean brief
_NAME_LIKE = re.compile(r"[A-Za-z]+[A-Z0-9]|[A-Z]{2,}|\d")


_FRAGMENT_END = re.compile(r"(?:포함|용|전문|가능|관련|선물용|해주|해줌|드림|있음|없음)$")


def _plain_or_fragment(product: str) -> bool:
    """ "상담", "패키지": one plain dictionary word; "계절꽃 배달해주", "손편지 카드 포함": a piece of a
    sentence, not a name."""
    tokens = get_kiwi().tokenize(product)
    if len(product.split()) == 1 and len(tokens) == 1 and tokens[0].tag == "NNG" and len(product) <= 3:
        return True
    return bool(tokens) and (
        tokens[-1].tag in {"EC", "VX", "XSV", "ETM", "JKB", "JKO", "JX"} or bool(_FRAGMENT_END.search(product))
    )


def _doubts(
    text: str, product: str | None, named: bool, features: list[str], offer: str | None, second: str | None = None
) -> list[str]:
    doubts = []
    if product and second:
        doubts.append("product")  # a second reader, scoring every phrase, prefers another one
    elif product:
        quoted = re.search(r"['\"‘“「『《〈\[【<]\s*" + re.escape(product), text) is not None
        title_case = len(product.split()) >= 2 and all(w[:1].isupper() or w == "&" for w in product.split())
        shaped = (
            title_case
            or _NAME_LIKE.search(product) is not None
            or (re.search(r"[가-힣]", text) is not None and re.search(r"[A-Za-z]", product) is not None)
            # a Korean name of more than a plain word or a fragment ("스테이온담", "손끝정원", "원룸 반포장이사"):
            # read from the sentence's shape, and right far more often than not
            or (re.fullmatch(r"[가-힣 ]+", product) is not None and not _plain_or_fragment(product))
        )
        # a second reading that disagrees: a long phrase rarely is a name ("멍스낵 수제 오리목뼈 간식"),
        # and a CamelCase name elsewhere in the brief may be the one meant
        other = camel_case_name(text)
        other = None if other and other.split()[0].casefold() in PLATFORM_NAMES else other
        # a short mixed-case term ("LiDAR", "SaaS") or the name again as a hashtag ("#FirelightCandle")
        # is no other name
        squeezed = re.sub(r"[\W_]+", "", product.casefold())
        other = None if other and (len(other) <= 5 or re.sub(r"[\W_]+", "", other.casefold()) in squeezed) else other
        # (an event's long Korean title is common: "제5회 춘천 호반 마라톤")
        event_title = re.search(
            r"^제\s?\d+\s?회|(?:19|20)\d\d|(?:마라톤|축제|페스티벌|박람회|엑스포|대회|콘서트|전시회?)$", product
        )
        disagrees = (len(product.split()) >= 4 and not title_case and not event_title) or (
            other is not None and other.casefold() not in product.casefold()
        )
        if not (named or quoted or shaped) or (disagrees and not (named or quoted)) or not_a_name(product):
            doubts.append("product")
    else:
        doubts.append("product")
    if len(features) < 2:
        doubts.append("features")
    if not offer and deal_sentence(text):
        # the brief speaks of a deal (read more broadly than the offers, minus what it denies,
        # takes back or calls off) that no offer was read from
        doubts.append("offer")
    return doubts


# "출력: USB-C 최대 20W", "무게: 45g": a spec sheet pasted into the brief, one fact a line
_SPEC_LINE = re.compile(
    r"^[ \t]*[-•·*]?[ \t]*(?P<label>[가-힣A-Za-z][가-힣A-Za-z ]{0,8}?)[ \t]*[:：][ \t]*(?P<v>[^\n]{1,40}?)[ \t]*$",
    re.MULTILINE,
)
_NOT_SPEC_LABELS = re.compile(
    r"명$|이름|가격|정가|할인|특가|가$|이벤트|혜택|프로모션|기간|마감|일정|채널|타겟|타깃|대상|톤|브랜드|요청|참고|문의|"
    r"연락|주소|장소|일시|클라이언트|고객사|광고주|산출물|제작물|납품|결과물|예산|담당|매체|규격|비용|요금|"
    r"price|offer|promo|deadline|channel|target|audience|tone|brand|name|product|item|model|client|deliverables?|budget",
    re.IGNORECASE,
)
_MEASURE_ONLY = re.compile(r"[\d.,x×~\s]+[A-Za-z가-힣%\"]{0,4}")


# "핵심 메시지: A / B / C", "주요 내용은 A, B, C입니다": the claims listed under a label
_LISTED = re.compile(
    r"(?:핵심\s?메시지|주요\s?(?:내용|메시지|특징|포인트)|핵심(?:\s?(?:내용|특징|기능|포인트))?|셀링\s?포인트|key\s+messages?)"
    r"[ \t]*(?:은|는|:|：)[ \t]*(?P<v>[^\n]{4,200}?)[ \t]*(?:입니다|이에요|예요|에요|이고요|임)?[ \t]*(?=[.\n]|$)",
    re.IGNORECASE,
)


_LIST_CLOSER = re.compile(r"(?:갈게요|할게요|갈게|할게|하려고요?|가려고요?|밀고|밀어|밀겠|강조해|넣어\s?주)")


def _listed_claims(text: str, taken: list) -> list[tuple[str, tuple[int, int]]]:
    found = []
    for match in _LISTED.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        listed = re.sub(  # "…, 실시간 화물 추적 이 세개예요": the count that closes the list
            r"\s*(?:이\s?)?(?:(?:두|세|네|다섯|[2-5])\s?(?:개|가지)|이렇게)\s?(?:예요|에요|이에요|입니다|요)?$",
            "",
            match.group("v"),
        )
        # "① A ② B ③ C, 요 세 개로 밀고 갈게요": circled numbers list too, and what follows the list
        # saying what the writer will do with it is no item
        items = [
            item.strip(" -·") for item in re.split(r"\s/\s|,\s*|\s·\s|、|\s*[\u2460-\u2473\u2776-\u277f]\s*", listed)
        ]
        items = [item for item in items if 2 <= len(item) <= 40 and not _LIST_CLOSER.search(item)]
        if len(items) >= 2:
            found.extend((item, match.span()) for item in items)
    return found


def _spec_lines(text: str, taken: list) -> list[tuple[str, tuple[int, int]]]:
    found = _listed_claims(text, taken)
    for match in _SPEC_LINE.finditer(text):
        label, value = match.group("label").strip(), match.group("v").strip()
        if _NOT_SPEC_LABELS.search(label) or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        feature = f"{label} {value}" if _MEASURE_ONLY.fullmatch(value) else value
        found.append((feature, match.span()))
    return found if len(found) >= 2 else []  # one "X: Y" line is a sentence, two or more a sheet


# a forwarded message's frame: "---------- Forwarded message ---------", "From: Dana", "보낸사람: 김실장",
# "[전달] 포스터 요청건": who sent what, never a fact of the brief
_MAIL_HEADER = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?:-{3,}[^\n]*"
    r"|(?:From|To|Sent|Date|Subject|Cc|Bcc|Reply-To|보낸\s?사람|받는\s?사람|보낸\s?날짜|받은\s?날짜|날짜|제목|참조|수신|발신|"
    r"작성자)[ \t]*[:：][^\n]*"
    r"|(?:Fwd?|FW|RE|Re)[ \t]*:[^\n]*"
    r"|[\[【](?:전달(?:된\s?메일|\s?메일|\s?사항)?|FW|Fwd|공지|필독|요청|긴급|참고)[\]】][^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)


def _without_mail_headers(text: str) -> str:
    """The brief with a forwarded message's header lines blanked (the same length: every span
    read from it still points at the brief's own text)."""
    return _MAIL_HEADER.sub(_blank_header, text)


# a subject line's bracketed name ("[요청] 「데일리핏 체크카드」 신규 발급 프로모션 소재", "제목: 『봄빛 세럼』
# 상세페이지")
# is what the message is about: it stays, the rest of the line goes
_HEADER_NAME = re.compile(r"「[^」\n]{2,40}」|『[^』\n]{2,40}』")


def _blank_header(match: re.Match) -> str:
    line = match.group(0)
    if re.match(r"[ \t]*(?:>[ \t]*)*(?:Subject|제목|[\[【])", line, re.IGNORECASE):
        names = list(_HEADER_NAME.finditer(line))
        if names:
            kept = [" "] * len(line)
            for name in names:
                kept[name.start() : name.end()] = name.group(0)
            return "".join(kept)
    return " " * len(line)


def _clean(text: object) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    # lone surrogates cannot be encoded, for Kiwi or for JSON
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text).strip()


_NAME_RUN = re.compile(r"^(?P<name>(?:[A-Z0-9][\w'’&+.-]*)(?:\s+(?:&|[A-Z0-9][\w'’&+.-]*))*)\s+(?P<rest>[a-z].*)$")


def _name_of_product(slots: Slots) -> None:
    """ "meal kit brand Fresh Table" → Fresh Table; "Glow Drop vitamin C serum" → Glow Drop, a
    vitamin C serum: the capitalised name is what the copy should call it."""
    product = slots.product
    if not product:
        return
    product = re.sub(r"['’]s\b(?!\s+[A-Z]).*$", "", product)  # "IronHouse Gym's new location"; "Rosa's Trattoria" stays
    slots.product = product
    branded = re.search(
        r"\b(?:brand|called|named|tool|app|restaurant|cafe|café|shop|store|studio|service|platform|line)\s+"
        r"(?P<name>[A-Z0-9][\w'’&+.-]*(?:\s+[A-Z0-9][\w'’&+.-]*)*)$",
        product,
    )
    if not branded:  # "our language app lingobee": a name typed in lower case
        branded = re.search(r"\b(?:app|tool|platform|service|brand)\s+(?P<name>[a-z][a-z0-9]{3,})$", product)
    if not branded:  # "mobile game Pixel Kingdoms": the kind in lower case, then the name
        branded = re.search(
            r"^[a-z][a-z -]*?\s(?P<name>[A-Z][\w'’&+.-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&+.-]*)*)$", product
        )
        if branded and not re.search(r"\s|[a-z]{3}", branded.group("name")):
            branded = None  # "wireless earbuds X1": a model number alone says less than the whole
    if branded:
        slots.product_context = slots.product_context or product[: branded.start()].strip() or None
        slots.product = branded.group("name").strip()
        return
    run = _NAME_RUN.match(product)
    if run and re.match(r"(?:the|of|on|in|at|for|and|by|to|de|la)\s+(?:the\s+)?[A-Z0-9]", run.group("rest")):
        return  # "Blue Notes Under the Stars": a title's small words, not a kind after a name
    if run and (len(run.group("name").split()) >= 2 or any(c.isdigit() or c.isupper() for c in run.group("name")[1:])):
        slots.product = run.group("name")
        slots.product_context = slots.product_context or run.group("rest")


_CHANNEL_TAIL = re.compile(
    r"(?:\s+(?:네이버|블로그|인스타(?:그램)?|카카오(?:톡)?|카톡|유튜브|페이스북|피드|스토리|광고|포스팅|이미지|"
    r"런칭|출시|신제품|제작|요청|의뢰|부탁|홍보|상세\s?페이지|랜딩\s?페이지|랜딩|신규|포스터|배너|뉴스레터|(?:회원|수강생)?\s?모집|"
    r"스마트\s?스토어|쇼핑몰|관련|게시용?|소재|"
    r"blog|instagram|facebook|youtube|kakao|ad|post))+$",
    re.IGNORECASE,
)
# an occasion after the name is the campaign's, not the product's ("X1 블랙프라이데이", "X1 이어폰 설 선물")
_OCCASION_TAIL = re.compile(
    r"(?:\s+(?:블랙\s?프라이데이|사이버\s?먼데이|설날?|추석|명절|크리스마스|연말|신년|새해|빼빼로\s?데이|발렌타인\s?데이|"
    r"화이트\s?데이|어버이날|어린이날|스승의\s?날|black\s+friday|cyber\s+monday|christmas|holiday)"
    r"(?:\s?(?:선물|특가|세일|기획전|이벤트|맞이|시즌|프로모션|deals?|sale|gifts?))*)+$",
    re.IGNORECASE,
)
_NOT_A_PRODUCT = {"ig", "fb", "yt", "sns", "ad", "ads", "cta", "post", "story", "feed", "reels"}


_DELIVERABLE = re.compile(
    r"^(?:랜딩\s?페이지|상세\s?페이지|홈페이지(?:\s웹)?|웹\s?배너|배너|포스터|전단지?|뉴스레터|썸네일|회사\s?소개서|소개서|블로그|"
    r"인스타|피드|스토리|카드\s?뉴스|[가-힣]{1,6}용)$"
    r"|^(?:(?:an?|the|our)\s+)?(?:explainer\s+|launch\s+|promo\s+)?(?:video|landing\s+page|web\s+banners?|banners?|"
    r"posters?|flyers?|newsletters?|thumbnails?|deck|slides|pitch\s+deck|blog\s+post)$",
    re.IGNORECASE,
)


def _without_request_words(product: str | None) -> str | None:
    """ "Aqua Pure 정수기 네이버 블로그" → "Aqua Pure 정수기"; "X9인" (Kiwi's reading of "X9인데") →
    "X9"; a channel's short name ("IG") is no product."""
    if not product:
        return product
    product = _CHANNEL_TAIL.sub("", product).strip()
    # "our lavender oat soap bar please": a request word at the end is no part of the name
    product = re.sub(r"(?:\s+(?:please|pls|plz|thanks|thx|asap|too|as\s+well)[!.]*)+$", "", product, flags=re.I)
    # "our shop fixit phone lab": the kind of business before a lower-case name
    product = re.sub(r"^(?:shop|store|brand|app|studio|company|business)\s+(?=[a-z][\w'’]*\s+\w)", "", product)
    product = _OCCASION_TAIL.sub("", product).strip() or product
    product = re.sub(r"(?<=[A-Za-z0-9])인$", "", product)
    # "도수치료 프로그램 리뉴얼해서": what was done to it is no part of its name
    product = re.sub(
        r"\s(?:리뉴얼|새단장|오픈|출시|런칭|론칭|시작|개편|업그레이드)\s?(?:해서|하면서|했는데|하는데|했어요|했습니다|해요|합니다|함|했고)$",
        "",
        product,
    )
    # "제5회 춘천 호반 마라톤 참가자 모집": whom the brief recruits is no part of the name
    product = re.sub(r"(?<=[가-힣A-Za-z0-9])\s(?:참가자|참여자|수강생|회원|원생|고객|신청자)$", "", product)
    # "행복마을 34평 전세 매물": what kind of listing it is comes after the name
    listing = re.sub(r"(?:\s(?:전세|월세|반전세|매매|분양|급매))*\s(?:매물|급매물)$", "", product)
    product = listing if len(listing.split()) >= 2 else product
    if product.casefold() in _NOT_A_PRODUCT:
        return None
    return product or None


def _whole_numbers(text: str, phrase: str | None) -> str | None:
    """A phrase that starts inside a range or list of numbers takes all of it ("30~40대")."""
    if not phrase or not phrase[:1].isdigit():
        return phrase
    at = text.find(phrase)
    if at <= 0:
        return phrase
    before = re.search(r"(\d+\s?(?:대|s)?\s?(?:~|-|–|∼|〜|,|and|or|에서)\s?)+$", text[max(0, at - 20) : at])
    phrase = (before.group(0) + phrase) if before else phrase
    # "초등 3~6학년": the school stage before the grades is part of whom it is for
    stages = r"(?<![가-힣])(?:초등학교|초등|중학교|중등|고등학교|고등|초|중|고|유치부)\s?$"
    stage = re.search(stages, text[: text.find(phrase)])
    return (stage.group(0) + phrase) if stage else phrase


def _claimed_features(slots: Slots, text: str, language: str, taken: list) -> list[str]:
    """Features the brief states without a cue word, after those a cue introduced ("강조해줘"
    may name two while the sentence before states three more). Returns the verb-phrase ones."""
    if language == "ko":
        text = text[:MAX_MORPH_CHARS]
        at = text.find(slots.product) if slots.product else -1
        product_span = (at, at + len(slots.product)) if at >= 0 else None
        if slots.product_context and slots.product_context != slots.product:
            # "홈트 앱 '핏데이'": what kind of thing the product is, no claim about it
            where = text.find(slots.product_context)
            if where >= 0:
                taken = [*taken, (where, where + len(slots.product_context))]
        found = claims.korean_claims(text, taken, product_span)
    else:
        found = claims.english_claims(text, taken, slots.product)
    known = {item.casefold() for item in [*slots.features, *slots.benefits]}
    audience = (slots.audience or "").casefold()
    # two or more named by a cue: of the other clauses only the measured ones ("8000Pa",
    # "36시간") are added, the likeliest to be specs and the least likely to be chatter
    # (counting only cue features a reader would keep: "'정담찬방'인데요" is who writes, no claim)
    measured_only = len(_ordinary_features(slots.features, slots.product, text)) >= 2
    verbs: list[str] = []
    for claim in found:
        low = claim.text.casefold()
        # "vitamin C serum for women in their 30s" holds the audience; "초보자 전용 클래스" is a claim
        holds_audience = audience.isascii() and len(audience.split()) >= 2 and audience in low
        if low in known or (audience and (low in audience or holds_audience)) or any(low in k for k in known):
            continue
        # "변호사 직접 상담이 제일 강점": a cue gave the bare nouns ("변호사", "상담"), the clause says
        # the whole claim; the clause takes the place of the first noun it holds, the others go
        inside = [f for f in slots.features if f.casefold() in low]
        if inside:
            at = slots.features.index(inside[0])
            slots.features = [f for f in slots.features if f not in inside]
            slots.features.insert(at, claim.text)
            known.add(low)
            continue
        if measured_only and not re.search(r"\d", claim.text):
            continue
        if len(slots.features) >= claims.MAX_FEATURES:
            break
        slots.features.append(claim.text)
        known.add(low)
        if not claim.noun:
            verbs.append(claim.text)
    return verbs


def _fill(slots: Slots, other: Slots) -> None:
    """Take from a second reading what the first one missed (English labels in a Korean brief)."""
    for name in ("product", "product_context", "audience", "tone"):
        if getattr(slots, name) is None:
            setattr(slots, name, getattr(other, name))
    for name in ("features", "benefits"):
        if not getattr(slots, name):
            setattr(slots, name, getattr(other, name))


def _benefits(slots: Slots, language: str) -> list[str]:
    """The benefits the brief states, then those its features imply, in the brief's language."""
    benefits = list(slots.benefits)
    for feature in slots.features:
        low = feature.lower()
        for terms, (ko, en) in FEATURE_BENEFITS:
            if any(_contains_term(low, term) for term in terms):
                benefit = ko if language == "ko" else en
                if benefit not in benefits:
                    benefits.append(benefit)
                break
    return benefits


def _contains_term(text: str, term: str) -> bool:
    if term.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(term), text) is not None
    return term in text


def _keywords(slots: Slots) -> list[str]:
    """Product, features, the product's kind, then the other salient nouns; nothing that is
    already inside an earlier keyword."""
    keywords: list[str] = []
    for candidate in [slots.product, *slots.features, slots.product_context, *slots.nouns]:
        if not candidate or len(candidate) > MAX_KEYWORD_CHARS or len(keywords) >= MAX_KEYWORDS:
            continue
        candidate = candidate.strip()
        low = candidate.lower()
        if any(_inside(low, kept.lower()) for kept in keywords):
            continue
        keywords.append(candidate)
    return keywords


def _inside(word: str, phrase: str) -> bool:
    if word.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", phrase) is not None
    return word in phrase
