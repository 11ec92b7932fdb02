from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sparklio.core import events, services
from sparklio.core.models import ROLE_RANK, Membership, Role, User, Workspace


@admin.register(User)
class SparklioUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            # a deactivated user's open sockets close (their tokens no longer count)
            events.access_changed(user_id=obj.pk, token=True)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(memberships__user=request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            # members removed or re-roled here lose their sockets as they do through the API
            changed = [*formset.deleted_objects, *(membership for membership, _ in formset.changed_objects)]
            for membership in changed:
                events.access_changed(user_id=membership.user_id, workspace_id=membership.workspace_id)

    def delete_model(self, request, obj):
        services.workspace_delete(workspace=obj)

    def delete_queryset(self, request, queryset):
        for workspace in queryset:
            services.workspace_delete(workspace=workspace)


class WorkspaceScopedAdmin(admin.ModelAdmin):
    """Admin over workspace content: staff who are not superusers see and edit only the
    workspaces they belong to, with the same roles as the API (viewers read only)."""

    def _roles(self, request) -> dict[int, str]:
        if not hasattr(request, "_admin_roles"):
            request._admin_roles = dict(
                Membership.objects.filter(user=request.user).values_list("workspace_id", "role")
            )
        return request._admin_roles

    def _writable(self, request) -> list[int]:
        return [ws for ws, role in self._roles(request).items() if ROLE_RANK[Role(role)] >= ROLE_RANK[Role.EDITOR]]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(workspace_id__in=self._roles(request).keys())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "workspace" and not request.user.is_superuser:
            kwargs["queryset"] = Workspace.objects.filter(pk__in=self._writable(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or request.user.is_superuser:
            return allowed
        return allowed and obj.workspace_id in self._writable(request)

    has_delete_permission = has_change_permission
