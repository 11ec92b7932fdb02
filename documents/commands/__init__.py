"""Editor commands: "make the CTA bigger", "헤드라인을 '여름 세일'로 바꿔", "use brand colours".

A command becomes a list of editor operations (``Op``), which are applied to a copy of the
document, validated and saved as one new version. Common commands are parsed by rules, in Korean
and English; anything else is put to the LLM gateway, which answers with the same operations
(structured output). Brand colours and fonts are expanded into concrete ``restyle`` and
``set_background`` operations, so the studio can replay exactly what happened.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from documents import services
from documents.commands.brand import BACKDROP_ROLES, HEADING_ROLES
from documents.commands.colors import MIN_CONTRAST, contrast_ratio, mix, relative_luminance
from documents.commands.errors import CommandNotUnderstood, OperationError
from documents.commands.layout import CORNER_MARGIN
from documents.commands.model import _ask_model, _own_new_objects
from documents.commands.operations import (
    EDITOR_PROVENANCE,
    OPERATIONS,
    AddOp,
    CommandPlan,
    DeleteOp,
    MoveOp,
    ObjectChanges,
    Op,
    ReorderOp,
    ReplaceTextOp,
    ResizeOp,
    RestyleOp,
    SetBackgroundOp,
    StyleChanges,
    UpdateOp,
    apply_ops,
    dump_ops,
)
from documents.commands.parser import (
    QUOTED,
    SCALE_DOWN,
    SCALE_UP,
    TONE_STEP,
    ParsedCommand,
    parse_clauses,
    parse_command,
)
from documents.models import Document, VersionSource
from documents.schema import SparklioDocument
from sparklio.core.api.errors import flatten_errors
from sparklio.core.models import User

__all__ = [
    "BACKDROP_ROLES",
    "CORNER_MARGIN",
    "EDITOR_PROVENANCE",
    "HEADING_ROLES",
    "MIN_CONTRAST",
    "OPERATIONS",
    "QUOTED",
    "SCALE_DOWN",
    "SCALE_UP",
    "TONE_STEP",
    "AddOp",
    "CommandNotUnderstood",
    "CommandPlan",
    "CommandResult",
    "DeleteOp",
    "MoveOp",
    "ObjectChanges",
    "Op",
    "OperationError",
    "ParsedCommand",
    "ReorderOp",
    "ReplaceTextOp",
    "ResizeOp",
    "RestyleOp",
    "SetBackgroundOp",
    "StyleChanges",
    "UpdateOp",
    "apply_ops",
    "contrast_ratio",
    "dump_ops",
    "mix",
    "parse_clauses",
    "parse_command",
    "relative_luminance",
    "run_command",
]

logger = logging.getLogger(__name__)


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        path, messages = next(iter(flatten_errors(exc.detail).items()))
        return f"{path}: {messages[0]}"
    return str(exc)


def _by_model(*, document: Document, user: User | None, command: str, brand: BrandKit | None):
    """(operations, provider, content) from the model, for a command the rules do not know."""
    ops, provider = _ask_model(document=document, user=user, command=command, brand=brand)
    if not ops:
        raise CommandNotUnderstood("The command was not understood: the model found nothing to change.")
    ops = _own_new_objects(document.content, ops)
    try:
        content = apply_ops(document.content, ops)
    except (OperationError, ValidationError) as exc:
        logger.warning("editor command %r: the model's operations do not apply: %s", command, exc)
        raise CommandNotUnderstood(
            f"The command was not understood: the model's changes do not fit this document ({_short(exc)})."
        ) from exc
    return ops, provider, content


@dataclass(frozen=True)
class CommandResult:
    operations: list[Op]
    document: Document
    provider: str  # "rules", or the LLM provider that answered
    notes: list[str] = field(default_factory=list)  # what the rules did otherwise than asked, and why


def run_command(
    *, document: Document, user: User | None, command: str, base_version: int, brand: BrandKit | None = None
) -> CommandResult:
    """Carry out an editor command as one new version (source ai_command).

    The rules answer first, clause by clause for a compound command ("헤드라인 키우고 CTA는
    빨간색으로"); a command they do not know, or one with a clause they do not know, goes to the
    model whole. Nothing is written when the command is not understood (CommandNotUnderstood,
    naming the clause the rules did not know), when the model's operations do not fit the
    document, or when the version is stale (VersionConflict)."""
    if base_version != document.version:
        # Before any model is asked: the client has to reload anyway.
        raise services.VersionConflict(current=document.version, given=base_version)
    parsed = parse_clauses(command, SparklioDocument.model_validate(document.content), brand)
    ops, provider = parsed.operations, "rules"
    if ops is not None:
        content = apply_ops(document.content, ops)
    else:
        try:
            ops, provider, content = _by_model(document=document, user=user, command=command, brand=brand)
        except CommandNotUnderstood as exc:
            if len(parsed.clauses) == 1:
                raise
            raise CommandNotUnderstood(f"{parsed.part(parsed.unknown)} was not understood. {exc.detail}") from exc
    updated = services.document_update(
        document=document,
        user=user,
        content=content,
        base_version=base_version,
        source=VersionSource.AI_COMMAND,
        summary=f"AI command: {command}"[:300],
    )
    return CommandResult(operations=ops, document=updated, provider=provider, notes=parsed.notes)
