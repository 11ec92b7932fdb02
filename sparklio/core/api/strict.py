"""Input serializers that accept what their schema says, and nothing else.

DRF is lenient where the OpenAPI schema is not: a ``CharField`` takes ``5`` and ``true``, an
``IntegerField`` takes ``"5"`` and ``5.0``, a ``BooleanField`` takes ``"yes"`` and ``1``, and a
key no field knows is dropped without a word. Every serializer of the project derives from
``Serializer`` or ``ModelSerializer`` below, so one place decides:

- A key no field of the serializer knows is a 400 naming it (``unknown_keys = "allow"`` for an
  envelope whose other keys are validated elsewhere, such as a generator's input).
- Read-only fields of the serializer may be sent back as they were read (a client PUTting the
  object it fetched) and are ignored; the request schema lists them as such.
- In JSON, each value must have the JSON type its schema gives (string, integer, number,
  boolean, array, object), in nested lists and maps too. Form and multipart bodies carry only
  text, so there the fields parse the text as before; a form key that cannot carry its field
  (``fonts=…`` for a list of objects, which a form spells ``fonts[0]family=…``) is a 400.
- ``maxLength`` holds for the text as sent, before DRF trims its whitespace.
- The request schema says ``additionalProperties: false`` wherever unknown keys are refused.
"""

import re
from collections.abc import Mapping

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

_FORM_NESTED = re.compile(r"^(.+?)(?:\[[0-9]+\]|\.)")
IGNORED = "Read-only: accepted when sent back as it was read, and ignored."

_TYPE_NAMES = {
    str: _("string"),
    int: _("integer"),
    float: _("number"),
    bool: _("boolean"),
    list: _("array"),
    dict: _("object"),
    type(None): _("null"),
}


def json_types(field) -> tuple[type, ...] | None:
    """The Python types of the JSON values ``field``'s schema allows; None for any JSON."""
    if isinstance(field, serializers.BooleanField):
        return (bool,)
    if isinstance(field, serializers.IntegerField):
        return (int,)
    if isinstance(field, serializers.FloatField):
        return (int, float)
    if isinstance(field, serializers.DecimalField):
        as_string = field.coerce_to_string
        if as_string is None:
            as_string = api_settings.COERCE_DECIMAL_TO_STRING
        return (str,) if as_string else (int, float)
    if isinstance(
        field,
        (
            serializers.CharField,  # RegexField, EmailField, SlugField, URLField… are CharFields
            serializers.DateField,
            serializers.DateTimeField,
            serializers.TimeField,
            serializers.DurationField,
            serializers.UUIDField,
        ),
    ):
        return (str,)
    if isinstance(field, (serializers.MultipleChoiceField, serializers.ListField, serializers.ListSerializer)):
        return (list,)
    if isinstance(field, serializers.ChoiceField):
        return tuple({type(choice) for choice in field.choices}) or None
    if isinstance(field, (serializers.DictField, serializers.Serializer)):
        return (dict,)
    if isinstance(field, serializers.ManyRelatedField):
        return (list,)
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return (int,)  # every model's key is an integer
    return None  # JSONField, FileField, SerializerMethodField…


def _type_name(value) -> str:
    return str(_TYPE_NAMES.get(type(value), type(value).__name__))


def too_long(field, value) -> list | None:
    """The schema's ``maxLength`` holds for the text as sent: DRF would trim whitespace first
    and take a longer string."""
    limit = field.max_length if isinstance(field, serializers.CharField) else None
    if limit is not None and isinstance(value, str) and len(value) > limit:
        return [field.error_messages["max_length"].format(max_length=field.max_length)]
    return None


