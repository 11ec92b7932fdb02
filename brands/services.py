from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from brands.logos import dominant_colors, read_upload
from brands.models import AnalysisStatus, BrandColor, BrandFont, BrandKit, BrandLogo
from sparklio.core.events import workspace_event
from sparklio.core.images import ImageRejected
from sparklio.core.models import User, Workspace
from sparklio.core.outage import enqueue_on_commit

logger = logging.getLogger(__name__)

SCALAR_FIELDS = [
    "name",
    "description",
    "language",
    "tone_of_voice",
    "target_audience",
    "banned_words",
    "required_words",
    "guidelines",
]


def _ensure_unique_name(*, workspace: Workspace, name: str, exclude_pk: int | None = None) -> None:
    clash = BrandKit.objects.filter(workspace=workspace, name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"name": [_("This workspace already has a brand named %(name)s.") % {"name": repr(name)}]}
        )


def _replace_colors(brand: BrandKit, colors: list[dict]) -> None:
    brand.colors.all().delete()
    BrandColor.objects.bulk_create(BrandColor(brand=brand, position=i, **color) for i, color in enumerate(colors))


def _replace_fonts(brand: BrandKit, fonts: list[dict]) -> None:
    brand.fonts.all().delete()
    BrandFont.objects.bulk_create(BrandFont(brand=brand, position=i, **font) for i, font in enumerate(fonts))


@transaction.atomic
def brand_create(
    *, workspace: Workspace, created_by: User | None, colors: list[dict] = (), fonts: list[dict] = (), **fields
) -> BrandKit:
    """Create a brand kit with its colours and fonts, all or nothing."""
    _ensure_unique_name(workspace=workspace, name=fields["name"])
    try:
        with transaction.atomic():
            brand = BrandKit.objects.create(workspace=workspace, created_by=created_by, **fields)
    except IntegrityError as exc:  # a concurrent create won the race for the name
        raise ValidationError({"name": [_("This workspace already has a brand with this name.")]}) from exc
    _replace_colors(brand, list(colors))
    _replace_fonts(brand, list(fonts))
    return brand


@transaction.atomic
def brand_update(*, brand: BrandKit, **data) -> BrandKit:
    """Update given fields; ``colors`` and ``fonts``, when given, replace the lists whole."""
    brand = BrandKit.objects.select_for_update().get(pk=brand.pk)
    if "name" in data:
        _ensure_unique_name(workspace=brand.workspace, name=data["name"], exclude_pk=brand.pk)
    changed = [field for field in SCALAR_FIELDS if field in data]
    for field in changed:
        setattr(brand, field, data[field])
    try:
        with transaction.atomic():
            brand.save(update_fields=[*changed, "updated_at"])
    except IntegrityError as exc:
        raise ValidationError({"name": [_("This workspace already has a brand with this name.")]}) from exc
    if "colors" in data:
        _replace_colors(brand, data["colors"])
    if "fonts" in data:
        _replace_fonts(brand, data["fonts"])
    return brand


def brand_delete(*, brand: BrandKit) -> None:
    names = list(brand.logos.values_list("file", flat=True))
    with transaction.atomic():
        brand.delete()
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def brand_logo_add(*, brand: BrandKit, upload, created_by: User | None) -> BrandLogo:
    """Store an uploaded logo after checking what it really is, then analyse it in the background.

    The file is written before the row; if the row cannot be written the file is removed,
    so neither is left without the other.
    """
    try:
        data, info = read_upload(
            upload, max_bytes=settings.BRAND_LOGO_MAX_BYTES, max_pixels=settings.BRAND_LOGO_MAX_PIXELS
        )
    except ImageRejected as exc:
        raise ValidationError({"file": [str(exc)]}) from exc

    logo = BrandLogo(
        brand=brand,
        original_name=(getattr(upload, "name", "") or "")[:255],
        content_type=info.content_type,
        size_bytes=len(data),
        width=info.width,
        height=info.height,
        created_by=created_by,
    )
    logo.file.save(f"logo.{info.extension}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            logo.save()
            enqueue_on_commit(
                lambda: _enqueue_analysis(logo.pk),
                undo=lambda: BrandLogo.objects.filter(pk=logo.pk).delete(),
                what=f"brand logo {logo.pk}",
            )
    except Exception:  # the row is gone (rolled back, or undone when the queue refused): so is the file
        logo.file.storage.delete(logo.file.name)
        raise
    return logo


def _enqueue_analysis(logo_id: int) -> None:
    from brands.tasks import brand_logo_analyze

    brand_logo_analyze.delay(logo_id)


def brand_logo_delete(*, logo: BrandLogo) -> None:
    name = logo.file.name
    with transaction.atomic():
        logo.delete()
        transaction.on_commit(lambda: _delete_files([name]))


def brand_logo_analyze(*, logo_id: int) -> BrandLogo | None:
    """Measure the logo's dominant colours. Safe to run twice: only a pending logo is analysed,
    and its row is locked while it changes."""
    with transaction.atomic():
        logo = BrandLogo.objects.select_for_update().select_related("brand").filter(pk=logo_id).first()
        if logo is None or logo.analysis_status != AnalysisStatus.PENDING:
            return logo
        workspace_id = logo.brand.workspace_id
        event = {"type": "job.progress", "job": "brand_logo_analyze", "brand": logo.brand_id, "logo": logo.pk}
        try:
            with logo.file.open("rb") as fh:
                palette = dominant_colors(fh.read(), logo.content_type)
        except Exception as exc:  # recorded on the row and sent to the workspace, not hidden
            logger.exception("logo %s analysis failed", logo.pk)
            logo.analysis_status = AnalysisStatus.FAILED
            logo.analysis_error = f"{type(exc).__name__}: {exc}"
            logo.save(update_fields=["analysis_status", "analysis_error"])
            workspace_event(
                workspace_id=workspace_id, event={**event, "status": "failed", "error": logo.analysis_error}
            )
            return logo
        logo.palette = palette
        logo.analysis_status = AnalysisStatus.READY
        logo.save(update_fields=["palette", "analysis_status"])
        workspace_event(
            workspace_id=workspace_id, event={**event, "status": "succeeded", "progress": 1.0, "palette": palette}
        )
    return logo
