from django.conf import settings
from django.http import HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from prometheus_client import CONTENT_TYPE_LATEST
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core import metrics
from sparklio.core.api.throttling import HealthThrottle
from sparklio.core.health import checks_cached


class HealthView(APIView):
    """Readiness of the database (with pgvector), cache, channel layer, broker and storage."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = [SessionAuthentication]
    throttle_classes = [HealthThrottle]

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
                    "failed": serializers.ListField(child=serializers.CharField(), required=False),
                    "checks": serializers.DictField(
                        required=False, help_text="Each check's details: for staff and HEALTH_TOKEN holders"
                    ),
                },
            ),
            503: inline_serializer("HealthFailed", {"status": serializers.CharField()}),
        },
        tags=["operations"],
        summary="Health of every backing service (503 when one failed; details for staff or the health token)",
    )
    def get(self, request):
        # Anonymous callers get the verdict only, from the checks that write nothing (no storage
        # file); staff and HEALTH_TOKEN holders get every check with its details.
        detailed = self._may_see_details(request)
        ok, checks = checks_cached(detailed=detailed)
        body = {"status": "ok" if ok else "fail"}
        if detailed:
            body["failed"] = [name for name, result in checks.items() if not result["ok"]]
            body["checks"] = checks
        return Response(body, status=200 if ok else 503)

    def get_throttles(self):
        return [] if self._may_see_details(self.request) else super().get_throttles()


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema; ``?format=json`` or ``?format=yaml`` picks the encoding (DRF's own
    ``format`` parameter is off in this project: the render endpoints use ``format`` for theirs)."""

    def perform_content_negotiation(self, request, force=False):
        wanted = request.query_params.get("format")
        if wanted is None:
            return super().perform_content_negotiation(request, force)
        for renderer in self.get_renderers():
            if renderer.format == wanted:
                return renderer, renderer.media_type
        raise ValidationError({"format": ["json or yaml."]})


@require_GET
def metrics_view(request):
    """Prometheus text format. With ``METRICS_TOKEN`` set, only ``Authorization: Bearer <token>``
    gets it: no header is a 401, a wrong token a 403, and neither says anything about the metrics."""
    refusal = metrics.token_refusal(request.headers.get("Authorization", ""))
    if refusal is not None:
        status, text = refusal
        response = HttpResponse(text, status=status, content_type="text/plain")
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
