"""The meeting analyzer: meeting notes into a summary, decisions, action items with owners and
ISO due dates, open questions, and marketing actions proposed by the strategist, every item
linked to the sentence it comes from.

The offline baseline (``sparklio.language.meeting``: sentence scoring, cue phrases, date rules) always
runs; with a model configured, each chunk of the transcript is also read by the model and its
items replace the baseline's, their sources checked against the transcript's sentences."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from pydantic import BaseModel, Field

from agents.base import Agent, AgentContext, AgentInput

MARKETING = re.compile(
    r"(캠페인|광고|프로모션|이벤트|인스타|유튜브|블로그|SNS|런칭|출시|마케팅|콘텐츠|쿠폰|할인|"
    r"campaign|\bads?\b|promo|launch|instagram|youtube|blog|social|marketing|content|coupon|discount|newsletter)",
    re.I,
)


class MeetingInput(AgentInput):
    text: str = Field(min_length=1, max_length=500_000)
    meeting_date: dt.date
    language: str | None = Field(default=None, pattern="^(ko|en)$")


class ModelItem(BaseModel):
    text: str = Field(max_length=500)
    source_index: int = Field(ge=0)


class ModelAction(BaseModel):
    task: str = Field(max_length=500)
    owner: str | None = Field(default=None, max_length=80)
    due_text: str | None = Field(default=None, max_length=80)
    source_index: int = Field(ge=0)


class ModelNotes(BaseModel):
    summary_indices: list[int] = Field(max_length=10)
    decisions: list[ModelItem] = Field(max_length=30)
    action_items: list[ModelAction] = Field(max_length=50)
    open_questions: list[ModelItem] = Field(max_length=30)


class MeetingOutput(BaseModel):
    language: str
    sentences: int
    summary: list[dict]
    decisions: list[dict]
    action_items: list[dict]
    open_questions: list[dict]
    participants: list[str]
    keywords: list[str]
    marketing_actions: list[dict]
    method: str
    chunks: int


class MeetingAnalyzerAgent(Agent):
    name = "meeting_analyzer"
    description = (
        "Meeting notes into a summary, decisions, action items (owner, ISO due date), open questions and "
        "marketing actions from the strategist, each linked to its source sentence."
    )
    Input = MeetingInput
    Output = MeetingOutput

    def run(self, inp, ctx: AgentContext):
        from sparklio.language.meeting import analyze_transcript, chunk_sentences

        ctx.report(0.1, "reading the transcript")
        base = analyze_transcript(inp.text, meeting_date=inp.meeting_date, language=inp.language)
        analysis = base.model_dump(mode="json")
        chunks = chunk_sentences(base.sentences)
        method = base.method
        if ctx.provider != "offline" and base.sentences:
            improved = self._with_model(base, chunks, inp.meeting_date, ctx)
            if improved is not None:
                analysis.update(improved)
                method = f"model ({', '.join(p for p in ctx.providers if p != 'offline')}) over {len(chunks)} chunk(s)"
        ctx.report(0.7, "marketing actions")
        actions = self._marketing_actions(base.sentences, analysis, ctx)
        ctx.report(1.0, "done")
        return MeetingOutput(
            language=base.language,
            sentences=len(base.sentences),
            summary=analysis["summary"],
            decisions=analysis["decisions"],
            action_items=analysis["action_items"],
            open_questions=analysis["open_questions"],
            participants=base.participants,
            keywords=base.keywords,
            marketing_actions=actions,
            method=method,
            chunks=len(chunks),
        )

    def _with_model(self, base, chunks, meeting_date, ctx: AgentContext) -> dict | None:
        from sparklio.language.meeting import resolve_due
        from sparklio.llm.errors import LLMError
        from sparklio.llm.gateway import gateway

        sentences = base.sentences
        merged = {"summary": [], "decisions": [], "action_items": [], "open_questions": []}

        def ref(index: int) -> dict | None:
            return {"index": index, "text": sentences[index]} if 0 <= index < len(sentences) else None

        for number, chunk in enumerate(chunks, start=1):
            numbered = "\n".join(f"[{i}] {sentences[i]}" for i in chunk)
            try:
                answer = gateway.complete(
                    [
                        {
                            "role": "system",
                            "content": "You analyse meeting transcripts for a marketing team. Refer to sentences by "
                            "their [index]. Keep the transcript's language. Owners are people named in the text; "
                            "due_text is the date expression exactly as said.",
                        },
                        {
                            "role": "user",
                            "content": f"Meeting date: {meeting_date.isoformat()}.\nSentences:\n{numbered}",
                        },
                    ],
                    purpose="smart",
                    provider=ctx.provider,
                    schema=ModelNotes,
                    max_tokens=2000,
                    workspace_id=ctx.workspace_id,
                    user_id=ctx.user_id,
                    cause=ctx.run,
                )
            except LLMError as exc:
                ctx.notes.append(f"The model could not read chunk {number} ({exc}); the offline analysis is used.")
                return None
            ctx.providers.append(answer.provider)
            notes: ModelNotes = answer.data
            merged["summary"] += [r for r in (ref(i) for i in notes.summary_indices) if r]
            for item in notes.decisions:
                if source := ref(item.source_index):
                    merged["decisions"].append({"text": item.text, "source": source})
            for item in notes.action_items:
                if source := ref(item.source_index):
                    due = resolve_due(item.due_text, meeting_date) if item.due_text else None
                    merged["action_items"].append(
                        {
                            "task": item.task,
                            "owner": item.owner,
                            "due": due.isoformat() if due else None,
                            "due_text": item.due_text,
                            "source": source,
                        }
                    )
            for item in notes.open_questions:
                if source := ref(item.source_index):
                    merged["open_questions"].append({"text": item.text, "source": source})
            ctx.report(0.1 + 0.5 * number / len(chunks), f"chunk {number} of {len(chunks)}")
        merged["summary"].sort(key=lambda r: r["index"])
        return merged

    def _marketing_actions(self, sentences: list[str], analysis: dict, ctx: AgentContext) -> list[dict]:
        from agents.library.creation import StrategistAgent

        candidates: list[dict] = []
        for item in [*analysis["decisions"], *analysis["action_items"], *analysis["summary"]]:
            source = item.get("source", item)
            if MARKETING.search(source["text"]) and source["index"] not in {c["index"] for c in candidates}:
                candidates.append(source)
        strategist = StrategistAgent()
        actions = []
        for source in candidates[:5]:
            plan = strategist.run(strategist.Input(brief=source["text"][: settings.BRIEF_MAX_CHARS]), ctx)
            for action in plan.actions[:1]:
                actions.append({**action.model_dump(), "source": source})
        return actions
