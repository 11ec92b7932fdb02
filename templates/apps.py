from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TemplatesConfig(AppConfig):
    """Marketing templates. Its own HTML lives in templates/templates/templates/."""

    name = "templates"
    verbose_name = _("Templates")
