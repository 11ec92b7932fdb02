from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from sparklio.core import events, services
from sparklio.core.admin_scoping import (
    ReadOnlyAdminMixin,
    ScopedAdminMixin,
    ScopedInlineMixin,
    co_members,
    workspace_ids,
)
from sparklio.core.models import Membership, Role, User, Workspace


class WorkspaceScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Admin over workspace content: staff who are not superusers see and edit only the
    workspaces they belong to, with the same roles as the API (viewers read only)."""


@admin.register(User)
class SparklioUserAdmin(ScopedAdminMixin, UserAdmin):
    """Staff who are not superusers see the people they share a workspace with, read only:
    the user form holds the superuser flag and permissions, which only superusers grant."""

    def scope_queryset(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=co_members(request))

    def has_view_permission(self, request, obj=None):
        allowed = admin.ModelAdmin.has_view_permission(self, request, obj)
        if obj is None or request.user.is_superuser:
            return allowed
        return allowed and self.scope_queryset(request, User.objects.filter(pk=obj.pk)).exists()

    def may_write(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            # a deactivated user's open sockets close (their tokens no longer count)
            events.access_changed(user_id=obj.pk, token=True)


class MembershipForm(forms.ModelForm):
    """Members are named by username, as in the API; existing rows change their role only."""

    username = forms.CharField(label=_("Username"), max_length=150)

    class Meta:
        model = Membership
        fields = ["username", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["username"].initial = self.instance.user.username
            self.fields["username"].disabled = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if not self.instance.pk and not User.objects.filter(username=username, is_active=True).exists():
            raise forms.ValidationError(_("No active user named %(username)s.") % {"username": username})
        return username


class MembershipFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        had_owner = self.instance.memberships.filter(role=Role.OWNER).exists()
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        owners = [
            f
            for f in kept
            if not self._should_delete_form(f) and (f.cleaned_data.get("role") or f.instance.role) == Role.OWNER
        ]
        if had_owner and not owners:
            raise forms.ValidationError(_("A workspace must keep at least one owner."))


class MembershipInline(ScopedInlineMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipFormSet
    fields = ["username", "role"]
    extra = 0


@admin.register(Workspace)
class WorkspaceAdmin(WorkspaceScopedAdmin):
    """Workspaces are changed by their owners, through the same services as the API."""

    workspace_path = ""
    write_role = Role.OWNER
    list_display = ["name", "created_by", "created_at"]
    search_fields = ["name"]
    fields = ["name"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        # anyone allowed to add a workspace becomes its owner
        return admin.ModelAdmin.has_add_permission(self, request)

    def save_model(self, request, obj, form, change):
        if change:
            services.workspace_update(workspace=obj, name=form.cleaned_data["name"])
            return
        created = services.workspace_create(name=form.cleaned_data["name"], owner=request.user)
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
        obj._state.adding = False
        request._admin_roles = {**getattr(request, "_admin_roles", {}), created.pk: Role.OWNER}

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        # Members are added, re-roled and removed by the API's services: the last owner stays,
        # and the people concerned lose their sockets of this workspace.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            membership = inline_form.instance
            if membership.pk and formset._should_delete_form(inline_form):
                services.membership_remove(membership=membership)
                formset.deleted_objects.append(membership)
            elif inline_form.has_changed():
                saved, created = services.membership_set(
                    workspace=form.instance,
                    username=inline_form.cleaned_data["username"],
                    role=inline_form.cleaned_data["role"],
                )
                if created:
                    formset.new_objects.append(saved)
                else:
                    formset.changed_objects.append((saved, ["role"]))
        return None

    def delete_model(self, request, obj):
        services.workspace_delete(workspace=obj)

    def delete_queryset(self, request, queryset):
        for workspace in queryset:
            services.workspace_delete(workspace=workspace)


__all__ = ["ReadOnlyAdminMixin", "WorkspaceScopedAdmin", "workspace_ids"]
