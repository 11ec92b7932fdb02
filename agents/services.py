"""Agent runs and campaign workflows: every write, and the steps the tasks carry out.

A workflow is the PM's plan in levels (steps of one level may run in parallel). Each level is
enqueued as a Celery group; the step that completes a level enqueues the next, under the
workflow's row lock, so a level is enqueued once. Every step is safe to run twice (late acks
redeliver a step whose worker died): its run row says whether it already succeeded, and the
one step that creates something (the document) does it in the same transaction that records
it on the workflow.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError as PydanticValidationError
from rest_framework.exceptions import ValidationError

from agents import steps
from agents.base import AgentContext
from agents.events import run_event, workflow_event
from agents.models import AgentRun, RunStatus, Workflow
from agents.registry import get_agent
from agents.steps import StepFailed
from brands.models import BrandKit
from documents.schema import CHANNEL_PRESETS
from generators.services import provider_check, pydantic_errors
from sparklio.core import leases, metrics
from sparklio.core.events import workspace_event
from sparklio.core.models import User, Workspace
from sparklio.core.outage import enqueue_on_commit, public_reason

logger = logging.getLogger(__name__)


def brief_check(brief) -> str:
    if not isinstance(brief, str) or not brief.strip():
        raise ValidationError({"brief": [_("Write what you want made (the brief is empty).")]})
    if len(brief) > settings.BRIEF_MAX_CHARS:
        raise ValidationError(
            {
                "brief": [
                    _("At most %(max)d characters (got %(got)d).")
                    % {"max": settings.BRIEF_MAX_CHARS, "got": len(brief)}
                ]
            }
        )
    if "\x00" in brief:
        raise ValidationError({"brief": [_("No null characters.")]})
    return brief.strip()


def channel_check(channel: str | None) -> str | None:
    if channel in (None, ""):
        return None
    if channel not in CHANNEL_PRESETS:
        raise ValidationError(
            {
                "channel": [
                    _("Unknown channel %(channel)s; known: %(known)s.")
                    % {"channel": repr(channel), "known": ", ".join(CHANNEL_PRESETS)}
                ]
            }
        )
    return channel


def channels_check(channels) -> list[str]:
    """Channel preset keys, each once, in the order given."""
    if not isinstance(channels, list) or not channels:
        raise ValidationError({"channels": [_("Name at least one channel preset.")]})
    unknown = [c for c in channels if not isinstance(c, str) or c not in CHANNEL_PRESETS]
    if unknown:
        raise ValidationError(
            {
                "channels": [
                    _("Unknown channel %(channel)s; known: %(known)s.")
                    % {"channel": ", ".join(map(repr, unknown)), "known": ", ".join(CHANNEL_PRESETS)}
                ]
            }
        )
    return list(dict.fromkeys(channels))


@transaction.atomic
def document_adapt(*, document, channels: list[str], user: User | None, run_id: int | None = None) -> list[dict]:
    """One new document per channel: ``document``'s design laid out anew for that channel's
    format (see ``agents.library.adapter``). All of them are created, or none. Each new
    document names its source in ``metadata.adapted.source``."""
    from agents.library.adapter import AdaptError, adapt_document
    from documents.models import VersionSource
    from documents.schema import Provenance, SparklioDocument, iter_objects
    from documents.services import document_create, workspace_path_rule

    channels = channels_check(channels)
    source = SparklioDocument.model_validate(document.content)
    rule = workspace_path_rule(document.workspace_id)
    provenance = Provenance(source="agent", agent="channel_adapter", run_id=run_id, user_id=user.pk if user else None)
    made = []
    for channel in channels:
        try:
            adapted = adapt_document(source, channel, allowed_path=rule)
        except AdaptError as exc:
            raise ValidationError({"document": [str(exc)]}) from exc
        content = adapted.document
        content.metadata["adapted"].update({"source": document.pk, "source_version": document.version})
        for page in content.pages:
            for obj in iter_objects(page.objects):
                obj.provenance = provenance
        saved = document_create(
            workspace=document.workspace,
            user=user,
            content=content.model_dump(mode="json"),
            title=content.title,
            brand=document.brand,
            source=VersionSource.AGENT,
        )
        if adapted.defects:
            logger.warning("adapted document %s (%s) keeps layout defects: %s", saved.pk, channel, adapted.defects)
        made.append(
            {
                "id": saved.pk,
                "channel": channel,
                "width": content.width,
                "height": content.height,
                "title": saved.title,
                "layout": content.metadata["adapted"]["layout"],
                "left_out": adapted.left_out,
                "defects": adapted.defects,
                "source": document.pk,
            }
        )
    workspace_event(
        workspace_id=document.workspace_id,
        event={"type": "documents.adapted", "source": document.pk, "documents": [item["id"] for item in made]},
    )
    return made


class StepBusy(Exception):
    """The step is running in a live worker (its lease is held): this delivery is a duplicate
    the broker made after its visibility timeout; look again later instead of running it twice."""


def _lease(run_id: int) -> leases.Lease:
    return leases.Lease(f"agent-run:{run_id}", settings.WORKFLOW_STEP_LEASE_SECONDS)


# --- single agent runs ---------------------------------------------------------------------------


@transaction.atomic
def _new_run(
    *, workspace_id: int, user: User | None, agent: str, data: dict, brand: BrandKit | None, provider
) -> tuple[AgentRun, object]:
    """The input checked against the agent's schema (400s naming ``input.<field>``) and the run row."""
    if brand is not None and brand.workspace_id != workspace_id:
        raise ValidationError({"brand": [_("No brand kit %(id)s in this workspace.") % {"id": brand.pk}]})
    provider = provider_check(provider)
    try:
        parsed = get_agent(agent).Input.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationError(pydantic_errors(exc, prefix="input.")) from exc
    run = AgentRun(
        workspace_id=workspace_id,
        agent=agent,
        input={
            **parsed.model_dump(mode="json", by_alias=True),
            "_brand": brand.pk if brand else None,
            "_provider": provider,
        },
        created_by=user,
    )
    return run, parsed


