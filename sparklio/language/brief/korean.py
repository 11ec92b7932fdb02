"""Reading a Korean brief from Kiwi's morphemes: its noun phrases, the particles around them
("X을 위한", "X 대상", "타겟은 X") and the cue nouns of each clause (특징, 효과, 톤 ...)."""

import re
from collections.abc import Collection

from .lexicon import (
    AUDIENCE_LABEL_FILLERS,
    AUDIENCE_TRIGGERS,
    BENEFIT_TRIGGERS,
    CATEGORY_TERMS,
    COPY_CONTEXT_WORDS,
    EDGE_WORDS,
    EN_DETERMINERS,
    EN_PRODUCT_STOPS,
    EN_STOPWORDS,
    FEATURE_TRIGGERS,
    GENERIC_PERSON_WORDS_KO,
    PERSON_WORDS_KO,
    PRODUCT_LABELS,
    PROMOTE_WORDS,
    TONE_EN,
    TONE_KO,
    TONE_TRIGGERS,
    TRAILING_ONLY_WORDS,
)
from .morph import Analysis, Chunk, Tok, analyse
from .signals import Span
from .slots import Slots

_CONJ_FORMS = {"과", "와", "이랑", "랑", "하고", "및", ","}
_LABEL_MARKS = {":", "=", "：", "-"}
_BULLETS = {"-", "•", "*", "·", "‣", "▪", "–", "○", "●", "◦"}
_CONTENT_TAGS = {"NNG", "NNP", "SL", "SH"}
_KO_CATEGORY_WORDS = {term for ko_terms, _ in CATEGORY_TERMS.values() for term in ko_terms}
# nouns that carry no meaning of their own in a brief
_STOP_NOUNS = {
    "시간", "주요", "핵심", "이번", "오늘", "내일", "이번주", "가격", "무료", "배송", "체험",
    "구매", "가입", "정도", "부분", "느낌", "내용", "필요", "부탁", "작성", "요청", "사용",
    "추천", "참고", "버전", "개수", "최대", "최소", "주제", "목표", "목적", "방향", "위주",
    "이름", "모델", "제품명", "상품명", "브랜드명", "서비스명", "동네", "메뉴", "조기", "사전",
    "선물하기", "전체", "기존", "다음", "지금", "마감", "임박", "수량", "품절", "할인율",
    "행사", "이벤트", "세일", "프로모션", "할인", "특가", "기념",
}  # fmt: skip
# English words inside a Korean noun phrase that are no part of a name ("ad for Glow Serum")
_EN_FUNCTION_WORDS = EN_STOPWORDS | EN_PRODUCT_STOPS | EN_DETERMINERS
_STRIP_FEATURE = FEATURE_TRIGGERS | BENEFIT_TRIGGERS | TONE_TRIGGERS | AUDIENCE_TRIGGERS | EDGE_WORDS | _STOP_NOUNS
_QUOTES = re.compile(
    r"(?<![A-Za-z])'(?P<a>[^'\n]{1,40})'(?![A-Za-z])|\"(?P<b>[^\"\n]{1,40})\"|‘(?P<c>[^’\n]{1,40})’"
    r"|“(?P<d>[^”\n]{1,40})”|「(?P<e>[^」\n]{1,40})」|『(?P<f>[^』\n]{1,40})』|《(?P<g>[^》\n]{1,40})》"
    r"|〈(?P<h>[^〉\n]{1,40})〉|<(?P<i>[^>\n]{1,40})>|＜(?P<j>[^＞\n]{1,40})＞"
)
_OPENING_QUOTES = {"", "'", '"', "‘", "“", "「", "『", "《", "〈"}
_COPY_AFTER = re.compile(r"^\s*(?:이?라는|이?라고)?\s*(?:문구|카피|슬로건|헤드라인|제목|메시지|멘트|문장|태그라인)")


def extract(text: str, taken: list[Span]) -> Slots:
    analysis = analyse(text)
    slots = Slots()
    audience = _audience(analysis)
    product, context = _product(analysis, audience, taken)
    if audience:
        slots.audience = analysis.span(*audience)
    if product:
        product = _whole_words(text, product)
        slots.product = analysis.span(*product).strip("'\"‘’“”「」『』《》〈〉<>＜＞ ")
    if context:
        slots.product_context = analysis.span(*context)
    claimed = [span for span in (audience, product) if span] + taken
    slots.features, slots.benefits = _features_and_benefits(analysis, claimed)
    slots.tone = _tone(analysis)
    slots.nouns = _nouns(analysis, taken)
    slots.category_words = [
        tok.key
        for tok in analysis.tokens
        if tok.tag in _CONTENT_TAGS and not (audience and audience[0] <= tok.start < audience[1])
    ]
    return slots


