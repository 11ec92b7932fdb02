"""Text generators: headline, description, hashtag, CTA, blog post, SNS post, ad-copy variants,
email, slogan and SEO meta. Their baselines fill the phrase banks from the brief's slots
within the channel's limits and the brand's words."""

from __future__ import annotations

import re

from django.utils.text import slugify
from pydantic import BaseModel, Field

from generators import banks, claims, english
from generators.base import Generator, GeneratorInput, Work, line_key
from sparklio.language.korean import join_words

HASHTAG_CHARS = re.compile(r"[^\w]", re.UNICODE)
SENTENCES = re.compile(r"[^.!?]+[.!?]?")


def fitting_benefits(work: Work) -> list[str]:
    """The slots' benefits the brief or the caller states, and those inferred from a feature's
    words that are true of the product's category (``banks.benefit_fits``)."""
    stated = " ".join([getattr(work.inp, "brief", None) or "", *(getattr(work.inp, "benefits", None) or [])])
    return [
        benefit
        for benefit in work.slots.benefits
        if benefit.casefold() in stated.casefold() or banks.benefit_fits(benefit, work.slots.category) is not False
    ]


def benefits_of(work: Work) -> list[str]:
    """The brief's benefits that fit a phrasing's noun slot ("Big on {benefit}": not "worry-free
    in rain and sweat"), else the category's, else none (no phrasing says a benefit). A benefit the parser only
    inferred from a feature's words is kept when it is true of the product's category ("same-day
    crowns" at a dental clinic are no "fast delivery to your door"); one the brief or the caller
    states in so many words always is."""
    given = fitting_benefits(work)
    given = given if work.language != "en" else english.nouns(given)
    if given:
        return given
    by_category = banks.CATEGORY_BENEFITS[work.language].get(work.slots.category or "")
    # none known: no phrasing about a benefit at all, rather than "Big on a better everyday" of anything
    return by_category or []


def noun_features(work: Work) -> list[str]:
    """Features that fit a phrasing's noun slot; English qualities ("waterproof", "20% lighter"),
    verb phrases ("syncs calendars") and clauses ("Tumbler keeps drinks cold") go elsewhere
    (``quality_features``, ``banks.VERB_LINES``, sentences of their own)."""
    # a bare count ("4 pcs", "12개") is a bullet's: "Hana Mug Set, with 4 pcs" says nothing
    features = [feature for feature in work.slots.features if not claims.is_bare_count(feature)]
    # the business's own name read as a feature ("Harbor Bike Co"): no claim about the product
    brand = re.sub(r"\W+", " ", (work.brand.name or "").casefold()).strip()
    if brand:
        named = re.compile(rf"(?<!\w){re.escape(brand)}(?!\w)")
        features = [f for f in features if not named.search(re.sub(r"\W+", " ", f.casefold()))]
    if work.language != "en":
        return features
    return english.nouns(features)


def verb_features(work: Work) -> list[str]:
    return english.of_form(work.slots.features, "verb") if work.language == "en" else []


def quality_features(work: Work) -> list[str]:
    """English features that say what the product is ("waterproof"): the ``{quality}`` slot."""
    return english.of_form(work.slots.features, "adjective") if work.language == "en" else []


def clause_features(work: Work) -> list[str]:
    return english.of_form(work.slots.features, "clause") if work.language == "en" else []


# an amount of money ("$29", "29,000원", "2만원") and what makes one no price of the offer's own:
# an amount taken off ("$5 off", "1만원 할인") or a threshold ("orders over $50", "5만원 이상")
AMOUNT = re.compile(r"(?:[$€£₩]\s?\d[\d,.]*|\d[\d,.]*\s?(?:만\s?원|원|달러|dollars?))", re.IGNORECASE)
TAKEN_OFF = re.compile(r"\s*(?:off\b|할인|discount|적립|쿠폰|이상|초과)", re.IGNORECASE)
THRESHOLD = re.compile(r"(?:over|above|from|at least|min(?:imum)?\.?|spend)\s*$", re.IGNORECASE)


def offer_price(offer: str | None) -> str | None:
    """The price the offer states of its own ("Early bird price $29", "사전예약가 159,000원")."""
    for match in AMOUNT.finditer(offer or ""):
        if TAKEN_OFF.match(offer[match.end() :]) or THRESHOLD.search(offer[: match.start()]):
            continue
        return match.group(0)
    return None


def regular_price(work: Work) -> str:
    """The brief's price said as the regular one when the offer carries a price of its own:
    "regular $49" beside "Early bird price $29", never "from just $49"."""
    price, offer = work.slots.price or "", work.slots.offer or ""
    own = offer_price(offer)
    if not price or not own or re.sub(r"\D", "", own) == re.sub(r"\D", "", price):
        return ""
    if re.search(r"정가|원래|regular|reg\.|normally|was\b|list", price, re.IGNORECASE):
        return price
    return f"정가 {price}" if work.language == "ko" else f"regular {price}"


# Korean words that make a feature a clause or an adverbial phrase, not a short noun ("국산 흑임자
# 듬뿍", "생딸기 직접 갊"): a formula around it ("…까지 챙긴 …", "…의 정석") reads stiffly
KO_NOT_A_NOUN = {"듬뿍", "가득", "직접", "매일", "바로", "갓", "더", "많이", "모두", "꼭", "항상", "무료"}
KO_VERB_END = re.compile(r"(?:요|다|함|음|됨|했|해|고|며|서)$")
SHORT_FEATURE = {"ko": 8, "en": 24}