def agent_run_create(
    *, workspace: Workspace, user: User | None, agent: str, data: dict, brand: BrandKit | None = None, provider=None
) -> AgentRun:
    """Check the input against the agent's schema and queue the run."""
    from agents import tasks

    run, parsed = _new_run(workspace_id=workspace.pk, user=user, agent=agent, data=data, brand=brand, provider=provider)
    _check_document(getattr(parsed, "document", None), workspace.pk)
    run.save()
    enqueue_on_commit(
        lambda: tasks.agent_run.delay(run.pk),
        undo=lambda: AgentRun.objects.filter(pk=run.pk).delete(),
        what=f"agent run {run.pk}",
    )
    return run


def agent_run_now(
    *, workspace_id: int, user: User | None, agent: str, data: dict, brand: BrandKit | None = None, provider=None
) -> AgentRun:
    """Record and run an agent in this process, for callers that show its result at once
    (chat). Input errors raise 400s as in ``agent_run_create``; the run row says how it went."""
    run, _ = _new_run(workspace_id=workspace_id, user=user, agent=agent, data=data, brand=brand, provider=provider)
    run.save()
    return agent_run_execute(run_id=run.pk, retries=False)


def _check_document(document_id, workspace_id: int) -> None:
    from documents.models import Document

    if document_id is not None and not Document.objects.filter(pk=document_id, workspace_id=workspace_id).exists():
        raise ValidationError({"input.document": [f"No document {document_id} in this workspace."]})


def _context(run: AgentRun, *, brand_id, provider, after_commit=False) -> AgentContext:
    brand = (
        BrandKit.objects.filter(pk=brand_id, workspace_id=run.workspace_id)
        .prefetch_related("colors", "fonts", "logos")
        .first()
        if brand_id
        else None
    )

    def progress(fraction: float, message: str) -> None:
        if run.workflow_id:
            workflow_event(
                run.workflow,
                after_commit=False,
                step=run.step,
                step_status="running",
                progress=round(fraction, 3),
                message=message,
            )
        else:
            run_event(run, after_commit=False, progress=round(fraction, 3), message=message)

    return AgentContext(
        workspace_id=run.workspace_id,
        user_id=run.created_by_id,
        brand=brand,
        provider=provider,
        run=run,
        progress=progress,
    )


