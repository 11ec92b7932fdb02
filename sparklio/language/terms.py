"""The content terms of a Korean or English text, for matching a question to the sentences
that answer it: Korean through Kiwi's morphemes (nouns, verb and adjective stems, roots),
English through lower-cased, lightly stemmed words without stop words, numbers as written,
and units under one name whatever the language ("30시간" and "30 hours" share ``#30``,
``unit:hour`` and ``30:hour``). Common product, policy and marketing words of both languages
map to one concept ("배터리" and "battery" are both ``c:battery``), so that a Korean question
can be matched to an English sentence and back without a model.

``search_terms`` serves full-text search instead: PostgreSQL's parsers cut text at spaces,
which leaves Korean words glued to their particles ("배터리는", "배터리를" and "배터리" never
meet). It keeps Kiwi's content morphemes and the Latin words and numbers as written, for
PostgreSQL's English configuration to stem (the knowledge base's ``terms`` column)."""

from __future__ import annotations

import re
from functools import lru_cache

from sparklio.language.brief.morph import get_kiwi
from sparklio.language.detect import has_hangul

_KOREAN_CONTENT_TAGS = {"NNG", "NNP", "NR", "XR", "SH"}
_KOREAN_STEM_TAGS = {"VV", "VA"}
# a model code ("X1", "H2", "IPX4", "USB-C") stays one term; "30ml" is a number and a unit
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z]+\d[A-Za-z\d]*(?:-[A-Za-z\d]+)*|\d+(?:[.,]\d+)*|[A-Za-z][A-Za-z'-]*|[%$₩]")

_ENGLISH_STOP = """a an the of to in on at for with by from as and or but if then than so is are was were be been
being do does did doing have has had can could will would shall should may might must i me my we our us you your it
its this that these those there here what which who whom whose when where why how any some all each much many long
about into out up down over under again more most other such no nor not only own same too very just also please tell
get got let know want need one's per vs via they them their he she his her within after before take takes taking
give gives key main"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP.split())
_KOREAN_STOP = """무엇 뭐 얼마 어떻게 언제 어디 누구 몇 어느 무슨 어떤 것 수 거 때 정도 주세요 알 안 내 중 주요
하 되 있 없 이 아니 않 같 주 보 가 오 나 들 알리"""
KOREAN_STOP_WORDS = frozenset(_KOREAN_STOP.split())
# units of time and of money also stand for their class, which "how long" or "몇 시간" asks for
_UNIT_CLASSES = {"hour": "duration", "minute": "duration", "second": "duration", "day": "duration",
                 "week": "duration", "month": "duration", "year": "duration"}  # fmt: skip
_ASKS_DURATION = re.compile(
    r"\bhow long\b|\bhow many (?:hours|days|minutes|weeks|months|years)\b|\bperiod\b|"
    r"며칠|얼마나 (?:걸|오래|가)|몇 ?(?:시간|분|일|주|개월|년)|얼마 동안|기간",
    re.IGNORECASE,
)

# unit words of both languages under one name; a number right before one forms "n:unit"
UNITS = {
    "hour": "시간 hour hours hr hrs h",
    "minute": "분 minute minutes min mins",
    "second": "초 second seconds sec secs",
    "day": "일 며칠 day days",
    "week": "주 주일 week weeks",
    "month": "개월 달 month months",
    "year": "년 year years",
    "won": "원 won krw ₩",
    "dollar": "달러 dollar dollars usd $",
    "gram": "g 그램 gram grams",
    "kilogram": "kg 킬로그램 kilogram kilograms",
    "millilitre": "ml 밀리리터 millilitre milliliter",
    "percent": "% 퍼센트 percent",
    "count": "개 대 개국 unit units",
    "pixel": "px 픽셀 pixel pixels",
    "time": "시 o'clock am pm",
}

# concepts shared by Korean and English; a word listed stands for its concept in both
GLOSSARY = {
    "battery": "배터리 battery",
    "charge": "충전 charge charging charger",
    "case": "케이스 case",
    "weight": "무게 weigh weight",
    "price": "가격 price cost costs 비용 수리비 fee 배송비 요금",
    "color": "색상 색 컬러 color colour colors",
    "water": "방수 물 water waterproof resistance resistant",
    "return": "반품 return returns returned",
    "refund": "환불 refund refunds",
    "exchange": "교환 exchange",
    "warranty": "보증 warranty guarantee",
    "repair": "수리 repair",
    "ship": "배송 ship shipping delivery deliver 출고 배송비",
    "jeju": "제주 제주도 jeju",
    "audio": "오디오 audio",
    "country": "국가 나라 country countries",
    "international": "해외 international overseas",
    "domestic": "국내 domestic",
    "duty": "관세 duty duties tax taxes",
    "track": "송장 추적 tracking track",
    "ingredient": "성분 ingredient ingredients",
    "serum": "세럼 serum",
    "cream": "크림 cream",
    "moisture": "수분 moisture hydrating hydra 하이드라",
    "vegan": "비건 vegan",
    "fragrance": "향료 무향 fragrance",
    "skin": "피부 skin",
    "use": "사용 use usage apply",
    "open": "개봉 opened",
    "hours_open": "운영 영업 opening",
    "store": "매장 스토어 store shop",
    "flagship": "플래그십 flagship",
    "closed": "휴무 closed",
    "founded": "설립 창립 founded",
    "ceo": "대표 ceo",
    "company": "회사 기업 company",
    "sell": "판매 sold sell sales",
    "launch": "출시 launch launched",
    "brand": "브랜드 brand",
    "color_primary": "주색 메인 primary",
    "logo": "로고 logo",
    "tone": "톤 말투 어조 voice tone",
    "emoji": "이모지 emoji",
    "hashtag": "해시태그 hashtag hashtags",
    "post": "게시물 포스트 post posts",
    "sentence": "문장 sentence sentences",
    "product": "제품 상품 product products item items",
    "name": "이름 명칭 name",
    "campaign": "캠페인 campaign",
    "spring": "봄 spring",
    "target": "타깃 타겟 대상 target audience",
    "message": "메시지 message",
    "budget": "예산 budget",
    "channel": "채널 channel channels",
    "period": "기간 period run",
    "earbud": "이어폰 earbud earbuds",
    "headphone": "헤드폰 headphone headphones",
    "noise": "노이즈 noise",
    "cancel": "캔슬링 cancelling canceling cancellation",
    "pair": "페어링 pair pairing",
    "connect": "연결 connect connection multipoint",
    "reset": "초기화 reset",
    "app": "앱 app",
    "wire": "유선 wired cable",
    "wireless": "무선 wireless",
    "playback": "재생 playback play plays",
    "free": "무료 무상 free",
    "customer": "고객 customer customers",
    "payment": "결제 payment",
    "defect": "불량 결함 defective defect",
    "business_day": "영업일 business",
    "email": "이메일 email",
    "capacity": "용량 capacity",
    "bottle": "병 bottle",
    "morning": "아침 morning",
    "evening": "저녁 evening",
    "worldwide": "전세계 worldwide",
}


def stem(word: str) -> str:
    """A light English stem: "charging", "charged", "charges" and "charge" all give "charg"."""
    word = word.lower().strip("'-")
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, list[str]]]:
    units: dict[str, str] = {}
    concepts: dict[str, list[str]] = {}
    for name, words in UNITS.items():
        for word in words.split():
            units[word if has_hangul(word) or not word.isalpha() else word.lower()] = name
    for name, words in GLOSSARY.items():
        for word in words.split():  # a word may stand for two concepts: 배송비 is shipping and a price
            concepts.setdefault(word if has_hangul(word) else stem(word), []).append(name)
    return units, concepts


def _number(token: str) -> str:
    return token.replace(",", "")


def terms(text: str) -> list[str]:
    """The content terms of ``text`` in order (a term may repeat). See the module docstring."""
    units, concepts = _tables()
    raw: list[tuple[str, str]] = []  # (kind, form): kind is 'num', 'unit', 'word'
    for match in _LATIN_OR_NUMBER.finditer(text):
        token = match.group()
        if any(char.isdigit() for char in token) and token[0].isalpha():
            raw.append(("code", token.lower()))
        elif token[0].isdigit():
            raw.append(("num", _number(token)))
        elif token.lower() in units:
            raw.append(("unit", units[token.lower()]))
        else:
            raw.append(("word", token))
        # keep Hangul and Latin in text order: both passes are merged by position below
        raw[-1] = (*raw[-1], match.start())
    if has_hangul(text):
        for token in get_kiwi().tokenize(text):
            if not has_hangul(token.form):
                continue
            if token.form in units and token.tag in ("NNB", "NNG", "NR", "XSN"):
                raw.append(("unit", units[token.form], token.start))
            elif token.tag in _KOREAN_CONTENT_TAGS or token.tag in _KOREAN_STEM_TAGS:
                raw.append(("ko", token.form, token.start))
    raw.sort(key=lambda item: item[2])
    result: list[str] = ["unit:duration"] if _ASKS_DURATION.search(text) else []
    for position, (kind, form, _start) in enumerate(raw):
        if kind == "num":
            result.append(f"#{form}")
            following = raw[position + 1] if position + 1 < len(raw) else None
            if following is not None and following[0] == "unit":
                result.append(f"{form}:{following[1]}")
        elif kind == "unit":
            result.append(f"unit:{form}")
            if form in _UNIT_CLASSES:
                result.append(f"unit:{_UNIT_CLASSES[form]}")
        elif kind == "code":
            result.append(form)
        elif kind == "ko":
            if form not in KOREAN_STOP_WORDS:
                result.extend([f"c:{name}" for name in concepts[form]] if form in concepts else [form])
        else:
            lowered = form.lower()
            if lowered in ENGLISH_STOP_WORDS:
                continue
            stemmed = stem(lowered)
            result.extend([f"c:{name}" for name in concepts[stemmed]] if stemmed in concepts else [stemmed])
    return result


# --- names written in the other script --------------------------------------------------------

_INITIALS = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "J", "J", "J", "K", "T", "P", "H"]
_FINALS = ["", "K", "K", "KS", "N", "NJ", "NH", "T", "L", "LK", "LM", "LP", "LS", "LT", "LP", "LH", "M", "P", "PS",
           "S", "S", "N", "J", "J", "K", "T", "P", "H"]  # fmt: skip
_LATIN_DIGRAPHS = (("ch", "J"), ("sh", "S"), ("ph", "P"), ("th", "T"), ("ck", "K"), ("ng", "N"), ("qu", "K"))
_LATIN_LETTERS = dict(zip("bpfvdtgkqxlrszjmnh", ["P", "P", "P", "P", "T", "T", "K", "K", "K", "KS", "L", "L", "S", "S",
                                                  "J", "M", "N", "H"], strict=True))  # fmt: skip


def sound_key(word: str) -> str:
    """The consonants of a name as it sounds, the same for its Hangul and its Latin spelling:
    "소닉" and "sonic" are both "SNK", "하이드라" and "hydra" "HTL", "듀이랩" and "dewylab"
    "TLP". Vowels are left out (Korean adds them to loanwords: 크, 스), and voiced and voiceless
    pairs are one (Korean writes both b and p as ㅂ)."""
    key = []
    if has_hangul(word):
        for char in word:
            code = ord(char) - 0xAC00
            if 0 <= code < 11172:
                key.append(_INITIALS[code // 588] + _FINALS[code % 28])
    else:
        word = word.lower()
        for digraph, sound in _LATIN_DIGRAPHS:
            word = word.replace(digraph, sound)
        for position, char in enumerate(word):
            following = word[position + 1 : position + 2]
            if char == "r" and following not in ("a", "e", "i", "o", "u", "y"):
                continue  # Korean leaves out an r that no vowel follows: "park" 파크
            if char == "c":  # soft before e, i, y: "cinema", "niacinamide"
                key.append("S" if following in ("e", "i", "y") else "K")
            else:
                key.append(char if char.isupper() else _LATIN_LETTERS.get(char, ""))
    collapsed = []
    for sound in "".join(key):
        if not collapsed or collapsed[-1] != sound:
            collapsed.append(sound)
    return "".join(collapsed)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def names(text: str) -> list[str]:
    """The names a text may hold, lower-cased: runs of capitalised English words ("dewy lab"),
    those that open a sentence included, and Korean proper or unknown nouns. Meant for
    ``sound_key`` matching across scripts, where three consonants in both must agree."""
    found = [" ".join(run.lower().split()) for run in _CAPITALISED.findall(text)]
    if has_hangul(text):
        # a proper noun, or a noun Kiwi does not know (a brand: 듀이랩, 하이드라), never a common
        # word it knows (날씨 would match "Unless" by sound)
        found.extend(
            token.form
            for token in get_kiwi().tokenize(text)
            if (token.tag == "NNP" or token.tag == "NNG" and token.oov) and has_hangul(token.form)
        )
    return [name for name in found if name not in ENGLISH_STOP_WORDS]


# --- Full-text search terms -------------------------------------------------------------------

# Kiwi tags kept for search: nouns, numerals, roots, verb and adjective stems, Chinese
# characters, bound nouns of two syllables or more (시간, 이내); particles and endings are left out.
_SEARCH_TAGS = {"NNG", "NNP", "NR", "XR", "VV", "VA", "SH", "NNB"}
_SEARCH_LATIN = re.compile(r"[A-Za-z0-9]+(?:[.'-][A-Za-z0-9]+)*")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+(?:\s+[\uac00-\ud7a3\u3131-\u318e]+)*")


def search_terms(text: str) -> list[str]:
    """The words of ``text`` for a full-text index: Latin words and numbers lowercased as
    written, then Kiwi's content morphemes of the Hangul (repeats kept: they weigh in ranking).

    >>> search_terms("X1 이어폰은 배터리가 24시간 갑니다")
    ['x1', '24', '이어폰', '배터리', '시간', '가']
    """
    found = [match.group().lower() for match in _SEARCH_LATIN.finditer(text)]
    if not has_hangul(text):
        return found
    hangul = " ".join(match.group() for match in _HANGUL_RUN.finditer(text))
    for token in get_kiwi().tokenize(hangul):
        if token.tag in _SEARCH_TAGS and has_hangul(token.form):
            if token.tag == "NNB" and len(token.form) < 2:  # a lone 것, 수, 개 says little
                continue
            found.append(token.form)
    return found
