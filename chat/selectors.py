"""Reads of Spark Chat beyond one line: what a session knows about the product that a request
for copy is about."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from brands.models import BrandKit
from chat.intents import (
    DEICTIC,
    KINDS,
    MORE,
    CopyRequest,
    Count,
    _counts,
    _rest,
    _without,
    copy_request,
    is_kind_name,
    request_rest,
)
from chat.models import ChatMessage, ChatSession, MessageRole
from documents.models import Document
from learning.targets import MessageTarget
from sparklio.language import detect_language
from sparklio.language.brief import Brief, brief_parse, detect_channel

# how far back a session is searched for the product (the newest mention wins)
FACTS_LOOKBACK = 50
# user messages answered as these were about something else than a product
NOT_ABOUT_A_PRODUCT = {"edit_document", "brand_question", "analyze_meeting"}
# what a message may add to the product the session already knows ("20% 할인 강조해서 헤드라인 5개")
OVERLAID = ("offer", "price", "audience", "tone")
BRIEF_FIELDS = ("product", "features", "benefits", "offer", "price", "audience", "category", "channel", "tone")


@dataclass
class ProductFacts:
    """What copy is written about, as the generators' structured fields, and where it was read."""

    product: str
    features: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    offer: str | None = None
    price: str | None = None
    audience: str | None = None
    category: str | None = None
    channel: str | None = None
    tone: str | None = None
    language: str | None = None
    source: str = ""  # message, workflow, earlier_message, document or brand
    source_id: int | None = None
    source_name: str = ""

    @classmethod
    def of(cls, values: Brief | dict, *, source: str, source_id: int | None = None) -> ProductFacts | None:
        """Facts from a parsed brief (or a dict of its fields); None when it names no product."""
        data = values.model_dump() if isinstance(values, Brief) else values
        product = (data.get("product") or "").strip()
        if not is_product(product):
            return None
        return cls(
            product=product,
            features=[str(f) for f in data.get("features") or [] if f],
            benefits=[str(b) for b in data.get("benefits") or [] if b],
            **{name: data.get(name) or None for name in ("offer", "price", "audience", "category", "channel", "tone")},
            language=data.get("language") or None,
            source=source,
            source_id=source_id,
        )

    def as_dict(self) -> dict:
        return asdict(self)


def is_product(name: str) -> bool:
    """Whether a parsed "product" names one: not a kind of copy ("make the CTA bigger"), not
    a reference back ("이 제품"), not a stray syllable."""
    name = name.strip()
    if len(name) < 2 or re.search(r"\w", name) is None:
        return False
    return not is_kind_name(name) and DEICTIC.fullmatch(name) is None


def names_a_product(text: str) -> bool:
    """Whether a message, its request words aside, names a product."""
    rest = request_rest(text)
    return bool(rest) and ProductFacts.of(brief_parse(rest), source="message") is not None


def product_facts(*, session: ChatSession, message: ChatMessage, document_id: int | None = None) -> ProductFacts | None:
    """What a request for copy is about, in this order: the product the message names (with
    what the session knows of it when it names it again); else the session's newest mention of
    one, walking back from the message (a workflow it started, a document it touched, the facts
    an earlier answer wrote from, a user message that described one), then the document open
    now; else the session's brand. What the message adds (an offer, a price, an audience, a
    tone) is laid over a product found elsewhere. None when nothing names a product."""
    rest = request_rest(message.content)
    own = brief_parse(rest) if rest else None
    named = _message_facts(message, own, source="message")
    context = _session_facts(session, before=message.pk, document_id=document_id) or _brand_facts(session.brand)
    if named is not None:
        if context is not None and _same_product(named.product, context.product):
            return _enriched(context, named)
        return named
    if context is not None and own is not None:
        for name in OVERLAID:
            if getattr(own, name):
                setattr(context, name, getattr(own, name))
    return context


def _same_product(a: str, b: str) -> bool:
    """One name holds the other as whole words: "X1" and "무선 이어폰 X1", not "X1" and "X10"."""
    a, b = a.casefold().strip(), b.casefold().strip()
    short, long = sorted((a, b), key=len)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def _enriched(context: ProductFacts, named: ProductFacts) -> ProductFacts:
    """The session's facts on a product the message names again (perhaps shorter: "X1")."""
    merged = ProductFacts(**context.as_dict())
    for name in BRIEF_FIELDS:
        value = getattr(named, name)
        if value and name != "product":
            setattr(merged, name, value)
    merged.product = context.product if len(context.product) >= len(named.product) else named.product
    merged.source, merged.source_id, merged.source_name = "message", named.source_id, ""
    return merged


