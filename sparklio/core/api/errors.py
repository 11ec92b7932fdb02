"""One JSON error shape for the whole API.

Every error has ``detail`` (a sentence) and ``code``; validation errors add ``errors``, a
map from the field (or JSON path, for nested data) to its messages:

    {"detail": "Invalid input.", "code": "invalid", "errors": {"colors[0].hex": ["..."]}}
"""

from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def flatten_errors(data, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error structure into {"path.to[0].field": [messages]}."""
    out: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = "" if key == "non_field_errors" and not prefix else str(key)
            path = f"{prefix}.{name}" if prefix and name else (prefix or name)
            for sub_path, messages in flatten_errors(value, path).items():
                out.setdefault(sub_path, []).extend(messages)
    elif isinstance(data, list):
        if all(not isinstance(item, (dict, list)) for item in data):
            out[prefix or "non_field_errors"] = [str(item) for item in data]
        else:
            for index, item in enumerate(data):
                if item:
                    for sub_path, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                        out.setdefault(sub_path, []).extend(messages)
    else:
        out[prefix or "non_field_errors"] = [str(data)]
    return out


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(response.data)
        first = next(iter(errors.items()), None)
        detail = f"{first[0]}: {first[1][0]}" if first else "Invalid input."
        response.data = {"detail": detail, "code": "invalid", "errors": errors}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        response.data = {
            "detail": str(exc.detail),
            "code": codes if isinstance(codes, str) else "error",
        }
    elif isinstance(exc, Http404):
        response.data = {"detail": "Not found.", "code": "not_found"}
    return response


def api_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def api_server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error.", "code": "server_error"}, status=500)
    from django.views.defaults import server_error

    return server_error(request)
