"""manage.py backup / restore (issue 14, item 6): a real pg_dump and a real restore into an emptied
database, then every row and file is looked for."""

import io
import json
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from PIL import Image

from brands.models import BrandLogo
from brands.tests.factories import BrandKitFactory
from documents import services as documents
from documents.models import Document, DocumentVersion
from documents.tests.test_api import ad
from ops import backups
from sparklio.core.models import User, Workspace
from sparklio.core.tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from sparklio.llm.models import LLMCall

pytestmark = pytest.mark.django_db(transaction=True)


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 24), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _make_data():
    user = UserFactory(username="restore-owner")
    workspace = WorkspaceFactory(name="복원 작업공간")
    MembershipFactory(workspace=workspace, user=user, role="owner")
    brand = BrandKitFactory(workspace=workspace, name="X1 브랜드")
    logo = BrandLogo(brand=brand, content_type="image/png", size_bytes=0, width=24, height=24)
    logo.file.save("logo.png", ContentFile(_png("#C6F432")))
    document = documents.document_create(workspace=workspace, user=user, content=ad(), brand=brand)
    changed = ad()
    changed["pages"][0]["objects"][1]["text"] = "두 번째 버전"
    document = documents.document_update(document=document, user=user, content=changed, base_version=1)
    for i, provider in enumerate(["openai", "anthropic", "offline"]):
        LLMCall.objects.create(
            request_id=uuid.uuid4(),
            correlation_id=f"req-backup-{i:04d}",
            workspace=workspace,
            user=user,
            purpose="fast",
            provider=provider,
            model="m",
            outcome="ok",
            input_tokens=100 + i,
            cost_usd=Decimal("0.00012345"),
        )
    default_storage.save("exports/2026/설명서.txt", ContentFile("한국어 파일".encode()))
    return user, workspace, brand, logo, document


def _snapshot() -> dict:
    """Every row of every model, by table, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows[model._meta.db_table] = sorted(
            json.dumps(row, sort_keys=True, default=str) for row in model.objects.values()
        )
    return rows


def _media() -> dict:
    return {name: default_storage.open(name).read() for name in backups._media_names(default_storage)}


def _empty_the_database():
    """What `createdb` gives: no tables at all."""
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    connection.close()


@pytest.fixture
def schema_guard():
    """Should a test fail with the schema dropped, put the tables back for the tests after it."""
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        tables = cursor.fetchone()[0]
    if tables == 0:
        call_command("migrate", verbosity=0)


def test_backup_then_restore_into_an_empty_database_finds_every_row_and_file(tmp_path, settings, schema_guard):
    user, workspace, brand, logo, document = _make_data()
    before_rows, before_media = _snapshot(), _media()
    assert DocumentVersion.objects.filter(document=document).count() == 2 and len(before_media) == 2

    out = tmp_path / "backup"
    call_command("backup", out=out, verbosity=0)

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == "sparklio-backup"
    assert manifest["database"]["tables"]["llm_llmcall"] == 3
    assert manifest["database"]["tables"]["documents_documentversion"] == 2
    assert manifest["media"]["files"] == 2 and {e["name"] for e in manifest["media"]["entries"]} == set(before_media)
    assert manifest["versions"]["postgresql_server"].startswith("16")
    latest = max(name for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if app == "llm")
    assert manifest["migrations"]["llm"] == latest

    _empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"  # and an empty storage
    assert _media() == {}

    call_command("restore", str(out), verbosity=0)

    assert _snapshot() == before_rows
    assert _media() == before_media
    restored = Document.objects.get(pk=document.pk)
    assert restored.version == 2 and list(restored.versions.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
    ]
    assert sorted(LLMCall.objects.values_list("correlation_id", flat=True)) == [
        "req-backup-0000",
        "req-backup-0001",
        "req-backup-0002",
    ]
    assert BrandLogo.objects.get(pk=logo.pk).file.read() == before_media[logo.file.name]
    # sequences came back too: a new row does not collide with a restored one
    assert Workspace.objects.create(name="after").pk > workspace.pk
    assert User.objects.get(username="restore-owner").check_password(PASSWORD)


def test_restore_into_a_database_with_data_needs_force(tmp_path, schema_guard):
    _make_data()
    out = tmp_path / "backup"
    call_command("backup", out=out, verbosity=0)
    UserFactory(username="made-after-the-backup")

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(out), verbosity=0)
    assert User.objects.filter(username="made-after-the-backup").exists()  # nothing changed

    call_command("restore", str(out), force=True, verbosity=0)
    assert not User.objects.filter(username="made-after-the-backup").exists()
    assert User.objects.filter(username="restore-owner").exists()


@pytest.mark.parametrize(
    "damage", ["no_manifest", "not_json", "other_format", "dump_changed", "file_missing", "escape"]
)
def test_a_folder_that_is_not_an_intact_backup_is_refused_and_nothing_changes(tmp_path, damage):
    _make_data()
    out = tmp_path / "backup"
    call_command("backup", out=out, verbosity=0)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if damage == "no_manifest":
        manifest_path.unlink()
    elif damage == "not_json":
        manifest_path.write_text("{not json")
    elif damage == "other_format":
        manifest_path.write_text(json.dumps({**manifest, "format": "something-else"}))
    elif damage == "dump_changed":
        with (out / "database.dump").open("ab") as handle:
            handle.write(b"tampered")
    elif damage == "file_missing":
        (out / "media" / manifest["media"]["entries"][0]["name"]).unlink()
    elif damage == "escape":
        manifest["media"]["entries"][0]["name"] = "../../etc/evil"
        manifest_path.write_text(json.dumps(manifest))
    before = _snapshot()

    with pytest.raises(CommandError) as error:
        call_command("restore", str(out), force=True, verbosity=0)

    assert str(out) in str(error.value) or "media" in str(error.value) or "dump" in str(error.value)
    assert _snapshot() == before


def test_an_unrelated_folder_is_not_a_backup(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="is not a Sparklio backup"):
        call_command("restore", str(tmp_path), verbosity=0)


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "something").write_text("x")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("backup", out=tmp_path, verbosity=0)
