"""The admin keeps workspaces apart, as the API does.

Every ModelAdmin on the site is either workspace-scoped (``ScopedAdminMixin``: each row reaches
its workspace through ``workspace_path``) or open to superusers only: ``SparklioAdminSite``
wraps whatever else registers (Django's groups, DRF's tokens, django-axes' logs, a model added
later without thinking of this) in ``SuperuserOnlyMixin``. A staff user who is not a superuser
sees the rows of the workspaces they belong to, in lists, searches, autocompletes, foreign-key
choices and raw-id lookups alike, and writes only where their role allows it (editor and up,
unless an admin asks for more).

Rows with no workspace: the shared template library is shown to every staff member, read only
(only superusers edit it); LLM calls that no workspace caused are shown to superusers only.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import ROLE_RANK, Membership, Role, User, Workspace


def _roles(request) -> dict[int, str]:
    """The user's workspaces and roles, read once per request."""
    if not hasattr(request, "_admin_roles"):
        request._admin_roles = dict(Membership.objects.filter(user=request.user).values_list("workspace_id", "role"))
    return request._admin_roles


def workspace_ids(request, *, at_least: str = Role.VIEWER) -> set[int]:
    rank = ROLE_RANK[Role(at_least)]
    return {ws for ws, role in _roles(request).items() if ROLE_RANK[Role(role)] >= rank}


class ScopedMixin:
    """What scoped admins and their inlines share: foreign-key choices limited to what the
    user may see (workspaces: those they may write to)."""

    def _scope_related(self, request, model, queryset):
        if request.user.is_superuser:
            return queryset
        if model is Workspace:
            return queryset.filter(pk__in=workspace_ids(request, at_least=Role.EDITOR))
        related_admin = self.admin_site._registry.get(model)
        if isinstance(related_admin, ScopedAdminMixin):
            return related_admin.scope_queryset(request, queryset)
        if any(f.name == "workspace" for f in model._meta.get_fields()):
            return queryset.filter(workspace_id__in=workspace_ids(request))
        # a model whose admin only superusers may use is no choice for anyone else
        return queryset.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scope_related(
                request, db_field.related_model, db_field.related_model._default_manager.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scope_related(
                request, db_field.related_model, db_field.related_model._default_manager.all()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedMixin):
    """Rows limited to the user's workspaces (superusers see all).

    ``workspace_path`` is the ORM path from the model to its workspace ("workspace",
    "brand__workspace"; "" for Workspace itself). ``write_role`` is the least role that may
    add, change or delete; ``shared_when_null`` shows rows without a workspace to every staff
    member, read only.
    """

    workspace_path = "workspace"
    write_role = Role.EDITOR
    shared_when_null = False

    def _lookup(self) -> str:
        return f"{self.workspace_path}__in" if self.workspace_path else "pk__in"

    def scope_queryset(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        condition = models.Q(**{self._lookup(): workspace_ids(request)})
        if self.shared_when_null:
            condition |= models.Q(**{f"{self.workspace_path}__isnull": True})
        return queryset.filter(condition)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def workspace_id_of(self, obj) -> int | None:
        if not self.workspace_path:
            return obj.pk
        *through, last = self.workspace_path.split("__")
        for name in through:
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return getattr(obj, f"{last}_id")

    def may_write(self, request, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        writable = workspace_ids(request, at_least=self.write_role)
        return bool(writable) if obj is None else self.workspace_id_of(obj) in writable

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or request.user.is_superuser or not allowed:
            return allowed
        workspace_id = self.workspace_id_of(obj)
        if workspace_id is None:
            return self.shared_when_null
        return workspace_id in workspace_ids(request)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self.may_write(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_write(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_write(request, obj)

    def save_model(self, request, obj, form, change):
        # the form offers only the user's writable workspaces; this is the backstop
        if not self.may_write(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_list_filter(self, request):
        """A filter by a related row lists only the rows the changelist holds, so another
        workspace's name never shows up among the choices."""
        filters = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and "__" not in entry:
                field = self.model._meta.get_field(entry)
                if field.is_relation and field.many_to_one:
                    entry = (entry, admin.RelatedOnlyFieldListFilter)
            filters.append(entry)
        return filters


class ScopedInlineMixin(ScopedMixin):
    """An inline writes only where its parent may be written."""

    def _parent_may_write(self, request, obj) -> bool:
        parent_admin = self.admin_site._registry.get(self.parent_model)
        if not isinstance(parent_admin, ScopedAdminMixin):
            return request.user.is_superuser
        return parent_admin.may_write(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_may_write(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_may_write(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_may_write(request, obj)


class ReadOnlyAdminMixin:
    """Run records (workflows, agent runs, the LLM ledger, meetings' analyses, chats) are what
    happened: the admin shows them and never adds or edits them."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuperuserOnlyMixin:
    """An admin that knows nothing of workspaces: superusers only."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()


class SparklioAdminSite(admin.AdminSite):
    site_header = _("Sparklio administration")
    site_title = _("Sparklio")
    index_title = _("Workspaces, brands and campaigns")

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, (ScopedAdminMixin, SuperuserOnlyMixin)):
            admin_class = type(f"SuperuserOnly{admin_class.__name__}", (SuperuserOnlyMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)


def co_members(request):
    """The users who share a workspace with the requesting user."""
    return User.objects.filter(memberships__workspace_id__in=workspace_ids(request)).values("pk")
