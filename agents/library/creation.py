"""Creation agents: copywriter, strategist, designer, scene planner, editor and template."""

from __future__ import annotations

from django.conf import settings
from pydantic import BaseModel, Field

from agents import knowledge
from agents.base import Agent, AgentContext, AgentInput
from agents.knowledge import KnowledgeUse
from generators.channels import rules_for
from generators.text import clip_sentences
from sparklio.language.brief import brief_parse
from sparklio.language.korean import particle
from trends.selectors import relevant_trends, trend_top


class Copy(BaseModel):
    language: str
    headline: str
    subheadline: str = ""
    body: str = ""
    cta: str = ""
    hashtags: list[str] = Field(default_factory=list)


# --- copywriter ----------------------------------------------------------------------------------


class CopywriterInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    channel: str | None = None
    language: str | None = None
    variants: int = Field(default=3, ge=2, le=5)
    facts: dict | None = Field(default=None, description="The workflow's facts; they win over the brief's own reading")


def fact_fields(facts: dict | None) -> dict:
    """Generator input fields from a workflow's facts (only those it states)."""
    if not facts:
        return {}
    fields = {
        "product": (facts.get("product") or "")[:120] or None,
        "features": [f[:120] for f in facts.get("features") or []][:10],
        "offer": (facts.get("offer") or "")[:120] or None,
        "price": (facts.get("price") or "")[:60] or None,
        "audience": (facts.get("audience") or "")[:200] or None,
        "category": (facts.get("category") or "")[:40] or None,
        "tone": (facts.get("tone") or "")[:200] or None,
        "language": facts.get("language") if facts.get("language") in ("ko", "en") else None,
    }
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


class CopywriterOutput(BaseModel):
    copy_: Copy = Field(alias="copy")
    headlines: list[str]
    variants: list[dict]
    providers: list[str]
    knowledge: list[KnowledgeUse] = Field(
        default_factory=list, description="The passages of the brand's knowledge base the copy drew on"
    )
    knowledge_features: list[str] = Field(
        default_factory=list, description="Features the copy took from the knowledge base (the design shows them too)"
    )

    model_config = {"populate_by_name": True}


class CopywriterAgent(Agent):
    name = "copywriter"
    description = "Writes the copy of a design: headline options, subheadline, body, CTA, hashtags and ad variants."
    Input = CopywriterInput
    Output = CopywriterOutput

    def run(self, inp, ctx: AgentContext):
        from sparklio.language.brief import facts_from_brief

        common = {"brief": inp.brief, "channel": inp.channel, **fact_fields(inp.facts)}
        if inp.language:
            common["language"] = inp.language
        facts = inp.facts if inp.facts is not None else facts_from_brief(inp.brief).model_dump()
        hits = knowledge.passages(
            workspace_id=ctx.workspace_id,
            brand_id=knowledge.brand_id_of(ctx),
            query=knowledge.product_query(facts) or inp.brief,
            user_id=ctx.user_id,
        )
        features = list(facts.get("features") or [])
        # a brief with fewer than two features gets the product's measured facts from its sheet
        found = knowledge.claims(
            knowledge.about_product(hits, facts.get("product")), known=features, limit=max(0, 2 - len(features))
        )
        labels = [claim for claim in found if claim.label]
        used: list[KnowledgeUse] = [knowledge.use_of(claim.hit, claim.quote) for claim in labels]
        if labels:
            common["features"] = [f[:120] for f in features + [claim.text for claim in labels]][:10]
        if hits:
            common["knowledge"] = knowledge.prompt_passages(hits)
        # the design shows the offer in its badge: the subheadline says something else
        heads = ctx.generate("headline", **common, count=3, offer_shown=bool(facts.get("offer"))).output
        ctx.report(0.3, "headlines")
        body = ctx.generate("description", **common).output
        cta = ctx.generate("cta", **common).output
        ctx.report(0.6, "body and CTA")
        tags = ctx.generate("hashtag", **common).output
        ads = ctx.generate("ad_copy", **common, variants=inp.variants).output
        rules = rules_for(inp.channel)
        copy = Copy(
            language=heads["language"],
            # the first headline that fits the channel (a long one is laid out smaller, never cut)
            headline=next((h for h in heads["headlines"] if len(h) <= rules.headline_max), heads["headlines"][0]),
            subheadline=heads.get("subheadline", ""),
            body=clip_sentences(body["description"], rules.body_max),
            # a thumbnail has no button: the layout leaves the empty slot out; a deck's cover has
            # none either, but its closing slide asks for the next step
            cta=cta["ctas"][0] if rules.button or rules.closing_cta else "",
            hashtags=tags["hashtags"],
        )
        supporting = next((claim for claim in found if not claim.label), None)
        if supporting is not None and not labels and len(copy.body) + 1 + len(supporting.quote) <= rules.body_max:
            # a fact stated as a full sentence is quoted as it stands, as a supporting line
            copy.body = f"{copy.body} {supporting.quote}".strip()
            used.append(knowledge.use_of(supporting.hit, supporting.quote))
        if hits and any(provider != "offline" for provider in ctx.providers):
            # a model read the passages: each is cited by the sentence the copy shares most with
            written = " ".join([copy.headline, copy.subheadline, copy.body])
            used += [knowledge.use_of(hit, knowledge.best_sentence(hit, written)) for hit in hits]
        return CopywriterOutput(
            copy=copy,
            headlines=heads["headlines"],
            variants=ads["variants"],
            providers=ctx.providers,
            knowledge=knowledge.unique(used),
            knowledge_features=[claim.text for claim in labels],
        )


