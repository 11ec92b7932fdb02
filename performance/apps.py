from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    """Ad results imported from Meta, Google Ads, Naver search ads or a plain sheet: summaries,
    statistics, insights and charts. It reads `documents` (a row may name a document); agents
    draw on it."""

    name = "performance"
    verbose_name = _("Performance")