def is_short_noun(feature: str, language: str) -> bool:
    """A feature short enough, and noun enough, for a headline formula built around it."""
    words = feature.split()
    if not words or len(feature) > SHORT_FEATURE.get(language, 24) or re.search(r"\d", feature):
        return False  # a count or a measure ("소수정예 8명의 정석") is no quality to set a standard of
    if language == "en":
        return len(words) <= 3 and english.english_form(feature) == "noun"
    last = words[-1]
    # a verb's noun form ("갊", "삶"): a syllable with the final ㄻ
    verbal = bool(re.fullmatch(r"[가-힣]", last[-1])) and (ord(last[-1]) - 0xAC00) % 28 == 10
    return len(words) <= 2 and not verbal and not KO_VERB_END.search(last) and not set(words) & KO_NOT_A_NOUN


# the last word of a Korean feature that states a claim rather than names a thing: a particle
# after it ("일상 복귀 가능으로", "부담 감소가 돋보여요") breaks the sentence
# one-syllable nouns ending in ㅁ that are things, not a verb made a noun ("씀", "함")
KO_SHORT_NOUNS = set("밤봄몸잠꿈맘짐힘춤쌈김땀섬솜점감삼참템캠룸팀")
KO_CLAIM_END = {"가능", "불가", "불필요", "감소", "증가", "완비", "포함", "제공", "보장", "무료", "지원", "완료"}


def takes_particle(feature: str, language: str) -> bool:
    """Whether a feature reads as a noun a sentence frame may glue a particle or a verb to:
    "국내산 닭가슴살", "소포장", "전문의 1:1 정밀검사" do; "수술 다음날 일상 복귀 가능", "최소 절개로
    건조증 부담 감소" and "트러플오일 듬뿍 올림" do not. English features always do (their form is
    sorted out by ``english``)."""
    if language != "ko":
        return True
    words = feature.split()
    if not words:
        return False
    last = words[-1]
    if set(words) & KO_NOT_A_NOUN or KO_VERB_END.search(last):
        return False  # "트러플오일 듬뿍", "보관이 편해요"
    if len(last) >= 2 and last[-1] in "림됨듦짐갊앎":
        return False  # a verb made a noun: "듬뿍 올림", "생딸기 직접 갊"
    final = (ord(last[-1]) - 0xAC00) % 28 if re.fullmatch(r"[가-힣]", last[-1]) else 0
    if len(last) == 1 and final in (10, 16) and last not in KO_SHORT_NOUNS:
        return False  # "들기름을 씀", "매일 함"
    if any(last.endswith(end) for end in KO_CLAIM_END):
        return False
    # a phrase with an adverbial or object particle inside ("최소 절개로 …", "들기름을 …") is a clause
    return not any(
        re.search(r"[가-힣](?:으로|로|에서|하게|없이|만에)$", word) or (len(word) >= 3 and word[-1] in "을를")
        for word in words[:-1]
    )


def slot_values(work: Work, *, benefit_index: int = 0, feature_index: int = 0) -> dict[str, str]:
    slots = work.slots
    benefits = benefits_of(work)
    features = [f for f in noun_features(work) if takes_particle(f, work.language)]
    pairs = [f for f in features if not re.match(r"\d", f)]
    qualities = quality_features(work)
    regular = regular_price(work)
    return {
        "product": slots.product,
        "feature": features[feature_index % len(features)] if features else "",
        # the feature a formula is built around: a short noun, else no formula of that kind
        "short_feature": next(
            (f for f in features[feature_index:] + features[:feature_index] if is_short_noun(f, work.language)), ""
        ),
        # two features said together ("From A to B", "A부터 B까지"): things, not a count ("3 colors")
        "pair_a": pairs[feature_index % len(pairs)] if len(pairs) > 1 else "",
        "pair_b": pairs[(feature_index + 1) % len(pairs)] if len(pairs) > 1 else "",
        "thing": pairs[feature_index % len(pairs)] if pairs else "",  # a feature that is no count
        "features": join_words(features[:3], work.language),
        # the product as an item one picks ("Your new favorite: …"): not the business itself
        "item": "" if is_business(work) else slots.product,
        "quality": qualities[feature_index % len(qualities)] if qualities else "",
        "benefit": benefits[benefit_index % len(benefits)] if benefits else "",
        "audience": slots.audience or "",
        "offer": slots.offer or "",
        # the offer where a word follows it ("… 혜택으로", "…로 만나는"): not one said as a sentence
        # ("2개 사면 1개 더 드려요" stays whole, never "드려요로 만나는")
        "offer_n": "" if is_clause(slots.offer or "", work.language) else slots.offer or "",
        # the offer's own price wins: the regular one is never "from just" or "{price}에 만나는"
        "price": "" if regular else slots.price or "",
        "regular": regular,
        # with neither a brand nor a product, no phrasing speaks as "our new product" ("The our new product team")
        "brand": work.brand.name or (slots.product if slots.product_given else ""),
    }


def is_clause(text: str, language: str) -> bool:
    """A Korean phrase said as a sentence ("1개 더 드려요", "입장은 무료예요"), not a noun phrase."""
    return language == "ko" and re.search(r"(?:요|다|니다|세요|죠)\W*$", text.strip()) is not None


def is_business(work: Work) -> bool:
    """Whether the product is the business itself (the brand: a store, a clinic, a market)."""
    name = (work.brand.name or "").casefold().strip()
    product = (work.slots.product or "").casefold().strip()
    return bool(name) and bool(product) and (name in product or product in name)


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.·-") + "…"


def _sentence_case(text: str, language: str) -> str:
    return text[:1].upper() + text[1:] if language == "en" else text


