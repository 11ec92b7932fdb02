from __future__ import annotations

import copy
import functools
import json
from collections.abc import Collection, Iterator

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError as PydanticValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError

from brands.models import BrandKit
from documents.diff import document_diff, summarize
from documents.models import Document, DocumentVersion, VersionSource
from documents.render import HostNotAllowed, ImageNotAllowed, RenderResult, render_page, render_pdf
from documents.render.budget import measure_images
from documents.render.images import AllowedPath, check_source, header_size_of, shown
from documents.schema import (
    GroupObject,
    ImageObject,
    SparklioDocument,
    VideoObject,
    count_objects,
    error_paths,
)
from sparklio.core.models import User, Workspace


class VersionConflict(APIException):
    """The write was based on an older version: nothing is written, the client reloads."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "version_conflict"

    def __init__(self, *, current: int, given: int):
        super().__init__(f"The document is at version {current}; this change was based on version {given}.")
        self.extra = {"current_version": current}


def document_validate(content, *, prefix: str = "content", allowed_path: AllowedPath | None = None) -> SparklioDocument:
    """Check size, schema, object count and render budget; errors name the JSON path of each
    problem. Images are measured from their headers: ``data:`` URLs always, storage files when
    ``allowed_path`` (the workspace's rule) allows them."""
    if not isinstance(content, dict):
        raise ValidationError({prefix: [_("A document is a JSON object.")]})
    if nul := _first_nul(content, prefix):
        raise ValidationError({nul: ["Null characters (\\u0000) are not allowed."]})
    size = len(json.dumps(content, ensure_ascii=False).encode())
    if size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError({prefix: [f"The document is {size} bytes; at most {settings.DOCUMENT_MAX_BYTES}."]})
    try:
        document = SparklioDocument.model_validate(content)
    except PydanticValidationError as exc:
        raise ValidationError(
            {
                f"{prefix}.{path}" if path != "document" else prefix: messages
                for path, messages in error_paths(exc).items()
            }
        ) from exc
    objects = count_objects(document)
    if objects > settings.DOCUMENT_MAX_OBJECTS:
        raise ValidationError(
            {f"{prefix}.pages": [f"The document has {objects} objects; at most {settings.DOCUMENT_MAX_OBJECTS}."]}
        )
    problem = measure_images(
        (path, functools.partial(header_size_of, src, allowed_path=allowed_path))
        for path, src in _image_refs(document, prefix)
    )
    if problem:
        raise ValidationError({problem.path: [problem.message]})
    return document


def _image_refs(document: SparklioDocument, prefix: str) -> Iterator[tuple[str, str]]:
    """Every image the renderer would decode: (JSON path, source)."""

    def walk(objects, path: str) -> Iterator[tuple[str, str]]:
        for index, obj in enumerate(objects):
            here = f"{path}[{index}]"
            if isinstance(obj, ImageObject):
                yield f"{here}.src", obj.src
            elif isinstance(obj, VideoObject) and obj.poster:
                yield f"{here}.poster", obj.poster
            elif isinstance(obj, GroupObject):
                yield from walk(obj.children, f"{here}.children")

    for page_index, page in enumerate(document.pages):
        if page.background_image:
            yield f"{prefix}.pages[{page_index}].background_image", page.background_image
        yield from walk(page.objects, f"{prefix}.pages[{page_index}].objects")


# Storage folders whose second segment is the owning workspace's id; `library/` holds the
# shared template assets every workspace may use.
WORKSPACE_FOLDERS = ("brands", "documents", "uploads")


def workspace_path_rule(workspace_id: int):
    """Which storage paths a document of this workspace may show: its own files and the library."""

    def allowed(path: str) -> bool:
        parts = path.split("/")
        if parts[0] == "library":
            return True
        return len(parts) > 2 and parts[0] in WORKSPACE_FOLDERS and parts[1] == str(workspace_id)

    return allowed


def _image_sources(content: dict, prefix: str) -> Iterator[tuple[str, str, str]]:
    """Every image source of a valid document's JSON: (JSON path, what it is, source)."""

    def walk(objects: list, path: str) -> Iterator[tuple[str, str, str]]:
        for index, obj in enumerate(objects):
            here = f"{path}[{index}]"
            for field in ("src", "poster"):
                if obj.get(field):
                    yield f"{here}.{field}", f"{obj['type']} {obj['id']!r}", obj[field]
            yield from walk(obj.get("children", []), f"{here}.children")

    for page_index, page in enumerate(content["pages"]):
        if page.get("background_image"):
            yield f"{prefix}.pages[{page_index}].background_image", f"page {page['id']!r}", page["background_image"]
        yield from walk(page["objects"], f"{prefix}.pages[{page_index}].objects")


def _check_sources(
    content: dict, workspace_id: int, prefix: str, *, keep_foreign: bool | Collection[str] = False
) -> list[str]:
    """Every image a document points at must be one the renderer may read for this workspace:
    never another workspace's file or the server's disk. A URL on a host outside
    RENDER_IMAGE_ALLOWED_HOSTS is refused too, unless ``keep_foreign`` keeps it (all of them, or
    those listed): the renderer never fetches it (no SSRF) and draws a placeholder instead.
    Returns a warning for each one kept."""
    rule = workspace_path_rule(workspace_id)
    errors: dict[str, list[str]] = {}
    kept: list[str] = []
    for path, what, src in _image_sources(content, prefix):
        try:
            check_source(src, allowed_path=rule)
        except HostNotAllowed as exc:
            if keep_foreign is True or (not isinstance(keep_foreign, bool) and src in keep_foreign):
                kept.append(
                    f"{path} ({what}): {shown(src)} is on host {exc.host!r}, not in RENDER_IMAGE_ALLOWED_HOSTS: "
                    "kept, but never fetched; it renders as a placeholder"
                )
            else:
                errors[path] = [str(exc)]
        except ImageNotAllowed as exc:
            errors[path] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return kept


def _first_nul(value, path: str) -> str | None:
    """The JSON path of the first string holding a NUL character (PostgreSQL's JSON refuses it)."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _first_nul(key, f"{path}.{key}") or _first_nul(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if found := _first_nul(item, f"{path}[{index}]"):
                return found
    return None


def _resolve_brand(
    document: SparklioDocument, workspace_id: int, prefix: str, *, known: set | frozenset = frozenset()
) -> None:
    """The brand must be one of this workspace's. The brand the document already had, deleted
    since (its FK was set to null), is dropped rather than blocking every later edit; any other
    unknown id is an error."""
    if document.brand is None:
        return
    owner = BrandKit.objects.filter(pk=document.brand).values_list("workspace_id", flat=True).first()
    if owner is None and document.brand in known:
        document.brand = None
    elif owner != workspace_id:
        raise ValidationError(
            {f"{prefix}.brand": [_("No brand kit %(id)s in this workspace.") % {"id": document.brand}]}
        )


@transaction.atomic
def document_create(
    *,
    workspace: Workspace,
    user: User | None,
    content: dict,
    title: str | None = None,
    brand: BrandKit | None = None,
    source: str = VersionSource.CREATE,
    keep_foreign_images: bool = False,
) -> Document:
    """Validate and store a new document as version 1. ``keep_foreign_images`` keeps images on
    hosts outside RENDER_IMAGE_ALLOWED_HOSTS (never fetched) instead of refusing them: for designs
    imported from elsewhere."""
    parsed = document_validate(content, allowed_path=workspace_path_rule(workspace.pk))
    if title is not None:
        parsed.title = title
    if brand is not None:
        parsed.brand = brand.pk
    _resolve_brand(parsed, workspace.pk, "content")
    normalized = parsed.model_dump(mode="json")
    _check_sources(normalized, workspace.pk, "content", keep_foreign=keep_foreign_images)
    document = Document.objects.create(
        workspace=workspace,
        title=parsed.title,
        brand_id=parsed.brand,
        channel=parsed.channel or "",
        content=normalized,
        version=1,
        created_by=user,
        updated_by=user,
    )
    DocumentVersion.objects.create(
        document=document,
        version=1,
        title=parsed.title,
        content=normalized,
        source=source,
        summary="created",
        created_by=user,
    )
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    user: User | None,
    content: dict,
    base_version: int,
    source: str = VersionSource.EDIT,
    summary: str | None = None,
    kept_images: Collection[str] = (),
) -> Document:
    """Replace the content as a new version, unless the write was based on a stale version
    (VersionConflict, nothing written). The row is locked so two writers cannot both win.

    Images on hosts outside RENDER_IMAGE_ALLOWED_HOSTS that the current version already has (an
    imported design's) stay, as do those in ``kept_images``; a new one is refused."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if base_version != locked.version:
        raise VersionConflict(current=locked.version, given=base_version)
    parsed = document_validate(content, allowed_path=workspace_path_rule(locked.workspace_id))
    # Brands this document has had (now or in its history) may have been deleted since.
    known = set(locked.versions.values_list("content__brand", flat=True)) | {locked.content.get("brand")}
    _resolve_brand(parsed, locked.workspace_id, "content", known=known)
    normalized = parsed.model_dump(mode="json")
    kept = {src for _, _, src in _image_sources(locked.content, "content")} | set(kept_images)
    _check_sources(normalized, locked.workspace_id, "content", keep_foreign=kept)
    if normalized == locked.content:
        return locked
    diff = document_diff(locked.content, normalized)
    locked.content = normalized
    locked.version += 1
    locked.title = parsed.title
    locked.brand_id = parsed.brand
    locked.channel = parsed.channel or ""
    locked.updated_by = user
    locked.save(update_fields=["content", "version", "title", "brand", "channel", "updated_by", "updated_at"])
    DocumentVersion.objects.create(
        document=locked,
        version=locked.version,
        title=locked.title,
        content=normalized,
        source=source,
        summary=(summary or summarize(diff))[:300],
        created_by=user,
    )
    return locked


def document_update_metadata(*, document: Document, user: User | None, base_version: int, changes: dict) -> Document:
    """Change only the title, brand or metadata (a PATCH); the pages are left as they are."""
    content = copy.deepcopy(document.content)
    content.update(changes)
    return document_update(
        document=document, user=user, content=content, base_version=base_version, source=VersionSource.METADATA
    )


def document_restore(*, document: Document, user: User | None, version: int, base_version: int) -> Document:
    old = document.versions.filter(version=version).first()
    if old is None:
        raise ValidationError({"version": [_("Version %(version)s does not exist.") % {"version": version}]})
    return document_update(
        document=document,
        user=user,
        content=old.content,
        base_version=base_version,
        source=VersionSource.RESTORE,
        summary=f"restored version {version}",
        # The version was accepted when it was written, its images with it.
        kept_images={src for _, _, src in _image_sources(old.content, "content")},
    )


def document_delete(*, document: Document) -> None:
    document.delete()


def render_document(document: Document, *, fmt: str = "png", page: int = 1, scale: float = 1.0) -> RenderResult:
    """Render page ``page`` (1-based) to png/jpeg/webp, or the whole document to pdf."""
    parsed = SparklioDocument.model_validate(document.content)
    rule = workspace_path_rule(document.workspace_id)
    try:
        if fmt == "pdf":
            return render_pdf(parsed, scale=scale, allowed_path=rule)
        if not 1 <= page <= len(parsed.pages):
            raise ValidationError({"page": [f"The document has {len(parsed.pages)} page(s)."]})
        return render_page(parsed, page - 1, fmt=fmt, scale=scale, allowed_path=rule)
    except ImageNotAllowed as exc:
        raise ValidationError({"content": [str(exc)]}) from exc
    except ValueError as exc:  # a page over the pixel limit at this scale
        raise ValidationError({"scale": [str(exc)]}) from exc


def document_import_polotno(
    *, workspace: Workspace, user: User | None, polotno: dict, title: str | None = None, brand: BrandKit | None = None
) -> tuple[Document, list[str]]:
    """A new document from a Polotno store JSON; the warnings say what did not carry over
    (unknown element kinds are kept in the document's metadata, never dropped silently) and
    which images are on hosts the renderer may not fetch (kept, drawn as placeholders)."""
    from documents.polotno import from_polotno

    if not isinstance(polotno, dict):
        raise ValidationError({"polotno": ["A Polotno store JSON object is expected."]})
    defaults = {"title": title} if title is not None else {}
    if brand is not None:
        defaults["brand"] = brand.pk
    try:
        parsed, warnings = from_polotno(polotno, defaults=defaults)
    except PydanticValidationError as exc:
        raise ValidationError({f"content.{path}": messages for path, messages in error_paths(exc).items()}) from exc
    except ValueError as exc:
        raise ValidationError({"polotno": [str(exc)]}) from exc
    document = document_create(
        workspace=workspace,
        user=user,
        content=parsed.model_dump(mode="json"),
        title=title,
        brand=brand,
        source=VersionSource.IMPORT,
        keep_foreign_images=True,
    )
    return document, warnings + _check_sources(document.content, workspace.pk, "content", keep_foreign=True)


def document_to_polotno(document: Document) -> dict:
    from documents.polotno import to_polotno

    return to_polotno(SparklioDocument.model_validate(document.content))
