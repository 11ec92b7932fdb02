"""The learning admin: feedback and learned profiles of the user's workspaces only, read only,
and the relearn action."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from brands.tests.factories import BrandKitFactory
from learning import services
from learning.models import LearnedProfile
from learning.tests.factories import make_document
from sparklio.core.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_in(workspace, role="editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="learning"))
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


@pytest.fixture
def learned(user, workspace, other_workspace):
    ours, theirs = (
        BrandKitFactory(workspace=workspace, name="OurBrand"),
        BrandKitFactory(workspace=other_workspace, name="TheirBrand"),
    )
    for brand, text in ((ours, "우리 헤드라인"), (theirs, "남의 헤드라인")):
        document = make_document(brand.workspace, brand, ("headline", text))
        services.feedback_create(user=None, workspace_ids=[brand.workspace_id], rating=5, document_id=document.pk)
        services.brand_learn(brand)
    return ours, theirs


def test_lists_show_the_users_workspaces_only(client, workspace, learned):
    ours, theirs = learned
    client.force_login(staff_in(workspace))
    profiles = client.get(reverse("admin:learning_learnedprofile_changelist")).content.decode()
    assert "OurBrand" in profiles and "TheirBrand" not in profiles
    feedback = client.get(reverse("admin:learning_feedback_changelist")).content.decode()
    assert "OurBrand" in feedback and "TheirBrand" not in feedback
    their_profile = LearnedProfile.objects.get(brand=theirs)
    page = client.get(reverse("admin:learning_learnedprofile_change", args=[their_profile.pk]))
    assert page.status_code in (302, 404)


def test_the_change_page_shows_examples_and_relearn_runs_the_service(client, workspace, learned):
    ours, _ = learned
    profile = LearnedProfile.objects.get(brand=ours)
    LearnedProfile.objects.filter(pk=profile.pk).update(examples=[])
    client.force_login(staff_in(workspace))
    response = client.post(
        reverse("admin:learning_learnedprofile_changelist"),
        {"action": "relearn", "_selected_action": [profile.pk]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert [e["text"] for e in profile.examples] == ["우리 헤드라인"]
    page = client.get(reverse("admin:learning_learnedprofile_change", args=[profile.pk])).content.decode()
    assert "우리 헤드라인" in page
