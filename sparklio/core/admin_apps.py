from django.contrib.admin.apps import AdminConfig


class SparklioAdminConfig(AdminConfig):
    """Django's admin on Sparklio's site, which keeps workspaces apart (admin_scoping)."""

    default_site = "sparklio.core.admin_scoping.SparklioAdminSite"
