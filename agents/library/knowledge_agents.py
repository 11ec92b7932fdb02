"""Knowledge agents: the data cleaner, the embedder, RAG and the ingestor. Each is a thin agent
over the knowledge app (its ingest steps, its embedding path, its grounded answer and its
source services), so an agent run does exactly what the knowledge API does."""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from agents.base import Agent, AgentContext, AgentInput
from brands.models import BrandKit
from knowledge.ingest.clean import drop_duplicates
from knowledge.ingest.drafts import max_file_bytes
from knowledge.ingest.text import plain_blocks
from knowledge.models import SourceStatus
from knowledge.rag import QUESTION_MAX_CHARS, knowledge_ask
from knowledge.services import source_create, source_process, texts_embed
from sparklio.core.models import User, Workspace
from sparklio.language import detect_language

# --- data cleaner ----------------------------------------------------------------------------------

CLEAN_MAX_CHARS = 200_000


class DataCleanerInput(AgentInput):
    text: str = Field(min_length=1, max_length=CLEAN_MAX_CHARS)


class CleaningStats(BaseModel):
    characters_in: int
    characters_out: int
    control_characters: int = Field(description="Control, zero-width and layout marks in the input (removed)")
    paragraphs_in: int
    paragraphs_out: int
    exact_duplicates: int = Field(description="Paragraphs dropped that repeat an earlier one word for word")
    near_duplicates: int = Field(description="Paragraphs dropped that nearly repeat an earlier one (footers, pastes)")


class DataCleanerOutput(BaseModel):
    text: str
    language: str
    stats: CleaningStats


def _control_characters(text: str) -> int:
    return sum(1 for char in text if char not in "\n\t\r" and unicodedata.category(char) in ("Cc", "Cf", "Cs"))


class DataCleanerAgent(Agent):
    name = "data_cleaner"
    description = (
        "Cleans raw text the way the knowledge base does before chunking: Unicode and whitespace "
        "normalised, control and zero-width characters removed, repeated boilerplate paragraphs dropped."
    )
    Input = DataCleanerInput
    Output = DataCleanerOutput

    def run(self, inp, ctx: AgentContext):
        blocks = plain_blocks(inp.text)  # the ingest's paragraphs: already normalised
        kept, exact, near = drop_duplicates(blocks)
        cleaned = "\n\n".join(block.text for block in kept)
        ctx.providers.append("offline")
        return DataCleanerOutput(
            text=cleaned,
            language=detect_language(cleaned) if cleaned else "und",
            stats=CleaningStats(
                characters_in=len(inp.text),
                characters_out=len(cleaned),
                control_characters=_control_characters(inp.text),
                paragraphs_in=len([part for part in inp.text.replace("\r\n", "\n").split("\n\n") if part.strip()]),
                paragraphs_out=len(kept),
                exact_duplicates=exact,
                near_duplicates=near,
            ),
        )


# --- embedder --------------------------------------------------------------------------------------


class EmbedderInput(AgentInput):
    texts: list[str] = Field(min_length=1, max_length=256)

    @field_validator("texts")
    @classmethod
    def _texts_not_blank(cls, texts: list[str]) -> list[str]:
        for index, text in enumerate(texts):
            if not text.strip():
                raise ValueError(f"texts[{index}] is empty: it has no meaning to embed")
            if len(text) > 8000:
                raise ValueError(f"texts[{index}] has {len(text)} characters; at most 8000")
        return texts


class EmbedderOutput(BaseModel):
    provider: str
    model: str
    dimensions: int
    vectors: list[list[float]]


class EmbedderAgent(Agent):
    name = "embedder"
    description = (
        "Embeds texts with the model the knowledge base uses (through the LLM gateway; the bundled "
        "multilingual model offline): the vectors, their dimension and the model."
    )
    Input = EmbedderInput
    Output = EmbedderOutput

    def run(self, inp, ctx: AgentContext):
        vectors, model, dims = texts_embed(inp.texts, workspace_id=ctx.workspace_id, cause=ctx.run)
        ctx.providers.append(model.provider)
        return EmbedderOutput(provider=model.provider, model=model.model, dimensions=dims, vectors=vectors)


# --- RAG -------------------------------------------------------------------------------------------