def agent_run_execute(*, run_id: int, retries: bool = True) -> AgentRun | None:
    """Run a queued agent run (the task's body). Reruns of a finished run do nothing. Without
    ``retries`` (nothing would retry it: an in-process run) every error is final."""
    lease = _lease(run_id)
    with transaction.atomic():
        run = AgentRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            return run
        if run.status == RunStatus.RUNNING and lease.held_elsewhere():
            raise StepBusy(f"agent run {run_id} is running in another worker")
        run.status, run.started_at, run.attempts = RunStatus.RUNNING, timezone.now(), run.attempts + 1
        run.save(update_fields=["status", "started_at", "attempts"])
        run_event(run)
        lease.take()
    try:
        return _run_body(run, retries=retries)
    finally:
        lease.release()


def _run_body(run: AgentRun, *, retries: bool) -> AgentRun:
    data = dict(run.input)
    ctx = _context(run, brand_id=data.pop("_brand", None), provider=data.pop("_provider", None))
    instance = get_agent(run.agent)
    try:
        output = instance.run(instance.Input.model_validate(data), ctx)
    except Exception as exc:
        if retries and is_transient(exc) and run.attempts < settings.WORKFLOW_STEP_MAX_RETRIES:
            raise
        return _run_failed(run, exc)
    with transaction.atomic():
        run.status, run.finished_at = RunStatus.SUCCEEDED, timezone.now()
        run.output = {**output.model_dump(mode="json", by_alias=True), "_notes": ctx.notes}
        run.provider = ctx.provider_label
        run.save(update_fields=["status", "finished_at", "output", "provider"])
        run_event(run)
    return run


def _run_failed(run: AgentRun, exc: Exception) -> AgentRun:
    logger.warning("agent run %s (%s) failed: %s", run.pk, run.agent, exc)
    with transaction.atomic():
        run.status, run.finished_at, run.error = RunStatus.FAILED, timezone.now(), _reason(exc)
        run.save(update_fields=["status", "finished_at", "error"])
        run_event(run, error=run.error)
    return run


def is_transient(exc: Exception) -> bool:
    from django.db import InterfaceError, OperationalError

    from sparklio.gpu.comfyui import ComfyError
    from sparklio.llm.errors import ProviderError, RateLimited

    if isinstance(exc, ProviderError | ComfyError):
        return bool(exc.retryable)
    return isinstance(exc, OperationalError | InterfaceError | RateLimited | ConnectionError | TimeoutError)


def _reason(exc: Exception) -> str:
    """What the run, the workflow and the chat say went wrong: never internal error text."""
    if isinstance(exc, PydanticValidationError):
        return f"invalid input: {pydantic_errors(exc)}"
    return public_reason(exc)[:2000]


# --- workflows -----------------------------------------------------------------------------------


def facts_check(brief: str, override) -> dict:
    """The brief's facts with the caller's corrections (400s name ``facts.<field>``); a brief
    that names no product, uncorrected, is refused."""
    from sparklio.language.brief import FactsOverride, facts_from_brief

    if override is not None and not isinstance(override, dict):
        raise ValidationError({"facts": ["An object of corrections: product, features, offer, price, deadline, …"]})
    try:
        parsed = FactsOverride.model_validate(override) if override else None
    except PydanticValidationError as exc:
        raise ValidationError(pydantic_errors(exc, prefix="facts.")) from exc
    facts = facts_from_brief(brief, parsed)
    unknown = [channel for channel in facts.channels if channel not in CHANNEL_PRESETS]
    if unknown:
        raise ValidationError(
            {"facts.channels": [f"Unknown channel {unknown[0]!r}; known: {', '.join(CHANNEL_PRESETS)}."]}
        )
    if not facts.product:
        raise ValidationError(
            {"brief": ["The brief names no product: name it (in quotes, e.g. 'Nimbus 2'), or give facts.product."]}
        )
    return facts.model_dump(mode="json")