# --- helpers --------------------------------------------------------------------------------

_QUOTE_MARKS = "'\"‘’“”「」『』《》〈〉<>＜＞[]()【】"
# what may follow a name inside its word: a particle or the copula, never part of the name
_TRAILING_PARTICLE = re.compile(
    r"(?:이에요|이에여|이에용|예요|에요|에여|입니다|인데요|인데|이라는|라는|이라고|라고|이라|이고|이구|이랑|랑|에서|으로|로|을|를|이|가|은|는|의|에|와|과|도|만|요)$"
)


def _whole_words(text: str, span: Span) -> Span:
    """A name is whole words: the morphology reads "멍멍한끼" as an adjective and a noun and
    "바람쉼" as a noun and a verb, so a guessed span that starts or ends inside a word is
    widened to the word, less a particle at its end ("클린봇 X9을" stays "클린봇 X9")."""
    start, end = span
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _QUOTE_MARKS:
        start -= 1
    stop = end
    while stop < len(text) and (text[stop].isalnum() or text[stop] in "&+-") and not text[stop].isspace():
        stop += 1
    rest = text[end:stop]
    while rest and (particle := _TRAILING_PARTICLE.search(rest)):
        rest = rest[: particle.start()]
    return start, end + len(rest)


def _is_conj(tok: Tok | None) -> bool:
    return tok is not None and (tok.tag == "JC" or tok.form in _CONJ_FORMS)


def _is_person(tokens: list[Tok], generic_ok: bool = False) -> bool:
    for index, tok in enumerate(tokens):
        if tok.key in PERSON_WORDS_KO and (generic_ok or tok.key not in GENERIC_PERSON_WORDS_KO):
            return True
        if tok.tag == "SN" and index + 1 < len(tokens) and tokens[index + 1].form == "대":
            return True  # "20대"
        if tok.tag == "SN" and re.fullmatch(r"[1-6]0[2-7]0", tok.form):
            return True  # "2030", "3040": two age bands
    return False


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _core(tokens: list[Tok], strip: Collection[str], trailing: Collection[str] = ()) -> tuple[int, int, bool]:
    """Indices [lo, hi) of a phrase without framing words at its edges, and whether a framing
    word that names a request (광고, 이미지, 인스타그램 ...) followed it."""
    lo, hi = 0, len(tokens)
    while lo < hi and (tokens[lo].key in strip or _is_filler(tokens[lo])):
        lo += 1
    framed = False
    while hi > lo and (tokens[hi - 1].key in strip or tokens[hi - 1].key in trailing or _is_filler(tokens[hi - 1])):
        framed = framed or tokens[hi - 1].key in EDGE_WORDS
        hi -= 1
    return lo, hi, framed


def _is_filler(tok: Tok) -> bool:
    return tok.tag == "XSN" or (tok.tag == "SL" and tok.key in _EN_FUNCTION_WORDS)


def _has_content(tokens: list[Tok]) -> bool:
    return any(tok.tag in _CONTENT_TAGS and tok.key not in _STOP_NOUNS for tok in tokens)


def _extend_forward(analysis: Analysis, chunk: Chunk) -> int:
    """End of a phrase that goes on through "과/와/," to more people ("대학생과 취준생")."""
    end = chunk.end
    while True:
        joint = analysis.token_after(chunk.last)
        following = analysis.chunk_starting_after(chunk.last)
        if not _is_conj(joint) or following is None or following.first != chunk.last + 2:
            return end
        if not _is_person(following.tokens, generic_ok=True):
            return end
        chunk, end = following, following.end


def _extend_back(analysis: Analysis, chunk: Chunk) -> int:
    start = chunk.start
    while chunk.first >= 2 and _is_conj(analysis.tokens[chunk.first - 1]):
        previous = analysis.chunk_at(chunk.first - 2)
        if previous is None or previous.last != chunk.first - 2 or not _is_person(previous.tokens, True):
            break
        chunk, start = previous, previous.start
    return start


# --- audience -------------------------------------------------------------------------------


