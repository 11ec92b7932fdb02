from channels.db import database_sync_to_async

from agents import events as workflow_events
from sparklio.core import events
from sparklio.core.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, WorkspaceEventsConsumer


class WorkflowConsumer(WorkspaceEventsConsumer):
    """``/ws/workflows/{id}/``: the workflow's progress. On connect the server first sends
    ``{"type": "workflow.state", ...}`` (status, steps, outputs, scores, document) and then
    every ``workflow.progress`` event, so a late subscriber misses nothing: it joins the group
    before reading the state, so an event may arrive twice but never not at all."""

    async def connect(self):
        events.remember_server_loop()
        user = self.scope.get("user")
        self.workflow_id = self.scope["url_route"]["kwargs"]["workflow_id"]
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        if await database_sync_to_async(self._state)(user) is None:
            await self.refuse(CLOSE_NOT_FOUND)
            return
        await self.admit(workspace_id=self._workspace_id, role=self._role)
        self.group = workflow_events.workflow_group(self.workflow_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "workflow.state", **(await database_sync_to_async(self._state)(user))})

    def _state(self, user):
        from agents.api.serializers import WorkflowSerializer
        from agents.models import Workflow
        from agents.selectors import run_costs
        from sparklio.core.selectors import workspace_roles

        roles = workspace_roles(user=user)
        workflow = Workflow.objects.filter(pk=self.workflow_id, workspace_id__in=list(roles)).first()
        if workflow is None:
            return None
        self._workspace_id, self._role = workflow.workspace_id, roles[workflow.workspace_id]
        costs = run_costs(workflow.runs.values_list("pk", flat=True))
        data = WorkflowSerializer(workflow, context={"costs": costs}).data
        return {"workflow": data["id"], **{k: v for k, v in data.items() if k != "id"}}
