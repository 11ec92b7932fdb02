import factory

from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo
from brands.tests.images import png_bytes
from sparklio.core.tests.factories import WorkspaceFactory

LOGO_PNG = png_bytes()


class BrandKitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandKit

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Brand {n}")
    language = "ko"
    tone_of_voice = "friendly"


class BrandColorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandColor

    brand = factory.SubFactory(BrandKitFactory)
    name = "Primary"
    hex = "#FF5A1F"
    role = "primary"


class BrandFontFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandFont

    brand = factory.SubFactory(BrandKitFactory)
    family = "Pretendard"
    role = "body"
    weights = factory.LazyFunction(lambda: [400, 700])


class BrandLogoFactory(factory.django.DjangoModelFactory):
    """A stored 40×20 PNG logo, not yet analysed."""

    class Meta:
        model = BrandLogo

    brand = factory.SubFactory(BrandKitFactory)
    file = factory.django.FileField(filename="logo.png", data=LOGO_PNG)
    original_name = "logo.png"
    content_type = "image/png"
    size_bytes = len(LOGO_PNG)
    width = 40
    height = 20