def _session_facts(session: ChatSession, *, before: int, document_id: int | None) -> ProductFacts | None:
    messages = (
        session.messages.filter(pk__lt=before)
        .order_by("-id")
        .prefetch_related("workflows", "documents")[:FACTS_LOOKBACK]
    )
    answered_as = None  # the intent of the answer to the user message met next (walking back)
    for message in messages:
        if message.role == MessageRole.ASSISTANT:
            answered_as = message.intent
            for workflow in sorted(message.workflows.all(), key=lambda w: -w.pk):
                if facts := _workflow_facts(workflow):
                    return facts
            for document in sorted(message.documents.all(), key=lambda d: -d.pk):
                if facts := _document_facts(document):
                    return facts
            if facts := _kept_facts(message):
                return facts
        elif message.role == MessageRole.USER:
            rest = request_rest(message.content) if answered_as not in NOT_ABOUT_A_PRODUCT else ""
            if rest and (facts := _message_facts(message, brief_parse(rest), source="earlier_message")):
                return facts
            answered_as = None
    if document_id is not None:
        document = Document.objects.filter(pk=document_id, workspace_id=session.workspace_id).first()
        if document is not None:
            return _document_facts(document)
    return None


def _message_facts(message: ChatMessage, parsed: Brief | None, *, source: str) -> ProductFacts | None:
    """Facts a user message gives, in the language of the whole message (what is left of a
    request may be only an English product name in a Korean sentence)."""
    facts = ProductFacts.of(parsed, source=source, source_id=message.pk) if parsed is not None else None
    if facts is not None:
        facts.language = detect_language(message.content)
    return facts


def _kept_facts(message: ChatMessage) -> ProductFacts | None:
    """The facts an earlier answer wrote its copy from (read once, kept with the answer); the
    brand's are read afresh instead, since the session's brand may have changed."""
    kept = (message.generated or {}).get("facts") if isinstance(message.generated, dict) else None
    if not isinstance(kept, dict) or kept.get("source") in (None, "brand"):
        return None
    source = "earlier_message" if kept["source"] == "message" else kept["source"]
    facts = ProductFacts.of(kept, source=source, source_id=kept.get("source_id"))
    if facts is not None:
        facts.language = kept.get("language") or None
        facts.source_name = kept.get("source_name") or ""
    return facts


def _workflow_facts(workflow) -> ProductFacts | None:
    """A workflow's facts as it kept them, else its brief read again."""
    kept = workflow.facts
    if isinstance(kept, dict) and kept.get("product"):
        facts = ProductFacts.of(kept, source="workflow", source_id=workflow.pk)
    else:
        facts = ProductFacts.of(brief_parse(workflow.brief), source="workflow", source_id=workflow.pk)
    if facts is not None:
        facts.channel = facts.channel or workflow.channel or None
        facts.language = facts.language or workflow.language or None
    return facts


def _document_facts(document: Document) -> ProductFacts | None:
    """A document's product: the brief it was made from, else its product texts."""
    content = document.content if isinstance(document.content, dict) else {}
    kept = (content.get("metadata") or {}).get("facts")
    if isinstance(kept, dict) and (facts := ProductFacts.of(kept, source="document", source_id=document.pk)):
        facts.source_name = document.title
        return facts  # a workflow's design keeps the facts it was made from
    brief = (content.get("metadata") or {}).get("brief")
    if isinstance(brief, str) and brief.strip():
        facts = ProductFacts.of(brief_parse(brief), source="document", source_id=document.pk)
        if facts is not None:
            facts.source_name = document.title
            return facts
    texts: dict[str, str] = {}

    def walk(objects):
        for obj in objects:
            if obj.get("type") == "group":
                walk(obj.get("children", []))
            elif obj.get("type") == "text" and obj.get("role") and obj.get("text"):
                texts.setdefault(obj["role"], obj["text"])

    for page in content.get("pages", []):
        walk(page.get("objects", []))
    bullets = [line.strip(" •-·") for line in texts.get("feature_bullet", "").splitlines()]
    facts = ProductFacts.of(
        {
            "product": texts.get("product_name"),
            "features": [b for b in bullets if b],
            "price": texts.get("price"),
            "offer": texts.get("discount_badge") or texts.get("badge"),
            "channel": document.channel,
        },
        source="document",
        source_id=document.pk,
    )
    if facts is not None:
        facts.source_name = document.title
    return facts


def _brand_facts(brand: BrandKit | None) -> ProductFacts | None:
    """The brand as the product: its name, and what its description says."""
    if brand is None or not brand.name.strip():
        return None
    described = brief_parse(brand.description) if brand.description.strip() else None
    facts = ProductFacts(
        product=brand.name.strip(),
        features=list(described.features) if described else [],
        benefits=list(described.benefits) if described else [],
        category=described.category if described else None,
        audience=brand.target_audience.strip() or (described.audience if described else None),
        language=brand.language,
        source="brand",
        source_id=brand.pk,
        source_name=brand.name,
    )
    return facts


