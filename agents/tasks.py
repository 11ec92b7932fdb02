"""Thin Celery tasks: ids in, services do the work. Late acks (settings) plus idempotent
services make a redelivered task harmless; transient errors retry with backoff."""

from celery import shared_task
from django.conf import settings

from agents import services


def _retry(task, exc, on_give_up=None):
    if task.request.retries >= settings.WORKFLOW_STEP_MAX_RETRIES:
        if on_give_up is not None:
            on_give_up(exc)
        raise exc
    if task.request.is_eager:
        # Eager runs (tests, the campaign command) retry in place: Celery's eager retry only raises.
        result = task.apply(args=task.request.args, kwargs=task.request.kwargs, retries=task.request.retries + 1)
        result.maybe_throw()
        return result.result
    countdown = min(30, 2**task.request.retries)
    raise task.retry(exc=exc, countdown=countdown, max_retries=settings.WORKFLOW_STEP_MAX_RETRIES)


@shared_task(bind=True, name="agents.workflow_plan")
def workflow_plan(self, workflow_id: int) -> None:
    try:
        services.workflow_plan(workflow_id=workflow_id)
    except Exception as exc:
        if services.is_transient(exc):
            return _retry(self, exc, lambda e: services.workflow_plan_gave_up(workflow_id=workflow_id, exc=e))
        raise


@shared_task(bind=True, name="agents.workflow_step")
def workflow_step(self, workflow_id: int, step_id: str) -> None:
    try:
        services.workflow_step_run(workflow_id=workflow_id, step_id=step_id)
    except services.StepBusy:
        # A live worker holds the step: look again once its lease could have lapsed, so the step
        # is still taken over if that worker dies (this message replaces the duplicate acked now).
        workflow_step.apply_async((workflow_id, step_id), countdown=settings.WORKFLOW_STEP_LEASE_SECONDS)
    except Exception as exc:
        if services.is_transient(exc):
            return _retry(self, exc)
        raise


@shared_task(bind=True, name="agents.agent_run")
def agent_run(self, run_id: int) -> None:
    try:
        services.agent_run_execute(run_id=run_id)
    except services.StepBusy:  # see workflow_step
        agent_run.apply_async((run_id,), countdown=settings.WORKFLOW_STEP_LEASE_SECONDS)
    except Exception as exc:
        if services.is_transient(exc):
            return _retry(self, exc)
        raise
