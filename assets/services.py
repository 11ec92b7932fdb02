"""Assets: the only code that writes them."""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from rest_framework.exceptions import ValidationError

from assets.files import read_asset_upload
from assets.models import Asset
from sparklio.core.images import ImageRejected
from sparklio.core.models import User, Workspace


def asset_create(*, workspace: Workspace, upload, created_by: User | None, name: str = "") -> Asset:
    """Store an uploaded picture in the workspace after checking what it really is.

    A file that is not an accepted picture raises a 400 on ``file`` and nothing is stored.
    The file is written before the row; if the row cannot be written the file is removed,
    so neither is left without the other.
    """
    try:
        picture = read_asset_upload(upload)
    except ImageRejected as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    original = PurePath((getattr(upload, "name", "") or "").replace("\\", "/")).name
    asset = Asset(
        workspace=workspace,
        name=(name.strip() or PurePath(original).stem)[:200],
        original_name=original[:255],
        content_type=picture.content_type,
        size_bytes=len(picture.data),
        width=picture.width,
        height=picture.height,
        created_by=created_by,
    )
    asset.file.save(f"asset.{picture.extension}", ContentFile(picture.data), save=False)
    try:
        with transaction.atomic():
            asset.save()
    except BaseException:
        asset.file.storage.delete(asset.file.name)
        raise
    return asset


def asset_delete(*, asset: Asset) -> None:
    """Delete the asset; its file goes once the deletion is committed. Pictures generated from
    it are copies and stay."""
    name = asset.file.name
    with transaction.atomic():
        asset.delete()
        transaction.on_commit(lambda: Asset.file.field.storage.delete(name))
