from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from sparklio.core.models import ApiToken, Membership, User, Workspace


def workspace_roles(*, user: User) -> dict[int, str]:
    """Map of workspace id → role for every workspace the user belongs to."""
    if not user.is_authenticated:
        return {}
    return dict(Membership.objects.filter(user=user).values_list("workspace_id", "role"))


def workspace_list(*, user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user=user).order_by("id")


def membership_list(*, workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("id")


def membership_role(*, user_id: int, workspace_id: int) -> str | None:
    """The user's role in the workspace now, or None when they are not a member (or inactive)."""
    return (
        Membership.objects.filter(user_id=user_id, workspace_id=workspace_id, user__is_active=True)
        .values_list("role", flat=True)
        .first()
    )


def token_valid(*, key: str) -> bool:
    """Whether the API token still exists, has not expired and belongs to an active user."""
    return ApiToken.objects.filter(
        key=key, user__is_active=True, created__gt=timezone.now() - settings.SPARKLIO_TOKEN_TTL
    ).exists()


def token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, oldest first (their keys are never shown again)."""
    return ApiToken.objects.filter(user=user).order_by("id")


def token_get(*, user: User, token_id: int) -> ApiToken | None:
    """One of the user's own tokens; another user's is None, as if it did not exist."""
    if not 0 < token_id < 2**63:  # beyond the column: no such token, rather than a database error
        return None
    return ApiToken.objects.filter(user=user, pk=token_id).first()
