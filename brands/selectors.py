from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo


def brand_list() -> QuerySet[BrandKit]:
    """Brand kits with their colours, fonts and logos (scoped by the caller's workspaces in the view)."""
    return BrandKit.objects.prefetch_related(
        Prefetch("colors", queryset=BrandColor.objects.order_by("position", "id")),
        Prefetch("fonts", queryset=BrandFont.objects.order_by("position", "id")),
        Prefetch("logos", queryset=BrandLogo.objects.order_by("id")),
    )


# A list page's kits in one query: each kit's colours, fonts and logos as one JSON array
# [colours, fonts, logos] built by correlated subqueries, and the number of kits the filters
# leave (COUNT(*) OVER (), computed before LIMIT) on every row. The SQL is fixed text (table and
# column names from the models, no request value in it); every value goes as a parameter.
_KIT = BrandKit._meta.db_table
LOGO_FIELDS = (
    "id",
    "file",
    "original_name",
    "content_type",
    "size_bytes",
    "width",
    "height",
    "analysis_status",
    "palette",
    "created_at",
)
_PARTS = (
    "json_build_array("  # noqa: S608 (model table and column names only)
    "COALESCE((SELECT json_agg(json_build_object('name', c.name, 'hex', c.hex, 'role', c.role)"
    f" ORDER BY c.position, c.id) FROM {BrandColor._meta.db_table} c WHERE c.brand_id = {_KIT}.id), '[]'::json), "
    "COALESCE((SELECT json_agg(json_build_object('family', f.family, 'role', f.role, 'weights', f.weights)"
    f" ORDER BY f.position, f.id) FROM {BrandFont._meta.db_table} f WHERE f.brand_id = {_KIT}.id), '[]'::json), "
    f"COALESCE((SELECT json_agg(json_build_array({', '.join('l.' + f for f in LOGO_FIELDS)}) ORDER BY l.id)"
    f" FROM {BrandLogo._meta.db_table} l WHERE l.brand_id = {_KIT}.id), '[]'::json))"
)
_TOTAL = "COUNT(*) OVER ()"
KIT_FIELDS = (
    "id",
    "workspace_id",
    "name",
    "description",
    "language",
    "tone_of_voice",
    "target_audience",
    "banned_words",
    "required_words",
    "guidelines",
    "created_at",
    "updated_at",
)
# The list as it is asked for most (the caller's workspaces, the view's default order by name
# then id, no filter or search): the same statement as the queryset path gives, without
# building and compiling a queryset for it.
_PLAIN_PAGE = (
    f"SELECT {', '.join(f'{_KIT}.{f}' for f in KIT_FIELDS)}, {_PARTS}, {_TOTAL} FROM {_KIT}"  # noqa: S608
    f" WHERE {_KIT}.workspace_id = ANY(%s) ORDER BY {_KIT}.name, {_KIT}.id LIMIT %s OFFSET %s"
)


def brand_list_page(queryset: QuerySet[BrandKit], *, offset: int, limit: int) -> tuple[list[tuple], int]:
    """One page of ``queryset`` (already scoped, filtered and ordered) and how many kits it holds
    in all, in one round trip: tuples of KIT_FIELDS then [colours, fonts, logos] (a logo is a list
    of LOGO_FIELDS), and the total. No rows: the total is unknown past the end (0)."""
    rows = list(
        queryset.annotate(
            _parts=RawSQL(_PARTS, ()),  # noqa: S611 (fixed text, no request value)
            _total=RawSQL(_TOTAL, ()),  # noqa: S611
        ).values_list(*KIT_FIELDS, "_parts", "_total")[offset : offset + limit]
    )
    return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)


def brand_list_page_plain(workspace_ids, *, offset: int, limit: int) -> tuple[list[tuple], int]:
    """brand_list_page for the kits of ``workspace_ids`` in the default order (name, id), with no
    filter or search: the same rows from a fixed statement."""
    with connection.cursor() as cursor:
        cursor.execute(_PLAIN_PAGE, [list(workspace_ids), limit, offset])
        rows = cursor.fetchall()
    return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)
