import datetime as dt

import django_filters
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from contentcalendar.models import CHANNEL_CHOICES, CalendarEntry, EntryStatus
from contentcalendar.planner import KST


def _instant(name: str, value: str, *, end_of_day: bool) -> dt.datetime:
    """A date (Korean day: from its start, or through its end for ``to``) or an ISO time with
    an offset."""
    try:
        day = parse_date(value) if len(value) == 10 else None
    except ValueError:  # well formed, but no such day (2027-02-30)
        raise ValidationError({name: [_("No such day.")]}) from None
    if day is not None:
        if end_of_day:
            day += dt.timedelta(days=1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=KST)
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError({name: [_("A date (2027-02-01) or a time with its offset (2027-02-01T09:00:00+09:00).")]})
    if moment.tzinfo is None:
        raise ValidationError({name: [_("Give the time with its offset (…+09:00 or …Z), or a date.")]})
    return moment


class CalendarEntryFilter(django_filters.FilterSet):
    """``?from=`` and ``?to=`` take a date or a time with its offset; ``from`` is inclusive, ``to``
    is inclusive for a date (the whole day) and exclusive for a time."""

    status = django_filters.ChoiceFilter(choices=EntryStatus.choices)
    channel = django_filters.ChoiceFilter(choices=CHANNEL_CHOICES)
    source = django_filters.CharFilter(help_text='"plan" or "manual"')

    class Meta:
        model = CalendarEntry
        fields = ["workspace", "brand", "status", "channel", "source"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        params = self.data
        if value := params.get("from"):
            queryset = queryset.filter(publish_at__gte=_instant("from", value, end_of_day=False))
        if value := params.get("to"):
            queryset = queryset.filter(publish_at__lt=_instant("to", value, end_of_day=True))
        return queryset
