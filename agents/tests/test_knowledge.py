"""Knowledge in the product: the copywriter, strategist, reviewer and brand guardian draw on the
brand's knowledge base (and only their own workspace's), record the chunks they used, and a
workflow lists them as its citations."""

import pytest

from agents.base import AgentContext
from agents.registry import get_agent
from brands.tests.factories import BrandColorFactory, BrandKitFactory
from knowledge import services as knowledge_services
from knowledge.models import SourceStatus
from sparklio.core.tests.factories import WorkspaceFactory

SHEET = """무선 이어폰 X1 제품 사양
배터리: 최대 30시간 재생
무게: 5.2g
가격: 129,000원
"""
BRIEF = "무선 이어폰 X1 인스타그램 광고 만들어줘. 노이즈 캔슬링이 특징이야."


def add_source(workspace, callbacks, *, brand=None, title="X1 제품 사양서", text=SHEET):
    with callbacks(execute=True):
        source = knowledge_services.source_create(
            workspace=workspace, created_by=None, brand=brand, title=title, text=text
        )
    source.refresh_from_db()
    assert source.status == SourceStatus.READY, source.error
    return source


def run(agent_name, workspace, brand=None, **data):
    agent = get_agent(agent_name)
    ctx = AgentContext(workspace_id=workspace.pk, brand=brand)
    return agent.run(agent.Input.model_validate(data), ctx).model_dump(mode="json", by_alias=True)


def copy_of(body, headline="무선 이어폰 X1"):
    return {"language": "ko", "headline": headline, "body": body, "cta": "지금 구매하기", "hashtags": ["#X1"]}


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="Sonic")


@pytest.mark.django_db
def test_a_copy_that_states_another_battery_life_than_the_sheet_is_a_finding_naming_the_passage(
    workspace, brand, django_capture_on_commit_callbacks
):
    source = add_source(workspace, django_capture_on_commit_callbacks, brand=brand)
    facts = {"product": "무선 이어폰 X1", "features": ["노이즈 캔슬링"]}

    wrong = run("reviewer", workspace, brand, copy=copy_of("배터리 20시간으로 하루 종일 들어요."), facts=facts)
    conflicts = [f for f in wrong["findings"] if f["rule"] == "knowledge_conflict"]
    assert len(conflicts) == 1
    finding = conflicts[0]
    assert finding["severity"] == "warning" and finding["path"] == "copy.body" and finding["value"] == "20시간"
    assert finding["data"]["stated"] == "30시간" and finding["data"]["source"] == source.pk
    assert "X1 제품 사양서" in finding["message"] and "배터리: 최대 30시간 재생" in finding["message"]
    assert source.pk in {used["source"] for used in wrong["knowledge"]}

    # another product of the brand states another battery life: not this product's number
    add_source(
        workspace,
        django_capture_on_commit_callbacks,
        brand=brand,
        title="H2 제품 사양서",
        text="무선 이어폰 H2 제품 사양\n배터리: 최대 60시간 재생\n",
    )
    right = run("reviewer", workspace, brand, copy=copy_of("배터리 30시간으로 하루 종일 들어요."), facts=facts)
    assert not [f for f in right["findings"] if f["rule"] == "knowledge_conflict"]
    assert {used["source_title"] for used in right["knowledge"]} == {"X1 제품 사양서"}
    # a number the sheet does not measure (charging time), and the sheet's own price, are no conflict
    other = run("reviewer", workspace, brand, copy=copy_of("10분 충전으로 2시간. 가격 129,000원."), facts=facts)
    assert not [f for f in other["findings"] if f["rule"] == "knowledge_conflict"]
    # a different price is an error
    price = run("reviewer", workspace, brand, copy=copy_of("가격 99,000원, 지금 만나보세요."), facts=facts)
    assert [(f["severity"], f["value"]) for f in price["findings"] if f["rule"] == "knowledge_conflict"] == [
        ("error", "99,000원")
    ]

    fixed = run("optimizer", workspace, brand, copy=copy_of("배터리 20시간으로 하루 종일 들어요."), findings=conflicts)
    assert fixed["copy"]["body"] == "배터리 30시간으로 하루 종일 들어요."
    assert any("30시간" in change for change in fixed["changes"])


@pytest.mark.django_db
def test_the_copywriter_takes_a_fact_from_the_sheet_when_the_brief_names_few_features(
    workspace, brand, django_capture_on_commit_callbacks
):
    source = add_source(workspace, django_capture_on_commit_callbacks, brand=brand)
    output = run("copywriter", workspace, brand, brief=BRIEF, channel="instagram_feed")
    copy = output["copy"]
    assert "30시간" in " ".join([copy["headline"], copy["subheadline"], copy["body"]])
    assert [(used["source"], used["quote"]) for used in output["knowledge"]] == [
        (source.pk, "배터리: 최대 30시간 재생")
    ]

    strategy = run("strategist", workspace, brand, brief=BRIEF)
    assert "배터리 최대 30시간 재생" in strategy["content_pillars"]
    assert strategy["knowledge"][0]["chunk"] == output["knowledge"][0]["chunk"]

    # two features given: nothing is added, nothing is cited
    full = run("copywriter", workspace, brand, brief=BRIEF + " 24시간 배터리도 있어.", channel="instagram_feed")
    assert full["knowledge"] == []


