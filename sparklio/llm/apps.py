from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LLMConfig(AppConfig):
    """The LLM gateway: providers, routing, structured output, ledger, budgets, limits, cache."""

    name = "sparklio.llm"
    label = "llm"
    verbose_name = _("LLM gateway")
