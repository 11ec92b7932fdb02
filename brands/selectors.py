from django.db.models import Prefetch, QuerySet

from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo


def brand_list() -> QuerySet[BrandKit]:
    """Brand kits with their colours, fonts and logos (scoped by the caller's workspaces in the view)."""
    return BrandKit.objects.prefetch_related(
        Prefetch("colors", queryset=BrandColor.objects.order_by("position", "id")),
        Prefetch("fonts", queryset=BrandFont.objects.order_by("position", "id")),
        Prefetch("logos", queryset=BrandLogo.objects.order_by("id")),
    )
