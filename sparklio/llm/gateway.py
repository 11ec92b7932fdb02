"""The LLM gateway: one call in, a routed, retried, budgeted, cached and recorded answer out.

    from sparklio.llm.gateway import gateway
    result = gateway.complete([{"role": "user", "content": "..."}], purpose="fast", workspace_id=ws.id)
    async for event in gateway.astream(messages, schema=Headline): ...

Order of a call: plan the chain (configured providers, per-request choice first, cooling-down
providers skipped) → refuse early if the workspace's budget or rate limit would be passed →
per provider: the cached answer when the request is deterministic, else up to
LLM_MAX_ATTEMPTS requests with backoff on retryable errors (Retry-After honoured; a longer
one than we wait cools the provider down instead) → the next provider. The whole call has a
deadline (LLM_CALL_DEADLINE_SECONDS, twice the timeout by default): a retry is sent only when
it fits before the deadline, the next provider gets what is left, and then the caller's offline
baseline answers. Every request sent, cache hit and refusal writes a ledger row. When nothing
answers: NoModelAvailable.
"""

from __future__ import annotations

import asyncio
import os
import random
import threading
import time
import weakref
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, replace

from asgiref.sync import SyncToAsync, async_to_sync, sync_to_async
from django.conf import settings
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base
from tenacity.wait import wait_base

from sparklio.llm import ledger, limits, services
from sparklio.llm.embeddings import Embedder
from sparklio.llm.errors import (
    IncompleteStream,
    NoModelAvailable,
    ProviderError,
    StructuredOutputError,
)
from sparklio.llm.models import Outcome
from sparklio.llm.pricing import cost_of
from sparklio.llm.providers.base import Provider
from sparklio.llm.providers.registry import build_providers, settings_fingerprint
from sparklio.llm.schema import structured_spec
from sparklio.llm.types import (
    Attempt,
    EmbeddingResult,
    LLMResult,
    Message,
    ProviderReply,
    ProviderRequest,
    StreamEnd,
    TextDelta,
    Usage,
)

# Failures that say something about the provider's health (and so count towards a cooldown).
HEALTH_FAILURES = {"auth", "rate_limited", "server", "overloaded", "timeout", "connection", "incomplete_stream"}


@dataclass(frozen=True)
class Delta:
    """A piece of streamed text."""

    text: str


@dataclass(frozen=True)
class FallbackNotice:
    """The stream moved to another provider. With ``mid_stream`` the text received so far
    (``discarded_text``) is void: the consumer should clear it, as the new provider starts over."""

    from_provider: str
    to_provider: str | None
    reason: str
    mid_stream: bool
    discarded_text: str = ""


@dataclass(frozen=True)
class Done:
    result: LLMResult


StreamEvent = Delta | FallbackNotice | Done


class _WaitRetryAfterOrJitter(wait_base):
    """The provider's Retry-After when it gave one, else exponential backoff with full jitter."""

    def __init__(self, max_wait: float):
        self.max_wait = max_wait

    def __call__(self, retry_state) -> float:
        exc = retry_state.outcome.exception()
        if isinstance(exc, ProviderError) and exc.retry_after is not None:
            return exc.retry_after
        return random.uniform(0, min(self.max_wait, 0.5 * 2 ** (retry_state.attempt_number - 1)))  # noqa: S311


class _StopOnLongRetryAfter(stop_base):
    """Don't sit out a Retry-After longer than LLM_RETRY_MAX_WAIT_SECONDS: fall back instead."""

    def __init__(self, max_wait: float):
        self.max_wait = max_wait

    def __call__(self, retry_state) -> bool:
        exc = retry_state.outcome.exception()
        return isinstance(exc, ProviderError) and (exc.retry_after or 0) > self.max_wait


class _StopBeforeDeadline(stop_base):
    """Stop retrying when the wait plus one more full request would end past the call's deadline."""

    def __init__(self, deadline: float, timeout: float):
        self.deadline = deadline
        self.timeout = timeout

    def __call__(self, retry_state) -> bool:
        return time.monotonic() + retry_state.upcoming_sleep + self.timeout > self.deadline


# Below this much time left (or a quarter of the timeout, if less), a provider is not asked at
# all: it could not answer in time.
MIN_REQUEST_SECONDS = 0.5


