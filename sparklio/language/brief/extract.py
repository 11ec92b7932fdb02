"""brief_parse: the deterministic reading of a marketing brief that every generator baseline
starts from. Korean briefs are read through Kiwi's morphology, English ones through cue
phrases; prices, offers and channels are matched the same way in both."""

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import claims, english, korean
from .lexicon import FEATURE_BENEFITS
from .names import camel_case_name, guessed_product, named_product, strip_category, with_model_number
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


def brief_parse(text: str) -> Brief:
    """Read a brief into slots. Deterministic, and never fails on odd input."""
    text = _clean(text)
    analysed = text[:MAX_ANALYSED_CHARS]
    language = detect_language(analysed)
    channel, channel_name = detect_channel(analysed)
    offer, offer_spans = find_offers(analysed)
    price, price_span = find_price(analysed, offer_spans)
    deadline, deadline_span = find_deadline(analysed)
    taken = offer_spans + ([price_span] if price_span else []) + ([deadline_span] if deadline_span else [])
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
        if slots.product and slots.product != named[0] and not slots.product_context:
            slots.product_context = slots.product
        slots.product = named[0]
    elif language == "en":
        _name_of_product(slots)
    slots.product = with_model_number(analysed, strip_category(_without_request_words(slots.product)))
    guessed_lower = bool(slots.product) and re.fullmatch(r"[a-z0-9 &'’.-]+", slots.product or "") is not None
    shaped = camel_case_name(analysed) if language == "en" and not named else None
    if shaped and (not slots.product or guessed_lower or slots.product.isupper()):
        # "for our review video. the AirPure 360 air purifier": a CamelCase or model name
        # beats a lower-case phrase that a cue word pointed at
        slots.product = shaped
    if not slots.product or (language == "en" and not named and guessed_lower):
        slots.product = guessed_product(analysed, language) or slots.product
    slots.audience = _whole_numbers(analysed, slots.audience)
    verb_features = _claimed_features(slots, analysed, language, taken)
    # "두피 진정 효과가 있고": a benefit the brief states is a claim the design should carry too
    for benefit in slots.benefits:
        if len(slots.features) >= 2:
            break
        if benefit.casefold() not in {f.casefold() for f in slots.features}:
            slots.features.append(benefit)
    category = (
        category_of_phrase(slots.product)
        or category_of_phrase(slots.product_context)
        or category_of_words(slots.category_words)
    )
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
        doubts=_doubts(analysed, slots.product, bool(named), slots.features, offer, taken),
    )


# a name-shaped product: CamelCase or a model number ("FlowDesk", "KEYON K2", "X1"), or a
# Latin word in a Korean brief
_NAME_LIKE = re.compile(r"[A-Za-z]+[A-Z0-9]|[A-Z]{2,}|\d")
_OFFER_WORDS = re.compile(
    r"할인|세일|증정|특가|쿠폰|사은품|이벤트|(?<![a-z])(?:off|sale|discount|deal|promo|coupon|bogo|free)(?![a-z])",
    re.IGNORECASE,
)

# "No discount.", "할인은 따로 없음": the brief says there is none
_NO_OFFER = re.compile(
    r"(?<![a-z])(?:no|without|not\s+a)\s+(?:discount|promo(?:tion)?|sale|offer|coupon|deal)s?(?![a-z])"
    r"|할인\S{0,2}\s*(?:은|는)?\s*(?:따로\s*)?(?:없|x)",
    re.IGNORECASE,
)


# CamelCase words that name a platform or a tool, never the product of a brief
_PLATFORM_NAMES = {
    "youtube", "tiktok", "linkedin", "kakaotalk", "instagram", "facebook", "powerpoint", "wifi", "iphone", "ipad",
    "macbook", "airpods", "github", "gmail", "whatsapp", "wechat", "paypal", "shopify", "woocommerce", "openai",
    "chatgpt", "hubspot", "mailchimp", "quickbooks", "imessage", "airdrop", "bluetooth", "usb-c", "wi-fi",
}  # fmt: skip


