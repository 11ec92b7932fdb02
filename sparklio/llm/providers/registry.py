"""Provider instances by name, built from settings."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from sparklio.llm.providers.base import Provider

PROVIDER_CLASSES = {
    "openai": "sparklio.llm.providers.openai_provider.OpenAIProvider",
    "anthropic": "sparklio.llm.providers.anthropic_provider.AnthropicProvider",
    "gemini": "sparklio.llm.providers.gemini_provider.GeminiProvider",
    "ollama": "sparklio.llm.providers.ollama_provider.OllamaProvider",
}

# What a provider reads from settings when it is built: when one of them changes (an operator's
# new key, override_settings in a test), the gateway builds its providers again.
PROVIDER_SETTINGS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "GOOGLE_API_KEY",
    "GEMINI_BASE_URL",
    "OLLAMA_BASE_URL",
    "LLM_TIMEOUT_SECONDS",
)


def settings_fingerprint() -> tuple:
    return tuple(getattr(settings, name, None) for name in PROVIDER_SETTINGS)


def build_providers() -> dict[str, Provider]:
    """New provider instances; cheap, as none builds a client (or an SSL context) before its first request."""
    return {name: import_string(path)() for name, path in PROVIDER_CLASSES.items()}


def provider_configured(name: str) -> bool:
    """Whether settings give the named provider what it needs (a key or a base URL)."""
    path = PROVIDER_CLASSES.get(name)
    return path is not None and import_string(path)().configured()
