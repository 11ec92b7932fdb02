"""Odd requests answered before any view runs, in the API's JSON error shape."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.urls import is_valid_path
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException

from sparklio.core.text import printable, problem


def too_large_response() -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return JsonResponse(
        {"detail": f"The request body is larger than the limit of {limit} bytes.", "code": "request_too_large"},
        status=413,
    )


class OddInputMiddleware:
    """- A query string whose names or values hold a NUL character (no column can store one, and
      a filter on one fails in the database) is a 400 naming the parameter.
    - A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413: declared larger up front (files in a
      multipart upload are limited by their own endpoints, so only other bodies are checked
      here), or found larger while a view reads it (Django's RequestDataTooBig, an HTML 400 by
      default). JSON bodies are checked by the API's JSON parser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            for text in (name, *values):
                if (message := problem(text)) is not None:
                    field = printable(name)
                    return JsonResponse(
                        {"detail": f"{field}: {message}", "code": "invalid", "errors": {field: [message]}}, status=400
                    )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and not request.content_type.startswith("multipart/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return too_large_response()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large_response()
        if isinstance(exception, APIException):
            # A service's domain error (a render over its budget…) reaching a view outside DRF,
            # such as the admin's thumbnails: the same answer the API gives, not a 500.
            codes = exception.get_codes()
            return JsonResponse(
                {
                    "detail": str(exception.detail),
                    "code": codes if isinstance(codes, str) else "error",
                    **getattr(exception, "extra", {}),
                },
                status=exception.status_code,
            )
        return None


class ApiPathMiddleware:
    """Under ``/api/``, one rule for trailing slashes: every path the schema lists ends with one,
    and the same path without it reaches the same view as it is (a redirect would turn a POST
    into a GET and drop its body). A path that names nothing answers the API's JSON 404, even
    with ``DEBUG`` on, never an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            urlconf = getattr(request, "urlconf", None)
            if not is_valid_path(path, urlconf):
                other = path[:-1] if path.endswith("/") else f"{path}/"
                if not is_valid_path(other, urlconf):
                    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
                request.path_info = other
                request.path = f"{request.path[:-1]}" if path.endswith("/") else f"{request.path}/"
        return self.get_response(request)