@pytest.mark.django_db
def test_another_workspaces_knowledge_is_never_used(workspace, brand, django_capture_on_commit_callbacks):
    other = WorkspaceFactory()
    add_source(other, django_capture_on_commit_callbacks, brand=BrandKitFactory(workspace=other, name="Sonic"))
    facts = {"product": "무선 이어폰 X1", "features": ["노이즈 캔슬링"]}

    review = run("reviewer", workspace, brand, copy=copy_of("배터리 20시간으로 하루 종일 들어요."), facts=facts)
    assert not [f for f in review["findings"] if f["rule"] == "knowledge_conflict"] and review["knowledge"] == []
    output = run("copywriter", workspace, brand, brief=BRIEF, channel="instagram_feed")
    assert output["knowledge"] == [] and "30시간" not in output["copy"]["body"]

    # nor another brand's of the same workspace
    add_source(workspace, django_capture_on_commit_callbacks, brand=BrandKitFactory(workspace=workspace, name="Rival"))
    review = run("reviewer", workspace, brand, copy=copy_of("배터리 20시간으로 하루 종일 들어요."), facts=facts)
    assert review["knowledge"] == []


@pytest.mark.django_db(transaction=True)
def test_a_workflow_whose_brand_has_a_product_sheet_cites_it(owner_client, workspace, user):
    brand = BrandKitFactory(workspace=workspace, name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    source = knowledge_services.source_create(
        workspace=workspace, created_by=user, brand=brand, title="X1 제품 사양서", text=SHEET
    )  # processed when it commits (eager Celery)
    guide = knowledge_services.source_create(
        workspace=workspace, created_by=user, brand=brand, title="브랜드 가이드", text="로고는 항상 넣기."
    )
    source.refresh_from_db()
    assert source.status == SourceStatus.READY, source.error

    response = owner_client.post("/api/v1/workflows/", {"brief": BRIEF, "brand": brand.pk}, format="json")
    assert response.status_code == 202, response.json()
    body = owner_client.get(f"/api/v1/workflows/{response.json()['id']}/").json()
    assert body["status"] == "succeeded", body["error"]

    copy = body["outputs"]["copywriter"]["copy"]
    assert "30시간" in " ".join([copy["headline"], copy["subheadline"], copy["body"]])
    texts = {o["role"]: o["text"] for o in body["document"]["content"]["pages"][0]["objects"] if o["type"] == "text"}
    assert "배터리 최대 30시간 재생" in texts["feature_bullet"]  # the design shows the fact too
    citations = body["citations"]
    by_source = {}
    for citation in citations:
        by_source.setdefault(citation["source"], []).append(citation)
    assert source.pk in by_source
    sheet = by_source[source.pk][0]
    assert sheet["source_title"] == "X1 제품 사양서" and sheet["quote"] == "배터리: 최대 30시간 재생"
    assert {"copywriter", "reviewer"} <= set(sheet["steps"])
    assert len({c["chunk"] for c in citations}) == len(citations)  # one entry per chunk
    # the brand book's rule was checked by the brand guardian (the design has the logo slot or not)
    assert guide.pk in by_source and by_source[guide.pk][0]["steps"] == ["brand_guardian"]
    assert not any(f["rule"] == "knowledge_conflict" for f in body["outputs"]["reviewer"]["findings"])


@pytest.mark.django_db
def test_the_workflow_schema_types_its_citations(owner_client):
    schema = owner_client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    components = schema.json()["components"]["schemas"]
    assert components["Workflow"]["properties"]["citations"]["items"]["$ref"].endswith("/WorkflowCitation")
    assert set(components["WorkflowCitation"]["required"]) >= {"chunk", "source", "source_title", "quote", "steps"}


def test_a_passage_names_the_product_by_its_model_code_or_else_every_word():
    from agents.knowledge import names_product

    assert names_product("X1 제품 사양서\n배터리: 최대 30시간", "무선 이어폰 X1")
    assert not names_product("무선 이어폰 X10 제품 사양", "무선 이어폰 X1")
    assert names_product("Glow serum, 30 ml", "Glow Serum") and not names_product("Glow cream", "Glow Serum")


@pytest.mark.django_db
def test_with_a_model_the_passages_go_into_the_prompt_as_quoted_knowledge(
    workspace, brand, settings, django_capture_on_commit_callbacks
):
    import json

    from sparklio.llm.tests import wire

    source = add_source(workspace, django_capture_on_commit_callbacks, brand=brand)
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    headline = {"language": "ko", "headlines": ["무선 이어폰 X1, 배터리 최대 30시간"], "subheadline": "하루 종일"}
    try:
        # every generator gets this answer: the headline's schema takes it, the others fall back
        route = api.route("POST", "/v1/chat/completions").respond(
            json=wire.openai_completion(json.dumps(headline, ensure_ascii=False))
        )
        output = run("copywriter", workspace, brand, brief=BRIEF, channel="instagram_feed")
    finally:
        api.close()
    prompts = [json.loads(call.request.content)["messages"][-1]["content"] for call in route.calls]
    quoted = [p for p in prompts if "Quoted knowledge from the brand's own documents" in p]
    assert quoted and all("> [X1 제품 사양서] 무선 이어폰 X1 제품 사양" in p for p in quoted)
    assert all("배터리: 최대 30시간 재생" in p for p in quoted)
    assert output["copy"]["headline"] == "무선 이어폰 X1, 배터리 최대 30시간" and "openai" in output["providers"]
    assert [used["source"] for used in output["knowledge"]] == [source.pk]
