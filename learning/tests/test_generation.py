"""Generation uses what the brand learned: the baseline's choice changes after strong feedback
or an edit, and a model's prompt carries the best examples (checked at the wire)."""

import copy
import json

import pytest

from brands.tests.factories import BrandKitFactory
from documents.services import document_update
from generators.services import generator_run
from learning import services
from learning.tests.factories import make_document
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)
# the phrasings the CTA baseline may choose from for this brief (no offer: no coupon, no "혜택 받기")
CTA_CANDIDATES = {"지금 구매하기", "자세히 보기", "지금 만나보기", "지금 시작하기"}


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="소리랩", tone_of_voice="friendly")


def ctas(workspace, brand) -> list[str]:
    result = generator_run(name="cta", data={"brief": PLAN}, workspace_id=workspace.pk, brand=brand, provider="offline")
    assert result.provider == "offline"
    return result.output["ctas"]


def test_strong_feedback_changes_the_baselines_choice(workspace, user, brand):
    before = ctas(workspace, brand)
    assert len(before) == 3 and set(before) <= CTA_CANDIDATES
    assert ctas(workspace, brand) == before  # the same brief, the same choice, while nothing is learned
    kept = sorted(CTA_CANDIDATES - set(before))[0]  # a phrasing the baseline did not choose
    loved = make_document(workspace, brand, ("cta", kept))
    for _ in range(2):
        services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=5, document_id=loved.pk)
    services.brand_learn(brand)

    after = ctas(workspace, brand)

    assert after[0] == kept and after != before


def test_an_edit_demotes_the_phrase_it_took_out(workspace, user, brand):
    before = ctas(workspace, brand)
    removed = before[0]
    # a replacement sharing no word with it: the diff is by words, so a shared "지금" would stay
    replacement = next(c for c in sorted(CTA_CANDIDATES) if not set(c.split()) & set(removed.split()))
    document = make_document(workspace, brand, ("cta", removed))
    content = copy.deepcopy(document.content)
    content["pages"][0]["objects"][0]["text"] = replacement
    document_update(document=document, user=user, content=content, base_version=1)
    profile = services.brand_learn(brand)
    assert [p["phrase"] for p in profile.avoided] == [removed]

    after = ctas(workspace, brand)

    assert after[0] == replacement and removed not in after


@pytest.fixture
def api(settings):
    fake = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{fake.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_MAX_ATTEMPTS = 1
    yield fake
    fake.close()


def test_the_model_prompt_carries_the_best_examples_and_phrases(workspace, user, brand, api):
    headlines = {"language": "ko", "headlines": ["소음은 끄고 하루는 켜고"], "subheadline": "무선 이어폰 X1"}
    route = api.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion(json.dumps(headlines)))
    loved = make_document(workspace, brand, ("headline", "하루를 켜는 소리"))
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=5, document_id=loved.pk)
    edited = make_document(workspace, brand, ("headline", "최고의 무선 이어폰"))
    content = copy.deepcopy(edited.content)
    content["pages"][0]["objects"][0]["text"] = "편안한 무선 이어폰"
    document_update(document=edited, user=user, content=content, base_version=1)
    services.brand_learn(brand)

    result = generator_run(name="headline", data={"brief": PLAN}, workspace_id=workspace.pk, brand=brand)

    assert result.provider == "openai" and result.output["headlines"] == headlines["headlines"]
    sent = json.loads(route.calls.last.request.content)
    system = next(m["content"] for m in sent["messages"] if m["role"] == "system")
    assert "- 하루를 켜는 소리\n- 편안한 무선 이어폰" in system  # best first: 5★ before a kept edit
    assert "Phrasings the brand's marketers put in: 편안한." in system
    assert "Phrasings they took out (avoid them): 최고의." in system


def test_a_brand_without_learning_prompts_as_before(workspace, api):
    headlines = {"language": "ko", "headlines": ["소음은 끄고 하루는 켜고"], "subheadline": "무선 이어폰 X1"}
    route = api.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion(json.dumps(headlines)))
    fresh = BrandKitFactory(workspace=workspace)
    generator_run(name="headline", data={"brief": PLAN}, workspace_id=workspace.pk, brand=fresh)
    system = next(
        m["content"] for m in json.loads(route.calls.last.request.content)["messages"] if m["role"] == "system"
    )
    assert "rated highly" not in system and "Phrasings" not in system
