from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum

from agents.models import AgentRun, Workflow
from sparklio.llm.models import LLMCall


def workflow_list(*, workspace_ids):
    return Workflow.objects.filter(workspace_id__in=list(workspace_ids)).select_related("document")


def agent_run_list(*, workspace_ids):
    return AgentRun.objects.filter(workspace_id__in=list(workspace_ids))


def run_costs(run_ids) -> dict[int, Decimal]:
    """LLM spend per agent run, from the ledger rows that name the run as their cause."""
    content_type = ContentType.objects.get_for_model(AgentRun)
    rows = (
        LLMCall.objects.filter(cause_type=content_type, cause_id__in=list(run_ids))
        .values("cause_id")
        .annotate(total=Sum("cost_usd"))
    )
    return {row["cause_id"]: row["total"] or Decimal(0) for row in rows}


def workflow_citations(runs) -> list[dict]:
    """The knowledge passages a workflow's steps drew on (``knowledge`` in each run's output),
    one entry per chunk in the order first used, with the steps that used it."""
    cited: dict[int, dict] = {}
    for run in runs:
        for used in (run.output or {}).get("knowledge") or []:
            entry = cited.setdefault(used["chunk"], {**used, "page": used.get("page"), "steps": []})
            if run.step not in entry["steps"]:
                entry["steps"].append(run.step)
    return list(cited.values())


def document_for_adapting(*, pk: int, workspace_ids):
    """The document to adapt to other channels, if it is in one of ``workspace_ids``."""
    from documents.models import Document

    return (
        Document.objects.select_related("workspace", "brand")
        .filter(pk=pk, workspace_id__in=list(workspace_ids))
        .first()
    )
