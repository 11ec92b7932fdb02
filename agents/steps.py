"""The campaign workflow's steps, declared in one place: for each kind of step, its agent, what
it depends on, the input it gets and what the workflow keeps of its output.

A workflow makes one design per channel its brief names. Every channel has the same chain of
steps; the first channel's steps keep their plain ids (``copywriter``, ``assemble`` ...) and the
others are ``<kind>:<channel>`` (``assemble:instagram_story``), so the steps of all channels
run level by level side by side. Every step works from the workflow's ``facts``: the brief
parsed once, with the marketer's corrections.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from agents.base import AgentContext
from agents.models import AgentRun, RunStatus, Workflow
from agents.quality import LAYOUT_RULES
from agents.registry import get_agent
from generators.claims import claims
from templates.deck import DECK_CHANNELS, MOST_FEATURES

MAX_FIX_ROUNDS = 3
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
# what a channel's design has room for besides the product, headline, offer, price and call to
# action: (features shown, a subheadline, a body text); others show three features
DESIGN_ROOM = {
    "instagram_portrait": (4, True, False),
    "instagram_story": (4, True, False),
    "naver_blog": (4, True, True),
    "product_detail": (4, True, True),
    "poster": (4, True, False),
    "email_newsletter": (4, True, True),  # read as one column, like a detail page
    "presentation": (MOST_FEATURES, True, False),  # a deck: the features get slides of their own
    "web_banner": (2, False, False),  # 400 px high: two features and the offer row
}


class StepFailed(Exception):
    """A step cannot succeed (bad input, a refused workflow): no retry."""

    user_facing = True  # its message is written for the person who started the workflow


@dataclass
class Scope:
    """One step of one channel of a running workflow."""

    workflow: Workflow
    run: AgentRun
    ctx: AgentContext
    kind: str
    channel: str

    @property
    def channels(self) -> list[str]:
        return channels_of(self.workflow)

    def step(self, kind: str) -> str:
        return step_id(kind, self.channel, self.channels)

    def output(self, kind: str) -> dict:
        run = AgentRun.objects.filter(workflow=self.workflow, step=self.step(kind), status=RunStatus.SUCCEEDED).first()
        if run is None:
            raise StepFailed(f"step {self.step(kind)!r} has no output yet")
        return run.output

    @property
    def document_id(self) -> int | None:
        return document_of(self.workflow, self.channel)

    @property
    def facts(self) -> dict:
        return self.workflow.facts or {}


@dataclass(frozen=True)
class StepKind:
    kind: str
    agent: str
    purpose: str
    depends: tuple[str, ...] = ()
    inputs: Callable[[Scope], dict] | None = None
    runner: Callable[[Scope], dict] | None = None
    summary: Callable[[dict], dict] = field(
        default=lambda output: {k: v for k, v in output.items() if not k.startswith("_")}
    )
    first_channel_only: bool = False
    when: Callable[[dict], bool] = field(default=lambda plan: True)


# --- ids and channels ------------------------------------------------------------------------------


def channels_of(workflow: Workflow) -> list[str]:
    return list(workflow.plan.get("channels") or [workflow.channel])


def step_id(kind: str, channel: str, channels: list[str]) -> str:
    return kind if not channels or channel == channels[0] else f"{kind}:{channel}"


def parse_step(step: str, channels: list[str]) -> tuple[str, str]:
    kind, _, channel = step.partition(":")
    return kind, channel or (channels[0] if channels else "")


def document_of(workflow: Workflow, channel: str) -> int | None:
    channels = channels_of(workflow)
    documents = workflow.documents or []
    if channel in channels and channels.index(channel) < len(documents):
        return documents[channels.index(channel)]
    return workflow.document_id if channel == channels[0] else None


# --- inputs ----------------------------------------------------------------------------------------


def _copywriter(scope: Scope) -> dict:
    return {"brief": scope.workflow.brief, "channel": scope.channel, "facts": scope.facts}


def _designer(scope: Scope) -> dict:
    return {
        "brief": scope.workflow.brief,
        "channel": scope.channel,
        "facts": scope.facts,
        "assets": list(scope.workflow.assets or []),
    }


def _scene_planner(scope: Scope) -> dict:
    return {"brief": scope.workflow.brief, "channel": scope.channel}


def _vision(scope: Scope) -> dict:
    return {"document": scope.document_id}


def _reviewer(scope: Scope) -> dict:
    return {
        "copy": scope.output("copywriter")["copy"],
        "channel": scope.channel,
        "brief": scope.workflow.brief,
        "facts": scope.facts,
        "document": scope.document_id,
        "vision_findings": scope.output("vision_analyzer")["findings"],
    }


def _guardian(scope: Scope) -> dict:
    return {"copy": scope.output("copywriter")["copy"], "document": scope.document_id}


# --- the design ------------------------------------------------------------------------------------


def _bare_word(feature: str) -> bool:
    return len(feature.split()) == 1 and not any(c.isdigit() for c in feature) and len(feature) <= 4


def _lead_capital(text: str) -> str:
    """A badge or a bullet starts with a capital ("first box is 50% off" → "First box …"), unless
    its first word is written in its own case ("iPhone", "eBay") or is no plain word."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if re.fullmatch(r"[a-z][a-z'’-]*", first) else text


def design_texts(channel: str, copy: dict, facts: dict) -> dict[str, str]:
    """What the campaign layout of ``channel`` shows: the product as named, the headline, the
    features as bullets, the offer (with its deadline), the price and the call to action; a
    deck (``templates.deck``) also the contact its closing slide gives."""
    most_features, subheadline, body = DESIGN_ROOM.get(channel, (3, False, False))
    deck = channel in DECK_CHANNELS
    # a bare word ("슬랙", "무선") says less than a claim ("구글·아웃룩 캘린더 연동", "흡입력 25000Pa"):
    # when room is short the claims go first, in the brief's order
    # the brief talking about itself ("just announcing restock") is no feature to show
    features = sorted((f for f in claims(facts.get("features")) if f), key=_bare_word)[:most_features]
    if deck:
        # an address or a number to call is the closing slide's contact, not a feature card
        features = [feature for feature in features if not _is_contact(feature)]
    offer = facts.get("offer") or ""
    if offer and facts.get("deadline") and facts["deadline"] not in offer:
        offer = f"{offer} · {facts['deadline']}"
    shown_sub = (copy.get("subheadline") or "").casefold() if subheadline else ""
    if shown_sub and facts.get("offer") and facts["offer"].casefold() in shown_sub:
        shown_sub = ""  # the badge shows the offer: a subheadline saying it again is left out
        subheadline = False
    subtitle = (copy.get("subheadline") or "") if subheadline else ""
    if deck and shown_sub:
        # the cover's subtitle keeps what the feature cards do not say: each thing once a deck
        carded = {feature.casefold() for feature in features}
        parts = re.split(r"\s+·\s+", subtitle)
        # and an address is the closing slide's
        subtitle = " · ".join(part for part in parts if part.casefold() not in carded and not _is_contact(part))
    if not deck and shown_sub and features and all(feature.casefold() in shown_sub for feature in features):
        features = []  # a cover's subtitle already says them: no bullets saying them again
    features = [_lead_capital(feature) for feature in features]
    offer = _lead_capital(offer)
    texts = {
        "product_name": facts.get("product") or "",
        "headline": copy.get("headline") or "",
        "subheadline": subtitle,
        "feature_bullet": "\n".join(f"• {feature}" for feature in features),
        "body": (copy.get("body") or "") if body else "",
        "discount_badge": offer,
        "price": _price_beside(facts.get("price") or "", offer, facts.get("language")),
        "cta_button": copy.get("cta") or "",
        "contact": (facts.get("contact") or "") if deck else "",
    }
    if texts["product_name"].strip() and texts["product_name"].strip().casefold() in texts["headline"].casefold():
        texts["product_name"] = ""  # the headline already names it, whole
    # no font the renderer has draws emoji: they would print as empty boxes
    texts = {role: _EMOJI.sub("", value) for role, value in texts.items()}
    return {role: value.strip() for role, value in texts.items() if value and value.strip()}


_REGULAR_WORD = re.compile(r"정가|정상가|원래|regular(?:\s+price)?|reg\.|normally|list\s+price", re.IGNORECASE)


def _price_beside(price: str, offer: str, language: str | None) -> str:
    """The price as the design shows it. When the offer states a price of its own ("Early-bird
    price $49") a bare "$89" beside it would read as the price to pay, so it says it is the
    regular one ("Regular $89", "정가 89,000원"). With no sale price beside it ("Free shipping on
    orders over $40", "3만원 이상 무료배송", no offer at all) "Regular $18" would claim a sale
    that does not exist: the price is shown plainly, a "regular" of the brief's own dropped."""
    from generators.text import AMOUNT, offer_price

    own = offer_price(offer)
    amounts = [re.sub(r"\D", "", m.group(0)) for m in AMOUNT.finditer(price)]
    if not price:
        return price
    if not own:
        if len(amounts) == 1 and _REGULAR_WORD.search(price):
            plain = _REGULAR_WORD.sub("", price).strip(" :()-")
            return plain if AMOUNT.search(plain) else price
        return price
    if re.sub(r"\D", "", own) in amounts[:1] or (not amounts and re.sub(r"\D", "", own) == re.sub(r"\D", "", price)):
        return price  # the offer's own price
    if _REGULAR_WORD.search(price) or len(amounts) > 1:
        return price  # "24,900원 (정가 32,000원)": it says which is which already
    return f"정가 {price}" if language == "ko" else f"Regular {price}"


def design_facts(scope: Scope) -> dict:
    """The facts the design shows: the workflow's, with the features the copywriter took from
    the brand's knowledge base (a brief with fewer than two) after the brief's own."""
    facts = dict(scope.facts)
    features = list(facts.get("features") or [])
    extra = scope.output("copywriter").get("knowledge_features") or []
    facts["features"] = features + [feature for feature in extra if feature not in features]
    if scope.channel in DECK_CHANNELS and (contact := contact_of(scope.workflow.brief)):
        facts["contact"] = contact
    return facts


_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:https?://|www\.)[^\s,()<>\"'“”]+|(?<![@\w.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ai|app|co|kr|dev)(?:/[^\s,()<>]*)?(?![\w.])"
_PHONE = r"(?<![\d.,])(?:\+\d{1,3}[ -]?)?(?:\(?0?\d{1,3}\)?[ .-])?\d{3,4}[ .-]\d{4}(?!\d|,\d)"
_CONTACT = re.compile(rf"{_EMAIL}|{_URL}|{_PHONE}", re.IGNORECASE)


def _is_contact(text: str) -> bool:
    """An address or a number ("문의 hello@greenroof.kr", "call 02-555-0100"), whole or cut."""
    return "@" in text or bool(contact_of(text))


def contact_of(brief: str) -> str:
    """The e-mail addresses, web addresses and phone numbers the brief gives, as the closing
    slide of a deck shows them ("hello@greenroof.kr · 02-555-0100"); none are made up."""
    found: list[str] = []
    for match in _CONTACT.finditer(brief or ""):
        value = match.group(0).rstrip(".,;:!?)'\"”")
        if not any(c.isalpha() for c in value) and (
            sum(c.isdigit() for c in value) < 7 or re.fullmatch(r"(?:19|20)\d\d[ .-](?:19|20)\d\d", value)
        ):
            continue  # "2024.12", "10-20" or "2024-2025" is no phone number
        if value and value.casefold() not in {f.casefold() for f in found}:
            found.append(value)
    return " · ".join(found[:3])


def wordmark_in_place_of_logo(skeleton: dict, name: str) -> bool:
    """The skeleton's logo slot as the brand's name in text (a wordmark): as tall as the logo's
    box, as wide as the widest text of the page allows, in the headline's font. False when the
    layout has no logo slot."""
    for page in skeleton.get("pages", []):
        objects = page.get("objects", [])
        for index, obj in enumerate(objects):
            if obj.get("role") != "logo" or obj.get("type") != "image":
                continue
            texts = [o for o in objects if o.get("type") == "text"]
            headline = next((o for o in texts if o.get("role") == "headline"), texts[0] if texts else None)
            family = headline["style"]["font_family"] if headline else "Noto Sans KR"
            width = max([obj["width"]] + [o["width"] for o in texts if abs(o["x"] - obj["x"]) < 2])
            objects[index] = {
                "id": "wordmark",
                "type": "text",
                "role": "brand_name",
                "name": "brand_name",
                "x": obj["x"],
                "y": obj["y"],
                "width": width,
                "height": obj["height"],
                "text": name,
                "style": {
                    "font_family": family,
                    "font_size": max(14, round(obj["height"] * 0.5)),
                    "font_weight": 700,
                    "color": "#111111",
                    "align": "left",
                    "vertical_align": "middle",
                    "line_height": 1.15,
                    "shrink_to_fit": True,
                },
                "z_index": obj.get("z_index", 0),
            }
            skeleton["metadata"].setdefault("palette", {})["wordmark"] = {"color": "text"}
            return True
    return False


def compose_document(scope: Scope, texts: dict[str, str], picture: str | None, *, factor: float = 1.0):
    """The design of ``texts`` in the designer's template and the brand's colours (not saved)."""
    from documents.schema import Provenance
    from templates.campaign import compose
    from templates.deck import compose_deck
    from templates.models import Template
    from templates.services import template_fill

    designer = scope.output("designer")
    template = Template.objects.get(pk=designer["template_id"])
    workflow = scope.workflow
    brand = workflow.brand
    logo = brand is not None and brand.logos.exists()
    deck = scope.channel in DECK_CHANNELS
    language = scope.facts.get("language") or "ko"
    # a brand without a logo is still named on every design: its name, set small where the logo
    # goes (a deck names the brand on its cover and closing slide already)
    wordmark = brand.name.strip() if brand is not None and not logo and brand.name.strip() and not deck else ""
    options = {"logo": logo or bool(wordmark), "picture": bool(picture), "language": language, "factor": factor}
    if deck:
        # a deck's slides hold their texts already (a role such as a feature is on several
        # slides, each with its own words): only the picture and the logo are filled in
        skeleton = compose_deck(scope.channel, texts, **options)
        content = {}
    else:
        skeleton = compose(scope.channel, texts, **options)
        # a text the layout had to leave out (no room at a readable size) is not a slot to fill
        shown = set(skeleton["metadata"]["campaign"]["roles"])
        content = {role: value for role, value in texts.items() if role in shown}
        for obj in skeleton["pages"][0]["objects"] if skeleton.get("pages") else []:
            # the layout's even line breaks of a headline or a badge (``campaign.balanced``) are kept
            said = content.get(obj.get("role"))
            if obj.get("type") == "text" and said and "".join(obj.get("text", "").split()) == "".join(said.split()):
                content[obj["role"]] = obj["text"]
    if wordmark and wordmark_in_place_of_logo(skeleton, wordmark):
        content["brand_name"] = wordmark
    if picture:
        content["product_image"] = picture
    document = template_fill(
        template=template,
        workspace=workflow.workspace,
        content=content,
        brand=brand,
        skeleton=skeleton,
        provenance=Provenance(source="agent", agent="designer", run_id=scope.run.pk, template_id=template.pk),
        drop_unfilled_text=not deck,
    )
    document.metadata["facts"] = scope.facts
    document.metadata["workflow"] = workflow.pk
    document.metadata["brief"] = workflow.brief[:500]
    document.metadata["campaign"]["factor"] = factor
    document.title = (texts.get("headline") or texts.get("product_name") or "Campaign")[:200]
    return document


def _assemble(scope: Scope) -> dict:
    """The channel's document, once: created and recorded on the workflow in one transaction."""
    from documents.models import VersionSource
    from documents.services import document_create

    with transaction.atomic():
        workflow = (
            Workflow.objects.select_for_update(of=("self",))
            .select_related("brand", "workspace")
            .get(pk=scope.workflow.pk)
        )
        scope.workflow = workflow
        existing = document_of(workflow, scope.channel)
        if existing is not None:
            return {"document": existing, "reused": True}
        copy = scope.output("copywriter")["copy"]
        designer = scope.output("designer")
        texts = design_texts(scope.channel, copy, design_facts(scope))
        document = compose_document(scope, texts, designer.get("product_image"))
        saved = document_create(
            workspace=workflow.workspace,
            user=workflow.created_by,
            content=document.model_dump(mode="json"),
            title=document.title,
            brand=workflow.brand,
            source=VersionSource.AGENT,
        )
        channels = channels_of(workflow)
        documents = list(workflow.documents or []) + [None] * (len(channels) - len(workflow.documents or []))
        documents[channels.index(scope.channel)] = saved.pk
        workflow.documents = documents
        fields = ["documents"]
        if scope.channel == channels[0]:
            workflow.document = saved
            fields.append("document")
        workflow.save(update_fields=fields)
    return {"document": saved.pk, "template": designer["template_slug"], "filled": sorted(texts)}


# --- review and fixes ------------------------------------------------------------------------------

COPY_RULES = {"length", "banned_word", "required_word", "cta", "headline", "particle"}
MISSING_RULES = {"product", "features", "offer"}


def _run_agent(name: str, data: dict, ctx: AgentContext) -> dict:
    agent = get_agent(name)
    return agent.run(agent.Input.model_validate(data), ctx).model_dump(mode="json", by_alias=True)


def _optimize(scope: Scope) -> dict:
    """Fix what review found, as new versions of the document, and measure and score again, for
    at most ``MAX_FIX_ROUNDS`` rounds (or until nothing left can be fixed)."""
    from agents.library.fixes import fix_layout
    from documents.models import Document, VersionSource
    from documents.services import document_update

    copy = scope.output("copywriter")["copy"]
    review = scope.output("reviewer")
    guard = scope.output("brand_guardian")
    vision = scope.output("vision_analyzer")
    designer = scope.output("designer")
    first_changes: list[str] = []
    rounds: list[dict] = []
    version = None
    factor = 1.0
    for number in range(1, MAX_FIX_ROUNDS + 1):
        findings = review["findings"] + guard["findings"]
        actionable = [f for f in findings + vision["findings"] if f["severity"] in ("error", "warning")]
        if not actionable:
            break
        optimizer = _run_agent(
            "optimizer",
            {"copy": copy, "channel": scope.channel, "findings": findings, "product": scope.facts.get("product")},
            scope.ctx,
        )
        new_copy, changes = optimizer["copy"], list(optimizer["changes"])
        if number == 1:
            first_changes = list(changes)
        rules = {f["rule"] for f in actionable}
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=scope.document_id)
            content = document.content
            if document.content.get("metadata", {}).get("campaign") and (
                changes or rules & (MISSING_RULES | LAYOUT_RULES)
            ):
                # a composed design is laid out again for the fixed copy (smaller when it did
                # not fit), which restores what went missing and keeps every box apart
                if rules & LAYOUT_RULES:
                    factor = round(factor * 0.88, 3)
                texts = design_texts(scope.channel, new_copy, design_facts(scope))
                picture = designer.get("product_image")
                content = compose_document(scope, texts, picture, factor=factor).model_dump(mode="json")
                content["brand"] = document.content.get("brand")
                why = ", ".join(sorted(rules & (MISSING_RULES | LAYOUT_RULES))) or "copy"
                changes.append(f"Laid the design out again ({why}).")
            else:
                from agents.services import replace_copy

                content = replace_copy(content, new_copy, old=copy)
                content, layout_changes = fix_layout(
                    content,
                    [f for f in vision["findings"] if f["rule"] in LAYOUT_RULES],
                    readable={
                        oid: f["data"]["background"]
                        for f in vision["findings"]
                        if f["rule"] == "text_contrast" and f.get("data", {}).get("background")
                        for oid in f.get("objects", [])[:1]
                    },
                )
                changes += layout_changes
            if content == document.content or not changes:
                break
            document = document_update(
                document=document,
                user=None,
                content=content,
                base_version=document.version,
                source=VersionSource.AGENT,
                summary=f"optimizer round {number}: " + "; ".join(changes)[:260],
            )
            version = document.version
        copy = new_copy
        scope.ctx.report(min(0.95, 0.3 + 0.2 * number), f"round {number}: measuring again")
        vision = _run_agent("vision_analyzer", {"document": scope.document_id}, scope.ctx)
        review = _run_agent(
            "reviewer",
            {**_reviewer(scope), "copy": copy, "vision_findings": vision["findings"]},
            scope.ctx,
        )
        guard = _run_agent("brand_guardian", {"copy": copy, "document": scope.document_id}, scope.ctx)
        rounds.append(
            {
                "round": number,
                "changes": changes,
                "document_version": version,
                "scores": {"review": review["score"], "brand": guard["score"], "vision": vision["score"]},
                "findings_left": len([f for f in review["findings"] + guard["findings"] if f["severity"] != "info"]),
            }
        )
    return {
        "copy": copy,
        "changes": first_changes if not rounds else [c for r in rounds for c in r["changes"]],
        "rounds": rounds,
        "document_version": version,
        "review_after": review if rounds else None,
        "brand_after": guard if rounds else None,
        "vision_after": vision if rounds else None,
    }


