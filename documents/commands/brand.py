"""The brand: its palette and fonts, and the colours a text would wear."""

from __future__ import annotations

from dataclasses import dataclass

from brands.models import BrandKit
from documents.schema import Role

# --- the brand ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Palette:
    colors: dict[str, str]  # colour role → #RRGGBB, the first of each role
    fonts: dict[str, tuple[str, tuple[int, ...]]]  # font role → (family, weights)

    @classmethod
    def of(cls, brand: BrandKit | None) -> _Palette:
        colors: dict[str, str] = {}
        fonts: dict[str, tuple[str, tuple[int, ...]]] = {}
        if brand is not None:
            for color in brand.colors.all():
                colors.setdefault(color.role, color.hex.upper())
            for font in brand.fonts.all():
                fonts.setdefault(font.role, (font.family, tuple(font.weights)))
        return cls(colors, fonts)

    def color(self, *roles: str) -> str | None:
        return next((self.colors[r] for r in roles if r in self.colors), None)

    def font(self, *roles: str) -> tuple[str, tuple[int, ...]] | None:
        return next((self.fonts[r] for r in roles if r in self.fonts), None)

    def font_for(self, role: str) -> tuple[str, tuple[int, ...]] | None:
        """Heading roles get the heading font, the subheadline a subheading font, the rest the body font."""
        if role in HEADING_ROLES:
            return self.font("heading", "display", "subheading")
        if role == Role.SUBHEADLINE:
            return self.font("subheading", "heading", "display")
        return self.font("body")


HEADING_ROLES = {Role.HEADLINE, Role.PRODUCT_NAME, Role.BRAND_NAME, Role.TAGLINE, Role.SLOGAN}
BACKDROP_ROLES = {Role.BACKGROUND_SHAPE, Role.BACKGROUND_IMAGE, Role.OVERLAY, Role.PATTERN, Role.FRAME}


def _text_colors(palette: _Palette, role: str, in_button: bool) -> list[str | None]:
    """Brand colours a text would wear, most fitting first."""
    if in_button or role == Role.CTA:
        preferred = [palette.color("background"), palette.color("text")]
    elif role in HEADING_ROLES:
        preferred = [palette.color("primary"), palette.color("text")]
    elif role == Role.SUBHEADLINE:
        preferred = [palette.color("secondary"), palette.color("primary"), palette.color("text")]
    elif role in {Role.PRICE, Role.DISCOUNT_BADGE}:
        preferred = [palette.color("accent"), palette.color("primary"), palette.color("text")]
    else:
        preferred = [palette.color("text")]
    return preferred + list(palette.colors.values())