OFFER_CTA_WORDS = ("혜택", "쿠폰", "offer", "deal", "coupon")
# channels printed on paper: a call to action there is something to do, not a button to press
PRINTED = {"poster", "flyer", "leaflet", "print"}
FREE_TRIAL = re.compile(r"free[\s-]*trial|무료\s*체험|체험\s*무료", re.I)
FREE_ENTRY = re.compile(
    r"입장\s*(?:은|료)?\s*무료|무료\s*입장|참가비?\s*(?:는)?\s*무료|free\s+(?:entry|admission)", re.I
)
# what says a dish is eaten where it is made: a restaurant, a café, a bakery, a menu
DINING = re.compile(
    r"식당|레스토랑|맛집|화덕|주점|포차|비스트로|다이닝|카페|베이커리|신메뉴|메뉴|매장에서|1인분|"
    r"restaurant|diner|bistro|caf[eé]|bakery|eatery|kitchen|grill|pizzeria|\bmenu\b|dine-in",
    re.I,
)


def free_entry(offer: str) -> bool:
    return FREE_ENTRY.search(offer or "") is not None


def cta_kind(work: Work) -> str | None:
    """The kind of business a call to action is for: a dish at a restaurant ("dining": ordered,
    booked or visited) or a drink at a café or a bakery's bread ("cafe": ordered or visited, no table
    is booked for a latte) apart from food one buys, else the product's category."""
    category = work.slots.category
    if category in ("food", "beverage", None):  # a dish the parser put in no category is still a dish
        said = " ".join([getattr(work.inp, "brief", None) or "", work.brand.name or ""])
        if DINING.search(said):
            counter = category == "beverage" or CAFE.search(said) and not RESTAURANT.search(said)
            return "cafe" if counter else "dining"
    return category


RENEWED = re.compile(
    r"리뉴얼|새로워|업그레이드|개선|바뀐|달라진|새\s?단장|renew|upgrade|improved|new\s+version|relaunch", re.I
)
CAFE = re.compile(r"카페|커피|베이커리|빵집|디저트|caf[eé]|coffee|bakery|bakeshop|donut|bagel", re.I)
RESTAURANT = re.compile(
    r"식당|레스토랑|주점|포차|비스트로|다이닝|restaurant|bistro|diner|eatery|grill|pizzeria|dine-in", re.I
)


def fit_line(options: list[str], limit: int) -> str:
    """The first of ``options`` within ``limit``: an ad says a shorter thing rather than a cut
    one ("The leak-proof lid…"); ``clip`` only when none fits."""
    options = [option for option in options if option]
    for option in options:
        if len(option) <= limit:
            return option
    return clip(options[0], limit) if options else ""


def clip_sentences(text: str, limit: int) -> str:
    """At most ``limit`` characters, whole sentences when one fits, else ``clip``."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in SENTENCES.findall(text):
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept.strip() or clip(text, limit)


def work_in_required(text: str, missing: list[str], product: str | None, language: str) -> str | None:
    """``text`` with the brand's required words worked in where they read as part of it: before
    the product's last mention, as a word naming it ("X1 수분 폭탄 앰플", "eco Forest Walk").
    ``None`` when they cannot be (no mention of the product, or a word that is a phrase)."""
    if not missing or not product or any(len(word.split()) > 2 or len(word) > 16 for word in missing):
        return None
    at = text.casefold().rfind(product.casefold())
    if at < 0:
        return None
    words = " ".join(missing)
    if at == 0 or re.search(r"[.!?]\s+$", text[:at]):
        words = _sentence_case(words, language)  # a sentence opens with it
    return f"{text[:at]}{words} {text[at:]}"


def required_tag(text: str, missing: list[str]) -> str:
    """``text`` with the brand's required words as a tag line of their own (a label under the
    text, like a sign-off), never a bare word after its last sentence."""
    return f"{text}\n{' · '.join(missing)}".strip()


def with_required(text: str, work: Work, *, limit: int | None = None) -> str:
    """``text`` with every required brand word it lacks (for bodies, not headlines): worked in
    before the product's name when it can be, else a tag line of its own."""
    missing = [w for w in work.brand.required_words if w.casefold() not in text.casefold()]
    if not missing:
        return clip(text, limit) if limit else text
    named = work.slots.product if work.slots.product_given else None  # never "X1 our new product"
    room = sum(len(word) + 3 for word in missing)
    # the text whole, else its sentences cut to leave room for the words
    bodies = [text] + ([clip_sentences(text, limit - room)] if limit and limit > room else [])
    for body in bodies:
        result = work_in_required(body, missing, named, work.language) or required_tag(body, missing)
        if not limit or len(result) <= limit:
            return result
    return clip(result, limit)


def length_check(value: str, limit: int) -> dict:
    return {"chars": len(value), "max": limit, "ok": len(value) <= limit}


def brand_check(value, work: Work) -> dict:
    from generators.base import banned_in, strings_in

    text = "\n".join(strings_in(value)).casefold()
    return {
        "banned_found": banned_in(value, work.brand.banned_words),
        "required_missing": [w for w in work.brand.required_words if w.casefold() not in text],
    }


# --- headline ---------------------------------------------------------------------------------


class HeadlineInput(GeneratorInput):
    count: int = Field(default=3, ge=1, le=10)
    offer_shown: bool = Field(
        default=False,
        description="The design shows the offer in a badge of its own: the subheadline does not say it again",
    )


class HeadlineOutput(BaseModel):
    language: str
    headlines: list[str] = Field(min_length=1)
    subheadline: str = ""


def cover_subtitle(work: Work) -> str:
    """A slide cover's subtitle: the brief's own claims, as many as fit, joined by " · "."""
    said = [claim for claim in work.slots.features if not claims.is_bare_count(claim)] + fitting_benefits(work)
    kept: list[str] = []
    for claim in said:
        if len(" · ".join([*kept, claim])) <= work.rules.subheadline_max:
            kept.append(claim)
    return " · ".join(kept)


