"""Orchestration and governance agents: PM (the plan), persona, localizer and A/B tester."""

from __future__ import annotations

import math
import re
from statistics import NormalDist

from django.conf import settings
from pydantic import BaseModel, Field, model_validator

from agents.base import Agent, AgentContext, AgentInput
from agents.library.creation import age_band
from sparklio.language.brief import brief_parse

# --- PM ------------------------------------------------------------------------------------------


class Step(BaseModel):
    id: str
    agent: str
    channel: str | None = None
    depends_on: list[str] = Field(default_factory=list)
    purpose: str = ""


class PMInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    channel: str | None = None
    facts: dict | None = Field(default=None, description="The workflow's facts (the brief parsed, with corrections)")


class PMOutput(BaseModel):
    channel: str = Field(description="The first channel")
    channels: list[str] = Field(description="One design per channel, in this order")
    language: str
    format: str | None = None
    steps: list[Step]
    levels: list[list[str]] = Field(description="Steps grouped so each level depends only on earlier ones")


def levels_of(steps: list[Step]) -> list[list[str]]:
    """Topological levels: every step after all it depends on (ValueError on a cycle)."""
    done: set[str] = set()
    remaining = {s.id: s for s in steps}
    levels = []
    while remaining:
        ready = [sid for sid, s in remaining.items() if set(s.depends_on) <= done]
        if not ready:
            raise ValueError(f"plan: the steps {sorted(remaining)} depend on each other")
        levels.append(ready)
        done.update(ready)
        for sid in ready:
            del remaining[sid]
    return levels


class PMAgent(Agent):
    name = "pm"
    description = "Plans the campaign: which agents run, in what order, and what can run in parallel."
    Input = PMInput
    Output = PMOutput

    def run(self, inp, ctx: AgentContext):
        from agents.steps import plan_steps

        brief = brief_parse(inp.brief)
        facts = inp.facts or {}
        # the workflow's facts already hold the channels (the caller's channel, or every one named)
        channels = list(facts.get("channels") or ([inp.channel] if inp.channel else brief.channels))
        channels = list(dict.fromkeys(channels)) or ["instagram_feed"]
        video = brief.format == "video"
        steps = [Step(**step) for step in plan_steps(channels, video=video)]
        return PMOutput(
            channel=channels[0],
            channels=channels,
            language=facts.get("language") or brief.language,
            format=brief.format,
            steps=steps,
            levels=levels_of(steps),
        )


# --- persona ----------------------------------------------------------------------------------------

JOBS = {
    "직장인": ("office worker", "직장인"),
    "대학생": ("university student", "대학생"),
    "주부": ("homemaker", "주부"),
    "부모": ("parent", "부모"),
    "개발자": ("developer", "개발자"),
    "프리랜서": ("freelancer", "프리랜서"),
    "office": ("office worker", "직장인"),
    "student": ("student", "학생"),
    "parent": ("parent", "부모"),
    "mom": ("parent", "부모"),
}
NEEDS = {
    "young": {
        "ko": (["출퇴근길을 알차게", "나만의 시간 확보"], ["시간 부족", "비싼 가격"]),
        "en": (["make the commute count", "own time"], ["no time", "tight budget"]),
    },
    "teen": {
        "ko": (["친구들과 공유", "트렌드 따라잡기"], ["용돈 한계", "금방 질림"]),
        "en": (["share with friends", "keep up with trends"], ["small budget", "quick boredom"]),
    },
    "middle": {
        "ko": (["가족의 편안함", "믿을 수 있는 선택"], ["정보 과잉", "실패한 구매"]),
        "en": (["family comfort", "a safe choice"], ["too much information", "bad purchases"]),
    },
    "senior": {
        "ko": (["쉬운 사용", "건강"], ["복잡한 설정", "작은 글씨"]),
        "en": (["ease of use", "health"], ["complex setup", "small print"]),
    },
}
AGES = {"teen": (15, 19), "young": (25, 34), "middle": (35, 49), "senior": (55, 69)}


class PersonaInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    count: int = Field(default=2, ge=1, le=4)


class Persona(BaseModel):
    name: str
    age: int
    occupation: str
    goals: list[str]
    pains: list[str]
    channels: list[str]
    message: str


class PersonaOutput(BaseModel):
    audience: str | None
    personas: list[Persona]


