"""Every admin page keeps workspaces apart: a staff member of workspace A, holding every model
permission there is, never sees, finds, picks or opens workspace B's rows. The pages are
found by walking the admin's registry, so a newly registered admin is covered (or this test
asks for a way to make its rows)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from agents.models import AgentRun, Workflow
from assets.models import Asset
from assets.tests.factories import AssetFactory
from brands.models import BrandKit
from brands.tests.factories import BrandKitFactory
from chat.models import ChatSession
from chat.tests.factories import ChatMessageFactory, ChatSessionFactory
from contentcalendar.models import CalendarEntry
from contentcalendar.tests.factories import CalendarEntryFactory
from documents.models import Document
from knowledge.models import Chunk, Source
from learning.models import Feedback, LearnedProfile
from meetings.models import Meeting
from performance.models import MetricRow, PerformanceImport
from performance.tests.factories import MetricRowFactory
from sparklio.core.admin_scoping import ScopedAdminMixin, SuperuserOnlyMixin
from sparklio.core.models import ApiToken, Role, User, Workspace
from sparklio.core.tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy
from templates.models import Template
from trends.models import Feed, FeedItem
from trends.tests.factories import FeedFactory, FeedItemFactory

pytestmark = pytest.mark.django_db

DOCUMENT = {"version": "2.0", "channel": "instagram_feed", "width": 1080, "height": 1080, "pages": []}


MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS")


def _source(ws, mark):
    source = Source.objects.create(workspace=ws, title=f"{mark} source", kind="text", status="ready")
    Chunk.objects.create(workspace=ws, source=source, index=0, text=f"{mark} passage", terms=mark)
    return source


def _workflow(ws, mark):
    return Workflow.objects.create(
        workspace=ws, brief=f"{mark} brief", channel="instagram_feed", brand=BrandKitFactory(workspace=ws)
    )


MAKERS = {
    Workspace: lambda ws, mark: ws,
    User: lambda ws, mark: MembershipFactory(workspace=ws, user=UserFactory(username=f"{mark}-member")).user,
    BrandKit: lambda ws, mark: BrandKitFactory(workspace=ws, name=f"{mark} brand"),
    Document: lambda ws, mark: Document.objects.create(workspace=ws, title=f"{mark} doc", content=DOCUMENT),
    Asset: lambda ws, mark: AssetFactory(workspace=ws, name=f"{mark} photo"),
    Source: _source,
    Template: lambda ws, mark: Template.objects.create(
        workspace=ws,
        name=f"{mark} template",
        slug=f"{mark}-template",
        channel="instagram_feed",
        category="promotion",
        skeleton=DOCUMENT,
    ),  # fmt: skip
    Workflow: _workflow,
    AgentRun: lambda ws, mark: AgentRun.objects.create(
        workspace=ws, workflow=_workflow(ws, mark), agent="copywriter", step=f"{mark}"
    ),
    ChatSession: lambda ws, mark: (
        ChatMessageFactory(
            session=ChatSessionFactory(brand=BrandKitFactory(workspace=ws), title=f"{mark} chat")
        ).session
    ),
    Meeting: lambda ws, mark: Meeting.objects.create(
        workspace=ws, title=f"{mark} meeting", meeting_date=datetime.date(2026, 12, 1), kind="text", text=f"{mark}"
    ),
    LLMCall: lambda ws, mark: LLMCall.objects.create(
        request_id=uuid.uuid4(),
        workspace=ws,
        purpose="smart",
        provider="openai",
        model=f"{mark}-model",
        outcome="ok",
        cost_usd=Decimal("0.0123"),
    ),  # fmt: skip
    WorkspaceLLMPolicy: lambda ws, mark: WorkspaceLLMPolicy.objects.create(workspace=ws),
    Feedback: lambda ws, mark: Feedback.objects.create(
        workspace=ws,
        brand=BrandKitFactory(workspace=ws, name=f"{mark} rated brand"),
        target="document",
        document=Document.objects.create(workspace=ws, title=f"{mark} rated doc", content=DOCUMENT),
        rating=5,
        comment=f"{mark} comment",
    ),
    LearnedProfile: lambda ws, mark: LearnedProfile.objects.create(
        workspace=ws, brand=BrandKitFactory(workspace=ws, name=f"{mark} learning brand")
    ),
    CalendarEntry: lambda ws, mark: CalendarEntryFactory(workspace=ws, title=f"{mark} post"),
    PerformanceImport: lambda ws, mark: PerformanceImport.objects.create(
        workspace=ws, original_name=f"{mark}.csv", layout="generic"
    ),
    MetricRow: lambda ws, mark: MetricRowFactory(workspace=ws, campaign=f"{mark} campaign", ad=f"{mark} ad"),
    Feed: lambda ws, mark: FeedFactory(workspace=ws, name=f"{mark} feed"),
    FeedItem: lambda ws, mark: FeedItemFactory(feed=FeedFactory(workspace=ws), title=f"{mark} item"),
    ApiToken: lambda ws, mark: ApiToken.objects.create(
        user=MembershipFactory(workspace=ws, user=UserFactory(username=f"{mark}-holder")).user,
        name=f"{mark} laptop",
        key=ApiToken.generate_key(),
    ),
}

SCOPED = sorted(
    (model for model, model_admin in admin.site._registry.items() if isinstance(model_admin, ScopedAdminMixin)),
    key=lambda model: model._meta.label,
)
SUPERUSER_ONLY = sorted(
    (model for model, model_admin in admin.site._registry.items() if isinstance(model_admin, SuperuserOnlyMixin)),
    key=lambda model: model._meta.label,
)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def world(db):
    """Workspace A with a staff owner who holds every permission, workspace B without them,
    and one row of every admin's model in each (its text fields marked zebra-a / zebra-b)."""
    mine, theirs = WorkspaceFactory(name="zebra-a space"), WorkspaceFactory(name="zebra-b space")
    staff = UserFactory(username="staff-a", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())
    MembershipFactory(workspace=mine, user=staff, role=Role.OWNER)
    MembershipFactory(workspace=theirs, user=UserFactory(username="zebra-b-owner"), role=Role.OWNER)
    rows = {model: (MAKERS[model](mine, "zebra-a"), MAKERS[model](theirs, "zebra-b")) for model in SCOPED}
    browser = Client()
    browser.force_login(staff)
    return {"mine": mine, "theirs": theirs, "staff": staff, "rows": rows, "browser": browser}


