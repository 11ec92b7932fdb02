"""One JSON error shape for the whole API.

Every error has ``detail`` (a sentence) and ``code``; validation errors add ``errors``, a
map from the field (or JSON path, for nested data) to its messages:

    {"detail": "Invalid input.", "code": "invalid", "errors": {"colors[0].hex": ["..."]}}
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sparklio.core.middleware import too_large_response
from sparklio.core.outage import JobQueueUnavailable


def flatten_errors(data, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error structure into {"path.to[0].field": [messages]}.

    DRF reports list items as {index: errors} dicts and errors about a whole nested value
    under "non_field_errors"; both map onto the path of the value itself.
    """
    out: dict[str, list[str]] = {}

    def add(path: str, value) -> None:
        for sub_path, messages in flatten_errors(value, path).items():
            out.setdefault(sub_path, []).extend(messages)

    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
                add(f"{prefix}[{key}]", value)
            elif key == "non_field_errors":
                add(prefix, value)
            else:
                add(f"{prefix}.{key}" if prefix else str(key), value)
    elif isinstance(data, list):
        if all(not isinstance(item, (dict, list)) for item in data):
            out[prefix or "non_field_errors"] = [str(item) for item in data]
        else:
            for index, item in enumerate(data):
                if item:
                    add(f"{prefix}[{index}]", item)
    else:
        out[prefix or "non_field_errors"] = [str(data)]
    return out


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return too_large_response()
    if isinstance(exc, JobQueueUnavailable):
        return Response(
            {"detail": str(exc), "code": "unavailable", "retry_after": exc.retry_after},
            status=503,
            headers={"Retry-After": str(exc.retry_after)},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(response.data)
        first = next(iter(errors.items()), None)
        detail = f"{first[0]}: {first[1][0]}" if first else _("Invalid input.")
        response.data = {"detail": detail, "code": "invalid", "errors": errors}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        response.data = {
            "detail": str(exc.detail),
            "code": codes if isinstance(codes, str) else "error",
            **getattr(exc, "extra", {}),
        }
    elif isinstance(exc, Http404):
        response.data = {"detail": _("Not found."), "code": "not_found"}
    return response


def api_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def api_bad_request(request, exception=None):
    """Django's own 400s (a form with too many fields, a malformed multipart body…) in the JSON
    shape under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Bad request."), "code": "bad_request"}, status=400)
    from django.views.defaults import bad_request

    return bad_request(request, exception)


def api_server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Server error."), "code": "server_error"}, status=500)
    from django.views.defaults import server_error

    return server_error(request)


LOCKED_OUT = gettext_lazy("Too many failed logins for this account or from this address; try again later.")


def login_lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): a 429 with Retry-After,
    in the API's error shape under /api/, as a plain sentence elsewhere (the admin)."""
    wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": str(LOCKED_OUT), "code": "locked_out"}, status=429)
    else:
        response = HttpResponse(str(LOCKED_OUT), status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response
