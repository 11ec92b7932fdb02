"""The API tokens in the admin: listed by name, holder, scope and dates, never with their key;
revoked through the service; staff see the tokens of the people they share a workspace with
and revoke only their own, superusers see and revoke any."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from sparklio.core.models import ApiToken, Role
from sparklio.core.services import token_create
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:core_apitoken_changelist")


@pytest.fixture
def world():
    mine, theirs = WorkspaceFactory(name="Ours"), WorkspaceFactory(name="Secret Theirs")
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="core"))
    MembershipFactory(workspace=mine, user=staff, role=Role.OWNER)
    colleague = MembershipFactory(workspace=mine, user=UserFactory(username="colleague"), role=Role.EDITOR).user
    # the colleague also works in a workspace the staff member does not belong to
    MembershipFactory(workspace=theirs, user=colleague, role=Role.VIEWER)
    stranger = MembershipFactory(workspace=theirs, user=UserFactory(username="stranger"), role=Role.OWNER).user
    tokens = {
        "own": token_create(user=staff, name="staff laptop"),
        "colleague": token_create(user=colleague, name="colleague phone"),
        "stranger": token_create(user=stranger, name="stranger ci"),
    }
    browser = Client()
    browser.force_login(staff)
    return {"staff": staff, "tokens": tokens, "browser": browser}


def _listed(response) -> set[int]:
    return {token.pk for token in response.context["cl"].result_list}


def test_the_list_shows_name_holder_scope_and_dates_but_never_a_key(world):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(superuser)
    world["tokens"]["own"].last_used = world["tokens"]["own"].created
    world["tokens"]["own"].save(update_fields=["last_used"])
    page = browser.get(CHANGELIST)
    assert page.status_code == 200
    assert _listed(page) == {token.pk for token in world["tokens"].values()}
    html = page.content.decode()
    for header in ("Name", "User", "Scope", "Created", "Last used", "Expires"):
        assert header in html, header
    assert "colleague phone" in html and "Every workspace of colleague: Ours, Secret Theirs" in html
    for token in world["tokens"].values():
        assert token.key not in html
        detail = browser.get(reverse("admin:core_apitoken_change", args=[token.pk]))
        assert detail.status_code == 200 and token.key not in detail.content.decode()


def test_staff_see_their_colleagues_tokens_but_no_stranger_and_no_foreign_workspace(world):
    browser, tokens = world["browser"], world["tokens"]
    page = browser.get(CHANGELIST)
    assert _listed(page) == {tokens["own"].pk, tokens["colleague"].pk}
    html = page.content.decode()
    assert "stranger" not in html and "Secret Theirs" not in html
    assert browser.get(reverse("admin:core_apitoken_change", args=[tokens["stranger"].pk])).status_code in (302, 404)
    assert _listed(browser.get(CHANGELIST, {"q": "stranger"})) == set()


def test_tokens_are_not_added_or_edited_here(world):
    browser = world["browser"]
    assert browser.get(reverse("admin:core_apitoken_add")).status_code == 403
    page = browser.get(reverse("admin:core_apitoken_change", args=[world["tokens"]["own"].pk]))
    assert not page.context["has_change_permission"]


def _revoke(browser, *tokens):
    return browser.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [token.pk for token in tokens]}, follow=True
    )


def test_staff_revoke_their_own_token_with_the_action(world):
    browser, tokens = world["browser"], world["tokens"]
    page = browser.get(CHANGELIST)
    assert "delete_selected" not in page.content.decode()  # revoking goes through the service
    response = _revoke(browser, tokens["own"])
    assert response.status_code == 200
    assert "1 token revoked." in response.content.decode()
    assert not ApiToken.objects.filter(pk=tokens["own"].pk).exists()
    assert ApiToken.objects.filter(pk=tokens["colleague"].pk).exists()


def test_staff_cannot_revoke_a_colleagues_token(world):
    response = _revoke(world["browser"], world["tokens"]["colleague"], world["tokens"]["own"])
    assert response.status_code == 403
    assert ApiToken.objects.count() == 3


def test_a_superuser_revokes_anyones_token_and_it_stops_working(world, api_client):
    stranger = world["tokens"]["stranger"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {stranger.key}")
    assert api_client.get("/api/v1/auth/me/").status_code == 200
    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert _revoke(browser, stranger).status_code == 200
    assert api_client.get("/api/v1/auth/me/").status_code == 401
