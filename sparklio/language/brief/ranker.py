"""The product as the best-scored of every phrase that could name it, not the first rule that fires.

The rules in ``names`` and ``offering`` read the product the way the briefs they were written
for say it; on briefs nobody had seen they found it about four times in ten. This module looks
at the brief the other way round: it lists every short phrase that could be the product (every
run of one to six words between punctuation, with a Korean particle taken off its last word), and
describes each one by what a reader would notice: where it stands (after a label such as
"아이템:" or "Brand:", in quotes, right before a price or "홍보", after "promote our"), what it
looks like (a proper name, a model number, a sentence, a channel or an audience word, a shop's
name) and which of the rules named it. A linear score over those traits picks the phrase.

The rules' pick stays the product; where the ranker scores another phrase clearly higher, the
two readings disagree and the parse doubts its product, so the review asks a person to confirm it
(``Brief.doubts``, ``facts.product``) instead of scoring a confident misreading as sound.

The weights are learned, not written: ``bench/train_product_ranker.py`` fits them to the blind
brief sets under ``sparklio/language/tests/`` (a softmax over each brief's candidates) and
reports how well a model fitted without a set reads that set (leave one set out), which is
the figure that says how it will read briefs nobody has seen. The weights live beside this file
in ``product_ranker.json``; without them the parse only has the rules' own doubts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .offering import (
    _EN_BUSINESS_END,
    _EN_IDENTITY_AFTER,
    _EN_IDENTITY_BEFORE,
    _KO_BUSINESS_END,
    _KO_IDENTITY_AFTER,
    _KO_IDENTITY_BEFORE,
    _generic,
    is_junk,
    offerings,
    priced_things,
    seller_name,
)
from .salient import quoted_values
from .signals import category_of_phrase

WEIGHTS_FILE = Path(__file__).with_name("product_ranker.json")
MAX_WORDS = 6
MAX_CANDIDATES = 900

# where a phrase stops: line ends, sentence and clause marks, brackets and quotes, list bullets,
# emoji; a "." or "/" or ":" or "-" only when it does not sit inside a word ("2.0", "NT-Buds", "pickup/delivery")
_BREAK = re.compile(
    r"\n|[!?;,()\[\]{}「」『』<>《》〈〉【】\"“”‘’|→⇒=■□▶▷◆◇●○•*#~…^ㄱ-ㅎㅏ-ㅣ]"
    r"|[\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]"
    r"|(?<![\w])[.:/·'’-]|[.:/·'’-](?![\w])|\s[-—–]\s|[—–]"
    # a quote mark glued to Korean closes a name ("'소담제과'에서"); between Latin letters it is an apostrophe
    r"|(?<=[가-힣])['’]|['’](?=[가-힣])"
)
_WORD = re.compile(r"\S+")
# a Korean particle or copula ending glued to the phrase's last word
_JOSA = re.compile(
    r"(?:이에요|예요|에요|입니다|이구요|이고요|인데요|인데|이고|이라|이랑|이나|랑|에서|에게|으로|로|은|는|이|가|을|를|의|에|와|과|도|만|요)$"
)
_EN_STOP = {
    "a", "an", "the", "our", "my", "your", "their", "its", "this", "that", "these", "those", "and", "or", "but", "for",
    "to", "of", "in", "on", "at", "by", "with", "from", "as", "is", "are", "was", "be", "we", "i", "you", "it", "they",
    "so", "if", "then", "just", "also", "please", "pls", "hi", "hey", "hello", "um", "uh", "like", "okay", "ok", "new",
    "need", "want", "can", "could", "would", "will", "do", "does", "make", "get", "some", "all", "any", "every",
    "more", "very", "really", "about", "into", "up", "out", "over", "under", "no", "not", "yes", "oh", "well",
}  # fmt: skip
_EN_VERBISH = re.compile(
    r"\b(?:is|are|was|were|we|we're|i'm|you|need|needs|want|wants|please|pls|can|could|would|will|have|has|had|"
    r"get|gets|make|makes|do|does|did|send|sending|looking|hope|thanks|thank|running|launching|promote|push)\b",
    re.IGNORECASE,
)
_KO_LEAD = re.compile(
    r"^(?:이번에?|저희|우리|새로|드디어|올해|요번에?|그|이|저|어|음|아|네|혹시|그리고|또|근데|이제|일단)$"
)
_KO_VERBISH = re.compile(
    r"(?:해요|해서|하고|하는|했|합니다|됩니다|돼요|있어요|있고|없고|거든요|는데|어요|아요|세요|주세요|드려요|드립니다|"
    r"하려고|할게요|싶어요|예정|부탁|해주|만들어|올릴|필요)"
)
_PRODUCT_LABEL = re.compile(
    r"(?:아이템|상품명?|제품명?|품목|메뉴명?|신메뉴|신제품|서비스명?|프로그램명?|행사명?|이벤트명?|강의명?|강좌명?|과정명?|"
    r"클래스명?|패키지명?|홍보\s?대상|홍보\s?제품|홍보할\s?(?:것|거|제품)|알릴\s?(?:것|거)|주인공|대상\s?(?:상품|제품)|현장명?|"
    r"단지명?|모델명?|캠페인명?|공연명?|전시명?|작품명?|도서명?|앱\s?이름|"
    r"product(?:\s+name)?|item|offering|service|program(?:me)?|event(?:\s+name)?|course|class|menu\s+item|"
    r"thing\s+to\s+\w+|what(?:['’]s|\s+we['’]re)?\s+\w*|promoting|promote|push(?:ing)?|launch(?:ing)?|name|title|"
    r"featuring|hero\s+\w+|listing|home|property|package|plan|campaign|show|exhibit(?:ion)?|app|book|model|"
    r"the\s+\w+)",
    re.IGNORECASE,
)
_BRAND_LABEL = re.compile(
    r"(?:브랜드명?|상호명?|업체명?|회사명?|클라이언트|광고주|발신|수신|매장명?|가게\s?이름|기관명?|단체명?|주최|주관|"
    r"brand|company|client|business|shop|store|from|to|sender|venue|org(?:ani[sz]ation)?|host|who|seller|account)",
    re.IGNORECASE,
)
# a label at the start of a line: "- 아이템: ", "■ 상호 : ", "Thing to push → ", "1. 제품명 - "
_LABEL_BEFORE = re.compile(
    r"(?:^|\n)\s*(?:[-*•■□▶▷◆◇·>]|\d{1,2}[.)])?\s*(?P<label>[^\n:：→=]{1,24}?)\s*(?:[:：=]|→|⇒|->|\s-\s)\s*['‘\"“「『\[(]?$"
)
_PROMOTE_BEFORE_EN = re.compile(
    r"\b(?:promote|promoting|push|pushing|launch|launching|introduce|introducing|announce|announcing|advertise|"
    r"advertising|feature|featuring|unveil|unveiling|debut|selling|sell|about|for|spotlight|highlight)\s+"
    r"(?:(?:our|the|a|an|my|this|new|brand-new|upcoming|latest|all-new)\s+){0,3}$",
    re.IGNORECASE,
)
_OUR_BEFORE_EN = re.compile(r"\b(?:our|my)\s+(?:(?:new|brand-new|latest|upcoming)\s+)?$", re.IGNORECASE)
_PROMOTE_AFTER_KO = re.compile(
    r"^\s?(?:을|를|이|가|도)?\s?(?:홍보|광고|프로모션|출시|런칭|론칭|오픈|새로\s?(?:나왔|냈|출시)|나왔|선보|알리|소개|마케팅|"
    r"이벤트|행사|기획전|사전\s?예약|예약\s?판매|분양|모집|판매)"
)
_NEW_BEFORE = re.compile(r"(?:신메뉴|신상품?|신제품|새\s?메뉴|새로운|새로\s?나온|new)\s*[:：]?\s*$", re.IGNORECASE)
_CALLED_AFTER = re.compile(r"^\s?(?:이라는|라는|이란|란)\s|^\s?\(?\s?(?:called|named)\b", re.IGNORECASE)
_CALLED_BEFORE = re.compile(r"\b(?:called|named|dubbed|titled)\s+(?:the\s+)?$", re.IGNORECASE)
_PRICE_AFTER = re.compile(
    r"^[^\n]{0,14}?(?:(?<![\d,])\d{1,3}(?:,\d{3})+\s?원|\d+(?:\.\d+)?\s?만\s?원|\d+\s?원|[$€£₩]\s?\d|\d+(?:\.\d+)?\s?(?:dollars|usd|krw))",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\d\s?(?:원|%)|[$€£₩]\s?\d|\d\s?\+\s?\d|만\s?원|\bfree\b|\boff\b|할인|무료|증정", re.IGNORECASE)
_NOUN_TAGS = {"NNG", "NNP", "NR", "SN", "SL", "SH", "XPN", "XSN", "NNB"}
_PREDICATE_TAGS = {"VV", "VA", "VX", "VCP", "VCN", "EF", "EC", "ETM", "EP", "XSV", "XSA", "IC", "MAG", "MAJ"}
# the kind of thing sold as the last word: "group lessons", "정비 패키지", "brightening serum"
_KIND_HEAD = re.compile(
    r"(?:패키지|세트|클래스|강좌|강의|과정|반|코스|서비스|프로그램|메뉴|세럼|크림|라떼|빵|케이크|축제|페스티벌|전시|공연|북토크|"
    r"체험|투어|캠프|멤버십|구독|요금제|앱|플랫폼|솔루션|키트|박스|에디션|컬렉션|시리즈|모델|매물|분양|단지|상품|제품|신메뉴)$|"
    r"\b(?:package|packages|set|class|classes|lessons?|course|program|programme|service|plan|menu|serum|cream|latte|"
    r"festival|fair|show|exhibit|exhibition|tour|camp|membership|subscription|app|platform|kit|box|edition|"
    r"collection|series|bundle|session|sessions|workshop|challenge|drive|run|5k|10k|sale|launch|blend|roast|bar|"
    r"bites|treats|chews|tee|shirt|hoodie|sneakers?|shoes?|bag|mug|candle|soap|tea|wine|beer|ipa|sauce|bowl|"
    r"bread|loaf|pie|cake|cookies?|pass|passes|ticket|tickets|tune-up|detail|coating|check-?up|cleaning|repair)$",
    re.IGNORECASE,
)
_INNER_PARTICLE = re.compile(
    r"[가-힣](?:는|을|를|으로|에서|에게|라는|이라는|께서|한테|하고|이고|인데|에는|까지|부터|처럼|보다)$"
)
_GREETING = re.compile(
    r"안녕|감사|수고|사장님|실장님|대표님|선생님|여러분|\b(?:hi|hey|hello|dear|thanks|regards|cheers)\b", re.I
)


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    stripped: bool  # a particle was taken off its last word


def candidates(text: str) -> list[Candidate]:
    """Every run of one to six words between breaks, and the same with its last particle taken off."""
    found: dict[str, Candidate] = {}
    position = 0
    for piece in _BREAK.split(text):
        at = text.find(piece, position)
        position = at + len(piece)
        words = list(_WORD.finditer(piece))
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
                start, end = at + words[i].start(), at + words[j - 1].end()
                value = text[start:end]
                if value not in found and re.search(r"[A-Za-z가-힣]", value):
                    found[value] = Candidate(value, start, end, False)
                last = words[j - 1].group(0)
                bare = _JOSA.sub("", last)
                if bare and bare != last and re.search(r"[가-힣]$", last):
                    value = text[start : end - (len(last) - len(bare))]
                    if value not in found and re.search(r"[A-Za-z가-힣]", value):
                        found[value] = Candidate(value, start, end - (len(last) - len(bare)), True)
                if len(found) >= MAX_CANDIDATES:
                    return list(found.values())
    return list(found.values())


@lru_cache(maxsize=4096)
def _has_category(tail: str) -> bool:
    """Whether the phrase's last words name a kind of product (its head decides its category)."""
    return category_of_phrase(tail) is not None


