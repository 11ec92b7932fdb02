"""Local media with signed, expiring URLs.

Uploads belong to a workspace, and a file's URL must not stay a key to it for ever (shared in
a log, or held by a member who has since left). With S3/MinIO the bucket signs URLs itself
(AWS_QUERYSTRING_AUTH); this gives local storage the same property.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "sparklio.media-url"


def media_signature(name: str, expires: int) -> str:
    return salted_hmac(_SALT, f"{name}:{expires}").hexdigest()


def media_signature_valid(name: str, expires: str | None, signature: str | None) -> bool:
    if not expires or not signature or not expires.isdigit() or int(expires) < time.time():
        return False
    return constant_time_compare(media_signature(name, int(expires)), signature)


class SignedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose URLs carry an expiry and a signature (files under ``library/``,
    the shared template assets, stay public)."""

    def url(self, name):
        url = super().url(name)
        if name is None or name.startswith("library/"):
            return url
        expires = int(time.time()) + settings.MEDIA_URL_TTL_SECONDS
        return f"{url}?exp={expires}&sig={media_signature(name, expires)}"