@transaction.atomic
def workflow_start(
    *,
    workspace: Workspace,
    user: User | None,
    brief: str,
    brand: BrandKit,
    channel: str | None = None,
    provider: str | None = None,
    facts: dict | None = None,
    assets: list | None = None,
    enqueue: bool = True,
) -> Workflow:
    """Queue a campaign: the brief is read once into facts (the caller's ``facts`` correct it),
    the PM plans one design per channel, then the steps run level by level. With
    ``enqueue=False`` the caller runs ``workflow_plan`` itself (the command, in-process)."""
    from agents import tasks

    brief = brief_check(brief)
    if brand is None:
        raise ValidationError({"brand": [_("Name the brand kit the campaign is for.")]})
    if brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [_("No brand kit %(id)s in this workspace.") % {"id": brand.pk}]})
    channel = channel_check(channel)
    provider = provider_check(provider)
    parsed = facts_check(brief, facts)
    if channel:
        parsed["channels"] = [channel]
    asset_ids = assets_check(assets, workspace.pk)
    workflow = Workflow.objects.create(
        workspace=workspace,
        brief=brief,
        brand=brand,
        channel=channel or (parsed["channels"][0] if parsed["channels"] else ""),
        provider=provider or "",
        facts=parsed,
        assets=asset_ids,
        language=parsed["language"],
        created_by=user,
    )
    if enqueue:
        # before the event: when the broker refuses, the workflow is removed and nobody hears of it
        enqueue_on_commit(
            lambda: tasks.workflow_plan.delay(workflow.pk),
            undo=lambda: Workflow.objects.filter(pk=workflow.pk).delete(),
            what=f"workflow {workflow.pk}",
        )
    workflow_event(workflow, step=None, message="queued")
    return workflow


def assets_check(assets, workspace_id: int) -> list[int]:
    """Asset ids of this workspace (400 naming ``assets`` otherwise)."""
    if assets in (None, []):
        return []
    if not isinstance(assets, list) or not all(isinstance(a, int) and not isinstance(a, bool) for a in assets):
        raise ValidationError({"assets": [_("A list of asset ids.")]})
    if len(assets) > 10:
        raise ValidationError({"assets": [_("At most 10 assets.")]})
    try:
        from assets.selectors import assets_for_workspace
    except ImportError as exc:  # pragma: no cover - the assets app is part of the project
        raise ValidationError({"assets": ["Assets are not available."]}) from exc
    return [asset.pk for asset in assets_for_workspace(workspace_id=workspace_id, ids=assets)]


def workflow_plan(*, workflow_id: int) -> None:
    """The PM's plan (idempotent: a planned workflow is left alone), then the first level."""
    with transaction.atomic():
        workflow = Workflow.objects.select_for_update().filter(pk=workflow_id).first()
        if workflow is None:
            return
        if workflow.status == RunStatus.RUNNING:
            _resume(workflow)  # a redelivered plan: make sure the current level was queued
            return
        if workflow.status != RunStatus.PENDING:
            return
        run, _ = AgentRun.objects.get_or_create(
            workflow=workflow,
            step="plan",
            defaults={"workspace_id": workflow.workspace_id, "agent": "pm", "created_by_id": workflow.created_by_id},
        )
        pm = get_agent("pm")
        ctx = _context(run, brand_id=workflow.brand_id, provider=workflow.provider or None)
        started = timezone.now()
        try:
            plan = pm.run(pm.Input(brief=workflow.brief, channel=workflow.channel or None, facts=workflow.facts), ctx)
        except Exception as exc:
            if is_transient(exc):
                raise
            run.status, run.error, run.attempts = RunStatus.FAILED, _reason(exc), run.attempts + 1
            run.started_at, run.finished_at = started, timezone.now()
            run.save()
            _fail(workflow, f"The plan failed: {_reason(exc)}", step="plan")
            return
        run.input = {"brief": workflow.brief, "channel": workflow.channel or None, "facts": workflow.facts}
        run.output = plan.model_dump(mode="json")
        run.status, run.started_at, run.finished_at, run.attempts, run.provider = (
            RunStatus.SUCCEEDED,
            started,
            timezone.now(),
            1,
            "rules",
        )
        run.save()
        workflow.plan = run.output
        workflow.channel = plan.channel
        workflow.language = plan.language
        workflow.documents = [None] * len(plan.channels)
        workflow.status, workflow.started_at, workflow.stage = RunStatus.RUNNING, timezone.now(), 0
        workflow.save(update_fields=["plan", "channel", "language", "documents", "status", "started_at", "stage"])
        workflow_event(workflow, step="plan", step_status="succeeded", plan=workflow.plan)
        _enqueue_level(workflow)


