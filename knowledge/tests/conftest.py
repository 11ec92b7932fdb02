import pytest

from brands.tests.factories import BrandKitFactory
from knowledge import services
from knowledge.models import Chunk, Source, SourceKind, SourceStatus
from sparklio.language.terms import search_terms
from sparklio.llm.gateway import gateway


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace)


def ready_source(workspace, passages: list[str], *, title="Notes", brand=None, language=None) -> Source:
    """A ready source whose chunks are ``passages``, embedded by the offline model in one batch
    (the same path as processing, without reading a file)."""
    source = Source.objects.create(
        workspace=workspace, brand=brand, title=title, kind=SourceKind.TEXT, status=SourceStatus.READY
    )
    result = gateway.embed(passages, input_type="passage", workspace_id=workspace.pk)
    Chunk.objects.bulk_create(
        [
            Chunk(
                workspace=workspace,
                source=source,
                brand=brand,
                index=index,
                text=text,
                language=language or ("ko" if any("가" <= c <= "힣" for c in text) else "en"),
                tokens=len(text.split()),
                embedding=vector,
                embedding_provider=result.provider,
                embedding_model=result.model,
                embedding_dim=result.dimensions,
                terms=" ".join(search_terms(services.passage_text(text, ""))),
            )
            for index, (text, vector) in enumerate(zip(passages, result.vectors, strict=True))
        ]
    )
    from knowledge.selectors import forget_models

    forget_models(workspace.pk)
    return source