class HeadlineGenerator(Generator):
    name = "headline"
    description = "Headlines for a design or an ad, within the channel's headline length, plus a subheadline."
    Input = HeadlineInput
    Output = HeadlineOutput

    def instructions(self, work):
        repeat = (
            " The offer is shown in a badge beside it: the subheadline must not repeat it."
            if getattr(work.inp, "offer_shown", False)
            else ""
        )
        return (
            f"Write {work.inp.count} distinct headlines (each at most {work.rules.headline_max} characters) "
            f"and one subheadline (at most {work.rules.subheadline_max} characters).{repeat}"
        )

    def baseline(self, work):
        lang, tone = work.language, work.slots.tone or work.brand.tone
        rng = work.rng("headline")
        picked: list[str] = []
        banned = work.brand.banned_words
        if not RENEWED.search(getattr(work.inp, "brief", None) or ""):
            banned = (*banned, "새로워진")  # a claim the brief must make: a first launch was never "renewed"
        wanted = getattr(work.inp, "count", 3)
        for index in range(max(3, wanted)):
            values = slot_values(work, benefit_index=index, feature_index=index)
            for line in banks.choose(
                banks.for_kind(banks.HEADLINES[lang], work.slots.category),
                values,
                rng=rng,
                count=getattr(work.inp, "count", 3),
                tone=tone,
                max_len=work.rules.headline_max,
                banned=banned,
                category=work.slots.category,
                rank=work.rank,
                avoid=work.avoid,
            ):
                if line not in picked and len(picked) < getattr(work.inp, "count", 3):
                    picked.append(line)
        if not picked:  # every phrasing too long for this channel (or given before): the product name, whole
            picked = [work.slots.product]
        if work.rules.key == "presentation":
            # a deck's cover: the company or product as the title, what the brief says it does as
            # the subtitle; no slogan about "든든한 내일" and no shopping line
            title = work.slots.product
            picked = [title] + [line for line in picked if line != title][: max(0, wanted - 1)]
            return HeadlineOutput(language=lang, headlines=picked, subheadline=cover_subtitle(work))
        sub_bank = banks.for_kind(banks.SUBHEADLINES[lang], work.slots.category)
        if getattr(work.inp, "offer_shown", False):
            # "…혜택도 놓치지 마세요" under a badge that says the same offer: a second thing instead
            sub_bank = [entry for entry in sub_bank if not {"offer", "offer_n"} & banks.slots_in(str(entry))]
        subs = banks.choose(
            sub_bank,
            slot_values(work),
            rng=rng,
            count=1,
            tone=tone,
            max_len=work.rules.subheadline_max,
            banned=work.brand.banned_words,
            category=work.slots.category,
            rank=work.rank,
        )
        return HeadlineOutput(language=lang, headlines=picked, subheadline=subs[0] if subs else "")

    def checks(self, output, work):
        return {
            "headlines": [length_check(h, work.rules.headline_max) for h in output.headlines],
            "subheadline": length_check(output.subheadline, work.rules.subheadline_max),
            "distinct": len(set(output.headlines)) == len(output.headlines),
            "brand": brand_check(output.model_dump(), work),
        }


# --- description ---------------------------------------------------------------------------------


class DescriptionInput(GeneratorInput):
    max_chars: int | None = Field(default=None, ge=40, le=5000)


class DescriptionOutput(BaseModel):
    language: str
    description: str = Field(min_length=1)
    bullets: list[str] = Field(default_factory=list)


def paragraph(work: Work, rng, *, limit: int, salt: str) -> str:
    lang, tone = work.language, work.slots.tone or work.brand.tone
    values = slot_values(work)
    opener = banks.choose(
        banks.OPENERS[lang],
        values,
        rng=rng,
        count=1,
        tone=tone,
        banned=work.brand.banned_words,
        category=work.slots.category,
        rank=work.rank,
    )
    parts = opener[:1]
    # one phrasing per feature, each a different one, the product kind's own lines first; the
    # features no line may glue a word to are listed as they are
    features = noun_features(work)
    fitting = slot_values(work)
    glued = [f for f in features if takes_particle(f, lang)]
    own, plain = [], []
    for entry in banks.FEATURE_LINES[lang]:
        template, _tones, *rest = entry if isinstance(entry, list) else [entry, ()]
        if not rest:
            plain.append(template)
        elif work.slots.category in rest[0]:
            own.append(template)
    shuffler = work.rng(salt, "features")
    shuffler.shuffle(own)
    shuffler.shuffle(plain)
    order = own + plain
    used: set[str] = set()
    for index in range(len(glued[:3])):
        values_i = slot_values(work, feature_index=index)
        for template in order:
            if template in used:
                continue
            line = banks.fill(banks.ending(template, tone), values_i)
            if not banks.banned_in_text(line, work.brand.banned_words):
                parts.append(line)
                used.add(template)
                break
    listed = [f for f in features if f not in glued][: max(0, 3 - len(glued[:3]))]
    if listed:
        template = banks.ending(banks.FEATURE_LIST[lang][0], tone)
        said = ", ".join(listed) if lang == "ko" else join_words(listed, lang)
        line = banks.fill(template, {**fitting, "list": said})
        if not banks.banned_in_text(line, work.brand.banned_words):
            parts.append(line)
    # the rest of three: what it does ("It syncs calendars."), what it is ("It's waterproof, too."),
    # a fact said as a sentence ("Tumbler keeps drinks cold.")
    room = max(0, 3 - len(noun_features(work)))
    others = [("verb", f) for f in verb_features(work)] + [("quality", f) for f in quality_features(work)]
    others += [("clause", f) for f in clause_features(work)]
    for index, (form, fact) in enumerate(others[:room]):
        lines = banks.VERB_LINES["en"] if form == "verb" else banks.QUALITY_LINES["en"]
        if form == "clause":
            line = fact.rstrip(".!") + "."
            line = line[:1].upper() + line[1:]
        else:
            line = banks.fill(lines[index % len(lines)], {**slot_values(work), "feature": fact, "quality": fact})
        if not banks.banned_in_text(line, work.brand.banned_words):
            parts.append(line)
    closer = banks.choose(
        banks.CLOSERS[lang],
        values,
        rng=rng,
        count=1,
        tone=tone,
        banned=work.brand.banned_words,
        category=work.slots.category,
        rank=work.rank,
    )
    body = " ".join(parts + closer)
    return with_required(body, work, limit=limit)


