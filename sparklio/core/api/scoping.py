"""Workspace scoping shared by every content API.

Objects are looked up only inside the caller's workspaces, so another workspace's object
answers 404 and never leaks. Inside a workspace, viewers read, editors write content and
owners also manage members; a member without the role gets 403.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied, ValidationError

from sparklio.core.authcache import roles_of
from sparklio.core.models import ROLE_RANK, Role, Workspace


def request_roles(request) -> dict[int, str]:
    """The caller's workspace roles: once per request, and from the cache across requests
    (dropped when a membership changes; sparklio/core/authcache.py)."""
    roles = getattr(request, "_sparklio_roles", None)
    if roles is None:
        roles = roles_of(request.user)
        request._sparklio_roles = roles
    return roles


def require_role(request, workspace_id: int, role: str) -> None:
    held = request_roles(request).get(workspace_id)
    if held is None or ROLE_RANK[Role(held)] < ROLE_RANK[Role(role)]:
        raise PermissionDenied(_("This needs the %(role)s role in the workspace.") % {"role": role})


def only_workspace(request, *, what: str = "this") -> Workspace:
    """The caller's one workspace, when a request names none; a 400 on ``workspace`` otherwise."""
    roles = request_roles(request)
    if len(roles) == 1:
        return Workspace.objects.get(pk=next(iter(roles)))
    raise ValidationError(
        {"workspace": [_("Say which workspace %(what)s is for (you belong to several, or none).") % {"what": what}]}
    )


def target_workspace(request, values) -> Workspace:
    """The workspace a new object goes to: the one named (``values["workspace"]``), else the
    brand's (``values["brand"]``), else the caller's only one."""
    if values.get("workspace") is not None:
        return values["workspace"]
    if values.get("brand") is not None:
        return values["brand"].workspace
    return only_workspace(request)


class WorkspaceRolePermission(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        workspace_id = obj.pk if isinstance(obj, Workspace) else obj.workspace_id
        needed = Role.VIEWER if request.method in permissions.SAFE_METHODS else getattr(view, "write_role", Role.EDITOR)
        require_role(request, workspace_id, needed)
        return True


@extend_schema_field(OpenApiTypes.INT)
class WorkspaceField(serializers.PrimaryKeyRelatedField):
    """A workspace id the caller belongs to; any other id is reported as not found."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Id of a workspace the caller belongs to.")
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Workspace.objects.none()
        return Workspace.objects.filter(pk__in=request_roles(request).keys())


class WorkspaceScopedMixin:
    """For ViewSets over a WorkspaceScopedModel."""

    write_role = Role.EDITOR
    permission_classes = [permissions.IsAuthenticated, WorkspaceRolePermission]

    def get_queryset(self):
        return self.get_base_queryset().filter(workspace_id__in=request_roles(self.request).keys())

    def filter_queryset(self, queryset):
        # One object by its id: the list's filters, search and ordering have nothing to do (and
        # building the filter set costs more than the lookup); the scoping above still applies.
        if getattr(self, "detail", False) and self.action in {"retrieve", "update", "partial_update", "destroy"}:
            return queryset
        return super().filter_queryset(queryset)

    def get_base_queryset(self):
        return super().get_queryset()
