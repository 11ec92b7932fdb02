"""The LLM gateway, for commands the rules do not know."""

from __future__ import annotations

import json
import logging

from rest_framework.exceptions import Throttled

from brands.models import BrandKit
from documents.commands.brand import _Palette
from documents.commands.errors import CommandNotUnderstood
from documents.commands.layout import _placed, _unique_id, _used_ids
from documents.commands.operations import EDITOR_PROVENANCE, AddOp, CommandPlan, Op
from documents.models import Document
from sparklio.core.models import User
from sparklio.llm.errors import BudgetExceeded, NoModelAvailable, RateLimited, StructuredOutputError
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

# --- the model, for everything else -------------------------------------------------------------------

_SYSTEM = """You edit a SparklioDocument, an ad design made of pages and objects, for the Sparklio studio.
Turn the user's command into editor operations on the objects given. Rules:
- Use only the ids given; new objects need new ids.
- Coordinates are pixels from the page's top-left; a group's children are relative to the group.
- Keep every object inside the page.
- Colours are #RRGGBB. Prefer the brand's colours and fonts when the command is about style.
- Text must stay readable: at least 4.5:1 contrast with what is under it.
- In `changes` and `style`, null leaves a field as it is.
- If the command cannot be done on this document, answer with no operations."""


def _outline(content: dict, brand: _Palette, command: str) -> str:
    """What the model needs to know about the document, compactly."""
    placed = _placed(content)
    pages = []
    for index, page in enumerate(content["pages"]):
        objects = []
        for item in (p for p in placed if p.page == index):
            obj = item.obj
            entry = {k: obj[k] for k in ("id", "type", "role", "x", "y", "width", "height", "z_index")}
            if item.groups:
                entry["group"] = item.groups[-1]
            if obj["type"] == "text":
                entry["text"] = obj["text"][:200]
                entry.update({k: obj["style"][k] for k in ("color", "font_family", "font_size", "font_weight")})
            elif obj["type"] == "shape":
                entry.update({k: obj[k] for k in ("shape", "fill", "stroke") if obj[k]})
            objects.append(entry)
        pages.append({"index": index, "id": page["id"], "background": page["background"], "objects": objects})
    brand_info = {
        "colors": brand.colors,
        "fonts": {role: family for role, (family, _) in brand.fonts.items()},
    }
    outline = {
        "command": command,
        "document": {"width": content["width"], "height": content["height"], "language": content["language"]},
        "pages": pages,
        "brand": brand_info if brand.colors or brand.fonts else None,
    }
    return json.dumps(outline, ensure_ascii=False)


def _ask_model(*, document: Document, user: User | None, command: str, brand: BrandKit | None):
    """(operations, provider) from the LLM gateway; CommandNotUnderstood when no model answers."""
    messages = [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": _outline(document.content, _Palette.of(brand), command)},
    ]
    try:
        result = gateway.complete(
            messages,
            purpose="fast",
            schema=CommandPlan,
            temperature=0,
            max_tokens=2048,
            workspace_id=document.workspace_id,
            user_id=user.pk if user else None,
            cause=document,
        )
    except NoModelAvailable as exc:
        logger.info("editor command %r: no model to ask (%s)", command, exc)
        raise CommandNotUnderstood("The command was not understood, and no language model is available.") from exc
    except StructuredOutputError as exc:
        logger.warning("editor command %r: the model's answer does not match the operations: %s", command, exc)
        raise CommandNotUnderstood("The command was not understood: the model's answer was not usable.") from exc
    except BudgetExceeded as exc:
        raise CommandNotUnderstood(f"The command was not understood, and the model cannot be asked: {exc}") from exc
    except RateLimited as exc:
        raise Throttled(wait=exc.wait_seconds, detail=str(exc)) from exc
    return result.data.operations, result.provider


def _own_new_objects(content: dict, ops: list[Op]) -> list[Op]:
    """New objects from the model are marked as the editor's, with ids no other object has."""
    used = _used_ids(content)
    for op in ops:
        if isinstance(op, AddOp):
            op.object.provenance = EDITOR_PROVENANCE
            if op.object.id in used:
                op.object.id = _unique_id(used, op.object.role.value)
            used.add(op.object.id)
    return ops