def _last_person_chunk(analysis: Analysis, first: Chunk) -> Chunk:
    """Where a labelled audience ends: "타겟: 다이어트 중인 30대" runs on to the people it
    describes, up to a comma or the end of the clause."""
    last = first
    index = first.last + 1
    while index < len(analysis.tokens) and analysis.clause_of[index] == first.clause:
        if analysis.tokens[index].tag in {"SP", "SF", "SE", "SSO", "SSC"}:
            break
        chunk = analysis.chunk_at(index)
        if chunk is not None and chunk.first == index and _is_person(chunk.tokens, generic_ok=True):
            last = chunk
        index += 1
    return last


def _audience(analysis: Analysis) -> Span | None:
    tokens = analysis.tokens
    for index, tok in enumerate(tokens):
        if tok.key not in AUDIENCE_TRIGGERS:
            continue
        chunk = analysis.chunk_at(index)
        lead = chunk.tokens[: index - chunk.first] if chunk is not None else []
        if chunk is not None and all(t.key in AUDIENCE_LABEL_FILLERS for t in lead):
            # "타겟은 2030 직장인", "타겟 고객: 직장인", "타깃 20대"
            after = index + 1
            while after < len(tokens) and tokens[after].key in AUDIENCE_LABEL_FILLERS:
                after += 1
            if after < len(tokens) and (tokens[after].tag in {"JX", "JKS"} or tokens[after].form in _LABEL_MARKS):
                after += 1
            value = analysis.chunk_starting_after(after - 1)
            if value is not None and value.first == after and value.clause == analysis.clause_of[index]:
                return value.start, _extend_forward(analysis, _last_person_chunk(analysis, value))
        elif chunk is not None and chunk.last == index:
            # "20대 여성 대상", "중소기업 대상"
            return _extend_back(analysis, chunk), tokens[index - 1].end
        if index >= 2 and tokens[index - 1].tag == "JKO":
            # "대학생을 대상으로"
            value = analysis.chunk_at(index - 2)
            if value is not None and value.last == index - 2:
                return _extend_back(analysis, value), value.end
    for chunk in analysis.chunks:
        # "2030 직장인을 위한", "20대 여성에게"
        joint, verb = analysis.token_after(chunk.last), analysis.token_after(chunk.last, 2)
        for_them = joint is not None and joint.tag == "JKO" and verb is not None and verb.form == "위하"
        to_them = joint is not None and joint.form in {"에게", "한테", "께"}
        if (for_them or to_them) and _is_person(chunk.tokens, generic_ok=True):
            return _extend_back(analysis, chunk), chunk.end
    for chunk in analysis.chunks:
        # a phrase with an age band or a clearly personal noun ("20대 여성", "직장인 필수템")
        if _is_person(chunk.tokens):
            last = max(
                i
                for i, tok in enumerate(chunk.tokens)
                if (tok.key in PERSON_WORDS_KO and tok.key not in GENERIC_PERSON_WORDS_KO)
                or tok.form == "대"
                or re.fullmatch(r"[1-6]0[2-7]0", tok.form)
            )
            return chunk.start, chunk.tokens[last].end
    return None


# --- product --------------------------------------------------------------------------------


def _quotes(analysis: Analysis) -> list[Span]:
    """Quoted names, leaving out quoted copy ("'소리 없는 몰입'이라는 카피")."""
    text = analysis.text
    spans: list[Span] = []
    for match in _QUOTES.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        start, end = match.span(group)
        inner = text[start:end].strip()
        before = text[max(0, match.start() - 12) : match.start()]
        bracketed = text[match.start()] in "「『《〈<＜"
        if not inner or len(inner.split()) > (8 if bracketed else 5) or re.search(r"[.!?~]$", inner):
            continue
        if any(word in before for word in COPY_CONTEXT_WORDS) or _COPY_AFTER.match(text[match.end() :]):
            continue
        spans.append((start, end))
    return spans


def _context_before(analysis: Analysis, start: int) -> Span | None:
    """The noun phrase right before a quoted name: what kind of thing it is ("비건 립밤")."""
    for chunk in analysis.chunks:
        if chunk.end <= start and analysis.text[chunk.end : start].strip() in _OPENING_QUOTES:
            lo, hi, _ = _core(chunk.tokens, EDGE_WORDS)
            if lo < hi:
                return chunk.tokens[lo].start, chunk.tokens[hi - 1].end
    return None


