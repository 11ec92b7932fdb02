"""The performance admin shows imports and rows of the user's workspaces only, read only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from performance.models import PerformanceImport
from performance.tests.factories import MetricRowFactory
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def staff_in(workspace, role="editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="performance"))
    MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def test_rows_and_imports_of_the_users_workspaces_only(client, workspace):
    MetricRowFactory(workspace=workspace, campaign="Our winter sale")
    other = WorkspaceFactory()
    MetricRowFactory(workspace=other, campaign="Their secret launch")
    PerformanceImport.objects.create(workspace=workspace, layout="meta", original_name="ours.csv")
    theirs = PerformanceImport.objects.create(workspace=other, layout="meta", original_name="theirs.csv")
    client.force_login(staff_in(workspace))

    rows = client.get(reverse("admin:performance_metricrow_changelist")).content.decode()
    assert "Our winter sale" in rows and "Their secret launch" not in rows
    imports = client.get(reverse("admin:performance_performanceimport_changelist")).content.decode()
    assert "ours.csv" in imports and "theirs.csv" not in imports
    assert client.get(reverse("admin:performance_performanceimport_change", args=[theirs.pk])).status_code in (302, 404)


def test_nothing_is_added_or_edited_in_the_admin(client, workspace):
    row = MetricRowFactory(workspace=workspace)
    client.force_login(staff_in(workspace, role="owner"))
    assert client.get(reverse("admin:performance_metricrow_add")).status_code == 403
    page = client.get(reverse("admin:performance_metricrow_change", args=[row.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
