from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

from sparklio.core.storage import media_signature_valid
from sparklio.core.views import HealthView, SchemaView, metrics_view


def media_file(request, path):
    """Uploaded files from the local media folder, through the signed, expiring URLs the storage
    hands out (see sparklio/core/storage.py). Uploads are user content: a strict CSP keeps an
    SVG from running anything even if one slipped past the upload checks."""
    if not path.startswith("library/") and not media_signature_valid(
        path, request.GET.get("exp"), request.GET.get("sig")
    ):
        raise Http404("No such file, or its link has expired.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


api_v1 = [
    path("", include("sparklio.core.urls")),
    path("", include("brands.urls")),
    path("", include("sparklio.llm.urls")),
    path("", include("documents.urls")),
    path("", include("documents.editor_urls")),
    path("", include("assets.urls")),
    path("", include("knowledge.urls")),
    path("", include("contentcalendar.urls")),
    path("", include("learning.urls")),
    path("", include("trends.urls")),
    path("", include("templates.urls")),
    path("", include("generators.urls")),
    path("", include("agents.urls")),
    path("", include("chat.urls")),
    path("", include("meetings.urls")),
    path("", include("ops.urls")),
    path("", include("performance.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health", HealthView.as_view(), name="health"),
    path("metrics", metrics_view, name="metrics"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema", template_name="core/redoc.html"), name="redoc"),
]

if not settings.USE_S3:
    # Local media (the embedded default). With S3/MinIO, files are served from the bucket.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media_file))

handler400 = "sparklio.core.api.errors.api_bad_request"
handler404 = "sparklio.core.api.errors.api_not_found"
handler500 = "sparklio.core.api.errors.api_server_error"
