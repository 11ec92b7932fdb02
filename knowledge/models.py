import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Cast
from pgvector.django import HnswIndex, VectorField

from sparklio.core.models import WorkspaceScopedModel

# The dimensions that get an HNSW index. pgvector indexes only columns of a fixed dimension (and
# at most 2,000), while chunks keep whatever dimension their model gave, so each of these has a
# partial index over ``embedding::vector(N) WHERE embedding_dim = N``; a search casts the same
# way to use it. 384: multilingual-e5-small (offline); 768: Gemini text-embedding-004, Ollama's
# nomic-embed-text; 1024: bge-m3 / mxbai on Ollama; 1536: OpenAI text-embedding-3-small.
# Another dimension still works, by exact search.
INDEXED_DIMENSIONS = (384, 768, 1024, 1536)

# The text search configuration of the ``terms`` column: Kiwi already cut Korean into morphemes,
# and 'english' then stems the English words and drops its stop words, leaving Hangul as it is.
SEARCH_CONFIG = "english"


def source_upload_path(instance: "Source", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"uploads/{instance.workspace_id}/knowledge/{uuid.uuid4().hex}.{ext}"


class SourceKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML"
    TXT = "txt", "Plain text file"
    CSV = "csv", "CSV"
    URL = "url", "Web page"
    TEXT = "text", "Pasted text"


class SourceStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Source(WorkspaceScopedModel):
    """A document of the knowledge base: an upload, a web page or pasted text, and its state.

    The original (file or pasted text) is kept in ``file`` so that processing, which runs in a
    task after the request, and a later re-processing read the same bytes."""

    brand = models.ForeignKey(
        "brands.BrandKit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="knowledge_sources",
        help_text="Empty: knowledge of the whole workspace.",
    )
    title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    status = models.CharField(max_length=16, choices=SourceStatus.choices, default=SourceStatus.PENDING)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=8, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    file = models.FileField(upload_to=source_upload_path, max_length=255, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes of the original")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="ksource_ws_recent")]

    def __str__(self) -> str:
        return self.title or self.original_name or self.url or f"Source {self.pk}"


class Chunk(models.Model):
    """A passage of a source with its embedding and its search terms.

    Workspace and brand are copied from the source so a search filters one table. Each chunk
    records the provider, model and dimension it was embedded with: queries are embedded with
    the same model, and ``knowledge_reindex`` re-embeds those that differ from the configured one.
    """

    workspace = models.ForeignKey("core.Workspace", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="chunks")
    brand = models.ForeignKey("brands.BrandKit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    index = models.PositiveIntegerField(help_text="0.. in document order")
    text = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True)
    heading = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True)
    tokens = models.PositiveIntegerField(default=0)
    embedding = VectorField(null=True, blank=True)
    embedding_provider = models.CharField(max_length=32, blank=True)
    embedding_model = models.CharField(max_length=120, blank=True)
    embedding_dim = models.PositiveSmallIntegerField(null=True, blank=True)
    # Kiwi's morphemes of the text (Korean nouns and stems, English words, numbers), space
    # separated; ``search`` is PostgreSQL's full-text vector of them.
    terms = models.TextField(blank=True)
    search = models.GeneratedField(
        expression=SearchVector("terms", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "index"]
        constraints = [models.UniqueConstraint(fields=["source", "index"], name="unique_chunk_index_per_source")]
        indexes = [
            models.Index(fields=["workspace", "embedding_dim", "embedding_model"], name="kchunk_ws_model"),
            GinIndex(fields=["search"], name="kchunk_search"),
            *[
                HnswIndex(
                    OpClass(Cast("embedding", VectorField(dimensions=dim)), name="vector_cosine_ops"),
                    name=f"kchunk_hnsw_{dim}",
                    condition=models.Q(embedding_dim=dim),
                    m=16,
                    ef_construction=64,
                )
                for dim in INDEXED_DIMENSIONS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.source_id}#{self.index}"