def _doubts(text: str, product: str | None, named: bool, features: list[str], offer: str | None, taken) -> list[str]:
    doubts = []
    if product:
        quoted = re.search(r"['\"‘“「『《〈\[【<]\s*" + re.escape(product), text) is not None
        title_case = len(product.split()) >= 2 and all(w[:1].isupper() or w == "&" for w in product.split())
        shaped = (
            title_case
            or _NAME_LIKE.search(product) is not None
            or (re.search(r"[가-힣]", text) is not None and re.search(r"[A-Za-z]", product) is not None)
        )
        # a second reading that disagrees: a long phrase rarely is a name ("멍스낵 수제 오리목뼈 간식"),
        # and a CamelCase name elsewhere in the brief may be the one meant
        other = camel_case_name(text)
        other = None if other and other.split()[0].casefold() in _PLATFORM_NAMES else other
        disagrees = len(product.split()) >= 4 or (other is not None and other.casefold() not in product.casefold())
        if not (named or quoted or shaped) or (disagrees and not (named or quoted)):
            doubts.append("product")
    else:
        doubts.append("product")
    if len(features) < 2:
        doubts.append("features")
    if not offer:
        rest = text
        for start, end in sorted(taken, reverse=True):
            rest = rest[:start] + " " + rest[end:]
        rest = _NO_OFFER.sub(" ", rest)
        if _OFFER_WORDS.search(rest):
            doubts.append("offer")
    return doubts


# "출력: USB-C 최대 20W", "무게: 45g": a spec sheet pasted into the brief, one fact a line
_SPEC_LINE = re.compile(
    r"^[ \t]*[-•·*]?[ \t]*(?P<label>[가-힣A-Za-z][가-힣A-Za-z ]{0,8}?)[ \t]*[:：][ \t]*(?P<v>[^\n]{1,40}?)[ \t]*$",
    re.MULTILINE,
)
_NOT_SPEC_LABELS = re.compile(
    r"명$|이름|가격|정가|할인|특가|가$|이벤트|혜택|프로모션|기간|마감|일정|채널|타겟|타깃|대상|톤|브랜드|요청|참고|문의|"
    r"연락|주소|장소|일시|price|offer|promo|deadline|channel|target|audience|tone|brand|name|product|item|model",
    re.IGNORECASE,
)
_MEASURE_ONLY = re.compile(r"[\d.,x×~\s]+[A-Za-z가-힣%\"]{0,4}")


def _spec_lines(text: str, taken: list) -> list[tuple[str, tuple[int, int]]]:
    found = []
    for match in _SPEC_LINE.finditer(text):
        label, value = match.group("label").strip(), match.group("v").strip()
        if _NOT_SPEC_LABELS.search(label) or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        feature = f"{label} {value}" if _MEASURE_ONLY.fullmatch(value) else value
        found.append((feature, match.span()))
    return found if len(found) >= 2 else []  # one "X: Y" line is a sentence, two or more a sheet


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
    if branded:
        slots.product_context = slots.product_context or product[: branded.start()].strip() or None
        slots.product = branded.group("name").strip()
        return
    run = _NAME_RUN.match(product)
    if run and (len(run.group("name").split()) >= 2 or any(c.isdigit() or c.isupper() for c in run.group("name")[1:])):
        slots.product = run.group("name")
        slots.product_context = slots.product_context or run.group("rest")


_CHANNEL_TAIL = re.compile(
    r"(?:\s+(?:네이버|블로그|인스타(?:그램)?|카카오(?:톡)?|카톡|유튜브|페이스북|피드|스토리|광고|포스팅|이미지|"
    r"런칭|출시|신제품|제작|요청|의뢰|부탁|홍보|상세\s?페이지|랜딩\s?페이지|랜딩|신규|포스터|배너|뉴스레터|모집|"
    r"blog|instagram|facebook|youtube|kakao|ad|post))+$",
    re.IGNORECASE,
)
_NOT_A_PRODUCT = {"ig", "fb", "yt", "sns", "ad", "ads", "cta", "post", "story", "feed", "reels"}


def _without_request_words(product: str | None) -> str | None:
    """ "Aqua Pure 정수기 네이버 블로그" → "Aqua Pure 정수기"; "X9인" (Kiwi's reading of "X9인데") →
    "X9"; a channel's short name ("IG") is no product."""
    if not product:
        return product
    product = _CHANNEL_TAIL.sub("", product).strip()
    product = re.sub(r"(?<=[A-Za-z0-9])인$", "", product)
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
    return (before.group(0) + phrase) if before else phrase


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
    measured_only = len(slots.features) >= 2
    verbs: list[str] = []
    for claim in found:
        low = claim.text.casefold()
        # "vitamin C serum for women in their 30s" holds the audience; "초보자 전용 클래스" is a claim
        holds_audience = audience.isascii() and len(audience.split()) >= 2 and audience in low
        if (
            low in known
            or (audience and (low in audience or holds_audience))
            or any(low in k or k in low for k in known)
        ):
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
