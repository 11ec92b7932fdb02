from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The base floor: users, workspaces and roles, API conventions, realtime and health."""

    name = "sparklio.core"
    label = "core"
    verbose_name = "Accounts and workspaces"
