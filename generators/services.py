"""Running a generator for a workspace: input checked, brand read, result returned."""

from __future__ import annotations

import json

from django.conf import settings
from pydantic import ValidationError as PydanticValidationError
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from documents.render.images import ImageLoadError, ImageNotAllowed
from generators.base import GeneratorResult
from generators.context import BrandProfile, GenContext
from generators.imaging import ImageError
from generators.registry import get_generator
from sparklio.core.events import send_now, workspace_group


def pydantic_errors(exc: PydanticValidationError, *, prefix: str = "") -> dict[str, list[str]]:
    """A pydantic error as the API's {field path: [messages]}; model-level errors go to ``brief``."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"]) or "brief"
        message = error["msg"].removeprefix("Value error, ")
        errors.setdefault(f"{prefix}{loc}", []).append(message)
    return errors


def provider_check(provider: str | None) -> str | None:
    if provider in (None, "", "auto"):
        return None
    known = ["offline", *settings.LLM_PROVIDERS]
    if provider not in known:
        raise ValidationError({"provider": [f"Unknown provider {provider!r}; known: {', '.join(known)}."]})
    return provider


def context_for(
    *,
    workspace_id: int,
    user_id: int | None,
    brand: BrandKit | None,
    provider: str | None,
    cause=None,
    on_progress=None,
) -> GenContext:
    if brand is not None and brand.workspace_id != workspace_id:
        raise ValidationError({"brand": [f"No brand kit {brand.pk} in this workspace."]})
    provider = provider_check(provider)
    return GenContext(
        workspace_id=workspace_id,
        user_id=user_id,
        brand=BrandProfile.from_kit(brand) if brand is not None else BrandProfile(),
        provider=None if provider == "offline" else provider,
        offline=provider == "offline",
        cause=cause,
        on_progress=on_progress,
    )


def progress_to_workspace(*, workspace_id: int, generator: str, user_id: int | None):
    """An ``on_progress`` that tells the workspace's sockets how a run in a request goes:
    ``{"type": "job.progress", "job": "generator_run", "generator", "user", "status": "running",
    "progress", "message"}``. Sent at once (nothing waits on a commit: the run writes no rows
    before its files), best effort, and not more than every 5 % of the run."""
    last = [-1.0]

    def report(fraction: float, message: str) -> None:
        if fraction < 1.0 and fraction - last[0] < 0.05:
            return
        last[0] = fraction
        event = {
            "type": "job.progress",
            "job": "generator_run",
            "generator": generator,
            "user": user_id,
            "status": "running" if fraction < 1.0 else "succeeded",
            "progress": round(fraction, 3),
            "message": message,
        }
        send_now(workspace_group(workspace_id), event)

    return report


def generator_input(name: str, data: dict, *, strict: bool = True):
    """The generator and its input. ``strict`` (a JSON body, or a caller's own dict): each value
    must have its schema's JSON type, so ``"7"``, ``7.0`` or ``true`` for an integer and
    ``"true"`` or ``1`` for a boolean are refused naming the field (docs/api.md, strict input);
    a form body carries only text, so there numbers and booleans are read from text."""
    generator = get_generator(name)
    try:
        if strict:
            try:
                as_json = json.dumps(data)
            except (TypeError, ValueError):  # not JSON-shaped (a caller's own objects): Python's strict mode
                return generator, generator.Input.model_validate(data, strict=True)
            return generator, generator.Input.model_validate_json(as_json, strict=True)
        return generator, generator.Input.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationError(pydantic_errors(exc)) from exc


def generator_run(
    *,
    name: str,
    data: dict,
    workspace_id: int,
    user_id: int | None = None,
    brand: BrandKit | None = None,
    provider: str | None = None,
    cause=None,
    on_progress=None,
    strict: bool = True,
) -> GeneratorResult:
    """Run generator ``name`` on ``data`` (its input fields; ``strict``: see ``generator_input``).
    Image generators write their picture under the workspace's uploads."""
    brief = data.get("brief")
    if brief is not None and not isinstance(brief, str):
        raise ValidationError({"brief": ["A string."]})
    if len(brief or "") > settings.BRIEF_MAX_CHARS:
        raise ValidationError({"brief": [f"At most {settings.BRIEF_MAX_CHARS} characters."]})
    generator, inp = generator_input(name, data, strict=strict)
    ctx = context_for(
        workspace_id=workspace_id, user_id=user_id, brand=brand, provider=provider, cause=cause, on_progress=on_progress
    )
    try:
        return generator.run(inp, ctx)
    except (ImageNotAllowed, ImageLoadError, ImageError) as exc:  # an unreadable, missing or foreign picture
        raise ValidationError({"image": [str(exc)]}) from exc
