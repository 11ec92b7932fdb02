from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch, QuerySet
from django.db.models.functions import JSONObject

from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo


def brand_list() -> QuerySet[BrandKit]:
    """Brand kits with their colours, fonts and logos (scoped by the caller's workspaces in the view)."""
    return BrandKit.objects.prefetch_related(
        Prefetch("colors", queryset=BrandColor.objects.order_by("position", "id")),
        Prefetch("fonts", queryset=BrandFont.objects.order_by("position", "id")),
        Prefetch("logos", queryset=BrandLogo.objects.order_by("id")),
    )


def brand_list_rows() -> QuerySet[BrandKit]:
    """Brand kits for a list page: colours and fonts come inside the page's own query, as JSON
    arrays (``colors_json``, ``fonts_json``), instead of two more queries and a model object per
    colour and font; logos (few, and with signed URLs) are prefetched."""
    colors = BrandColor.objects.filter(brand=OuterRef("pk")).order_by("position", "id")
    fonts = BrandFont.objects.filter(brand=OuterRef("pk")).order_by("position", "id")
    return BrandKit.objects.annotate(
        colors_json=ArraySubquery(colors.values(json=JSONObject(name="name", hex="hex", role="role"))),
        fonts_json=ArraySubquery(fonts.values(json=JSONObject(family="family", role="role", weights="weights"))),
    ).prefetch_related(Prefetch("logos", queryset=BrandLogo.objects.order_by("id")))
