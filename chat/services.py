"""Spark Chat: sessions, messages, and the reply to a message (intent → what it starts → the
answer, streamed from a model or written offline). Every write is here; the consumer and the
REST views call the same functions."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from chat.copywriting import SHAPES, ask_for_product, copy_answer, copy_plan, facts_answer, facts_brief, zero_answer
from chat.intents import QUESTION, Intent, copy_request, detect, detect_by_rules
from chat.models import ChatMessage, ChatSession, MessageRole, MessageStatus
from chat.selectors import (
    _same_product,
    copy_given,
    copy_question_open,
    copy_request_more,
    copy_request_pending,
    described_product,
    names_a_product,
    product_facts,
)
from generators.services import generator_run, provider_check
from knowledge.rag import QUESTION_MAX_CHARS, knowledge_ask
from knowledge.selectors import scope as knowledge_scope
from sparklio.core.api.fields import money
from sparklio.core.models import User, Workspace
from sparklio.core.outage import JobQueueUnavailable
from sparklio.language import detect_language
from sparklio.language.korean import particle
from sparklio.llm.providers.registry import provider_configured
from trends.selectors import DEFAULT_WINDOW_HOURS as TREND_WINDOW_HOURS
from trends.selectors import trend_sources, trend_top

logger = logging.getLogger(__name__)

HISTORY_MESSAGES = 20
SINGLE_RUNS_MAX = 5  # runs of a generator that writes one item at a time, for one request
# kinds written one at a time whose generator opens each differently when told the ones given
RUN_PER_ITEM = {"sns_post"}
REPLY_FAILED = "Sorry, something went wrong while answering. Please try again."
REPLY_FAILED_KO = "죄송해요, 답변하는 중에 문제가 생겼어요. 다시 시도해 주세요."


def chat_group(session_id: int) -> str:
    return f"chat.{session_id}"


def content_check(content, *, field: str = "content") -> str:
    if not isinstance(content, str) or not content.strip():
        raise ValidationError({field: ["Write a message (it is empty)."]})
    if len(content) > settings.CHAT_MESSAGE_MAX_CHARS:
        raise ValidationError({field: [f"At most {settings.CHAT_MESSAGE_MAX_CHARS} characters (got {len(content)})."]})
    if "\x00" in content:
        raise ValidationError({field: ["No null characters."]})
    return content


def provider_or_none(provider) -> str | None:
    return provider_check(provider)


def document_check(*, workspace_id: int, document) -> int | None:
    """The id of a document open beside the chat, which must be in the session's workspace:
    another workspace's document is answered as not found, before anything is stored or run."""
    from documents.models import Document

    if document is None:
        return None
    if isinstance(document, bool) or not isinstance(document, int):
        raise ValidationError({"document": ["A document id."]})
    if not Document.objects.filter(pk=document, workspace_id=workspace_id).exists():
        raise ValidationError({"document": [f"No document {document} in this chat's workspace."]})
    return document


# --- sessions and messages ------------------------------------------------------------------------


def chat_session_create(
    *, workspace: Workspace, user: User | None, title: str, brand: BrandKit | None = None, provider: str | None = None
) -> ChatSession:
    if brand is not None and brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [f"No brand kit {brand.pk} in this workspace."]})
    return ChatSession.objects.create(
        workspace=workspace,
        brand=brand,
        title=title.strip() or "New chat",
        provider=provider_or_none(provider) or "",
        created_by=user,
    )


@transaction.atomic
def chat_session_seed(*, session: ChatSession, content: str, generated: dict | None = None) -> ChatMessage:
    """An assistant message that opens a session (a meeting's analysis sent to chat)."""
    message = ChatMessage.objects.create(
        workspace_id=session.workspace_id,
        session=session,
        role=MessageRole.ASSISTANT,
        content=content,
        provider="offline",
        intent="analyze_meeting",
        generated=generated or {},
    )
    return message


def message_add_user(*, session: ChatSession, user: User | None, content, attachments=None) -> ChatMessage:
    """Persist what the user sent (first, before anything answers)."""
    content = content_check(content)
    with transaction.atomic():
        message = ChatMessage.objects.create(
            workspace_id=session.workspace_id,
            session=session,
            role=MessageRole.USER,
            content=content,
            attachments=attachments or [],
            created_by=user,
        )
        ChatSession.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    return message


def messages_after(*, session: ChatSession, after: int | None = None, limit: int = 200):
    queryset = session.messages.all().prefetch_related("agent_runs", "workflows", "documents")
    if after is not None:
        queryset = queryset.filter(pk__gt=after)
    return list(queryset.order_by("id")[:limit])


