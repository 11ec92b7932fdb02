from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrendsConfig(AppConfig):
    """Trends of a workspace: the RSS and Atom feeds it follows, their items and keywords, and
    the keywords ranked by how often and how much more they are mentioned.

    It imports only the base floor; agents and chat draw on it (``selectors.trend_top``)."""

    name = "trends"
    verbose_name = _("Trends")