def _call_deadline(timeout: float | None) -> float:
    seconds = settings.LLM_CALL_DEADLINE_SECONDS or 2 * (timeout or settings.LLM_TIMEOUT_SECONDS)
    return time.monotonic() + seconds


def _within(request: ProviderRequest, deadline: float) -> ProviderRequest | None:
    """The request with its timeout cut to the time left before the deadline; None when too little is left."""
    left = deadline - time.monotonic()
    if left < min(MIN_REQUEST_SECONDS, request.timeout / 4):
        return None
    return request if request.timeout <= left else replace(request, timeout=left)


def _as_messages(messages: Iterable[Message | dict]) -> list[Message]:
    out = [m if isinstance(m, Message) else Message.model_validate(m) for m in messages]
    if not any(m.role != "system" for m in out):
        raise ValueError("messages: at least one user or assistant message is needed")
    return out


def _estimate_tokens(messages: list[Message], max_tokens: int) -> int:
    # Roughly three UTF-8 bytes a token covers English and Korean alike, erring high for Korean.
    return sum(len(m.content.encode()) // 3 + 4 for m in messages) + max_tokens


class _ProcessLoop:
    """The event loop the synchronous face runs calls on: one per process, in a daemon thread,
    so the providers' clients (connection pools, SSL contexts) live as long as the process
    instead of one call. A forked child makes its own."""

    def __init__(self):
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def get(self) -> asyncio.AbstractEventLoop:
        loop = self._loop
        if loop is not None and self._pid == os.getpid() and loop.is_running():
            return loop
        with self._lock:
            if self._loop is None or self._pid != os.getpid() or not self._loop.is_running():
                loop = asyncio.new_event_loop()
                started = threading.Event()
                loop.call_soon(started.set)
                threading.Thread(target=loop.run_forever, name="llm-gateway-loop", daemon=True).start()
                started.wait()
                self._loop, self._pid = loop, os.getpid()
            return self._loop


_process_loop = _ProcessLoop()


def run_sync(async_fn, *args, **kwargs):
    """Run ``async_fn`` from synchronous code on a long-lived event loop: the server's, when
    called from a sync view under ASGI, else the process's own. Like async_to_sync (which it
    uses), database work inside comes back to the calling thread and its connection."""
    local = SyncToAsync.threadlocal
    server_loop = getattr(local, "main_event_loop", None)
    if server_loop is not None and getattr(local, "main_event_loop_pid", None) == os.getpid():
        return async_to_sync(async_fn)(*args, **kwargs)
    saved = local.__dict__.copy()
    local.main_event_loop, local.main_event_loop_pid = _process_loop.get(), os.getpid()
    try:
        return async_to_sync(async_fn)(*args, **kwargs)
    finally:
        for name in ("main_event_loop", "main_event_loop_pid"):
            if name in saved:
                setattr(local, name, saved[name])
            else:
                local.__dict__.pop(name, None)


class Gateway:
    def __init__(self, providers: dict[str, Provider] | None = None, *, sleep=asyncio.sleep):
        self._fixed = providers
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._sleep = sleep
        self._closing: set[asyncio.Task] = set()

    # --- providers and plans ---------------------------------------------------------------

    def providers(self) -> dict[str, Provider]:
        """Provider instances for the running event loop (SDK clients are bound to one), built
        once per loop and again only when the settings they are built from change."""
        if self._fixed is not None:
            return self._fixed
        loop = asyncio.get_running_loop()
        fingerprint = settings_fingerprint()
        built = self._by_loop.get(loop)
        if built is None or built[0] != fingerprint:
            if built is not None:
                for instance in built[1].values():
                    task = loop.create_task(instance.aclose())
                    self._closing.add(task)
                    task.add_done_callback(self._closing.discard)
            built = self._by_loop[loop] = (fingerprint, build_providers())
        return built[1]

    def plan(self, *, purpose: str, provider: str | None, model: str | None, fallback: bool) -> list[tuple[str, str]]:
        """[(provider, model)] to try in order: the requested provider first, then the
        configured fallback chain; providers without a key or a model for the purpose are left out."""
        available = self.providers()
        if provider is not None and provider not in available:
            raise ValueError(f"provider: unknown provider {provider!r}; known: {', '.join(available)}")
        chain = list(settings.LLM_FALLBACK_CHAIN)
        if provider is not None:
            chain = [provider] + [name for name in chain if name != provider]
        planned: list[tuple[str, str]] = []
        for name in chain:
            instance = available.get(name)
            if instance is None or not instance.configured():
                continue
            chosen = model if model and (name == provider or (provider is None and not planned)) else None
            chosen = chosen or settings.LLM_MODELS.get(name, {}).get(purpose)
            if chosen:
                planned.append((name, chosen))
            if planned and not fallback:
                break
        return planned

    # --- guards before anything is sent --------------------------------------------------------

    @staticmethod
    def _preflight(ctx: services.CallContext, plan, messages, max_tokens) -> None:
        name, model = plan[0]
        estimated = _estimate_tokens(messages, max_tokens)
        estimate = Usage(input_tokens=estimated - max_tokens, output_tokens=max_tokens)
        services.workspace_preflight(ctx=ctx, provider=name, model=model, estimate=estimate)

    async def _begin(
        self,
        messages,
        *,
        purpose,
        provider,
        model,
        schema,
        fallback,
        max_tokens,
        workspace_id,
        user_id,
        cause,
        streamed,
    ):
        """What every call does first: messages checked, schema made strict, the chain planned,
        budget and rate limits enforced (refusals are recorded)."""
        msgs = _as_messages(messages)
        spec = structured_spec(schema) if schema else None
        # Only a cause (its content type) and a workspace (policy, spend) need the database:
        # without them, no trip to a sync thread.
        build = services.CallContext.build if cause is None else sync_to_async(services.CallContext.build)
        ctx = build(
            purpose=purpose,
            workspace_id=workspace_id,
            user_id=user_id,
            cause=cause,
            streamed=streamed,
            structured=bool(spec),
        )
        if cause is not None:
            ctx = await ctx
        plan = self.plan(purpose=purpose, provider=provider, model=model, fallback=fallback)
        if not plan:
            raise NoModelAvailable(dict.fromkeys(settings.LLM_FALLBACK_CHAIN, "not configured"))
        if ctx.workspace_id is not None:
            await sync_to_async(self._preflight)(ctx, plan, msgs, max_tokens)
        return msgs, spec, ctx, plan

    # --- non-streamed ----------------------------------------------------------------------------

    def complete(self, messages, **options) -> LLMResult:
        """Sync face of :meth:`acomplete` (for tasks, commands and sync views), run on a
        long-lived loop so the providers' clients are reused from call to call."""
        return run_sync(self.acomplete, messages, **options)

    async def _close_loop_providers(self) -> None:
        """Close the running loop's clients (their connection pools); the next call builds new ones."""
        _, providers = self._by_loop.pop(asyncio.get_running_loop(), (None, {}))
        for instance in providers.values():
            await instance.aclose()

    @staticmethod
    async def _write(**row):
        """A ledger row: handed to the background writer (no database on this path), or saved
        at once through the sync thread when LLM_LEDGER_BACKGROUND is off."""
        if ledger.deferred():
            return services.call_record(**row)
        return await sync_to_async(services.call_record)(**row)

    async def acomplete(
        self,
        messages: Iterable[Message | dict],
        *,
        purpose: str = "smart",
        provider: str | None = None,
        model: str | None = None,
        schema: type[BaseModel] | None = None,
        temperature: float | None = None,
        seed: int | None = None,
        max_tokens: int = 1024,
        timeout: float | None = None,
        use_cache: bool = True,
        fallback: bool = True,
        workspace_id: int | None = None,
        user_id: int | None = None,
        cause=None,
    ) -> LLMResult:
        msgs, spec, ctx, plan = await self._begin(
            messages,
            purpose=purpose,
            provider=provider,
            model=model,
            schema=schema,
            fallback=fallback,
            max_tokens=max_tokens,
            workspace_id=workspace_id,
            user_id=user_id,
            cause=cause,
            streamed=False,
        )

        started = time.perf_counter()
        reasons: dict[str, str] = {}
        attempts: list[Attempt] = []
        candidates = self._candidates(
            plan,
            reasons,
            messages=msgs,
            spec=spec,
            temperature=temperature,
            max_tokens=max_tokens,
            seed=seed,
            timeout=timeout,
            use_cache=use_cache,
            workspace_id=workspace_id,
        )
        deadline = _call_deadline(timeout)
        for index, name, model_name, full_request, key in candidates:
            if key and (hit := limits.cached_answer(key)):
                return await self._from_cache(ctx, name, model_name, hit, schema, started, attempts)
            if (request := _within(full_request, deadline)) is None:
                reasons[name] = "not tried: the call's deadline had passed"
                continue
            fell_back = bool(attempts) or index > 0
            try:
                reply = await self._send_with_retries(
                    self.providers()[name], request, ctx, attempts, fell_back, deadline=deadline
                )
                data = None
                if schema is not None:
                    data, reply = await self._validate_or_repair(
                        self.providers()[name], request, reply, schema, ctx, attempts, fell_back, deadline=deadline
                    )
            except ProviderError as exc:
                reasons[name] = str(exc)
                continue
            return self._finish(name, model_name, reply, data, key, started, attempts)
        raise NoModelAvailable(reasons)

    def _retrying(self, max_wait: float, *, deadline: float, timeout: float) -> AsyncRetrying:
        """One retry loop for every provider request (the SDKs' own retries are off)."""
        return AsyncRetrying(
            stop=stop_after_attempt(settings.LLM_MAX_ATTEMPTS)
            | _StopOnLongRetryAfter(max_wait)
            | _StopBeforeDeadline(deadline, timeout),
            wait=_WaitRetryAfterOrJitter(max_wait),
            retry=retry_if_exception(lambda exc: isinstance(exc, ProviderError) and exc.retryable),
            sleep=self._sleep,
            reraise=True,
        )

    async def _send_with_retries(
        self, provider: Provider, request: ProviderRequest, ctx, attempts, fell_back, *, deadline: float
    ):
        max_wait = settings.LLM_RETRY_MAX_WAIT_SECONDS
        if _within(request, deadline) is None:
            raise ProviderError(provider.name, "not sent: the call's deadline had passed", kind="deadline")
        retrying = self._retrying(max_wait, deadline=deadline, timeout=request.timeout)
        try:
            async for attempt in retrying:
                with attempt:
                    bounded = _within(request, deadline) or replace(request, timeout=MIN_REQUEST_SECONDS)
                    return await self._send_once(provider, bounded, ctx, attempts, fell_back)
        except ProviderError as exc:
            self._gave_up(provider.name, exc, max_wait)
            raise

    @staticmethod
    def _gave_up(name: str, exc: ProviderError, max_wait: float) -> None:
        """A provider failed a call (its retries spent): one failure towards its cooldown, or
        the whole wait it asked for when that is longer than we retry for."""
        if exc.retry_after and exc.retry_after > max_wait:
            limits.cool_down_for(name, exc.retry_after)
        elif exc.kind in HEALTH_FAILURES:
            limits.record_failure(name)

    async def _send_once(self, provider: Provider, request: ProviderRequest, ctx, attempts, fell_back):
        started = time.perf_counter()
        try:
            # The SDK enforces request.timeout; this guard only catches an adapter that would hang.
            reply = await asyncio.wait_for(provider.complete(request), timeout=request.timeout * 1.5 + 1)
        except TimeoutError as exc:
            error = ProviderError(provider.name, "no answer in time", kind="timeout", retryable=True)
            await self._record_failure(provider.name, request.model, ctx, attempts, fell_back, started, error)
            raise error from exc
        except ProviderError as exc:
            await self._record_failure(provider.name, request.model, ctx, attempts, fell_back, started, exc)
            raise
        latency = (time.perf_counter() - started) * 1000
        attempts.append(Attempt(provider.name, request.model, "ok"))
        limits.record_success(provider.name)
        await self._record_ok(
            provider.name, reply.model or request.model, reply.usage, ctx, len(attempts), fell_back, latency, None
        )
        return reply

    async def _record_ok(self, name, model, usage: Usage, ctx, attempt_no, fell_back, latency, ttft):
        if ctx.workspace_id is not None:
            limits.add_tokens(ctx.workspace_id, usage.input_tokens + usage.output_tokens)
        await self._write(
            ctx=ctx,
            provider=name,
            model=model,
            outcome=Outcome.OK,
            usage=usage,
            latency_ms=latency,
            ttft_ms=ttft,
            attempt=attempt_no,
            fallback=fell_back,
        )

    async def _record_failure(self, name, model, ctx, attempts, fell_back, started, exc: ProviderError):
        attempts.append(Attempt(name, model, exc.kind, str(exc)))
        outcome = exc.kind if exc.kind in Outcome.values else Outcome.ERROR
        await self._write(
            ctx=ctx,
            provider=name,
            model=model,
            outcome=outcome,
            latency_ms=(time.perf_counter() - started) * 1000,
            attempt=len(attempts),
            fallback=fell_back,
            error=str(exc),
        )

    async def _validate_or_repair(
        self, provider, request, reply: ProviderReply, schema, ctx, attempts, fell_back, *, deadline: float
    ):
        try:
            return schema.model_validate_json(reply.text), reply
        except ValidationError as exc:
            first_error = exc
        # One repair attempt: show the model its reply and what was wrong with it.
        repair = replace(
            request,
            messages=[
                *request.messages,
                Message(role="assistant", content=reply.text),
                Message(
                    role="user",
                    content=(
                        "That reply does not match the required JSON schema. Errors:\n"
                        f"{first_error}\nAnswer again with only the corrected JSON."
                    ),
                ),
            ],
        )
        repaired = await self._send_with_retries(provider, repair, ctx, attempts, fell_back, deadline=deadline)
        total = replace(repaired, usage=reply.usage + repaired.usage)
        try:
            return schema.model_validate_json(repaired.text), total
        except ValidationError as exc:
            await self._write(
                ctx=ctx,
                provider=provider.name,
                model=request.model,
                outcome=Outcome.INVALID_OUTPUT,
                attempt=len(attempts),
                fallback=fell_back,
                error=str(exc),
            )
            raise StructuredOutputError(provider.name, str(exc), repaired.text) from exc

    @staticmethod
    def _finish(name, model_name, reply: ProviderReply, data, key, started, attempts) -> LLMResult:
        """The result of a provider's answer (stored for reuse when the request was deterministic)."""
        if key:
            limits.store_answer(key, {"text": reply.text, "model": reply.model, "usage": reply.usage.model_dump()})
        cost, _ = cost_of(name, model_name, reply.usage)
        return LLMResult(
            text=reply.text,
            provider=name,
            model=reply.model or model_name,
            usage=reply.usage,
            cost_usd=float(cost),
            latency_ms=(time.perf_counter() - started) * 1000,
            fallback_from=[a.provider for a in attempts if a.outcome != "ok" and a.provider != name],
            attempts=attempts,
            data=data,
        )

    def _candidates(
        self, plan, reasons, *, messages, spec, temperature, max_tokens, seed, timeout, use_cache, workspace_id
    ):
        """Each planned provider that is not cooling down (the others get a reason), with its
        request and, for deterministic requests, its cache key."""
        for index, (name, model_name) in enumerate(plan):
            if until := limits.cooldown_until(name):
                reasons[name] = f"cooling down for another {until - time.time():.0f} s"
                continue
            request = ProviderRequest(
                model=model_name,
                messages=messages,
                temperature=temperature,
                max_tokens=max_tokens,
                seed=seed,
                structured=spec,
                timeout=timeout or settings.LLM_TIMEOUT_SECONDS,
            )
            deterministic = temperature == 0 or seed is not None
            key = self._cache_key(name, request, workspace_id) if use_cache and deterministic else None
            yield index, name, model_name, request, key

    # --- cache -----------------------------------------------------------------------------------

    @staticmethod
    def _cache_key(name: str, request: ProviderRequest, workspace_id: int | None) -> str:
        # Per workspace: a hit must not tell one workspace what another one asked.
        return limits.cache_key(
            {
                "workspace": workspace_id,
                "provider": name,
                "model": request.model,
                "messages": [m.model_dump() for m in request.messages],
                "schema": request.structured.json_schema if request.structured else None,
                "temperature": request.temperature,
                "seed": request.seed,
                "max_tokens": request.max_tokens,
            }
        )

    async def _from_cache(self, ctx, name, model_name, hit, schema, started, attempts) -> LLMResult:
        usage = Usage(**hit["usage"])
        data = schema.model_validate_json(hit["text"]) if schema else None
        latency = (time.perf_counter() - started) * 1000
        row = await self._write(
            ctx=ctx,
            provider=name,
            model=hit["model"] or model_name,
            outcome=Outcome.CACHE_HIT,
            usage=usage,
            latency_ms=latency,
            attempt=len(attempts) + 1,
            fallback=bool(attempts),
            cache_hit=True,
        )
        return LLMResult(
            text=hit["text"],
            provider=name,
            model=hit["model"] or model_name,
            usage=usage,
            cost_usd=0.0,
            latency_ms=latency,
            cache_hit=True,
            attempts=attempts,
            data=data,
            call_id=row.pk,
        )

    # --- streamed --------------------------------------------------------------------------------

    async def astream(
        self,
        messages: Iterable[Message | dict],
        *,
        purpose: str = "smart",
        provider: str | None = None,
        model: str | None = None,
        schema: type[BaseModel] | None = None,
        temperature: float | None = None,
        seed: int | None = None,
        max_tokens: int = 1024,
        timeout: float | None = None,
        use_cache: bool = True,
        fallback: bool = True,
        workspace_id: int | None = None,
        user_id: int | None = None,
        cause=None,
    ) -> AsyncIterator[StreamEvent]:
        """Delta events, FallbackNotice when the stream moves to another provider, then Done.

        Before the first token a failure is retried and falls back silently; after it, the
        consumer gets a FallbackNotice (mid_stream=True) and the next provider starts over.
        A stall longer than the timeout between chunks is a failure, so this never hangs, and
        a stream without its end marker is never passed off as complete.
        """
        msgs, spec, ctx, plan = await self._begin(
            messages,
            purpose=purpose,
            provider=provider,
            model=model,
            schema=schema,
            fallback=fallback,
            max_tokens=max_tokens,
            workspace_id=workspace_id,
            user_id=user_id,
            cause=cause,
            streamed=True,
        )

        started = time.perf_counter()
        reasons: dict[str, str] = {}
        attempts: list[Attempt] = []
        candidates = self._candidates(
            plan,
            reasons,
            messages=msgs,
            spec=spec,
            temperature=temperature,
            max_tokens=max_tokens,
            seed=seed,
            timeout=timeout,
            use_cache=use_cache,
            workspace_id=workspace_id,
        )
        # The deadline bounds the wait for an answer to start; once tokens flow, a stall between
        # chunks longer than the timeout is what fails the stream.
        deadline = _call_deadline(timeout)
        for index, name, model_name, request, key in candidates:
            if key and (hit := limits.cached_answer(key)):
                result = await self._from_cache(ctx, name, model_name, hit, schema, started, attempts)
                yield Delta(result.text)
                yield Done(result)
                return
            if _within(request, deadline) is None:
                reasons[name] = "not tried: the call's deadline had passed"
                continue
            fell_back = bool(attempts) or index > 0
            next_name = next((n for n, _ in plan[index + 1 :]), None)
            relay = self._relay(self.providers()[name], request, ctx, attempts, fell_back, deadline=deadline)
            emitted = ""
            finished = False
            try:
                async for item in relay:
                    if isinstance(item, Delta):
                        emitted += item.text
                        yield item
                    else:  # the finished reply
                        reply, _ttft = item
                        await relay.aclose()
                        data = None
                        if schema is not None:
                            try:
                                data = schema.model_validate_json(reply.text)
                            except ValidationError as exc:
                                await self._write(
                                    ctx=ctx,
                                    provider=name,
                                    model=model_name,
                                    outcome=Outcome.INVALID_OUTPUT,
                                    attempt=len(attempts),
                                    fallback=fell_back,
                                    error=str(exc),
                                )
                                raise StructuredOutputError(name, str(exc), reply.text) from exc
                        finished = True
                        yield Done(self._finish(name, model_name, reply, data, key, started, attempts))
                        return
            except ProviderError as exc:
                reasons[name] = str(exc)
                if emitted:
                    yield FallbackNotice(name, next_name, str(exc), mid_stream=True, discarded_text=emitted)
                continue
            except (GeneratorExit, asyncio.CancelledError):
                if finished:  # closed after Done: nothing was cut short
                    raise
                # The consumer stopped (a cancelled chat answer): stop the model and say so.
                await relay.aclose()
                await self._write(
                    ctx=ctx,
                    provider=name,
                    model=model_name,
                    outcome=Outcome.CANCELLED,
                    latency_ms=(time.perf_counter() - started) * 1000,
                    attempt=len(attempts) + 1,
                    fallback=fell_back,
                    error=f"cancelled after {len(emitted)} characters",
                )
                raise
        raise NoModelAvailable(reasons)

    async def _relay(self, provider: Provider, request, ctx, attempts, fell_back, *, deadline: float):
        """Open the provider's stream (retried until its first chunk, within the call's
        deadline), then relay it.

        Yields Delta items and finally a (ProviderReply, ttft_ms) tuple; raises ProviderError."""
        max_wait = settings.LLM_RETRY_MAX_WAIT_SECONDS
        retrying = self._retrying(max_wait, deadline=deadline, timeout=request.timeout)
        state = {}

        async def open_stream():
            state["started"] = time.perf_counter()
            bounded = _within(request, deadline) or replace(request, timeout=MIN_REQUEST_SECONDS)
            iterator = provider.stream(bounded).__aiter__()
            try:
                first = await asyncio.wait_for(iterator.__anext__(), timeout=bounded.timeout)
            except TimeoutError as exc:
                await iterator.aclose()
                error = ProviderError(provider.name, "no first chunk in time", kind="timeout", retryable=True)
                await self._record_failure(
                    provider.name, request.model, ctx, attempts, fell_back, state["started"], error
                )
                raise error from exc
            except StopAsyncIteration as exc:
                error = IncompleteStream(provider.name, "stream ended before any chunk")
                await self._record_failure(
                    provider.name, request.model, ctx, attempts, fell_back, state["started"], error
                )
                raise error from exc
            except ProviderError as exc:
                await iterator.aclose()
                await self._record_failure(
                    provider.name, request.model, ctx, attempts, fell_back, state["started"], exc
                )
                raise
            return iterator, first

        try:
            async for attempt in retrying:
                with attempt:
                    iterator, first = await open_stream()
        except ProviderError as exc:
            self._gave_up(provider.name, exc, max_wait)
            raise
        started = state["started"]
        ttft = None
        parts: list[str] = []
        chunk = first
        try:
            while True:
                if isinstance(chunk, TextDelta):
                    if chunk.text:
                        if ttft is None:
                            ttft = (time.perf_counter() - started) * 1000
                        parts.append(chunk.text)
                        yield Delta(chunk.text)
                elif isinstance(chunk, StreamEnd):
                    reply = ProviderReply(
                        "".join(parts), chunk.usage, chunk.finish_reason, chunk.model or request.model
                    )
                    attempts.append(Attempt(provider.name, request.model, "ok"))
                    limits.record_success(provider.name)
                    await self._record_ok(
                        provider.name,
                        reply.model,
                        reply.usage,
                        ctx,
                        len(attempts),
                        fell_back,
                        (time.perf_counter() - started) * 1000,
                        ttft,
                    )
                    yield reply, ttft
                    return
                try:
                    chunk = await asyncio.wait_for(iterator.__anext__(), timeout=request.timeout)
                except StopAsyncIteration as exc:
                    raise IncompleteStream(provider.name) from exc
                except TimeoutError as exc:
                    raise ProviderError(
                        provider.name, f"stream stalled for {request.timeout:.0f} s", kind="timeout", retryable=True
                    ) from exc
        except ProviderError as exc:
            await self._record_failure(provider.name, request.model, ctx, attempts, fell_back, started, exc)
            self._gave_up(provider.name, exc, max_wait)  # cut mid-stream: no retry on this provider
            raise
        finally:
            # Also runs when the consumer stops early: the provider's stream is closed.
            await iterator.aclose()

    # --- embeddings (sparklio/llm/embeddings.py) ---------------------------------------------------

    def embed(self, texts, **options) -> EmbeddingResult:
        """Sync face of :meth:`aembed`, on the same long-lived loop as :meth:`complete` (the
        providers' clients are reused from call to call)."""
        return run_sync(self.aembed, texts, **options)

    async def aembed(self, texts, **options) -> EmbeddingResult:
        """One vector per text from one model; see :mod:`sparklio.llm.embeddings`."""
        return await Embedder(self).aembed(texts, **options)


gateway = Gateway()
