import re
from collections.abc import Callable

from django.core.paginator import InvalidPage, Page
from rest_framework.exceptions import NotFound, ValidationError
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

    def paginate_counted(self, request, fetch: Callable[..., tuple[list, int]]) -> list:
        """``paginate_queryset`` for a page that counts itself: ``fetch(offset=, limit=)`` gives
        the page's rows and the number of rows in all (a window count in the page's own query),
        so there is no ``count()`` round trip. The same page, ``count``, links and errors: a
        page past the end (no rows, page above 1) is the same 404, an empty first page is
        ``count: 0``."""
        page_size = self.get_page_size(request)
        number = self._whole_number(request, self.page_query_param, None) or 1
        rows, total = fetch(offset=(number - 1) * page_size, limit=page_size)
        paginator = self.django_paginator_class((), page_size)
        paginator.count = total if rows else 0  # Paginator.count is a cached_property
        try:
            paginator.validate_number(number)  # no rows past the first page: Django's EmptyPage
        except InvalidPage as exc:
            raise NotFound(self.invalid_page_message.format(page_number=number, message=str(exc))) from exc
        self.page = Page(rows, number, paginator)
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
