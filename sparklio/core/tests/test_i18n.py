"""The admin and the API answer a Korean browser in Korean, everyone else in English."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from agents.models import Workflow
from brands.tests.factories import BrandKitFactory
from sparklio.core.tests.factories import UserFactory

KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.5"}
HANGUL = re.compile(r"[가-힣]")
PO = Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def po_entries(path: Path) -> dict:
    """{msgid: msgstr} and {(msgid, n): msgstr} for plurals, as gettext's catalog keys them."""
    entries, current, key = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in current and current["msgid"]:
                if "msgid_plural" in current:
                    entries |= {(current["msgid"], n): v for n, v in current["plurals"].items()}
                else:
                    entries[current["msgid"]] = current["msgstr"]
            current, key = {}, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$', line)
        if match:
            key = match.group(1)
            value = ast.literal_eval(match.group(3))
            if match.group(2) is not None:
                current.setdefault("plurals", {})[int(match.group(2))] = value
                key = ("plurals", int(match.group(2)))
            else:
                current[key] = value
        else:
            value = ast.literal_eval(line)
            if isinstance(key, tuple):
                current["plurals"][key[1]] += value
            else:
                current[key] += value
    return entries


def test_the_committed_mo_matches_the_po_and_every_message_is_translated():
    entries = po_entries(PO)
    with open(PO.with_suffix(".mo"), "rb") as compiled:
        catalog = {k: v for k, v in gettext.GNUTranslations(compiled)._catalog.items() if k != ""}
    assert catalog == entries, "run: python manage.py compilemessages"
    for msgid, msgstr in entries.items():
        original = msgid[0] if isinstance(msgid, tuple) else msgid
        assert msgstr, f"untranslated: {original}"
        assert sorted(re.findall(r"%\(\w+\)\w", msgstr)) == sorted(re.findall(r"%\(\w+\)\w", original)), original


@pytest.mark.django_db
def test_api_errors_speak_korean_to_a_korean_browser(api_client, owner_client, workspace):
    missing = owner_client.get("/api/v1/brands/999999/", **KO)
    assert missing.status_code == 404 and missing.json() == {"detail": "찾을 수 없습니다.", "code": "not_found"}
    assert owner_client.get("/api/v1/brands/999999/").json()["detail"] == "Not found."

    brand = BrandKitFactory(workspace=workspace)
    refused = owner_client.post("/api/v1/workflows/", {"brief": " ", "brand": brand.pk}, format="json", **KO)
    assert refused.status_code == 400
    assert refused.json()["errors"]["brief"] == ["무엇을 만들지 적어 주세요 (브리프가 비어 있습니다)."]
    english = owner_client.post("/api/v1/workflows/", {"brief": " ", "brand": brand.pk}, format="json")
    assert english.json()["errors"]["brief"] == ["Write what you want made (the brief is empty)."]

    anonymous = api_client.get("/api/v1/brands/", **KO)
    assert anonymous.status_code == 401 and HANGUL.search(anonymous.json()["detail"])
    assert not HANGUL.search(api_client.get("/api/v1/brands/").json()["detail"])

    unknown = owner_client.get("/api/v1/no-such-thing/", **KO)
    assert unknown.status_code == 404 and unknown.json()["detail"] == "찾을 수 없습니다."


@pytest.mark.django_db
def test_the_admin_speaks_korean_to_a_korean_browser():
    login = Client().get("/admin/login/", **KO)
    html = login.content.decode()
    assert 'lang="ko"' in html and "Sparklio 관리" in html and "비밀번호" in html
    assert "Sparklio administration" in Client().get("/admin/login/").content.decode()

    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True))
    index = browser.get("/admin/", **KO).content.decode()
    assert "계정과 워크스페이스" in index and "에이전트와 워크플로" in index
    assert "비용 보고서" in browser.get("/admin/llm/llmcall/", **KO).content.decode()
    start = browser.get("/admin/agents/workflow/add/", **KO).content.decode()
    assert "워크플로 시작" in start and "브랜드 키트" in start
    brand = BrandKitFactory()
    Workflow.objects.create(workspace=brand.workspace, brand=brand, brief="x", channel="instagram_feed")
    assert "같은 브리프로 다시 시작" in browser.get("/admin/agents/workflow/", **KO).content.decode()


