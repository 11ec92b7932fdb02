import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
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
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (DOCX)")
    MARKDOWN = "markdown", _("Markdown")
    HTML = "html", _("HTML")
    TXT = "txt", _("Plain text file")
    CSV = "csv", _("CSV")
    URL = "url", _("Web page")
    TEXT = "text", _("Pasted text")


class SourceStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


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
        help_text=_("Empty: knowledge of the whole workspace."),
        verbose_name=_("brand"),
    )
    title = models.CharField(max_length=300, blank=True, verbose_name=_("title"))
    kind = models.CharField(max_length=16, choices=SourceKind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=16, choices=SourceStatus.choices, default=SourceStatus.PENDING, verbose_name=_("status")
    )
    error = models.TextField(blank=True, verbose_name=_("error"))
    warnings = models.JSONField(default=list, blank=True, verbose_name=_("warnings"))
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    url = models.URLField(max_length=2000, blank=True, verbose_name=_("URL"))
    file = models.FileField(upload_to=source_upload_path, max_length=255, blank=True, verbose_name=_("file"))
    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original name"))
    size = models.PositiveBigIntegerField(default=0, help_text=_("Bytes of the original"), verbose_name=_("size"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    processed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("processed at"))

    class Meta:
        verbose_name = _("knowledge source")
        verbose_name_plural = _("knowledge sources")
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

    workspace = models.ForeignKey(
        "core.Workspace", on_delete=models.CASCADE, related_name="+", verbose_name=_("workspace")
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("source"))
    brand = models.ForeignKey(
        "brands.BrandKit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("brand")
    )
    index = models.PositiveIntegerField(help_text=_("0.. in document order"), verbose_name=_("index"))
    text = models.TextField(verbose_name=_("text"))
    page = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("page"))
    heading = models.CharField(max_length=500, blank=True, verbose_name=_("heading"))
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    tokens = models.PositiveIntegerField(default=0, verbose_name=_("tokens"))
    embedding = VectorField(null=True, blank=True, verbose_name=_("embedding"))
    embedding_provider = models.CharField(max_length=32, blank=True, verbose_name=_("embedding provider"))
    embedding_model = models.CharField(max_length=120, blank=True, verbose_name=_("embedding model"))
    embedding_dim = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("embedding dimension"))
    # Kiwi's morphemes of the text (Korean nouns and stems, English words, numbers), space
    # separated; ``search`` is PostgreSQL's full-text vector of them.
    terms = models.TextField(blank=True, verbose_name=_("terms"))
    search = models.GeneratedField(
        expression=SearchVector("terms", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("chunk")
        verbose_name_plural = _("chunks")
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
