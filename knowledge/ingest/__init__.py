"""The ingestor and data cleaner: bytes, a URL or pasted text in; a cleaned, de-duplicated,
structure-aware list of chunks out. Pure code: no models, no database."""

from .chunking import count_tokens
from .drafts import ChunkDraft, IngestedDoc, IngestError
from .pipeline import ingest_file, ingest_text, ingest_url, validate_url
from .sniff import sniff_upload

__all__ = [
    "ChunkDraft",
    "IngestError",
    "IngestedDoc",
    "count_tokens",
    "ingest_file",
    "ingest_text",
    "ingest_url",
    "sniff_upload",
    "validate_url",
]
