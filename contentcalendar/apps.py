from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentCalendarConfig(AppConfig):
    """The content calendar: dated entries per channel, a month planned from the brand's cadence,
    Korean holidays, shopping days and trends, an iCalendar export and publish reminders.

    Named ``contentcalendar``, not ``calendar``, which would shadow Python's own module. It reads
    ``brands`` and ``documents`` and the language floor; the ``content_calendar`` agent calls it."""

    name = "contentcalendar"
    verbose_name = _("Content calendar")