class DescriptionGenerator(Generator):
    must_mention = ("product", "offer")
    name = "description"
    description = "A product description: an opening, one line per feature and a closing, plus feature bullets."
    Input = DescriptionInput
    Output = DescriptionOutput

    def limit(self, work):
        return work.inp.max_chars or max(work.rules.body_max, 200)

    def instructions(self, work):
        return f"Write a product description of at most {self.limit(work)} characters and 2-5 feature bullets."

    def baseline(self, work):
        text = paragraph(work, work.rng("description"), limit=self.limit(work), salt="description")
        return DescriptionOutput(language=work.language, description=text, bullets=work.slots.features[:5])

    def checks(self, output, work):
        return {
            "description": length_check(output.description, self.limit(work)),
            "brand": brand_check(output.model_dump(), work),
        }


# --- hashtags ----------------------------------------------------------------------------------


class HashtagInput(GeneratorInput):
    count: int | None = Field(default=None, ge=1, le=30)


class HashtagOutput(BaseModel):
    language: str
    hashtags: list[str]


def as_tag(word: str) -> str:
    if re.search(r"\d\s*[.,:/]\s*\d", word):
        return ""  # "1.2kg" would become #12kg, "1:1 정밀검사" #11정밀검사: a number a tag cannot hold is left out
    cleaned = HASHTAG_CHARS.sub("", word)
    return f"#{cleaned}" if cleaned else ""


# words no tag is made of however the brief uses them: greetings, the writer's title, the brief's
# own talk ("#안녕 #대리 #Hey #team #visit #review")
FILLER_TAGS = {
    "안녕", "안녕하세요", "대리", "과장", "팀장", "사원", "마케팅팀", "부탁", "부탁드려요", "감사", "감사합니다",
    "ㅎㅎ", "ㅋㅋ", "리뷰", "영상", "이번", "당일", "생산", "제작", "요청", "문의", "공지",
    "hey", "hi", "hello", "lol", "pls", "please", "thanks", "team", "visit", "review", "post", "image",
    "just", "announcing", "restock", "new", "hashtag", "here",
}  # fmt: skip


def claim_keywords(work: Work) -> list[str]:
    """The brief's keywords that name the product, its category or one of its claims (features,
    benefits): "#텐트", "#말차"; not the greeting or the writer's title it opened with."""
    from sparklio.language.brief.lexicon import CATEGORY_TERMS

    slots = work.slots
    said = " ".join([slots.product, *slots.features, *slots.benefits]).casefold()
    ko_terms, en_terms = CATEGORY_TERMS.get(slots.category or "", ((), ()))
    terms = {term.casefold() for term in (*ko_terms, *en_terms)}
    return [
        word
        for word in slots.keywords
        if word
        and (re.search(rf"(?<!\w){re.escape(word.casefold())}", said) or word.casefold() in terms)
        and not claims.is_chatter(word)
    ]


class HashtagGenerator(Generator):
    name = "hashtag"
    description = "Hashtags from the product, features, category and brand, within the channel's count."
    Input = HashtagInput
    Output = HashtagOutput

    def wanted(self, work):
        rules = work.rules
        if getattr(work.inp, "count", None):
            return min(getattr(work.inp, "count", None), rules.hashtags_max) if rules.hashtags_max else 0
        return min(max(rules.hashtags_min, 8), rules.hashtags_max) if rules.hashtags_max else 0

    def instructions(self, work):
        return f"Give exactly {self.wanted(work)} hashtags, each starting with #, no spaces inside a tag."

    def baseline(self, work):
        lang, slots = work.language, work.slots
        words = [slots.product] + slots.features + list(work.brand.required_words) + [work.brand.name]
        words += claim_keywords(work) + banks.CATEGORY_TAGS[lang].get(slots.category or "", [])
        words += banks.GENERIC_TAGS[lang]
        tags: list[str] = []
        for word in words:
            tag = as_tag(word or "")
            if (
                len(tag) > 2
                and tag[1:].casefold() not in FILLER_TAGS
                and not claims.is_bare_count(word or "")
                and tag.casefold() not in {t.casefold() for t in tags}
                and line_key(tag) not in work.avoid
                and not any(b.casefold() in tag.casefold() for b in work.brand.banned_words)
            ):
                tags.append(tag)
        return HashtagOutput(language=lang, hashtags=tags[: self.wanted(work)])

    def checks(self, output, work):
        rules = work.rules
        count = len(output.hashtags)
        return {
            "count": count,
            "range": [rules.hashtags_min, rules.hashtags_max],
            "ok": rules.hashtags_min <= count <= rules.hashtags_max or rules.hashtags_max == 0 and count == 0,
            "well_formed": all(re.fullmatch(r"#\w+", tag) for tag in output.hashtags),
            "brand": brand_check(output.model_dump(), work),
        }


