"""sparklio.urls plus GET /bench/ping/: the same Bearer authentication and middleware as every
API view, and nothing else (no query beyond the token, no serializer)."""

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.urls import *  # noqa: F403
from sparklio.urls import urlpatterns as project_urlpatterns


class Ping(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True, "user": request.user.pk})


urlpatterns = [path("bench/ping/", Ping.as_view()), *project_urlpatterns]
