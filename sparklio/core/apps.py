from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base floor: users, workspaces and roles, API conventions, realtime and health."""

    name = "sparklio.core"
    label = "core"
    verbose_name = _("Accounts and workspaces")

    def ready(self):
        # Celery signal receivers: the request id travels with tasks, tasks are counted for /metrics.
        from sparklio.core import authcache, metrics, requestid  # noqa: F401

        authcache.connect()
