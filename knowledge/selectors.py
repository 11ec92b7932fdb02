"""Reads of the knowledge base, hybrid retrieval first.

Retrieval fuses ranked lists by reciprocal rank (each list gives a chunk 1 / (60 + rank)):
- nearest chunks by cosine distance, one list per embedding model in the scope (the question is
  embedded with each chunk's own model, as vectors of two models cannot be compared), and within
  it one list per chunk language, so a Korean question also surfaces the best English passage
  (the multilingual model ranks same-language text higher whatever it says);
- PostgreSQL full-text search over Kiwi's morphemes, for exact names, numbers and rare words.
The scope is one workspace; with a brand, that brand's sources and the workspace's shared ones
(sources without a brand), never another brand's.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Cast
from pgvector.django import CosineDistance, VectorField

from knowledge.models import INDEXED_DIMENSIONS, SEARCH_CONFIG, Chunk, Source
from sparklio.language.terms import search_terms
from sparklio.llm.embeddings import EmbeddingModel, configured_model
from sparklio.llm.errors import LLMError
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

RRF_K = 60  # the constant of reciprocal rank fusion (Cormack et al.): damps the top ranks
CANDIDATES = 40  # taken from each list before fusing
MODELS_CACHE_SECONDS = 600
DEFAULT_EF_SEARCH = 40  # pgvector's hnsw.ef_search unless set


@dataclass(frozen=True)
class Hit:
    chunk: int
    source: int
    source_title: str
    text: str
    score: float
    page: int | None
    heading: str
    language: str


def source_list() -> QuerySet[Source]:
    """Every source with its chunk count (the API scopes it to the caller's workspaces)."""
    # ordered explicitly: a query with an aggregate does not take Meta.ordering
    return Source.objects.select_related("brand").annotate(chunk_count=Count("chunks")).order_by("-created_at", "-id")


def scope(*, workspace_id: int, brand_id: int | None = None) -> QuerySet[Chunk]:
    chunks = Chunk.objects.filter(workspace_id=workspace_id)
    if brand_id is not None:
        chunks = chunks.filter(Q(brand_id=brand_id) | Q(brand__isnull=True))
    return chunks


def _models_key(workspace_id: int) -> str:
    return f"knowledge:models:{workspace_id}"


def forget_models(workspace_id: int) -> None:
    """Chunks of the workspace were written or re-embedded: its model list is read again."""
    cache.delete(_models_key(workspace_id))


def models_in(workspace_id: int) -> list[EmbeddingModel]:
    """The embedding models the workspace's chunks were made with (usually one)."""
    key = _models_key(workspace_id)
    found = cache.get(key)
    if found is None:
        rows = (
            Chunk.objects.filter(workspace_id=workspace_id, embedding_dim__isnull=False)
            .order_by()  # Meta.ordering's columns would join the DISTINCT
            .values_list("embedding_provider", "embedding_model", "embedding_dim")
            .distinct()
        )
        found = [list(row) for row in rows]
        cache.set(key, found, MODELS_CACHE_SECONDS)
    return [EmbeddingModel(provider, model, dim) for provider, model, dim in found]


def nearest(
    chunks: QuerySet[Chunk], vector, *, dimensions: int, limit: int, ef_search: int | None = None
) -> list[tuple[int, str, float]]:
    """(chunk id, language, cosine distance) of the ``limit`` nearest chunks of ``chunks`` that
    have ``dimensions``: through the HNSW index of that dimension when there is one, by exact
    search otherwise or when the index could not fill the list (a filter that keeps few of the
    index's candidates). ``ef_search``: the index's candidate list (KNOWLEDGE_HNSW_EF_SEARCH),
    recall against latency."""
    chunks = chunks.filter(embedding_dim=dimensions)
    if dimensions in INDEXED_DIMENSIONS:
        # The same expression as the partial index (knowledge.models), so PostgreSQL uses it.
        indexed = Cast("embedding", VectorField(dimensions=dimensions))
        ordered = (
            chunks.annotate(distance=CosineDistance(indexed, vector))
            .order_by("distance")
            .values_list("pk", "language", "distance")[:limit]
        )
        # the index returns at most ef_search rows; the filter keeps those of the scope
        ef_search = max(limit, ef_search or settings.KNOWLEDGE_HNSW_EF_SEARCH)
        if ef_search == DEFAULT_EF_SEARCH:
            rows = list(ordered)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL hnsw.ef_search = %s", [ef_search])
                rows = list(ordered)
        if len(rows) == limit:
            return rows
    return exact_nearest(chunks, vector, limit=limit)


def exact_nearest(chunks: QuerySet[Chunk], vector, *, limit: int) -> list[tuple[int, str, float]]:
    """The same list by comparing every chunk (no index can serve the uncast column)."""
    return list(
        chunks.annotate(distance=CosineDistance(F("embedding"), vector))
        .order_by("distance", "pk")
        .values_list("pk", "language", "distance")[:limit]
    )


def text_matches(chunks: QuerySet[Chunk], question: str, *, limit: int) -> list[int]:
    """Chunk ids best matching the question's morphemes (any of them), by full-text rank."""
    terms = list(dict.fromkeys(search_terms(question)))
    if not terms:
        return []
    query = SearchQuery(" or ".join(terms), search_type="websearch", config=SEARCH_CONFIG)
    return list(
        chunks.filter(search=query)
        .annotate(rank=SearchRank(F("search"), query))
        .order_by("-rank", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def fuse(lists: list[list[int]]) -> dict[int, float]:
    scores: dict[int, float] = defaultdict(float)
    for ranked in lists:
        for rank, pk in enumerate(ranked, start=1):
            scores[pk] += 1.0 / (RRF_K + rank)
    return scores


def _shortened(model: EmbeddingModel) -> int | None:
    """The ``dimensions`` to ask of the model for a question: the configured shortening when
    these chunks were made with it, else none (the model's own size)."""
    configured = configured_model()
    if (model.provider, model.model) == (configured.provider, configured.model):
        return configured.dimensions
    return None


def knowledge_search(
    *,
    workspace_id: int,
    question: str,
    brand_id: int | None = None,
    k: int = 5,
    user_id: int | None = None,
    balance_languages: bool = True,
    use_vectors: bool = True,
    use_text: bool = True,
) -> list[Hit]:
    """The ``k`` chunks of the scope that best answer ``question``, best first. (The switches
    let bench/knowledge.py compare the lists alone with their fusion.)"""
    chunks = scope(workspace_id=workspace_id, brand_id=brand_id)
    lists: list[list[int]] = []
    seats: list[int] = []
    models = (models_in(workspace_id) or [configured_model()]) if use_vectors else []
    for model in models:
        if model.dimensions is None:
            continue
        try:
            embedded = gateway.embed(
                [question],
                input_type="query",
                provider=model.provider,
                model=model.model,
                dimensions=_shortened(model),
                fallback=False,
                workspace_id=workspace_id,
                user_id=user_id,
            )
        except LLMError as exc:
            # the chunks of this model cannot be compared with anything else: text search only
            logger.warning("knowledge search without %s/%s vectors: %s", model.provider, model.model, exc)
            continue
        if embedded.dimensions != model.dimensions:
            logger.warning("knowledge search: %s/%s now gives %d dimensions, its chunks have %d",
                           model.provider, model.model, embedded.dimensions, model.dimensions)  # fmt: skip
            continue
        rows = nearest(
            chunks.filter(embedding_provider=model.provider, embedding_model=model.model),
            embedded.vectors[0],
            dimensions=model.dimensions,
            limit=CANDIDATES,
        )
        if balance_languages:
            by_language: dict[str, list[int]] = defaultdict(list)
            for pk, language, _distance in rows:
                by_language[language].append(pk)
            lists.extend(by_language.values())
            seats.extend(ranked[0] for ranked in by_language.values())
        else:
            lists.append([pk for pk, _language, _distance in rows])
    if use_text:
        lists.append(text_matches(chunks, question, limit=CANDIDATES))
    scores = fuse(lists)
    ranked = sorted(scores, key=lambda pk: (-scores[pk], pk))
    # The nearest chunk in each language keeps a seat: chunks of the question's language gather
    # votes from the text list too and would otherwise fill every place.
    chosen = list(dict.fromkeys(seats))[:k]
    chosen += [pk for pk in ranked if pk not in chosen][: k - len(chosen)]
    best = sorted(chosen, key=lambda pk: (-scores[pk], pk))
    rows = {chunk.pk: chunk for chunk in Chunk.objects.filter(pk__in=best).select_related("source")}
    return [
        Hit(
            chunk=pk,
            source=rows[pk].source_id,
            source_title=str(rows[pk].source),
            text=rows[pk].text,
            score=round(scores[pk], 6),
            page=rows[pk].page,
            heading=rows[pk].heading,
            language=rows[pk].language,
        )
        for pk in best
        if pk in rows
    ]


def chunks_needing_reembed(*, model: EmbeddingModel | None = None, workspace_id: int | None = None) -> QuerySet[Chunk]:
    """Chunks embedded with another provider, model or dimension than the configured one (or
    not embedded at all)."""
    model = model or configured_model()
    current = Q(embedding_provider=model.provider, embedding_model=model.model, embedding_dim__isnull=False)
    if model.dimensions:
        current &= Q(embedding_dim=model.dimensions)
    stale = Chunk.objects.exclude(current)
    if workspace_id is not None:
        stale = stale.filter(workspace_id=workspace_id)
    return stale.order_by("pk")
