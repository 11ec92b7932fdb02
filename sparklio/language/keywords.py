"""The keywords of a short text (a feed item's title and summary), for counting what many texts
talk about: noun phrases in Korean and English, and the words they are made of.

Korean goes through Kiwi's morphemes (the project's one analyser, ``brief.morph.get_kiwi``):
each word (a run of text without spaces) keeps its leading nouns, numbers, Latin letters and
noun suffixes ("전기차", "오픈AI", "GPT-5", "생성형") and loses its particles and endings
("소비자들의" → "소비자"); a word whose noun is the stem of a verb ("출시했다") is no keyword.
Neighbouring noun words form a phrase ("노이즈 캔슬링 이어폰") until a particle, an ending,
punctuation or a stop word ends it.

English has no tagger here: a phrase is a run of words between punctuation and stop words
(function words, the verbs and generic words of headlines: "launches", "new", "says"), the way
RAKE finds candidates. Words are lower-cased, acronyms ("AI", "EV") kept as written, and a
possessive "'s" dropped.

Both languages give, in the order they first appear: every word of a phrase (Korean words of one
syllable and English words of one letter left out) and every run of two or three neighbouring
words of a phrase ("electric vehicle", "전기차 배터리"). Longer phrases are the sum of
those. Each keyword appears once per text.

A line break ends every phrase (a title and its summary given on two lines do not run into one
phrase), as punctuation between sentences does. Weak words stay inside a phrase but are no keyword
alone and neither start nor end one: the generic nouns of business news ("업계", "매출",
"소비자", "brands", "sales", "shoppers"; "전기차 배터리 시장" gives no "배터리 시장"). Verbs end
a phrase like stop words: the verbal nouns of Korean headlines ("가세", "견인", "돌파", "열풍")
and English verbs ("fades", "embraces", "bet", and a word in -ing or -ed that is no known noun or
adjective: "winning", "cooled", but not "marketing" or "limited"). So "러닝크루 열풍" gives
러닝크루 and "Stanley cup craze fades" "stanley cup craze".
"""

from __future__ import annotations

import re

from sparklio.language.brief.morph import get_kiwi
from sparklio.language.detect import has_hangul
from sparklio.language.terms import ENGLISH_STOP_WORDS

MAX_PHRASE_WORDS = 3
MAX_KEYWORDS = 40
MAX_KEYWORD_CHARS = 100

# verbs, adverbs and generic words of headlines and feeds, which name no topic
_ENGLISH_EXTRA = """announce announces announced announcing launches launched unveil unveils unveiled reveal
reveals revealed say says said report reports reported according new news latest update updates updated top best
big biggest first last next now today yesterday tomorrow week weeks year years month months day days time times
make makes made see sees seen show shows showed shown look looks looking set sets hit hits rise rises rose
fall falls fell cut cuts add adds added plan plans planned expect expects expected amid among while still even
back off way ways thing things lot lots like likes really much many every new-look here's how-to watch read
breaking live exclusive inside why what's it's that's there's you're we're they're i'm don't can't won't isn't
aren't doesn't didn't vs. via re goes going gone come comes coming came use uses used using help helps helped
become becomes became find finds found keep keeps kept start starts started stop stops stopped turn turns turned
open opens opened close closes closed bring brings brought call calls called gets getting than into onto upon
without across around behind beyond during toward towards whether though although because since until unless
yet ever never always often also already almost just only more most less least very quite rather really
higher lower bigger smaller stronger weaker draw"""
ENGLISH_KEYWORD_STOP = ENGLISH_STOP_WORDS | frozenset(_ENGLISH_EXTRA.split())

# nouns of news writing and of time that name no topic; they also end a phrase
_KOREAN_STOP = """것 수 등 중 때 전 후 뒤 앞 간 내 외 측 곳 점 번 명 개 건 년 월 일 시 분 초 위 씨 측 분야
    기자 뉴스 단독 종합 속보 사진 영상 제공 관련 이번 지난 오늘 내일 어제 올해 작년 내년 최근 현재 이후 이전
    이상 이하 경우 정도 때문 가운데 대해 위해 통해 이날 당시 모두 기준 대비 예정 전망 발표 공개 출시 개최 진행
    강화 확대 추진 계획 시작 돌입 마련 선정 참여 기록 달성 증가 감소 상승 하락 가능 필요 사용 이용 제공 제작
    하나 우리 여러 다양 대한 주요 가장 본격 첫 새 신규 특집 인터뷰 칼럼 기사 오전 오후 올 내달 지난달 이달
    지난해 전년 사이 매년 매일 매주"""
KOREAN_KEYWORD_STOP = frozenset(_KOREAN_STOP.split())

# weak words (see the module docstring): the generic nouns of business news
_KOREAN_WEAK = """업계 매출 판매 소비자 시장 브랜드 기업 업체 회사 제품 신제품 상품 고객 인기 국내 해외 글로벌
    관계자 분석 조사 결과 수요 가격 이용자 사용자 점유율 실적 성장 성장세 규모 영향 효과 업종 유통 산업 부문
    누적 판매량 매장 소식 화제성 트렌드"""