def workflow_plan_gave_up(*, workflow_id: int, exc: Exception) -> None:
    """The plan's task ran out of retries on a transient error: the workflow fails with it."""
    with transaction.atomic():
        workflow = Workflow.objects.select_for_update().filter(pk=workflow_id).first()
        if workflow is not None and workflow.status == RunStatus.PENDING:
            _fail(workflow, f"The plan failed after retries: {_reason(exc)}", step="plan")


def _fail(workflow: Workflow, error: str, *, step: str | None) -> None:
    """Called under the workflow's lock."""
    workflow.status, workflow.finished_at, workflow.error = RunStatus.FAILED, timezone.now(), error[:4000]
    workflow.save(update_fields=["status", "finished_at", "error"])
    metrics.workflow_finished(workflow)
    workflow_event(workflow, step=step, step_status="failed", error=workflow.error)


def _resume(workflow: Workflow) -> None:
    """Queue the current level's steps that never started (their message was lost between the
    commit that advanced the stage and the broker); steps already running come back by late ack."""
    level = workflow.plan["levels"][workflow.stage]
    started = set(AgentRun.objects.filter(workflow=workflow, step__in=level).values_list("step", flat=True))
    missing = [step for step in level if step not in started]
    if missing:
        _enqueue_level(workflow, steps=missing)


def _enqueue_level(workflow: Workflow, steps: list[str] | None = None) -> None:
    from celery import group

    from agents import tasks

    level = steps or workflow.plan["levels"][workflow.stage]
    signatures = [tasks.workflow_step.si(workflow.pk, step) for step in level]
    transaction.on_commit(lambda: group(signatures).apply_async())


def _step_spec(workflow: Workflow, step_id: str) -> dict:
    for step in workflow.plan.get("steps", []):
        if step["id"] == step_id:
            return step
    raise StepFailed(f"step {step_id!r} is not in the plan")


def workflow_step_run(*, workflow_id: int, step_id: str) -> None:
    """Carry out one step of a running workflow (the task's body); safe to run twice, also at
    the same time (a redelivery while the first worker still works raises StepBusy)."""
    with transaction.atomic():
        workflow = Workflow.objects.select_for_update().filter(pk=workflow_id).first()
        if workflow is None or workflow.status != RunStatus.RUNNING:
            return
        spec = _step_spec(workflow, step_id)
        run, _ = AgentRun.objects.get_or_create(
            workflow=workflow,
            step=step_id,
            defaults={
                "workspace_id": workflow.workspace_id,
                "agent": spec["agent"],
                "created_by_id": workflow.created_by_id,
            },
        )
        lease = _lease(run.pk)
        if run.status == RunStatus.RUNNING and lease.held_elsewhere():
            raise StepBusy(f"step {step_id!r} of workflow {workflow_id} is running in another worker")
        if run.status == RunStatus.SUCCEEDED:
            stage = workflow.stage
            _advance(workflow)  # a redelivered step whose success was recorded: make sure the workflow moved on
            if workflow.status == RunStatus.RUNNING and workflow.stage == stage:
                _resume(workflow)
            return
        if run.status == RunStatus.RUNNING and run.attempts >= settings.WORKFLOW_STEP_MAX_RETRIES:
            # delivered again after its worker died as often as we retry: it kills workers
            run.status, run.finished_at = RunStatus.FAILED, timezone.now()
            run.error = f"the worker running this step was lost {run.attempts} time(s)"
            run.save(update_fields=["status", "finished_at", "error"])
            _fail(workflow, f"Step {step_id!r} ({run.agent}) failed: {run.error}", step=step_id)
            return
        run.status, run.started_at, run.attempts = RunStatus.RUNNING, timezone.now(), run.attempts + 1
        run.error = ""
        run.save(update_fields=["status", "started_at", "attempts", "error"])
        workflow_event(workflow, step=step_id, step_status="running", attempt=run.attempts, progress=0.0)
        lease.take()
    try:
        _step_body(workflow_id, workflow, run, step_id)
    finally:
        lease.release()


