"""The RAG agent: a question answered from the knowledge base, every statement cited.

The best passages of the scope (hybrid retrieval) go to a model with the instruction to answer
only from them, quoting each passage it relies on. The reply is checked: a citation must name
a passage that was given and quote it verbatim, and an answer that cites nothing is not
grounded. When no model is configured or the reply fails the check, the offline extractive
answer (the passages' own best sentences) is given instead, labelled ``offline``. When nothing
relevant is found the answer says so, with ``grounded: false``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from knowledge.answer import Citation, Passage, extractive_answer
from knowledge.selectors import knowledge_search
from sparklio.language import detect_language
from sparklio.llm.errors import LLMError, NoModelAvailable
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

QUESTION_MAX_CHARS = 1000
PASSAGES = 6
OFFLINE = "offline"

INSTRUCTIONS = """You answer questions about a brand from its knowledge base.
Use ONLY the numbered passages below. Do not add facts, numbers or claims that they do not state.
For every passage you rely on, give its number and a short quote copied exactly from it.
If the passages do not answer the question, set grounded to false and say so briefly.
Answer in {language}."""


class _Quote(BaseModel):
    passage: int = Field(description="The number of the passage")
    quote: str = Field(description="Words copied exactly from that passage")


class GroundedReply(BaseModel):
    answer: str
    grounded: bool
    citations: list[_Quote]


@dataclass(frozen=True)
class Answer:
    answer: str
    citations: list[Citation]
    grounded: bool
    provider: str
    model: str = ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def checked_citations(reply: GroundedReply, passages: list[Passage]) -> list[Citation]:
    """The reply's citations that name a given passage and quote it word for word."""
    citations = []
    for item in reply.citations:
        if not 1 <= item.passage <= len(passages):
            continue
        passage = passages[item.passage - 1]
        quote = _squash(item.quote).strip("\"'“”‘’ ")
        if len(quote) < 3 or quote not in _squash(passage.text):
            continue
        citations.append(
            Citation(
                source=passage.source,
                source_title=passage.source_title,
                chunk=passage.chunk,
                quote=quote,
                page=passage.page,
            )
        )
    return citations


def knowledge_ask(
    *, workspace_id: int, question: str, brand_id: int | None = None, user_id: int | None = None
) -> Answer:
    hits = knowledge_search(
        workspace_id=workspace_id, question=question, brand_id=brand_id, k=PASSAGES, user_id=user_id
    )
    passages = [
        Passage(
            chunk=hit.chunk,
            source=hit.source,
            source_title=hit.source_title,
            text=hit.text,
            page=hit.page,
            heading=hit.heading,
            score=hit.score,
        )
        for hit in hits
    ]
    offline = extractive_answer(question, passages)
    if not passages:
        return Answer(offline.answer, offline.citations, offline.grounded, OFFLINE)
    language = "Korean" if detect_language(question) == "ko" else "English"
    numbered = "\n\n".join(
        f"[{number}] {p.source_title}" + (f" > {p.heading}" if p.heading else "") + f"\n{p.text}"
        for number, p in enumerate(passages, start=1)
    )
    try:
        result = gateway.complete(
            [
                {"role": "system", "content": INSTRUCTIONS.format(language=language)},
                {"role": "user", "content": f"Passages:\n\n{numbered}\n\nQuestion: {question}"},
            ],
            purpose="fast",
            schema=GroundedReply,
            temperature=0,
            max_tokens=700,
            workspace_id=workspace_id,
            user_id=user_id,
        )
    except NoModelAvailable:
        return Answer(offline.answer, offline.citations, offline.grounded, OFFLINE)
    except LLMError as exc:
        logger.warning("knowledge answer from the offline baseline: %s", exc)
        return Answer(offline.answer, offline.citations, offline.grounded, OFFLINE)
    reply: GroundedReply = result.data
    citations = checked_citations(reply, passages)
    if not reply.grounded:
        # the model found nothing in the passages: it says so, and nothing is cited
        return Answer(reply.answer, [], False, result.provider, result.model)
    if not citations:
        # a "grounded" answer that cites nothing it was given is not trusted
        logger.info("model answer without a verifiable citation; the extractive answer is given")
        return Answer(offline.answer, offline.citations, offline.grounded, OFFLINE)
    return Answer(reply.answer, citations, True, result.provider, result.model)