# --- summaries -------------------------------------------------------------------------------------


def _copy_summary(output: dict) -> dict:
    return {"copy": output["copy"], "headlines": output["headlines"]}


def _designer_summary(output: dict) -> dict:
    return {key: output.get(key) for key in ("template_slug", "product_image", "image_method", "palette", "asset")}


def _review_summary(output: dict) -> dict:
    return {"score": output["score"], "findings": output["findings"]}


def _optimizer_summary(output: dict) -> dict:
    return {
        "copy": output["copy"],
        "changes": output["changes"],
        "rounds": output.get("rounds", []),
        "document_version": output.get("document_version"),
    }


KINDS: dict[str, StepKind] = {
    kind.kind: kind
    for kind in [
        StepKind(
            "copywriter", "copywriter", "headline, body, CTA, hashtags", inputs=_copywriter, summary=_copy_summary
        ),
        StepKind("designer", "designer", "template and product picture", inputs=_designer, summary=_designer_summary),
        StepKind(
            "scene_planner",
            "scene_planner",
            "storyboard",
            inputs=_scene_planner,
            first_channel_only=True,
            when=lambda plan: plan.get("format") == "video",
        ),
        StepKind("assemble", "pm", "the design document", depends=("copywriter", "designer"), runner=_assemble),
        StepKind(
            "vision_analyzer",
            "vision_analyzer",
            "measure the rendered design",
            depends=("assemble",),
            inputs=_vision,
            summary=_review_summary,
        ),
        StepKind(
            "reviewer",
            "reviewer",
            "the brief's facts, channel rules",
            depends=("vision_analyzer",),
            inputs=_reviewer,
            summary=_review_summary,
        ),
        StepKind(
            "brand_guardian",
            "brand_guardian",
            "brand kit",
            depends=("assemble",),
            inputs=_guardian,
            summary=_review_summary,
        ),
        StepKind(
            "optimizer",
            "optimizer",
            "fix what was found, measure and score again",
            depends=("reviewer", "brand_guardian"),
            runner=_optimize,
            summary=_optimizer_summary,
        ),
    ]
}


