from __future__ import annotations

import copy

from django.db import transaction
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from documents.commands.colors import contrast_ratio
from documents.models import Document, VersionSource
from documents.render import ImageNotAllowed
from documents.render.images import check_source
from documents.schema import (
    CHANNEL_PRESETS,
    FontRef,
    GroupObject,
    ImageObject,
    Provenance,
    SparklioDocument,
    TextObject,
)
from documents.services import document_create, document_validate, workspace_path_rule
from sparklio.core.models import User, Workspace
from templates.fitting import fitted_size
from templates.library import DEFAULT_COLORS
from templates.models import Template

# Palette tokens and the brand colour roles tried for each, in order. ``on_*`` tokens are
# text drawn on that token's colour: white or near-black, whichever reads better on it.
TOKENS = {
    "primary": ("primary", "accent", "secondary"),
    "secondary": ("secondary", "primary"),
    "accent": ("accent", "primary", "secondary"),
    "background": ("background",),
    "text": ("text",),
    "on_primary": (),
    "on_secondary": (),
    "on_accent": (),
}
PALETTE_PROPERTIES = {"background", "fill", "stroke", "color", "background_color"}
# Text roles set in the brand's heading font; every other text uses its body font.
HEADING_ROLES = {
    "headline",
    "subheadline",
    "slogan",
    "tagline",
    "price",
    "discount_badge",
    "product_name",
    "quote",
    "header",
}
FONT_ROLES = {"heading": ("heading", "display", "subheading"), "body": ("body", "subheading", "caption")}
LIGHT, DARK = "#FFFFFF", "#111111"


def skeleton_validate(skeleton, *, channel: str) -> SparklioDocument:
    """A skeleton is a valid document of its channel's size whose palette names existing
    pages or objects, known properties and known tokens."""
    parsed = document_validate(skeleton, prefix="skeleton")
    preset = CHANNEL_PRESETS.get(channel)
    if preset is None:
        raise ValidationError({"channel": [f"Unknown channel preset {channel!r}."]})
    if parsed.channel != channel or (parsed.width, parsed.height) != (preset.width, preset.height):
        raise ValidationError(
            {"skeleton.channel": [f"The skeleton must be a {channel} page of {preset.width}×{preset.height}."]}
        )
    ids = {page.id for page in parsed.pages} | {obj.id for page in parsed.pages for obj in _walk(page.objects)}
    palette = parsed.metadata.get("palette", {})
    if not isinstance(palette, dict):
        raise ValidationError({"skeleton.metadata.palette": ["A map of id → {property: token}."]})
    for target, tokens in palette.items():
        where = f"skeleton.metadata.palette.{target}"
        if target not in ids:
            raise ValidationError({where: ["No page or object has this id."]})
        for prop, token in tokens.items():
            if prop not in PALETTE_PROPERTIES or token not in TOKENS:
                raise ValidationError({f"{where}.{prop}": [f"Unknown property or token {token!r}."]})
    return parsed


def _check_skeleton_sources(parsed: SparklioDocument, workspace: Workspace | None) -> None:
    """Pictures a skeleton shows: the shared library's, or its own workspace's files."""
    allowed = workspace_path_rule(workspace.pk) if workspace else library_path
    for page_index, page in enumerate(parsed.pages):
        for obj in _walk(page.objects):
            if isinstance(obj, ImageObject):
                try:
                    check_source(obj.src, allowed_path=allowed)
                except ImageNotAllowed as exc:
                    raise ValidationError({f"skeleton.pages[{page_index}].objects.{obj.id}.src": [str(exc)]}) from exc


def template_check(skeleton, *, channel: str, workspace: Workspace | None) -> SparklioDocument:
    """Everything a template's skeleton must satisfy, for the API and the admin alike."""
    parsed = skeleton_validate(skeleton, channel=channel)
    _check_skeleton_sources(parsed, workspace)
    return parsed


def library_path(path: str) -> bool:
    return path.split("/")[0] == "library" and ".." not in path.split("/")


def template_create(
    *,
    name: str,
    slug: str,
    channel: str,
    category: str,
    skeleton: dict,
    tags=(),
    description: str = "",
    workspace: Workspace | None = None,
) -> Template:
    parsed = template_check(skeleton, channel=channel, workspace=workspace)
    return Template.objects.create(
        name=name,
        slug=slug,
        channel=channel,
        category=category,
        tags=list(tags),
        description=description,
        skeleton=parsed.model_dump(mode="json"),
        workspace=workspace,
    )


PLACEHOLDER_FOLDER = "library/placeholders/"


