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


# A list page's kits in one query: each kit's colours, fonts and logos as JSON arrays built by
# correlated subqueries, and the number of kits the filters leave (COUNT(*) OVER (), computed
# before LIMIT) on every row. The SQL is fixed text (table names from the models, no request
# value in it); filters, search and ordering stay the queryset's own, compiled with parameters.
_KIT = BrandKit._meta.db_table
_COLORS = RawSQL(  # noqa: S611 (fixed text, no request value)
    f"COALESCE((SELECT json_agg(json_build_object('name', c.name, 'hex', c.hex, 'role', c.role)"  # noqa: S608
    f" ORDER BY c.position, c.id) FROM {BrandColor._meta.db_table} c WHERE c.brand_id = {_KIT}.id), '[]'::json)",
    (),
)
_FONTS = RawSQL(  # noqa: S611 (fixed text, no request value)
    "COALESCE((SELECT json_agg(json_build_object('family', f.family, 'role', f.role, 'weights', f.weights)"  # noqa: S608
    f" ORDER BY f.position, f.id) FROM {BrandFont._meta.db_table} f WHERE f.brand_id = {_KIT}.id), '[]'::json)",
    (),
)
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
_LOGOS = RawSQL(  # noqa: S611 (fixed text, no request value)
    f"COALESCE((SELECT json_agg(json_build_array({', '.join('l.' + f for f in LOGO_FIELDS)}) ORDER BY l.id)"  # noqa: S608
    f" FROM {BrandLogo._meta.db_table} l WHERE l.brand_id = {_KIT}.id), '[]'::json)",
    (),
)
_TOTAL = RawSQL("COUNT(*) OVER ()", ())
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


def brand_list_page(queryset: QuerySet[BrandKit], *, offset: int, limit: int) -> tuple[list[tuple], int]:
    """One page of ``queryset`` (already scoped, filtered and ordered) and how many kits it holds
    in all, in one round trip: tuples of KIT_FIELDS then colours, fonts and logos (lists; a logo
    is a list of LOGO_FIELDS) and the total. No rows: the total is unknown past the end (0)."""
    rows = list(
        queryset.annotate(_colors=_COLORS, _fonts=_FONTS, _logos=_LOGOS, _total=_TOTAL).values_list(
            *KIT_FIELDS, "_colors", "_fonts", "_logos", "_total"
        )[offset : offset + limit]
    )
    return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)