# --- CTA ---------------------------------------------------------------------------------------


class CTAOutput(BaseModel):
    language: str
    ctas: list[str] = Field(min_length=1)


class CTAInput(GeneratorInput):
    count: int = Field(default=3, ge=1, le=10)


class CTAGenerator(Generator):
    name = "cta"
    description = "Calls to action that fit a button on the channel."
    Input = CTAInput
    Output = CTAOutput

    def instructions(self, work):
        count = getattr(work.inp, "count", 3)
        closing = (
            " They end a presentation deck: an invitation to get in touch, no shopping button."
            if work.rules.closing_cta
            else ""
        )
        return f"Give {count} distinct calls to action, each at most {work.rules.cta_max} characters.{closing}"

    def baseline(self, work):
        offer = (work.slots.offer or "").casefold()
        kind = cta_kind(work)
        # an offer button ("혜택 받기", "Claim offer") only for goods one buys with an offer, never on
        # print (a poster has no button to press), for a free entry or a visit one books
        claimable = bool(offer) and kind in banks.GOODS and work.rules.key not in PRINTED and not free_entry(offer)
        tone = "urgent" if claimable else (work.slots.tone or work.brand.tone)
        bank = [
            entry
            for entry in (banks.DECK_CTAS if work.rules.closing_cta else banks.CTAS)[work.language]
            if (
                not any(word in str(entry).casefold() for word in ("쿠폰", "coupon"))
                or any(w in offer for w in ("쿠폰", "coupon", "code"))
            )
            and (claimable or not any(word in str(entry).casefold() for word in OFFER_CTA_WORDS))
            # free entry: nothing to book or to reserve a seat for
            and not (free_entry(offer) and any(word in str(entry).casefold() for word in ("예약", "book", "spot")))
        ]
        ctas = banks.choose(
            bank,
            {},
            rng=work.rng("cta"),
            count=getattr(work.inp, "count", 3),
            tone=tone,
            max_len=work.rules.cta_max,
            banned=work.brand.banned_words,
            category=kind,
            rank=work.rank,
            avoid=work.avoid,
        )
        if kind not in banks.GOODS:
            # a visit, a booking, a class: what one does there ("Book now", "주문하기") before "Learn more"
            own = [
                entry[0] for entry in banks.CTAS[work.language] if isinstance(entry, list) and len(entry) > 2
                and kind in entry[2]
            ]  # fmt: skip
            # the kind's own in the bank's order (a clinic is booked before it is quoted)
            ctas = sorted(ctas, key=lambda cta: own.index(cta) if cta in own else len(own))
        if FREE_TRIAL.search(offer):  # a free trial is started, not claimed
            trial = "무료 체험 시작하기" if work.language == "ko" else "Start free trial"
            if len(trial) <= work.rules.cta_max and line_key(trial) not in work.avoid:
                ctas = [trial] + [c for c in ctas if c != trial]
                ctas = ctas[: getattr(work.inp, "count", 3)]
        # every phrasing given already ("another CTA" after them all): the plainest one again
        source = banks.DECK_CTAS if work.rules.closing_cta else banks.CTAS
        plain = next(entry for entry in source[work.language] if isinstance(entry, str))
        return CTAOutput(language=work.language, ctas=ctas or [clip(plain, work.rules.cta_max)])

    def checks(self, output, work):
        return {
            "ctas": [length_check(c, work.rules.cta_max) for c in output.ctas],
            "brand": brand_check(output.model_dump(), work),
        }


# --- SNS post -----------------------------------------------------------------------------------


class SNSPostOutput(BaseModel):
    language: str
    text: str = Field(min_length=1)
    hashtags: list[str] = Field(default_factory=list)
    first_line: str = ""


class SNSPostGenerator(Generator):
    must_mention = ("product", "offer")
    name = "sns_post"
    description = "A social post: a hook line, the features, a call to action and hashtags, within the fold."
    Output = SNSPostOutput

    def instructions(self, work):
        return (
            f"Write a social media post for {work.rules.name}: a hook line, the key features, a call to action; "
            f"main text at most {work.rules.body_max} characters; hashtags separately."
        )

    def baseline(self, work):
        rng = work.rng("sns")
        tone = work.slots.tone or work.brand.tone
        hook = banks.choose(
            banks.HEADLINES[work.language],
            slot_values(work),
            rng=rng,
            count=1,
            tone=tone,
            banned=work.brand.banned_words,
            category=work.slots.category,
            rank=work.rank,
            avoid=work.avoid,  # a post's opening given before ("a couple of captions"): another one
        )
        cta = CTAGenerator().baseline(work).ctas[0]
        first = hook[0] if hook else work.slots.product
        # whole sentences while they fit before the fold, then the call to action
        sentences = SENTENCES.findall(paragraph(work, rng, limit=10_000, salt="sns"))
        ending = f" 👉 {cta}"
        text = first
        for sentence in sentences:
            candidate = f"{text}\n{sentence.strip()}" if text == first else f"{text} {sentence.strip()}"
            if len(with_required(candidate, work)) + len(ending) > work.rules.body_max:
                break
            text = candidate
        text = with_required(text, work) + ending
        tags = HashtagGenerator().baseline(work).hashtags
        return SNSPostOutput(language=work.language, text=text, hashtags=tags, first_line=first)

    def checks(self, output, work):
        full = output.text + "\n" + " ".join(output.hashtags)
        return {
            "text": length_check(output.text, work.rules.body_max),
            "caption": length_check(full, work.rules.caption_max),
            "hashtags": len(output.hashtags),
            "brand": brand_check(output.model_dump(), work),
        }


# --- ad copy variants -------------------------------------------------------------------------------


