"""Provider instances by name, built from settings."""

from __future__ import annotations

from django.utils.module_loading import import_string

from sparklio.llm.providers.base import Provider

PROVIDER_CLASSES = {
    "openai": "sparklio.llm.providers.openai_provider.OpenAIProvider",
    "anthropic": "sparklio.llm.providers.anthropic_provider.AnthropicProvider",
    "gemini": "sparklio.llm.providers.gemini_provider.GeminiProvider",
    "ollama": "sparklio.llm.providers.ollama_provider.OllamaProvider",
}


def build_providers() -> dict[str, Provider]:
    return {name: import_string(path)() for name, path in PROVIDER_CLASSES.items()}


def provider_configured(name: str) -> bool:
    """Whether settings give the named provider what it needs (a key or a base URL)."""
    path = PROVIDER_CLASSES.get(name)
    return path is not None and import_string(path)().configured()