# --- strategist ----------------------------------------------------------------------------------

CHANNELS_BY_AGE = {
    "teen": ["instagram_story", "youtube_thumbnail"],
    "young": ["instagram_feed", "instagram_story", "youtube_thumbnail"],
    "middle": ["facebook_feed", "naver_blog", "kakao_feed"],
    "senior": ["kakao_feed", "naver_blog"],
}


def age_band(audience: str | None) -> str:
    text = audience or ""
    if any(k in text for k in ["10대", "teen", "Z세대", "Gen Z"]):
        return "teen"
    if any(k in text for k in ["20", "30", "2030", "MZ", "millennial", "직장인", "대학생", "office"]):
        return "young"
    if any(k in text for k in ["50", "60", "시니어", "senior", "retiree"]):
        return "senior"
    return "middle" if any(k in text for k in ["40", "부모", "parent", "주부"]) else "young"


class StrategistInput(AgentInput):
    brief: str = Field(min_length=1, max_length=20_000)
    channel: str | None = None


class Action(BaseModel):
    title: str
    channel: str | None
    agent: str
    rationale: str
    source: str = ""


class TrendUse(BaseModel):
    """A keyword trending in the workspace's feeds that the brief touches."""

    keyword: str
    mentions: int
    growth: float
    new: bool
    items: list[dict] = Field(default_factory=list, description="Its latest items: title, link, published, feed")


TREND_CANDIDATES = 30
TRENDS_USED = 5


def trend_note(rows: list[dict], *, ko: bool, relevant: bool) -> str:
    listed = ", ".join(
        f"{row['keyword']} ({row['mentions']}{'건' if ko else ''}, {'+' if row['growth'] >= 0 else ''}"
        f"{round(row['growth'] * 100)}%)"
        for row in rows
    )
    if relevant:
        return f"브리프와 관련된 현재 트렌드: {listed}" if ko else f"Current trends the brief touches: {listed}"
    return (
        f"현재 트렌드 (브리프와 직접 관련된 것은 없음): {listed}"
        if ko
        else f"Current trends (none touches the brief directly): {listed}"
    )


class StrategistOutput(BaseModel):
    language: str
    objective: str
    key_message: str
    audience_insight: str
    channels: list[str]
    content_pillars: list[str]
    actions: list[Action]
    knowledge: list[KnowledgeUse] = Field(
        default_factory=list, description="The passages of the brand's knowledge base the strategy drew on"
    )
    trends: list[TrendUse] = Field(
        default_factory=list, description="Keywords trending in the workspace's feeds that the brief touches"
    )