def message_as_dict(message: ChatMessage) -> dict:
    return {
        "id": message.pk,
        "session": message.session_id,
        "role": message.role,
        "content": message.content,
        "status": message.status,
        "intent": message.intent,
        "attachments": message.attachments,
        "generated": message.generated,
        "started": message.started,
        "provider": message.provider,
        "model": message.model,
        "input_tokens": message.input_tokens,
        "output_tokens": message.output_tokens,
        "cost_usd": money(message.cost_usd),
        "agent_runs": [run.pk for run in message.agent_runs.all()],
        "workflows": [w.pk for w in message.workflows.all()],
        "documents": [d.pk for d in message.documents.all()],
        "created_at": message.created_at.isoformat(),
    }


# --- what an intent does -----------------------------------------------------------------------------


@dataclass
class Performed:
    intent: Intent
    summary: str = ""  # what was done, in the user's language (for the offline answer and the model's prompt)
    generated: dict = field(default_factory=dict)
    run_ids: list[int] = field(default_factory=list)
    workflow_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)

    @property
    def started(self) -> dict:
        return {"agent_runs": self.run_ids, "workflows": self.workflow_ids, "documents": self.document_ids}


def run_failure(run, *, ko: bool, failed: tuple[str, str]) -> str:
    """What the answer says about a failed agent run (``failed``: what could not be done, in
    Korean and English): the input problem when that was it, never an exception's text (that
    stays on the run and in the log)."""
    if run.error.startswith("invalid input:"):
        reason = run.error
    else:
        reason = f"내부 오류가 생겼어요 (실행 #{run.pk})." if ko else f"an internal error (run #{run.pk})."
    return f"{failed[0] if ko else failed[1]}: {reason}"


def is_korean(text: str) -> bool:
    return detect_language(text) == "ko"


def _campaign_start(*, session: ChatSession, message: ChatMessage, user, brand, provider):
    """A workflow for the message's brief. A brief about the product the session talks about
    (it names none, "이걸로 썸네일 만들어줘", or names the same one again) carries what the
    session knows of it: its features, offer, price, audience and category, where the brief
    says none of its own. With no product known at all there is no workflow."""
    from agents import services as agents
    from sparklio.language.brief import brief_parse

    brief = message.content[: settings.BRIEF_MAX_CHARS]
    parsed = brief_parse(brief)
    known = product_facts(session=session, message=message)
    facts: dict | None = None
    if known is not None and (not parsed.product or _same_product(parsed.product, known.product)):
        facts = {"product": known.product}
        if known.features and not parsed.features:
            facts["features"] = known.features[:8]
        for name in ("offer", "price", "audience", "category"):
            if getattr(known, name) and not getattr(parsed, name, None):
                facts[name] = getattr(known, name)
        if parsed.product:
            facts.pop("product")  # the brief's own name for it stands
    try:
        return agents.workflow_start(
            workspace=session.workspace, user=user, brief=brief, brand=brand, provider=provider, facts=facts or None
        )
    except ValidationError as exc:
        if "brief" not in exc.detail or not isinstance(exc.detail, dict):
            raise
    return None