def test_every_admin_is_scoped_to_workspaces_or_left_to_superusers():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, (ScopedAdminMixin, SuperuserOnlyMixin)), model
    assert set(SCOPED) <= set(MAKERS), "give the new admin's model a maker above"
    assert {Group._meta.label for Group in SUPERUSER_ONLY} >= {"auth.Group", "axes.AccessAttempt"}


def _ids(response) -> set[int]:
    return {obj.pk for obj in response.context["cl"].result_list}


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_staff_see_find_and_open_only_their_workspace(world, model):
    browser = world["browser"]
    ours, theirs = world["rows"][model]

    listing = browser.get(url(model, "changelist"))
    assert listing.status_code == 200
    assert ours.pk in _ids(listing) and theirs.pk not in _ids(listing)
    assert b"zebra-b" not in listing.content  # nor in a filter's choices

    if admin.site._registry[model].search_fields:
        found = browser.get(url(model, "changelist"), {"q": "zebra"})
        assert ours.pk in _ids(found) and theirs.pk not in _ids(found), "search"

    popup = browser.get(url(model, "changelist"), {"_to_field": "id", "_popup": "1"})  # raw-id lookup
    assert theirs.pk not in _ids(popup)

    assert browser.get(url(model, "change", ours.pk)).status_code == 200
    for view in ("change", "delete", "history"):
        response = browser.get(url(model, view, theirs.pk))
        assert response.status_code in (302, 403, 404), view
        assert b"zebra-b" not in response.content, view