def copy_given(*, session: ChatSession, kind: str, product: str, before: int) -> list[str]:
    """The items of one kind of copy about ``product`` that the session's answers gave before
    message ``before``, oldest first: what "4개 더", "4 more" must not give again."""
    given: list[str] = []
    answers = (
        session.messages.filter(pk__lt=before, role=MessageRole.ASSISTANT)
        .order_by("id")
        .values_list("generated", flat=True)
    )
    for generated in answers:
        if not isinstance(generated, dict) or generated.get("kind") != "copy" or generated.get("copy_kind") != kind:
            continue
        about = (generated.get("facts") or {}).get("product") or ""
        if about and _same_product(about, product):
            given += [item for item in generated.get("items") or [] if isinstance(item, str)]
    return given


def described_product(*, session: ChatSession, message: ChatMessage) -> ProductFacts | None:
    """The product a message describes ("새로 나온 '루미 쿠션' 파운데이션이에요…"), with what the
    session already knows of it when it names one it knew; None when it names no product or
    says nothing of it beyond its name (a greeting, "고마워요")."""
    rest = request_rest(message.content)
    if not rest:
        return None
    parsed = brief_parse(rest)
    named = _message_facts(message, parsed, source="message")
    if named is None:
        return None
    quoted = re.search(r"['‘’\"“”「『]([^'‘’\"“”」』]{2,60})['‘’\"“”」』]", message.content) is not None
    told = [named.features, named.benefits, named.offer, named.price, named.audience, named.category]
    if not quoted and not any(told):
        return None
    context = _session_facts(session, before=message.pk, document_id=None)
    if context is not None and _same_product(named.product, context.product):
        return _enriched(context, named)
    return named


def copy_question_open(*, session: ChatSession, before: int) -> dict | None:
    """The question about the product that the answer before message ``before`` asked, if it did."""
    last = (
        session.messages.filter(pk__lt=before, role=MessageRole.ASSISTANT)
        .order_by("-id")
        .values_list("generated", flat=True)
        .first()
    )
    if isinstance(last, dict) and last.get("kind") == "question" and last.get("asks") == "product":
        return last
    return None


def copy_request_pending(*, session: ChatSession, message: ChatMessage) -> CopyRequest | None:
    """The request for copy still waiting for its product, answered by ``message``."""
    question = copy_question_open(session=session, before=message.pk)
    if question is None:
        return None
    kind = question.get("copy_kind")
    return CopyRequest(
        kind=kind if kind in KINDS else None,
        count=question.get("requested"),
        asked=True,
        language=question.get("language"),
        channel=question.get("channel") or detect_channel(message.content)[0],
        rest=request_rest(message.content),
        span=(0, 0),
    )


def feedback_message_target(message_id: int, workspace_ids) -> MessageTarget | None:
    """A message of the given workspaces as learning needs it for feedback (its text and its
    session's brand); None when the id names no message there. Registered in chat/apps.py."""
    found = (
        ChatMessage.objects.filter(pk=message_id, workspace_id__in=list(workspace_ids))
        .values_list("workspace_id", "session__brand_id", "content", "role")
        .first()
    )
    if found is None:
        return None
    workspace_id, brand_id, text, role = found
    return MessageTarget(
        id=message_id, workspace_id=workspace_id, brand_id=brand_id, text=text, answer=role == MessageRole.ASSISTANT
    )


def last_copy_answer(*, session: ChatSession, before: int) -> dict | None:
    """The ``generated`` of the newest answer before message ``before`` that gave one kind of
    copy (headlines, slogans, …), if the session has one."""
    answers = (
        session.messages.filter(pk__lt=before, role=MessageRole.ASSISTANT)
        .order_by("-id")
        .values_list("generated", flat=True)[:FACTS_LOOKBACK]
    )
    for generated in answers:
        if isinstance(generated, dict) and generated.get("kind") == "copy" and generated.get("copy_kind") in KINDS:
            return generated
    return None


def copy_request_more(*, session: ChatSession, message: ChatMessage) -> CopyRequest | None:
    """ "더 써줘", "3개 더", "more", "give me more": more of the kind of copy the session was last
    given, about the same product, as many as asked (else as many as last time), none given
    before. None when the message names a kind of its own or says more than asking for more."""
    text = message.content
    if copy_request(text) is not None or not MORE.search(text):
        return None
    counts = _counts(text)
    if _rest(_without(text, [(start, end) for start, end, _, _ in counts])):
        return None  # "더 가벼운 버전이 나왔어요": something said, not more asked for
    last = last_copy_answer(session=session, before=message.pk)
    if last is None:
        return None
    count: Count | None = counts[0][2] if counts else None
    return CopyRequest(
        kind=last["copy_kind"],
        count=count.number if count else last.get("requested"),
        asked=True,
        language=last.get("language"),
        channel=detect_channel(text)[0] or (last.get("facts") or {}).get("channel"),
        rest="",
        span=(0, 0),
        count_low=count.low if count else None,
        count_vague=count.vague if count else False,
        more=True,
    )
