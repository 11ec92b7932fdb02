"""A document's detail response, kept in the cache until the document changes.

The studio reads a document whenever it opens or refreshes the editor; between two saves the
answer is the same. The JSON body is kept under a key made of the document's id, the accepted
media type and the document's stamp: a random value in the cache, dropped the moment the
document is saved or deleted (and again when the transaction commits, so a request that read the
old row in between cannot leave it cached under the new stamp). Deleting a brand kit or a user
the document points at (``SET_NULL``, which sends no signal for the document) drops the stamps of
the documents concerned first.

Who may read a kept body is checked on every request, from the body's workspace and the caller's
roles (sparklio/core/authcache.py), exactly as for a body read from the database. Entries live
DOCUMENT_DETAIL_CACHE_SECONDS at most; 0 turns the cache off. A change made behind the ORM's back
(a raw UPDATE) is seen when that time runs out.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from sparklio.core.authcache import database_tag


@dataclass(frozen=True)
class Kept:
    workspace_id: int
    version: int
    content_type: str
    body: bytes


def _stamp_key(pk: int) -> str:
    return f"documents:{database_tag()}:detail-stamp:{pk}"


def body_key(pk: int, media_type: str) -> str | None:
    """The key of document ``pk``'s body in ``media_type``; None when the cache is off."""
    seconds = settings.DOCUMENT_DETAIL_CACHE_SECONDS
    if seconds <= 0:
        return None
    stamp_key = _stamp_key(pk)
    stamp = cache.get(stamp_key)
    if stamp is None:
        # add, not set: two requests that both missed agree on one stamp
        cache.add(stamp_key, uuid.uuid4().hex, seconds * 10)
        stamp = cache.get(stamp_key)
        if stamp is None:
            return None
    media = hashlib.sha256(media_type.encode()).hexdigest()[:16]  # no spaces in a key
    return f"documents:{database_tag()}:detail:{pk}:{stamp}:{media}"


def get(key: str | None) -> Kept | None:
    return cache.get(key) if key else None


def put(key: str | None, kept: Kept) -> None:
    if key:
        cache.set(key, kept, settings.DOCUMENT_DETAIL_CACHE_SECONDS)


def forget(pks) -> None:
    """Drop the documents' stamps now, and again when the transaction commits."""
    if settings.DOCUMENT_DETAIL_CACHE_SECONDS <= 0:
        return
    keys = [_stamp_key(pk) for pk in pks]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _document_changed(sender, instance, **kwargs) -> None:
    forget([instance.pk])


def _brand_deleted(sender, instance, **kwargs) -> None:
    from documents.models import Document

    forget(Document.objects.filter(brand_id=instance.pk).values_list("pk", flat=True))


def _user_deleted(sender, instance, **kwargs) -> None:
    from django.db.models import Q

    from documents.models import Document

    pks = Document.objects.filter(Q(created_by_id=instance.pk) | Q(updated_by_id=instance.pk))
    forget(pks.values_list("pk", flat=True))


def connect() -> None:
    from django.contrib.auth import get_user_model

    from brands.models import BrandKit
    from documents.models import Document

    post_save.connect(_document_changed, sender=Document, dispatch_uid="document-detail-save")
    post_delete.connect(_document_changed, sender=Document, dispatch_uid="document-detail-delete")
    pre_delete.connect(_brand_deleted, sender=BrandKit, dispatch_uid="document-detail-brand-delete")
    pre_delete.connect(_user_deleted, sender=get_user_model(), dispatch_uid="document-detail-user-delete")