def _choices_leak(form, world) -> list[str]:
    """Foreign-key choices in a form that belong to workspace B."""
    leaks = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        theirs = world["rows"].get(queryset.model, (None, None))[1]
        if theirs is not None and queryset.filter(pk=theirs.pk).exists():
            leaks.append(name)
        if queryset.model is Workspace and queryset.filter(pk=world["theirs"].pk).exists():
            leaks.append(name)
    return leaks


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_add_and_change_forms_offer_nothing_of_another_workspace(world, model):
    browser = world["browser"]
    add = browser.get(url(model, "add"))
    if add.status_code == 200 and "adminform" in add.context:
        assert _choices_leak(add.context["adminform"].form, world) == []
    elif add.status_code == 200:  # the workflow start form
        assert _choices_leak(add.context["form"], world) == []
    ours = world["rows"][model][0]
    change = browser.get(url(model, "change", ours.pk))
    assert _choices_leak(change.context["adminform"].form, world) == []
    for formset in change.context["inline_admin_formsets"]:
        for form in formset.formset.forms:
            assert _choices_leak(form, world) == []


def test_autocompletes_answer_only_rows_of_the_users_workspaces(world):
    browser = world["browser"]
    checked = 0
    for source, source_admin in admin.site._registry.items():
        if not isinstance(source_admin, ScopedAdminMixin):
            continue
        for field in source._meta.get_fields():
            target_admin = admin.site._registry.get(getattr(field, "related_model", None))
            if not (field.many_to_one or field.one_to_one) or not field.concrete or target_admin is None:
                continue
            if not target_admin.search_fields:
                continue
            response = browser.get(
                reverse("admin:autocomplete"),
                {"app_label": source._meta.app_label, "model_name": source._meta.model_name, "field_name": field.name},
            )
            if response.status_code == 403:  # a target only superusers may see
                assert isinstance(target_admin, SuperuserOnlyMixin), (source, field.name)
                continue
            assert response.status_code == 200, (source, field.name)
            ids = {int(item["id"]) for item in response.json()["results"]}
            theirs = world["rows"][field.related_model][1]
            assert theirs.pk not in ids, (source, field.name)
            checked += 1
    assert checked >= 5


def test_staff_cannot_add_a_row_to_a_workspace_they_do_not_belong_to(world):
    response = world["browser"].post(
        url(BrandKit, "add"),
        {
            "workspace": world["theirs"].pk,
            "name": "Intruder",
            "language": "ko",
            **{f"{inline}-{key}": 0 for inline in ("colors", "fonts", "logos") for key in MANAGEMENT},
        },
    )
    assert response.status_code == 200
    assert "workspace" in response.context["adminform"].form.errors
    assert not BrandKit.objects.filter(name="Intruder").exists()


def test_a_viewer_reads_but_cannot_change(world):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.all())
    MembershipFactory(workspace=world["mine"], user=viewer, role=Role.VIEWER)
    browser = Client()
    browser.force_login(viewer)
    brand = world["rows"][BrandKit][0]
    page = browser.get(url(BrandKit, "change", brand.pk))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert browser.post(url(BrandKit, "delete", brand.pk), {"post": "yes"}).status_code == 403
    assert browser.get(url(BrandKit, "add")).status_code == 403


@pytest.mark.parametrize("model", SUPERUSER_ONLY, ids=lambda model: model._meta.label)
def test_admins_that_know_no_workspace_are_for_superusers_only(world, model):
    assert world["browser"].get(url(model, "changelist")).status_code == 403


def test_the_index_lists_no_superuser_only_app_to_staff(world):
    page = world["browser"].get(reverse("admin:index")).content.decode()
    assert "/admin/authtoken/" not in page and "/admin/axes/" not in page
    assert "/admin/brands/brandkit/" in page


def test_superusers_see_every_workspace(world):
    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in SCOPED:
        ours, theirs = world["rows"][model]
        assert {ours.pk, theirs.pk} <= _ids(browser.get(url(model, "changelist"))), model


def test_the_shared_template_library_is_shown_read_only(world):
    library = Template.objects.create(
        name="zebra library", slug="zebra-library", channel="instagram_feed", category="promotion", skeleton=DOCUMENT
    )
    browser = world["browser"]
    assert library.pk in _ids(browser.get(url(Template, "changelist")))
    page = browser.get(url(Template, "change", library.pk))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert browser.post(url(Template, "delete", library.pk), {"post": "yes"}).status_code == 403
