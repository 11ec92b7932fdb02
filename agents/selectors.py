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
