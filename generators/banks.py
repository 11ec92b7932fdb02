"""Phrase banks in Korean and English, filled from the brief's slots.

A phrasing names the slots it needs (``{product}``, ``{feature}``, ``{benefit}``,
``{audience}``, ``{offer}``, ``{price}``, ``{brand}``); one whose slots are missing is not used,
so a brief without an audience never yields "for None". ``{product|을}`` attaches the Korean
particle that fits the word before it (을/를, 으로/로, 와/과 ...) through ``tossi``. Korean
phrasings come as (해요체, 합니다체) pairs: friendly and playful brands speak the first,
premium and professional ones the second. A phrasing may carry tones it suits; a brand's tone
prefers those, and the rest stay available so variants never run dry.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from sparklio.language.korean import ending, particle

# {name}, {name|particle}, or {|particle}: the particle that fits the slot just before it.
SLOT = re.compile(r"\{(\w*)(?:\|(\w+))?\}")


# words a noun phrase's head comes before ("notes of cherry", "coffee roasted in small batches")
AFTER_HEAD = {"of", "in", "with", "for", "from", "on", "at", "by", "to", "without", "per", "that", "which"}
# the verbs an English phrasing says of a slot, singular → plural ("{product} {|is} here")
PLURAL_VERBS = {"is": "are", "was": "were", "has": "have"}


def is_plural(phrase: str) -> bool:
    """An English noun phrase that takes a plural verb ("async standups", "cotton wicks", "notes
    of cherry"), judged by its head noun: "a blend of beans" and "50-hour burn time" take a
    singular one, and so does any phrase that is no noun phrase ("roasted weekly in small
    batches", "hand-poured in Vermont": what is said of a thing, not things)."""
    from generators.english import english_form

    words = phrase.split()
    if not words or english_form(phrase) != "noun":
        return False
    if " and " in f" {phrase} " or "," in phrase:
        return True
    head = []
    for word in words:
        if word.casefold() in AFTER_HEAD and head:
            break
        head.append(word)
    last = head[-1].lower().strip(".,")
    irregular = {"people", "children", "men", "women", "feet", "teeth", "mice", "geese"}
    if last in irregular:
        return True
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s")) and len(last) > 3 and last.isalpha()


def agree(verb: str, subject: str) -> str:
    """``verb`` ("makes", "is", "starts") in the number of ``subject``."""
    if not is_plural(subject):
        return verb
    if verb in PLURAL_VERBS:
        return PLURAL_VERBS[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "oes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else verb


# slots whose value is a phrase of the brief's own wording ("Buy 2 get 1 free"), not a name: its
# leading capital is dropped mid-sentence
MID_SENTENCE_LOWER = {"offer", "offer_n", "benefit", "feature", "pair_a", "pair_b", "thing"}
# words that keep their capital mid-sentence however they open a phrase ("Saturday hours")
PROPER_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "english", "korean", "spanish",
    "french", "japanese", "chinese", "german", "italian", "christmas", "easter",
}  # fmt: skip


def lower_lead(value: str) -> str:
    """``value`` without the capital of its first word when that is a plain word written in
    sentence case ("Buy 2 get 1 free" → "buy 2 get 1 free"); a name ("Taco Loco Tuesdays"), an
    acronym ("BOGO") or an "I" keeps it."""
    words = value.split()
    if not words or not re.fullmatch(r"[A-Z][a-z'’-]+", words[0]) or words[0] in ("I", "I'm"):
        return value
    if words[0].casefold().strip("'’") in PROPER_WORDS:
        return value  # "Saturday hours", "Spanish lessons"
    if len(words) > 1 and re.fullmatch(r"[A-Z][a-z'’-]+", words[1]):
        return value  # "Black Friday deal", "Taco Loco Tuesdays": a name
    return value[0].lower() + value[1:]


def slots_in(template: str) -> set[str]:
    return {match.group(1) for match in SLOT.finditer(template) if match.group(1)}


def fill(template: str, values: dict[str, str]) -> str:
    last = ""

    def one(match: re.Match) -> str:
        nonlocal last
        name, form = match.group(1), match.group(2)
        if not name:
            if form == "s":  # English agreement: "{feature} set{|s} it apart"
                return "" if is_plural(last) else "s"
            if form in PLURAL_VERBS:  # "{product} {|is} here": "Pup Bites are here"
                return agree(form, last)
            return particle(last, form) if last and form else ""
        last = values[name]
        if (
            name in MID_SENTENCE_LOWER
            and match.start()
            and not re.search(r"(?:^|[.!?]\s+)$", template[: match.start()])
        ):
            last = lower_lead(last)  # "And now: buy 2 get 1 free", never "And now: Buy 2 …"
        return last + particle(last, form) if form else last

    filled = SLOT.sub(one, template)
    opens_with_slot = template.startswith("{")
    if not re.search(r"[가-힣]", template):
        single = single_determiner(filled)
        opens_with_slot = opens_with_slot or single[:1] != filled[:1]
        filled = single
    if opens_with_slot and filled[:1].isascii() and filled[:1].islower():
        filled = filled[0].upper() + filled[1:]  # an English sentence that opens with a slot
    return filled


# an English phrasing's "the new", "All-new", "a" before a slot whose value has its own
# determiner ("our new product", "the Aqua Bottle"): "Meet the new our new product" is "Meet our new product"
DOUBLE_DETERMINER = re.compile(
    r"\b(?:(?:the|a|an|our|your|this)\s+(?:(?:brand[- ]new|all-new|new)\s+)?|(?:brand[- ]new|all-new|new)\s+)"
    r"(?=(?:the|a|an|our|your|my|this|these|its)\s)",
    re.I,
)


def single_determiner(text: str) -> str:
    return DOUBLE_DETERMINER.sub("", text)


# a word said twice in a row ("함께하는 함께하는", "the the")
REPEATED_WORD = re.compile(r"(?<![\w가-힣])([\w가-힣]{2,})\s+\1(?![\w가-힣])", re.IGNORECASE)


def choose(
    bank: list,
    values: dict[str, str],
    *,
    rng: random.Random,
    count: int,
    tone: str | None = None,
    max_len: int | None = None,
    banned: tuple[str, ...] = (),
    category: str | None = None,
    rank: Callable[[list[str]], list[str]] | None = None,
    avoid: frozenset[str] = frozenset(),
) -> list[str]:
    """Up to ``count`` distinct filled phrasings: usable ones (slots present, within
    ``max_len``, no banned word, not meant for another category), the brand's tone first, in
    a seeded order; ``rank`` (the brand's learning, ``Work.rank``) reorders them all before the
    first ``count`` are taken; a phrasing whose line is in ``avoid`` (``line_key``s) is left out.
    An entry is "template" or [template, tones] or [template, tones, categories]."""
    entries = []
    for entry in bank:
        template, tones, *rest = entry if isinstance(entry, list) else [entry, ()]
        if rest and category not in rest[0]:
            continue  # a phrasing for other kinds of product ("Hear {benefit}" is for audio)
        text = ending(template, tone)
        if not slots_in(text) <= {k for k, v in values.items() if v}:
            continue
        filled = fill(text, values)
        if max_len and len(filled) > max_len:
            continue
        if any(word.casefold() in filled.casefold() for word in banned):
            continue
        repeated = REPEATED_WORD.search(filled)
        if repeated and not any(repeated.group(0).casefold() in str(v).casefold() for v in values.values() if v):
            # "콘서트와 함께하는 함께하는 즐거움": a slot's value repeats the phrasing's own ("Bora Bora" is a name)
            continue
        if avoid and re.sub(r"[\W_]+", "", filled.casefold()) in avoid:
            continue  # given before (``GeneratorInput.avoid``): a further phrasing instead
        entries.append((0 if tone and tone in tones else 1, rng.random(), filled))
    seen: list[str] = []
    for _, _, filled in sorted(entries):
        if filled not in seen:
            seen.append(filled)
        if len(seen) == count and rank is None:
            break
    return rank(seen)[:count] if rank is not None else seen


# kinds that speak in their own voice only: a cause invites people to take part; a launch line ("Meet the
# new …", "드디어 만나는 …") or a product's promise ("…을 위해 설계한") misreads it
OWN_VOICE = ("cause",)


def for_kind(bank: list, category: str | None) -> list:
    """The bank's entries for ``category``: for a kind with its own voice, its own entries only."""
    if category not in OWN_VOICE:
        return bank
    own = [entry for entry in bank if isinstance(entry, list) and len(entry) > 2 and category in entry[2]]
    return own or bank


def templates_for(bank: list, category: str | None) -> list:
    """The bank's templates (without their tones) that suit ``category``."""
    found = []
    for entry in bank:
        template, _tones, *rest = entry if isinstance(entry, list) else [entry, ()]
        if not rest or category in rest[0]:
            found.append(template)
    return found


# the kinds of product a phrasing of a tool, a thing one carries, or goods one buys is said of
TOOLS = ("app", "electronics", "home", "auto")
CARRIED = ("audio", "electronics", "fashion", "travel", "fitness")
GOODS = ("audio", "electronics", "beauty", "fashion", "food", "beverage", "home", "pet", "auto")

# No phrasing claims a deadline ("오늘만", "this week only"): the offer's own deadline, when the
# brief gives one, is shown beside it, and an invented one would be false advertising.
# Each entry: "template" or ["template" | (해요체, 합니다체), ("tone", ...)] or the same with the
# categories it belongs to as a third item (used for no other kind of product).
HEADLINES = {
    "ko": [
        "{short_feature}, {product}{|로} 완성하다",
        ["{audience}{|을} 위한 {product}", ("friendly", "professional")],
        "{benefit}의 시작, {product}",
        # a formula around the feature reads only with a short noun ("{short_feature}"): never
        # "국산 흑임자 듬뿍까지 챙긴 …" or "생딸기 직접 갊까지 챙긴 …"
        ["{product}, {short_feature}의 기준을 바꾸다", ("premium", "professional")],
        ("지금 {product}{|을} 만나보세요", "지금 {product}{|을} 만나보십시오"),
        "{short_feature}{|으로} 더 새로워진 {product}",
        # said of what changes one's days (a tool, a service): not of bread, a class or side dishes
        ["하루가 달라지는 {product}", ("friendly", "calm"), ("app", "electronics", "home", "service", "auto")],
        ["한 입에 반하는 {product}", ("friendly", "playful"), ("food",)],
        ["매일 손이 가는 {product}", ("friendly", "calm"), ("food", "beverage")],
        ["한 모금에 반하는 {product}", ("friendly", "playful"), ("beverage",)],
        ["실력이 달라지는 {product}", ("friendly", "professional"), ("education",)],
        ["몸이 먼저 알아보는 {product}", ("friendly", "calm"), ("fitness", "health")],
        ["피부가 먼저 알아보는 {product}", ("friendly", "calm"), ("beauty",)],
        ["우리 아이가 먼저 찾는 {product}", ("friendly", "playful"), ("pet",)],
        ["설렘이 시작되는 {product}", ("friendly", "playful"), ("travel", "event")],
        ["{offer}, {product} 특별 혜택", ("urgent",)],
        ["{offer}! {product}", ("urgent", "playful")],
        "{product}{|와} 함께하는 {benefit}",
        ["디테일이 다른 {product}", ("premium",)],
        ["{short_feature}까지 챙긴 {product}", ("playful", "friendly")],
        ["{audience}의 선택, {product}", ("professional", "premium")],
        "{benefit}, {product} 하나면 충분해",
        "{short_feature}, 이제 {product}에서",
        "드디어 만나는 {product}",
        "새로워진 {product}",
        ("{product}{|이} 왔어요", "{product}{|이} 찾아왔습니다"),
        "오늘부터 {product}",
        "{product}{|로} 바꾸는 하루",
        "{short_feature}의 정석, {product}",
        "{audience}{|이} 고른 {product}",
        "{offer_n}{|로} 만나는 {product}",
        ["{pair_a}부터 {pair_b}까지, {product}", ("friendly", "professional")],
        # a cause: an invitation to take part, never a launch ("드디어 만나는", "새로워진")
        ["함께해요, {product}", (), ("cause",)],
        ["{product}에 함께해 주세요", (), ("cause",)],
        ["이웃과 함께하는 {product}", (), ("cause",)],
        [("{product}, 지금 참여하세요", "{product}에 참여하십시오"), (), ("cause",)],
    ],
    "en": [
        "Meet {product}: {feature}, done right",
        "{benefit}, made simple with {product}",
        ["Built for {audience}: {product}", ("professional", "friendly")],
        "{product}. {short_feature} that keep{|s} up.",
        ["The new standard in {short_feature}", ("premium", "professional")],
        ["Say hello to {product}", ("friendly", "playful")],
        ["{offer} on {product}", ("urgent",)],
        ["Crafted for those who notice: {product}", ("premium",)],
        ["{short_feature}? {product} {|has} you covered", ("playful",)],
        "{product} bring{|s} {benefit} to every day",
        # said of a thing one keeps: not of a course, a clinic or a night out
        ["Made for {audience}, made to last", ("premium", "calm"), ("audio", "electronics", "fashion", "home", "auto")],
        ["Don't miss {offer} on {product}", ("urgent", "playful")],
        "Discover {product}",
        ["One bite and you're hooked: {product}", ("friendly", "playful"), ("food",)],
        ["Your new daily ritual: {product}", ("friendly", "calm"), ("beverage", "food")],
        ["Learn more, stress less with {product}", ("friendly", "professional"), ("education",)],
        ["Your pet will thank you for {product}", ("friendly", "playful"), ("pet",)],
        "Introducing {product}",
        "{product} {|is} here",
        "All-new {product}",
        ["Upgrade to {product}", (), ("audio", "electronics", "app", "home", "auto", "fitness", "finance")],
        ["Your new favorite: {item}", ("friendly", "playful")],
        "Meet the new {product}",
        "Why {audience} love {product}",
        "{product}, with {feature}",
        "Get {product} with {offer}",
        # a quality of the product ("waterproof", "20% lighter"): never "with waterproof"
        "{quality}. That's {product}.",
        "{product}: {quality} and ready",
        "{product}, {quality} where it counts",
        ["Join us for {product}", (), ("cause",)],
        ["Be part of {product}", (), ("cause",)],
        ["{product} needs you", (), ("cause",)],
        ["Get involved: {product}", (), ("cause",)],
    ],
}

SUBHEADLINES = {
    "ko": [
        "{features}까지 담은 {product}",
        "{audience}{|을} 위해 설계한 {feature}",
        ("{feature}{|으로} {benefit}{|을} 느껴보세요", "{feature}{|으로} {benefit}{|을} 경험하십시오"),
        "{price}에 만나는 {features}",
        ("{offer_n} 혜택도 놓치지 마세요", "{offer_n} 혜택을 확인하십시오"),
        # the offer's own price beside the regular one ("얼리버드 29,000원 (정가 49,000원)")
        "{offer} ({regular})",
        "{pair_a}부터 {pair_b}까지",
        "{benefit}{|을} 위한 선택",
        # the offer as the brief says it, a sentence or not ("지금 2개 사면 1개 더 드려요")
        "지금 {offer}",
        ("{pair_a}{|와} {pair_b}{|을} 한 번에", "{pair_a}{|와} {pair_b}{|을} 한 번에 누리십시오"),
        # a cause's line needs no feature glued to it (a noun feature read "Kitchen caddy. Together, we can.")
        [("작은 손길이 모여 큰 힘이 돼요", "작은 손길이 모여 큰 힘이 됩니다"), (), ("cause",)],
        [("함께하면 더 따뜻해져요", "함께하면 더 따뜻해집니다"), (), ("cause",)],
    ],
    "en": [
        "{features}, all in {product}",
        "Designed for {audience}, with {feature}",
        "From {pair_a} to {pair_b}",
        "{features}, from just {price}",
        "And now: {offer}",
        "{offer} ({regular})",
        "{pair_a}, plus {pair_b}",
        "{thing} and more",
        "{benefit}, made simple",
        "{quality}, and made for every day",
        ["Every hand helps. Join us.", (), ("cause",)],
        ["Small acts, big difference", (), ("cause",)],
    ],
}

OPENERS = {
    "ko": [
        ("{audience}{|을} 위한 {product}{|을} 소개해요.", "{audience}{|을} 위한 {product}{|을} 소개합니다."),
        [
            (
                "매일이 바쁜 {audience}에게 {product}{|이} 답이 될 거예요.",
                "바쁜 {audience}에게 {product}{|이} 답이 됩니다.",
            ),
            (),
            TOOLS,
        ],
        ("{product}{|은} {benefit}{|을} 생각해 만들었어요.", "{product}{|은} {benefit}{|을} 위해 만들어졌습니다."),
        ("새로운 {product}{|을} 만나보세요.", "새로운 {product}{|을} 소개합니다."),
        ("{product}{|와} 함께라면 {benefit}{|이} 쉬워져요.", "{product}{|와} 함께라면 {benefit}{|이} 쉬워집니다."),
    ],
    "en": [
        "Meet {product}, made for {audience}.",
        "{product} {|was} built around one idea: {benefit}.",
        # said of a tool: not of a watercolour course, an escape room or dog treats
        ["Busy days need better tools, and {product} is one.", (), TOOLS],
        "Say hello to {product}.",
        "With {product}, {benefit} come{|s} easy.",
    ],
}

# One line per feature, said of the brief's own feature as it is: a kind of product's own lines
# first (``paragraph``), then the plain ones. A Korean line glues a particle to the feature, so it
# only takes a feature that reads as a noun (``text.takes_particle``): "일상 복귀 가능으로 …" or
# "듬뿍 올림까지 …" never; such features are listed as they are (``FEATURE_LIST``).
FEATURE_LINES = {
    "ko": [
        ("{feature}{|을} 꼼꼼하게 챙겼어요.", "{feature}{|을} 꼼꼼하게 갖추었습니다."),
        ("{feature}까지 세심하게 준비했어요.", "{feature}까지 세심하게 준비했습니다."),
        ("{feature}{|이} 있어 더 든든해요.", "{feature}{|이} 있어 더욱 든든합니다."),
        [
            ("{feature}{|을} 갖춰 어디서든 든든해요.", "{feature}{|을} 갖추어 어디서든 믿을 수 있습니다."),
            (),
            ("audio", "electronics", "fitness", "fashion", "travel"),
        ],
        [("{feature}{|으로} 맛의 깊이가 달라요.", "{feature}{|으로} 맛의 깊이를 더했습니다."), (), ("food",)],
        [("{feature}만큼은 타협하지 않았어요.", "{feature}만큼은 타협하지 않았습니다."), (), ("food", "pet")],
        [
            ("{feature}{|으로} 더 안심하고 맡기실 수 있어요.", "{feature}{|으로} 안심하고 맡기실 수 있습니다."),
            (),
            ("health", "service", "finance"),
        ],
        [("{feature}까지 꼼꼼하게 챙겨 드려요.", "{feature}까지 꼼꼼하게 챙겨 드립니다."), (), ("health", "service")],
        [("{feature}{|으로} 배움이 더 즐거워져요.", "{feature}{|으로} 배움의 즐거움을 더합니다."), (), ("education",)],
        [("{feature}{|으로} 실력이 눈에 보여요.", "{feature}{|으로} 성장이 눈에 보입니다."), (), ("education",)],
        [("{feature}{|이} 기다리고 있어요.", "{feature}{|이} 준비되어 있습니다."), (), ("event", "travel")],
        [("{feature}{|으로} 생활이 한결 편해져요.", "{feature}{|으로} 생활의 품격을 높였습니다."), (), ("home",)],
        [("{feature}{|으로} 보호자도 안심이에요.", "{feature}{|으로} 보호자도 안심할 수 있습니다."), (), ("pet",)],
        [("{feature}{|으로} 피부가 편안해요.", "{feature}{|으로} 피부에 편안함을 더합니다."), (), ("beauty",)],
        [("{feature}{|으로} 일이 한결 가벼워져요.", "{feature}{|으로} 업무 부담을 덜어 드립니다."), (), ("app",)],
        [("{feature}{|으로} 운동이 즐거워져요.", "{feature}{|으로} 운동의 효율을 높였습니다."), (), ("fitness",)],
    ],
    "en": [
        "Plus: {feature}.",
        "Also: {feature}.",
        "On top of that: {feature}.",
        "And yes: {feature}.",
        # said of a thing one carries: not of a mattress or a tax service
        ["With {feature}, it keeps up wherever you go.", (), ("audio", "electronics", "fitness", "fashion", "travel")],
        ["Made with {feature}.", (), ("food", "beverage")],
        ["Count on {feature}.", (), ("health", "service", "finance", "auto")],
        ["We offer {feature}.", (), ("health", "service")],
        ["Learn with {feature}.", (), ("education",)],
        ["{feature}, built in.", (), ("app", "electronics", "home", "auto")],
        ["Look out for {feature}.", (), ("event",)],
    ],
}

# features no line takes as a noun ("수술 다음날 일상 복귀 가능", "트러플오일 듬뿍 올림"): listed as written
FEATURE_LIST = {
    "ko": [("{product}의 특징을 정리하면 이래요: {list}.", "{product}의 특징은 다음과 같습니다: {list}.")],
    "en": ["In short: {list}."],
}

# English features that say what the product is ("waterproof", "20% lighter"): said of it
QUALITY_LINES = {
    "en": ["It's {quality}, too.", "And it's {quality}.", "Best of all, it's {quality}."],
}

# English features that read as a verb phrase ("syncs calendars"): said of the product
VERB_LINES = {
    "en": ["It {feature}.", "{product} {feature}.", "Better still, it {feature}.", "And it {feature}."],
}

CLOSERS = {
    "ko": [
        ("지금 {offer_n} 혜택으로 만나보세요.", "지금 {offer_n} 혜택으로 만나보십시오."),
        ("혜택도 있어요: {offer}.", "혜택도 준비했습니다: {offer}."),
        ("{price}에 지금 바로 경험해 보세요.", "{price}에 지금 바로 경험해 보십시오."),
        ("오늘 {product}{|와} 함께 시작해 보세요.", "오늘 {product}{|와} 함께 시작하십시오."),
        ("{benefit}, 이제 {product}{|으로} 누려보세요.", "{benefit}, 이제 {product}{|으로} 누리십시오."),
    ],
    "en": [
        "Get it now: {offer}.",
        "Yours from {price}.",
        "Start today with {product}.",
        "{benefit} start{|s} with {product}.",
    ],
}

# the closing slide of a deck asks for a conversation, not a purchase
DECK_CTAS = {
    "ko": ["문의하기", ["미팅 요청하기", ("professional",)], ["데모 신청하기", (), ("app",)]],
    "en": ["Get in touch", ["Let's talk", ("professional", "friendly")], ["Book a demo", (), ("app",)]],
}
CTAS = {
    "ko": [
        # a purchase button is for goods: not for a clinic, a course, an escape room or a move
        ["지금 구매하기", (), GOODS],
        "자세히 보기",
        "지금 만나보기",
        ["예약하기", (), ("health", "travel", "fitness", "service", "event")],
        ["수강 신청하기", (), ("education",)],
        ["견적 받기", (), ("service",)],
        ["혜택 받기", ("urgent",)],
        ["쿠폰 받기", ("urgent", "playful")],
        ["지금 시작하기", ("friendly", "playful")],
        ["컬렉션 보기", ("premium",), ("fashion", "beauty", "home")],
        ["상담 신청하기", ("professional",), ("finance", "education", "travel", "auto", "app")],
        ["자리 예약하기", (), ("event",)],
        ["참가 신청하기", (), ("event", "education")],
        # a dish at a restaurant or a café: ordered, booked or visited, never "bought"
        ["주문하기", (), ("dining", "cafe")],
        ["예약하기", (), ("dining",)],
        ["매장 방문하기", (), ("dining", "cafe")],
        # a cause: one takes part or gives, nothing is bought or booked
        ["함께하기", (), ("cause",)],
        ["참여하기", (), ("cause",)],
        ["동참하기", (), ("cause",)],
    ],
    "en": [
        ["Shop now", (), GOODS],
        "Learn more",
        ["Get yours", (), GOODS],
        ["Book now", (), ("health", "travel", "fitness", "service", "event")],
        ["Enroll now", (), ("education",)],
        ["Get a quote", (), ("service",)],
        ["Claim offer", ("urgent",)],
        ["Grab the deal", ("urgent", "playful")],
        ["Start now", ("friendly", "playful")],
        ["Explore the collection", ("premium",), ("fashion", "beauty", "home")],
        ["Talk to us", ("professional",), ("finance", "education", "travel", "auto", "app")],
        ["Save your spot", (), ("event",)],
        ["Sign up", (), ("event", "education")],
        ["Order now", (), ("dining", "cafe")],
        ["Find us", (), ("dining", "cafe")],
        ["Visit us", (), ("dining", "cafe")],
        ["Join us", (), ("cause",)],
        ["Get involved", (), ("cause",)],
        ["Take part", (), ("cause",)],
    ],
}

# What a category's buyers care about, when the brief states no benefit of its own.
CATEGORY_BENEFITS = {
    "ko": {
        "audio": ["몰입하는 순간", "나만의 음악 시간"],
        "electronics": ["똑똑한 일상", "편리한 하루"],
        "beauty": ["건강한 피부", "맑은 피부 결"],
        "fashion": ["나다운 스타일", "가벼운 발걸음"],
        "food": ["든든한 한 끼", "건강한 맛"],
        "beverage": ["상쾌한 휴식", "기분 좋은 한 모금"],
        "app": ["가벼워진 하루", "쉬워진 일상"],
        "finance": ["든든한 내일", "똑똑한 자산 관리"],
        "travel": ["설레는 여행", "편안한 휴식"],
        "education": ["확실한 성장", "즐거운 배움"],
        "fitness": ["건강한 습관", "가벼운 몸"],
        "home": ["편안한 집", "정돈된 공간"],
        "pet": ["반려동물의 행복", "함께하는 건강"],
        "auto": ["안전한 드라이브", "편안한 이동"],
        "event": ["함께하는 즐거움", "잊지 못할 하루"],
        "health": ["건강한 일상", "믿고 맡기는 관리"],
        "service": ["번거로움 없는 하루", "믿고 맡기는 편안함"],
        "cause": ["함께 만드는 변화", "이웃과 나누는 온기"],
    },
    "en": {
        "audio": ["total immersion", "your own soundtrack"],
        "electronics": ["smarter days", "effortless routines"],
        "beauty": ["healthy-looking skin", "a fresh glow"],
        "fashion": ["effortless style", "all-day comfort"],
        "food": ["a satisfying bite", "honest flavour"],
        "beverage": ["a refreshing break", "a better sip"],
        "app": ["lighter days", "less busywork"],
        "finance": ["peace of mind", "smarter money"],
        "travel": ["easy getaways", "real rest"],
        "education": ["real progress", "learning that sticks"],
        "fitness": ["stronger habits", "more energy"],
        "home": ["a calmer home", "space to breathe"],
        "pet": ["happier pets", "healthy companions"],
        "auto": ["safer drives", "a smoother ride"],
        "event": ["a night to remember", "good company"],
        "health": ["feeling your best", "care you can count on"],
        "service": ["one less thing to worry about", "help you can count on"],
        "cause": ["change we make together", "a kinder neighbourhood"],
    },
}

CATEGORY_TAGS = {
    "ko": {
        "audio": ["이어폰추천", "음악", "음향기기"],
        "electronics": ["전자기기", "테크", "신제품"],
        "beauty": ["뷰티", "스킨케어", "데일리케어"],
        "fashion": ["패션", "데일리룩", "코디"],
        "food": ["맛집", "먹스타그램", "간편식"],
        "beverage": ["카페", "음료", "홈카페"],
        "app": ["앱추천", "생산성", "라이프해킹"],
        "finance": ["재테크", "금융", "자산관리"],
        "travel": ["여행", "여행스타그램", "휴가"],
        "education": ["공부", "자기계발", "온라인강의"],
        "fitness": ["운동", "헬스", "오운완"],
        "home": ["인테리어", "홈스타그램", "살림"],
        "pet": ["반려동물", "댕댕이", "펫스타그램"],
        "auto": ["자동차", "드라이브", "카스타그램"],
        "event": ["주말나들이", "축제", "공연"],
        "health": ["건강", "건강관리", "헬스케어"],
        "service": [],
        "cause": ["나눔", "함께해요", "지역사회"],
    },
    "en": {
        "audio": ["earbuds", "audio", "music"],
        "electronics": ["tech", "gadgets", "newrelease"],
        "beauty": ["skincare", "beauty", "selfcare"],
        "fashion": ["fashion", "ootd", "style"],
        "food": ["foodie", "eats", "homecooking"],
        "beverage": ["coffee", "drinks", "refresh"],
        "app": ["productivity", "apps", "lifehacks"],
        "finance": ["finance", "money", "investing"],
        "travel": ["travel", "wanderlust", "getaway"],
        "education": ["learning", "study", "growth"],
        "fitness": ["fitness", "workout", "healthylife"],
        "home": ["homedecor", "interior", "cozyhome"],
        "pet": ["pets", "dogsofinstagram", "petcare"],
        "auto": ["cars", "drive", "roadtrip"],
        "event": ["events", "weekendplans", "community"],
        "health": ["health", "wellness", "selfcare"],
        "service": [],
        "cause": ["community", "giveback", "together"],
    },
}
# the benefits the brief parser infers from a feature's words (``FEATURE_BENEFITS``), by the
# kinds of product they are true of: "same-day crowns" at a dental clinic is no "fast delivery
# to your door", "worry-free in rain and sweat" is not said of a course. ``None``: any product.
DERIVED_BENEFIT_CATEGORIES: dict[str, tuple[str, ...] | None] = {
    "focus without distractions": ("audio", "electronics", "app"),
    "less time plugged in": ("audio", "electronics", "auto"),
    "all-day use without recharging": ("audio", "electronics"),
    "worry-free in rain and sweat": ("audio", "electronics", "fashion", "fitness", "travel", "beauty"),
    "freedom from cables": ("audio", "electronics", "home"),
    "feels light all day": ("audio", "electronics", "fashion", "fitness", "travel", "home", "beauty"),
    "brighter-looking skin": ("beauty", "health"),
    "lasting hydration": ("beauty",),
    "gentle on sensitive skin": ("beauty", "health"),
    "ingredients you can trust": ("beauty", "food", "beverage", "health", "pet"),
    "more protein in every serving": ("food", "beverage", "fitness", "health", "pet"),
    "guilt-free enjoyment": ("food", "beverage"),
    "saves time and effort": ("audio", "electronics", "app", "home", "service", "food", "finance", "auto", "travel"),
    "sharp, clear picture": ("electronics",),
    "rich, immersive sound": ("audio", "electronics"),
    "built to last": ("audio", "electronics", "fashion", "home", "auto", "fitness", "travel", "pet"),
    "easy to carry anywhere": ("audio", "electronics", "fashion", "travel", "beauty", "fitness"),
    "a greener choice": None,
    "protection from the sun": ("beauty", "fashion", "health"),
    "does the work for you": ("app", "electronics", "home", "auto", "finance", "service"),
    "peace of mind": ("app", "finance", "electronics", "service", "home", "auto"),
    "saves money": None,
    "stays cool and dry": ("fashion", "fitness", "home", "travel"),
    "all-day comfort": ("fashion", "fitness", "home", "audio", "auto", "travel"),
    "plenty of capacity": ("electronics", "home", "beauty", "food", "beverage", "travel", "fashion", "auto"),
    "fast delivery to your door": ("food", "beverage", "beauty", "fashion", "home", "pet", "electronics", "audio"),
    "made just for you": None,
}


def derived_benefits() -> dict[str, tuple[str, ...] | None]:
    """Every benefit the parser infers (Korean and English) → the categories it is true of."""
    from sparklio.language.brief.lexicon import FEATURE_BENEFITS

    found: dict[str, tuple[str, ...] | None] = {}
    for _terms, (ko, en) in FEATURE_BENEFITS:
        # one the table above does not know yet is said of no product at all, rather than of every one
        categories = DERIVED_BENEFIT_CATEGORIES.get(en, ())
        found[ko] = found[en] = categories
    return found


def benefit_fits(benefit: str, category: str | None) -> bool | None:
    """Whether an inferred ``benefit`` is true of a ``category`` product (``None``: not inferred)."""
    derived = derived_benefits()
    if benefit not in derived:
        return None
    categories = derived[benefit]
    return categories is None or category in categories


def category_phrases(language: str) -> dict[str, set[str]]:
    """Each phrase of a category's own (its benefits, the inferred benefits true of it only, the
    fixed words of the phrasings meant for it) → the categories it belongs to: what a product of
    any other category never reads."""
    owners: dict[str, set[str]] = {}
    for category, phrases in CATEGORY_BENEFITS[language].items():
        for phrase in phrases:
            owners.setdefault(phrase, set()).add(category)
    for phrase, categories in derived_benefits().items():
        if categories is not None and (re.search(r"[가-힣]", phrase) is not None) == (language == "ko"):
            owners.setdefault(phrase, set()).update(categories)
    for bank in (HEADLINES, SUBHEADLINES, OPENERS, FEATURE_LINES, CLOSERS, CTAS, SLOGANS):
        for entry in bank.get(language, []):
            if isinstance(entry, list) and len(entry) > 2:
                for template in entry[0] if isinstance(entry[0], tuple) else (entry[0],):
                    fixed = max(SLOT.sub("\x00", template).split("\x00"), key=len).strip(" ,.:?!")
                    if len(fixed) >= 8 or fixed in ("지금 구매하기", "Shop now", "Get yours", "예약하기"):
                        # a restaurant's dish ("dining", ``text.cta_kind``) is food or a drink
                        kinds = set(entry[2]) | ({"food", "beverage"} if {"dining", "cafe"} & set(entry[2]) else set())
                        owners.setdefault(fixed, set()).update(kinds)
    return owners


GENERIC_TAGS = {"ko": ["신제품", "추천", "일상", "데일리"], "en": ["new", "musthave", "daily", "trending"]}

SLOGANS = {
    "ko": [
        ["{benefit}{|을} 듣다", (), ("audio",)],
        "{product}, 일상을 바꾸다",
        "{feature}, 그 이상",
        "작지만 확실한 {benefit}",
        "매일의 {benefit}",
        "{brand}{|이} 만든 차이",
        "당신 곁의 {benefit}",
        ["더 가볍게, 더 오래", (), CARRIED],
        "{short_feature}{|의} 새 기준",
    ],
    "en": [
        ["Hear {benefit}", (), ("audio",)],
        "{product}. Everyday, upgraded.",
        "{feature}, and then some",
        "Big on {benefit}",
        "{benefit}, every day",
        "The {brand} difference",
        "Always on your side",
        ["Lighter. Longer. Better.", (), CARRIED],
        "The new standard of {short_feature}",
    ],
}

AD_ANGLES = {
    "ko": {
        "feature": ("{feature}의 차이", "{feature}{|으로} 더 강력해진 {product}. 직접 확인해 보세요."),
        "benefit": ("{benefit}{|을} 위한 선택", "{product}{|와} 함께라면 {benefit}{|이} 매일이 됩니다."),
        "audience": ("{audience}{|을} 위해", "{audience}의 하루에 꼭 맞춘 {product}. {feature}까지 챙겼어요."),
        "offer": ("{offer_n} 진행 중", "지금 {product}{|을} {offer_n} 혜택으로 만나보세요."),
        "price": ("{price}의 가치", "{features}{|을} {price}에. {product}{|을} 지금 만나보세요."),
    },
    "en": {
        "feature": ("The {feature} difference", "{product} with {feature}. See it for yourself."),
        "benefit": ("Choose {benefit}", "With {product}, {benefit} become{|s} part of every day."),
        "audience": ("Made for {audience}", "{product} fits right into the day of {audience}, {feature} included."),
        "offer": ("{offer}, now on", "Get {product} with {offer}."),
        "price": ("Worth every cent at {price}", "{features} for {price}. Meet {product} today."),
    },
}

EMAIL = {
    "ko": {
        "subject": [
            "{product}, 지금 가장 먼저 만나보세요",
            "{offer_n} 혜택이 도착했어요",
            "{audience}{|을} 위한 {product} 소개",
            "{feature}{|을} 담은 {product} 출시",
            "{product} 소식을 전해요",
            "{short_feature}, {product}에서 만나보세요",
            "{brand}의 새 소식: {product}",
        ],
        "preheader": ["{features}까지, 자세히 알아보세요", "{benefit}{|을} 위한 새로운 선택"],
        "greeting": ("안녕하세요, {brand}입니다.", "안녕하십니까, {brand}입니다."),
        "signoff": ("감사합니다.\n{brand} 드림", "감사합니다.\n{brand} 드림"),
        "greeting_unsigned": ("안녕하세요.", "안녕하십니까."),
        "signoff_unsigned": ("감사합니다.", "감사합니다."),
    },
    "en": {
        "subject": [
            "Be the first to meet {product}",
            "Don't miss it: {offer}",
            "{product}, made for {audience}",
            "Introducing {product} with {feature}",
            "{product} just landed",
            "News from {brand}: {product}",
            "{short_feature}, the {product} way",
        ],
        "preheader": ["{features}, and more inside", "A new way to enjoy {benefit}"],
        "greeting": "Hi there, it's {brand}.",
        "signoff": "Thanks,\nThe {brand} team",
        "greeting_unsigned": "Hi there,",
        "signoff_unsigned": "Thanks!",
    },
}

STORY_SHOTS = {
    "ko": {
        # the hook's on-screen text: the first phrasing that has its slots and fits the frame
        "hook": (
            "클로즈업",
            ("{audience}의 평범한 하루, 불편한 순간", "{audience}의 평범한 하루", "평범한 하루, 불편한 순간"),
            "이런 순간, 익숙하지 않나요?",
        ),
        "reveal": ("제품 히어로 샷", "{product} 등장", "이제 {product}{|이} 있어요."),
        "feature": ("디테일 샷", "{feature}", "{feature}{|으로} 달라진 경험."),
        "benefit": ("라이프스타일 샷", "{benefit}", "{benefit}, 이제 매일."),
        "offer": ("텍스트 카드", "{offer}", "지금 {offer}."),
        "cta": ("엔드 카드 (로고)", "{cta}", "{product}, {cta}."),
    },
    "en": {
        "hook": (
            "close-up",
            (
                "An ordinary day of {audience}, a familiar annoyance",
                "An ordinary day of {audience}",
                "A familiar annoyance",
            ),
            "Sound familiar?",
        ),
        "reveal": ("product hero shot", "{product}", "Meet {product}."),
        "feature": ("detail shot", "{feature}", "{feature}, and it shows."),
        "feature_verb": ("detail shot", "{feature}", "It {feature}."),
        "benefit": ("lifestyle shot", "{benefit}", "{benefit}, every day."),
        "offer": ("text card", "{offer}", "Right now: {offer}."),
        "cta": ("end card with logo", "{cta}", "{product}. {cta}."),
    },
}


def banned_in_text(text: str, banned) -> bool:
    lowered = text.casefold()
    return any(word.casefold() in lowered for word in banned)
