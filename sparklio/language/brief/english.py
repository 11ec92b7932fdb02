"""Reading an English brief: labelled lines ("Target: ...") and the phrases around a few cue
words ("an ad for X", "aimed at Y", "Tone: Z")."""

import re

from .claims import COMMA_JOIN, PAIR_JOIN, protect_pairs
from .lexicon import (
    CHANNEL_WORDS,
    EDGE_WORDS,
    EN_AD_WORDS,
    EN_DETERMINERS,
    EN_PRODUCT_STOPS,
    EN_REQUEST_VERBS,
    EN_STOPWORDS,
    PERSON_WORDS_EN,
    TONE_EN,
    TONE_KO,
    TRAILING_ONLY_WORDS,
)
from .signals import Span
from .slots import Slots

_WORD = re.compile(r"[0-9A-Za-z가-힣](?:[0-9A-Za-z가-힣'’&+\-]*[0-9A-Za-z가-힣])?(?:\.\d+)?|[^\s0-9A-Za-z가-힣]")
_SENTENCE_END = r"(?=\.\s|\.$|[\n;!?]|$)"
# "drag-and-drop" and "24/7" are one word; a bulleted line is an item of its own
_LIST_SPLIT = re.compile(r"\s*(?:,|;|(?<!\d)/(?!\d)|(?<!-)\band\b(?!-)|&|\bplus\b|\n\s*[-*•·▪]?)\s*", re.IGNORECASE)

_PRODUCT_VERBS = {
    "promoting", "promote", "advertising", "advertise", "introducing", "introduce", "announcing",
    "announce", "launching", "showcasing", "showcase", "selling", "sell", "featuring",
}  # fmt: skip
_PRODUCT_LABEL = re.compile(r"\b(?:product(?:\s+name)?|item|service\s+name)\s*[:=]\s*(?P<v>[^\n.;,]+)", re.IGNORECASE)
_QUOTED = re.compile(
    r"“(?P<a>[^”\n]{1,40})”|\"(?P<b>[^\"\n]{1,40})\"|(?<![\w'’])['‘](?P<c>[^'’\n]{1,40})['’](?![\w'’])"
)
_COPY_CUE = re.compile(r"(?:headline|slogan|tagline|copy|text|caption|saying|says|line|cta|title)\s*[:=]?\s*$", re.I)
_APPOSITIVE = re.compile(
    r"^\s*,\s*(?:an?|the)\s+(?P<v>[^,.;\n]+?)(?=\s+(?:for|with|that|which|who|targeting|aimed|to)\b|[,.;\n]|$)",
    re.IGNORECASE,
)

_AUDIENCE_LABEL = re.compile(
    r"\b(?:target(?:\s+(?:audience|customers?|market))?|audience|demographic)\s*(?::|=|-|is|are)\s*(?P<v>[^\n.;!?,]+)",
    re.IGNORECASE,
)
_AUDIENCE_CUE = re.compile(
    r"\b(?P<cue>targeting|targeted\s+(?:at|to)|aimed\s+(?:at|towards?)|geared\s+towards?|designed\s+for"
    r"|made\s+for|perfect\s+for|ideal\s+for|for|to)\s+(?=(?P<v>[^\n.;!?,:]+))",
    re.IGNORECASE,
)
_AUDIENCE_STOPS = {
    "who", "that", "which", "with", "to", "so", "because", "featuring", "highlighting", "using", "on", "via",
}  # fmt: skip
_AGE = re.compile(r"\b\d0s\b|\bin\s+their\b|\baged?\b|\bgen[\s-]?[zyx]\b|\bover\s+\d|\bunder\s+\d", re.IGNORECASE)