# nouns of a request, never part of a name ("출시 관련", "제작 부탁", "스마트스토어 상세페이지")
_REQUEST_NOUNS = {
    "부탁", "요청", "제작", "의뢰", "관련", "게시", "게시용", "소재", "작업", "스마트스토어", "쇼핑몰", "출시", "런칭",
    "론칭", "오픈", "모집", "홍보물", "포스팅", "업로드",
}  # fmt: skip


def _product(analysis: Analysis, audience: Span | None, taken: list[Span]) -> tuple[Span | None, Span | None]:
    tokens = analysis.tokens
    quotes = _quotes(analysis)
    # 1. labelled: "제품은 콜드브루 원액 '새벽커피'", "제품명: X1"
    for index, tok in enumerate(tokens):
        mark = analysis.token_after(index)
        if tok.key not in PRODUCT_LABELS or mark is None:
            continue
        if mark.tag not in {"JX", "JKS"} and mark.form not in _LABEL_MARKS:
            continue
        clause_end = tokens[analysis.clause_tokens[analysis.clause_of[index]][-1]].end
        for start, end in quotes:
            if mark.end <= start < clause_end and "," not in analysis.text[mark.end : start]:
                return (start, end), _context_before(analysis, start)
        value = analysis.chunk_starting_after(index + 1)
        if value is not None and value.first == index + 2:
            lo, hi, _ = _core(value.tokens, EDGE_WORDS, TRAILING_ONLY_WORDS)
            if lo < hi:
                span = (value.tokens[lo].start, value.tokens[hi - 1].end)
                return span, span
    # 2. a quoted name
    if quotes:
        start, end = quotes[0]
        return (start, end), _context_before(analysis, start)
    # 3. a noun phrase the request is about: "X을 위한", "X 광고", "X의 홍보", "X를 홍보"
    # 4. failing that, the first phrase with a category word or a Latin name in it
    fallback: Span | None = None
    for chunk in analysis.chunks:
        # "부모님 선물용 안마의자", "한우 선물세트 10% 할인": the phrase may name the product
        # next to the audience or an offer
        tokens_left = chunk.tokens
        for start, end in [audience, *taken] if audience else taken:
            if _overlaps((chunk.start, chunk.end), [(start, end)]):
                before = [tok for tok in tokens_left if tok.end <= start]
                tokens_left = before or [tok for tok in tokens_left if tok.start >= end]
        # "영어회화 앱 톡톡잉글리시 광고 소재 부탁": what follows a framing word is the request
        framing = next(
            (
                i
                for i, tok in enumerate(tokens_left)
                if i and not _is_filler(tok) and (tok.key in EDGE_WORDS or tok.key in _REQUEST_NOUNS)
            ),
            None,
        )
        framed_here = framing is not None and all(
            tok.key in EDGE_WORDS or tok.key in _REQUEST_NOUNS or _is_filler(tok) for tok in tokens_left[framing:]
        )
        if framing is not None:
            tokens_left = tokens_left[:framing]
        lo, hi, framed = _core(tokens_left, EDGE_WORDS, TRAILING_ONLY_WORDS)
        framed = framed or framed_here
        core = tokens_left[lo:hi]
        if not core or not _has_content(core) or all(tok.key in PERSON_WORDS_KO for tok in core if tok.tag != "SN"):
            continue
        span = (core[0].start, core[-1].end)
        joint, following = analysis.token_after(chunk.last), analysis.token_after(chunk.last, 2)
        next_chunk = analysis.chunk_starting_after(chunk.last)
        about = (
            framed
            or (joint and joint.tag == "JKO" and following and following.form == "위하" and not _is_person(core, True))
            or (joint and joint.tag == "JKO" and following and following.key in PROMOTE_WORDS)
            or (
                joint
                and joint.tag == "JKG"
                and next_chunk is not None
                and next_chunk.first == chunk.last + 2
                and next_chunk.tokens[0].key in EDGE_WORDS
            )
        )
        if about:
            return span, span
        named = any(tok.key in _KO_CATEGORY_WORDS or tok.tag in {"SL", "SH"} for tok in core)
        if fallback is None and named and not _in_cue_clause(analysis, chunk):
            fallback = span
    return fallback, fallback


_CUES = FEATURE_TRIGGERS | BENEFIT_TRIGGERS | TONE_TRIGGERS