def _step_body(workflow_id: int, workflow: Workflow, run: AgentRun, step_id: str) -> None:
    _step_delay()
    ctx = _context(run, brand_id=workflow.brand_id, provider=workflow.provider or None)
    try:
        output = steps.run_step(workflow, run, ctx)
    except Exception as exc:
        if is_transient(exc) and run.attempts < settings.WORKFLOW_STEP_MAX_RETRIES:
            with transaction.atomic():
                AgentRun.objects.filter(pk=run.pk).update(error=_reason(exc))
                workflow_event(workflow, step=step_id, step_status="retrying", attempt=run.attempts, error=_reason(exc))
            raise
        _workflow_failed(workflow_id, run, exc)
        return
    with transaction.atomic():
        workflow = Workflow.objects.select_for_update().get(pk=workflow_id)
        run = AgentRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.SUCCEEDED:
            return
        if workflow.status != RunStatus.RUNNING:  # a sibling failed the workflow meanwhile: record, don't advance
            run.status, run.finished_at, run.output = (
                RunStatus.SUCCEEDED,
                timezone.now(),
                {**output, "_notes": ctx.notes},
            )
            run.save(update_fields=["status", "finished_at", "output"])
            return
        run.status, run.finished_at = RunStatus.SUCCEEDED, timezone.now()
        run.output = {**output, "_notes": ctx.notes}
        run.provider = ctx.provider_label
        run.save(update_fields=["status", "finished_at", "output", "provider"])
        workflow.outputs = {**workflow.outputs, step_id: steps.summary_of(step_id, output)}
        workflow.save(update_fields=["outputs"])
        workflow_event(
            workflow,
            step=step_id,
            step_status="succeeded",
            progress=1.0,
            provider=run.provider,
            output=workflow.outputs[step_id],
        )
        _advance(workflow)


def _step_delay() -> None:
    """WORKFLOW_STEP_DELAY_SECONDS: slow every step down (demos of the progress stream, and the
    test that kills a worker in the middle of a step). 0 in production."""
    import time

    if settings.WORKFLOW_STEP_DELAY_SECONDS:
        time.sleep(settings.WORKFLOW_STEP_DELAY_SECONDS)


def _advance(workflow: Workflow) -> None:
    """Called under the workflow's lock: when the current level is done, start the next (or finish)."""
    if workflow.status != RunStatus.RUNNING:
        return
    levels = workflow.plan["levels"]
    level = levels[workflow.stage]
    done = set(
        AgentRun.objects.filter(workflow=workflow, step__in=level, status=RunStatus.SUCCEEDED).values_list(
            "step", flat=True
        )
    )
    if done != set(level):
        return
    workflow.stage += 1
    if workflow.stage < len(levels):
        workflow.save(update_fields=["stage"])
        _enqueue_level(workflow)
        return
    workflow.status, workflow.finished_at = RunStatus.SUCCEEDED, timezone.now()
    workflow.scores = _scores(workflow)
    workflow.save(update_fields=["stage", "status", "finished_at", "scores"])
    metrics.workflow_finished(workflow)
    workflow_event(
        workflow,
        step=None,
        message="finished",
        scores=workflow.scores,
        document=workflow.document_id,
        documents=[d for d in workflow.documents if d],
    )


def _workflow_failed(workflow_id: int, run: AgentRun, exc: Exception) -> None:
    logger.warning("workflow %s: step %s failed: %s", workflow_id, run.step, exc)
    with transaction.atomic():
        workflow = Workflow.objects.select_for_update().get(pk=workflow_id)
        reason = _reason(exc)
        AgentRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, finished_at=timezone.now(), error=reason)
        if workflow.status != RunStatus.RUNNING:
            return
        workflow.status, workflow.finished_at = RunStatus.FAILED, timezone.now()
        workflow.error = f"Step {run.step!r} ({run.agent}) failed after {run.attempts} attempt(s): {reason}"
        workflow.save(update_fields=["status", "finished_at", "error"])
        metrics.workflow_finished(workflow)
        workflow_event(workflow, step=run.step, step_status="failed", error=workflow.error)