_FEATURE_LABEL = re.compile(
    r"\b(?:key\s+|main\s+|core\s+|top\s+)?(?:features?|selling\s+points?|usps?|highlights?|specs?|strengths?|differentiators?|talking\s+points?"
    r"|what['’]s\s+included|why\s+us|specs?\s+worth\s+[a-z]+\s+about)"
    rf"\s*(?::|-|are|include|includes)\s*(?P<v>.+?){_SENTENCE_END}",
    re.IGNORECASE,
)
# "Key features:" over bulleted lines
_FEATURE_LABEL_LINES = re.compile(
    r"\b(?:key\s+|main\s+|core\s+|top\s+)?(?:features?|selling\s+points?|usps?|highlights?|specs?|strengths?|differentiators?|talking\s+points?"
    r"|what['’]s\s+included|why\s+us|specs?\s+worth\s+[a-z]+\s+about)"
    r"\s*:[ \t]*\n(?P<v>(?:[ \t]*[-*•·▪][^\n]+(?:\n|$))+)",
    re.IGNORECASE,
)
_FEATURE_VERB = re.compile(
    r"\b(?:featuring|highlighting|highlight|emphasi[sz]e|emphasi[sz]ing|showcasing|with\s+features?\s+like)"
    rf"\s+(?P<v>.+?){_SENTENCE_END}",
    re.IGNORECASE,
)
_BENEFIT_LABEL = re.compile(rf"\bbenefits?\s*(?::|-|are|include)\s*(?P<v>.+?){_SENTENCE_END}", re.IGNORECASE)
_BENEFIT_PHRASE = re.compile(
    r"\b(?:so\s+(?:that\s+)?(?:you|they|customers|users|people)\s+can|helps?\s+(?:you\s+|users\s+|customers\s+)?(?:to\s+)?)"
    r"\s*(?P<v>[^,.;!?\n]+)",
    re.IGNORECASE,
)

_TONE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:tone|voice)(?:\s+of\s+voice)?\s*(?::|=|-|is|should\s+be)\s*(?P<v>[^\n.;!?]+)",
        r"\b(?P<v>[a-z-]+(?:\s*(?:,|and)\s*[a-z-]+)?)\s+(?:tone|voice|vibe|feel|mood|style)\b",
        r"\b(?:make\s+it|keep\s+it|sound|feel|should\s+be)\s+(?P<v>[a-z-]+(?:\s+and\s+[a-z-]+)?)",
        r"\bin\s+an?\s+(?P<v>[a-z-]+(?:,?\s+[a-z-]+)?)\s+(?:tone|way|manner|voice)",
    )
]


def extract(text: str, taken: list[Span], guess_product: bool = True) -> Slots:
    """guess_product: fall back to a brand-looking capitalised run when no cue names the product."""
    slots = Slots()
    slots.product, product_span, slots.product_context = _product(text, guess_product)
    slots.audience = _audience(text, product_span)
    slots.features = _list_items(
        text, [_FEATURE_LABEL_LINES, _FEATURE_LABEL, _FEATURE_VERB], taken, exclude=[slots.product]
    )
    slots.benefits = _list_items(text, [_BENEFIT_LABEL, _BENEFIT_PHRASE], taken, exclude=[])
    slots.tone = tone(text)
    words = [match.group(0) for match in _WORD.finditer(text)]
    slots.category_words = [word.lower() for word in words]
    slots.nouns = [word for word in words if _is_keyword(word)]
    return slots


def tone(text: str) -> str | None:
    hits: list[tuple[int, str]] = []
    for pattern in _TONE_PATTERNS:
        for match in pattern.finditer(text):
            for word in re.findall(r"[A-Za-z가-힣-]+", match.group("v")):
                canonical = TONE_EN.get(word.lower()) or TONE_KO.get(word)
                if canonical:
                    hits.append((match.start("v"), canonical))
                    break
    return min(hits)[1] if hits else None


# --- product --------------------------------------------------------------------------------


_AFTER_CODE = re.compile(r"\b(?:code|coupon|promo)\s*:?\s*$", re.IGNORECASE)


