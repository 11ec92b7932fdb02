from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core.api.fields import id_param
from sparklio.core.api.scoping import request_roles
from sparklio.llm import selectors, services
from sparklio.llm.api.serializers import (
    LLMCallSerializer,
    ProviderStatusSerializer,
    UsageQuerySerializer,
    UsageSerializer,
)
from sparklio.llm.models import LLMCall, Outcome
from sparklio.llm.status import provider_statuses


@extend_schema(tags=["llm"])
class ProvidersView(APIView):
    @extend_schema(responses=ProviderStatusSerializer(many=True), summary="LLM providers: models, health, cooldown")
    def get(self, request):
        return Response(ProviderStatusSerializer(provider_statuses(), many=True).data)


def _workspace_for(request, value) -> int:
    roles = request_roles(request)
    if value is None:
        if len(roles) == 1:
            return next(iter(roles))
        raise ValidationError({"workspace": ["Give the workspace id (you belong to several)."]})
    if value not in roles:
        raise NotFound("No such workspace.")
    return value


@extend_schema(tags=["llm"])
class UsageView(APIView):
    @extend_schema(
        parameters=[UsageQuerySerializer],
        responses=UsageSerializer,
        summary="The workspace's LLM spend: totals, per day, per provider and model",
    )
    def get(self, request):
        # a plain dict, not the QueryDict: DRF reads an empty form value as "not given", and
        # `?since=` is no date
        query = UsageQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        params = query.validated_data
        workspace_id = _workspace_for(request, params.get("workspace"))
        since = params.get("since") or services.month_start()
        calls = selectors.call_list(
            workspace_ids=[workspace_id],
            provider=params.get("provider"),
            purpose=params.get("purpose"),
            since=since,
            until=params.get("until"),
        )
        policy = services.policy_for(workspace_id=workspace_id)
        data = {
            "workspace": workspace_id,
            "since": since,
            "until": params.get("until"),
            "monthly_budget_usd": policy.monthly_budget_usd,
            "month_to_date_usd": services.monthly_spend(workspace_id=workspace_id),
            **selectors.spend_summary(calls),
        }
        return Response(UsageSerializer(data).data)


@extend_schema(
    tags=["llm"],
    parameters=[
        OpenApiParameter("workspace", int),
        OpenApiParameter("provider", str),
        OpenApiParameter("purpose", str),
        OpenApiParameter("outcome", str, enum=Outcome.values),
    ],
)
class CallListView(generics.ListAPIView):
    """The ledger rows of the caller's workspaces, newest first."""

    serializer_class = LLMCallSerializer
    queryset = LLMCall.objects.none()
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        params = self.request.query_params
        outcome = params.get("outcome")
        if outcome is not None and outcome not in Outcome.values:
            raise ValidationError({"outcome": [f"One of {', '.join(Outcome.values)}."]})
        return selectors.call_list(
            workspace_ids=list(request_roles(self.request)),
            workspace_id=id_param(params, "workspace"),
            provider=params.get("provider"),
            purpose=params.get("purpose"),
            outcome=params.get("outcome"),
        ).select_related("cause_type")
