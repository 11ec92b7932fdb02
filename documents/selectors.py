from django.db import connection

from documents.models import Document

_FIELDS = [field.attname for field in Document._meta.concrete_fields]
_CONTENT = Document._meta.get_field("content")
_CONTENT_AT = _FIELDS.index("content")
_TABLE = Document._meta.db_table
# One document by its id inside the caller's workspaces: a fixed statement (column and table
# names from the model; the id and the workspaces go as parameters).
_ONE = (
    f"SELECT {', '.join(f'{_TABLE}.{name}' for name in _FIELDS)} FROM {_TABLE}"  # noqa: S608
    f" WHERE {_TABLE}.id = %s AND {_TABLE}.workspace_id = ANY(%s)"
)
_BIGINT = range(-(2**63), 2**63)


def document_in_workspaces(pk: int, workspace_ids) -> Document | None:
    """The document ``pk`` when it is in one of ``workspace_ids``, else None: what
    ``Document.objects.filter(workspace_id__in=…).get(pk=…)`` gives, without building and
    compiling a queryset for one row (the caller turns a text id into an int, as the lookup would)."""
    workspace_ids = list(workspace_ids)
    if pk not in _BIGINT or not workspace_ids:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_ONE, [pk, workspace_ids])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    values[_CONTENT_AT] = _CONTENT.from_db_value(values[_CONTENT_AT], None, connection)
    return Document.from_db(connection.alias, _FIELDS, values)
