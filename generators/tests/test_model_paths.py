"""Generators through each adapter's wire format, the fallback between them, ComfyUI for
pictures, and a whole campaign workflow answered by a model."""

import io
import json
from decimal import Decimal

import httpx
import pytest
import respx
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from generators.services import generator_run
from sparklio.gpu.tests.fake_comfy import FakeComfy, png_bytes
from sparklio.llm.tests import wire

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)
HEADLINES = {"language": "ko", "headlines": ["소음은 끄고 하루는 켜고"], "subheadline": "무선 이어폰 X1"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(settings):
    fake = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{fake.base}/v1"
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = fake.base
    settings.LLM_MAX_ATTEMPTS = 1
    yield fake
    fake.close()


def run(name, workspace, **data):
    return generator_run(name=name, data=data, workspace_id=workspace.pk)


def anthropic_tool_answer(payload: dict) -> dict:
    message = wire.anthropic_message("")
    message["content"] = [{"type": "tool_use", "id": "toolu_01", "name": "HeadlineOutput", "input": payload}]
    message["stop_reason"] = "tool_use"
    return message


def test_anthropic_answers_through_a_forced_tool(workspace, api, settings):
    settings.LLM_FALLBACK_CHAIN = ["anthropic"]
    route = api.route("POST", "/v1/messages").respond(json=anthropic_tool_answer(HEADLINES))
    result = run("headline", workspace, brief=PLAN)
    assert result.provider == "anthropic" and result.output["headlines"] == HEADLINES["headlines"]
    sent = json.loads(route.calls.last.request.content)
    assert sent["tool_choice"]["type"] == "tool" and sent["tools"][0]["input_schema"]["properties"]["headlines"]


def test_a_failing_provider_falls_back_to_the_next(workspace, api, settings):
    settings.LLM_FALLBACK_CHAIN = ["openai", "anthropic"]
    api.route("POST", "/v1/chat/completions").respond(503, json={"error": {"message": "overloaded"}})
    api.route("POST", "/v1/messages").respond(json=anthropic_tool_answer(HEADLINES))
    result = run("headline", workspace, brief=PLAN)
    assert result.provider == "anthropic"


def test_every_provider_down_means_the_baseline_with_the_reason(workspace, api, settings):
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    api.route("POST", "/v1/chat/completions").respond(500, json={"error": {"message": "down"}})
    result = run("headline", workspace, brief=PLAN)
    assert result.provider == "offline" and any("No model answered" in note for note in result.notes)


def test_ollama_answers_with_its_format_schema(workspace, settings):
    settings.OLLAMA_BASE_URL = "http://ollama.test:11434"
    settings.LLM_FALLBACK_CHAIN = ["ollama"]
    answer = {
        "model": "qwen2.5:7b",
        "created_at": "2025-05-20T09:14:02.118235Z",
        "message": {"role": "assistant", "content": json.dumps({"language": "ko", "ctas": ["지금 듣기"]})},
        "done_reason": "stop",
        "done": True,
        "prompt_eval_count": 31,
        "eval_count": 6,
    }
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post("http://ollama.test:11434/api/chat").mock(return_value=httpx.Response(200, json=answer))
        result = run("cta", workspace, brief=PLAN)
    assert result.provider == "ollama" and result.output["ctas"] == ["지금 듣기"]
    sent = json.loads(route.calls.last.request.content)
    assert sent["format"]["properties"]["ctas"]["type"] == "array"


# --- ComfyUI -----------------------------------------------------------------------------------


@pytest.fixture
def comfy(settings):
    server = FakeComfy()
    settings.COMFYUI_URL = [server.url]
    settings.COMFYUI_TIMEOUT_SECONDS = 30
    yield server
    server.close()


def test_product_images_go_to_comfyui_when_it_is_configured(workspace, comfy):
    progress = []
    from generators.context import GenContext
    from generators.registry import get_generator

    generator = get_generator("product_image")
    inp = generator.Input(brief=PLAN, width=512, height=512)
    result = generator.run(inp, GenContext(workspace_id=workspace.pk, on_progress=lambda f, m: progress.append(f)))
    assert result.provider == "comfyui" and result.output["method"] == "comfyui"
    assert result.output["host"] == comfy.url and (result.output["width"], result.output["height"]) == (512, 512)
    prompt = comfy.received[-1]["prompt"]
    texts = [node["inputs"]["text"] for node in prompt.values() if node["class_type"] == "CLIPTextEncode"]
    assert any("무선 이어폰 X1" in text for text in texts)
    assert progress and progress[-1] == 1.0


def test_background_removal_uploads_the_picture_to_comfyui(workspace, comfy):
    path = default_storage.save(f"uploads/{workspace.pk}/shot.png", ContentFile(png_bytes((80, 60))))
    result = run("background_removal", workspace, product="cup", image=path)
    assert result.provider == "comfyui"
    assert any(name.endswith("sparklio-input.png") for name in comfy.inputs)
    with Image.open(io.BytesIO(default_storage.open(result.output["path"]).read())) as cut:
        assert cut.getpixel((0, 0))[3] == 0


def test_an_unreachable_gpu_host_means_the_offline_picture_with_a_note(workspace, settings):
    settings.COMFYUI_URL = ["http://127.0.0.1:9"]
    result = run("logo", workspace, brief=PLAN)
    assert result.provider == "offline" and result.output["method"] == "renderer"
    assert any("ComfyUI did not answer" in note for note in result.notes)


# --- a whole workflow answered by a model -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_workflow_runs_on_a_model_and_records_its_cost(owner_client, workspace, settings):
    from agents.models import AgentRun
    from brands.tests.factories import BrandKitFactory
    from sparklio.llm.models import LLMCall
    from sparklio.llm.tests.instant import InstantModel
    from templates.services import template_library_sync

    template_library_sync()
    model = InstantModel()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = model.base
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    try:
        brand = BrandKitFactory(workspace=workspace)
        started = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk}, format="json")
        workflow_id = started.json()["id"]
        body = owner_client.get(f"/api/v1/workflows/{workflow_id}/").json()
    finally:
        model.close()
    assert body["status"] == "succeeded", body["error"]
    copywriter = next(step for step in body["steps"] if step["step"] == "copywriter")
    # the instant model's answers are schema-valid filler: those that leave out the product or the
    # offer are repaired once, then replaced by the baseline, so the copy is the model's and the baseline's
    assert "openai" in copywriter["provider"].split(",") and Decimal(copywriter["cost_usd"]) > 0
    assert Decimal(body["cost_usd"]) > 0 and model.calls >= 5
    run = AgentRun.objects.get(pk=copywriter["run"])
    assert LLMCall.objects.filter(cause_id=run.pk, provider="openai").count() >= 5
    vision = next(step for step in body["steps"] if step["step"] == "vision_analyzer")
    assert vision["provider"] == "openai"  # the critique came from the vision model


def test_gemini_answers_with_a_response_schema(workspace, settings):
    import re

    settings.GOOGLE_API_KEY = "test-key"
    settings.GEMINI_BASE_URL = "https://gemini.test"
    settings.LLM_FALLBACK_CHAIN = ["gemini"]
    body = {
        "candidates": [
            {
                "content": {"parts": [{"text": json.dumps({"language": "en", "slogans": ["Hear less, feel more"]})}]},
                "finishReason": "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 9, "totalTokenCount": 39},
        "modelVersion": "gemini-2.5-flash",
    }
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(re.compile(r"^https://gemini\.test/v1\w*/models/[\w.-]+:generateContent$")).mock(
            return_value=httpx.Response(200, json=body)
        )
        result = run("slogan", workspace, product="X1 earbuds", features=["noise cancelling"], language="en")
    assert result.provider == "gemini" and result.output["slogans"] == ["Hear less, feel more"]
    config = json.loads(route.calls.last.request.content)["generationConfig"]
    assert config["responseJsonSchema"]["properties"]["slogans"]["type"] == "array"
