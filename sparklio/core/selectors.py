from django.db.models import QuerySet

from sparklio.core.models import Membership, User, Workspace


def workspace_roles(*, user: User) -> dict[int, str]:
    """Map of workspace id → role for every workspace the user belongs to."""
    if not user.is_authenticated:
        return {}
    return dict(Membership.objects.filter(user=user).values_list("workspace_id", "role"))


def workspace_list(*, user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user=user).order_by("id")


def membership_list(*, workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("id")


def user_is_member(*, user: User, workspace_id: int) -> bool:
    return user.is_authenticated and Membership.objects.filter(user=user, workspace_id=workspace_id).exists()