def _norm(value: str) -> str:
    return re.sub(r"[\s\W_]+", "", value.casefold())


@dataclass
class Sources:
    """What the rules said about the brief, each a trait of the candidates they name."""

    cascade: str | None = None
    offerings: tuple[str, ...] = ()
    priced: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    seller: str | None = None


def sources_of(text: str, language: str, cascade: str | None) -> Sources:
    return Sources(
        cascade=cascade,
        offerings=tuple(offerings(text, language)),
        priced=tuple(priced_things(text)) if language == "ko" else (),
        quoted=tuple(quoted_values(text)),
        seller=seller_name(text),
    )


def _korean_tags(text: str) -> list[tuple[int, int, str]]:
    from .morph import get_kiwi

    return [(t.start, t.start + t.len, t.tag) for t in get_kiwi().tokenize(text)]


def features(text: str, language: str, candidate: Candidate, sources: Sources, tags=None) -> dict[str, float]:
    """The traits of one candidate a reader would weigh; every value is 0..1."""
    value, start, end = candidate.text, candidate.start, candidate.end
    words = value.split()
    low = [w.casefold().strip("'’") for w in words]
    norm = _norm(value)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    after = text[end : end + 40]
    f: dict[str, float] = {}
    n = len(words)
    f[f"words_{min(n, 5)}"] = 1.0
    f["chars_long"] = min(len(value), 40) / 40
    f["stripped"] = float(candidate.stripped)
    f["has_digit"] = float(bool(re.search(r"\d", value)))
    f["has_latin"] = float(bool(re.search(r"[A-Za-z]", value)))
    f["has_hangul"] = float(bool(re.search(r"[가-힣]", value)))
    f["mixed_script"] = f["has_latin"] * f["has_hangul"]
    caps = [w for w in words if w[:1].isupper()]
    f["starts_upper"] = float(value[:1].isupper())
    latin_words = [w for w in words if re.match(r"[A-Za-z]", w)]
    f["title_case"] = len(caps) / len(latin_words) if latin_words else 0.0
    f["all_lower_en"] = float(bool(latin_words) and not caps and not f["has_hangul"])
    f["all_caps"] = float(bool(re.fullmatch(r"[A-Z0-9 &+.-]{3,}", value)))
    f["model_number"] = float(
        bool(re.search(r"[A-Za-z]+[- ]?\d|\d+(?:\.\d)?\s?(?:pro|plus|max|mini|lite)\b", value, re.I))
    )
    f["first_stop"] = float(low[0] in _EN_STOP or bool(_KO_LEAD.match(words[0])))
    f["last_stop"] = float(low[-1] in _EN_STOP)
    f["inner_stop"] = sum(1 for w in low[1:-1] if w in _EN_STOP and w not in {"of", "and", "&", "the", "for"}) / 3
    f["verbish"] = float(bool(_EN_VERBISH.search(value) or _KO_VERBISH.search(value)))
    f["junk"] = float(is_junk(value))
    f["generic"] = float(_generic(value))
    f["money"] = float(bool(_MONEY.search(value)))
    f["business_end"] = float(bool(_EN_BUSINESS_END.search(value) or _KO_BUSINESS_END.search(value.replace(" ", ""))))
    f["category"] = float(_has_category(" ".join(words[-2:])))
    # where it stands
    occurrences = text.count(value)
    f["repeated"] = min(occurrences - 1, 3) / 3
    f["early"] = 1.0 - min(start / max(len(text), 1), 1.0)
    f["first_line"] = float("\n" not in text[:start])
    f["left_edge"] = float(start == 0 or bool(re.match(r"[\s\W]", text[start - 1])))
    f["right_edge"] = float(candidate.stripped or end >= len(text) or bool(re.match(r"[\s\W]", text[end])))
    piece_start = max(text.rfind(c, 0, start) for c in "\n,.:;!?()[]「」『』'\"“”‘’→") + 1
    next_breaks = [i for i in (text.find(c, end) for c in "\n,.:;!?()[]「」『』'\"“”‘’→") if i >= 0]
    piece_end = min(next_breaks, default=len(text))
    f["whole_piece"] = float(text[piece_start:start].strip() == "" and _JOSA.sub("", text[end:piece_end].strip()) == "")
    label = _LABEL_BEFORE.search(text[line_start:start])
    if label:
        name = label.group("label").strip()
        f["product_label"] = float(bool(_PRODUCT_LABEL.search(name)))
        f["brand_label"] = float(bool(_BRAND_LABEL.fullmatch(name) or _BRAND_LABEL.search(name)))
        f["other_label"] = float(not f["product_label"] and not f["brand_label"])
    quoted_here = bool(re.search(r"['‘\"“「『\[<《【]\s?$", text[max(0, start - 2) : start])) and bool(
        re.match(r"^\s?['’\"”」』\]>》】]", text[end : end + 2])
    )
    f["quoted_whole"] = float(quoted_here)
    f["promote_before"] = float(bool(_PROMOTE_BEFORE_EN.search(before)))
    f["our_before"] = float(bool(_OUR_BEFORE_EN.search(before)))
    f["promote_after"] = float(bool(_PROMOTE_AFTER_KO.match(after)))
    f["new_before"] = float(bool(_NEW_BEFORE.search(before)))
    f["called"] = float(bool(_CALLED_AFTER.match(after) or _CALLED_BEFORE.search(before)))
    f["price_after"] = float(bool(_PRICE_AFTER.match(after)))
    f["identity_before"] = float(bool(_EN_IDENTITY_BEFORE.search(before) or _KO_IDENTITY_BEFORE.search(before)))
    f["identity_after"] = float(bool(_EN_IDENTITY_AFTER.match(after) or _KO_IDENTITY_AFTER.match(after)))
    f["piece_start"] = float(text[piece_start:start].strip() == "")
    f["piece_end"] = float(_JOSA.sub("", text[end:piece_end].strip()) == "")
    # a name cut short: a capitalised word right before or after it in the same phrase ("Happy | Tails Dog Daycare")
    word_before = re.search(r"(\S+)\s+$", text[piece_start:start])
    word_after = re.match(r"\s+(\S+)", text[end:piece_end])
    sentence_start = not word_before or bool(re.search(r"[.!?]$", word_before.group(1)))
    f["cut_before"] = float(bool(word_before) and word_before.group(1)[:1].isupper() and not sentence_start)
    f["cut_after"] = float(bool(word_after) and word_after.group(1)[:1].isupper() and bool(latin_words))
    f["after_digit"] = float(bool(word_after) and word_after.group(1)[:1].isdigit())
    f["ends_connector"] = float(low[-1] in {"&", "and", "of", "at", "the", "for", "with", "+", "by", "in", "on", "to"})
    f["kind_head"] = float(bool(_KIND_HEAD.search(value)))
    # a Korean word inside the phrase that ends in a particle or an ending is a clause, not a name ("이름으로 도자기")
    f["inner_particle"] = float(any(_INNER_PARTICLE.search(w) for w in words[:-1]))
    f["we_word"] = float(bool(re.search(r"저희|우리|제가|저는|\bwe\b|\bi\b|\bus\b", value, re.IGNORECASE)))
    f["greeting"] = float(bool(_GREETING.search(value)))
    # Korean word classes: a phrase of nouns is a name; one with a verb or an ending is a clause
    if tags is not None and f["has_hangul"]:
        inside = [tag for s, e, tag in tags if s >= start and e <= end]
        if inside:
            f["ko_nouns"] = sum(tag in _NOUN_TAGS for tag in inside) / len(inside)
            f["ko_proper"] = float("NNP" in inside)
            f["ko_ends_noun"] = float(inside[-1] in _NOUN_TAGS)
            f["ko_predicate"] = float(any(tag in _PREDICATE_TAGS for tag in inside))
        following = [tag for s, e, tag in tags if s == end]
        f["ko_glued_noun_after"] = float(bool(following) and following[0] in _NOUN_TAGS)
    # what the rules said
    f["is_cascade"] = float(bool(sources.cascade) and norm == _norm(sources.cascade))
    f["in_cascade"] = float(bool(sources.cascade) and not f["is_cascade"] and norm in _norm(sources.cascade))
    f["holds_cascade"] = float(bool(sources.cascade) and not f["is_cascade"] and _norm(sources.cascade) in norm)
    f["is_offering"] = float(any(norm == _norm(o) for o in sources.offerings))
    f["is_priced"] = float(any(norm == _norm(o) for o in sources.priced))
    f["is_quoted"] = float(any(norm == _norm(o) for o in sources.quoted))
    f["is_seller"] = float(bool(sources.seller) and norm == _norm(sources.seller))
    return {k: v for k, v in f.items() if v}


