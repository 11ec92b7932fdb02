"""What a chat message asks for: rules first (fast, offline, explainable), then the gateway
when one is configured and the rules only found small talk.

A request for copy names a kind of copy (each kind is one generator) and often a count:
``copy_request`` reads both, and what is left of the message once the request's own words are
gone (``rest``) is all it may say about the product."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from sparklio.language.brief import detect_channel

logger = logging.getLogger(__name__)

INTENTS = [
    "generate_copy",
    "make_campaign",
    "edit_document",
    "analyze_meeting",
    "brand_question",
    "trends",
    "product_info",
    "small_talk",
]

MEETING = re.compile(r"(회의|미팅|회의록|meeting|transcript|minutes)", re.I)
SUMMARIZE = re.compile(r"(분석|정리|요약|액션\s*아이템|analy[sz]e|summari[sz]e|action items)", re.I)
SPEAKER_LINE = re.compile(r"^\s*(\[[^\]]{1,30}\]|[\w가-힣 .]{1,20})\s*:", re.M)
# how many designs a request names between the design and its verb: "썸네일 하나 만들어줘", "배너 2장 제작"
DESIGN_COUNT = r"(?:(?:하나|한\s*(?:개|장)|두\s*(?:개|장)|세\s*(?:개|장)|\d{1,2}\s*(?:개|장))\s*(?:만|씩)?\s*)?"
CAMPAIGN = re.compile(
    r"(캠페인|광고\s*(이미지|디자인|배너|소재)?\s*(를|을)?\s*" + DESIGN_COUNT + r"(만들|제작)|"
    r"(?:배너|썸네일|포스터|전단지?)\s*(을|를)?\s*" + DESIGN_COUNT + r"(?:만들|제작)|"
    r"campaign|(make|create|design)\s+(an?\s+|one\s+|two\s+|\d{1,2}\s+)?(\w+\s+){0,3}"
    r"(ad|banner|post|thumbnail|story|poster|flyer))",
    re.I,
)
CAMPAIGN_WORD = re.compile(r"캠페인|campaign", re.I)
EDIT = re.compile(
    r"(크게|작게|키워|줄여|바꿔|변경|추가|삭제|지워|옮겨|밝게|어둡게|브랜드\s*(색|컬러)|bigger|smaller|larger|move|"
    r"change|add|remove|delete|brighter|darker|brand colou?rs?)",
    re.I,
)
BRAND = re.compile(
    r"(브랜드|톤|보이스|금지어|필수어|가이드|컬러|색상|brand|tone|voice|guideline|banned|palette|colou?rs?)", re.I
)
# what is trending: "요즘 뭐가 뜨고 있어?", "인기 키워드 알려줘", "what's trending?", "any hot topics?"
TRENDS = re.compile(
    r"트렌드|트랜드|유행|뜨는|뜨고\s*있|떠오르|급상승|핫한|핫해|핫\s*이슈|화제|(?:요즘|최근)\s*(?:무슨|어떤)?\s*이슈|"
    r"인기\s*(?:있는|많은)?\s*(?:키워드|검색어|토픽|주제|이슈|소식|뉴스)|요즘\s*(?:인기|관심)|"
    r"(?<![a-z])trend(?:s|ing)?(?![a-z])|what(?:'s|\s+is|\s+are)\s+(?:hot|popular|buzzing)|hot\s+topics?|"
    r"(?<![a-z])buzz(?:ing)?(?![a-z])|popular\s+(?:right\s+now|these\s+days|lately|topics?|keywords?)|"
    r"rising\s+(?:topics?|keywords?)|talk\s+of\s+the\s+town|most\s+talked[\s-]about",
    re.I,
)
QUESTION = re.compile(r"(\?|뭐|무엇|무슨|어떤|어떻게|알려|what|which|how|tell me)", re.I)


@dataclass
class Intent:
    name: str
    source: str  # "rules" or the provider that classified it
    reason: str


FIELD_LABELS = {
    "product", "audience", "target", "channel", "features", "feature", "tone", "price", "offer", "goal", "brand",
    "format", "budget", "deadline", "note", "notes", "cta", "headline", "제품", "타겟", "타깃", "채널", "특징",
    "톤", "가격", "혜택", "목표", "브랜드", "예산", "마감", "메모",
}  # fmt: skip


def turn_taking_speakers(text: str) -> int:
    """How many speakers talk at least twice: a transcript's turn-taking, not a brief's fields."""
    counts: dict[str, int] = {}
    for label in SPEAKER_LINE.findall(text):
        name = label.strip("[] ").casefold()
        if name and name not in FIELD_LABELS:
            counts[name] = counts.get(name, 0) + 1
    return sum(1 for count in counts.values() if count >= 2)


# --- requests for copy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CopyKind:
    """A kind of copy a message can ask for, the generator that writes it, and how it is named."""

    key: str
    generator: str
    pattern: re.Pattern


def _kind(key: str, generator: str, pattern: str) -> CopyKind:
    return CopyKind(key, generator, re.compile(pattern, re.I))


COPY_KINDS = [
    _kind(
        "email_subject",
        "email",
        r"(?:이메일|메일|뉴스레터|e-?mail|newsletter)\s*(?:의\s*)?(?:제목|타이틀|subject(?:\s*lines?)?|titles?)"
        r"|subject\s*lines?",
    ),
    _kind(
        "seo_meta",
        "seo_meta",
        r"seo(?:\s*(?:메타|meta))?(?:\s*(?:태그|설명|디스크립션|정보|데이터|tags?|descriptions?|titles?|data))?"
        r"|메타\s*(?:태그|설명|디스크립션)|meta\s*(?:tags?|descriptions?)",
    ),
    _kind("hashtag", "hashtag", r"해[시쉬]\s*태그|hash\s*-?tags?"),
    _kind(
        "cta",
        "cta",
        r"(?:cta|콜\s*투\s*액션|call[\s-]*to[\s-]*actions?|행동\s*유도)(?:\s*(?:문구|버튼|카피|문안|copy|buttons?|texts?))?"
        r"|버튼\s*문구|button\s*(?:copy|texts?)",
    ),
    _kind("slogan", "slogan", r"슬로건|태그\s*라인|캐치\s*프레이즈|slogans?|tag\s*-?lines?|catch\s*-?phrases?"),
    _kind(
        "ad_copy",
        "ad_copy",
        r"광고\s*(?:문구|카피|문안)|(?<![a-z])ad\s*(?:copy|copies|variants?|variations?|texts?)(?![a-z])",
    ),
    _kind("headline", "headline", r"헤드\s*라인|헤드\s*카피|제목|타이틀|headlines?|(?<![a-z])titles?(?![a-z])"),
    _kind(
        "description",
        "description",
        r"(?:상품|제품|상세)\s*(?:설명|소개)(?:\s*(?:글|문구|문))?|소개\s*글|설명\s*(?:글|문구)"
        r"|(?:product\s*)?descriptions?",
    ),
    _kind("email", "email", r"이메일|메일|뉴스레터|e-?mails?|newsletters?"),
    _kind(
        "sns_post",
        "sns_post",
        r"sns\s*(?:글|게시물|포스트|포스팅|캡션|posts?)?|(?:인스타(?:그램)?|페북|페이스북|카카오|카톡)\s*"
        r"(?:글|게시물|게시글|포스트|포스팅|캡션|피드\s*글)|게시물|게시글|캡션|피드\s*글"
        r"|(?:social(?:\s*media)?|instagram|facebook)\s*(?:posts?|captions?)|captions?|(?<![a-z])posts?(?![a-z])",
    ),
    _kind("blog_post", "blog_post", r"블로그\s*(?:글|포스트|포스팅|게시물|원고)?|blog\s*(?:posts?|articles?)?"),
]
KINDS = {kind.key: kind for kind in COPY_KINDS}
# copy in general: the copywriter's whole set, or (with a count) that many headlines
GENERIC_COPY = re.compile(r"카피|문구|문안|(?<![a-z])cop(?:y|ies)(?![a-z])|copywriting", re.I)

# "써줘", "뽑아", "write": asking for something to be written even when the message also says
# "바꿔" or "add"; "만들어", "make", "줘" ask only when nothing in the message reads as an edit
WRITE_STRONG = re.compile(
    r"써|쓰|작성|뽑|추천|제안|생성|브레인스토밍|write|suggest|draft|brainstorm|come\s+up|generate", re.I
)
WRITE = re.compile(
    r"써|쓰|작성|뽑|추천|제안|생성|만들|부탁|줘|주세요|주실|필요|아이디어|후보|"
    r"write|suggest|draft|brainstorm|come\s+up|generate|give|make|create|need|want|list|ideas?|options|please",
    re.I,
)

KO_NUMBERS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6,
              "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}  # fmt: skip
EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
# a range of counts ("두세 개": two or three): the upper bound is given, and the answer says so
KO_RANGES = {"한두": (1, 2), "두세": (2, 3), "두어": (2, 3), "서너": (3, 4), "세네": (3, 4), "너덧": (4, 5),
             "네다섯": (4, 5), "대여섯": (5, 6), "예닐곱": (6, 7)}  # fmt: skip
# a count left open ("몇 개", "a few"): that many, and the answer says it chose
VAGUE = {"몇": 3, "여러": 3, "a few": 3, "few": 3, "several": 3, "a handful of": 3, "handful of": 3}
EN_COUPLE = {"a couple of": 2, "a couple": 2, "couple of": 2}
COUNTER = r"\s*(?:개(?![월국])|가지|안(?![가-힣])|편|종|건|세트)"
KO_WORD = "|".join(sorted(KO_NUMBERS, key=len, reverse=True))
KO_RANGE_WORD = "|".join(sorted(KO_RANGES, key=len, reverse=True))
EN_LOOSE = r"a\s+couple(?:\s+of)?|couple\s+of|a\s+few|several|a\s+handful\s+of"
# (pattern, form): where a count may sit relative to the kind it counts depends on its form
COUNTS = [
    (re.compile(rf"(?<![\d.,])(\d{{1,2}}\s*[~\-–]\s*\d{{1,2}}){COUNTER}"), "counter"),  # "2~3개"
    (re.compile(rf"(?<![\d.,])(\d{{1,3}}){COUNTER}"), "counter"),
    (re.compile(rf"(?<![가-힣])({KO_RANGE_WORD}){COUNTER}"), "counter"),
    (re.compile(rf"(?<![가-힣])(몇|여러){COUNTER}"), "counter"),
    (re.compile(rf"(?<![\w-])({EN_LOOSE})(?![\w-])", re.I), "english"),
    (re.compile(rf"(?<![가-힣])({KO_WORD}){COUNTER}"), "counter"),
    (re.compile(r"(?<![가-힣])(하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)(?=$|[\s.,!?~]|만|씩|정도|쯤)"), "word"),
    (re.compile(r"(?<![\w])[x×]\s?(\d{1,2})(?!\w)"), "times"),  # lower-case x: "X1" is a product
    (re.compile(r"(?<![\w.])(\d{1,2})\s?[x×](?!\w)"), "times"),
    (re.compile(r"(?<![\w.,%+#-])(\d{1,2})(?![\w.,%+/:-])"), "bare"),
    (re.compile(r"(?<![\w-])(" + "|".join(EN_NUMBERS) + r")(?![\w-])", re.I), "english"),
]
# between a count written first and its kind: "5개의 짧은 헤드라인", "five catchy taglines"
KO_BEFORE_KIND = re.compile(r"\s*(?:의|짜리)?\s*(?:[가-힣]{1,5}\s+)?")
EN_BEFORE_KIND = re.compile(r"\s+(?:[a-z-]+\s+){0,3}", re.I)
# between a kind and a count written after it: "헤드라인을 5개만", "slogan ideas x3"
AFTER_KIND = re.compile(r"[^.!?\n]{0,12}")
# a language asked for, not one the product is about ("영어 학원", "Korean skincare")
COPY_NOUN_AHEAD = r"(?=\s*(?:헤드라인|카피|슬로건|문구|해시태그|제목|버전|copy|headlines?|slogans?|version))"
LANGUAGE_ASKED = [
    (re.compile(rf"영어로|영문으로|(?:영문|영어){COPY_NOUN_AHEAD}|in\s+english|english{COPY_NOUN_AHEAD}", re.I), "en"),
    (
        re.compile(
            rf"한국어로|한글로|국문으로|(?:국문|한국어|한글){COPY_NOUN_AHEAD}|in\s+korean|korean{COPY_NOUN_AHEAD}", re.I
        ),
        "ko",
    ),
]
# the words of a request that say nothing about the product
REQUEST_WORDS = re.compile(
    r"(?:(?<![가-힣])|(?<=[을를로]))(?:써|쓰|작성|만들|뽑|추천|제안|생성|부탁|브레인스토밍)[가-힣]*"
    r"|(?<![가-힣])(?:해\s*줘|해\s*주세요|해\s*줄래|줘|주세요|줄래|주실래요|좀|정도|쯤|만|씩|"
    r"(?<!\d개 )(?<!\d잔 )(?<!\d병 )더|"  # "1개 더 드려요" is an offer's, not a request's
    r"새로|다시|다른|새|후보|"
    r"아이디어|버전|예시|몇|여러|각각|짧게|짧은|길게|가능해|해봐|보여\s*줘|알려\s*줘)(?![가-힣])"
    r"|(?<![\w-])(?:give|write|suggest|draft|make|create|generate|come\s+up\s+with|brainstorm|need|want|list|"
    r"show|send|me|us|i|we|you|please|pls|can|could|would|will|kindly|some|few|more|another|other|different|a|an|the|"
    r"ideas?|options?|alternatives?|variations?|versions?|examples?|lines?|of\s+them|short|catchy|punchy|snappy|creative)"
    r"(?![\w-])",
    re.I,
)
PARTICLE_LEFT = re.compile(
    r"(?:(?<=\s)|^)(?:을|를|은|는|이|가|도|만|으로|로|용|의|에|에서|에게|으로요|로요)(?=\s|$|[,.!?])"
)
# referring back names no product: "이 제품으로", "that one"
DEICTIC = re.compile(
    r"(?:이|그|저|위|아까|같은|우리|this|that|it|same|our|my)?\s*(?:제품|상품|거|것|걸|product|one)?"
    r"(?:으로|로|을|를|에|의|도)?",
    re.I,
)


@dataclass(frozen=True)
class Count:
    """How many a message asks for: a number, the upper bound of a range ("두세 개": 3 of 2–3),
    or a number chosen for a count left open ("몇 개", "a few")."""

    number: int
    low: int | None = None  # a range's lower bound
    vague: bool = False

    @classmethod
    def read(cls, word: str) -> Count | None:
        folded = re.sub(r"\s+", " ", word.casefold().strip())
        if folded.isdigit():
            return cls(int(folded))
        if found := re.fullmatch(r"(\d{1,2}) ?[~\-–] ?(\d{1,2})", folded):
            low, high = sorted((int(found.group(1)), int(found.group(2))))
            return cls(high, low=low) if low != high else cls(high)
        if folded in KO_RANGES:
            low, high = KO_RANGES[folded]
            return cls(high, low=low)
        if folded in VAGUE:
            return cls(VAGUE[folded], vague=True)
        if folded in EN_COUPLE:
            return cls(EN_COUPLE[folded])
        number = KO_NUMBERS.get(folded) or EN_NUMBERS.get(folded)
        return cls(number) if number else None


# "더", "more", "another", "again", "다른": items not given yet in the session
MORE = re.compile(
    r"(?<![가-힣])(?:더|다른|또|다시|추가로?)(?![가-힣])|(?<![\w-])(?:more|another|other|different|again)(?![\w-])",
    re.I,
)


@dataclass(frozen=True)
class CopyRequest:
    kind: str | None  # a key of KINDS; None: copy in general (the copywriter's whole set)
    count: int | None  # how many the message asks for, None when it does not say
    asked: bool  # the message asks for it to be written (a count or a verb), not only names it
    language: str | None  # asked for explicitly: "영어로", "in Korean"
    channel: str | None  # a channel the message names
    rest: str  # the message without the request's own words: all it says about the product
    span: tuple[int, int]  # where the message names the kind
    count_low: int | None = None  # a range's lower bound ("두세 개": 2, with count 3)
    count_vague: bool = False  # the count was left open ("몇 개", "a few") and ``count`` chosen
    more: bool = False  # "더", "more", "another": items the session has not been given yet

    @property
    def generator(self) -> str | None:
        return KINDS[self.kind].generator if self.kind else None


def _kinds_named(text: str) -> list[tuple[int, int, str]]:
    """Every place a kind is named, the longest naming winning where two overlap
    ("이메일 제목" is an email subject, not an email and a headline)."""
    found = [
        (match.start(), match.end(), kind.key)
        for kind in COPY_KINDS
        for match in kind.pattern.finditer(text)
        if match.end() > match.start()
    ]
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, key in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, key))
    return kept


def _counts(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, number, form) of every count-like phrase; a longer form wins an overlap."""
    found = []
    for pattern, form in COUNTS:
        for match in pattern.finditer(text):
            count = Count.read(match.group(1))
            # zero only as digits ("헤드라인 0개"): "zero sugar" names a product
            if count is not None and (count.number or match.group(1).isdigit()):
                found.append((match.start(), match.end(), count, form))
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    kept: list[tuple[int, int, int, str]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def _count_for(text: str, named: tuple[int, int, str], counts) -> tuple[int, int, int, Count] | None:
    """The count of this kind: next to it, in a form that may stand there. (gap, start, end, count)"""
    start, end, key = named
    singular = not text[start:end].casefold().endswith("s") or key in ("ad_copy",)
    best = None
    for c_start, c_end, number, form in counts:
        if c_start >= end:  # the kind first: "헤드라인 5개", "slogan ideas x3"
            gap = text[end:c_start]
            fits = {
                "counter": AFTER_KIND.fullmatch(gap) is not None,
                "word": len(gap) <= 6 and AFTER_KIND.fullmatch(gap) is not None,
                "times": len(gap) <= 15 and not re.search(r"[.!?\n]", gap),
                "bare": len(gap) <= 3 and not re.search(r"[\w가-힣]", gap),
                "english": False,
            }[form]
        elif c_end <= start:  # the count first: "5개의 헤드라인", "give me 4 headlines"
            gap = text[c_end:start]
            fits = {
                "counter": KO_BEFORE_KIND.fullmatch(gap) is not None,
                "word": False,
                "times": len(gap) <= 3,
                "bare": gap == " " or EN_BEFORE_KIND.fullmatch(gap) is not None,
                "english": EN_BEFORE_KIND.fullmatch(gap) is not None and (number.number != 1 or singular),
            }[form]
        else:
            continue
        if fits and (best is None or len(gap) < best[0]):
            best = (len(gap), c_start, c_end, number)
    return best


def copy_request(text: str) -> CopyRequest | None:
    """The copy a message asks for, or None when it names none."""
    named = _kinds_named(text)
    generic = [(m.start(), m.end(), "") for m in GENERIC_COPY.finditer(text)]
    generic = [g for g in generic if not any(_overlaps((s, e), g[:2]) for s, e, _ in named)]
    if not named and not generic:
        return None
    counts = _counts(text)
    candidates = named or generic
    counted = [(found, _count_for(text, found, counts)) for found in candidates]
    with_count = [(found, count) for found, count in counted if count is not None]
    verb = WRITE.search(text)
    if with_count:  # the kind a count belongs to is the one asked for
        chosen, count = min(with_count, key=lambda item: item[1][0])
    elif verb is not None:  # else the one nearest the verb: its object
        chosen, count = (
            min(candidates, key=lambda found: min(abs(found[1] - verb.start()), abs(verb.end() - found[0]))),
            None,
        )
    else:
        chosen, count = candidates[-1], None
    kind = chosen[2] or None
    if kind is None and count is not None:
        kind = "headline"  # "카피 5개": five lines of copy, which is what headlines are
    more = [m for m in MORE.finditer(text) if not any(_overlaps(m.span(), (s, e)) for s, e, _ in named)]
    # "another CTA", "different headlines again": asking for more is asking, unless it reads as an edit
    # "headlines for 'Nimbus 2'", "'트러플 감자 뇨끼' 슬로건": the kind and what it is about, nothing else
    quoted = QUOTED_NAME.search(text)
    elliptic = bool(named) and (
        re.match(r"\s*(?:for|about|on)\s+\S", text[chosen[1] :], re.I) is not None
        or (quoted is not None and not _rest(_without(text, [(s, e) for s, e, _ in named] + [quoted.span()])))
    )
    asked = (
        elliptic
        or count is not None
        or (verb is not None and (EDIT.search(text) is None or WRITE_STRONG.search(text) is not None))
        or (bool(more) and EDIT.search(text) is None)
    )
    language = next((code for pattern, code in LANGUAGE_ASKED if pattern.search(text)), None)
    spans = [(s, e) for s, e, _ in named] + [(s, e) for s, e, _ in generic]
    spans += [(m.start(), m.end()) for pattern, _ in LANGUAGE_ASKED for m in pattern.finditer(text)]
    if count is not None:
        spans.append((count[1], count[2]))
    return CopyRequest(
        kind=kind,
        count=count[3].number if count else None,
        asked=asked,
        language=language,
        channel=detect_channel(text)[0],
        rest=_rest(_without(text, spans)),
        span=(chosen[0], chosen[1]),
        count_low=count[3].low if count else None,
        count_vague=count[3].vague if count else False,
        more=bool(more),
    )


def request_rest(text: str) -> str:
    """What a message says about the product: all of it, or (a request for copy) what is left
    once the request's own words are gone; "" when that is nothing."""
    request = copy_request(text)
    return request.rest if request is not None else _rest(text)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(_merged(spans), reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return text


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


QUOTED_NAME = re.compile(r"['‘’\"“”「『]([^'‘’\"“”」』\n]{2,60})['‘’\"“”」』]")


def quoted_name(text: str) -> str | None:
    """The first name a message puts in quotes ("'트러플 감자 뇨끼' 헤드라인"), if any."""
    found = QUOTED_NAME.search(text)
    return found.group(1).strip() if found and found.group(1).strip() else None


def _rest(text: str) -> str:
    rest = PARTICLE_LEFT.sub(" ", text)  # "헤드라인을" leaves "을" behind
    for _ in range(2):  # "써 줘" leaves "줘" once the verb is gone
        rest = REQUEST_WORDS.sub(" ", rest)
        rest = PARTICLE_LEFT.sub(" ", rest)
    # a labelled brief keeps its lines ("제품: …\n특징: …")
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in rest.splitlines())
    rest = "\n".join(line for line in lines if line).strip(" \t\n:;,.!?~-–—·/|()[]")
    # a name in quotes keeps them ("'트러플 감자 뇨끼'" is read as the product's name); a stray one goes
    if not QUOTED_NAME.search(rest):
        rest = rest.strip(" \t\n:;,.!?~-–—·/|\"'()[]‘’“”")
    rest = re.sub(r"^(?:for|about|on)\s+", "", rest, flags=re.I).strip()
    if not re.search(r"\w", rest) or DEICTIC.fullmatch(rest):
        return ""
    return rest


def is_kind_name(text: str) -> bool:
    """Whether ``text`` only names a kind of copy ("CTA", "헤드라인"): a product it is not."""
    stripped = text.strip()
    return bool(stripped) and (
        any(kind.pattern.fullmatch(stripped) for kind in COPY_KINDS) or GENERIC_COPY.fullmatch(stripped) is not None
    )


# --- intents ----------------------------------------------------------------------------------------


def detect_by_rules(text: str, *, has_document: bool) -> Intent:
    stripped = text.strip()
    speakers = turn_taking_speakers(stripped)
    if (MEETING.search(stripped) and SUMMARIZE.search(stripped)) or (len(stripped) > 600 and speakers >= 2):
        return Intent(
            "analyze_meeting", "rules", "asks to analyse a meeting" if speakers < 2 else "a pasted transcript"
        )
    request = copy_request(stripped)
    asks_copy = request is not None and request.asked
    if (
        has_document
        and EDIT.search(stripped)
        and len(stripped) < 200
        and not CAMPAIGN.search(stripped)
        and not (asks_copy and WRITE_STRONG.search(stripped))
    ):
        return Intent("edit_document", "rules", "a change to the open document")
    # "create 3 ad copies" reads as a design only through the words that name the copy, and
    # "캠페인 슬로건" names the campaign as a topic: a design request beats a request for copy, a topic does not
    outside = [m for m in CAMPAIGN.finditer(stripped) if not (request and _overlaps(m.span(), request.span))]
    design = [m for m in outside if not CAMPAIGN_WORD.fullmatch(m.group(0))]
    if asks_copy and not design and (request.kind is not None or not outside):
        return Intent("generate_copy", "rules", f"asks for {request.kind or 'copy'}")
    if outside:
        return Intent("make_campaign", "rules", "asks for a design or campaign")
    if TRENDS.search(stripped) and not asks_copy:
        return Intent("trends", "rules", "asks what is trending")
    if BRAND.search(stripped) and QUESTION.search(stripped):
        return Intent("brand_question", "rules", "a question about the brand")
    return Intent("small_talk", "rules", "nothing else matched")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class IntentChoice(BaseModel):
    intent: str = Field(description=f"One of: {', '.join(INTENTS)}")
    reason: str = Field(max_length=200)


def detect(text: str, *, has_document: bool, workspace_id: int | None, provider: str | None) -> Intent:
    """Rules, then (only for what the rules call small talk) the model's classification."""
    from sparklio.llm.errors import LLMError
    from sparklio.llm.gateway import gateway

    found = detect_by_rules(text, has_document=has_document)
    if found.name != "small_talk" or provider == "offline":
        return found
    try:
        answer = gateway.complete(
            [
                {
                    "role": "system",
                    "content": "Classify the marketer's message for a marketing studio assistant. Intents: "
                    "generate_copy (write headlines, slogans, captions, hashtags), make_campaign (design an ad or "
                    "campaign), edit_document (change the open design), analyze_meeting (summarise meeting notes), "
                    "brand_question (about the brand kit), trends (what is trending in the news and feeds now), "
                    "product_info (describes a product: its name, features, offer or price, asking for nothing), "
                    "small_talk (anything else).",
                },
                {"role": "user", "content": text[:2000]},
            ],
            purpose="fast",
            provider=provider,
            schema=IntentChoice,
            max_tokens=100,
            workspace_id=workspace_id,
            temperature=0,
        )
    except LLMError:
        return found
    except Exception:  # an adapter bug must not cost the user the answer: the rules' intent stands
        logger.exception("intent classification failed; keeping the rules' intent")
        return found
    choice = answer.data
    if choice.intent not in INTENTS or (choice.intent == "edit_document" and not has_document):
        return found
    return Intent(choice.intent, answer.provider, choice.reason)
