from django.apps import AppConfig


class LLMConfig(AppConfig):
    """The LLM gateway: providers, routing, structured output, ledger, budgets, limits, cache."""

    name = "sparklio.llm"
    label = "llm"
    verbose_name = "LLM gateway"
