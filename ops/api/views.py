from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from ops import selectors
from ops.api.serializers import AdminStatsSerializer


@extend_schema(tags=["operations"])
class AdminStatsView(APIView):
    """Every workspace at once: for staff only (anyone else is refused with 403)."""

    permission_classes = [IsAdminUser]

    @extend_schema(
        responses=AdminStatsSerializer,
        summary="Operator's view: workflows by status and failure reason, queue depth, gateway spend, open sockets",
    )
    def get(self, request):
        return Response(AdminStatsSerializer(selectors.stats()).data)
