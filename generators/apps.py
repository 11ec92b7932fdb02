from django.apps import AppConfig


class GeneratorsConfig(AppConfig):
    name = "generators"
