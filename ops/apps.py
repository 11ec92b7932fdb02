from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations across every app: the operator's statistics, backup and restore. Holds no data of
    its own; it sits above the other apps and only reads them (the restore writes through the
    loader, as a whole)."""

    name = "ops"
    verbose_name = _("Operations")
