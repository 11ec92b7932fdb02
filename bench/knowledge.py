"""The knowledge base at 100,000 chunks: HNSW against exact search, ingestion, and retrieval
quality on the labelled Korean/English question set.

    .venv/bin/python bench/knowledge.py                 # 100,000 chunks, 2,000 of them real
    .venv/bin/python bench/knowledge.py --chunks 20000 --real 500 --queries 100

What it does, in one workspace of its own (deleted at the end unless --keep):
1. Corpus. ``--real`` passages written from templates (products, features, numbers, policies;
   half Korean, half English, none about the question set's brands) are embedded for real by
   the offline model (multilingual-e5-small). Embedding 100,000 passages on a 2-core machine
   takes hours, so the rest of the ``--chunks`` vectors are mixtures of two real ones plus
   noise, normalised: they lie among real embeddings rather than uniformly on the sphere (where
   every method looks equally good or bad). A mixture chunk carries the text of its first parent.
   Rows go in by COPY (binary), with the 384-d HNSW index dropped and built again afterwards.
2. Latency and recall. ``--queries`` real question embeddings; for each, the exact top-10
   (every vector compared) and the HNSW top-10 (the selector the API uses: the partial index)
   at each ``--ef`` value of hnsw.ef_search, interleaved. Prints p50/p95 of each, the ratio
   exact/HNSW at p95, and recall@10 of HNSW against exact.
3. Ingestion. The question set's 14 documents go through the real pipeline (source_create, the
   task: read, clean, chunk, embed, write), and, interleaved, the floor: the model alone
   embedding the same passages. Prints chunks per second of both and their ratio.
4. Quality. Every answerable question of knowledge/tests/data/qa_set.json is searched among all
   the chunks (the 14 documents plus the corpus as distractors), then again in a workspace that
   holds only the 14 documents; a hit is a chunk of the labelled document that contains the
   labelled answer. Prints recall@5 and MRR (first hit within 10) for
   hybrid retrieval, vectors alone, text alone, and hybrid without the per-language lists, by
   question language and for cross-language questions.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

import numpy as np  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from pgvector.psycopg import register_vector  # noqa: E402
from tqdm import tqdm  # noqa: E402

from knowledge import selectors, services  # noqa: E402
from knowledge.models import Chunk, Source, SourceKind, SourceStatus  # noqa: E402
from sparklio.celery import app as celery_app  # noqa: E402
from sparklio.core.models import Workspace  # noqa: E402
from sparklio.language.terms import search_terms  # noqa: E402
from sparklio.llm.providers.offline_embeddings import DIMENSIONS, MODEL, embed_sync  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QA_SET = ROOT / "knowledge" / "tests" / "data" / "qa_set.json"
WORKSPACE_NAME = "bench-knowledge"
DIM = DIMENSIONS

PRODUCTS_EN = [
    "Nova N3 speaker",
    "Lumi L5 lamp",
    "Aero A2 fan",
    "Terra T9 backpack",
    "Orbit O4 watch",
    "Pulse P7 headphones",
    "Vela V1 kettle",
    "Mira M8 camera",
    "Zen Z3 diffuser",
    "Flux F6 charger",
]
PRODUCTS_KO = [
    "노바 N3 스피커",
    "루미 L5 조명",
    "에어로 A2 선풍기",
    "테라 T9 백팩",
    "오르빗 O4 시계",
    "펄스 P7 헤드폰",
    "벨라 V1 전기포트",
    "미라 M8 카메라",
    "젠 Z3 디퓨저",
    "플럭스 F6 충전기",
]
FACTS_EN = [
    "The {p} weighs {n} grams and comes in {c}.",
    "The {p} runs for {n} hours on a full charge.",
    "Orders of the {p} ship within {m} business days from our Busan warehouse.",
    "The {p} carries a {m}-year limited warranty covering manufacturing defects.",
    "Clean the {p} with a dry cloth; never use solvents on the {c} finish.",
    "The {p} costs {n},000 won including VAT in the online store.",
    "Our {p} review campaign runs for {m} weeks on Instagram and YouTube.",
    "Firmware {m}.{n} of the {p} adds a quieter night mode.",
]
FACTS_KO = [
    "{p}의 무게는 {n}그램이며 {c} 색상으로 출시됩니다.",
    "{p}은 완전히 충전하면 {n}시간 동안 사용할 수 있습니다.",
    "{p} 주문은 부산 물류센터에서 영업일 기준 {m}일 이내에 출고됩니다.",
    "{p}에는 제조 결함을 보장하는 {m}년 품질 보증이 제공됩니다.",
    "{p}은 마른 천으로 닦아 주시고 {c} 마감에는 용제를 쓰지 마세요.",
    "{p}의 가격은 온라인 스토어에서 부가세 포함 {n},000원입니다.",
    "{p} 리뷰 캠페인은 인스타그램과 유튜브에서 {m}주 동안 진행됩니다.",
    "{p} 펌웨어 {m}.{n} 버전에는 더 조용한 야간 모드가 추가되었습니다.",
]
COLOURS_EN = ["sand beige", "forest green", "graphite", "coral", "ivory", "navy"]
COLOURS_KO = ["샌드 베이지", "포레스트 그린", "그라파이트", "코랄", "아이보리", "네이비"]
QUESTIONS_EN = [
    "How heavy is the {p}?",
    "How long does the {p} run on a charge?",
    "What does the {p} cost?",
    "How long is the warranty of the {p}?",
    "When will my {p} order ship?",
]
QUESTIONS_KO = ["{p} 무게는 얼마인가요?", "{p} 배터리는 몇 시간 가나요?", "{p} 가격이 얼마예요?",
                "{p} 보증 기간은 얼마나 되나요?", "{p} 주문하면 언제 출고되나요?"]  # fmt: skip


def passages(count: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for i in range(count):
        korean = i % 2 == 1
        template = rng.choice(FACTS_KO if korean else FACTS_EN)
        text = template.format(
            p=rng.choice(PRODUCTS_KO if korean else PRODUCTS_EN),
            n=rng.randint(2, 99),
            m=rng.randint(1, 9),
            c=rng.choice(COLOURS_KO if korean else COLOURS_EN),
        )
        out.append((text, "ko" if korean else "en"))
    return out


def embed_all(texts: list[str], *, query: bool, desc: str) -> np.ndarray:
    vectors = []
    for first in tqdm(range(0, len(texts), 32), desc=desc, unit="batch"):
        batch, _tokens = embed_sync(texts[first : first + 32], input_type="query" if query else "passage")
        vectors.extend(batch)
    return np.asarray(vectors, dtype=np.float32)


def mixtures(real: np.ndarray, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    parents = rng.integers(0, len(real), size=(count, 2))
    weights = rng.uniform(0.55, 0.9, size=(count, 1)).astype(np.float32)
    mixed = weights * real[parents[:, 0]] + (1 - weights) * real[parents[:, 1]]
    mixed += rng.normal(0, 0.01, size=mixed.shape).astype(np.float32)
    mixed /= np.linalg.norm(mixed, axis=1, keepdims=True)
    return mixed, parents[:, 0]


def hnsw_index():
    return next(index for index in Chunk._meta.indexes if index.name == f"kchunk_hnsw_{DIM}")


def load(workspace: Workspace, texts: list[tuple[str, str]], vectors: np.ndarray, text_of: np.ndarray) -> float:
    """COPY every chunk in (the 384-d index dropped first, built again after); returns seconds
    spent building the index."""
    per_source = 1000
    sources = [
        Source.objects.create(
            workspace=workspace, title=f"Corpus {n}", kind=SourceKind.TEXT, status=SourceStatus.READY
        ).pk
        for n in range(0, len(vectors) // per_source + 1)
    ]
    terms_of = [" ".join(search_terms(text)) for text, _ in tqdm(texts, desc="terms", unit="passage")]
    now = timezone.now()
    with connection.schema_editor() as editor:
        editor.remove_index(Chunk, hnsw_index())
    try:
        _copy(workspace, texts, vectors, text_of, sources, per_source, terms_of, now)
    finally:  # the index comes back whatever happened
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
        with connection.schema_editor() as editor:
            editor.add_index(Chunk, hnsw_index())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledge_chunk")
    return time.perf_counter() - started


def _copy(workspace, texts, vectors, text_of, sources, per_source, terms_of, now) -> None:
    connection.ensure_connection()
    raw = connection.connection
    register_vector(raw)
    columns = (
        "workspace_id, source_id, index, text, heading, language, tokens, embedding, "
        "embedding_provider, embedding_model, embedding_dim, terms, created_at"
    )
    with raw.cursor() as cursor, cursor.copy(f"COPY knowledge_chunk ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(
                ["int8", "int8", "int4", "text", "varchar", "varchar", "int4", "vector", "varchar", "varchar", "int2",
                 "text", "timestamptz"]
            )  # fmt: skip
        for row, vector in enumerate(tqdm(vectors, desc="copy", unit="chunk")):
            text, language = texts[text_of[row]]
            copy.write_row(
                    [workspace.pk, sources[row // per_source], row % per_source, text, "", language,
                     len(text.split()), vector, "offline", MODEL, DIM, terms_of[text_of[row]], now]
                )  # fmt: skip


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1]


def latency(workspace: Workspace, queries: np.ndarray, ef_values: list[int]) -> None:
    chunks = Chunk.objects.filter(workspace_id=workspace.pk, embedding_provider="offline", embedding_model=MODEL)
    timings: dict[str, list[float]] = {f"HNSW, ef_search {ef}": [] for ef in ef_values}
    timings["exact (every vector)"] = []
    recalls: dict[int, list[float]] = {ef: [] for ef in ef_values}
    fell_back = 0
    for _ in range(3):  # warm both paths (buffers, plans)
        for ef in ef_values:
            selectors.nearest(chunks, queries[0], dimensions=DIM, limit=10, ef_search=ef)
        selectors.exact_nearest(chunks.filter(embedding_dim=DIM), queries[0], limit=10)
    for query in tqdm(queries, desc="queries", unit="query"):
        started = time.perf_counter()
        truth = {pk for pk, _, _ in selectors.exact_nearest(chunks.filter(embedding_dim=DIM), query, limit=10)}
        timings["exact (every vector)"].append((time.perf_counter() - started) * 1000)
        for ef in ef_values:
            started = time.perf_counter()
            approximate = selectors.nearest(chunks, query, dimensions=DIM, limit=10, ef_search=ef)
            timings[f"HNSW, ef_search {ef}"].append((time.perf_counter() - started) * 1000)
            recalls[ef].append(len({pk for pk, _, _ in approximate} & truth) / 10)
            fell_back += len(approximate) < 10
    print(f"\ntop-10 over {chunks.count():,} chunks, {len(queries)} queries, interleaved (ms):")
    exact_p95 = percentile(timings["exact (every vector)"], 95)
    for name, samples in timings.items():
        line = f"  {name:24} p50 {statistics.median(samples):7.2f}   p95 {percentile(samples, 95):7.2f}"
        if name.startswith("HNSW"):
            ef = int(name.rsplit(" ", 1)[1])
            line += f"   exact/HNSW at p95 {exact_p95 / percentile(samples, 95):5.1f}x"
            line += f"   recall@10 {statistics.mean(recalls[ef]):.3f} (min {min(recalls[ef]):.1f})"
        print(line)
    if fell_back:
        print(f"  {fell_back} queries fell back to exact search")


def ingest(workspace: Workspace, documents: list[dict]) -> None:
    celery_app.conf.task_always_eager = True
    pipeline_s = floor_s = 0.0
    chunks = 0
    for document in tqdm(documents, desc="ingest", unit="doc"):
        started = time.perf_counter()
        source = services.source_create(
            workspace=workspace, created_by=None, title=document["title"], text=document["text"]
        )
        pipeline_s += time.perf_counter() - started
        source.refresh_from_db()
        assert source.status == SourceStatus.READY, (source.title, source.error)
        texts = [services.passage_text(c.text, c.heading) for c in source.chunks.order_by("index")]
        chunks += len(texts)
        started = time.perf_counter()
        embed_sync(texts, input_type="passage")
        floor_s += time.perf_counter() - started
    print(f"\ningestion of {len(documents)} documents ({chunks} chunks), interleaved:")
    print(f"  pipeline (create, read, clean, chunk, embed, write): {chunks / pipeline_s:6.2f} chunks/s")
    print(f"  the model alone on the same passages (floor):          {chunks / floor_s:6.2f} chunks/s")
    print(f"  pipeline time / model time: {pipeline_s / floor_s:.2f}")


def quality(workspace: Workspace, questions: list[dict], documents: dict[str, str]) -> None:
    modes = {
        "hybrid": {},
        "vectors only": {"use_text": False},
        "text only": {"use_vectors": False},
        "hybrid, one vector list": {"balance_languages": False},
    }
    total = Chunk.objects.filter(workspace=workspace).count()
    print(f"\nretrieval on {len(questions)} answerable questions among {total:,} chunks")
    print("(a hit: a chunk of the labelled document that holds the labelled answer)")
    for name, options in modes.items():
        ranks: dict[str, list[tuple[int | None, int | None]]] = {"all": [], "ko": [], "en": [], "cross": []}
        for question in questions:

            def rank_in(hits, question=question):
                return next(
                    (
                        position
                        for position, hit in enumerate(hits, start=1)
                        if hit.source_title == documents[question["document"]]
                        and question["answer"].lower() in hit.text.lower()
                    ),
                    None,
                )

            ask = {"workspace_id": workspace.pk, "question": question["question"], **options}
            # R@5 from what the API gives for k=5 (each language's nearest chunk keeps a seat in
            # it); the reciprocal rank from k=10
            top5 = rank_in(selectors.knowledge_search(k=5, **ask))
            rank = rank_in(selectors.knowledge_search(k=10, **ask))
            for group in ("all", question["language"], *(("cross",) if question["cross_language"] else ())):
                ranks[group].append((top5, rank))
        line = []
        for group, found in ranks.items():
            recall5 = sum(1 for top5, _ in found if top5) / len(found)
            mrr = sum(1 / rank for _, rank in found if rank) / len(found)
            line.append(f"{group} ({len(found)}) R@5 {recall5:.2f} MRR {mrr:.2f}")
        print(f"  {name:24} " + " | ".join(line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--real", type=int, default=2_000, help="passages embedded for real")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef", default="40,100,200", help="hnsw.ef_search values to compare")
    parser.add_argument("--keep", action="store_true", help="keep the bench workspace")
    args = parser.parse_args()

    Workspace.objects.filter(name__startswith=WORKSPACE_NAME).delete()
    workspace = Workspace.objects.create(name=WORKSPACE_NAME)
    workspaces = [workspace]
    rng, np_rng = random.Random(13), np.random.default_rng(13)
    data = json.loads(QA_SET.read_text())
    try:
        started = time.perf_counter()
        texts = passages(args.real, rng)
        real = embed_all([text for text, _ in texts], query=False, desc="embed corpus")
        print(f"{args.real} real passages embedded in {time.perf_counter() - started:.0f} s")
        mixed, parents = mixtures(real, max(args.chunks - args.real, 0), np_rng)
        vectors = np.vstack([real, mixed])
        text_of = np.concatenate([np.arange(len(real)), parents])
        started = time.perf_counter()
        index_s = load(workspace, texts, vectors, text_of)
        print(f"{len(vectors):,} chunks loaded in {time.perf_counter() - started:.0f} s (HNSW build {index_s:.0f} s)")

        question_texts = [q["question"] for q in data["questions"]]
        while len(question_texts) < args.queries:
            korean = len(question_texts) % 2 == 1
            template = rng.choice(QUESTIONS_KO if korean else QUESTIONS_EN)
            question_texts.append(template.format(p=rng.choice(PRODUCTS_KO if korean else PRODUCTS_EN)))
        queries = embed_all(question_texts[: args.queries], query=True, desc="embed queries")
        latency(workspace, queries, [int(ef) for ef in args.ef.split(",")])

        ingest(workspace, data["documents"])
        selectors.forget_models(workspace.pk)
        titles = {document["id"]: document["title"] for document in data["documents"]}
        answerable = [q for q in data["questions"] if q["document"]]
        quality(workspace, answerable, titles)

        # The same questions in a workspace holding only the question set's documents: the
        # size of a brand's own knowledge base, without the corpus's look-alike passages.
        alone = Workspace.objects.create(name=f"{WORKSPACE_NAME}-qa")
        workspaces.append(alone)
        for document in data["documents"]:
            services.source_create(workspace=alone, created_by=None, title=document["title"], text=document["text"])
        quality(alone, answerable, titles)
    finally:
        if not args.keep:
            with transaction.atomic():
                Workspace.objects.filter(pk__in=[w.pk for w in workspaces]).delete()


if __name__ == "__main__":
    main()
