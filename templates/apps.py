from django.apps import AppConfig


class TemplatesConfig(AppConfig):
    """Marketing templates. Its own HTML lives in templates/templates/templates/."""

    name = "templates"
    verbose_name = "Templates"