def plan_steps(channels: list[str], *, video: bool) -> list[dict[str, Any]]:
    """Every step of every channel, with its dependencies (the PM's plan)."""
    steps = []
    for channel in channels:
        for kind in KINDS.values():
            if kind.first_channel_only and channel != channels[0]:
                continue
            if not kind.when({"format": "video" if video else None}):
                continue
            steps.append(
                {
                    "id": step_id(kind.kind, channel, channels),
                    "agent": kind.agent,
                    "channel": channel,
                    "depends_on": [step_id(dep, channel, channels) for dep in kind.depends],
                    "purpose": kind.purpose,
                }
            )
    return steps


def run_step(workflow: Workflow, run: AgentRun, ctx: AgentContext) -> dict:
    channels = channels_of(workflow)
    kind_name, channel = parse_step(run.step, channels)
    kind = KINDS.get(kind_name)
    if kind is None:
        raise StepFailed(f"no step kind {kind_name!r}")
    scope = Scope(workflow=workflow, run=run, ctx=ctx, kind=kind_name, channel=channel)
    if kind.runner is not None:
        return kind.runner(scope)
    data = kind.inputs(scope)
    AgentRun.objects.filter(pk=run.pk).update(input=data)
    return _run_agent(kind.agent, data, ctx)


def summary_of(step: str, output: dict) -> dict:
    kind = KINDS.get(step.partition(":")[0])
    return kind.summary(output) if kind else {k: v for k, v in output.items() if not k.startswith("_")}