def _in_cue_clause(analysis: Analysis, chunk: Chunk) -> bool:
    return not analysis.clause_keys(chunk.clause).isdisjoint(_CUES)


# --- features and benefits ------------------------------------------------------------------


def _features_and_benefits(analysis: Analysis, claimed: list[Span]) -> tuple[list[str], list[str]]:
    features: list[str] = []
    benefits: list[str] = []
    clauses = sorted(analysis.clause_tokens)
    first_token = {clause: analysis.tokens[indices[0]] for clause, indices in analysis.clause_tokens.items()}
    for position, clause in enumerate(clauses):
        keys = analysis.clause_keys(clause)
        feature_cues, benefit_cues = keys & FEATURE_TRIGGERS, keys & BENEFIT_TRIGGERS
        if not feature_cues and not benefit_cues:
            continue
        target = benefits if benefit_cues and not (feature_cues - {"강조"}) else features
        # "특징:" followed by a bulleted list, one item a line
        scope = {clause}
        for following in clauses[position + 1 :]:
            if first_token[following].form not in _BULLETS:
                break
            scope.add(following)
        for chunk in analysis.chunks:
            if chunk.clause not in scope or _overlaps((chunk.start, chunk.end), claimed):
                continue
            lo, hi, _ = _core(chunk.tokens, _STRIP_FEATURE)
            core = chunk.tokens[lo:hi]
            if not core or not _has_content(core) or _is_person(core):
                continue
            item = analysis.span(core[0].start, core[-1].end)
            if item not in features and item not in benefits:
                target.append(item)
    return features, benefits


# --- tone -----------------------------------------------------------------------------------


def _tone_of(tok: Tok) -> str | None:
    if tok.tag == "SL":
        return TONE_EN.get(tok.key)
    return TONE_KO.get(tok.form)


def _adverbial(tokens: list[Tok], index: int) -> bool:
    """A tone word used to say how to write: "친근하게", "고급스럽게", "전문적으로"."""
    position = index + 1
    while position < len(tokens) and position <= index + 2 and tokens[position].tag.startswith("XS"):
        position += 1
    if position >= len(tokens):
        return False
    if position == index + 1 and tokens[index].tag not in {"VA", "VA-I", "XR"}:
        return False
    nxt = tokens[position]
    return (nxt.tag == "EC" and nxt.form == "게") or (nxt.tag == "JKB" and nxt.form in {"으로", "로"})


def _tone(analysis: Analysis) -> str | None:
    tokens = analysis.tokens
    for index, tok in enumerate(tokens):
        if tok.key not in TONE_TRIGGERS:
            continue
        in_clause = analysis.clause_tokens[analysis.clause_of[index]]
        after = [i for i in in_clause if i > index]
        before = [i for i in reversed(in_clause) if i < index]
        for candidate in after + before:
            tone = _tone_of(tokens[candidate])
            if tone:
                return tone
    for index, tok in enumerate(tokens):
        tone = _tone_of(tok)
        if tone and _adverbial(tokens, index):
            return tone
    return None


# --- keywords -------------------------------------------------------------------------------


def _nouns(analysis: Analysis, taken: list[Span]) -> list[str]:
    """Nouns worth a hashtag, in text order; Latin names stay whole ("Air Pop", "X1")."""
    nouns: list[str] = []
    skip = EDGE_WORDS | FEATURE_TRIGGERS | BENEFIT_TRIGGERS | TONE_TRIGGERS | AUDIENCE_TRIGGERS | _STOP_NOUNS
    skip |= PRODUCT_LABELS | set(TONE_KO) | set(TONE_EN) | AUDIENCE_LABEL_FILLERS | TRAILING_ONLY_WORDS
    for chunk in analysis.chunks:
        latin: list[Tok] = []
        for tok in [*chunk.tokens, None]:
            if tok is not None and _overlaps((tok.start, tok.end), taken):
                continue
            name_part = tok is not None and tok.key not in skip and not _is_filler(tok)
            if name_part and (tok.tag == "SL" or (tok.tag == "SN" and latin)):
                latin.append(tok)
                continue
            if latin:
                name = analysis.span(latin[0].start, latin[-1].end)
                if len(name) >= 2 and name.lower() not in skip:
                    nouns.append(name)
                latin = []
            if tok is not None and tok.tag in {"NNG", "NNP"} and len(tok.form) >= 2 and tok.key not in skip:
                nouns.append(tok.form)
    return nouns
