"""What the OpenAPI schema says beyond what drf-spectacular reads from the serializers.

- JSON that crosses the API is described by its pydantic model (the SparklioDocument, facts,
  plans, agent and generator inputs and outputs…): ``model_schema`` names the model, a
  serializer field declared with ``typed_json`` carries it, and ``postprocess`` puts the models'
  JSON Schemas (converted to OpenAPI 3.0) into ``components``. JSON with no model (a Polotno
  store, a JSON Schema) is a ``JsonValue``, never an untyped ``{}``.
- Every operation lists the errors it can answer, in the one error shape
  (``sparklio/core/api/errors.py``).

This module is on the project's floor: it is handed models, it imports no app.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import extend_schema_field
from pydantic import BaseModel
from rest_framework import serializers

REF = "#/components/schemas/{model}"
JSON_VALUE = "JsonValue"
ERROR = "Error"
_MODELS: dict[str, type[BaseModel]] = {}


def _ref(name: str) -> dict:
    return {"$ref": REF.format(model=name)}


def model_schema(*models: type[BaseModel], many: bool = False, mapping: bool = False, empty: bool = False) -> dict:
    """The schema of JSON holding one of ``models`` (a list of them with ``many``, a map of
    them by name with ``mapping``); ``empty`` allows ``{}``, what a run holds before it ends."""
    for model in models:
        known = _MODELS.setdefault(model.__name__, model)
        if known is not model:
            raise ValueError(f"Two models are called {model.__name__}: {known!r} and {model!r}")
    variants = [_ref(model.__name__) for model in models]
    if empty:
        variants.append({"type": "object", "maxProperties": 0})
    schema = variants[0] if len(variants) == 1 else {"anyOf": variants}
    if many:
        return {"type": "array", "items": schema}
    if mapping:
        return {"type": "object", "additionalProperties": schema}
    return schema


JSON_OBJECT = {"type": "object", "additionalProperties": _ref(JSON_VALUE)}


def typed_json(schema: dict, **kwargs) -> serializers.JSONField:
    """A JSON field whose schema is ``schema`` (DRF copies fields by class and arguments, so
    the schema travels on a class of its own)."""

    @extend_schema_field(schema)
    class TypedJSONField(serializers.JSONField):
        pass

    return TypedJSONField(**kwargs)


# --- pydantic's JSON Schema (2020-12) as OpenAPI 3.0 --------------------------------------
_ONE_SCHEMA = ("items", "not")
_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "$defs")


def openapi_30(schema: Any) -> Any:
    """``schema`` rewritten for OpenAPI 3.0: ``nullable`` for null variants, ``enum`` for
    ``const``, boolean exclusive bounds, fixed-length arrays for tuples, and ``JsonValue`` for
    "any JSON" (which a client generator would otherwise type as ``unknown``)."""
    if schema is True or schema == {}:
        return _ref(JSON_VALUE)
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _ONE_SCHEMA:
            out[key] = openapi_30(value)
        elif key == "additionalProperties":
            out[key] = value if value is False else openapi_30(value)
        elif key in _SCHEMA_LISTS:
            out[key] = [openapi_30(item) for item in value]
        elif key in _SCHEMA_MAPS:
            out[key] = {name: openapi_30(item) for name, item in value.items()}
        else:
            out[key] = value
    if isinstance(out.get("type"), list):
        types = [kind for kind in out.pop("type") if kind != "null"]
        if len(types) < len(schema["type"]):
            out["nullable"] = True
        if len(types) == 1:
            out["type"] = types[0]
        elif types:
            out["anyOf"] = [{"type": kind} for kind in types]
    if out.get("type") == "null":
        out.pop("type")
        out.update(nullable=True, enum=[None])
    for key in ("anyOf", "oneOf"):
        if key not in out:
            continue
        variants = [item for item in out[key] if item.get("type") != "null" or "enum" in item]
        variants = [item for item in variants if item != {"nullable": True, "enum": [None]}]
        if len(variants) < len(out[key]):
            out["nullable"] = True
        if len(variants) == 1 and key == "anyOf":
            del out[key]
            only = variants[0]
            if "$ref" in only:
                out["allOf"] = [only]
            else:
                out = {**only, **out}
        else:
            out[key] = variants
    if "const" in out:
        out["enum"] = [out.pop("const")]
    for bound, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), (int, float)) and not isinstance(out.get(bound), bool):
            out[inclusive] = out[bound]
            out[bound] = True
    if "prefixItems" in out:
        items = out.pop("prefixItems")
        distinct = [item for index, item in enumerate(items) if item not in items[:index]]
        out["items"] = distinct[0] if len(distinct) == 1 else {"anyOf": distinct}
        out["minItems"] = out["maxItems"] = len(items)
    if "examples" in out:
        examples = out.pop("examples")
        if examples:
            out["example"] = examples[0]
    if "$ref" in out and len(out) > 1:
        # 3.0 ignores a $ref's siblings: the reference goes into allOf
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def model_components() -> dict[str, dict]:
    """The JSON Schemas of every model named by ``model_schema``, and of the models they use."""
    components: dict[str, dict] = {}
    for name, model in sorted(_MODELS.items()):
        schema = model.model_json_schema(ref_template=REF)
        found = {name: schema, **schema.pop("$defs", {})}
        for sub_name, sub_schema in found.items():
            converted = openapi_30(sub_schema)
            if components.get(sub_name, converted) != converted:
                raise ValueError(f"Two different models are called {sub_name} in the API schema")
            components[sub_name] = converted
    return components


JSON_VALUE_SCHEMA = {
    "description": "Any JSON value.",
    "nullable": True,
    "anyOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "array", "items": _ref(JSON_VALUE)},
        {"type": "object", "additionalProperties": _ref(JSON_VALUE)},
    ],
}

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error of the API.",
    "properties": {
        "detail": {"type": "string", "description": "A sentence saying what went wrong."},
        "code": {"type": "string", "description": "A stable code: invalid, not_found, conflict…"},
        "errors": {
            "type": "object",
            "description": 'Validation errors by field or JSON path: {"pages[0].width": ["…"]}.',
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "current_version": {"type": "integer", "description": "With a version conflict (409): the current one."},
    },
    "required": ["detail", "code"],
}

ERRORS = {
    "400": "Invalid input: `errors` names each field.",
    "401": "Not signed in, or with a token that is not valid (any more).",
    "403": "Signed in, but this needs a role you do not hold in the workspace.",
    "404": "No such object in your workspaces (or no such page of a list).",
    "409": "The object changed meanwhile: nothing was written (`current_version` says the current version).",
    "413": "The request body is larger than the limit.",
    "415": "A body of a media type the operation does not read.",
    "429": "Too many requests: see Retry-After.",
}
_WRITES = {"post", "put", "patch"}
_CONFLICTS = re.compile(r"/documents/\{id\}/(versions/\{number\}/restore/)?$|/editor/ai_command/$|/to_document/$")


def _errors_of(path: str, method: str, operation: dict) -> list[str]:
    anonymous = {} in operation.get("security", [{}])
    codes = ["400"] if method in _WRITES or operation.get("parameters") else []
    # a token that is not valid is a 401 even where no sign-in is needed
    codes.append("401")
    if not anonymous:
        codes.append("403")
    parameters = {parameter.get("name") for parameter in operation.get("parameters", [])}
    # an object named in the path or the body, or a page past the last one
    if "{" in path or {"page", "workspace"} & parameters or method in _WRITES:
        codes.append("404")
    if method in {"put", "patch", "post"} and _CONFLICTS.search(path):
        codes.append("409")
    if method in _WRITES:
        codes += ["413", "415"]
    codes.append("429")
    return codes


_TYPED = {"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "properties", "items"}


def _typed_any(schema: Any) -> Any:
    """A serializer's schema with its "any JSON" parts (a bare JSONField, a DictField without a
    child) made ``JsonValue``."""
    if schema is True or (isinstance(schema, dict) and not _TYPED & schema.keys()):
        extra = schema if isinstance(schema, dict) else {}
        return {"allOf": [_ref(JSON_VALUE)], **extra} if extra else _ref(JSON_VALUE)
    out = dict(schema)
    if isinstance(out.get("properties"), dict):
        out["properties"] = {name: _typed_any(value) for name, value in out["properties"].items()}
    for key in ("items", "additionalProperties"):
        if isinstance(out.get(key), dict) or out.get(key) is True:
            out[key] = _typed_any(out[key])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in out:
            out[key] = [_typed_any(item) for item in out[key]]
    return out


def postprocess(result: dict, generator, request, public) -> dict:
    """drf-spectacular's last step (POSTPROCESSING_HOOKS): the models' components, ``JsonValue``,
    ``Error``, and the error responses of every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in list(schemas.items()):
        schemas[name] = _typed_any(schema)
    for name, schema in {**model_components(), JSON_VALUE: JSON_VALUE_SCHEMA, ERROR: ERROR_SCHEMA}.items():
        if name in schemas and schemas[name] != schema:
            raise ValueError(f"The API schema has two components called {name}")
        schemas[name] = schema
    body = {"application/json": {"schema": _ref(ERROR)}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _errors_of(path, method, operation):
                described = responses.setdefault(code, {"description": ERRORS[code]})
                described.setdefault("content", body)
    return result
