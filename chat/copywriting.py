"""A request for copy, answered: the generator's input from the product's facts (never the
request's words), how many items that generator can give, the distinct items of its output,
what of them goes to the editor, and the answer's words in Korean or English."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from chat.intents import CopyRequest
from chat.selectors import ProductFacts
from documents.schema import CHANNEL_PRESETS
from generators.base import GeneratorResult
from generators.channels import rules_for
from generators.registry import GENERATORS
from sparklio.language.korean import particle

# the generators' input limits (GeneratorInput): facts longer than these are cut, not refused
FIELD_LIMITS = {"product": 120, "audience": 200, "price": 60, "offer": 120, "category": 40, "tone": 200}
LIST_LIMIT = 10


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Shape:
    """How one kind of copy reads out of its generator's output."""

    ko: str  # what the items are called
    en: str
    items: Callable[[dict], list[str]]
    design: Callable[[dict, list[str], ProductFacts], dict]  # the texts "send to editor" places
    count_field: str | None = None  # the generator's input field that takes the count


def _ad_items(output: dict) -> list[str]:
    return [f"{v['headline']} — {v['primary_text']} [{v['cta']}]" for v in output["variants"]]


def _ad_design(output: dict, items: list[str], facts: ProductFacts) -> dict:
    first = output["variants"][0] if output["variants"] else {}
    return {"headline": first.get("headline", ""), "body": first.get("primary_text", ""), "cta": first.get("cta", "")}


def _email_items(output: dict) -> list[str]:
    return [_join(output["subject"], output.get("preheader", ""), "", output["body"], "", f"[{output['cta']}]")]


def _sns_items(output: dict) -> list[str]:
    return [_join(output["text"], " ".join(output.get("hashtags", [])))]


def _blog_items(output: dict) -> list[str]:
    sections = "\n".join(f"## {s['heading']}\n{s['body']}" for s in output["sections"])
    return [f"# {output['title']}\n{sections}"]


def _seo_items(output: dict) -> list[str]:
    return [_join(output["title"], output["description"], ", ".join(output["keywords"]), f"/{output['slug']}")]


SHAPES: dict[str, Shape] = {
    "headline": Shape(
        "헤드라인",
        "headlines",
        lambda o: o["headlines"],
        lambda o, items, f: {"headline": items[0], "subheadline": o.get("subheadline", "")},
        "count",
    ),
    "slogan": Shape("슬로건", "slogans", lambda o: o["slogans"], lambda o, items, f: {"headline": items[0]}, "count"),
    "hashtag": Shape("해시태그", "hashtags", lambda o: o["hashtags"], lambda o, items, f: {"hashtags": items}, "count"),
    "cta": Shape("CTA 문구", "calls to action", lambda o: o["ctas"], lambda o, items, f: {"cta": items[0]}, "count"),
    "ad_copy": Shape("광고 문구", "ad variants", _ad_items, _ad_design, "variants"),
    "description": Shape(
        "상품 설명",
        "product descriptions",
        lambda o: [o["description"]],
        lambda o, items, f: {"headline": f.product, "body": o["description"]},
    ),
    "seo_meta": Shape(
        "SEO 메타 정보",
        "SEO meta sets",
        _seo_items,
        lambda o, items, f: {"headline": o["title"], "body": o["description"]},
    ),
    "email_subject": Shape(
        "이메일 제목",
        "email subject lines",
        lambda o: o.get("subjects") or [o["subject"]],
        lambda o, items, f: {"headline": items[0], "subheadline": o.get("preheader", "")},
        "subject_count",
    ),
    "email": Shape(
        "이메일",
        "emails",
        _email_items,
        lambda o, items, f: (
            {"headline": o["subject"], "subheadline": o.get("preheader", ""), "body": o["body"]} | {"cta": o["cta"]}
        ),
    ),
    "sns_post": Shape(
        "SNS 게시물",
        "social posts",
        _sns_items,
        lambda o, items, f: {"headline": o.get("first_line", ""), "body": o["text"], "hashtags": o.get("hashtags", [])},
    ),
    "blog_post": Shape(
        "블로그 글",
        "blog posts",
        _blog_items,
        lambda o, items, f: {"headline": o["title"], "body": o["sections"][0]["body"] if o["sections"] else ""},
    ),
}


