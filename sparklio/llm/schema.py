"""JSON schemas for structured output, in the strict form OpenAI requires (and the others accept)."""

from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel

from sparklio.llm.types import StructuredSpec

# Keywords strict mode rejects; the pydantic model still enforces them when validating.
_UNSUPPORTED = {
    "discriminator",
    "default",
    "format",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "title",
}


def _strict(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in {"properties", "$defs"}:  # maps of names, not keywords
                out[key] = {name: _strict(sub) for name, sub in value.items()}
            elif key == "oneOf":  # strict mode takes anyOf (pydantic still checks the tag)
                out["anyOf"] = _strict(value)
            elif key == "prefixItems":  # tuples: strict mode knows only `items`
                items = _strict(value)
                out["items"] = items[0] if all(item == items[0] for item in items) else {"anyOf": items}
            elif key not in _UNSUPPORTED:
                out[key] = _strict(value)
        if out.get("type") == "object" or "properties" in out:
            out["type"] = "object"
            out.setdefault("properties", {})
            out["required"] = list(out["properties"])
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


def structured_spec(schema: type[BaseModel]) -> StructuredSpec:
    """The model's JSON schema with every object closed and every property required."""
    raw = copy.deepcopy(schema.model_json_schema())
    name = re.sub(r"[^a-zA-Z0-9_-]", "_", schema.__name__)[:64]
    return StructuredSpec(name=name, json_schema=_strict(raw))