class PersonaAgent(Agent):
    name = "persona"
    description = (
        "Sketches audience personas (age, occupation, goals, pains, channels, the message for them) from the brief."
    )
    Input = PersonaInput
    Output = PersonaOutput

    def run(self, inp, ctx: AgentContext):
        from agents.library.creation import CHANNELS_BY_AGE

        brief = brief_parse(inp.brief)
        lang = brief.language
        band = age_band(brief.audience)
        occupation = next((JOBS[k][0 if lang == "en" else 1] for k in JOBS if k in (brief.audience or "")), None)
        decades = [int(d) * 10 for d in re.findall(r"([1-6])0", brief.audience or "")] or [AGES[band][0]]
        goals, pains = NEEDS[band][lang]
        names = ["김지은", "이민수", "박서연", "정우진"] if lang == "ko" else ["Jamie", "Alex", "Sam", "Taylor"]
        head = ctx.generate("headline", brief=inp.brief, count=inp.count).output["headlines"]
        personas = []
        for index in range(inp.count):
            decade = decades[index % len(decades)]
            personas.append(
                Persona(
                    name=names[index],
                    age=decade + 3 + 4 * index % 7,
                    occupation=occupation or ("직장인" if lang == "ko" else "professional"),
                    goals=goals + list(brief.features[index : index + 1]),
                    pains=pains,
                    channels=CHANNELS_BY_AGE[band][:3],
                    message=head[index % len(head)],
                )
            )
        return PersonaOutput(audience=brief.audience, personas=personas)


# --- localizer --------------------------------------------------------------------------------------

GLOSSARY = {
    "노이즈 캔슬링": "noise cancelling",
    "무선 이어폰": "wireless earbuds",
    "배터리": "battery",
    "방수": "waterproof",
    "고속 충전": "fast charging",
    "할인": "off",
    "무료 배송": "free shipping",
    "무료배송": "free shipping",
    "신제품": "new release",
    "직장인": "office workers",
    "대학생": "university students",
    "시간": "hours",
    "보습": "moisturizing",
    "미백": "brightening",
    "가벼운 텍스처": "lightweight texture",
}


def translate_term(term: str, target: str) -> tuple[str, bool]:
    pairs = GLOSSARY.items() if target == "en" else ((en, ko) for ko, en in GLOSSARY.items())
    out, hit = term, False
    if target == "en":  # numbers with Korean counters first, before the glossary's plain words
        out = re.sub(r"(\d+)\s*시간", r"\1-hour", out)
        out = re.sub(r"(\d+)0대", r"\g<1>0s", out)
    for source, dest in sorted(pairs, key=lambda p: -len(p[0])):
        if source.casefold() in out.casefold():
            out = re.sub(re.escape(source), dest, out, flags=re.IGNORECASE)
            hit = True
    return out.strip(), (hit or out != term) and not re.search("[가-힣]" if target == "en" else "[A-Za-z]{3,}", out)


class LocalizeInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    target_language: str = Field(pattern="^(ko|en)$")
    channel: str | None = None


class LocalizeOutput(BaseModel):
    source_language: str
    target_language: str
    product: str | None
    features: list[str]
    audience: str | None
    copy_: dict = Field(alias="copy")
    untranslated: list[str]
    method: str

    model_config = {"populate_by_name": True}


class LocalizerAgent(Agent):
    name = "localizer"
    description = (
        "Carries a campaign from Korean to English or back. With a model it translates; offline it "
        "transcreates: the brief's slots are carried over with a glossary and the copy is written anew "
        "from the target language's phrase bank (terms it cannot carry are listed, never guessed)."
    )
    Input = LocalizeInput
    Output = LocalizeOutput

    def run(self, inp, ctx: AgentContext):
        brief = brief_parse(inp.brief)
        target = inp.target_language
        untranslated = []

        def carry(term):
            if term is None or brief.language == target:
                return term
            out, ok = translate_term(term, target)
            if not ok:
                untranslated.append(term)
            return out

        # product names stay as they are, except generic Korean words in them (무선 이어폰 X1)
        product = carry(brief.product) if target == "en" else brief.product
        features = [carry(f) for f in brief.features]
        audience = carry(brief.audience)
        offer = carry(brief.offer)
        common = {
            "language": target,
            "channel": inp.channel or brief.channel,
            "product": product,
            "features": features,
            "audience": audience,
            "offer": offer,
            "price": brief.price,
            "category": brief.category,
        }
        if not product and not features:
            common["brief"] = inp.brief
        heads = ctx.generate("headline", **common, count=1).output
        body = ctx.generate("description", **common).output
        cta = ctx.generate("cta", **common).output
        copy = {
            "headline": heads["headlines"][0],
            "subheadline": heads["subheadline"],
            "body": body["description"],
            "cta": cta["ctas"][0],
        }
        method = (
            "model" if any(p != "offline" for p in ctx.providers) else "offline transcreation (glossary + phrase bank)"
        )
        return LocalizeOutput(
            source_language=brief.language,
            target_language=target,
            product=product,
            features=features,
            audience=audience,
            copy=copy,
            untranslated=untranslated,
            method=method,
        )


# --- A/B tester -------------------------------------------------------------------------------------


class Variant(BaseModel):
    id: str = Field(min_length=1, max_length=40)
    headline: str = Field(default="", max_length=300)
    body: str = Field(default="", max_length=3000)
    cta: str = Field(default="", max_length=60)


class Metric(BaseModel):
    variant: str
    impressions: int = Field(ge=0)
    conversions: int = Field(ge=0)

    @model_validator(mode="after")
    def _not_more_than_shown(self):
        if self.conversions > self.impressions:
            raise ValueError("conversions cannot exceed impressions")
        return self