def perform(
    *, session: ChatSession, message: ChatMessage, intent: Intent, document_id: int | None, provider, cause=None
) -> Performed:
    """Start what the intent asks for; the agents run now (their results go into the answer),
    a campaign is queued as a workflow (its progress follows on the socket). ``cause`` (the
    answer) is what the LLM ledger links a generator's calls to."""
    from agents import services as agents

    ko = is_korean(message.content)
    done = Performed(intent)
    user = message.created_by
    brand = session.brand
    if intent.name == "generate_copy":
        copy_perform(
            session=session, message=message, document_id=document_id, provider=provider, cause=cause, done=done
        )
    elif intent.name == "make_campaign":
        workflow = None
        if brand is None:
            done.summary = (
                "캠페인을 만들려면 브랜드 키트가 필요해요. 세션에 브랜드를 지정해 주세요."
                if ko
                else "A campaign needs a brand kit: set the session's brand first."
            )
        else:
            try:
                workflow = _campaign_start(session=session, message=message, user=user, brand=brand, provider=provider)
            except JobQueueUnavailable:
                done.summary = (
                    "지금은 작업 대기열에 연결할 수 없어 캠페인을 시작하지 못했어요. 잠시 후 다시 보내 주세요."
                    if ko
                    else "The job queue is unreachable right now, so the campaign was not started: "
                    "send the request again in a moment."
                )
                return done
        if workflow is None and brand is not None:
            done.summary = (
                "어떤 제품의 캠페인인지 알려 주세요. 제품 이름을 따옴표로 적어 주시면 돼요 (예: '무선 이어폰 X1')."
                if ko
                else "Which product is the campaign for? Name it, in quotes if you like (e.g. 'Nimbus 2')."
            )
        elif workflow is not None:
            done.workflow_ids.append(workflow.pk)
            done.generated = {"kind": "workflow", "workflow": workflow.pk}
            done.summary = (
                f"캠페인 워크플로우 #{workflow.pk}{particle(str(workflow.pk), '를')} 시작했어요. "
                "카피, 디자인, 검수 진행 상황을 여기에서 보여 드릴게요."
                if ko
                else f"Started campaign workflow #{workflow.pk}: copy, design and review progress will show here."
            )
    elif intent.name == "edit_document":
        document_id = document_id or _last_document(session)
        run = agents.agent_run_now(
            workspace_id=session.workspace_id,
            user=user,
            agent="editor",
            data={"document": document_id, "command": message.content[:500]},
            brand=brand,
            provider=provider,
        )
        done.run_ids.append(run.pk)
        if run.status == "succeeded":
            done.document_ids.append(document_id)
            ops = ", ".join(op.get("op", "?") for op in run.output["operations"])
            done.generated = {"kind": "edit", "document": document_id, "version": run.output["version"]}
            done.summary = (
                f"문서 #{document_id}{particle(str(document_id), '를')} 고쳤어요 (버전 {run.output['version']}: {ops})."
                if ko
                else f"Changed document #{document_id} (version {run.output['version']}: {ops})."
            )
        else:
            done.summary = run_failure(run, ko=ko, failed=("문서를 고치지 못했어요", "Could not change the document"))
    elif intent.name == "analyze_meeting":
        run = agents.agent_run_now(
            workspace_id=session.workspace_id,
            user=user,
            agent="meeting_analyzer",
            data={"text": message.content, "meeting_date": timezone.localdate().isoformat()},
            brand=brand,
            provider=provider,
        )
        done.run_ids.append(run.pk)
        if run.status == "succeeded":
            done.generated = {"kind": "meeting", "analysis": run.output}
            done.summary = meeting_summary(run.output, ko=ko)
        else:
            done.summary = run_failure(run, ko=ko, failed=("회의를 분석하지 못했어요", "Could not analyse the meeting"))
    elif intent.name == "trends":
        trends_perform(session=session, done=done, ko=ko)
    elif intent.name == "product_info":
        facts = described_product(session=session, message=message)
        if facts is not None:
            # kept with the answer: a later request for copy reads them from here (selectors._kept_facts)
            done.summary, done.generated = facts_answer(facts, ko=ko, has_brand=brand is not None)
        else:  # the model read a product into a message that names none: answered as small talk
            done.intent = Intent("small_talk", intent.source, "no product found in the message")
    elif intent.name == "brand_question" or (intent.name == "small_talk" and QUESTION.search(message.content)):
        knowledge_perform(session=session, message=message, done=done, ko=ko)
    return done


CHAT_TRENDS = 5
CHAT_TREND_CANDIDATES = 20  # read to fill the list when keywords that repeat a listed one are left out


def _same_words(keyword: str, other: str) -> bool:
    """One keyword is the other or inside it, word for word ("제로슈거" and "제로슈거 소주")."""
    return f" {keyword} " in f" {other} " or f" {other} " in f" {keyword} "


def distinct_trends(ranked: list[dict], *, limit: int) -> list[dict]:
    """The first ``limit`` keywords of the ranking, leaving out one that is inside a listed one
    (or holds it) and brings no article the listed one does not already show: "제로슈거 소주"
    after "제로슈거", when the soju story is one of 제로슈거's."""
    chosen: list[dict] = []
    for row in ranked:
        ids = {item["id"] for item in row["items"]}
        if any(
            _same_words(row["keyword"], other["keyword"]) and ids <= {item["id"] for item in other["items"]}
            for other in chosen
        ):
            continue
        chosen.append(row)
        if len(chosen) == limit:
            break
    return chosen


def trend_examples(rows: list[dict]) -> list[dict | None]:
    """One example article per keyword, each a different one where the keyword has another: a
    list of five keywords all citing the same story shows one story, not five."""
    used: set[int] = set()
    examples: list[dict | None] = []
    for row in rows:
        example = next((item for item in row["items"] if item["id"] not in used), None)
        example = example or (row["items"][0] if row["items"] else None)
        if example is not None:
            used.add(example["id"])
        examples.append(example)
    return examples


