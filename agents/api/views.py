from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from agents import selectors, services
from agents.api.serializers import (
    AgentRunCreateSerializer,
    AgentRunSerializer,
    AgentSerializer,
    DocumentAdaptResultSerializer,
    DocumentAdaptSerializer,
    WorkflowCreateSerializer,
    WorkflowListSerializer,
    WorkflowSerializer,
)
from agents.registry import AGENTS
from sparklio.core.api.fields import as_id
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles, require_role, target_workspace
from sparklio.core.models import Role, Workspace


@extend_schema(tags=["workflows"])
class WorkflowViewSet(
    WorkspaceScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Campaign workflows: a brief and a brand in, a reviewed design document out.

    ``POST`` answers 202 at once; follow progress on ``/ws/workflows/{id}/`` or poll the detail."""

    filterset_fields = ["status", "channel", "brand", "workspace"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        queryset = selectors.workflow_list(workspace_ids=request_roles(self.request).keys())
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("runs")
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return WorkflowCreateSerializer
        return WorkflowListSerializer if self.action == "list" else WorkflowSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            context["costs"] = (
                selectors.run_costs(
                    selectors.agent_run_list(workspace_ids=request_roles(self.request).keys())
                    .filter(workflow_id=self.kwargs["pk"])
                    .values_list("pk", flat=True)
                )
                if as_id(self.kwargs["pk"])
                else {}
            )
        return context

    @extend_schema(
        request=WorkflowCreateSerializer, responses={202: WorkflowSerializer}, summary="Start a campaign workflow"
    )
    def create(self, request, *args, **kwargs):
        data = WorkflowCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        brand = values["brand"]
        workspace = values.get("workspace") or brand.workspace
        require_role(request, workspace.pk, Role.EDITOR)
        workflow = services.workflow_start(
            workspace=workspace,
            user=request.user,
            brief=values["brief"],
            brand=brand,
            channel=values.get("channel"),
            provider=values.get("provider"),
            facts=values.get("facts"),
            assets=values.get("assets"),
        )
        workflow.refresh_from_db()
        body = WorkflowSerializer(workflow, context={"request": request, "costs": {}}).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": f"/api/v1/workflows/{workflow.pk}/"}
        )


@extend_schema(tags=["agents"])
class AgentViewSet(viewsets.ViewSet):
    """The agents, with their input and output schemas; ``runs`` queues one as a background job."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=AgentSerializer(many=True), summary="Every agent with its schemas")
    def list(self, request):
        return Response([cls.describe() for cls in AGENTS.values()])

    @extend_schema(responses=AgentSerializer, summary="One agent")
    def retrieve(self, request, name=None):
        if name not in AGENTS:
            raise NotFound(f"No agent {name!r}.")
        return Response(AGENTS[name].describe())

    @extend_schema(
        request=AgentRunCreateSerializer,
        responses={202: AgentRunSerializer},
        summary="Queue a run of this agent",
        description="Body: `{workspace?, brand?, provider?, input: {...the agent's input}}`.",
    )
    def run(self, request, name=None):
        if name not in AGENTS:
            raise NotFound(f"No agent {name!r}.")
        envelope = AgentRunCreateSerializer(data=request.data, context={"request": request})
        envelope.is_valid(raise_exception=True)
        values = envelope.validated_data
        data = values["input"]
        if not isinstance(data, dict):
            raise ValidationError({"input": ["The agent's input, as a JSON object (see its input_schema)."]})
        workspace_id = target_workspace(request, values).pk
        require_role(request, workspace_id, Role.EDITOR)
        run = services.agent_run_create(
            workspace=Workspace.objects.get(pk=workspace_id),
            user=request.user,
            agent=name,
            data=data,
            brand=values.get("brand"),
            provider=values.get("provider"),
        )
        run.refresh_from_db()
        return Response(AgentRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["agents"])
class AgentRunViewSet(WorkspaceScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Agent runs of your workspaces (alone or as workflow steps)."""

    serializer_class = AgentRunSerializer
    filterset_fields = ["agent", "status", "workflow", "workspace"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.agent_run_list(workspace_ids=request_roles(self.request).keys()).order_by("-created_at")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and (run_id := as_id(self.kwargs.get("pk", ""))):
            context["costs"] = selectors.run_costs([run_id])
        return context


@extend_schema(tags=["documents"])
class DocumentAdaptView(APIView):
    """One design re-laid out for other channels: a new document per channel preset."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=DocumentAdaptSerializer,
        responses={201: DocumentAdaptResultSerializer},
        summary="Adapt a design to other channels (resize and re-lay out)",
    )
    def post(self, request, pk: int):
        document = selectors.document_for_adapting(pk=pk, workspace_ids=request_roles(request).keys())
        if document is None:
            raise NotFound(f"No document {pk}.")
        require_role(request, document.workspace_id, Role.EDITOR)
        data = DocumentAdaptSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        made = services.document_adapt(document=document, channels=data.validated_data["channels"], user=request.user)
        return Response({"documents": made}, status=status.HTTP_201_CREATED)
