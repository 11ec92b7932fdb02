"""Embeddings through the gateway: batched, cached, retried, recorded and with a fallback.

    from sparklio.llm.gateway import gateway
    result = gateway.embed(["passage one", "passage two"], input_type="passage", workspace_id=ws.id)
    result.vectors, result.provider, result.model, result.dimensions

The configured model (EMBEDDING_PROVIDER, EMBEDDING_MODEL, EMBEDDING_DIMENSIONS) is asked
first; when it fails after its retries (or cools down), the offline model answers, unless
EMBEDDING_FALLBACK is off. All vectors of one call come from one model, since vectors of two
models cannot be compared: a batch failing half way moves the whole call to the next model.
Whoever stores vectors stores the provider, model and dimension that made them, and asks for
the same ones (``provider=``, ``model=``, ``fallback=False``) to embed a query against them.

Each text's vector is cached per workspace, provider, model, dimension and input type, so
re-processing a source or asking the same question again costs nothing. Every batch sent
writes a ledger row (purpose "embedding"), and so does a call answered from the cache. Remote
providers count against the workspace's rate limits and budget; the offline model, a local
CPU computation, does not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache

from sparklio.llm import limits, services
from sparklio.llm.errors import NoModelAvailable, ProviderError
from sparklio.llm.models import Outcome
from sparklio.llm.pricing import cost_of
from sparklio.llm.providers import offline_embeddings
from sparklio.llm.providers.base import Provider
from sparklio.llm.types import Attempt, EmbeddingResult, EmbedReply, EmbedRequest, Usage

OFFLINE = "offline"


@dataclass(frozen=True)
class EmbeddingModel:
    provider: str
    model: str
    dimensions: int | None = None  # None: the model's own


def default_model_for(provider: str) -> str:
    if provider == OFFLINE:
        return offline_embeddings.MODEL
    return settings.LLM_MODELS.get(provider, {}).get("embedding", "")


def configured_model() -> EmbeddingModel:
    """The model new chunks are embedded with (settings)."""
    provider = settings.EMBEDDING_PROVIDER
    model = settings.EMBEDDING_MODEL or default_model_for(provider)
    dimensions = settings.EMBEDDING_DIMENSIONS or None
    if provider == OFFLINE:
        dimensions = None
    return EmbeddingModel(provider, model, dimensions)


def plan(*, provider: str | None, model: str | None, dimensions: int | None, fallback: bool) -> list[EmbeddingModel]:
    """The models to try in order: the one asked for (or configured), then offline."""
    first = configured_model() if provider is None else EmbeddingModel(provider, model or "", dimensions)
    if provider is not None and not first.model:
        first = replace(first, model=default_model_for(provider))
    if provider is None and model:
        first = replace(first, model=model)
    if provider is None and dimensions:
        first = replace(first, dimensions=dimensions)
    chain = [first]
    if fallback and settings.EMBEDDING_FALLBACK and first.provider != OFFLINE:
        chain.append(EmbeddingModel(OFFLINE, offline_embeddings.MODEL))
    return chain


_offline_provider = offline_embeddings.OfflineEmbeddingProvider()


def _estimate_tokens(texts: Sequence[str]) -> int:
    return sum(len(text.encode()) // 3 + 1 for text in texts)


def _vector_key(workspace_id, choice: EmbeddingModel, input_type: str, text: str) -> str:
    key = limits.cache_key(
        {
            "embedding": True,
            "workspace": workspace_id,
            "provider": choice.provider,
            "model": choice.model,
            "dimensions": choice.dimensions,
            "input_type": input_type,
            "text": text,
        }
    )
    return key.replace(":answer:", ":embedding:")


class Embedder:
    """The embedding path of a Gateway: it uses the gateway's providers, retry loop and ledger."""

    def __init__(self, gateway):
        self.gateway = gateway

    def providers(self, wanted: set[str] | None = None) -> dict[str, Provider]:
        """The offline model, and the gateway's providers unless only the offline one is wanted
        (building them costs SDK clients and SSL contexts a local embedding does not need)."""
        available = {} if wanted == {OFFLINE} else dict(self.gateway.providers())
        available.setdefault(OFFLINE, _offline_provider)
        return available

    async def aembed(
        self,
        texts: Sequence[str],
        *,
        input_type: str = "passage",
        provider: str | None = None,
        model: str | None = None,
        dimensions: int | None = None,
        fallback: bool = True,
        use_cache: bool = True,
        timeout: float | None = None,
        batch_size: int | None = None,
        workspace_id: int | None = None,
        user_id: int | None = None,
        cause=None,
    ) -> EmbeddingResult:
        texts = [str(text) for text in texts]
        if input_type not in ("query", "passage"):
            raise ValueError("input_type: 'query' or 'passage'")
        if any(not text.strip() for text in texts):
            raise ValueError("texts: an empty text has no embedding")
        chain = plan(provider=provider, model=model, dimensions=dimensions, fallback=fallback)
        available = self.providers({choice.provider for choice in chain})
        if provider is not None and provider not in available:
            known = self.providers()
            raise ValueError(f"provider: unknown provider {provider!r}; known: {', '.join(known)}")
        ctx = await sync_to_async(services.CallContext.build)(
            purpose="embedding", workspace_id=workspace_id, user_id=user_id, cause=cause
        )
        started = time.perf_counter()
        reasons: dict[str, str] = {}
        attempts: list[Attempt] = []
        for index, choice in enumerate(chain):
            instance = available.get(choice.provider)
            if instance is None or not instance.configured() or not choice.model:
                reasons[choice.provider] = "not configured"
                continue
            if choice.provider != OFFLINE and (until := limits.cooldown_until(choice.provider)):
                reasons[choice.provider] = f"cooling down for another {until - time.time():.0f} s"
                continue
            try:
                return await self._embed_with(
                    instance,
                    choice,
                    texts,
                    input_type=input_type,
                    use_cache=use_cache,
                    timeout=timeout or settings.LLM_TIMEOUT_SECONDS,
                    batch_size=batch_size or settings.EMBEDDING_BATCH_SIZE,
                    ctx=ctx,
                    attempts=attempts,
                    fell_back=index > 0 or bool(attempts),
                    started=started,
                )
            except ProviderError as exc:
                reasons[choice.provider] = str(exc)
        raise NoModelAvailable(reasons)

    async def _embed_with(
        self, instance, choice, texts, *, input_type, use_cache, timeout, batch_size, ctx, attempts, fell_back, started
    ) -> EmbeddingResult:
        vectors: list[list[float] | None] = [None] * len(texts)
        keys = [_vector_key(ctx.workspace_id, choice, input_type, text) for text in texts] if use_cache else []
        if keys:
            found = cache.get_many(keys)
            for position, key in enumerate(keys):
                vectors[position] = found.get(key)
        cached = sum(vector is not None for vector in vectors)
        missing = [position for position, vector in enumerate(vectors) if vector is None]
        if cached:
            await sync_to_async(services.call_record)(
                ctx=ctx,
                provider=choice.provider,
                model=choice.model,
                outcome=Outcome.CACHE_HIT,
                latency_ms=(time.perf_counter() - started) * 1000,
                attempt=len(attempts) + 1,
                fallback=fell_back,
                cache_hit=True,
            )
        if missing and choice.provider != OFFLINE:
            await sync_to_async(self._preflight)(ctx, choice, [texts[position] for position in missing])
        usage = Usage()
        model_name = choice.model
        for first in range(0, len(missing), batch_size):
            batch = missing[first : first + batch_size]
            request = EmbedRequest(
                model=choice.model,
                texts=[texts[position] for position in batch],
                input_type=input_type,
                dimensions=choice.dimensions,
                timeout=timeout,
            )
            reply = await self._send_batch(instance, request, ctx, attempts, fell_back)
            usage = usage + reply.usage
            model_name = reply.model or model_name
            for position, vector in zip(batch, reply.vectors, strict=True):
                vectors[position] = vector
            if keys:
                cache.set_many({keys[position]: vectors[position] for position in batch}, settings.LLM_CACHE_SECONDS)
        dims = {len(vector) for vector in vectors}
        if len(dims) > 1:  # cached vectors of an older model version under the same name
            raise ProviderError(
                choice.provider, f"vectors of different dimensions: {sorted(dims)}", kind="bad_response"
            )
        cost, _ = cost_of(choice.provider, model_name, usage)
        return EmbeddingResult(
            vectors=vectors,
            provider=choice.provider,
            model=choice.model,
            dimensions=dims.pop() if dims else (choice.dimensions or 0),
            usage=usage,
            cost_usd=float(cost),
            latency_ms=(time.perf_counter() - started) * 1000,
            cached=cached,
            fallback_from=list(dict.fromkeys(a.provider for a in attempts if a.provider != choice.provider)),
            attempts=attempts,
        )

    async def _send_batch(self, instance: Provider, request: EmbedRequest, ctx, attempts, fell_back) -> EmbedReply:
        """One batch, retried on retryable errors within its own deadline; the reply checked."""
        gateway = self.gateway
        max_wait = settings.LLM_RETRY_MAX_WAIT_SECONDS
        deadline = time.monotonic() + (settings.LLM_CALL_DEADLINE_SECONDS or 2 * request.timeout)
        retrying = gateway._retrying(max_wait, deadline=deadline, timeout=request.timeout)
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._send_once(instance, request, ctx, attempts, fell_back)
        except ProviderError as exc:
            if instance.name != OFFLINE:
                gateway._gave_up(instance.name, exc, max_wait)
            raise
        raise AssertionError("unreachable: the retry loop returns or raises")

    async def _send_once(self, instance: Provider, request: EmbedRequest, ctx, attempts, fell_back) -> EmbedReply:
        gateway = self.gateway
        started = time.perf_counter()
        try:
            reply = await asyncio.wait_for(instance.embed(request), timeout=request.timeout * 1.5 + 1)
            _check(instance.name, request, reply)
        except TimeoutError as exc:
            error = ProviderError(instance.name, "no answer in time", kind="timeout", retryable=True)
            await gateway._record_failure(instance.name, request.model, ctx, attempts, fell_back, started, error)
            raise error from exc
        except ProviderError as exc:
            await gateway._record_failure(instance.name, request.model, ctx, attempts, fell_back, started, exc)
            raise
        attempts.append(Attempt(instance.name, request.model, "ok"))
        if instance.name != OFFLINE:
            limits.record_success(instance.name)
        latency = (time.perf_counter() - started) * 1000
        await gateway._record_ok(
            instance.name, reply.model or request.model, reply.usage, ctx, len(attempts), fell_back, latency, None
        )
        return reply

    @staticmethod
    def _preflight(ctx: services.CallContext, choice: EmbeddingModel, texts: list[str]) -> None:
        """The workspace's rate limit and budget, as for a completion (remote providers only)."""
        estimate = Usage(input_tokens=_estimate_tokens(texts))
        services.workspace_preflight(ctx=ctx, provider=choice.provider, model=choice.model, estimate=estimate)


def _check(name: str, request: EmbedRequest, reply: EmbedReply) -> None:
    """A reply must hold one non-empty vector per text, all of one dimension (the one asked for)."""
    if len(reply.vectors) != len(request.texts):
        raise ProviderError(name, f"{len(reply.vectors)} vectors for {len(request.texts)} texts", kind="bad_response")
    dims = {len(vector) for vector in reply.vectors}
    if len(dims) != 1 or 0 in dims:
        raise ProviderError(name, f"vectors of dimensions {sorted(dims)}", kind="bad_response")
    if request.dimensions and dims != {request.dimensions}:
        raise ProviderError(name, f"asked for {request.dimensions} dimensions, got {dims.pop()}", kind="bad_response")