# --- the steps (declared in agents/steps.py) and copy helpers ------------------------------------


def copy_to_slots(copy: dict, slots: set[str], *, picture: str | None = None, brief=None, brand=None) -> dict[str, str]:
    """The copy (and the brief's facts, the product picture) mapped onto the slot roles a
    template has, for ``template_apply``."""
    values = {
        "product_name": (brief.product if brief else "") or "",
        "price": (brief.price if brief else "") or "",
        "discount_badge": (brief.offer if brief else "") or "",
        "badge": (brief.offer if brief else "") or "",
        "feature_bullet": "\n".join(f"• {f}" for f in (brief.features if brief else [])[:4]),
        "brand_name": brand.name if brand else "",
        "tagline": copy.get("subheadline") or "",
        "headline": copy["headline"],
        "subheadline": copy.get("subheadline") or "",
        "body": copy.get("body") or "",
        "cta": copy.get("cta") or "",
        "cta_button": copy.get("cta") or "",
        "hashtags": " ".join(copy.get("hashtags", [])[:6]),
        "product_image": picture or "",
        "caption": copy.get("subheadline") or "",
    }
    return {role: value for role, value in values.items() if role in slots and value}


COPY_ROLES = {
    "headline": "headline",
    "subheadline": "subheadline",
    "caption": "subheadline",
    "body": "body",
    "cta": "cta",
    "cta_button": "cta",
    "hashtags": "hashtags",
}


def replace_copy(content: dict, new: dict, *, old: dict | None = None) -> dict:
    """``content`` with the texts of copy roles replaced by ``new``'s (roles ``new`` leaves empty
    keep theirs). With ``old``, only texts that still read as ``old`` wrote them are replaced,
    so what someone changed by hand stays."""
    import copy as copying

    def text_of(copy: dict, key: str) -> str:
        return " ".join(copy.get("hashtags", [])[:6]) if key == "hashtags" else copy.get(key) or ""

    def walk(objects):
        for obj in objects:
            if obj.get("type") == "group":
                walk(obj.get("children", []))
            elif obj.get("type") == "text" and (key := COPY_ROLES.get(obj.get("role"))):
                if old is not None and obj.get("text") != text_of(old, key):
                    continue
                if text_of(new, key):
                    obj["text"] = text_of(new, key)

    updated = copying.deepcopy(content)
    for page in updated["pages"]:
        walk(page.get("objects", []))
    return updated


def _scores(workflow: Workflow) -> dict:
    """Each channel's scores after optimisation, by the rubric (agents/quality.py); the
    workflow's are its weakest channel's, since a campaign is as good as its worst design."""
    from agents.quality import RUBRIC, overall_score

    outputs = {run.step: run.output for run in AgentRun.objects.filter(workflow=workflow, status=RunStatus.SUCCEEDED)}
    channels = steps.channels_of(workflow)
    by_channel = {}
    for channel in channels:

        def out(kind, channel=channel):
            return outputs.get(steps.step_id(kind, channel, channels), {})

        optimizer = out("optimizer")
        review = optimizer.get("review_after") or out("reviewer")
        brand = optimizer.get("brand_after") or out("brand_guardian")
        vision = optimizer.get("vision_after") or out("vision_analyzer")
        findings = review.get("findings", []) + brand.get("findings", []) + vision.get("findings", [])
        overall, caps = overall_score([review.get("score"), brand.get("score"), vision.get("score")], findings)
        by_channel[channel] = {
            "review": review.get("score"),
            "brand": brand.get("score"),
            "vision": vision.get("score"),
            "overall": overall,
            "caps": caps,
            "rounds": len(optimizer.get("rounds") or []),
            "before_optimization": {
                "review": out("reviewer").get("score"),
                "brand": out("brand_guardian").get("score"),
                "vision": out("vision_analyzer").get("score"),
            },
        }
    scored = [c for c in channels if by_channel[c]["overall"] is not None]
    worst = min(scored, key=lambda c: by_channel[c]["overall"]) if scored else channels[0]
    return {**by_channel[worst], "channel": worst, "by_channel": by_channel, "rubric": RUBRIC}
