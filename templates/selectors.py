from django.db.models import Q, QuerySet

from templates.models import Template


def template_list(*, workspace_ids) -> QuerySet[Template]:
    """The shared library plus the templates of the given workspaces (the caller's)."""
    return Template.objects.filter(Q(workspace__isnull=True) | Q(workspace_id__in=list(workspace_ids)))


def template_for_channel(*, workspace_ids, channel: str, categories=()) -> Template | None:
    """A template of ``channel`` (shared or the caller's): the first of ``categories`` that has
    one, else a product launch (the general case), else any; None when the channel has none."""
    templates = list(
        template_list(workspace_ids=workspace_ids).filter(channel=channel).order_by("workspace_id", "slug")
    )
    wanted = [*categories, "product_launch"]
    return next(
        (t for category in wanted for t in templates if t.category == category), templates[0] if templates else None
    )


def template_slots(template: Template) -> list[dict]:
    """The roles a template's objects have, once each, with what fills them."""
    slots: dict[str, dict] = {}
    for page in template.skeleton.get("pages", []):
        for obj in _walk(page.get("objects", [])):
            if obj.get("type") in ("text", "image"):
                slot = slots.setdefault(obj["role"], {"role": obj["role"], "kind": obj["type"], "sample": ""})
                if obj["type"] == "text" and not slot["sample"]:
                    slot["sample"] = obj.get("text", "")
    return list(slots.values())


def _walk(objects):
    for obj in objects:
        yield obj
        yield from _walk(obj.get("children", []))