class AdCopyInput(GeneratorInput):
    variants: int = Field(default=3, ge=2, le=5)


class AdVariant(BaseModel):
    angle: str
    headline: str
    primary_text: str
    cta: str


class AdCopyOutput(BaseModel):
    language: str
    variants: list[AdVariant] = Field(min_length=1)


class AdCopyGenerator(Generator):
    must_mention = ("product", "offer")
    name = "ad_copy"
    description = "Ad-copy variants, each from a different angle (feature, benefit, audience, offer, price)."
    Input = AdCopyInput
    Output = AdCopyOutput

    def instructions(self, work):
        return (
            f"Write {work.inp.variants} ad variants, each from a different angle, headline at most "
            f"{work.rules.headline_max} characters, primary text at most {work.rules.body_max}."
        )

    def baseline(self, work):
        values = slot_values(work)
        angles = banks.AD_ANGLES[work.language]
        ctas = CTAGenerator().baseline(work).ctas
        order = ["offer", "feature", "benefit", "audience", "price"] if work.slots.offer else list(angles)
        variants: list[AdVariant] = []
        given: list[AdVariant] = []  # angles given before (``avoid``): only when no other is left
        for angle in order:
            headline_t, body_t = angles[angle]
            if not banks.slots_in(headline_t + body_t) <= {k for k, v in values.items() if v}:
                continue
            headline, body = banks.fill(headline_t, values), banks.fill(body_t, values)
            if banks.banned_in_text(headline + body, work.brand.banned_words):
                continue
            variant = AdVariant(
                angle=angle,
                headline=fit_line(
                    [headline, _sentence_case(values.get(angle, ""), work.language), work.slots.product],
                    work.rules.headline_max,
                ),
                primary_text=with_required(body, work, limit=work.rules.body_max),
                cta=ctas[len(variants) % len(ctas)],
            )
            (given if line_key(variant.headline) in work.avoid else variants).append(variant)
            if len(variants) == work.inp.variants:
                break
        if not variants and not given:  # no angle has its slots (a dish with its price alone): the product said plainly
            variants = [
                AdVariant(
                    angle="product",
                    headline=clip(work.slots.product, work.rules.headline_max),
                    primary_text=paragraph(work, work.rng("ad", "plain"), limit=work.rules.body_max, salt="ad"),
                    cta=ctas[0],
                )
            ]
        return AdCopyOutput(language=work.language, variants=variants or given[:1])

    def checks(self, output, work):
        return {
            "variants": len(output.variants),
            "distinct_angles": len({v.angle for v in output.variants}) == len(output.variants),
            "headlines": [length_check(v.headline, work.rules.headline_max) for v in output.variants],
            "brand": brand_check(output.model_dump(), work),
        }


# --- slogan ------------------------------------------------------------------------------------


class SloganOutput(BaseModel):
    language: str
    slogans: list[str] = Field(min_length=1)


class SloganInput(GeneratorInput):
    count: int = Field(default=5, ge=1, le=10)


class SloganGenerator(Generator):
    name = "slogan"
    description = "Short brand or product slogans."
    Input = SloganInput
    Output = SloganOutput

    def limit(self, work):
        return 20 if work.language == "ko" else 40

    def instructions(self, work):
        return f"Give {getattr(work.inp, 'count', 5)} distinct slogans of at most {self.limit(work)} characters."

    def baseline(self, work):
        picked: list[str] = []
        wanted = getattr(work.inp, "count", 5)
        for index in range(2):
            for line in banks.choose(
                banks.SLOGANS[work.language],
                slot_values(work, benefit_index=index),
                rng=work.rng("slogan", index),
                count=wanted,
                tone=work.slots.tone or work.brand.tone,
                max_len=self.limit(work),
                banned=work.brand.banned_words,
                category=work.slots.category,
                rank=work.rank,
                avoid=work.avoid,
            ):
                if line not in picked and len(picked) < wanted:
                    picked.append(line)
        return SloganOutput(language=work.language, slogans=picked or [clip(work.slots.product, self.limit(work))])

    def checks(self, output, work):
        return {
            "slogans": [length_check(s, self.limit(work)) for s in output.slogans],
            "brand": brand_check(output.model_dump(), work),
        }


# --- email -------------------------------------------------------------------------------------


class EmailInput(GeneratorInput):
    subject_count: int = Field(default=1, ge=1, le=10, description="How many subject lines to offer")


class EmailOutput(BaseModel):
    language: str
    subject: str = Field(min_length=1)
    subjects: list[str] = Field(default_factory=list, description="The subject and its alternatives")
    preheader: str = ""
    body: str = Field(min_length=1)
    cta: str
    signoff: str = ""