class StrategistAgent(Agent):
    name = "strategist"
    description = "Turns a brief (or meeting notes) into an objective, a key message, channels and concrete actions."
    Input = StrategistInput
    Output = StrategistOutput

    def run(self, inp, ctx: AgentContext):
        brief = brief_parse(inp.brief)
        ko = brief.language == "ko"
        product = brief.product or ctx.profile.name or ("신제품" if ko else "the product")
        if brief.offer:
            objective = "전환: 혜택으로 구매 유도" if ko else "Conversion: drive purchases with the offer"
        elif any(w in inp.brief for w in ["런칭", "출시", "신제품", "launch", "new"]):
            objective = "인지: 신제품 출시 알리기" if ko else "Awareness: announce the launch"
        else:
            objective = "관심: 제품 장점 알리기" if ko else "Consideration: show why it matters"
        hits = knowledge.about_product(
            knowledge.passages(
                workspace_id=ctx.workspace_id,
                brand_id=knowledge.brand_id_of(ctx),
                query=knowledge.product_query({"product": brief.product, "features": brief.features}) or inp.brief,
                user_id=ctx.user_id,
            ),
            brief.product,
        )
        extra = {"knowledge": knowledge.prompt_passages(hits)} if hits else {}
        head = ctx.generate("headline", brief=inp.brief, channel=inp.channel or brief.channel, count=1, **extra).output
        band = age_band(brief.audience)
        channels = [c for c in [inp.channel or brief.channel, *CHANNELS_BY_AGE[band]] if c]
        channels = list(dict.fromkeys(channels))[:4]
        features = brief.features or []
        pillars = features[:3] + [b for b in (brief.benefits or []) if b not in features][:2]
        # the product's measured facts from its sheet are pillars when the brief names few features
        found = knowledge.claims(hits, known=features, limit=max(0, 2 - len(features)))
        pillars += [claim.text for claim in found if claim.label and claim.text not in pillars]
        if not pillars:
            pillars = [product]
        audience = brief.audience or ("핵심 고객" if ko else "core customers")
        insight = (
            f"{audience}은(는) {', '.join(features[:2]) or product}에서 차이를 느낄 때 반응합니다."
            if ko
            else f"{audience} respond when they can feel the difference in {', '.join(features[:2]) or product}."
        )
        actions = []
        for channel in channels:
            actions.append(
                Action(
                    title=(
                        f"{product} {rules_for(channel).name} 광고 제작"
                        if ko
                        else f"{rules_for(channel).name} ad for {product}"
                    ),
                    channel=channel,
                    agent="copywriter",
                    rationale=(f"{audience}이(가) 자주 보는 채널" if ko else f"where {audience} spend time"),
                )
            )
        if brief.offer:
            actions.append(
                Action(
                    title=("혜택 A/B 테스트" if ko else "A/B test the offer"),
                    channel=channels[0] if channels else None,
                    agent="ab_tester",
                    rationale=brief.offer,
                )
            )
        if brief.format == "video" or any(w in inp.brief for w in ["영상", "video"]):
            actions.append(
                Action(
                    title=("숏폼 영상 스토리보드" if ko else "Short video storyboard"),
                    channel="instagram_story",
                    agent="scene_planner",
                    rationale=("영상 요청" if ko else "video requested"),
                )
            )
        ranked = trend_top(ctx.workspace_id, limit=TREND_CANDIDATES)
        relevant = relevant_trends(inp.brief, ranked, limit=TRENDS_USED)
        if relevant:
            ctx.notes.append(trend_note(relevant, ko=ko, relevant=True))
            actions.append(
                Action(
                    title=(
                        f"트렌드 '{relevant[0]['keyword']}'{particle(relevant[0]['keyword'], '와')} 연결한 콘텐츠"
                        if ko
                        else f"Content tied to the trend '{relevant[0]['keyword']}'"
                    ),
                    channel=channels[0] if channels else None,
                    agent="copywriter",
                    rationale=trend_note(relevant[:1], ko=ko, relevant=True),
                )
            )
        elif ranked:
            ctx.notes.append(trend_note(ranked[:3], ko=ko, relevant=False))
        return StrategistOutput(
            language=brief.language,
            objective=objective,
            key_message=head["headlines"][0],
            audience_insight=insight,
            channels=channels,
            content_pillars=pillars,
            actions=actions,
            knowledge=knowledge.unique([knowledge.use_of(claim.hit, claim.quote) for claim in found if claim.label]),
            trends=[TrendUse(**{key: row[key] for key in TrendUse.model_fields}) for row in relevant],
        )


# --- designer ------------------------------------------------------------------------------------


class DesignerInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    channel: str
    image: str | None = Field(default=None, description="A product picture already in storage")
    facts: dict | None = None
    assets: list[int] = Field(default_factory=list, description="Asset ids of product photos to place")


class DesignerOutput(BaseModel):
    template_id: int
    template_slug: str
    category: str
    product_image: str | None
    image_method: str
    asset: int | None = Field(default=None, description="The asset whose photo is the product picture")
    palette: dict[str, str]
    providers: list[str]


def template_category(brief) -> str:
    text = brief.text
    if brief.offer or brief.price and any(w in text for w in ["세일", "할인", "sale", "off"]):
        return "sale"
    if any(w in text for w in ["이벤트", "행사", "event"]):
        return "event"
    if any(w in text for w in ["후기", "리뷰", "review", "testimonial"]):
        return "testimonial"
    if any(w in text for w in ["공지", "안내", "announcement", "소식"]):
        return "announcement"
    return "product_launch"