def placeholder_ensure(*, path: str) -> None:
    """Write the library's placeholder picture for a slot (a labelled grey card) unless storage
    already has it, so template previews show where a picture goes instead of a missing file."""
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw

    from documents.render import fonts

    if default_storage.exists(path):
        return
    label = path.removeprefix(PLACEHOLDER_FOLDER).removesuffix(".png").replace("_", " ")
    image = Image.new("RGB", (800, 800), "#E4E6EB")
    draw = ImageDraw.Draw(image)
    for offset in range(-800, 800, 80):  # light diagonal hatching
        draw.line([(offset, 0), (offset + 800, 800)], fill="#D5D8DE", width=6)
    font = fonts.font(fonts.resolve("Noto Sans KR", 700), 56)
    draw.text((400, 400), label, font=font, fill="#8A8F98", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    default_storage.save(path, ContentFile(buffer.getvalue()))


def template_library_sync(*, model=Template) -> int:
    """Create or update the shared library from ``templates.library``; safe to run again.
    ``model`` is the historical model when a migration calls this."""
    from templates.campaign import campaign_library
    from templates.library import TEMPLATES

    specs = [*TEMPLATES, *campaign_library()]
    for spec in specs:
        parsed = skeleton_validate(spec["skeleton"], channel=spec["channel"])
        _check_skeleton_sources(parsed, None)
        for page in parsed.pages:
            for obj in _walk(page.objects):
                if getattr(obj, "src", "").startswith(PLACEHOLDER_FOLDER):
                    placeholder_ensure(path=obj.src)
        model.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "channel": spec["channel"],
                "category": spec["category"],
                "tags": spec["tags"],
                "skeleton": parsed.model_dump(mode="json"),
                "workspace": None,
            },
        )
    return len(specs)


def _walk(objects):
    for obj in objects:
        yield obj
        if isinstance(obj, GroupObject):
            yield from _walk(obj.children)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def brand_palette(brand: BrandKit | None) -> dict[str, str]:
    """Token → hex for the tokens this brand decides; tokens it cannot decide are left out,
    so the skeleton's own colour stays."""
    if brand is None:
        return {}
    by_role: dict[str, str] = {}
    for colour in brand.colors.all():
        by_role.setdefault(colour.role, colour.hex.upper())
    resolved = {}
    for token, roles in TOKENS.items():
        found = next((by_role[role] for role in roles if role in by_role), None)
        if found:
            resolved[token] = found
    if "accent" not in by_role and resolved.get("accent") and resolved["accent"] == resolved.get("primary"):
        # no accent of its own: the offer's badge a pale tint of the primary, never the same
        # solid box as the call to action beside it
        resolved["accent"] = _tint(resolved["primary"], 0.8)
    dark = by_role.get("text", DARK)
    for base in ("primary", "secondary", "accent"):
        # white or the text colour, whichever contrasts more (WCAG), so one colour's buttons read
        # the same on every channel of a campaign (the default colours included)
        colour = resolved.get(base) or DEFAULT_COLORS[base]
        resolved[f"on_{base}"] = LIGHT if contrast_ratio(LIGHT, colour) >= contrast_ratio(dark, colour) else dark
    return resolved


def _tint(hex_colour: str, share: float) -> str:
    """``hex_colour`` mixed with white (``share`` of white)."""
    channels = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in channels)


def brand_fonts(brand: BrandKit | None) -> dict[str, str]:
    if brand is None:
        return {}
    by_role: dict[str, str] = {}
    for font in brand.fonts.all():
        by_role.setdefault(font.role, font.family)
    chosen = {}
    for use, roles in FONT_ROLES.items():
        family = next((by_role[role] for role in roles if role in by_role), None)
        if family:
            chosen[use] = family
    chosen.setdefault("heading", chosen.get("body"))
    chosen.setdefault("body", chosen.get("heading"))
    return {use: family for use, family in chosen.items() if family}


def _check_content(content, document: SparklioDocument, workspace: Workspace) -> dict[str, str]:
    if not isinstance(content, dict):
        raise ValidationError({"content": ["A map of slot role → text or asset path."]})
    kinds = {
        obj.role.value: obj.type
        for page in document.pages
        for obj in _walk(page.objects)
        if isinstance(obj, TextObject | ImageObject)
    }
    allowed = workspace_path_rule(workspace.pk)
    errors: dict[str, list[str]] = {}
    for role, value in content.items():
        where = f"content.{role}"
        if role not in kinds:
            errors[where] = [f"This template has no {role!r} slot; its slots are: {', '.join(sorted(kinds))}."]
        elif not isinstance(value, str) or not value.strip():
            errors[where] = ["Give the slot's text, or for a picture a storage path of this workspace."]
        elif len(value) > 20_000 or "\x00" in value:
            errors[where] = ["At most 20000 characters, and no null characters."]
        elif kinds[role] == "image":
            try:
                check_source(value, allowed_path=allowed)
            except ImageNotAllowed as exc:
                errors[where] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return content


def _brand_logo(brand: BrandKit | None) -> str | None:
    logo = brand.logos.first() if brand is not None else None
    return logo.file.name if logo else None


