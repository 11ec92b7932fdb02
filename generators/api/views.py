from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from generators import services
from generators.api.serializers import GeneratorResultSerializer, GeneratorRunSerializer, GeneratorSerializer
from generators.registry import GENERATORS
from sparklio.core.api.fields import money
from sparklio.core.api.scoping import require_role, target_workspace
from sparklio.core.models import Role

ENVELOPE = {"workspace", "brand", "provider"}


@extend_schema(tags=["generators"])
class GeneratorViewSet(viewsets.ViewSet):
    """Single-purpose generators (text, image, video), each with a JSON-schema'd input and
    output. ``run`` uses a model when one is configured and the offline baseline otherwise;
    the answer's ``provider`` says which."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "name"
    lookup_value_regex = "[a-z_]+"

    @extend_schema(
        responses=GeneratorSerializer(many=True), summary="Every generator with its input and output schemas"
    )
    def list(self, request):
        return Response([cls.describe() for cls in GENERATORS.values()])

    @extend_schema(responses=GeneratorSerializer, summary="One generator")
    def retrieve(self, request, name=None):
        if name not in GENERATORS:
            raise NotFound(f"No generator {name!r}.")
        return Response(GENERATORS[name].describe())

    @extend_schema(
        request=GeneratorRunSerializer,
        responses={200: GeneratorResultSerializer},
        summary="Run a generator",
        description="The body is the generator's input (see its input_schema; `brief` may stand in for the "
        "structured fields) plus `workspace`, `brand` and `provider`.",
    )
    def run(self, request, name=None):
        if name not in GENERATORS:
            raise NotFound(f"No generator {name!r}.")
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": ["Send a JSON object."]})
        envelope = GeneratorRunSerializer(data=request.data, context={"request": request})
        envelope.is_valid(raise_exception=True)
        values = envelope.validated_data
        workspace_id = target_workspace(request, values).pk
        require_role(request, workspace_id, Role.EDITOR)
        data = {key: value for key, value in request.data.items() if key not in ENVELOPE}
        result = services.generator_run(
            name=name,
            data=data,
            workspace_id=workspace_id,
            user_id=request.user.pk,
            brand=values.get("brand"),
            provider=values.get("provider"),
            on_progress=services.progress_to_workspace(
                workspace_id=workspace_id, generator=name, user_id=request.user.pk
            ),
            # a form body carries only text: its numbers and booleans are read from text
            strict=not hasattr(request.data, "getlist"),
        )
        return Response({**result.as_dict(), "cost_usd": money(result.cost_usd)})