def column_headers(html: str) -> list[str]:
    """The text of a changelist's column headers, in order (the selection checkbox column has none)."""
    thead = re.search(r'<table id="result_list">\s*<thead>(.*?)</thead>', html, flags=re.S).group(1)
    cells = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', thead, flags=re.S)
    texts = [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in cells]
    return [text for text in texts if text]


@pytest.mark.django_db
def test_a_korean_browser_sees_the_field_labels_in_korean():
    from knowledge.models import Source

    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True))
    brand = BrandKitFactory(tone_of_voice="친근하게")
    Workflow.objects.create(workspace=brand.workspace, brand=brand, brief="x", channel="instagram_feed")
    Source.objects.create(workspace=brand.workspace, brand=brand, kind="text", title="가격표")

    workflows = browser.get("/admin/agents/workflow/", **KO).content.decode()
    assert column_headers(workflows) == ["ID", "워크스페이스", "브랜드", "채널", "상태", "생성 시각", "종료 시각"]
    sources = browser.get("/admin/knowledge/source/", **KO).content.decode()
    expected = ["지식 소스", "워크스페이스", "브랜드", "종류", "상태", "청크", "언어", "생성 시각"]
    assert column_headers(sources) == expected
    assert "Created at" not in sources and "Kind" not in sources

    form = browser.get(f"/admin/brands/brandkit/{brand.pk}/change/", **KO).content.decode()
    for label in ("이름", "설명", "어조", "타깃 고객", "금지어", "필수 단어", "가이드라인"):
        assert re.search(rf"<label[^>]*>{label}:</label>", form), label
    assert "Tone of voice" not in form and "Target audience" not in form

    english = browser.get("/admin/agents/workflow/").content.decode()
    assert column_headers(english) == ["ID", "Workspace", "Brand", "Channel", "Status", "Created at", "Finished at"]


def filter_choices(html: str, title: str) -> list[str]:
    """The choices a changelist's filter titled ``title`` lists, in order (after its "All")."""
    block = re.search(rf'<details data-filter-title="{title}"[^>]*>(.*?)</details>', html, flags=re.S).group(1)
    return [re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)][1:]


def row_cells(html: str, field: str) -> list[str]:
    return [cell.strip() for cell in re.findall(rf'<td class="field-{field}[^"]*">(.*?)</td>', html, flags=re.S)]


@pytest.mark.django_db
def test_a_korean_browser_sees_choice_labels_in_korean_and_the_api_keeps_the_raw_values(owner_client, workspace):
    from knowledge.models import Source

    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True))
    brand = BrandKitFactory(workspace=workspace)
    failed = Workflow.objects.create(
        workspace=workspace, brand=brand, brief="x", channel="instagram_feed", status="failed"
    )
    Workflow.objects.create(workspace=workspace, brand=brand, brief="y", channel="instagram_feed")
    source = Source.objects.create(workspace=workspace, brand=brand, kind="text", title="가격표", status="failed")

    workflows = browser.get("/admin/agents/workflow/", **KO).content.decode()
    assert sorted(row_cells(workflows, "status")) == ["대기 중", "실패"]
    assert filter_choices(workflows, "상태") == ["대기 중", "실행 중", "성공", "실패"]
    sources = browser.get("/admin/knowledge/source/", **KO).content.decode()
    assert row_cells(sources, "status") == ["실패"] and row_cells(sources, "kind") == ["붙여넣은 텍스트"]
    assert filter_choices(sources, "상태") == ["대기 중", "처리 중", "준비됨", "실패"]
    assert ">Failed<" not in workflows + sources and ">Pending<" not in workflows + sources

    english = browser.get("/admin/agents/workflow/").content.decode()
    assert sorted(row_cells(english, "status")) == ["Failed", "Pending"]
    assert filter_choices(english, "status") == ["Pending", "Running", "Succeeded", "Failed"]

    # the API speaks values, not labels, whatever the browser's language
    assert owner_client.get(f"/api/v1/workflows/{failed.pk}/", **KO).json()["status"] == "failed"
    detail = owner_client.get(f"/api/v1/knowledge/sources/{source.pk}/", **KO).json()
    assert (detail["status"], detail["kind"]) == ("failed", "text")