@dataclass
class CopyPlan:
    """What will be asked of the generator, and why that much."""

    kind: str
    generator: str
    requested: int | None  # what the message asked for
    wanted: int | None  # what the answer will list: the request within the generator's limit
    limit: int | None  # the generator's limit, when the request went over it
    data: dict  # the generator's input
    language: str
    count_low: int | None = None  # a range asked for ("두세 개": 2 to ``requested``)
    count_vague: bool = False  # a count left open ("몇 개"): ``requested`` was chosen
    more: bool = False  # "더", "more": only items the session was not given
    given: list[str] = field(default_factory=list)  # items of this kind the session was given


def count_bounds(generator: str, field: str) -> tuple[int, int | None]:
    """The bounds the generator's input schema puts on a count field."""
    low, high = 1, None
    for rule in GENERATORS[generator].Input.model_fields[field].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


AVOID_LIMIT = 50  # GeneratorInput.avoid


def copy_plan(request: CopyRequest, facts: ProductFacts, *, language: str, given: list[str] | None = None) -> CopyPlan:
    """The generator's input: the product's facts as its structured fields, the count within
    its schema's bounds (and a channel's hashtag limit); for more of a kind ("4개 더"), the items
    of that kind the session was already given (``given``) as lines to avoid."""
    shape = SHAPES[request.kind]
    channel = request.channel or facts.channel
    data: dict = {"language": language, "product": facts.product[: FIELD_LIMITS["product"]]}
    if channel in CHANNEL_PRESETS:
        data["channel"] = channel
    if facts.features:
        data["features"] = facts.features[:LIST_LIMIT]
    if facts.benefits:
        data["benefits"] = facts.benefits[:LIST_LIMIT]
    for name in ("audience", "price", "offer", "category", "tone"):
        if value := getattr(facts, name):
            data[name] = str(value)[: FIELD_LIMITS[name]]
    channel = data.get("channel")
    requested, wanted, limit = request.count, request.count, None
    if shape.count_field is not None:
        low, high = count_bounds(request.generator, shape.count_field)
        if request.kind == "hashtag":
            most = rules_for(channel).hashtags_max
            high = min(high, most) if high is not None else most
        if requested is not None:
            if high is not None and requested > high:
                wanted, limit = high, high
            # a generator that makes at least two (ad variants) is asked for two; the answer lists one
            data[shape.count_field] = max(wanted, low) if wanted else low
    given = list(given or []) if request.more else []
    if given:
        # an ad variant was listed as "headline — text [cta]": its headline is what the generator writes
        data["avoid"] = [item.split(" — ")[0][:600] for item in given][-AVOID_LIMIT:]
    return CopyPlan(
        kind=request.kind,
        generator=request.generator,
        requested=requested,
        wanted=wanted,
        limit=limit,
        data=data,
        language=language,
        count_low=request.count_low,
        count_vague=request.count_vague,
        more=request.more,
        given=given,
    )