RULE_TRAITS = ("is_cascade", "in_cascade", "holds_cascade")


@lru_cache(maxsize=1)
def _model() -> dict | None:
    try:
        data = json.loads(WEIGHTS_FILE.read_text())
    except (OSError, ValueError):
        return None
    return data if data.get("weights") else None


def score(feats: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


_IDENTITY_TRAITS = ("identity_before", "identity_after", "business_end", "brand_label", "is_seller")
_OFFERING_TRAITS = ("promote_before", "promote_after", "product_label", "new_before", "is_offering", "called")


def described(text: str, language: str, sources: Sources) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate with its traits, and the traits that depend on the others: a seller's name
    weighs differently in a brief that points at something it promotes."""
    tags = _korean_tags(text) if language == "ko" or re.search(r"[가-힣]", text) else None
    out = [(c, features(text, language, c, sources, tags)) for c in candidates(text)]
    offered = any(any(k in feats for k in _OFFERING_TRAITS) for _, feats in out)
    for _, feats in out:
        identity = any(k in feats for k in _IDENTITY_TRAITS)
        if offered and identity:
            feats["identity_while_offered"] = 1.0
        # a name in quotes or in capitals is the product, unless it is said as the seller's
        if identity and ("is_quoted" in feats or "quoted_whole" in feats):
            feats["quoted_seller"] = 1.0
        if identity and feats.get("title_case", 0) >= 0.99:
            feats["titled_seller"] = 1.0
        if offered and not identity and any(k in feats for k in _OFFERING_TRAITS):
            feats["offered_thing"] = 1.0
    return out


def ranked(text: str, language: str, sources: Sources, weights: dict[str, float]) -> list[tuple[float, str]]:
    """Every candidate with its score, best first."""
    scored = [(score(feats, weights), c.text.strip()) for c, feats in described(text, language, sources)]
    return sorted(scored, key=lambda item: -item[0])


def second_reading(text: str, language: str, cascade: str | None) -> str | None:
    """The ranker's product when it disagrees with the rules' pick: the rules' pick scores more
    than ``doubt_margin`` below the best candidate (or is no candidate at all). None when they
    agree, when the rules found nothing, or when no weights are installed.

    Measured leaving one blind set out (``bench/train_product_ranker.py``), a disagreement at a
    margin of 1 marks 42 % of the products the rules read wrong and 3 % of those they read right,
    so the parse uses it to doubt its product (a person confirms it) rather than to replace it:
    replacing it outright reads more unseen briefs right but undoes shapes the rules were fixed for.
    """
    model = _model()
    if not model or not cascade or not text.strip():
        return None
    order = ranked(text, language, sources_of(text, language, cascade), model["weights"])
    if not order:
        return None
    top_score, top = order[0]
    mine = next((s for s, value in order if _norm(value) == _norm(cascade)), None)
    if mine is not None and mine >= top_score - model.get("doubt_margin", 1.0):
        return None
    return top if _norm(top) != _norm(cascade) else None