KOREAN_WEAK = frozenset(_KOREAN_WEAK.split())
# verbal nouns that headlines use as verbs: they end a phrase, like a verb's ending
_KOREAN_VERBAL = """가세 견인 돌파 주목 급증 급감 등극 눈길 각광 확산 돌풍 열풍 화제 대세 호조 강세 약세
    출격 합류 공략 겨냥
    주도 흥행 선봉 잇따라 속속 잇단 인상 인하 개선 변화 부상 재편 열기 확보 도입 공세 경쟁 선점 대응"""
KOREAN_VERBAL = frozenset(_KOREAN_VERBAL.split())
_KOREAN_WEAK_ENDINGS = ("업계",)  # "주류업계", "유통업계": an industry, not what it talks about

_ENGLISH_GENERIC = """brand brands consumer consumers shopper shoppers customer customers buyer buyers user users
market markets marketplace sales sale company companies firm firms business businesses retailer retailers
industry industries analyst analysts report reports data study survey percent share shares price prices
product products maker makers seller sellers store stores demand growth revenue revenues profit profits
quarter season major key global world people trend trends popularity executive executives chain chains
million billion deal deals officials experts research results sector"""
# headline verbs in their base and -s forms (past and -ing forms are caught by their ending)
_ENGLISH_VERBS = """fade fades embrace embraces bet bets lifts rack racks boosts drives fuels sparks surges soar
soars jumps climb climbs slips slumps dips grow grows gain gains lose loses win wins beat take takes tap taps eyes
pushes pulls join joins enter enters expand expands hire hires buy buys sell sells sold bought pays raises warn warns
try tries seek seeks want wants meet meets draws drew cools heats woo woos lure lures ditch ditches shun shuns skips
flock flocks pivot pivots touts chase chases reaches struggle struggles thrive thrives dominate dominates overtake
overtakes outsell outsells outpace outpaces shrink shrinks slows spur spurs drags dents weigh weighs lag lags
rebounds recover recovers remain remains proves catch catches get give gives gave go leave left let lets put puts
runs ran send sends sent spend spends spent think thinks sees tell tells told"""
# nouns and adjectives in -ing or -ed, which are no verbs
_ENGLISH_ING_ED_WORDS = """marketing shopping streaming branding clothing packaging pricing gaming running camping
glamping wedding building housing funding advertising morning evening training banking trading computing dining
drinking eating cooking baking skiing hiking surfing fishing boxing clubbing dating parenting gardening crafting
printing shipping parking pudding dressing seasoning stuffing frosting icing topping filling bedding lighting
ceiling painting drawing meeting ring king wing spring string thing sibling offering listing opening
recycling upcycling thrifting dupe-shopping livestreaming unboxing storytelling matchmaking sightseeing
limited connected automated dedicated detailed integrated personalized personalised customized customised
advanced handcrafted handmade fermented flavored flavoured caffeinated decaffeinated frozen canned
red bed shed seed feed speed breed need weed hundred kindred sacred naked wicked rugged ragged"""
ENGLISH_GENERIC = frozenset(_ENGLISH_GENERIC.split())
ENGLISH_VERBS = frozenset(_ENGLISH_VERBS.split())
ENGLISH_ING_ED_WORDS = frozenset(_ENGLISH_ING_ED_WORDS.split())
_VOWEL = re.compile(r"[aeiouy]")

_KOREAN_NOUN_TAGS = {"NNG", "NNP", "SL", "SH", "NR"}
_KOREAN_GLUE_TAGS = {"SN", "XSN", "XPN"}  # a number, suffix or prefix inside a noun word
_KOREAN_JOINERS = {"-", ".", "&", "+"}
_KOREAN_PREDICATE_TAGS = {"XSV", "XSA", "VCP"}  # the noun before them is a verb's stem
_PLURAL_SUFFIX = "들"

_ENGLISH_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&.+-]*[A-Za-z0-9+]|[A-Za-z0-9]|[^\sA-Za-z0-9]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+-]{1,5}$")


def keywords(text: str, *, limit: int = MAX_KEYWORDS) -> list[str]:
    """The keywords of ``text`` (see the module docstring), each once, first seen first.

    >>> keywords("전기차 배터리 시장 급성장")[:4]
    ['전기차', '전기차 배터리', '전기차 배터리 시장', '배터리']
    """
    phrases: list[list[str]] = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line:
            phrases += korean_phrases(line) if has_hangul(line) else english_phrases(line)
    found: dict[str, None] = {}
    for words in phrases:
        for start in range(len(words)):
            if weak(words[start]):
                continue
            for size in range(1, MAX_PHRASE_WORDS + 1):
                if start + size > len(words):
                    break
                part = words[start : start + size]
                if weak(part[-1]) or size == 1 and _too_short(part[0]):
                    continue
                keyword = " ".join(part)
                if len(keyword) <= MAX_KEYWORD_CHARS:
                    found.setdefault(keyword, None)
                    if len(found) >= limit:
                        return list(found)
    return list(found)


