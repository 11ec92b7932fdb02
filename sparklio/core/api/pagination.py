import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class Pagination(PageNumberPagination):
    """Every list of the API: ``{count, next, previous, results}``. ``page_size`` (1–100) and
    ``page`` (from 1) are whole numbers; anything else (``null``, ``0``, ``-1``, ``abc``) is a
    400, not the default page."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def _whole_number(self, request, name: str, maximum: int | None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
            limit = f"from 1 to {maximum}" if maximum is not None else "from 1"
            raise ValidationError({name: [f"A whole number {limit}."]})
        return int(raw)

    def get_page_size(self, request):
        return self._whole_number(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self._whole_number(request, self.page_query_param, None)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
