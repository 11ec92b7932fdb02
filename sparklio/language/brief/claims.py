"""Features a brief states without a cue word: the descriptive clauses left once the request,
the product's introduction, the audience, the channel, the offer, the price and the deadline
are taken out.

"흡입력 8000Pa에 물걸레 자동 세척, 소음이 적어요" gives 흡입력 8000Pa, 물걸레 자동 세척 and
적은 소음; "It syncs calendars, runs async standups and has a 14-day free trial" gives
"syncs calendars" and "runs async standups" (the trial is the offer). Korean predicates become
noun phrases through Kiwi's morphology (소음이 적어요 → 적은 소음, 고소해서 → 고소함), so a
feature reads as a bullet and fits a phrasing's slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    AUDIENCE_TRIGGERS,
    CHANNEL_WORDS,
    EDGE_WORDS,
    FORMAT_WORDS,
    PRODUCT_LABELS,
    TONE_TRIGGERS,
)
from .morph import Tok, get_kiwi
from .signals import Span

MAX_FEATURES = 6
MAX_KO_CHARS = 28
MAX_EN_WORDS = 8


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int
    # a noun phrase ("8000Pa suction", "적은 소음") fits any slot; a verb phrase ("syncs
    # calendars") only reads well as a bullet
    noun: bool = True


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _cut_spans(text: str, start: int, end: int, taken: list[Span]) -> list[Span]:
    """[start, end) without the parts ``taken`` covers."""
    pieces = [(start, end)]
    for t_start, t_end in sorted(taken):
        next_pieces = []
        for p_start, p_end in pieces:
            if t_end <= p_start or t_start >= p_end:
                next_pieces.append((p_start, p_end))
                continue
            if p_start < t_start:
                next_pieces.append((p_start, t_start))
            if t_end < p_end:
                next_pieces.append((t_end, p_end))
        pieces = next_pieces
    return [(s, e) for s, e in pieces if text[s:e].strip(" ,.;:!?-–—·")]


# --- English -----------------------------------------------------------------------------------

# a full stop between digits ("98.7%", "17.5 micron") ends no sentence
# and a line is a sentence of its own ("- 240W total output" in a list)
# nor does the full stop of a common abbreviation ("covers ~90% of an avg. 3-bed home", "St. Mark's Church")
_EN_SENTENCE = re.compile(
    r"(?:[^.!?\n;]|(?<=\d)\.(?=\d)|(?<=\bavg)\.|(?<=\bapprox)\.|(?<=\bvs)\.|(?<=\bincl)\.|(?<=\be\.g)\.|(?<=\bi\.e)\.|(?<=\b(?:St|Mt|Dr|Mr|Ms))\.(?=\s[A-Z0-9])|(?<=\bMrs)\.(?=\s[A-Z]))+"
    r"(?:[.!?;]+|(?=\n)|$)|\n"
)
_EN_CLAUSE_SPLIT = re.compile(
    r"\s*(?:(?<!\d),|,(?!\d{3})|—|(?<!\d)(?<!\d[ap]m)–|–(?!\d)|\s-\s|\s/\s|(?<!\d):(?!\d)|\(|\)|(?<!-)\band\b(?!-)(?!(?<=\d\sand)\s\d)|\bplus\b|\bwith\b|\bbut\b|(?<!\bwe\s)\balso\b|\bwhile\b"
    r"|\bwhich\b|\b(?:um+|uh+)\b|\b(?:can|could|would)\s+(?:you|u)\b)\s*",
    re.IGNORECASE,
)  # "10,000mAh" is one number
_EN_REQUEST = re.compile(
    r"^(?:please\s+)?(?:make|create|design|write|need|we\s+need|i\s+need|draft|prepare|build|do|give|post|"
    r"generate|produce|put\s+together|can\s+you|could\s+you|help|let'?s|want|looking\s+for|promote|"
    r"keep|make\s+it|make\s+sure|include|mention|add|use|avoid|focus|highlight|emphasi[sz]e|lead\s+with|squeeze|"
    r"hi|hello|hey|dear|thanks|thank\s+you|cheers|regards|best|"
    r"advertise|announce|launch|show(?:case)?|for\s+(?:our|the|a|an)\b|an?\s+(?:ad|post|banner|story|image))\b",
    re.IGNORECASE,
)
_EN_LEAD = re.compile(
    r"^(?:(?:it|this|that|they)['’](?:s|re)\s+)?"  # "It's waterproof"
    r"(?:(?:and|also|plus|then|so|it|this|that|they|these|the\s+product|our\s+product|the\s+app|"
    r"each|every|one)\s+)*(?:(?:has|have|comes\s+with|come\s+with|offers|offer|features|includes|include|"
    r"boasts|gets|get|is|are|'s|’s)\s+)?(?:an?\s+|the\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)
_EN_NOT_FEATURE = re.compile(
    r"\b(?:ad|ads|post|posts|banner|story|stories|image|thumbnail|campaign|copy|brief|tone|voice|feel|vibe|"
    r"audience|target(?:ing|ed)?|aimed|customers?|instagram|facebook|youtube|kakao|naver|blog|landing\s+page|"
    r"please|thanks|thank\s+you|asap|deadline|brand|launch(?:ing|es|ed)?|new\s+(?:product|release)|"
    r"(?:detail\s+)?pages?|decks?|slides?|posters?|flyers?|newsletters?|presentations?|e-?mails?|display\s+ads?|"
    r"leaderboard|ppt|powerpoint|carousel|caption|cta|promo(?:tion)?|fees?|pricing|"
    r"price|tuition|deliverables?)\b",
    re.IGNORECASE,
)
EN_SINGLE_WORD_CLAIMS = {
    "vegan", "organic", "waterproof", "unfiltered", "handmade", "wireless", "foldable", "reusable", "recyclable",
    "portable", "lightweight", "rechargeable", "compostable", "gluten-free", "halal", "kosher", "biodegradable",
    "hypoallergenic", "washable", "stackable", "adjustable", "ergonomic", "silent", "cordless", "sugar-free",
    "dairy-free", "unscented", "refillable", "breathable", "durable",
}  # fmt: skip
_EN_OFFERISH = re.compile(
    r"(?<![\w-])(?:ends?|ending|pre-?orders?|buy|get|off|sale|deal|discount|save|coupon|code|until|through|"
    r"(?<!to\s)order|orders)(?![\w-])",  # "pressed to order" is how it is made
    re.IGNORECASE,
)
_EN_VERB_START = re.compile(r"^[a-z]+(?:s|es)\b")
_EN_NOUN_END_S = re.compile(r"(?:ss|us|is|ous|ics)$")


def reads_as_verb(phrase: str) -> bool:
    """An English feature that reads as a verb phrase ("syncs calendars", "runs async
    standups"): it goes in a bullet, not into a phrasing's noun slot."""
    words = phrase.split()
    if len(words) < 2 or not re.fullmatch(r"[A-Za-z]+", words[0]):
        return False
    first = words[0].lower()
    return first.endswith("s") and not _EN_NOUN_END_S.search(first) and len(first) > 3


# "licensed and insured", "family owned and operated": two words joined by "and" between commas
# are one claim; the placeholder keeps every offset where it was
# ("all spayed/neutered and microchipped"), also before what the pair is doing ("60+ dogs and cats looking for homes")
_EN_PAIR = re.compile(
    r"(?:(?<=^)|(?<=,)|(?<=[.:;]))(\s*[\w'’/+-]+(?:\s[\w'’/+-]+)?) and "
    r"([\w'’/-]+(?:\s[\w'’/-]+(?=\s+(?:looking|waiting|ready|available)\b))?)"
    r"(?=\s*(?:[,.;!?\n]|$)|\s+(?:looking|waiting|ready|available|for|with|from)\b)"
)
PAIR_JOIN = "\u02bc"  # a letter to the regular expressions: no "and" is split out of the pair


# two names joined inside a claim ("Native NetSuite and QuickBooks integrations", "works with Slack and Notion
# out of the box"): one claim about both
# out of the box", "sync across Mac, iPad and Windows"): one claim about them all
_EN_NAME_PAIR = re.compile(
    r"(?<=[a-z]\s)((?:(?:[A-Z]|i[A-Z])[\w'’.-]*,\s)*(?:[A-Z]|i[A-Z])[\w'’.-]*) and ((?:[A-Z]|i[A-Z])[\w'’.-]*)"
    r"(?=\s+[a-z]|\s*[.;!?\n]|\s*$)"
)
COMMA_JOIN = "\u201a"  # a comma inside a protected list of names, which no clause split sees


def protect_pairs(text: str) -> str:
    text = _EN_NAME_PAIR.sub(
        lambda m: f"{m.group(1).replace(',', COMMA_JOIN)}{PAIR_JOIN}and{PAIR_JOIN}{m.group(2)}", text
    )
    return _EN_PAIR.sub(lambda m: f"{m.group(1)}{PAIR_JOIN}and{PAIR_JOIN}{m.group(2)}", text)


def english_claims(text: str, taken: list[Span], product: str | None) -> list[Claim]:
    text = protect_pairs(text)
    claims: list[Claim] = []
    product_low = (product or "").casefold()
    for sentence in _EN_SENTENCE.finditer(text):
        s_start, s_end = sentence.span()
        body = text[s_start:s_end]
        # a sentence that introduces the product ("FlowDesk is our new team planner app for
        # remote teams") names what it is, not what it does
        intro = bool(product_low) and re.match(
            rf"\s*(?:meet\s+|introducing\s+)?{re.escape(product_low)}\s+(?:is|are|—|-)\b", body.casefold()
        )
        for piece_start, piece_end in _cut_spans(text, s_start, s_end, taken):
            piece = text[piece_start:piece_end]
            position = 0
            for part in _EN_CLAUSE_SPLIT.split(piece) + [""]:
                if not part:
                    continue
                offset = piece.find(part, position)
                position = offset + len(part)
                claim = _english_clause(part, piece_start + offset, product_low)
                if (
                    claim
                    and text[claim.end : claim.end + 3].lstrip(" )").startswith(":")
                    and not re.search(r"\d", claim.text)
                ):
                    continue  # "Key points:", "Holiday collection:": a label over what follows
                if claim and not (intro and claim.start == s_start + (len(body) - len(body.lstrip()))):
                    claims.append(claim)
    return [Claim(c.text.replace(PAIR_JOIN, " ").replace(COMMA_JOIN, ","), c.start, c.end, c.noun) for c in claims]


_EN_PARTICIPLES = {
    "bake": "baked", "brew": "brewed", "roast": "roasted", "grow": "grown", "cook": "cooked", "grind": "ground",
    "knit": "knitted", "sew": "sewn", "pour": "poured", "smoke": "smoked", "ship": "shipped",
    "hand-pour": "hand-poured", "handcraft": "handcrafted", "press": "pressed", "churn": "churned", "age": "aged",
    "ferment": "fermented",
}  # fmt: skip
_EN_OUR_THING_IS = re.compile(
    r"^(?:our|all\s+our|every)\s+(?P<thing>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?)\s+(?:are|is)\s+(?:all\s+)?"
    r"(?P<how>[a-z-]*(?:ed|en|made)\b(?:\s+[\w'’-]+){0,5})$",
    re.IGNORECASE,
)
_EN_HOW = r"(?:daily|fresh|every|each|in-house|by|here|locally|on|in|at|within|weekly|right|for|over|with|from|to)\b"
_EN_CRAFTED = re.compile(
    rf"we\s+(?:also\s+|still\s+|only\s+)?(?P<verb>{'|'.join(_EN_PARTICIPLES)})\b\s*"
    rf"(?P<thing>(?:(?!{_EN_HOW})[\w'’-]+\s*){{0,4}}?)\s*(?P<how>{_EN_HOW}.*)?$",
    re.IGNORECASE,
)


def _english_clause(part: str, start: int, product_low: str) -> Claim | None:
    raw = part.strip(" .!?;:'\"“”‘’").lstrip("-*•·▪–— ")
    if not raw or _EN_REQUEST.match(raw):
        return None
    # "We've got 98.7% on-time delivery", "we do same day tune ups": what follows is the claim
    # "We treat ACL recovery, running injuries": what the business treats, serves or carries
    raw = re.sub(
        r"^(?:we['’]ve\s+got|we\s+(?:also\s+)?(?:have|offer|deliver|do|make|treat|specialize\s+in|specialise\s+in|use|serve"
        r"|carry|stock|teach|cover|provide|sell|fix|repair|install|clean|take|accept|guarantee|handle)"
        r"|you\s+(?:also\s+)?(?:get|receive)(?:\s+(?:an?|the))?)\s+",
        "",
        raw,
        flags=re.I,
    )
    described = _EN_OUR_THING_IS.match(raw)
    if described and not _EN_NOT_FEATURE.search(raw):
        # "Our birria tacos are slow-cooked 8 hours": "Birria tacos slow-cooked 8 hours"
        said = f"{described.group('thing')} {described.group('how')}".strip()
        begin = start + max(0, part.find(raw))
        return Claim(said[0].upper() + said[1:], begin, begin + len(raw))
    crafted = _EN_CRAFTED.match(raw)
    if crafted and len(raw.split()) <= MAX_EN_WORDS + 2 and not _EN_NOT_FEATURE.search(raw):
        # "we bake sourdough daily": how it is made is the claim: "Sourdough baked daily"
        thing = re.sub(
            r"^(?:our|the|all|all\s+our|every|each)\s+", "", (crafted.group("thing") or "").strip(), flags=re.I
        )
        said = " ".join(w for w in (thing, _EN_PARTICIPLES[crafted.group("verb").lower()], crafted.group("how")) if w)
        begin = start + max(0, part.find(raw))
        return Claim(said[0].upper() + said[1:], begin, begin + len(raw))
    # "We're collecting canned protein": what the business collects, serves or hosts
    raw = re.sub(
        r"^we(?:['’]re|\s+are)\s+(?:now\s+|also\s+)?(?:collecting|offering|serving|hosting|accepting|taking|bringing)\s+",
        "",
        raw,
        flags=re.I,
    )
    if re.match(r"(?:we|we['’]re|we\s+are|i|i['’]m|our\s+(?:team|company|shop|store|school|brand))\b", raw, re.I):
        return None  # "We're a small language school": about the seller, not a claim
    lead = _EN_LEAD.match(raw)
    core = raw[lead.end() :] if lead else raw
    core = core.strip(" .!?;:")
    if not core or len(core.split()) > MAX_EN_WORDS:
        return None
    low = core.casefold()
    if product_low and low.startswith(product_low + " ") and reads_as_verb(core[len(product_low) + 1 :]):
        # "FocusFlow blocks distracting sites": what the product does is the claim
        rest = core[len(product_low) + 1 :]
        begin = start + max(0, part.find(rest))
        return Claim(rest[0].upper() + rest[1:], begin, begin + len(rest), noun=False)
    if product_low and (product_low in low or low in product_low):
        return None
    if re.match(r"(?:service|program|package|plan|course|class|offer|deal|campaign)s?\s+for\b", low):
        return None  # what is left of "our Tax Filing service for the upcoming season"
    if re.match(r"(?:for|to|on|at|in|of|from|over|under|by|until|till|per|you|they)\b", low):
        return None  # what is left of "30% off for members", "on all the juices"
    if _EN_NOT_FEATURE.search(core) or not re.search(r"[a-z0-9]", low):
        return None
    single = len(core.replace(PAIR_JOIN, " ").split()) == 1
    quality = re.search(r"(?:able|ible|proof|less|safe)$", low) is not None  # "flushable", "odorless"
    if (
        single
        and not re.search(r"[\d-]", core)
        and low not in EN_SINGLE_WORD_CLAIMS
        and not core.isupper()
        and not quality
    ):
        return None  # "case", "then", "Slack": a fragment of a clause, no claim of its own
    core = re.sub(r"\s+(?:too|as\s+well|also)$", "", core)  # "cat grooming too"
    low = core.casefold()
    if re.search(r"\s(?:ones|a|an|the|of|to|for|with|and|or)$", low) or re.search(
        r"\b\d+\s*(?:words|characters|chars|slides|pages|posts)\b|\b(?:registration|closes|grand\s+opening)\b", low
    ):
        return None  # "salmon ones", "after a", "around 800 words", "Registration closes May 31"
    if re.search(r"\b(?:is|are|was|at|from|of|start|starts|costs?|runs?)$", low):
        return None  # "Pricing is", "tune ups start at": what is left once the price is taken
    if re.match(
        r"(?:small|local|family|little|tiny)\b.*\b(?:business|shop|store|company|team|studio|brand|center|centre|"
        r"school|academy|clinic|agency|bakery|cafe|café)$",
        low,
    ):
        return None  # "Small candle business": about the seller
    if _EN_OFFERISH.search(core):
        return None  # what is left of an offer or a deadline ("Ends 5/31", "Buy one bag")
    if re.match(r"(?:our|my|your|their)\s", low):
        return None  # "our robot vacuum": what the product is
    offset = raw.find(core)
    begin = start + (part.find(raw) if raw in part else 0) + max(0, offset)
    verb = bool(_EN_VERB_START.match(core)) and not _EN_NOUN_END_S.search(core.split()[0])
    if (
        lead
        and lead.group(0).strip()
        and re.search(r"\b(?:has|have|comes?\s+with|offers?|features|includes?)\b", lead.group(0), re.I)
    ):
        verb = False  # "has a 10-hour battery": the thing it has
    return Claim(core, begin, begin + len(core), noun=not verb)


# --- Korean ------------------------------------------------------------------------------------

_KO_BREAK_EC = {
    "고", "며", "으며", "면서", "으면서", "어서", "아서", "라", "이라", "지만",
    "는데", "은데", "ㄴ데", "ᆫ데", "어", "아",
}  # fmt: skip
# verbs that carry no claim of their own: "노이즈 캔슬링 되고" is the noise cancelling
_KO_LIGHT_VERBS = {"되", "하", "가", "쓰", "오", "나오", "나가", "들어가", "들", "포함되", "적용되", "탑재되", "있"}
_KO_REQUEST_STEMS = {"만들", "부탁", "작성", "제작", "준비", "뽑", "디자인", "해주", "나오", "알리", "소개", "필요하"}
_KO_CUE_PREDICATE_NOUNS = {"핵심", "특징", "장점", "포인트", "강점", "자랑", "셀링포인트", "특장점", "무기"}
_KO_SKIP_NOUNS = (EDGE_WORDS | CHANNEL_WORDS | FORMAT_WORDS | AUDIENCE_TRIGGERS | TONE_TRIGGERS | PRODUCT_LABELS) - {
    "세트"
}
_PREDICATE_TAGS = {"VA", "VA-I", "VA-R", "VV", "VV-I", "VV-R", "XSA", "XSV", "XSA-I", "XSV-I"}
_NOUNISH = {"NNG", "NNP", "NNB", "SN", "SL", "SH", "XR", "XSN", "XPN", "MM", "NR"}


def korean_claims(text: str, taken: list[Span], product_span: Span | None) -> list[Claim]:
    kiwi = get_kiwi()
    raw = kiwi.tokenize(text)
    tokens = [Tok(t.form, t.tag, t.start, t.start + t.len) for t in raw if t.form.strip()]
    claims: list[Claim] = []
    # "요즘 날씨 너무 덥죠 … 아무튼 본론으로 들어가면요,": what comes before getting down to business is small talk
    down_to_business = _KO_DOWN_TO_BUSINESS.search(text)
    small_talk_end = down_to_business.end() if down_to_business else 0
    for clause in _korean_clauses(text, tokens):
        if clause and clause[0].start < small_talk_end:
            continue
        if any(_overlap((tok.start, tok.end), span) for tok in clause for span in taken):
            clause = [tok for tok in clause if not any(_overlap((tok.start, tok.end), s) for s in taken)]
            # what is left of "1+1 이벤트" or "12월 15일까지" is no feature
            if not any(tok.tag in _PREDICATE_TAGS for tok in clause):
                clause = []
        if product_span and clause and any(_overlap((tok.start, tok.end), product_span) for tok in clause):
            after = [tok for tok in clause if tok.start >= product_span[1]]
            # "'Nimbus 2'는 흡입력이 강해요", "'소니카 S3'인데 ...": the topic goes, the claim stays
            while after and after[0].tag.startswith(("J", "VCP", "E")):
                after.pop(0)
            clause = after if any(tok.tag in _PREDICATE_TAGS | {"NNG", "SN"} for tok in after) else []
        claim = _korean_claim(text, clause, kiwi)
        if claim is not None and _describes_the_tone(text, clause):
            claim = None  # "따뜻하지만 신파는 아닌 톤으로": how the copy should sound, no claim
        if claim is None and _is_request(clause) and (pointed := _pointed_at(clause)):
            claim = _korean_claim(text, pointed, kiwi)
        if claim is not None and not _garbled_korean(claim.text, text):
            claims.append(claim)
    return claims


_KO_DOWN_TO_BUSINESS = re.compile(
    r"(?:본론(?:으로|부터|만|은)|다름(?:이)?\s?아니(?:라|고)|각설하고|용건(?:은|만))[^.!?\n,]{0,12}[.!?\n,]?"
)


# words that are no claim on their own: greetings, what the brief is organised by, people
_KO_NOT_CLAIMS = {
    "안녕", "마감", "운영", "메인", "서브", "이름", "아이들", "요점", "설치", "드림", "한 팩", "등록 마감", "접수 마감",
    "저희", "표", "넣음", "주문", "배움", "패키지", "스펙", "스펙표", "자료", "내용", "디자인", "광고",
    "신청 마감", "예약 마감", "가능", "제공", "증정", "시작", "오픈", "출시", "런칭", "점심", "저녁", "아침",
    "주말", "평일", "기존 건", "기존 거", "주력", "핵심", "감사", "현수막", "프로그램", "다음 주", "이번 주", "다음 달",
}  # fmt: skip
# the seller's own trouble, why it writes, no claim: "점심에 손님이 너무 없어서", "매출이 줄어서"
_KO_SELLERS_TROUBLE = re.compile(
    r"(?:없는|적은|줄어든|줄은|떨어진|안\s?되는)\s(?:[가-힣]{1,4}\s){0,3}(?:손님|매출|장사|고객|예약|주문|방문객)"
)
# "9월 21~22일": when it runs; "요가 리트릿 진행": the seller saying it runs one, no claim
_KO_WHEN_OR_WE_RUN = re.compile(
    r"^\d{1,2}월\s?\d{1,2}(?:\s?~\s?\d{1,2})?일$|(?:리트릿|행사|이벤트|캠페인|클래스|세미나|웨비나|워크숍|축제|투어|캠프)\s진행$"
)
_KO_TIME_ONLY = re.compile(r"\d+\s?(?:시|분|일|월)(?:\s?\d+\s?(?:시|분|일))?")


_KO_POINTERS = {
    "거기", "여기", "저기", "이번", "이번에", "그거", "이거", "저거", "그게", "이게", "요번", "그때", "지금",
}  # fmt: skip


def _garbled_korean(phrase: str, source: str) -> bool:
    """A claim the morphology put together badly, or no claim at all: "새벽배송 받아볼볼 수"
    (a doubled syllable the brief never wrote, a bound noun at the end), "끝나는 요 전자레인지
    2분" (a stray ending), a bare time ("11시"), a greeting or a person ("원장님")."""
    words = phrase.split()
    if _KO_SELLERS_TROUBLE.search(phrase) or _KO_WHEN_OR_WE_RUN.search(phrase):
        return True
    if all(word in _KO_POINTERS for word in words) or re.search(r"날씨|운전\s?중|음성으로", phrase):
        return True  # "거기 이번": pointing words alone; "날씨 진짜 더움": small talk
    if re.match(r"\W*(?:사장|원장|대표|실장|팀장|부장|과장|이사)님|[가-힣]*(?:컨펌|시안|피드백|수정\s?요청)", phrase):
        return True  # "사장님 휴가", "컨펌 늦을 수": the seller's people and the work's schedule, no claim
    if phrase in _KO_NOT_CLAIMS or words[-1] in {"수", "것", "거", "데", "줄", "때문"} or "요" in words:
        return True
    if (len(words) == 1 and phrase.endswith("님")) or _KO_TIME_ONLY.fullmatch(phrase):
        return True
    if re.search(r"(?<![\d.,])(?:[1-9][\d,.]*|0[.,]\d+)\s?(?:만|천)?\s?원|가격", phrase) or len(words) > 6:
        return True  # a price is the price's, not a feature ("설치비 0원" is a claim: nothing to pay)
    for first, second in zip(phrase, phrase[1:], strict=False):
        if first == second and "가" <= first <= "힣" and first + second not in source:
            return True
    return words[0] in {"사는", "끝나는", "나누는", "받는", "쓰는", "하는", "드는", "들어가는", "넣는"}


def _korean_clauses(text: str, tokens: list[Tok]) -> list[list[Tok]]:
    clauses: list[list[Tok]] = [[]]
    for index, tok in enumerate(tokens):
        previous = tokens[index - 1] if index else None
        if previous is not None and "\n" in text[previous.end : tok.start] and clauses[-1]:
            clauses.append([])
        # "구글·아웃룩 캘린더 연동", "A/S 3일 보장", "무향료·무알코올": written together, read together
        joined = tok.form in {"+", "-", "&", "·", "/"} and previous is not None and previous.end == tok.start
        joined = joined and index + 1 < len(tokens) and tokens[index + 1].start == tok.end
        # "초등 3~6학년", "S~XL 4종": a range is one value, not two items
        joined = joined or (
            tok.form == "~"
            and previous is not None
            and (previous.tag in {"SN", "SL"} or _after_a_unit(tokens, index))
            and index + 1 < len(tokens)
            and tokens[index + 1].tag in {"SN", "SL"}
        )
        if joined:  # "EPA+DHA", "USB-C", "스튜디오+드레스": one name, not a list
            clauses[-1].append(tok)
            continue
        # laughter ("ㅎㅎ", "ㅋㅋ") ends what was said before it, like a full stop
        laughter = tok.tag == "SW" and re.fullmatch(r"[ㄱ-ㅎㅏ-ㅣ]{2,}", tok.form) is not None
        # "① 목 각도 15도 ② 통기 구멍 200개": circled numbers number the items of a list
        circled = "\u2460" <= tok.form[:1] <= "\u2473" or "\u2776" <= tok.form[:1] <= "\u277f"
        if (
            laughter
            or circled
            or tok.tag in {"SF", "SP", "SE", "SSO", "SSC", "SO"}
            or tok.form in {"/", "·", "+", "&", "—", "–", "-", "|"}
        ):
            if clauses[-1]:
                clauses.append([])
            continue
        if (
            tok.form == "구"
            and tok.tag in {"NR", "XPN", "NNG"}
            and previous is not None
            and previous.form == "이"
            and (previous.end == tok.start)
        ):
            clauses.append([])  # "대상이구": Kiwi's 이 + 구 is the spoken 이고
            continue
        if tok.tag == "XPN" and tok.form == "고" and previous is not None and previous.form == "이":
            # Kiwi reads "V8이고" as 이 (subject particle) + 고 (prefix): it is "V8 is, and"
            clauses.append([])
            continue
        clauses[-1].append(tok)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        # "직접 갈아 넣었고", "떼어 붙여서": a verb joined by 아/어 to the next verb is one action
        serial = (
            tok.form in {"어", "아"}
            and following is not None
            and following.tag in {"VV", "VV-I", "VV-R"}
            and text[tok.end : following.start] in {"", " "}
        )
        if (
            tok.tag == "EC"
            and tok.form in _KO_BREAK_EC
            and not (following is not None and following.tag == "VX")
            and not serial
            or tok.tag in {"EF"}
        ):
            clauses.append([])
        elif (
            tok.tag == "NNG"
            and tok.form == "포함"
            and following is not None
            and following.tag in {"NNG", "NNP", "SN"}
            and "\n" not in text[tok.end : following.start]
        ):
            clauses.append([])  # "코팅+클리닝 포함 작업시간 2시간": what is included, then another fact
        elif tok.tag == "JC" and following is not None and following.tag in _NOUNISH:
            clauses[-1].pop()
            clauses.append([])
        elif (
            tok.tag in {"JKB", "JKG"}  # Kiwi reads "실리콘 프리에 멘톨" as the genitive 에 (의)
            and tok.form == "에"
            and not _frequency(tokens, index)
            # "숯불에 직화로 굽고": where and how it is done, one claim
            and not _how_it_is_done(tokens, index + 1)
            and following is not None
            and (
                following.tag in {"NNG", "NNP", "SL", "SN", "MM"}
                # "1:1 맞춤 PT에 매달 인바디 측정": an adverb may open the next item ("8시에 바로 구워요" is one)
                or (
                    following.tag == "MAG"
                    and index + 2 < len(tokens)
                    and tokens[index + 2].tag in {"NNG", "NNP", "SL", "SN"}
                    and previous is not None
                    and previous.tag != "NNB"
                )
                # "오래 우린 육수에 직접 뽑은 생면": the next item a noun its verb describes
                or (
                    following.tag == "MAG"
                    and index + 4 < len(tokens)
                    and tokens[index + 2].tag.startswith("VV")
                    and tokens[index + 3].tag == "ETM"
                    and tokens[index + 4].tag in {"NNG", "NNP"}
                    and previous is not None
                    and previous.tag in {"NNG", "NNP"}
                )
            )
        ):
            clauses[-1].pop()  # "흡입력 8000Pa에 물걸레 자동 세척", "무첨가에 100% 착즙": a list
            clauses.append([])
    return [clause for clause in clauses if clause]


def _after_a_unit(tokens: list[Tok], index: int) -> bool:
    """ "3월 14일~16일": a range may start after a number's unit."""
    return index >= 2 and tokens[index - 1].tag == "NNB" and tokens[index - 2].tag == "SN"


def _how_it_is_done(tokens: list[Tok], start: int) -> bool:
    """Whether the nouns from ``start`` end in 로/으로 ("숯불에 | 직화로 굽고"): the place, then the way."""
    for tok in tokens[start : start + 4]:
        if tok.tag == "JKB" and tok.form in {"로", "으로"}:
            return True
        if tok.tag not in {"NNG", "NNP", "SL", "SN", "XSN"}:
            return False
    return False


def _describes_the_tone(text: str, clause: list[Tok]) -> bool:
    """An adjective alone ("따뜻하지만", "밝고") in the sentence that asks for a tone or mood."""
    words = [tok for tok in clause if tok.tag in {"NNG", "NNP", "SL", "SN"}]
    if words:
        return False
    sentence_end = min([i for i in (text.find(ch, clause[-1].end) for ch in ".!?\n") if i >= 0] or [len(text)])
    return re.search(r"톤|느낌|분위기|무드|어조|말투", text[clause[-1].end : sentence_end]) is not None


def _frequency(tokens: list[Tok], index: int) -> bool:
    """ "2주에 한 번", "하루에 두 번", "월에 1회": 에 between a span of time and a count."""
    after = tokens[index + 1 : index + 3]
    return (
        index > 0
        and tokens[index - 1].form in {"주", "달", "개월", "일", "년", "시간", "하루", "월", "분기", "주일"}
        and len(after) == 2
        and after[0].tag in {"MM", "SN", "NR"}
        and after[1].form in {"번", "회", "차례"}
    )


def _pointed_at(clause: list[Tok]) -> list[Tok]:
    """ "월 1회 내원이면 충분하다는 점 강조해주세요": what the request points at is a claim."""
    for index, tok in enumerate(clause):
        if tok.form in {"점", "부분"} and tok.tag in {"NNG", "NNB"} and index and clause[index - 1].tag == "ETM":
            return clause[: index - 1]
    return []


_KO_MAKING_STEMS = {"만들", "나오", "뽑", "준비"}
_KO_MAKING_MANNER = {"당일", "직접", "수제", "맞춤", "주문", "즉석", "현장", "자체", "국내", "매일"}


def _says_it_is_done(after: list[Tok]) -> bool:
    """ "만들어요", "나와요", "뽑은": a statement of what is done; "만들어 주세요", "만들어야", "뽑아줘" ask."""
    for tok in after[:3]:
        if tok.tag in {"VX", "EP"} and tok.form not in {"시", "으시", "었", "았"}:
            return False
        if tok.form in {"야", "어야", "아야", "려", "으려", "려고", "ᆯ", "을", "면", "으면", "어도", "기"}:
            return False
        if tok.tag == "EF":
            return tok.form not in {"자", "세요", "으세요", "어라", "아라", "라", "어", "아", "줘", "죠", "지요"}
        if tok.tag == "ETM":
            return True
    return False


def _is_request(clause: list[Tok]) -> bool:
    # what the writer means to do or must do, not what the product is: "세 개로 밀고 갈게요",
    # "이번에 밀어야 하는 것", "올리려고요"
    if any(tok.tag in {"EF", "EC"} and tok.form in _KO_INTENT_ENDINGS for tok in clause):
        return True
    for index, tok in enumerate(clause):
        nominal = index + 1 < len(clause) and clause[index + 1].tag == "ETN"  # "게임 만들기": a noun
        if tok.tag.startswith("V") and tok.form in _KO_REQUEST_STEMS and not nominal:
            if tok.form in _KO_MAKING_STEMS and _says_it_is_done(clause[index + 1 :]):
                continue  # "직접 만들어요", "첫 판 나와요": how the seller makes it, no request
            return True
        if tok.tag.startswith("V") and tok.form in {"쓰", "올리", "짜", "그리"}:
            following = clause[index + 1 : index + 3]
            if any(t.tag == "VX" or t.form in {"ᆯ", "을"} for t in following):
                return True  # "써줘", "올릴 거예요"; "국내산 재료만 써요" is a claim
        if tok.tag == "NNG" and tok.form == "제작" and index and clause[index - 1].form in _KO_MAKING_MANNER:
            continue  # "당일 제작", "수제 제작": how it is made
        if tok.tag in {"NNG", "XR"} and tok.form in {
            "부탁", "요청", "제작", "작성", "홍보", "광고", "출시", "런칭", "강조", "부각", "어필", "표현", "언급",
        }:  # fmt: skip
            return True
        if tok.tag == "VX" and tok.form == "주":
            # "만들어 주세요" asks; "한 명 한 명 다 봐주고" says what the business does for you
            following = clause[index + 1] if index + 1 < len(clause) else None
            if not (following is not None and following.tag == "EC" and following.form in {"고", "며", "면서"}):
                return True
    return False


def _is_occasion(clause: list[Tok]) -> bool:
    """ "올해도 성탄절을 앞두고", "창립 10주년을 맞아", "새해를 맞이하여": when it happens, not what it is.
    The clause ends on the occasion's verb; what follows it ("…맞아 전 품목 20% 할인") is read apart."""
    for index, tok in enumerate(clause[1:], start=1):
        before = clause[index - 1]
        if before.tag != "JKO":
            continue
        if (tok.tag == "VV" and tok.form in {"앞두", "맞", "맞이하"}) or (tok.tag == "XR" and tok.form == "맞이"):
            rest = clause[index + 1 :]
            return all(t.tag.startswith(("E", "XSV")) for t in rest)
    return False


_KO_INTENT_ENDINGS = {
    "ᆯ게요", "을게요", "ᆯ게", "을게", "ᆯ께요", "을께요", "어야", "아야", "려고", "으려고", "려고요", "으려고요",
    "ᆯ까", "을까", "ᆯ까요", "을까요", "겠습니다",
}  # fmt: skip


# "작업시간 2시간", "제작기간 3일": a request noun written into a compound that names a measure is no request
_MEASURE_NOUNS = {"시간", "기간", "일수", "과정", "공정", "일정"}


def _in_compound(clause: list[Tok], index: int) -> bool:
    following = clause[index + 1] if index + 1 < len(clause) else None
    return following is not None and following.start == clause[index].end and following.form in _MEASURE_NOUNS


# who works for the seller: "요양보호사 선생님이 주 5회 방문합니다" says what they do
_STAFF = re.compile(
    r"(?:선생님|강사|강사님|코치|트레이너|원장님|직원|스태프|디자이너|미용사|보호사|간호사|의사|셰프|기사님?|매니저|상담사|"
    r"치료사|전문가)$"
)


def _without_staff_subject(clause: list[Tok]) -> list[Tok]:
    """ "자격증 보유 요양보호사 선생님이 주 5회 방문합니다" → "주 5회 방문합니다": the staff said as the
    subject is who does it; what they do is the claim."""
    nouns = 0
    while nouns < min(len(clause), 8) and clause[nouns].tag in {"NNG", "NNP", "SN", "NNB", "MM"}:
        nouns += 1
    if not nouns or not _STAFF.search(clause[nouns - 1].form):
        return clause
    rest = nouns
    while rest < len(clause) and (
        clause[rest].tag in {"XSN", "JKS", "JX"} or (clause[rest].tag == "MAG" and clause[rest].form in {"모두", "다"})
    ):
        rest += 1
    if rest > nouns and rest < len(clause) and any(t.tag in _PREDICATE_TAGS for t in clause[rest:]):
        return clause[rest:]
    return clause


def _korean_claim(text: str, clause: list[Tok], kiwi) -> Claim | None:
    # framing adverbs and conjunctions at the start ("그리고", "또", "특히")
    while clause and (
        (clause[0].tag in {"MAJ", "MAG", "IC"} and clause[0].form not in {"안", "못"} | _KO_CLAIM_ADVERBS)
        or clause[0].tag.startswith(("E", "J", "VCP"))
    ):
        clause = clause[1:]
    if not clause or _is_request(clause) or _is_occasion(clause):
        return None
    unstaffed = _without_staff_subject(clause)
    if unstaffed is not clause:
        clause = unstaffed
        verbs = [i for i, tok in enumerate(clause) if tok.tag in _PREDICATE_TAGS]
        if verbs and clause[verbs[0]].tag.startswith("VV") and not any(t.tag == "JKS" for t in clause[: verbs[0]]):
            # "선생님들 모두 치매 전문 교육 받으셨어요": "치매 전문 교육 받음"
            verb = clause[verbs[0]]
            return _claim(
                text[clause[0].start : verb.start] + kiwi.join([(verb.form, verb.tag), ("음", "ETN")]),
                clause[0].start,
                clause[-1].end,
            )
    if any(
        tok.form in _KO_SKIP_NOUNS
        and not _in_compound(clause, index)
        # "당일 제작 당일 배송": how and when it is made, not the work asked for
        and not (index and clause[index - 1].form in _KO_MAKING_MANNER and tok.form in {"제작", "작업"})
        for index, tok in enumerate(clause)
        if tok.tag in {"NNG", "NNP", "SL"}
    ):
        return None
    if any(tok.tag == "NNG" and tok.form in {"대", "대상", "타겟", "타깃"} for tok in clause):
        return None
    for index, tok in enumerate(clause[:-1]):
        if tok.tag == "SN" and re.fullmatch(r"[1-7]0", tok.form) and clause[index + 1].form == "대":
            return None  # "30~40대": an age band ("무선 3대 연결" is no audience)
    if len(clause) >= 3 and clause[-1].tag == "ETN" and clause[-2].tag in {"VV", "VA", "VV-I", "VA-I", "VV-R"}:
        # a note written in the noun form, "크림은 동물성 생크림만 씀": as written, after its topic
        topic = max(
            (
                i
                for i, tok in enumerate(clause[:-2])
                if tok.tag in {"JX", "JKS"} and tok.form in {"은", "는", "이", "가"}
            ),
            default=None,
        )
        first = clause[topic + 1] if topic is not None and topic + 1 < len(clause) - 2 else clause[0]
        if any(tok.tag in _NOUNISH for tok in clause[clause.index(first) : -2]):
            return _claim(text[first.start : clause[-1].end], clause[0].start, clause[-1].end, noun=False)
    predicate = max(
        (
            i
            for i, tok in enumerate(clause)
            if tok.tag in _PREDICATE_TAGS and not (i + 1 < len(clause) and clause[i + 1].tag == "ETN")
        ),
        default=None,
    )
    if (
        predicate is not None
        and predicate + 2 < len(clause)
        and clause[predicate + 1].tag == "ETM"
        and clause[predicate + 2].tag in {"NNG", "NNP", "SL", "SN"}
        and not any(tok.tag in {"JKO", "JKS", "JX"} for tok in clause[:predicate])
    ):
        # "애월 바다 보이는 독채 숙소 30박": a verb that describes the noun after it; the phrase
        # as written, up to its last noun ("보이는 애월 바다" would say something else)
        last = max(i for i, tok in enumerate(clause) if tok.tag in _NOUNISH)
        return _claim(text[clause[0].start : clause[last].end], clause[0].start, clause[-1].end)
    if predicate is not None and clause[predicate].tag in {"XSA", "XSV", "XSA-I", "XSV-I"} and predicate == 0:
        predicate = None
    start, end = clause[0].start, clause[-1].end
    if predicate is None:
        phrase = _noun_phrase(text, clause)
        if phrase is None:
            return None
        return _claim(phrase, start, end)
    stem_first = predicate
    while stem_first > 0 and clause[stem_first].tag.startswith("XS") and clause[stem_first - 1].tag in {"XR", "NNG"}:
        stem_first -= 1
    head = clause[:stem_first]
    stem = clause[stem_first : predicate + 1]
    verb_tag = clause[predicate].tag
    if clause[predicate].form in _KO_LIGHT_VERBS and stem_first == predicate and not any(t.tag == "JKO" for t in head):
        # "노이즈 캔슬링 되고", "배터리 30시간 가요", "무게가 1.5kg밖에 안 되고": the words
        # before the verb are the claim
        kept = [t for t in head if not t.tag.startswith("J")]
        phrase = _surface(text, [t for t in kept if t.tag != "MAG" or t.form in _KO_CLAIM_ADVERBS])
        if phrase and _content(head) and _negated(head):
            # "MSG 안 쓰고": without its "안" the claim would say the opposite
            verb = kiwi.join([(clause[predicate].form, clause[predicate].tag), ("음", "ETN")])
            return _claim(f"{phrase} {'못' if _negated(head) == '못' else '안'} {verb}", start, end)
        return _claim(phrase, start, end) if phrase and _content(head) else None
    if stem_first < predicate and clause[stem_first].tag in {"NNG", "XR"} and not any(t.tag == "JKS" for t in head):
        # "야간 진료하고", "주차 가능해요": the noun of the verb after what it is about
        # "생화만 사용함": "만" (only) is part of the claim, other particles are not
        # "매 분기 투명하게 공개": an adverb made with 게 stays as written
        words = [
            t
            for t in head
            if not t.tag.startswith(("J", "E"))
            or t.form in {"만", "부터", "까지", "마다"}
            or t.tag == "ETN"
            or (t.tag == "EC" and t.form == "게")
        ] + clause[stem_first:predicate]
        negation = [t.form for t in head if t.form in {"안", "못"}]
        phrase = _surface(text, [t for t in words if t.form not in {"안", "못"}])
        return _claim(f"{phrase} 안 됨" if negation else phrase, start, end) if phrase else None
    subject_at = max((i for i, tok in enumerate(head) if tok.tag == "JKS"), default=None)
    subject = head[:subject_at] if subject_at is not None else head
    rest = head[subject_at + 1 :] if subject_at is not None else []
    if any(tok.tag in {"JKO", "JKB"} for tok in subject) or not subject:
        # "캘린더를 자동으로 동기화해요", "아침에 마시기 좋아": the clause as a noun form
        # the words before the verb as written (Kiwi may have split "멘톨" into 멘토 + ㄹ, and
        # joining its forms back would print "멘톨 쿨 링감"), the verb turned into its noun form
        verb = clause[predicate]
        while predicate > 0 and clause[predicate - 1].tag in _PREDICATE_TAGS | {"XR"} and verb.tag.startswith("XS"):
            predicate -= 1
        phrase = text[start : clause[predicate].start] + kiwi.join(
            [(tok.form, tok.tag) for tok in clause[predicate : clause.index(verb) + 1]] + [("음", "ETN")]
        )
        return _claim(phrase, start, end, noun=True)
    if subject_at is None and any(tok.tag in {"MAG", "JKB"} or tok.form in _KO_TIME_NOUNS for tok in head):
        # "주문 즉시 튀겨요", "매일 아침 8시에 구워요": no subject to turn the verb on, so the
        # clause as written ("튀기는 주문 즉시" would say something else); a clause cut at its
        # connective ("다 봐주고") ends as a statement ("다 봐줌"), not mid-sentence
        if clause[-1].tag in {"EC", "EF"}:  # "다 봐주고", "카드도 같이 넣어드려요"
            last_verb = max(i for i, tok in enumerate(clause) if tok.tag in _PREDICATE_TAGS | {"VX"})
            written = text[start : clause[last_verb].start]
            ending = kiwi.join([(tok.form, tok.tag) for tok in clause[last_verb : last_verb + 1]] + [("음", "ETN")])
            return _claim(written + ending, start, end, noun=False)
        return _claim(text[start:end], start, end, noun=False)
    noun = _noun_phrase(text, subject)
    if noun is None or (len(noun) == 1 and "가" <= noun <= "힣"):
        return None  # "겉은 바삭 속은 쫀득": one syllable is too little to say what the claim is about
    if clause[predicate].form in {"없", "있"} and not rest:
        return _claim(f"{noun} {'없음' if clause[predicate].form == '없' else '있음'}", start, end)
    # 있다/없다 take -는 ("소음이 거의 없는"), other adjectives -은/-ㄴ
    verb = (verb_tag.startswith(("VV", "XSV")) and clause[predicate].form not in _KO_ADJECTIVE_STEMS) or clause[
        predicate
    ].form in {"있", "없"}
    if not rest and len(stem) == 2 and stem[0].form in {"가능", "완료", "필수"}:
        return _claim(f"{noun} {stem[0].form}", start, end)  # "영수증 발급 가능", not "가능한 영수증 발급"
    modifier = kiwi.join([(tok.form, tok.tag) for tok in rest + stem] + [("는" if verb else "은", "ETM")])
    return _claim(f"{modifier} {noun}", start, end)


# adverbs that are part of a claim ("매일 아침 굽는", "직접 로스팅"), unlike framing ones ("또", "특히")
_KO_CLAIM_ADVERBS = {
    "매일", "직접", "항상", "바로", "늘", "언제나", "매주", "매달", "즉시", "미리", "새로", "전부", "모두",
}  # fmt: skip
_KO_TIME_NOUNS = {"즉시", "매일", "바로", "당일", "아침", "저녁", "오전", "오후", "주말", "평일", "항상", "직접"}
_KO_ADJECTIVE_STEMS = {"적", "많", "작", "크", "좋", "없", "있", "길", "짧", "높", "낮"}


def _negated(head: list[Tok]) -> str | None:
    """ "안"/"못" before the verb, unless it belongs to "밖에 안" (only: "1.5kg밖에 안 되고")."""
    for index, tok in enumerate(head):
        if tok.tag == "MAG" and tok.form in {"안", "못"}:
            if index and head[index - 1].form == "밖에":
                return None
            return tok.form
    return None


def _content(tokens: list[Tok]) -> bool:
    return any(t.tag in {"NNG", "NNP", "SL", "SN", "XR", "SH"} for t in tokens)


def _surface(text: str, tokens: list[Tok]) -> str:
    """The tokens as written: glued where the text glues them, one space where it spaces them."""
    out = ""
    for index, tok in enumerate(tokens):
        if index and text[tokens[index - 1].end : tok.start] != "":
            out += " "
        out += text[tok.start : tok.end]
    return out.strip()


def _noun_phrase(text: str, tokens: list[Tok]) -> str | None:
    """The words of a noun phrase as written, without particles or a copula at its edges."""
    while tokens and (
        (tokens[-1].tag.startswith(("J", "E", "VCP")) and tokens[-1].tag != "ETN")
        or tokens[-1].form in _KO_CUE_PREDICATE_NOUNS
    ):
        tokens = tokens[:-1]
    # "AI 자세 교정이 핵심": the subject of a cue noun is the feature
    while tokens and tokens[0].tag.startswith(("J", "E")):
        tokens = tokens[1:]
    if not tokens or not any(tok.tag in {"NNG", "NNP", "SL", "XR", "SN", "SH", "ETN"} for tok in tokens):
        return None
    # "설계부터 시공까지 원스톱", "생화만": a range or an "only" belongs to the phrase
    if any(_cuts_phrase(tok) for tok in tokens[:-1]):
        cut = next(i for i, tok in enumerate(tokens) if _cuts_phrase(tok))
        misread = tokens[cut].form in {"ᆫ", "ㄴ"} and cut and tokens[cut - 1].tag == "NP" and cut + 1 < len(tokens)
        if misread and tokens[cut - 1].end >= tokens[cut].start and tokens[-1].tag in {"NNG", "NNP"}:
            # "12시간 우린 육수": Kiwi reads the verb 우리- + ㄴ as "we" + a topic; the phrase is as written
            return text[tokens[0].start : tokens[-1].end]
        after = tokens[cut + 1 :]
        means = tokens[cut].tag == "JKB" and tokens[cut].form in {"으로", "로"} and any(t.tag == "SN" for t in after)
        also = tokens[cut].form == "도" and any(t.tag == "NNG" for t in after)
        if cut and (means or also):
            # "한 번 충전으로 60일 사용", "예약 없이도 당일 시술 가능": one claim, as written
            return text[tokens[0].start : tokens[-1].end]
        if tokens[cut].tag == "JX" and cut and after and any(t.tag in {"SN", "SL"} for t in after):
            # "사이즈는 S~XL 4종", "용량은 500ml": a label and its value, said as one
            return f"{text[tokens[0].start : tokens[cut - 1].end]} {text[after[0].start : after[-1].end]}"
        tokens = tokens[:cut]
        if not tokens:
            return None
    return text[tokens[0].start : tokens[-1].end]


def _cuts_phrase(tok: Tok) -> bool:
    return tok.tag.startswith("J") and tok.tag != "JKG" and tok.form not in {"부터", "까지", "만", "마다"}


def _claim(phrase: str, start: int, end: int, noun: bool = True) -> Claim | None:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.~!?")
    phrase = re.sub(
        r"^(?:장소|일시|위치|주소|시간|일정|구성|내용)\s+", "", phrase
    )  # "장소 성수 에스팩토리 D동": a label
    phrase = re.sub(r"^(?:야|요|고|이고|이야)\s+", "", phrase)  # the tail of the sentence before
    phrase = re.sub(r"\s(?:이게|그게|이거|그거|요게)$", "", phrase)  # "자연채광 천장 이게 (제일 자랑)": a pointer
    if len(phrase) < 2 or len(phrase) > MAX_KO_CHARS:
        return None
    return Claim(phrase, start, end, noun=noun)
