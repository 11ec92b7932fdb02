from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from assets.models import Asset


def asset_list() -> QuerySet[Asset]:
    """Every asset (the API scopes it to the caller's workspaces)."""
    return Asset.objects.all()


def assets_for_workspace(workspace_id: int, ids: Iterable[int]) -> list[Asset]:
    """The assets ``ids`` of the workspace, in the order given (repeats once).

    Raises a 400 on ``assets`` naming every id that is unknown or in another workspace; the
    two are not told apart, so nothing leaks about other workspaces.
    """
    wanted = list(dict.fromkeys(ids))
    found = {asset.pk: asset for asset in Asset.objects.filter(workspace_id=workspace_id, pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        listed = ", ".join(str(pk) for pk in missing)
        noun = "asset" if len(missing) == 1 else "assets"
        raise ValidationError({"assets": [f"No {noun} {listed} in this workspace."]})
    return [found[pk] for pk in wanted]
