import pytest


@pytest.fixture(autouse=True)
def _template_library(request):
    """Transactional tests start from a flushed database: put the template library (which a
    data migration loads in real databases) back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from templates.services import template_library_sync

    template_library_sync()
