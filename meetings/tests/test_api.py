"""Meeting AI over the API: upload (TXT, PDF, DOCX, pasted text), analysis as a job, to chat,
and every bad input."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chat.models import ChatMessage
from conftest import client_for, member
from meetings.models import Meeting
from meetings.tests.test_extract import docx_bomb, encrypt, make_docx, make_pdf

NOTES_KO = """[00:00:05] 김민수: 이번 회의는 무선 이어폰 X1 런칭 캠페인 건입니다.
[00:01:10] 이지은: 인스타그램 광고를 메인 채널로 하기로 했습니다.
[00:02:30] 김민수: 지은님이 다음 주 금요일까지 광고 카피 초안을 작성해 주세요.
[00:03:45] 박서준: 제가 12월 5일까지 제품 사진 촬영을 준비하겠습니다.
[00:04:20] 이지은: 예산은 얼마로 할까요?
[00:05:00] 김민수: 유튜브 리뷰 영상도 검토해 보죠.
"""
NOTES_EN = """Jane: We decided to launch the X1 campaign on Instagram first.
Tom: I'll draft the ad copy by Friday.
Jane: Alex will prepare the product photos by Dec 5.
Tom: What budget do we have for YouTube?
"""

pytestmark = pytest.mark.django_db(transaction=True)


def upload(client, workspace, data: bytes, name: str, **extra):
    return client.post(
        "/api/v1/meetings/",
        {
            "workspace": workspace.pk,
            "title": "X1 런칭 회의",
            "meeting_date": "2026-11-27",
            "file": SimpleUploadedFile(name, data),
            **extra,
        },
        format="multipart",
    )


def test_pasted_korean_notes_are_analysed(owner_client, workspace):
    response = owner_client.post(
        "/api/v1/meetings/",
        {"workspace": workspace.pk, "title": "X1", "text": NOTES_KO, "meeting_date": "2026-11-27"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    meeting = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert meeting["status"] == "ready" and meeting["kind"] == "text"
    analysis = meeting["analysis"]
    assert analysis["language"] == "ko" and analysis["summary"]
    assert any("인스타그램" in d["text"] for d in analysis["decisions"])
    dues = {item["due"] for item in analysis["action_items"]}
    assert {"2026-12-04", "2026-12-05"} <= dues  # 다음 주 금요일, 12월 5일
    owners = {item["owner"] for item in analysis["action_items"]}
    assert "박서준" in owners
    assert any("예산" in q["text"] for q in analysis["open_questions"])
    actions = analysis["marketing_actions"]
    assert actions and all(a["source"]["text"] and isinstance(a["source"]["index"], int) for a in actions)


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("notes.txt", lambda: NOTES_EN.encode()),
        ("notes.pdf", lambda: make_pdf(*NOTES_EN.split("\n\n"))),
        ("notes.docx", lambda: make_docx(*NOTES_EN.strip().splitlines())),
    ],
)
def test_each_file_type_is_read_and_analysed(owner_client, workspace, name, build):
    response = upload(owner_client, workspace, build(), name)
    assert response.status_code == 202, response.json()
    assert response["Location"] == f"/api/v1/meetings/{response.json()['id']}/"
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["kind"] == name.rsplit(".", 1)[1] and "Instagram" in body["text"]
    assert body["status"] == "ready"
    items = body["analysis"]["action_items"]
    assert any(item["due"] == "2026-12-05" for item in items)
    assert body["file_url"]
    if name.endswith(".pdf"):
        assert body["pages"] == 1


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("notes.docx", b"%PDF-1.7\n%broken", "type_mismatch"),
        ("notes.pdf", b"just some text pretending", "type_mismatch"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(owner_client, workspace, name, data, code):
    """What the first bytes tell is refused in the request itself."""
    response = upload(owner_client, workspace, data, name)
    assert response.status_code == 400, response.json()
    assert "file" in response.json()["errors"]
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "build", "words"),
    [
        ("notes.pdf", lambda: b"%PDF-1.7\n1 0 obj <<", "damaged"),
        ("notes.pdf", lambda: encrypt(make_pdf("secret notes"), user_password="pw"), "password"),
        ("notes.txt", lambda: b"notes " * 20_000 + b"\x00\x01\x02" * 1000, "not text"),
    ],
)
def test_a_file_that_only_parsing_can_judge_is_accepted_then_failed_with_the_reason(
    owner_client, workspace, name, build, words
):
    response = upload(owner_client, workspace, build(), name)
    assert response.status_code == 202, response.json()
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["status"] == "failed" and words in body["error"].lower()
    assert body["text"] == "" and body["analysis"] == {}
    again = owner_client.post(f"/api/v1/meetings/{body['id']}/analyze/")
    assert again.status_code == 400 and "upload it again" in again.json()["errors"]["status"][0]


def test_a_docx_bomb_is_answered_at_once_and_refused_by_the_worker_with_the_reason(owner_client, workspace):
    response = upload(owner_client, workspace, docx_bomb(49), "bomb.docx")

    assert response.status_code == 202, response.json()
    assert response.json()["kind"] == "docx"
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["status"] == "failed"
    assert re.fullmatch(r"the file expands to 49\.\d MB, the limit is 20\.0 MB", body["error"])


def test_a_file_that_passes_the_checks_but_wants_too_much_memory_is_stopped(owner_client, workspace, settings):
    settings.MEETING_PARSE_MEMORY_BYTES = 300 * 1024 * 1024
    # 19 MB of empty paragraphs: under the 20 MB unpacked limit, about 600 MB to parse.
    response = upload(owner_client, workspace, docx_bomb(19, b"<w:p/>"), "big.docx")

    assert response.status_code == 202
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["status"] == "failed"
    assert body["error"] == "reading the file needed more than 300 MB of memory, the limit"
    # The next file is read as ever: the memory went with the child.
    normal = upload(owner_client, workspace, make_docx(*NOTES_EN.strip().splitlines()), "notes.docx")
    assert owner_client.get(f"/api/v1/meetings/{normal.json()['id']}/").json()["status"] == "ready"


def test_a_file_that_passes_the_checks_but_reads_too_long_is_stopped(owner_client, workspace, settings):
    settings.MEETING_PARSE_TIMEOUT_SECONDS = 0.5

    # 5 MB of paragraphs: under every archive limit, several seconds to read.
    response = upload(owner_client, workspace, docx_bomb(5), "slow.docx")

    assert response.status_code == 202
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["status"] == "failed"
    assert body["error"] == "reading the file took longer than 0.5 s, the limit"


def test_size_limit_and_missing_input(owner_client, workspace, settings):
    settings.MEETING_MAX_BYTES = 100
    assert upload(owner_client, workspace, b"a" * 500, "big.txt").status_code == 400
    neither = owner_client.post("/api/v1/meetings/", {"workspace": workspace.pk, "title": "x"}, format="json")
    assert neither.status_code == 400 and "file" in neither.json()["errors"]
    empty = owner_client.post(
        "/api/v1/meetings/", {"workspace": workspace.pk, "title": "x", "text": "  "}, format="json"
    )
    assert empty.status_code == 400 and "text" in empty.json()["errors"]
    assert Meeting.objects.count() == 0


def test_meetings_stay_in_their_workspace(owner_client, workspace, other_workspace):
    meeting_id = owner_client.post(
        "/api/v1/meetings/", {"workspace": workspace.pk, "title": "x", "text": NOTES_EN}, format="json"
    ).json()["id"]
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(f"/api/v1/meetings/{meeting_id}/").status_code == 404
    assert stranger.post(f"/api/v1/meetings/{meeting_id}/to_chat/").status_code == 404
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(f"/api/v1/meetings/{meeting_id}/").status_code == 200
    assert (
        viewer.post(
            "/api/v1/meetings/", {"workspace": workspace.pk, "title": "x", "text": "hi"}, format="json"
        ).status_code
        == 403
    )


def test_to_chat_opens_a_session_seeded_with_the_analysis(owner_client, workspace):
    meeting_id = owner_client.post(
        "/api/v1/meetings/",
        {"workspace": workspace.pk, "title": "X1", "text": NOTES_KO, "meeting_date": "2026-11-27"},
        format="json",
    ).json()["id"]
    response = owner_client.post(f"/api/v1/meetings/{meeting_id}/to_chat/")
    assert response.status_code == 201
    body = response.json()
    seed = ChatMessage.objects.get(pk=body["message"])
    assert seed.session_id == body["session"] and seed.role == "assistant"
    assert "2026-12-05" in seed.content and "결정 사항" in seed.content
    messages = owner_client.get(f"/api/v1/chat/sessions/{body['session']}/messages/").json()["results"]
    assert messages[0]["generated"]["kind"] == "meeting"


def test_a_long_transcript_is_chunked(owner_client, workspace):
    long = "\n".join(f"민수: {i}번째 안건은 인스타그램 광고 소재 {i}안을 검토하는 것입니다." for i in range(400))
    response = owner_client.post(
        "/api/v1/meetings/", {"workspace": workspace.pk, "title": "long", "text": long}, format="json"
    )
    body = owner_client.get(f"/api/v1/meetings/{response.json()['id']}/").json()
    assert body["status"] == "ready" and body["analysis"]["chunks"] > 1 and body["analysis"]["sentences"] == 400


def test_a_model_reads_the_transcript_when_one_is_configured(owner_client, workspace, settings):
    import json

    from sparklio.llm.tests import wire

    api = wire.FakeAPI()
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    notes = {
        "summary_indices": [0, 1],
        "decisions": [{"text": "Instagram first", "source_index": 0}],
        "action_items": [{"task": "Draft the ad copy", "owner": "Tom", "due_text": "by Friday", "source_index": 1}],
        "open_questions": [{"text": "YouTube budget?", "source_index": 3}],
    }
    headline = {"language": "en", "headlines": ["Instagram first"], "subheadline": ""}
    try:
        route = api.route("POST", "/v1/chat/completions").mock(
            side_effect=[wire.httpx.Response(200, json=wire.openai_completion(json.dumps(notes)))],
            return_value=wire.httpx.Response(200, json=wire.openai_completion(json.dumps(headline))),
        )
        created = owner_client.post(
            "/api/v1/meetings/",
            {"workspace": workspace.pk, "title": "x", "text": NOTES_EN, "meeting_date": "2026-11-27"},
            format="json",
        )
        body = owner_client.get(f"/api/v1/meetings/{created.json()['id']}/").json()
    finally:
        api.close()
    analysis = body["analysis"]
    assert body["status"] == "ready" and analysis["method"].startswith("model (openai)")
    assert analysis["decisions"] == [
        {"text": "Instagram first", "source": {"index": 0, "text": analysis["decisions"][0]["source"]["text"]}}
    ]
    item = analysis["action_items"][0]
    assert item["owner"] == "Tom" and item["due"] == "2026-12-04" and item["source"]["index"] == 1
    sent = json.loads(route.calls[0].request.content)
    assert "[1]" in sent["messages"][1]["content"] and sent["response_format"]["type"] == "json_schema"
    assert "openai" in body["provider"]


def test_a_file_name_cannot_climb_out_of_the_meetings_folder(owner_client, workspace):
    response = upload(owner_client, workspace, NOTES_EN.encode(), "../../../etc/notes.txt")
    assert response.status_code == 202
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.file.name.startswith("meetings/") and ".." not in meeting.file.name
    assert meeting.file.name.endswith("notes.txt")