def trends_perform(*, session: ChatSession, done: Performed, ko: bool) -> None:
    """What is trending in the workspace's feeds this week, ranked, each keyword with its count,
    its growth against the week before and an example article (distinct keywords, different
    articles where they have them: ``distinct_trends``, ``trend_examples``); said plainly when the workspace
    follows no feed or its feeds published nothing in the window."""
    ranked = distinct_trends(trend_top(session.workspace_id, limit=CHAT_TREND_CANDIDATES), limit=CHAT_TRENDS)
    done.generated = {"kind": "trends", "window_hours": TREND_WINDOW_HOURS, "keywords": ranked}
    if not ranked:
        sources = trend_sources(session.workspace_id)
        if not sources["feeds"]:
            done.summary = (
                "아직 등록된 트렌드 피드가 없어 트렌드를 알 수 없어요. RSS나 Atom 피드를 등록하면 "
                "(POST /api/v1/trends/feeds/) 매시간 모아서 많이 언급되는 키워드를 알려 드릴게요."
                if ko
                else "No trend feeds are registered yet, so I can't tell what's trending. Register an RSS or Atom "
                "feed (POST /api/v1/trends/feeds/) and I'll rank the keywords it mentions most."
            )
        else:
            days = TREND_WINDOW_HOURS // 24
            done.summary = (
                f"등록된 피드 {sources['feeds']}개에서 최근 {days}일 동안 올라온 글이 없어 트렌드를 알 수 없어요."
                if ko
                else f"The {sources['feeds']} registered feed(s) published nothing in the last {days} days, "
                "so there is no trend to show."
            )
        return
    days = TREND_WINDOW_HOURS // 24
    head = f"최근 {days}일 동안 많이 언급된 키워드예요:" if ko else f"Most mentioned keywords of the last {days} days:"
    before = f"그 전 {days}일" if ko else f"the {days} days before"
    lines = [head]
    for rank, (row, example) in enumerate(zip(ranked, trend_examples(ranked), strict=True), start=1):
        if row["new"]:
            change = "새로 등장" if ko else "new"
        else:
            change = f"{'+' if row['growth'] >= 0 else ''}{round(row['growth'] * 100)}%"
        count = f"{row['mentions']}건" if ko else f"{row['mentions']} mention{'s' if row['mentions'] != 1 else ''}"
        line = f"{rank}. {row['keyword']} — {count} ({before}: {row['previous']}, {change})"
        if example is not None:
            line += f"\n   {example['title']} ({example['feed']['name']})"
        lines.append(line)
    done.summary = "\n".join(lines)


def knowledge_perform(*, session: ChatSession, message: ChatMessage, done: Performed, ko: bool) -> None:
    """A question answered from the knowledge base of the session's workspace (and brand) when
    it has one, with the passages cited; when nothing relevant is found the answer says so and
    cites nothing. A question about the brand also gets the brand kit's own facts."""
    brand = session.brand
    about_brand = done.intent.name == "brand_question"
    brand_id = brand.pk if brand is not None else None
    if not knowledge_scope(workspace_id=session.workspace_id, brand_id=brand_id).exists():
        if about_brand:
            done.summary = brand_facts(brand, message.content, ko=ko)
        return
    answer = knowledge_ask(
        workspace_id=session.workspace_id,
        question=message.content[:QUESTION_MAX_CHARS],
        brand_id=brand_id,
        user_id=message.created_by_id,
    )
    citations = [
        {
            "source": c.source,
            "source_title": c.source_title,
            "chunk": c.chunk,
            "quote": c.quote,
            "page": c.page,
        }
        for c in answer.citations
    ]
    done.generated = {
        "kind": "knowledge",
        "answer": answer.answer,
        "grounded": answer.grounded,
        "provider": answer.provider,
        "citations": citations,
    }
    if answer.grounded:
        titles = list(dict.fromkeys(c.source_title + (f" p.{c.page}" if c.page else "") for c in answer.citations))
        done.summary = f"{answer.answer}\n{'출처' if ko else 'Sources'}: {', '.join(titles)}"
    elif about_brand:
        done.summary = f"{answer.answer}\n{brand_facts(brand, message.content, ko=ko)}"
    else:
        done.summary = answer.answer