def weak(word: str) -> bool:
    """A word that names no topic alone and neither starts nor ends a keyword (see the module
    docstring)."""
    if has_hangul(word):
        return word in KOREAN_WEAK or word.endswith(_KOREAN_WEAK_ENDINGS)
    if _ACRONYM.match(word):
        return False  # "AI", "EV", "GPT-5"
    return word.lower() in ENGLISH_GENERIC


def verb_like(word: str) -> bool:
    """An English headline verb ("fades", "bet") or verb form (``verb_form``): it ends a phrase."""
    if _ACRONYM.match(word):
        return False
    lowered = word.lower()
    return lowered in ENGLISH_VERBS or verb_form(lowered)


def verb_form(word: str) -> bool:
    """An English word in -ing or -ed that reads as a verb's form ("winning", "cooled"), not a
    known noun or adjective ("marketing", "limited") or a word whose ending is its root ("king",
    "speed"); compounds ("plant-based", "AI-powered") are adjectives."""
    if not word.isalpha() or word in ENGLISH_ING_ED_WORDS:
        return False
    if word.endswith("ing"):
        return len(word) >= 5 and bool(_VOWEL.search(word[:-3]))
    if word.endswith("ed") and not word.endswith("eed"):
        return len(word) >= 5 and bool(_VOWEL.search(word[:-2]))
    return False


def _too_short(word: str) -> bool:
    if has_hangul(word):
        return len(word) < 2
    return len(word) < 2 or word.isdigit()


def normalise_latin(word: str) -> str:
    """An English word as a keyword: acronyms as written ("AI", "GPT-5"), others lower-cased,
    without a possessive "'s"."""
    word = re.sub(r"['’]s$", "", word).strip("'’.-")
    return word if _ACRONYM.match(word) else word.lower()


def english_phrases(text: str) -> list[list[str]]:
    """Runs of words between punctuation, numbers and stop words."""
    phrases: list[list[str]] = []
    current: list[str] = []
    for match in _ENGLISH_TOKEN.finditer(text):
        token = match.group()
        word = normalise_latin(token) if token[0].isalnum() else ""
        if (
            not word
            or word.lower() in ENGLISH_KEYWORD_STOP
            or verb_like(word)
            or word.replace(".", "").replace(",", "").isdigit()
        ):
            if current:
                phrases.append(current)
            current = []
            continue
        current.append(word)
    if current:
        phrases.append(current)
    return phrases


def korean_phrases(text: str) -> list[list[str]]:
    """Runs of noun words (see the module docstring); Latin words inside Korean text are read
    as Kiwi gives them (SL) and treated as English words."""
    tokens = [token for token in get_kiwi().tokenize(text) if token.form.strip()]
    phrases: list[list[str]] = []
    current: list[str] = []

    def close() -> None:
        nonlocal current
        if current:
            phrases.append(current)
        current = []

    index = 0
    while index < len(tokens):
        # one word: the tokens with no space between them
        end = index + 1
        while end < len(tokens) and tokens[end].start == tokens[end - 1].start + tokens[end - 1].len:
            end += 1
        word_tokens = tokens[index:end]
        index = end
        noun, rest = _noun_part(text, word_tokens)
        if noun is None:
            close()
            continue
        if (
            noun in KOREAN_KEYWORD_STOP
            or noun in KOREAN_VERBAL
            or noun.lower() in ENGLISH_KEYWORD_STOP
            or verb_like(noun)
        ):
            close()
            continue
        current.append(noun)
        if rest:  # a particle or an ending closes the phrase
            close()
    close()
    return phrases


def _noun_part(text: str, word_tokens) -> tuple[str | None, bool]:
    """The noun at the head of a word and whether anything (a particle, an ending) follows it;
    None when the word does not start with a noun or its noun is a verb's stem."""
    taken = 0
    for position, token in enumerate(word_tokens):
        if token.tag in _KOREAN_NOUN_TAGS:
            taken = position + 1
        elif token.tag in _KOREAN_GLUE_TAGS and (taken or token.tag == "XPN"):
            if token.tag == "XSN" and token.form == _PLURAL_SUFFIX:
                break
            taken = position + 1
        elif token.tag == "SO" and token.form in _KOREAN_JOINERS and taken and position + 1 < len(word_tokens):
            continue
        else:
            break
    head = word_tokens[:taken]
    if not head or head[0].tag in {"SN", "NR"} and not any(t.tag in {"NNG", "NNP", "SL"} for t in head):
        return None, True
    if head[0].tag == "SN":
        return None, True  # "2배", "30%": amounts, not topics
    following = word_tokens[taken] if taken < len(word_tokens) else None
    if following is not None and following.tag in _KOREAN_PREDICATE_TAGS:
        return None, True
    surface = text[head[0].start : head[-1].start + head[-1].len]
    if not has_hangul(surface):
        surface = normalise_latin(surface)
    return surface, following is not None
