"""Workspaces and memberships in the admin go through the API's services."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from meetings.models import Meeting
from sparklio.core.admin_display import money
from sparklio.core.models import Membership, Role, Workspace
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.llm.tests.test_api import ledger
from templates.models import Template
from templates.services import template_library_sync

pytestmark = pytest.mark.django_db


def staff_owner(workspace):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="core"))
    MembershipFactory(workspace=workspace, user=person, role=Role.OWNER)
    browser = Client()
    browser.force_login(person)
    return person, browser


def membership_form(workspace, rows: list[dict], new: list[dict] = ()) -> dict:
    memberships = list(workspace.memberships.order_by("id"))
    data = {
        "name": workspace.name,
        "memberships-TOTAL_FORMS": str(len(memberships) + len(new)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for n, (membership, row) in enumerate(zip(memberships, rows, strict=True)):
        data |= {f"memberships-{n}-id": str(membership.pk), f"memberships-{n}-workspace": str(workspace.pk)}
        data |= {f"memberships-{n}-{key}": value for key, value in row.items()}
    for n, row in enumerate(new, start=len(memberships)):
        data |= {f"memberships-{n}-id": "", f"memberships-{n}-workspace": str(workspace.pk)}
        data |= {f"memberships-{n}-{key}": value for key, value in row.items()}
    return data


def test_the_last_owner_cannot_be_removed_in_the_admin():
    workspace = WorkspaceFactory()
    owner, browser = staff_owner(workspace)
    response = browser.post(
        f"/admin/core/workspace/{workspace.pk}/change/",
        membership_form(workspace, [{"role": "owner", "DELETE": "on"}]),
    )
    assert response.status_code == 200
    assert "at least one owner" in str(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert Membership.objects.filter(workspace=workspace, user=owner, role=Role.OWNER).exists()


def test_the_last_owner_cannot_be_demoted_in_the_admin():
    workspace = WorkspaceFactory()
    owner, browser = staff_owner(workspace)
    response = browser.post(
        f"/admin/core/workspace/{workspace.pk}/change/", membership_form(workspace, [{"role": "editor"}])
    )
    assert response.status_code == 200
    assert Membership.objects.get(workspace=workspace, user=owner).role == Role.OWNER


def test_owners_add_re_role_and_remove_members_by_username():
    workspace = WorkspaceFactory()
    owner, browser = staff_owner(workspace)
    leaving = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    newcomer = UserFactory(username="newcomer")
    response = browser.post(
        f"/admin/core/workspace/{workspace.pk}/change/",
        membership_form(
            workspace,
            [{"role": "owner"}, {"role": "editor", "DELETE": "on"}],
            new=[{"username": "newcomer", "role": "viewer"}],
        ),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    roles = dict(workspace.memberships.values_list("user__username", "role"))
    assert roles == {owner.username: "owner", newcomer.username: "viewer"}
    assert leaving.username not in roles


def test_an_unknown_username_is_a_form_error():
    workspace = WorkspaceFactory()
    _, browser = staff_owner(workspace)
    response = browser.post(
        f"/admin/core/workspace/{workspace.pk}/change/",
        membership_form(workspace, [{"role": "owner"}], new=[{"username": "nobody", "role": "viewer"}]),
    )
    assert response.status_code == 200 and not Membership.objects.filter(user__username="nobody").exists()


def test_editors_cannot_change_members():
    workspace = WorkspaceFactory()
    staff_owner(workspace)
    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="core"))
    MembershipFactory(workspace=workspace, user=editor, role=Role.EDITOR)
    browser = Client()
    browser.force_login(editor)
    page = browser.get(f"/admin/core/workspace/{workspace.pk}/change/")
    assert page.status_code == 200 and not page.context["has_change_permission"]


def test_a_new_workspace_made_in_the_admin_has_its_maker_as_owner():
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="core"))
    browser = Client()
    browser.force_login(person)
    response = browser.post(
        "/admin/core/workspace/add/",
        {"name": "Fresh", **{f"memberships-{k}": v for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))}},
    )
    assert response.status_code == 302
    workspace = Workspace.objects.get(name="Fresh")
    assert workspace.memberships.get().user == person and workspace.memberships.get().role == Role.OWNER


def test_staff_cannot_grant_themselves_superuser():
    workspace = WorkspaceFactory()
    person, browser = staff_owner(workspace)
    page = browser.get(f"/admin/core/user/{person.pk}/change/")
    assert page.status_code == 200 and not page.context["has_change_permission"]
    browser.post(f"/admin/core/user/{person.pk}/change/", {"username": person.username, "is_superuser": "on"})
    person.refresh_from_db()
    assert not person.is_superuser


def test_the_site_is_titled_sparklio(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Sparklio" in page and "Django administration" not in page


def test_costs_read_as_money(admin_client, workspace):
    ledger(workspace, cost_usd=Decimal("0.0123"))
    assert "$0.0123" in admin_client.get("/admin/llm/llmcall/").content.decode()
    assert [money(v) for v in ("0", "12.5", "0.00001234", "1234.5")] == ["$0.00", "$12.50", "$0.000012", "$1,234.50"]


def test_templates_show_their_preview(admin_client):
    template_library_sync()
    template = Template.objects.first()
    page = admin_client.get(f"/admin/templates/template/{template.pk}/change/").content.decode()
    preview = f"/api/v1/templates/{template.pk}/preview/"
    assert f'src="{preview}' in page
    image = admin_client.get(preview)  # the admin's session is enough for the API's preview
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_meeting_decisions_and_action_items_are_tables(admin_client, workspace):
    meeting = Meeting.objects.create(
        workspace=workspace,
        title="주간 회의",
        meeting_date=datetime.date(2026, 12, 1),
        kind="text",
        text="x",
        status="ready",
        analysis={
            "decisions": [{"text": "인스타그램으로 광고", "sentence": 0}],
            "action_items": [{"task": "시안 준비", "owner": "민수", "due": "2026-12-04"}],
        },
    )
    page = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert "<th" in page and "시안 준비" in page and "민수" in page and "{&#x27;task" not in page