def copy_perform(
    *, session: ChatSession, message: ChatMessage, document_id: int | None, provider, cause, done: Performed
) -> None:
    """A request for copy: the generator it names, run on the product's facts (the message's,
    else the session's, else the brand's), or the copywriter's whole set for copy in general.
    The request's own words never reach a generator; with no product known, the answer asks."""
    from agents import services as agents

    ko = is_korean(message.content)
    request = (
        copy_request(message.content)
        or copy_request_pending(session=session, message=message)
        or copy_request_more(session=session, message=message)
    )
    if request is not None and request.count == 0:  # "헤드라인 0개": nothing to write
        done.summary, done.generated = zero_answer(request, ko=ko)
        return
    facts = product_facts(session=session, message=message, document_id=document_id)
    if facts is None:
        done.summary, done.generated = ask_for_product(request, ko=ko)
        return
    # the copy's language: the one asked for, else the one the product was described in
    language = (request.language if request else None) or facts.language or ("ko" if ko else "en")
    if request is None or request.kind is None:
        run = agents.agent_run_now(
            workspace_id=session.workspace_id,
            user=message.created_by,
            agent="copywriter",
            data={"brief": facts_brief(facts), "channel": request.channel if request else None, "language": language},
            brand=session.brand,
            provider=provider,
        )
        done.run_ids.append(run.pk)
        if run.status != "succeeded":
            done.summary = run_failure(run, ko=ko, failed=("카피를 만들지 못했어요", "Could not write the copy"))
            return
        copy = run.output["copy"]
        done.generated = {
            "kind": "copy",
            "copy": copy,
            "headlines": run.output["headlines"],
            "facts": facts.as_dict(),
        }
        done.providers = run.provider.split(",")
        lines = [f"- {h}" for h in run.output["headlines"]]
        label = ("헤드라인 후보", "본문", "CTA", "해시태그") if ko else ("Headline options", "Body", "CTA", "Hashtags")
        done.summary = (
            f"{label[0]}:\n" + "\n".join(lines) + f"\n{label[1]}: {copy['body']}\n{label[2]}: {copy['cta']}\n"
            f"{label[3]}: {' '.join(copy['hashtags'])}"
        )
        return
    given = (
        copy_given(session=session, kind=request.kind, product=facts.product, before=message.pk) if request.more else []
    )
    plan = copy_plan(request, facts, language=language, given=given)
    result = generator_run(
        name=plan.generator,
        data=plan.data,
        workspace_id=session.workspace_id,
        user_id=message.created_by_id,
        brand=session.brand,
        provider=provider,
        cause=cause,
    )
    results = [result]
    # a kind written one at a time ("a couple of captions"): one run per item asked for, each told
    # the first lines given so far, so each opens differently
    while plan.kind in RUN_PER_ITEM and plan.wanted and len(results) < min(plan.wanted, SINGLE_RUNS_MAX):
        opened = [item.split("\n")[0][:600] for r in results for item in SHAPES[plan.kind].items(r.output)]
        data = {**plan.data, "avoid": [*plan.data.get("avoid", []), *opened][-50:]}
        results.append(
            generator_run(
                name=plan.generator,
                data=data,
                workspace_id=session.workspace_id,
                user_id=message.created_by_id,
                brand=session.brand,
                provider=provider,
                cause=cause,
            )
        )
    done.providers = list(dict.fromkeys(r.provider for r in results))
    done.summary, done.generated = copy_answer(plan, result, facts, ko=ko, more=results[1:])


def _last_document(session: ChatSession) -> int | None:
    for message in session.messages.order_by("-id").prefetch_related("documents", "workflows")[:50]:
        for document in message.documents.all():
            return document.pk
        for workflow in message.workflows.all():
            if workflow.document_id:
                return workflow.document_id
    return None


def meeting_summary(analysis: dict, *, ko: bool) -> str:
    lines = ["요약:" if ko else "Summary:"] + [f"- {s['text']}" for s in analysis.get("summary", [])]
    if analysis.get("decisions"):
        lines += ["결정 사항:" if ko else "Decisions:"] + [f"- {d['text']}" for d in analysis["decisions"]]
    if analysis.get("action_items"):
        lines.append("할 일:" if ko else "Action items:")
        for item in analysis["action_items"]:
            who = item.get("owner") or ("담당 미정" if ko else "no owner")
            due = item.get("due") or ("기한 미정" if ko else "no date")
            lines.append(f"- {item['task']} ({who}, {due})")
    if analysis.get("open_questions"):
        lines += ["열린 질문:" if ko else "Open questions:"] + [f"- {q['text']}" for q in analysis["open_questions"]]
    if analysis.get("marketing_actions"):
        lines.append("마케팅 액션:" if ko else "Marketing actions:")
        lines += [f"- {a['title']}" for a in analysis["marketing_actions"]]
    return "\n".join(lines)


def brand_facts(brand: BrandKit | None, question: str, *, ko: bool) -> str:
    if brand is None:
        return "이 세션에는 브랜드 키트가 없어요." if ko else "This session has no brand kit."
    colors = ", ".join(f"{c.name} {c.hex} ({c.role})" for c in brand.colors.all())
    facts = [
        f"{'브랜드' if ko else 'Brand'}: {brand.name}",
        f"{'톤' if ko else 'Tone of voice'}: {brand.tone_of_voice or '-'}",
        f"{'타깃' if ko else 'Audience'}: {brand.target_audience or '-'}",
        f"{'컬러' if ko else 'Colours'}: {colors or '-'}",
        f"{'금지어' if ko else 'Banned words'}: {', '.join(brand.banned_words) or '-'}",
        f"{'필수어' if ko else 'Required words'}: {', '.join(brand.required_words) or '-'}",
    ]
    words = set(re.findall(r"[\w가-힣]{2,}", question.casefold()))
    guideline_lines = [line.strip() for line in re.split(r"[\n.]", brand.guidelines) if line.strip()]
    relevant = [line for line in guideline_lines if words & set(re.findall(r"[\w가-힣]{2,}", line.casefold()))]
    if relevant:
        facts.append(("가이드라인에서: " if ko else "From the guidelines: ") + " / ".join(relevant[:3]))
    return "\n".join(facts)


