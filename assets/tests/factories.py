import factory

from assets.models import Asset
from assets.tests.pictures import small
from sparklio.core.tests.factories import WorkspaceFactory

PICTURE = small()


class AssetFactory(factory.django.DjangoModelFactory):
    """A stored 64×48 PNG asset."""

    class Meta:
        model = Asset

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.django.FileField(filename="photo.png", data=PICTURE)
    original_name = "photo.png"
    content_type = "image/png"
    size_bytes = len(PICTURE)
    width = 64
    height = 48
