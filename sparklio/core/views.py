from django.conf import settings
from django.utils.crypto import constant_time_compare
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core.health import run_checks


class HealthView(APIView):
    """Readiness of the database (with pgvector), cache, channel layer, broker and storage."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = [SessionAuthentication]
    throttle_classes = []

    @staticmethod
    def _may_see_details(request) -> bool:
        # Anyone (a load balancer) learns ok/fail and what failed; the details (versions, error
        # text that may name hosts) are for staff or holders of HEALTH_TOKEN.
        token = settings.HEALTH_TOKEN
        given = request.headers.get("X-Health-Token", "")
        return bool(request.user and request.user.is_staff) or bool(token and constant_time_compare(given, token))

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
        body = {"status": "ok" if ok else "fail", "failed": failed}
        if self._may_see_details(request):
            body["checks"] = checks
        return Response(body, status=200 if ok else 503)