def distinct(items: list[str]) -> list[str]:
    """The items without repeats (case, spacing and punctuation aside)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = re.sub(r"[\W_]+", "", item.casefold())
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def copy_answer(
    plan: CopyPlan, result: GeneratorResult, facts: ProductFacts, *, ko: bool, more: list | tuple = ()
) -> tuple[str, dict]:
    """The answer's text and the message's ``generated``: exactly the items asked for, each
    different, or fewer with the reason. ``more``: further runs of a generator that writes one
    item at a time."""
    shape = SHAPES[plan.kind]
    outputs = [result.output] + [r.output for r in more if getattr(r, "output", None)]
    given = [item for output in outputs for item in shape.items(output) if isinstance(item, str) and item.strip()]
    unique = distinct(given)
    already = {_key(item) for item in plan.given}
    new = [item for item in unique if _key(item) not in already]
    left_out = len(unique) - len(new)  # given before in this session ("4개 더")
    items = new[: plan.wanted] if plan.wanted is not None else new
    label = shape.ko if ko else shape.en
    lines = [_heading(label, len(items), facts, ko=ko, new=plan.more)]
    lines += [f"{index}. {item}" for index, item in enumerate(items, 1)]
    if plan.limit is not None:
        lines.append(_over_limit(plan, label, ko=ko))
    if (note := _count_note(plan, label, got=len(items), ko=ko)) and items:
        lines.append(note)
    if items and plan.language == "en" and re.search(r"[가-힣]", facts.product):
        lines.append(
            f"제품명 '{facts.product}'{particle(facts.product, '은')} 한글로만 알려 주셔서 영어 카피에도 "
            "그대로 두었어요. 영문 이름을 알려 주시면 그 이름으로 쓸게요."
            if ko
            else f"The product name '{facts.product}' is only known in Korean, so the English copy keeps it as "
            "written; tell me its English name to use that instead."
        )
    short = plan.wanted is not None and len(items) < plan.wanted
    if short and plan.more and plan.given:
        lines.append(_no_more(plan, label, got=len(items), given=len(plan.given), ko=ko))
    elif short:
        lines.append(_shortfall(plan, shape, result, facts, given=len(given), got=len(items), label=label, ko=ko))
    elif plan.more and plan.given and not items:
        lines.append(_no_more(plan, label, got=0, given=len(plan.given), ko=ko))
    design = {"language": plan.language, "headline": "", "subheadline": "", "body": "", "cta": "", "hashtags": []}
    if items:
        design |= shape.design(result.output, items, facts)
    generated = {
        "kind": "copy",
        "generator": plan.generator,
        "copy_kind": plan.kind,
        "requested": plan.requested,
        "count": len(items),
        "items": items,
        "short": short,
        "more": plan.more,
        "left_out_as_given": left_out,
        "facts": facts.as_dict(),
        "language": plan.language,
        "provider": result.provider,
        "notes": result.notes,
        "output": result.output,
        "copy": design,
    }
    return "\n".join(lines), generated


def _source(facts: ProductFacts, *, ko: bool) -> str:
    """Where the facts were read, in the user's terms: what they told, the campaign or design
    made earlier, the brand; never a message's or a run's internal id."""
    product = f"'{facts.product}'"
    if facts.source == "message":
        return f"말씀하신 {product} 정보 기준" if ko else f"from what you said about {product}"
    if facts.source == "earlier_message":
        return f"앞서 알려주신 {product} 정보 기준" if ko else f"from what you told me about {product}"
    if facts.source == "workflow":
        return f"앞서 만든 {product} 캠페인 정보 기준" if ko else f"from the {product} campaign made earlier"
    if facts.source == "document":
        if facts.source_name:
            return f"디자인 '{facts.source_name}'의 제품 정보 기준" if ko else f"from the design '{facts.source_name}'"
        return "열린 디자인의 제품 정보 기준" if ko else "from the design's product facts"
    if facts.source == "brand":
        return f"브랜드 '{facts.source_name}' 정보 기준" if ko else f"from the brand '{facts.source_name}'"
    return f"{product} 정보 기준" if ko else f"from what I know about {product}"


def _key(item: str) -> str:
    return re.sub(r"[\W_]+", "", item.casefold())


def counted(label: str, count: int) -> str:
    """An English label in the number of ``count``: "1 email subject line", "1 call to action",
    "3 slogans" (a Korean one takes a counter and stays as it is)."""
    if count != 1 or re.search(r"[가-힣]", label):
        return label
    if label.startswith("calls "):
        return "call " + label[len("calls ") :]
    head, _, last = label.rpartition(" ")
    if last.endswith(("sses", "ches", "shes", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()


def _heading(label: str, count: int, facts: ProductFacts, *, ko: bool, new: bool = False) -> str:
    if not count:
        if new:
            return (
                f"{facts.product}의 새 {label}{particle(label, '를')} 더 만들지 못했어요."
                if ko
                else f"No new {label} for {facts.product}."
            )
        return (
            f"{facts.product} {label}{particle(label, '를')} 만들지 않았어요."
            if ko
            else f"No {label} for {facts.product}."
        )
    fresh = ("새 " if ko else "new ") if new else ""
    if ko:
        return f"{facts.product} {fresh}{label} {count}개예요 ({_source(facts, ko=ko)}):"
    return f"{count} {fresh}{counted(label, count)} for {facts.product} ({_source(facts, ko=ko)}):"


def _count_note(plan: CopyPlan, label: str, *, got: int, ko: bool) -> str | None:
    """What the answer made of a range or of a count left open."""
    if plan.count_low is not None:
        if ko:
            return f"{plan.count_low}~{plan.requested}개를 요청하셔서 많은 쪽인 {plan.requested}개로 드려요."
        return f"You asked for {plan.count_low}–{plan.requested}, so here are {plan.requested}, the upper end."
    if plan.count_vague:
        example = f"{label} {plan.requested}개 더"
        if ko:
            return f"개수를 정하지 않으셔서 {plan.requested}개 드려요. 더 필요하면 '{example}'처럼 말씀해 주세요."
        more = f'"{plan.requested} more {label}"'
        return f"You didn't say how many, so here are {plan.requested}; ask for more any time ({more})."
    return None


def _no_more(plan: CopyPlan, label: str, *, got: int, given: int, ko: bool) -> str:
    """More was asked for than there are new items: how many new ones could be made."""
    if ko:
        head = (
            f"이 대화에서 이미 드린 {label} {given}개와 겹치지 않는 새 {label}{particle(label, '은')} {got}개만 "
            "더 만들 수 있었어요."
            if got
            else f"이 대화에서 이미 드린 {label} {given}개 말고는 새로 만들 수 있는 "
            f"{label}{particle(label, '이')} 없어요."
        )
        return f"{head} 특징, 혜택, 대상, 가격을 더 알려 주시면 다른 문장을 더 만들 수 있어요."
    head = (
        f"Only {got} new {counted(label, got)} could be written that differ from the {given} already given "
        "in this chat."
        if got
        else f"No new {label} could be written beyond the {given} already given in this chat."
    )
    return f"{head} Tell me more features, benefits, the audience or the price and I can write others."


def zero_answer(request: CopyRequest, *, ko: bool) -> tuple[str, dict]:
    """A request for none ("헤드라인 0개"): nothing to write, and how to ask."""
    shape = SHAPES.get(request.kind or "headline")
    label = shape.ko if ko else shape.en
    if ko:
        text = f"{label} 0개를 요청하셔서 아무것도 만들지 않았어요. 필요한 개수를 알려 주세요 (예: '{label} 3개 써줘')."
    else:
        text = f'You asked for 0 {label}, so I wrote none. Tell me how many you need (e.g. "3 {label}").'
    generated = {"kind": "question", "asks": "count", "copy_kind": request.kind, "requested": 0}
    return text, generated


def _over_limit(plan: CopyPlan, label: str, *, ko: bool) -> str:
    if plan.limit == 0:
        channel = rules_for(plan.data.get("channel")).name
        return f"{channel}에는 {label}{particle(label, '를')} 쓰지 않아요." if ko else f"{channel} takes no {label}."
    if ko:
        topic = label + particle(label, "은")
        return f"{plan.requested}개를 요청하셨지만 {topic} 한 번에 {plan.limit}개까지 만들 수 있어요."
    return f"You asked for {plan.requested}; {label} come at most {plan.limit} at a time."


def _shortfall(
    plan: CopyPlan, shape: Shape, result: GeneratorResult, facts: ProductFacts, *, given: int, got: int, label, ko
) -> str:
    """Why fewer came than were asked for (``given``: what the generator gave, repeats included)."""
    repeats = given - got
    rules = rules_for(plan.data.get("channel"))
    channel = rules.name if plan.data.get("channel") else ("기본 채널" if ko else "the default channel")
    if ko:
        head = f"{plan.wanted}개를 요청하셨지만 서로 다른 {label}{particle(label, '은')} {got}개만 나왔어요"
        if shape.count_field is None and not repeats:
            return f"{head}: 이 생성기는 한 번에 {given}개를 만들어요."
        why = f" (겹치는 {repeats}개는 뺐어요)" if repeats else ""
        if result.offline:
            known = "제품명" + (f", 특징 {len(facts.features)}개" if facts.features else "")
            fits = f", {channel} 헤드라인 길이({rules.headline_max}자 이내)" if plan.kind == "headline" else ""
            return (
                f"{head}{why}: 오프라인 문구 은행으로는 지금 아는 정보({known}){fits}로 만들 수 있는 서로 다른 "
                f"문장이 {got}개뿐이에요. 특징, 혜택, 대상, 가격을 더 알려 주시면 더 만들 수 있어요."
            )
        return f"{head}{why}: 모델({result.provider})이 서로 다른 것을 {got}개만 돌려줬어요."
    head = f"You asked for {plan.wanted}, but only {got} distinct {counted(label, got)} came out"
    if shape.count_field is None and not repeats:
        return f"{head}: this generator writes {given} at a time."  # one email, one description
    why = f" ({repeats} repeats left out)" if repeats else ""
    if result.offline:
        known = "the product name" + (f" and {len(facts.features)} feature(s)" if facts.features else "")
        fits = f", within {channel}'s {rules.headline_max}-character headlines" if plan.kind == "headline" else ""
        return (
            f"{head}{why}: offline, the phrase banks make only {got} different lines from what I know "
            f"({known}){fits}. Tell me more features, benefits, the audience or the price and I can write more."
        )
    return f"{head}{why}: the model ({result.provider}) returned only {got} distinct ones."


def ask_for_product(request: CopyRequest | None, *, ko: bool) -> tuple[str, dict]:
    """Nothing names a product: ask for it rather than write about nothing."""
    label = SHAPES[request.kind].ko if request and request.kind else "카피"
    label_en = SHAPES[request.kind].en if request and request.kind else "copy"
    if ko:
        text = (
            f"어떤 제품의 {label}{particle(label, '를')} 쓸까요? 이 대화에는 아직 제품 정보가 없어요. "
            "제품명과 특징(혜택, 가격, 대상이 있으면 함께)을 알려 주세요. "
            '예: "무선 이어폰 X1 헤드라인 5개, 노이즈 캔슬링과 24시간 배터리"'
        )
    else:
        text = (
            f"Which product should the {label_en} be about? This chat has no product yet. Tell me its name and "
            'features (and the offer, price or audience if there is one), e.g. "5 headlines for the X1 earbuds: '
            'noise cancelling, 24-hour battery".'
        )
    generated = {
        "kind": "question",
        "asks": "product",
        "copy_kind": request.kind if request else None,
        "requested": request.count if request else None,
        "language": request.language if request else None,
        "channel": request.channel if request else None,
    }
    return text, generated


def facts_answer(facts: ProductFacts, *, ko: bool, has_brand: bool) -> tuple[str, dict]:
    """A message that describes a product, acknowledged: what was understood (the product, its
    features, the offer…), kept for the session, and what the user can ask for next."""
    fields = [
        ("제품", "Product", facts.product),
        ("특징", "Features", ", ".join(facts.features)),
        ("장점", "Benefits", ", ".join(facts.benefits)),
        ("혜택", "Offer", facts.offer),
        ("가격", "Price", facts.price),
        ("대상", "Audience", facts.audience),
    ]
    name = f"'{facts.product}'"
    if ko:
        lines = [f"{name} 정보를 이 대화에 기억해 둘게요. 이렇게 이해했어요:"]
        lines += [f"- {label}: {value}" for label, _, value in fields if value]
        asks = ['"헤드라인 5개 써줘"', '"슬로건 3개"', '"인스타 해시태그 10개"', '"광고 문구 2개"', '"상품 설명 써줘"']
        if has_brand:
            asks.append('"인스타그램 광고 만들어줘"')
        lines.append(f"이제 이렇게 요청해 보세요: {', '.join(asks)}. 틀린 정보가 있으면 고쳐서 다시 알려 주세요.")
    else:
        lines = [f"Got it: I'll keep {name} in mind for this chat. Here is what I understood:"]
        lines += [f"- {label}: {value}" for _, label, value in fields if value]
        asks = ['"5 headlines"', '"3 slogans"', '"10 Instagram hashtags"', '"2 ad variants"', '"a product description"']
        if has_brand:
            asks.append('"make an Instagram ad"')
        lines.append(f"Now you can ask for {', '.join(asks)}. If I got something wrong, tell me the right version.")
    return "\n".join(lines), {"kind": "facts", "facts": facts.as_dict()}


def facts_brief(facts: ProductFacts) -> str:
    """The facts as a labelled brief, for the copywriter agent (which reads a brief)."""
    fields = [
        ("Product", facts.product),
        ("Features", ", ".join(facts.features)),
        ("Offer", facts.offer),
        ("Price", facts.price),
        ("Audience", facts.audience),
    ]
    return "\n".join(f"{name}: {value}" for name, value in fields if value)
