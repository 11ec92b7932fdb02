from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core.health import run_checks


class HealthView(APIView):
    """Readiness of the database (with pgvector), cache, channel layer, broker and storage."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = []

    @extend_schema(
        responses={
            200: inline_serializer(
                "Health",
                {
                    "status": serializers.ChoiceField(choices=["ok", "fail"]),
                    "failed": serializers.ListField(child=serializers.CharField()),
                    "checks": serializers.DictField(),
                },
            ),
            503: inline_serializer("HealthFailed", {"status": serializers.CharField()}),
        },
        tags=["operations"],
        summary="Health of every backing service (503 names what failed)",
    )
    def get(self, request):
        ok, checks = run_checks()
        failed = [name for name, result in checks.items() if not result["ok"]]
        return Response(
            {"status": "ok" if ok else "fail", "failed": failed, "checks": checks}, status=200 if ok else 503
        )
