"""The Korean catalog is complete: every string of the project marked for translation is in
``locale/ko/LC_MESSAGES/django.po``, translated and not fuzzy (what ``makemessages`` would find
is already there); and a Korean browser meets it on admin pages and in API errors."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from sparklio.core.models import ApiToken
from sparklio.core.services import token_create
from sparklio.core.tests.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po"
KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
HANGUL = re.compile(r"[가-힣]")


def _msgattrib(po: Path, flag: str) -> list[str]:
    """The msgids msgattrib selects with ``flag`` (--untranslated, --only-fuzzy)."""
    out = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True).stdout
    return [msgid for msgid in re.findall(r'^msgid "(.*)"$', out, flags=re.M) if msgid]


@pytest.fixture
def fresh_catalog(tmp_path, monkeypatch, settings):
    """The catalog as ``makemessages -l ko`` leaves it, made in a copy of the project's tree
    (its folders linked, its locale copied) so the working tree is never written."""
    for entry in ROOT.iterdir():
        if entry.name not in {"locale"} and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    target = tmp_path / "locale" / "ko" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(PO.read_bytes())
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["ko"], no_location=True, symlinks=True, verbosity=0)
    return target / "django.po"


GETTEXT = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgattrib") is None,
    reason="GNU gettext (xgettext, msgattrib) is not installed on this machine",
)


@GETTEXT
def test_makemessages_finds_nothing_new_and_every_entry_is_translated(fresh_catalog):
    assert _msgattrib(fresh_catalog, "--untranslated") == [], "translate these in locale/ko/LC_MESSAGES/django.po"
    assert _msgattrib(fresh_catalog, "--only-fuzzy") == [], "check these translations and drop their fuzzy flag"
    found = set(re.findall(r'^msgid "(.+)"$', fresh_catalog.read_text(encoding="utf-8"), flags=re.M))
    committed = set(re.findall(r'^msgid "(.+)"$', PO.read_text(encoding="utf-8"), flags=re.M))
    assert found <= committed, f"run makemessages -l ko --no-location: new {sorted(found - committed)[:5]}"


@GETTEXT
def test_the_committed_catalog_has_no_fuzzy_or_untranslated_entry():
    assert _msgattrib(PO, "--untranslated") == []
    assert _msgattrib(PO, "--only-fuzzy") == []


@pytest.mark.django_db
def test_the_token_admin_and_model_names_speak_korean():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    token_create(user=superuser, name="laptop")
    browser = Client()
    browser.force_login(superuser)
    tokens = browser.get("/admin/core/apitoken/", **KO).content.decode()
    assert "API 토큰" in tokens and "만료" in tokens and "선택한 토큰 폐기" in tokens
    assert "Expires" not in tokens
    index = browser.get("/admin/", **KO).content.decode()
    assert "브랜드 키트" in index and "워크플로" in index and "회의" in index
    revoked = browser.post(
        "/admin/core/apitoken/",
        {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]},
        follow=True,
        **KO,
    )
    assert "토큰 1개를 폐기했습니다." in revoked.content.decode()


@pytest.mark.django_db
def test_strict_input_errors_speak_korean(owner_client, workspace):
    def post(body, **headers):
        return owner_client.generic(
            "POST", "/api/v1/chat/sessions/", json.dumps(body), content_type="application/json", **headers
        )

    unknown = post({"workspace": workspace.pk, "colour": "red"}, **KO).json()["errors"]["colour"][0]
    assert unknown.startswith("알 수 없는 필드") and "workspace" in unknown
    wrong = post({"workspace": workspace.pk, "title": 5}, **KO).json()["errors"]["title"][0]
    assert HANGUL.search(wrong) and "JSON" in wrong
    assert post({"workspace": workspace.pk, "title": 5}).json()["errors"]["title"] == [
        "Must be a JSON string, not integer."
    ]
    empty = owner_client.get("/api/v1/brands/?workspace=", **KO).json()["errors"]["workspace"][0]
    assert HANGUL.search(empty)
