"""The chunk table's indexes and hybrid retrieval: HNSW through the partial index, full text over
Kiwi's morphemes, reciprocal-rank fusion, cross-language search and the workspace/brand scope."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection
from django.db.models.functions import Cast
from pgvector.django import CosineDistance, VectorField

from brands.tests.factories import BrandKitFactory
from knowledge import selectors
from knowledge.models import Chunk
from knowledge.tests.conftest import ready_source
from sparklio.core.tests.factories import WorkspaceFactory
from sparklio.language.terms import search_terms

pytestmark = pytest.mark.django_db

EARBUDS = [
    "The X1 earbuds play for 8 hours on one charge and up to 24 hours with the charging case.",
    "Returns are accepted within 30 days of delivery when the product is unused.",
    "The logo needs clear space of half its height on every side; never stretch it.",
    "Active noise cancelling on the X1 reduces low-frequency noise by up to 35 dB.",
]
KOREAN_OTHER = [
    "매장 영업시간은 평일 오전 10시부터 오후 8시까지입니다.",
    "회원 등급은 연간 구매 금액에 따라 실버, 골드, 플래티넘으로 나뉩니다.",
    "신제품 출시 행사는 서울 성수동 팝업 스토어에서 열립니다.",
]


def test_search_terms_cut_korean_particles_and_keep_english_words_and_numbers():
    assert search_terms("X1 이어폰은 배터리가 24시간 갑니다") == ["x1", "24", "이어폰", "배터리", "시간", "가"]
    assert search_terms("배터리를 충전하면") == ["배터리", "충전"]
    assert search_terms("Noise-cancelling, 35 dB.") == ["noise-cancelling", "35", "db"]


def test_the_nearest_query_uses_the_partial_hnsw_index_of_its_dimension(workspace):
    ready_source(workspace, EARBUDS)
    query = np.random.default_rng(1).random(384).astype("float32")
    chunks = Chunk.objects.filter(workspace_id=workspace.pk, embedding_dim=384)
    ordered = chunks.annotate(distance=CosineDistance(Cast("embedding", VectorField(dimensions=384)), query)).order_by(
        "distance"
    )[:10]
    sql, params = ordered.query.sql_with_params()
    with connection.cursor() as cursor:
        # a handful of rows makes a sequential scan cheaper; this asks whether the index can serve
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using kchunk_hnsw_384" in plan


def test_nearest_through_the_index_agrees_with_exact_search(workspace):
    ready_source(workspace, EARBUDS + KOREAN_OTHER)
    query = np.array(Chunk.objects.get(text=EARBUDS[3]).embedding)
    chunks = Chunk.objects.filter(workspace_id=workspace.pk)
    indexed = selectors.nearest(chunks, query, dimensions=384, limit=5)
    exact = selectors.exact_nearest(chunks.filter(embedding_dim=384), query, limit=5)
    assert [pk for pk, _, _ in indexed] == [pk for pk, _, _ in exact]
    assert indexed[0][2] == pytest.approx(0.0, abs=1e-5)


def test_a_korean_question_finds_the_english_passage_that_answers_it(workspace):
    ready_source(workspace, EARBUDS + KOREAN_OTHER)

    hits = selectors.knowledge_search(workspace_id=workspace.pk, question="X1 이어폰 배터리는 몇 시간 가나요?", k=3)

    assert hits[0].text == EARBUDS[0]
    assert hits[0].source_title == "Notes"
    assert hits[0].score > hits[1].score


def test_an_english_question_finds_the_korean_passage(workspace):
    ready_source(workspace, EARBUDS[2:] + KOREAN_OTHER)
    hits = selectors.knowledge_search(workspace_id=workspace.pk, question="What are the store opening hours?", k=3)
    assert KOREAN_OTHER[0] in [hit.text for hit in hits]


def test_full_text_matches_a_korean_word_whatever_its_particle(workspace):
    ready_source(workspace, ["X1의 배터리는 충전 케이스와 함께 24시간 갑니다.", "로고 주변에는 여백을 둡니다."])
    found = selectors.text_matches(Chunk.objects.filter(workspace=workspace), "배터리를 얼마나 쓰나요", limit=5)
    assert [Chunk.objects.get(pk=pk).text for pk in found] == ["X1의 배터리는 충전 케이스와 함께 24시간 갑니다."]


def test_search_never_returns_another_workspace_or_another_brands_chunks(workspace):
    brand = BrandKitFactory(workspace=workspace)
    other_brand = BrandKitFactory(workspace=workspace)
    ready_source(workspace, [EARBUDS[0]], title="X1 sheet", brand=brand)
    ready_source(workspace, [EARBUDS[1]], title="Returns policy")  # shared by every brand
    ready_source(workspace, ["The Z9 speaker plays for 24 hours on one charge."], title="Z9", brand=other_brand)
    elsewhere = WorkspaceFactory()
    ready_source(elsewhere, ["The X1 earbuds play for 30 hours in the other workspace."], title="Other")

    for_brand = selectors.knowledge_search(workspace_id=workspace.pk, brand_id=brand.pk, question="battery hours", k=10)
    assert {hit.source_title for hit in for_brand} == {"X1 sheet", "Returns policy"}

    everything = selectors.knowledge_search(workspace_id=workspace.pk, question="battery hours", k=10)
    assert {hit.source_title for hit in everything} == {"X1 sheet", "Returns policy", "Z9"}

    assert selectors.knowledge_search(workspace_id=WorkspaceFactory().pk, question="battery hours", k=10) == []


def test_chunks_of_two_models_are_each_searched_with_their_own_model(workspace):
    """After a fallback some chunks hold another model's vectors: the question is embedded with
    each, never compared across models."""
    ready_source(workspace, EARBUDS)
    odd = ready_source(workspace, ["Warranty: one year against manufacturing defects."], title="Warranty")
    # as if a 3-d remote model had embedded this source: nothing else has that model
    Chunk.objects.filter(source=odd).update(
        embedding=[1.0, 0.0, 0.0], embedding_provider="ollama", embedding_model="tiny", embedding_dim=3
    )
    selectors.forget_models(workspace.pk)
    models = selectors.models_in(workspace.pk)
    assert sorted((m.provider, m.dimensions) for m in models) == [("offline", 384), ("ollama", 3)]  # once each

    # no Ollama is configured: its chunks are still found by text, the rest by vectors and text
    hits = selectors.knowledge_search(workspace_id=workspace.pk, question="How long is the warranty?", k=5)
    assert "Warranty" in [hit.source_title for hit in hits]
    assert EARBUDS[0] in [hit.text for hit in hits]
