from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """A workspace's (and brand's) knowledge base: sources, chunks, hybrid retrieval, cited answers.

    It imports only `brands` and the base floor; agents and chat draw on it."""

    name = "knowledge"
    verbose_name = _("Knowledge")