def template_fill(
    *,
    template: Template,
    workspace: Workspace,
    content: dict,
    brand: BrandKit | None = None,
    skeleton: dict | None = None,
    provenance: Provenance | None = None,
    drop_unfilled_text: bool = False,
) -> SparklioDocument:
    """``template`` (or ``skeleton``, a layout composed for it) filled with ``content`` in
    ``brand``'s colours and fonts, every text fitted to its box; nothing is saved."""
    if template.workspace_id is not None and template.workspace_id != workspace.pk:
        raise ValidationError({"workspace": ["This template belongs to another workspace."]})
    if brand is not None and brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [f"No brand kit {brand.pk} in this workspace."]})
    document = SparklioDocument.model_validate(copy.deepcopy(skeleton or template.skeleton))
    content = dict(_check_content(content, document, workspace))
    if "logo" not in content and (logo := _brand_logo(brand)):
        content["logo"] = logo

    colours = brand_palette(brand)
    families = brand_fonts(brand)
    palette = document.metadata.get("palette", {})
    provenance = provenance or Provenance(source="template", template_id=template.pk)
    fitted: dict[str, dict[str, float]] = {}

    for page in document.pages:
        if (token := palette.get(page.id, {}).get("background")) in colours:
            page.background = colours[token]
        page.objects = _fill_all(page.objects, content, colours, families, palette, provenance, drop_unfilled_text)
        for obj in _walk(page.objects):
            if isinstance(obj, TextObject):
                size = fitted_size(obj, language=document.language)
                if size != obj.style.font_size:
                    fitted[obj.id] = {"from": obj.style.font_size, "to": size}
                    obj.style.font_size = size
                obj.style.shrink_to_fit = True

    used = sorted(set(families.values()))
    if used:
        document.fonts = [*document.fonts, *(FontRef(family=family, weights=[400, 700]) for family in used)]
    document.metadata["template"] = {"id": template.pk, "slug": template.slug, "fitted": fitted}
    return document


@transaction.atomic
def template_apply(
    *,
    template: Template,
    workspace: Workspace,
    user: User | None,
    content: dict,
    brand: BrandKit | None = None,
    title: str | None = None,
    source: str = VersionSource.CREATE,
    metadata: dict | None = None,
    provenance: Provenance | None = None,
    drop_unfilled_text: bool = False,
    skeleton: dict | None = None,
) -> Document:
    """A new document from ``template`` in ``brand``'s colours and fonts.

    ``content`` fills slots by role: text slots take the text, picture slots (product image,
    logo, ...) a storage path of this workspace. Every object with that role is filled.
    Unfilled text slots keep the template's sample text (the design stays complete and the
    editor shows what goes there); unfilled picture slots are removed, except the logo slot,
    which takes the brand's first logo when it has one. With ``drop_unfilled_text`` (agents
    assembling a finished design) unfilled text slots are removed too, so no sample text ships.
    Every text is then fitted to its box: its font size becomes the largest that wraps inside it (recorded in
    ``metadata.template.fitted``), and ``shrink_to_fit`` stays on for later edits. ``skeleton``
    replaces the template's own layout (a campaign layout composed for this copy)."""
    document = template_fill(
        template=template,
        workspace=workspace,
        content=content,
        brand=brand,
        skeleton=skeleton,
        provenance=provenance,
        drop_unfilled_text=drop_unfilled_text,
    )
    document.metadata.update(metadata or {})
    document.title = title or template.name
    return document_create(
        workspace=workspace,
        user=user,
        content=document.model_dump(mode="json"),
        title=document.title,
        brand=brand,
        source=source,
    )


def _fill_all(objects, content, colours, families, palette, provenance, drop_text=False) -> list:
    kept = []
    for obj in objects:
        if isinstance(obj, GroupObject):
            obj.children = _fill_all(obj.children, content, colours, families, palette, provenance, drop_text)
        if _fill(obj, content, colours, families, palette.get(obj.id, {}), drop_text):
            obj.provenance = provenance
            kept.append(obj)
    return kept


def _fill(obj, content: dict, colours: dict, families: dict, tokens: dict, drop_text: bool = False) -> bool:
    """Fill one object in place; False when it is to be dropped (an unfilled picture slot, or
    with ``drop_text`` an unfilled text slot)."""
    role = obj.role.value
    if isinstance(obj, ImageObject):
        if role not in content:
            return False
        obj.src = content[role]
    elif isinstance(obj, TextObject):
        if drop_text and role not in content:
            return False
        if role in content:
            obj.text = content[role]
        use = "heading" if role in HEADING_ROLES else "body"
        if use in families:
            obj.style.font_family = families[use]
        if tokens.get("color") in colours:
            obj.style.color = colours[tokens["color"]]
        if tokens.get("background_color") in colours:
            obj.style.background_color = colours[tokens["background_color"]]
    for prop in ("fill", "stroke"):
        if tokens.get(prop) in colours and hasattr(obj, prop):
            setattr(obj, prop, colours[tokens[prop]])
    return True
