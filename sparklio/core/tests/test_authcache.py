"""Tokens and workspace roles come from the cache across requests, and every change that
matters reaches the next request at once: a revoked token, a deactivated user, a membership
removed or lowered, a workspace deleted."""

import pytest

from conftest import client_for, member
from sparklio.core import services
from sparklio.core.models import Membership, Role
from sparklio.core.tests.factories import WorkspaceFactory

ME = "/api/v1/auth/me/"
WORKSPACES = "/api/v1/workspaces/"

pytestmark = pytest.mark.django_db


def test_a_used_token_and_its_roles_cost_no_query_on_the_next_request(user, workspace, django_assert_num_queries):
    client = client_for(user)
    assert client.get(WORKSPACES).status_code == 200  # first use: token, roles, last_used
    with django_assert_num_queries(2):  # count and page only
        assert client.get(WORKSPACES).json()["count"] == 1


def test_a_revoked_token_is_refused_on_the_next_request(user, workspace):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    assert client.post("/api/v1/auth/logout/").status_code in (200, 204)
    assert client.get(ME).status_code == 401


def test_revoking_all_tokens_reaches_the_cache(user, workspace):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    services.token_revoke_all(user=user)
    assert client.get(ME).status_code == 401


def test_a_deactivated_user_is_refused_on_the_next_request(user, workspace):
    client = client_for(user)
    assert client.get(ME).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(ME).status_code == 401


def test_a_removed_member_loses_the_workspace_at_once(workspace):
    person = member(workspace, Role.EDITOR)
    client = client_for(person)
    assert client.get(f"{WORKSPACES}{workspace.pk}/").status_code == 200
    services.membership_remove(membership=Membership.objects.get(user=person, workspace=workspace))
    assert client.get(f"{WORKSPACES}{workspace.pk}/").status_code == 404
    assert client.get(WORKSPACES).json()["count"] == 0


def test_a_lowered_role_applies_at_once(workspace, user):
    person = member(workspace, Role.EDITOR)
    client = client_for(person)
    brand = {"workspace": workspace.pk, "name": "X1"}
    assert client.post("/api/v1/brands/", brand, format="json").status_code == 201
    services.membership_set(workspace=workspace, username=person.username, role=Role.VIEWER)
    assert client.post("/api/v1/brands/", {**brand, "name": "X2"}, format="json").status_code == 403


def test_a_new_membership_applies_at_once(user, workspace):
    client = client_for(user)
    assert client.get(WORKSPACES).json()["count"] == 1
    other = WorkspaceFactory()
    services.membership_set(workspace=other, username=user.username, role=Role.VIEWER)
    assert client.get(WORKSPACES).json()["count"] == 2


def test_a_deleted_workspace_is_gone_from_the_cached_roles(user, workspace):
    client = client_for(user)
    assert client.get(WORKSPACES).json()["count"] == 1
    services.workspace_delete(workspace=workspace)
    assert client.get(WORKSPACES).json()["count"] == 0


def test_the_cache_can_be_turned_off(user, workspace, settings, django_assert_num_queries):
    settings.AUTH_CACHE_SECONDS = 0
    client = client_for(user)
    client.get(WORKSPACES)
    with django_assert_num_queries(4):  # token, roles, count, page
        client.get(WORKSPACES)


def test_the_cache_holds_neither_the_token_nor_the_password_hash(user, workspace):
    from django.core.cache import cache

    from sparklio.core.authcache import _token_key

    client = client_for(user)
    assert client.get(ME).status_code == 200
    key = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    entry = repr(cache.get(_token_key(key)))
    assert key not in entry and user.password not in entry


def test_saving_a_cached_user_keeps_the_password(user, workspace):
    from sparklio.core.authcache import token_lookup

    key = services.token_issue(user=user).key
    hashed = user.password
    token_lookup(key)  # into the cache
    cached_user = token_lookup(key).user
    cached_user.first_name = "민지"
    cached_user.save()
    user.refresh_from_db()
    assert user.first_name == "민지"
    assert user.password == hashed  # the deferred hash was not overwritten
    assert token_lookup(key).user.first_name == "민지"  # the save dropped the stale entry


def test_the_cache_keeps_each_databases_users_apart(user, workspace, monkeypatch):
    """One Redis may serve two databases (parallel test workers, two deployments) whose user ids
    coincide: the roles cached for user 7 of one are never user 7's of the other (CI once served
    a document of another worker's workspace as a 404 for its owner)."""
    from django.db import connection

    from sparklio.core import authcache

    assert authcache.roles_of(user) == {workspace.pk: "owner"}  # cached for this database
    monkeypatch.setitem(connection.settings_dict, "NAME", connection.settings_dict["NAME"] + "_other")
    other = WorkspaceFactory()
    Membership.objects.filter(user=user).update(workspace=other)  # behind the signals' back
    assert authcache.roles_of(user) == {other.pk: "owner"}  # read from "the other database"