def offline_answer(performed: Performed, *, ko: bool) -> str:
    head = (
        "(오프라인 모드: 연결된 AI 모델이 없어 규칙 기반 기능으로 답해요.)"
        if ko
        else "(Offline mode: no AI model is connected, so I answer with the built-in rule-based tools.)"
    )
    knowledge = performed.generated.get("kind") == "knowledge"
    if performed.intent.name == "small_talk" and not (knowledge and performed.generated.get("grounded")):
        body = (
            "안녕하세요! 카피 작성, 광고 캠페인 제작, 열린 문서 수정, 회의록 분석, 브랜드 질문을 도와드릴 수 있어요. "
            '예: "무선 이어폰 X1 인스타그램 광고 헤드라인 써줘"'
            if ko
            else "Hi! I can write copy, make an ad campaign, change the open document, analyse meeting notes and "
            'answer questions about your brand. Try: "write headlines for the X1 earbuds Instagram ad".'
        )
        if knowledge:  # a question the knowledge base has nothing on: said, not guessed
            body = f"{performed.summary}\n{body}"
    else:
        body = performed.summary
    return f"{head}\n{body}"


def model_messages(session: ChatSession, user_message: ChatMessage, performed: Performed) -> list[dict]:
    brand = session.brand
    system = (
        "You are Spark, the assistant of Sparklio, an AI marketing studio for Korean and English brands. "
        "Answer in the language of the user's last message, briefly and concretely. Never invent prices or claims."
    )
    if brand is not None:
        system += (
            f"\nBrand: {brand.name}. Tone: {brand.tone_of_voice or '-'}. Audience: {brand.target_audience or '-'}."
        )
        if brand.banned_words:
            system += f" Never use: {', '.join(brand.banned_words)}."
    if performed.generated.get("kind") == "knowledge":
        system += (
            "\nAnswer questions about the brand and its products only from the knowledge base's answer below, "
            "which quotes the brand's documents; if it found nothing, say so and state no fact of your own."
        )
    if performed.summary:
        system += (
            f"\nSparklio's tools already handled this message (intent {performed.intent.name}). Present this result "
            f"to the user faithfully, without changing its facts; keep every listed item as written and add "
            f"none:\n{performed.summary}"
        )
    history = list(
        session.messages.filter(pk__lt=user_message.pk, status__in=[MessageStatus.COMPLETE, MessageStatus.PARTIAL])
        .exclude(role=MessageRole.SYSTEM)
        .order_by("-id")[:HISTORY_MESSAGES]
    )
    messages = [{"role": "system", "content": system}]
    messages += [{"role": m.role, "content": m.content or "…"} for m in reversed(history)]
    messages.append({"role": "user", "content": user_message.content})
    return messages


# --- the reply ----------------------------------------------------------------------------------------


def intent_of(*, session: ChatSession, message: ChatMessage, has_document: bool, provider) -> Intent:
    """What the message asks for. A message that only names a product, right after the answer
    asked which product the copy should be about, asks for that copy."""
    found = detect_by_rules(message.content, has_document=has_document)
    if (
        found.name == "small_talk"
        and names_a_product(message.content)
        and copy_question_open(session=session, before=message.pk)
    ):
        return Intent("generate_copy", "rules", "names the product the copy was waiting for")
    if found.name == "small_talk" and copy_request_more(session=session, message=message) is not None:
        return Intent("generate_copy", "rules", "asks for more of the copy given last")
    if (
        found.name == "small_talk"
        and not QUESTION.search(message.content)
        and described_product(session=session, message=message) is not None
    ):
        return Intent("product_info", "rules", "describes a product")
    return detect(message.content, has_document=has_document, workspace_id=session.workspace_id, provider=provider)