class EmailGenerator(Generator):
    must_mention = ("product", "offer")
    name = "email"
    description = "A marketing email: subject (50 characters at most), preheader, body, call to action, sign-off."
    Input = EmailInput
    Output = EmailOutput
    purpose = "smart"

    def instructions(self, work):
        count = getattr(work.inp, "subject_count", 1)
        more = f" Also give {count} distinct subject lines in 'subjects' (the first is 'subject')." if count > 1 else ""
        return (
            "Write a marketing email: subject at most 50 characters, a preheader, 2-3 short paragraphs, a CTA." + more
        )

    def baseline(self, work):
        lang, tone = work.language, work.slots.tone or work.brand.tone
        bank, values, rng = banks.EMAIL[lang], slot_values(work), work.rng("email")
        banned = work.brand.banned_words
        subject = banks.choose(
            bank["subject"],
            values,
            rng=rng,
            count=getattr(work.inp, "subject_count", 1),
            tone=tone,
            max_len=50,
            banned=banned,
            category=work.slots.category,
            rank=work.rank,
        )
        preheader = banks.choose(
            bank["preheader"],
            values,
            rng=rng,
            count=1,
            tone=tone,
            max_len=90,
            banned=banned,
            category=work.slots.category,
            rank=work.rank,
        )
        signed = "" if values["brand"] else "_unsigned"
        greeting = banks.fill(banks.ending(bank[f"greeting{signed}"], tone), values)
        body = paragraph(work, rng, limit=1200, salt="email")
        return EmailOutput(
            language=lang,
            subject=subject[0] if subject else clip(work.slots.product, 50),
            subjects=subject or [clip(work.slots.product, 50)],
            preheader=preheader[0] if preheader else "",
            body=f"{greeting}\n\n{body}",
            cta=CTAGenerator().baseline(work).ctas[0],
            signoff=banks.fill(banks.ending(bank[f"signoff{signed}"], tone), values),
        )

    def checks(self, output, work):
        return {"subject": length_check(output.subject, 50), "brand": brand_check(output.model_dump(), work)}


# --- blog post -----------------------------------------------------------------------------------


class BlogSection(BaseModel):
    heading: str
    body: str


class BlogPostOutput(BaseModel):
    language: str
    title: str = Field(min_length=1)
    sections: list[BlogSection] = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    chars: int = 0


class BlogPostGenerator(Generator):
    must_mention = ("product", "offer")
    name = "blog_post"
    description = "A blog post: a title and sections (introduction, one per feature, benefits, offer, wrap-up)."
    Output = BlogPostOutput
    purpose = "smart"
    max_tokens = 3000

    def instructions(self, work):
        return "Write a blog post with a title and 4-6 sections (heading and 2-4 sentences each)."

    def baseline(self, work):
        lang, tone = work.language, work.slots.tone or work.brand.tone
        values, banned = slot_values(work), work.brand.banned_words
        title = HeadlineGenerator().baseline(work).headlines[0]
        ko = lang == "ko"
        sections = [
            BlogSection(
                heading="들어가며" if ko else "Introduction",
                body=paragraph(work, work.rng("intro"), limit=600, salt="intro"),
            )
        ]
        # a section per claim; a bare count ("4 pcs") is no claim to write a section about
        said = [feature for feature in work.slots.features if not claims.is_bare_count(feature)]
        for index, feature in enumerate(said[:4]):
            lines = banks.choose(
                banks.FEATURE_LINES[lang],
                slot_values(work, feature_index=index),
                rng=work.rng("blog", index),
                count=2,
                tone=tone,
                banned=banned,
                category=work.slots.category,
                rank=work.rank,
            )
            sections.append(BlogSection(heading=feature, body=" ".join(lines)))
        benefit_lines = banks.choose(
            banks.SUBHEADLINES[lang],
            values,
            rng=work.rng("benefit"),
            count=2,
            tone=tone,
            banned=banned,
            category=work.slots.category,
            rank=work.rank,
        )
        if benefit_lines:
            sections.append(
                BlogSection(heading="이런 분께 추천해요" if ko else "Who it is for", body=" ".join(benefit_lines))
            )
        closing = banks.choose(
            banks.CLOSERS[lang],
            values,
            rng=work.rng("close"),
            count=2,
            tone=tone,
            banned=banned,
            category=work.slots.category,
            rank=work.rank,
        )
        sections.append(
            BlogSection(heading="마치며" if ko else "Wrapping up", body=with_required(" ".join(closing), work))
        )
        tags = HashtagGenerator().baseline(work).hashtags
        chars = len(title) + sum(len(s.heading) + len(s.body) for s in sections)
        return BlogPostOutput(language=lang, title=title, sections=sections, tags=tags, chars=chars)

    def checks(self, output, work):
        chars = len(output.title) + sum(len(s.heading) + len(s.body) for s in output.sections)
        return {"chars": chars, "sections": len(output.sections), "brand": brand_check(output.model_dump(), work)}


# --- SEO meta ------------------------------------------------------------------------------------


class SEOMetaOutput(BaseModel):
    language: str
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    keywords: list[str]
    slug: str


class SEOMetaGenerator(Generator):
    name = "seo_meta"
    description = "Search metadata: title (60 characters at most), description (160), keywords and a URL slug."
    Output = SEOMetaOutput

    def instructions(self, work):
        return "Give an SEO title of at most 60 characters, a meta description of at most 160, 5-10 keywords, a slug."

    def baseline(self, work):
        slots = work.slots
        brand = work.brand.name
        headline = HeadlineGenerator().baseline(work).headlines[0]
        title = clip(f"{headline} | {brand}" if brand and brand not in headline else headline, 60)
        description = paragraph(work, work.rng("seo"), limit=160, salt="seo")
        keywords = []
        for word in [slots.product, *slots.features, *(slots.keywords or []), slots.category or "", brand]:
            if word and word.casefold() not in {k.casefold() for k in keywords}:
                keywords.append(word)
        slug = slugify(slots.product, allow_unicode=True) or "product"
        return SEOMetaOutput(
            language=work.language, title=title, description=description, keywords=keywords[:10], slug=slug
        )

    def checks(self, output, work):
        return {
            "title": length_check(output.title, 60),
            "description": length_check(output.description, 160),
            "keywords": len(output.keywords),
            "brand": brand_check(output.model_dump(), work),
        }


TEXT_GENERATORS = [
    HeadlineGenerator,
    DescriptionGenerator,
    HashtagGenerator,
    CTAGenerator,
    BlogPostGenerator,
    SNSPostGenerator,
    AdCopyGenerator,
    EmailGenerator,
    SloganGenerator,
    SEOMetaGenerator,
]
