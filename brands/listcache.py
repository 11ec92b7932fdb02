"""The brand list's pages, kept in the cache until a kit of their workspaces changes.

The studio asks for the brand list on every screen; it changes when someone edits a kit. A page
is kept under a key made of its full URL and, for each workspace it shows, that workspace's
brand version: a random stamp in the cache, dropped the moment any kit, colour, font or logo of
the workspace is saved or deleted (and again when the transaction commits, so a request that read
the old rows in between cannot leave them cached under the new stamp). Which workspaces a caller
sees comes from their roles (sparklio/core/authcache.py), dropped on any membership change.

Only the plain list (no filter, search or ordering) is kept. Entries live BRAND_LIST_CACHE_SECONDS
at most (logos carry signed URLs, which must not outlive their own expiry); 0 turns it off. A
change made behind the ORM's back (a raw UPDATE) is seen when that time runs out.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sparklio.core.authcache import database_tag


def _version_key(workspace_id: int) -> str:
    return f"brands:{database_tag()}:list-version:{workspace_id}"


def _versions(workspace_ids: list[int]) -> list[str]:
    keys = [_version_key(pk) for pk in workspace_ids]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: two requests that both missed agree on one stamp
            cache.add(key, uuid.uuid4().hex, settings.BRAND_LIST_CACHE_SECONDS * 10)
    missing = [key for key in keys if key not in found]
    if missing:
        found |= cache.get_many(missing)
    return [str(found.get(key, uuid.uuid4().hex)) for key in keys]


def page_key(url: str, workspace_ids) -> str | None:
    """The cache key of the page at ``url`` (path and query, with the host: its links are
    absolute) for a caller who sees ``workspace_ids``; None when the cache is off."""
    if settings.BRAND_LIST_CACHE_SECONDS <= 0:
        return None
    ids = sorted(workspace_ids)
    stamp = ",".join(f"{pk}={v}" for pk, v in zip(ids, _versions(ids), strict=True))
    digest = hashlib.sha256(f"{url}\n{stamp}".encode()).hexdigest()[:40]
    return f"brands:{database_tag()}:list-page:{digest}"


def get(key: str | None):
    return cache.get(key) if key else None


def put(key: str | None, data) -> None:
    if key:
        cache.set(key, data, settings.BRAND_LIST_CACHE_SECONDS)


def forget(workspace_id: int) -> None:
    """Drop the workspace's stamp now, and again when the transaction commits."""
    if settings.BRAND_LIST_CACHE_SECONDS <= 0:
        return
    key = _version_key(workspace_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _kit_changed(sender, instance, **kwargs) -> None:
    forget(instance.workspace_id)


def _part_changed(sender, instance, **kwargs) -> None:
    from brands.models import BrandKit

    workspace_id = BrandKit.objects.filter(pk=instance.brand_id).values_list("workspace_id", flat=True).first()
    if workspace_id is not None:
        forget(workspace_id)


def connect() -> None:
    from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo

    post_save.connect(_kit_changed, sender=BrandKit, dispatch_uid="brand-list-kit-save")
    post_delete.connect(_kit_changed, sender=BrandKit, dispatch_uid="brand-list-kit-delete")
    for model in (BrandColor, BrandFont, BrandLogo):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"brand-list-{model.__name__}-save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"brand-list-{model.__name__}-delete")
