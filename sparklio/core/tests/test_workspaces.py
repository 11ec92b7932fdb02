import pytest

from conftest import client_for, member
from sparklio.core.models import Membership, Workspace
from sparklio.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_creator_becomes_owner(owner_client, user):
    response = owner_client.post("/api/v1/workspaces/", {"name": "Launch team"})
    assert response.status_code == 201
    body = response.json()
    assert body["role"] == "owner"
    assert Membership.objects.get(workspace_id=body["id"], user=user).role == "owner"


def test_list_shows_only_my_workspaces_with_my_role(owner_client, workspace, other_workspace):
    viewer_ws = Workspace.objects.create(name="Shared")
    Membership.objects.create(workspace=viewer_ws, user=workspace.memberships.get().user, role="viewer")
    body = owner_client.get("/api/v1/workspaces/").json()
    roles = {item["id"]: item["role"] for item in body["results"]}
    assert roles == {workspace.id: "owner", viewer_ws.id: "viewer"}
    assert body["count"] == 2


def test_search_and_pagination(owner_client, user):
    for name in ["Alpha", "Beta", "Alphabet"]:
        owner_client.post("/api/v1/workspaces/", {"name": name})
    body = owner_client.get("/api/v1/workspaces/?search=alpha&page_size=1").json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"] is not None


def test_other_workspace_is_404_not_403(owner_client, other_workspace):
    for method, url in [
        ("get", f"/api/v1/workspaces/{other_workspace.id}/"),
        ("patch", f"/api/v1/workspaces/{other_workspace.id}/"),
        ("delete", f"/api/v1/workspaces/{other_workspace.id}/"),
        ("get", f"/api/v1/workspaces/{other_workspace.id}/members/"),
        ("post", f"/api/v1/workspaces/{other_workspace.id}/members/"),
    ]:
        response = getattr(owner_client, method)(url, {"name": "x", "username": "x", "role": "viewer"})
        assert response.status_code == 404, (method, url)
        assert other_workspace.name not in response.content.decode()
    assert Workspace.objects.get(pk=other_workspace.pk).name == other_workspace.name


def test_owner_adds_member_and_changes_role(owner_client, workspace):
    newcomer = UserFactory()
    added = owner_client.post(
        f"/api/v1/workspaces/{workspace.id}/members/", {"username": newcomer.username, "role": "editor"}
    )
    assert added.status_code == 201
    assert added.json()["role"] == "editor"
    changed = owner_client.post(
        f"/api/v1/workspaces/{workspace.id}/members/", {"username": newcomer.username, "role": "viewer"}
    )
    assert changed.status_code == 200
    assert Membership.objects.get(workspace=workspace, user=newcomer).role == "viewer"
    members = owner_client.get(f"/api/v1/workspaces/{workspace.id}/members/").json()["results"]
    assert {m["user"]["username"]: m["role"] for m in members}[newcomer.username] == "viewer"


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_owners_manage_members_and_workspace(workspace, role):
    client = client_for(member(workspace, role))
    newcomer = UserFactory()
    response = client.post(
        f"/api/v1/workspaces/{workspace.id}/members/", {"username": newcomer.username, "role": "viewer"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=newcomer).exists()
    assert client.patch(f"/api/v1/workspaces/{workspace.id}/", {"name": "Renamed"}).status_code == 403
    assert client.delete(f"/api/v1/workspaces/{workspace.id}/").status_code == 403
    assert client.get(f"/api/v1/workspaces/{workspace.id}/").status_code == 200
    assert Workspace.objects.get(pk=workspace.pk).name != "Renamed"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "ghost", "role": "viewer"}, "username"),
        ({"username": "__SELF__", "role": "admin"}, "role"),
        ({"role": "viewer"}, "username"),
    ],
)
def test_bad_member_input_names_the_field(owner_client, workspace, payload, field):
    newcomer = UserFactory()
    payload = {k: (newcomer.username if v == "__SELF__" else v) for k, v in payload.items()}
    response = owner_client.post(f"/api/v1/workspaces/{workspace.id}/members/", payload)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert workspace.memberships.count() == 1


def test_last_owner_cannot_leave_or_be_demoted(owner_client, workspace, user):
    demote = owner_client.post(
        f"/api/v1/workspaces/{workspace.id}/members/", {"username": user.username, "role": "viewer"}
    )
    assert demote.status_code == 400
    assert "role" in demote.json()["errors"]
    remove = owner_client.delete(f"/api/v1/workspaces/{workspace.id}/members/{user.id}/")
    assert remove.status_code == 400
    assert Membership.objects.get(workspace=workspace, user=user).role == "owner"


def test_owner_removes_member(owner_client, workspace):
    leaving = member(workspace, "editor")
    assert owner_client.delete(f"/api/v1/workspaces/{workspace.id}/members/{leaving.id}/").status_code == 204
    assert not Membership.objects.filter(workspace=workspace, user=leaving).exists()
    assert client_for(leaving).get(f"/api/v1/workspaces/{workspace.id}/").status_code == 404


def test_owner_renames_and_deletes(owner_client, workspace):
    assert owner_client.patch(f"/api/v1/workspaces/{workspace.id}/", {"name": "Renamed"}).json()["name"] == "Renamed"
    assert owner_client.patch(f"/api/v1/workspaces/{workspace.id}/", {"name": ""}).status_code == 400
    assert owner_client.delete(f"/api/v1/workspaces/{workspace.id}/").status_code == 204
    assert not Workspace.objects.filter(pk=workspace.pk).exists()


def test_list_query_count_does_not_grow(owner_client, user, django_assert_num_queries):
    for i in range(3):
        owner_client.post("/api/v1/workspaces/", {"name": f"W{i}"})
    # count, page (the token and the roles come from the cache once the token has been used)
    with django_assert_num_queries(2):
        assert owner_client.get("/api/v1/workspaces/").status_code == 200
    for i in range(5):
        owner_client.post("/api/v1/workspaces/", {"name": f"X{i}"})
    with django_assert_num_queries(2):
        owner_client.get("/api/v1/workspaces/")