async def respond(
    *,
    session_id: int,
    user_message_id: int,
    provider: str | None,
    document_id: int | None,
    emit,
) -> ChatMessage:
    """Answer a persisted user message: detect the intent, start what it asks for, then stream
    the answer (``emit`` gets token, fallback, agent_progress and the final message events).
    Cancelling the task stops the model call; the partial answer is stored as such."""
    from sparklio.llm.errors import NoModelAvailable
    from sparklio.llm.gateway import Delta, Done, FallbackNotice, gateway

    session, user_message = await sync_to_async(_load)(session_id, user_message_id)
    provider = provider or session.provider or None
    ko = is_korean(user_message.content)
    try:
        # the model's classification and the agents can take seconds: off the shared sync thread,
        # so other sockets' database calls don't queue behind them
        intent = await database_sync_to_async(intent_of, thread_sensitive=False)(
            session=session,
            message=user_message,
            has_document=bool(document_id) or await sync_to_async(_last_document)(session) is not None,
            provider=provider,
        )
    except Exception:
        logger.exception("intent detection failed for message %s", user_message.pk)
        intent = Intent("small_talk", "rules", "intent detection failed")
    assistant = await sync_to_async(_assistant_start)(session, intent)
    await emit(
        {
            "type": "message_started",
            "message": assistant.pk,
            "reply_to": user_message.pk,
            "intent": intent.name,
            "intent_source": intent.source,
        }
    )
    if provider not in (None, "offline") and not provider_configured(provider):
        # the gateway skips a provider without a key: tell the client its choice was not followed
        await emit(
            {
                "type": "fallback",
                "message": assistant.pk,
                "from": provider,
                "to": None,
                "reason": "not configured",
                "mid_stream": False,
                "discard": False,
            }
        )
    text = ""
    result = None
    try:
        # shielded: a cancel while the agents run still links what they started to the answer
        performed = await asyncio.shield(
            database_sync_to_async(perform_and_link, thread_sensitive=False)(
                session=session,
                message=user_message,
                assistant=assistant,
                intent=intent,
                document_id=document_id,
                provider=provider,
            )
        )
        for workflow_id in performed.workflow_ids:
            await emit({"type": "agent_progress", "workflow": workflow_id, "status": "queued", "follow": True})
        for run_id in performed.run_ids:
            await emit({"type": "agent_progress", "run": run_id, "status": await sync_to_async(_run_status)(run_id)})
        try:
            if provider == "offline":
                raise NoModelAvailable({})
            messages = await sync_to_async(model_messages)(session, user_message, performed)
            async for event in gateway.astream(
                messages,
                purpose="smart",
                provider=provider,
                workspace_id=session.workspace_id,
                user_id=user_message.created_by_id,
                cause=assistant,
            ):
                if isinstance(event, Delta):
                    text += event.text
                    await emit({"type": "token", "message": assistant.pk, "text": event.text})
                elif isinstance(event, FallbackNotice):
                    if event.mid_stream:
                        text = ""
                    await emit(
                        {
                            "type": "fallback",
                            "message": assistant.pk,
                            "from": event.from_provider,
                            "to": event.to_provider,
                            "reason": event.reason,
                            "mid_stream": event.mid_stream,
                            "discard": event.mid_stream,
                        }
                    )
                elif isinstance(event, Done):
                    result = event.result
        except NoModelAvailable as exc:
            if text:  # every provider failed mid-answer: say so, then the offline answer
                await emit(
                    {
                        "type": "fallback",
                        "message": assistant.pk,
                        "from": None,
                        "to": "offline",
                        "reason": str(exc),
                        "mid_stream": True,
                        "discard": True,
                    }
                )
            text = offline_answer(performed, ko=ko)
            for piece in re.findall(r"\S+\s*|\s+", text):
                await emit({"type": "token", "message": assistant.pk, "text": piece})
                await asyncio.sleep(0)
            result = None
    except asyncio.CancelledError:
        await asyncio.shield(
            sync_to_async(_assistant_finish)(assistant, text, None, MessageStatus.PARTIAL, performed_or_none(locals()))
        )
        final = await sync_to_async(_reload)(assistant.pk)
        await asyncio.shield(
            emit(
                {
                    "type": "message",
                    "message": message_as_dict(final),
                    "citations": citations_of(final),
                    "cancelled": True,
                }
            )
        )
        raise
    except Exception:
        # the exception's text stays in the log: it can name hosts, tables or queries
        logger.exception("chat reply to message %s failed", user_message.pk)
        notice = REPLY_FAILED_KO if ko else REPLY_FAILED
        await sync_to_async(_assistant_finish)(assistant, text or notice, None, MessageStatus.FAILED, None)
        final = await sync_to_async(_reload)(assistant.pk)
        await emit({"type": "message", "message": message_as_dict(final), "error": notice})
        return final
    await sync_to_async(_assistant_finish)(assistant, text, result, MessageStatus.COMPLETE, performed)
    final = await sync_to_async(_reload)(assistant.pk)
    await emit({"type": "message", "message": message_as_dict(final), "citations": citations_of(final)})
    return final


def citations_of(message: ChatMessage) -> list[dict]:
    """The knowledge passages the answer cites (``generated.citations``; none for other answers)."""
    return list((message.generated or {}).get("citations") or [])


def perform_and_link(*, session, message, assistant, intent, document_id, provider) -> Performed:
    performed = perform(
        session=session, message=message, intent=intent, document_id=document_id, provider=provider, cause=assistant
    )
    _link(assistant, performed)
    return performed


def performed_or_none(scope: dict):
    return scope.get("performed")


