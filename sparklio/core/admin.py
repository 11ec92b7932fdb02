from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sparklio.core import events, services
from sparklio.core.admin_scoping import (
    ReadOnlyAdminMixin,
    ScopedAdminMixin,
    ScopedInlineMixin,
    co_members,
    workspace_ids,
)
from sparklio.core.models import ApiToken, Membership, Role, User, Workspace


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


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Named per-device API tokens, never their keys. A token opens every workspace of its
    holder, so it belongs to a person, not to a workspace: staff who are not superusers see the
    tokens of the people they share a workspace with (who can reach their workspaces from
    where) and revoke only their own; superusers see and revoke any. Tokens are issued by
    signing in through the API, never here."""

    list_display = ["name", "user", "scope", "created", "last_used", "expires"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    ordering = ["-created"]
    fields = ["name", "user", "scope", "created", "last_used", "expires"]
    readonly_fields = fields
    actions = ["revoke"]

    def scope_queryset(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user__in=co_members(request))

    def get_queryset(self, request):
        visible = Membership.objects.select_related("workspace").order_by("workspace__name")
        if not request.user.is_superuser:
            visible = visible.filter(workspace_id__in=workspace_ids(request))
        memberships = Prefetch("user__memberships", queryset=visible, to_attr="visible_memberships")
        return super().get_queryset(request).prefetch_related(memberships)

    def has_view_permission(self, request, obj=None):
        allowed = admin.ModelAdmin.has_view_permission(self, request, obj)
        if obj is None or request.user.is_superuser or not allowed:
            return allowed
        return self.scope_queryset(request, ApiToken.objects.filter(pk=obj.pk)).exists()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def may_write(self, request, obj=None) -> bool:
        return request.user.is_superuser or obj is None or obj.user_id == request.user.pk

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # revoking goes through the service
        return actions

    @admin.display(description=_("Scope"))
    def scope(self, token):
        # the holder's workspaces this admin user may see, never another workspace's name
        names = [membership.workspace.name for membership in getattr(token.user, "visible_memberships", [])]
        return _("Every workspace of %(user)s: %(names)s") % {"user": token.user, "names": ", ".join(names) or "-"}

    @admin.display(description=_("Expires"))
    def expires(self, token):
        return token.expires

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        tokens = list(queryset)
        if not all(self.may_write(request, token) for token in tokens):
            raise PermissionDenied
        for token in tokens:
            services.token_revoke(token=token)
        count = len(tokens)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        services.token_revoke(token=obj)


__all__ = ["ReadOnlyAdminMixin", "WorkspaceScopedAdmin", "workspace_ids"]