def _product(text: str, guess: bool) -> tuple[str | None, Span | None, str | None]:
    label = _PRODUCT_LABEL.search(text)
    if label and _clean_product(label.group("v")):
        return _with_context(text, label.start("v"), label.start("v") + len(label.group("v").rstrip()))
    for match in _QUOTED.finditer(text):
        group = next(name for name in ("a", "b", "c") if match.group(name) is not None)
        quoted = match.group(group).strip()
        if quoted and len(quoted.split()) <= 5 and not _COPY_CUE.search(text[: match.start()]):
            return _with_context(text, match.start(group), match.end(group))
    words = list(_WORD.finditer(text))
    for index, match in enumerate(words):
        word = match.group(0).lower()
        previous = words[index - 1].group(0).lower() if index else ""
        cue = word in _PRODUCT_VERBS or (
            word in {"for", "about"} and (previous in EN_AD_WORDS or previous in CHANNEL_WORDS)
        )
        if not cue:
            continue
        span = _phrase_after(words, index + 1)
        if span and _AFTER_CODE.search(text[: span[0]]):
            continue  # "use code RAIN15": a discount code, not the product
        if span and not _is_person_phrase(text[span[0] : span[1]]):
            return _with_context(text, *span)
    span = _capitalised_run(text, words) if guess else None
    return _with_context(text, *span) if span else (None, None, None)


def _phrase_after(words: list[re.Match], index: int) -> Span | None:
    """The name after a cue word, without determiners and framing words. A phrase that is all
    framing ("our summer sale on linen shirts") hands over to what follows its "on"/"of"."""
    for _ in range(3):
        while (
            index < len(words) and words[index].group(0).lower() in EN_DETERMINERS and words[index].group(0).islower()
        ):
            index += 1
        picked: list[re.Match] = []
        window = words[index : index + 8]
        for at, match in enumerate(window):
            word = match.group(0)
            if word in {"&", "+"} and picked and picked[-1].group(0)[:1].isupper():
                picked.append(match)  # "Hearth & Wick"
                continue
            if _title_small_word(window, at, picked):
                picked.append(match)  # "Hops on the Harbor 2025": a title keeps its small words
                continue
            if not (word[0].isalnum() or "가" <= word[0] <= "힣") or (word.islower() and word in EN_PRODUCT_STOPS):
                break
            picked.append(match)
        stop = index + len(picked)
        while picked and picked[-1].group(0).lower() in EDGE_WORDS | TRAILING_ONLY_WORDS:
            picked.pop()
        while picked and picked[0].group(0).lower() in EDGE_WORDS:
            picked.pop(0)
        if picked:
            return picked[0].start(), picked[-1].end()
        if stop >= len(words) or words[stop].group(0).lower() not in {"on", "of"}:
            return None
        index = stop + 1
    return None


_TITLE_SMALL_WORDS = {"on", "of", "the", "in", "at", "for", "and", "by", "to", "de", "la"}


def _title_small_word(window: list[re.Match], at: int, picked: list[re.Match]) -> bool:
    """A small word inside a capitalised title: capitalised words before it, only small words
    between it and the next capitalised word ("Hops on the Harbor", "Excel for Accountants")."""
    if not picked or not picked[-1].group(0)[:1].isupper() or window[at].group(0) not in _TITLE_SMALL_WORDS:
        return False
    for match in window[at + 1 : at + 3]:
        word = match.group(0)
        if word[:1].isupper():
            return picked[-1].end() + 1 >= window[at].start()
        if word not in _TITLE_SMALL_WORDS:
            return False
    return False


# words that open a letter's greeting: the capitalised words after them name whom it greets
_SALUTATIONS = {"dear", "hi", "hello", "hey", "greetings", "attn", "attention", "to"}


def _capitalised_run(text: str, words: list[re.Match]) -> Span | None:
    """A brand-looking run: two capitalised words, or one CamelCase or model-number word."""
    runs: list[list[re.Match]] = [[]]
    for match in words:
        word = match.group(0)
        skip = word.lower().replace("’", "'") in EN_REQUEST_VERBS | EDGE_WORDS | EN_STOPWORDS | {
            "ig",
            "fb",
            "yt",
            "sns",
            "cta",
        }
        if word[:1].isupper() and not skip and (not runs[-1] or runs[-1][-1].end() + 1 >= match.start()):
            runs[-1].append(match)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if not run:
            continue
        word = run[0].group(0)
        camel = any(char.isupper() for char in word[1:]) or any(char.isdigit() for char in word)
        if _AFTER_CODE.search(text[: run[0].start()]):
            continue  # "use code RAIN15": a discount code, not the product
        if word.casefold() in _SALUTATIONS:
            continue  # "Dear Sir or Madam", "Hello Team": whom the letter greets, no product
        if len(run) >= 2 or camel:
            return run[0].start(), run[-1].end()
    return None


