"""What crosses the gateway's boundary: messages in; text, usage and stream events out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["system", "user", "assistant"]
Purpose = Literal["fast", "smart", "vision", "embedding"]


class ImagePart(BaseModel):
    """An image given to a vision model, inline as base64."""

    media_type: str = Field(pattern=r"^image/(png|jpeg|webp|gif)$")
    data_b64: str


class Message(BaseModel):
    role: Role
    content: str
    images: list[ImagePart] = Field(default_factory=list)


class Usage(BaseModel):
    input_tokens: int = 0  # all prompt tokens, cached ones included
    output_tokens: int = 0
    cached_input_tokens: int = 0  # prompt tokens read from the provider's prompt cache
    cache_write_tokens: int = 0  # prompt tokens written to it (Anthropic bills these higher)

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{name: getattr(self, name) + getattr(other, name) for name in Usage.model_fields})


@dataclass(frozen=True)
class StructuredSpec:
    """A JSON schema the reply must follow, with a name the providers accept."""

    name: str
    json_schema: dict[str, Any]


@dataclass(frozen=True)
class ProviderRequest:
    """One call as an adapter receives it: the model is already chosen."""

    model: str
    messages: list[Message]
    temperature: float | None = None
    max_tokens: int = 1024
    seed: int | None = None
    structured: StructuredSpec | None = None
    timeout: float = 60.0

    @property
    def system(self) -> str:
        return "\n\n".join(m.content for m in self.messages if m.role == "system")

    @property
    def conversation(self) -> list[Message]:
        return [m for m in self.messages if m.role != "system"]


@dataclass
class ProviderReply:
    """A finished, non-streamed answer. For structured calls ``text`` is the JSON document."""

    text: str
    usage: Usage
    finish_reason: str
    model: str


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class StreamEnd:
    """The provider's own end marker arrived (finish_reason, message_stop, done: true)."""

    usage: Usage
    finish_reason: str
    model: str


StreamChunk = TextDelta | StreamEnd


@dataclass
class Attempt:
    provider: str
    model: str
    outcome: str  # "ok", or the error kind
    error: str = ""


@dataclass
class LLMResult:
    """What the gateway returns: the text, the validated object when a schema was asked for,
    and how it was obtained."""

    text: str
    provider: str
    model: str
    usage: Usage
    cost_usd: float
    latency_ms: float
    cache_hit: bool = False
    fallback_from: list[str] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    data: Any = None
    # The cache hit's ledger row, when it was saved at once (None while the background writer holds it).
    call_id: int | None = None


# --- Embeddings ---------------------------------------------------------------------------------

EmbedInput = Literal["query", "passage"]


@dataclass(frozen=True)
class EmbedRequest:
    """One batch as an embedding adapter receives it. ``input_type`` tells a search query from a
    stored passage: e5 prefixes them ("query: " / "passage: "), Gemini takes a task type."""

    model: str
    texts: list[str]
    input_type: EmbedInput = "passage"
    dimensions: int | None = None  # a shortened vector, for models that offer one
    timeout: float = 60.0


@dataclass
class EmbedReply:
    vectors: list[list[float]]
    usage: Usage
    model: str


@dataclass
class EmbeddingResult:
    """What ``gateway.embed`` returns: one vector per text, in order, all from one model."""

    vectors: list[list[float]]
    provider: str
    model: str
    dimensions: int
    usage: Usage
    cost_usd: float
    latency_ms: float
    cached: int = 0  # how many of the vectors came from the cache
    fallback_from: list[str] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