def type_errors(field, value):
    """What is wrong with the JSON type (or the length) of ``value`` for ``field``, nested as
    DRF nests errors (a list for the value, ``{index: …}`` for list items, ``{key: …}`` for map
    values); None when everything fits. ``null`` is left to the field's ``allow_null``."""
    if value is None or value is empty:
        return None
    allowed = json_types(field)
    if allowed is not None and (not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed)):
        expected = " / ".join(dict.fromkeys(str(_TYPE_NAMES[kind]) for kind in allowed))
        return [_("Must be a JSON %(expected)s, not %(got)s.") % {"expected": expected, "got": _type_name(value)}]
    child = getattr(field, "child", None)
    if isinstance(field, serializers.ListField) and child is not None:
        found = {index: errors for index, item in enumerate(value) if (errors := type_errors(child, item))}
        return found or None
    if isinstance(field, serializers.DictField) and child is not None:
        found = {key: errors for key, item in value.items() if (errors := type_errors(child, item))}
        return found or None
    return too_long(field, value)  # a nested serializer checks its own fields


# No docstrings on these bases: drf-spectacular would describe every serializer with them.
class StrictMixin:
    # refuses unknown keys and JSON values of the wrong type (see the module's docstring)

    unknown_keys = "refuse"  # or "allow"
    # the message for an unknown key; %(fields)s is the fields the serializer takes
    unknown_message = _("Unknown field. This takes: %(fields)s.")
    check_json_types = True

    def to_internal_value(self, data):
        errors = self.input_errors(data) if isinstance(data, Mapping) else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors or not isinstance(exc.detail, dict):
                raise
            # every field's problem in one answer; a wrong JSON type is said rather than DRF's coercion
            errors = {**exc.detail, **errors}
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def input_errors(self, data: Mapping) -> dict:
        errors = {}
        if self.unknown_keys == "refuse":
            known = self.fields
            writable = ", ".join(name for name, field in known.items() if not field.read_only) or "-"
            for key in data:
                # a form spells nested values colors[0]name=… and brand.name=…
                nested = _FORM_NESTED.match(key) if isinstance(data, QueryDict) else None
                if key not in known and not (nested and nested.group(1) in known):
                    errors[key] = [self.unknown_message % {"fields": writable}]
        root_data = getattr(self.root, "initial_data", data)
        form = isinstance(root_data, QueryDict) or isinstance(data, QueryDict)
        for field in self._writable_fields:
            name = field.field_name
            if name not in data:
                continue
            if not form:
                found = type_errors(field, data[name]) if self.check_json_types else too_long(field, data[name])
            elif field.get_value(data) is empty:
                # a form carries a list of objects as colors[0]name=…; a bare key would be dropped
                found = [_("This field cannot be read from a form as sent: send it in a JSON body.")]
            else:
                # a form or multipart body is text: the fields parse it
                found = too_long(field, data.get(name))
            if found:
                errors[name] = found
        return errors


class Serializer(StrictMixin, serializers.Serializer):
    pass


class ModelSerializer(StrictMixin, serializers.ModelSerializer):
    pass


class QuerySerializer(Serializer):
    # for query strings: text, like a form, and other parameters (paging, ordering) pass

    unknown_keys = "allow"
    check_json_types = False


class StrictSerializerSchema(OpenApiSerializerExtension):
    """The request schema of a strict serializer: unknown keys refused (``additionalProperties:
    false``) and read-only fields listed as accepted and ignored."""

    target_class = StrictMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction != "request":
            return schema
        serializer = self.target if isinstance(self.target, serializers.BaseSerializer) else self.target()
        properties = schema.setdefault("properties", {})
        for name, field in serializer.fields.items():
            if field.read_only and name not in properties:
                properties[name] = {"description": IGNORED}
        if serializer.unknown_keys == "refuse":
            schema["additionalProperties"] = False
        return schema


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing an empty filter (``?workspace=``): its schema says
    what a value looks like, and django-filter would drop it and answer everything."""

    def filter_queryset(self, request, queryset, view):
        # No filter named in the query: the filter set would filter nothing, and building it
        # (a class and a form each request) cost more than a list query. Only for a plain list
        # of fields, whose names are exactly the parameters the filter set reads.
        fields = getattr(view, "filterset_fields", None)
        if (
            getattr(view, "filterset_class", None) is None
            and isinstance(fields, (list, tuple))
            and not any(name in request.query_params for name in fields)
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            params = request.query_params
            empty = [name for name in filterset.filters if "" in params.getlist(name)]
            if empty:
                raise serializers.ValidationError(
                    {name: [_("Empty: give a value, or leave the parameter out.")] for name in empty}
                )
        return filterset