class RagInput(AgentInput):
    question: str = Field(min_length=1, max_length=QUESTION_MAX_CHARS)
    brand: int | None = Field(default=None, description="Only this brand's sources and the workspace's shared ones")


class RagCitation(BaseModel):
    source: int
    source_title: str
    chunk: int
    quote: str
    page: int | None = None


class RagOutput(BaseModel):
    answer: str
    grounded: bool
    citations: list[RagCitation]
    provider: str
    model: str = ""


def _brand_of(ctx: AgentContext, brand_id: int | None) -> int | None:
    if brand_id is None:
        return ctx.brand.pk if ctx.brand is not None else None
    if not BrandKit.objects.filter(pk=brand_id, workspace_id=ctx.workspace_id).exists():
        raise ValueError(f"brand: no brand kit {brand_id} in this workspace")
    return brand_id


class RagAgent(Agent):
    name = "rag"
    description = (
        "Answers a question from the workspace's knowledge base (a brand's sources and the shared "
        "ones), every statement cited; offline, the passages' own best sentences."
    )
    Input = RagInput
    Output = RagOutput

    def run(self, inp, ctx: AgentContext):
        answer = knowledge_ask(
            workspace_id=ctx.workspace_id,
            question=inp.question,
            brand_id=_brand_of(ctx, inp.brand),
            user_id=ctx.user_id,
        )
        ctx.providers.append(answer.provider)
        return RagOutput(
            answer=answer.answer,
            grounded=answer.grounded,
            citations=[RagCitation(**vars(citation)) for citation in answer.citations],
            provider=answer.provider,
            model=answer.model,
        )


# --- ingestor --------------------------------------------------------------------------------------


class IngestorInput(AgentInput):
    url: str = Field(default="", max_length=2048)
    title: str = Field(default="", max_length=255)
    text: str = Field(default="", max_length=2_000_000, validate_default=True)
    brand: int | None = Field(default=None, description="The brand the source belongs to (else shared)")

    @field_validator("text")
    @classmethod
    def _url_or_text(cls, text: str, info: ValidationInfo) -> str:
        url = info.data.get("url") or ""
        if bool(url.strip()) == bool(text.strip()):
            raise ValueError("give either url, or title and text")
        if len(text.encode()) > max_file_bytes():
            raise ValueError(f"larger than the {max_file_bytes()} bytes a source may hold")
        return text


class IngestorOutput(BaseModel):
    source: int
    status: str
    kind: str
    title: str
    language: str
    chunks: int
    warnings: list[str]


class IngestorAgent(Agent):
    name = "ingestor"
    description = (
        "Adds a web page (url) or a note (title and text) to the knowledge base: read, cleaned, "
        "chunked and embedded as a knowledge source."
    )
    Input = IngestorInput
    Output = IngestorOutput

    def run(self, inp, ctx: AgentContext):
        from rest_framework.exceptions import ValidationError

        brand_id = _brand_of(ctx, inp.brand)
        try:
            source = source_create(
                workspace=Workspace.objects.get(pk=ctx.workspace_id),
                created_by=User.objects.filter(pk=ctx.user_id).first() if ctx.user_id else None,
                brand=BrandKit.objects.get(pk=brand_id) if brand_id else None,
                url=inp.url.strip(),
                title=inp.title,
                text=inp.text,
                enqueue=False,  # this run is the background job: it processes the source itself
            )
        except ValidationError as exc:
            details = exc.detail if isinstance(exc.detail, dict) else {"input": exc.detail}
            reason = "; ".join(f"{field}: {' '.join(map(str, msgs))}" for field, msgs in details.items())
            raise ValueError(reason) from exc
        ctx.report(0.2, "reading")
        source = source_process(source_id=source.pk)
        if source.status != SourceStatus.READY:
            # the source stays, failed with its reason, as one added through the knowledge API would
            raise ValueError(f"source {source.pk} could not be processed: {source.error}")
        chunks = list(source.chunks.values_list("embedding_provider", flat=True))
        ctx.providers.append(chunks[0] if chunks else "offline")
        return IngestorOutput(
            source=source.pk,
            status=source.status,
            kind=source.kind,
            title=source.title,
            language=source.language,
            chunks=len(chunks),
            warnings=list(source.warnings or []),
        )
