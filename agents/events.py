"""Workflow and agent-run events: to the workflow's own group and the workspace's."""

from __future__ import annotations

from sparklio.core import events


def workflow_group(workflow_id: int) -> str:
    return f"workflow.{workflow_id}"


def workflow_event(workflow, *, after_commit: bool = True, **data) -> None:
    event = {"type": "workflow.progress", "workflow": workflow.pk, "status": workflow.status, **data}
    send = events.send_on_commit if after_commit else events.send_now
    send(workflow_group(workflow.pk), event)
    send(events.workspace_group(workflow.workspace_id), event)


def run_event(run, *, after_commit: bool = True, **data) -> None:
    event = {"type": "agent_run.progress", "run": run.pk, "agent": run.agent, "status": run.status, **data}
    send = events.send_on_commit if after_commit else events.send_now
    send(events.workspace_group(run.workspace_id), event)