class ABInput(AgentInput):
    brief: str | None = Field(default=None, max_length=settings.BRIEF_MAX_CHARS)
    channel: str | None = None
    variants: list[Variant] = Field(default_factory=list, max_length=10)
    metrics: list[Metric] = Field(default_factory=list)
    baseline_rate: float = Field(default=0.02, gt=0, lt=1)
    minimum_lift: float = Field(default=0.2, gt=0, le=5, description="Relative lift to detect, 0.2 = +20 %")
    alpha: float = Field(default=0.05, gt=0, lt=0.5)
    power: float = Field(default=0.8, gt=0.5, lt=1)

    @model_validator(mode="after")
    def _variants_or_brief(self):
        if not self.variants and not self.brief:
            raise ValueError("Give variants, or a brief to write them from.")
        return self


class VariantScore(BaseModel):
    id: str
    predicted_score: int
    reasons: list[str]


class ABResult(BaseModel):
    variant: str
    rate: float
    lift_vs_control: float | None
    p_value: float | None
    significant: bool


class ABOutput(BaseModel):
    variants: list[Variant]
    scores: list[VariantScore]
    sample_size_per_variant: int
    results: list[ABResult]
    winner: str | None
    method: str = "two-proportion z-test; sample size for the given lift, alpha and power"


def sample_size(p1: float, lift: float, alpha: float, power: float) -> int:
    """Per-variant sample size to detect p1 → p1·(1+lift), two-sided."""
    p2 = min(p1 * (1 + lift), 0.999)
    z_a, z_b = NormalDist().inv_cdf(1 - alpha / 2), NormalDist().inv_cdf(power)
    p_bar = (p1 + p2) / 2
    n = (z_a * math.sqrt(2 * p_bar * (1 - p_bar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (
        p2 - p1
    ) ** 2
    return math.ceil(n)


def z_test(c1: int, n1: int, c2: int, n2: int) -> float | None:
    if min(n1, n2) == 0:
        return None
    pooled = (c1 + c2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (c2 / n2 - c1 / n1) / se
    return 2 * (1 - NormalDist().cdf(abs(z)))


class ABTesterAgent(Agent):
    name = "ab_tester"
    description = (
        "Prepares and reads A/B tests: variants (written when not given), a predicted ranking, "
        "the sample size, significance."
    )
    Input = ABInput
    Output = ABOutput

    def run(self, inp, ctx: AgentContext):
        from generators.channels import rules_for

        variants = list(inp.variants)
        if not variants:
            ads = ctx.generate("ad_copy", brief=inp.brief, channel=inp.channel, variants=3).output["variants"]
            variants = [
                Variant(id=chr(65 + i), headline=a["headline"], body=a["primary_text"], cta=a["cta"])
                for i, a in enumerate(ads)
            ]
        rules = rules_for(inp.channel)
        scores = []
        for v in variants:
            score, reasons = 60, []
            if v.headline and len(v.headline) <= rules.headline_max:
                score += 10
                reasons.append("headline fits the channel")
            elif v.headline:
                score -= 10
                reasons.append("headline too long for the channel")
            if re.search(r"\d", v.headline + v.body):
                score += 8
                reasons.append("concrete numbers")
            if v.cta:
                score += 8
                reasons.append("has a call to action")
            if v.body and len(v.body) <= rules.body_max:
                score += 6
                reasons.append("body before the fold")
            if "?" in v.headline:
                score += 3
                reasons.append("question hook")
            scores.append(VariantScore(id=v.id, predicted_score=min(score, 100), reasons=reasons))
        results, winner = [], None
        by_id = {m.variant: m for m in inp.metrics}
        control = by_id.get(variants[0].id) if variants else None
        for v in variants:
            m = by_id.get(v.id)
            if m is None:
                continue
            rate = m.conversions / m.impressions if m.impressions else 0.0
            if control is None or m is control:
                results.append(ABResult(variant=v.id, rate=rate, lift_vs_control=None, p_value=None, significant=False))
                continue
            control_rate = control.conversions / control.impressions if control.impressions else 0.0
            p = z_test(control.conversions, control.impressions, m.conversions, m.impressions)
            lift = (rate - control_rate) / control_rate if control_rate else None
            results.append(
                ABResult(
                    variant=v.id,
                    rate=rate,
                    lift_vs_control=lift,
                    p_value=p,
                    significant=p is not None and p < inp.alpha,
                )
            )
        significant = [r for r in results if r.significant]
        if significant:
            best = max(significant, key=lambda r: r.rate)
            control_rate = next((r.rate for r in results if r.lift_vs_control is None), 0)
            winner = best.variant if best.rate > control_rate else (variants[0].id if variants else None)
        return ABOutput(
            variants=variants,
            scores=scores,
            sample_size_per_variant=sample_size(inp.baseline_rate, inp.minimum_lift, inp.alpha, inp.power),
            results=results,
            winner=winner,
        )
