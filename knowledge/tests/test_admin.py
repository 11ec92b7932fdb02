"""The knowledge admin: sources with status, chunk count and language, a preview of chunks, and
the re-index and delete actions, through the services and within the user's workspaces."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from knowledge.models import Chunk, Source
from knowledge.tests.conftest import ready_source
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:knowledge_source_changelist")


def staff_in(workspace, role="editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="knowledge"))
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def test_the_list_shows_status_chunks_and_language_of_the_users_workspaces_only(client, workspace):
    ready_source(workspace, ["Battery: 8 hours.", "Case: 24 hours."], title="X1 sheet")
    ready_source(WorkspaceFactory(), ["Secret plans."], title="Other workspace's notes")
    client.force_login(staff_in(workspace))

    page = client.get(CHANGELIST).content.decode()

    assert "X1 sheet" in page and "Other workspace" not in page
    assert ">2<" in page  # the chunk count column
    assert "Ready" in page


def test_the_change_page_previews_the_chunks(client, workspace):
    source = ready_source(workspace, ["The X1 case charges over USB-C in 90 minutes."], title="X1 sheet")
    client.force_login(staff_in(workspace))

    page = client.get(reverse("admin:knowledge_source_change", args=[source.pk])).content.decode()

    assert "The X1 case charges over USB-C in 90 minutes." in page
    assert "offline/multilingual-e5-small (384)" in page


def test_reindex_action_embeds_again_and_delete_removes_chunks(client, workspace, settings):
    source = ready_source(workspace, ["Battery: 8 hours."], title="X1 sheet")
    Chunk.objects.filter(source=source).update(embedding_model="old-model")
    client.force_login(staff_in(workspace))

    response = client.post(CHANGELIST, {"action": "reindex", "_selected_action": [source.pk]}, follow=True)
    assert "1 chunk re-embedded." in response.content.decode()
    assert Chunk.objects.get(source=source).embedding_model == "multilingual-e5-small"

    with_confirmation = {"action": "delete_selected", "_selected_action": [source.pk], "post": "yes"}
    client.post(CHANGELIST, with_confirmation, follow=True)
    assert not Source.objects.exists() and not Chunk.objects.exists()


def test_a_viewer_cannot_reindex(client, workspace):
    source = ready_source(workspace, ["Battery: 8 hours."])
    Chunk.objects.filter(source=source).update(embedding_model="old-model")
    client.force_login(staff_in(workspace, role="viewer"))

    client.post(CHANGELIST, {"action": "reindex", "_selected_action": [source.pk]}, follow=True)

    assert Chunk.objects.get(source=source).embedding_model == "old-model"