class DesignerAgent(Agent):
    name = "designer"
    description = (
        "Chooses a template for the channel and brief, and makes the product picture "
        "(ComfyUI, or a product card offline)."
    )
    Input = DesignerInput
    Output = DesignerOutput

    def run(self, inp, ctx: AgentContext):
        from templates.campaign import CAMPAIGN_CATEGORY
        from templates.selectors import template_for_channel

        brief = brief_parse(inp.brief)
        category = template_category(brief)
        # a workflow's design carries every fact: the campaign layout has a place for each
        categories = [CAMPAIGN_CATEGORY, category] if inp.facts is not None else [category]
        chosen = template_for_channel(workspace_ids=[ctx.workspace_id], channel=inp.channel, categories=categories)
        if chosen is None:
            raise ValueError(f"channel: no template for channel {inp.channel!r}")
        ctx.report(0.2, f"template {chosen.slug}")
        picture, method, asset = inp.image, "given", None
        if picture is None:
            fields = {k: v for k, v in fact_fields(inp.facts).items() if k in ("product", "category", "features")}
            if inp.assets:
                fields["assets"] = inp.assets[:1]
            if inp.facts is not None:
                fields["details"] = False  # the campaign layout shows the features and the offer itself
            result = ctx.generate(
                "product_image", brief=inp.brief, channel=inp.channel, width=1024, height=1024, **fields
            )
            picture, method, asset = result.output["path"], result.output["method"], result.output.get("asset")
        from generators.base import GeneratorInput, Work
        from generators.context import channel_rules, resolve_slots
        from generators.image import colours_of

        work_inp = GeneratorInput(brief=inp.brief)
        slots = resolve_slots(work_inp, ctx.profile)
        palette = colours_of(Work(work_inp, slots, channel_rules(slots), ctx.gen_context()))
        return DesignerOutput(
            template_id=chosen.pk,
            template_slug=chosen.slug,
            category=chosen.category,
            product_image=picture,
            image_method=method,
            asset=asset,
            palette=palette,
            providers=ctx.providers or ["offline"],
        )


# --- scene planner -------------------------------------------------------------------------------


class ScenePlannerInput(AgentInput):
    brief: str = Field(min_length=1, max_length=settings.BRIEF_MAX_CHARS)
    channel: str | None = None
    duration: int | None = Field(default=None, ge=6, le=180)


class ScenePlannerOutput(BaseModel):
    storyboard: dict
    providers: list[str]


class ScenePlannerAgent(Agent):
    name = "scene_planner"
    description = "Plans a video as scenes: duration, shot, on-screen text and voice-over."
    Input = ScenePlannerInput
    Output = ScenePlannerOutput

    def run(self, inp, ctx: AgentContext):
        result = ctx.generate("storyboard", brief=inp.brief, channel=inp.channel, duration=inp.duration)
        return ScenePlannerOutput(storyboard=result.output, providers=ctx.providers)


# --- editor ----------------------------------------------------------------------------------------


class EditorInput(AgentInput):
    document: int
    command: str = Field(min_length=1, max_length=500)
    base_version: int | None = None


class EditorOutput(BaseModel):
    document: int
    version: int
    operations: list[dict]
    provider: str


class EditorAgent(Agent):
    name = "editor"
    description = "Changes a document from a natural-language command (the editor AI command), as a new version."
    Input = EditorInput
    Output = EditorOutput

    def run(self, inp, ctx: AgentContext):
        from documents.commands import dump_ops, run_command
        from documents.models import Document

        document = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id)
        result = run_command(
            document=document,
            user=None,
            command=inp.command,
            base_version=inp.base_version or document.version,
            brand=ctx.brand,
        )
        ctx.providers.append(result.provider)
        return EditorOutput(
            document=document.pk,
            version=result.document.version,
            operations=dump_ops(result.operations),
            provider=result.provider,
        )


# --- template ------------------------------------------------------------------------------------


class TemplateAgentInput(AgentInput):
    document: int
    name: str = Field(min_length=1, max_length=120)
    category: str = Field(default="custom", max_length=40)


class TemplateAgentOutput(BaseModel):
    template_id: int
    slug: str
    channel: str
    slots: list[str]


class TemplateAgent(Agent):
    name = "template"
    description = "Makes a reusable template of the workspace from a finished document (its texts become slots)."
    Input = TemplateAgentInput
    Output = TemplateAgentOutput

    def run(self, inp, ctx: AgentContext):
        import uuid

        from django.utils.text import slugify

        from documents.models import Document
        from sparklio.core.models import Workspace
        from templates.selectors import template_slots
        from templates.services import template_create

        document = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id)
        if not document.channel:
            raise ValueError("document: a template needs a document with a channel")
        skeleton = dict(document.content)
        skeleton.pop("brand", None)
        slug = f"{slugify(inp.name) or 'template'}-{uuid.uuid4().hex[:6]}"
        template = template_create(
            name=inp.name,
            slug=slug,
            channel=document.channel,
            category=inp.category,
            skeleton=skeleton,
            tags=["agent"],
            description=f"Made by the template agent from document {document.pk}.",
            workspace=Workspace.objects.get(pk=ctx.workspace_id),
        )
        return TemplateAgentOutput(
            template_id=template.pk,
            slug=template.slug,
            channel=template.channel,
            slots=[s["role"] for s in template_slots(template)],
        )