def _load(session_id: int, message_id: int):
    session = ChatSession.objects.select_related("brand", "workspace").get(pk=session_id)
    message = ChatMessage.objects.select_related("created_by").get(pk=message_id, session=session)
    return session, message


def _reload(message_id: int) -> ChatMessage:
    return ChatMessage.objects.prefetch_related("agent_runs", "workflows", "documents").get(pk=message_id)


def _run_status(run_id: int) -> str:
    from agents.models import AgentRun

    return AgentRun.objects.values_list("status", flat=True).get(pk=run_id)


def _assistant_start(session: ChatSession, intent: Intent) -> ChatMessage:
    return ChatMessage.objects.create(
        workspace_id=session.workspace_id,
        session=session,
        role=MessageRole.ASSISTANT,
        status=MessageStatus.STREAMING,
        intent=intent.name,
    )


def _link(message: ChatMessage, performed: Performed) -> None:
    with transaction.atomic():
        message.started = performed.started
        message.generated = performed.generated
        message.save(update_fields=["started", "generated"])
        message.agent_runs.add(*performed.run_ids)
        message.workflows.add(*performed.workflow_ids)
        message.documents.add(*performed.document_ids)


def _assistant_finish(message: ChatMessage, text: str, result, status: str, performed: Performed | None) -> None:
    with transaction.atomic():
        message.content = text
        message.status = status
        if result is not None:
            message.provider, message.model = result.provider, result.model
            message.input_tokens, message.output_tokens = result.usage.input_tokens, result.usage.output_tokens
            message.cost_usd = Decimal(str(result.cost_usd))
        else:
            message.provider = message.provider or "offline"
        message.save(
            update_fields=["content", "status", "provider", "model", "input_tokens", "output_tokens", "cost_usd"]
        )
        ChatSession.objects.filter(pk=message.session_id).update(updated_at=timezone.now())


# --- "send to editor" ---------------------------------------------------------------------------------


@transaction.atomic
def message_to_document(
    *,
    message: ChatMessage,
    user: User | None,
    document=None,
    base_version: int | None = None,
    channel: str | None = None,
):
    """A design from the message's generated content: a new document through a channel
    template, or (``document`` given) its texts replaced as a new version."""
    from documents.models import VersionSource
    from documents.services import document_update
    from templates.selectors import template_for_channel, template_slots
    from templates.services import template_apply

    copy = _copy_of(message)
    session = message.session
    if document is not None:
        if document.workspace_id != message.workspace_id:
            raise ValidationError({"document": ["No such document in this chat's workspace."]})
        from agents.services import replace_copy

        content = replace_copy(document.content, copy)
        updated = document_update(
            document=document,
            user=user,
            content=content,
            base_version=base_version if base_version is not None else document.version,
            source=VersionSource.AGENT,
            summary=f"chat message {message.pk}",
        )
        message.documents.add(updated)
        return updated, False
    if (message.generated or {}).get("kind") == "workflow":
        from agents.models import Workflow

        workflow = Workflow.objects.filter(pk=message.generated["workflow"], workspace_id=message.workspace_id).first()
        if workflow is not None and workflow.document_id:
            return workflow.document, False
        raise ValidationError(
            {"message": ["The campaign has not made its document yet; try again when it has finished."]}
        )
    channel = channel or "instagram_feed"
    template = template_for_channel(workspace_ids=[message.workspace_id], channel=channel)
    if template is None:
        raise ValidationError({"channel": [f"No template for channel {channel!r}."]})
    from agents.services import copy_to_slots

    content = copy_to_slots(copy, {slot["role"] for slot in template_slots(template)})
    if "headline" not in content:
        raise ValidationError({"message": ["This message has no text to put in a design."]})
    document = template_apply(
        template=template,
        workspace=session.workspace,
        user=user,
        content=content,
        brand=session.brand,
        title=copy["headline"][:200],
        source=VersionSource.AGENT,
        metadata={"chat_message": message.pk},
        drop_unfilled_text=True,
    )
    message.documents.add(document)
    return document, True


def _copy_of(message: ChatMessage) -> dict:
    generated = message.generated or {}
    if generated.get("kind") == "copy":
        return generated["copy"]
    if message.role != MessageRole.ASSISTANT or not message.content.strip():
        raise ValidationError({"message": ["Send an assistant message with content to the editor."]})
    lines = [line.strip(" -•") for line in message.content.splitlines() if line.strip() and not line.startswith("(")]
    if not lines:
        raise ValidationError({"message": ["This message has no text to put in a design."]})
    hashtags = re.findall(r"#[\w가-힣]+", message.content)
    body = " ".join(lines[1:])
    return {"headline": lines[0][:120], "subheadline": "", "body": body[:600], "cta": "", "hashtags": hashtags}