def _clean_product(value: str) -> str:
    return value.strip().strip("'\"“”‘’")


def _with_context(text: str, start: int, end: int) -> tuple[str | None, Span | None, str | None]:
    product = _clean_product(text[start:end])
    if not product:
        return None, None, None
    appositive = _APPOSITIVE.match(text[end:])
    context = appositive.group("v") if appositive else None
    return product, (start, end), context


# --- audience, features, benefits -----------------------------------------------------------


def _is_person_phrase(phrase: str) -> bool:
    if _AGE.search(phrase):
        return True
    capitalised = re.findall(r"\b[A-Z][\w'’-]*", phrase)
    last = capitalised[-1].lower().rstrip("s") if capitalised else ""
    if len(capitalised) >= 2 and capitalised[-1] == phrase.split()[-1] and last not in PERSON_WORDS_EN:
        return False  # "an ad for Two Guys & A Van Movers": a name that holds a person word
    # "children's hospital", "women's shelter": a possessive says whose the thing is; the thing is no person
    unpossessed = re.sub(r"\b[A-Za-z-]+['’]s?(?=\s+[A-Za-z])", " ", phrase.lower())
    for word in re.findall(r"[A-Za-z-]+", unpossessed):
        singular = word[:-2] if word.endswith("es") else word[:-1] if word.endswith("s") else word
        if word in PERSON_WORDS_EN or singular in PERSON_WORDS_EN or word.rstrip("s") in PERSON_WORDS_EN:
            return True
    return False


def _audience(text: str, product_span: Span | None) -> str | None:
    label = _AUDIENCE_LABEL.search(text)
    if label and label.group("v").strip():
        return _trim_audience(label.group("v"))
    for match in _AUDIENCE_CUE.finditer(text):
        if product_span and match.start("v") < product_span[1] and product_span[0] < match.end("v"):
            continue
        value = _trim_audience(match.group("v"))
        if value and (match.group("cue").lower() not in {"for", "to"} or _is_person_phrase(value)):
            return value
    return None


def _trim_audience(value: str) -> str | None:
    words = value.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
    kept: list[str] = []
    for word in words[:8]:
        if word.lower() in _AUDIENCE_STOPS:
            break
        kept.append(word)
    return " ".join(kept).strip(" -–") or None


def _list_items(text: str, patterns: list[re.Pattern], taken: list[Span], exclude: list[str | None]) -> list[str]:
    items: list[str] = []
    excluded = {value.lower() for value in exclude if value}
    for pattern in patterns:
        for match in pattern.finditer(text):
            start = match.start("v")
            for part in _LIST_SPLIT.split(protect_pairs(match.group("v"))):
                part = part.replace(PAIR_JOIN, " ").replace(COMMA_JOIN, ",")
                item = re.sub(r"^(?:an?|the|its|our|their)\s+", "", part.strip(" -–'\"“”•·▪*"), flags=re.I)
                offset = text.find(part, start)
                overlaps = offset >= 0 and any(
                    offset < t_end and t_start < offset + len(part) for t_start, t_end in taken
                )
                if not item or overlaps or len(item.split()) > 6 or item.lower() in excluded:
                    continue
                if item not in items:
                    items.append(item)
        if items:
            break
    return items


def _is_keyword(word: str) -> bool:
    low = word.lower()
    if len(word) < 3 or not any(char.isalpha() for char in word) or "'" in word or "’" in word:
        return False
    return low not in EN_STOPWORDS and low not in EDGE_WORDS and low not in TONE_EN and low not in EN_REQUEST_VERBS
