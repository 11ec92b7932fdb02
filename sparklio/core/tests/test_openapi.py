"""The OpenAPI schema is one a client generator can trust: the JSON the API carries is typed by
its pydantic models, every operation lists its errors in the one error shape, and a TypeScript
client generated from it (openapi-typescript, from npm) has no ``unknown`` left."""

import json
import re
import shutil
import subprocess

import pytest

OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"
DOCUMENT = "#/components/schemas/SparklioDocument"


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


def _property(schema, component, name):
    return schema["components"]["schemas"][component]["properties"][name]


def _refs(node) -> set[str]:
    """Every $ref under ``node``."""
    if isinstance(node, dict):
        return {node["$ref"]} if "$ref" in node else set().union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node)) if node else set()
    return set()


def test_the_design_document_is_a_named_component_used_wherever_it_travels(schema):
    components = schema["components"]["schemas"]
    assert components["SparklioDocument"]["properties"]["pages"]["items"] == {"$ref": "#/components/schemas/Page"}
    assert "TextObject" in components and "GroupObject" in components
    for component, field in [
        ("Document", "content"),
        ("DocumentCreateRequest", "content"),
        ("DocumentReplaceRequest", "content"),
        ("DocumentVersionDetail", "content"),
        ("PolotnoImportResult", "content"),
        ("Template", "skeleton"),
        ("WorkflowDocument", "content"),
    ]:
        assert DOCUMENT in _refs(_property(schema, component, field)), component
    # the AI command's answer carries the edited document
    assert _property(schema, "EditorCommandResult", "document") == {"$ref": "#/components/schemas/Document"}


def test_run_records_are_typed_by_their_models(schema):
    def refs(component, field):
        return {ref.rsplit("/", 1)[1] for ref in _refs(_property(schema, component, field))}

    assert refs("Workflow", "facts") == {"Facts"}
    assert refs("WorkflowCreateRequest", "facts") == {"FactsOverride"}
    assert refs("Workflow", "plan") == {"PMOutput"}
    assert refs("Workflow", "scores") == refs("WorkflowList", "scores") == {"WorkflowScores"}
    assert {"CopywriterInput", "PMInput", "MeetingInput"} <= refs("AgentRun", "input")
    assert {"CopywriterOutput", "PMOutput", "MeetingOutput"} <= refs("AgentRun", "output")
    assert refs("Meeting", "analysis") == {"MeetingOutput"}
    assert {"HeadlineOutput", "StoryboardOutput"} <= refs("GeneratorResult", "output")


def test_money_is_a_decimal_string(schema):
    for component in ["AgentRun", "Workflow", "ChatMessage", "GeneratorResult", "LLMCall", "WorkflowStep"]:
        field = _property(schema, component, "cost_usd")
        assert field["type"] == "string" and field["format"] == "decimal", component


def test_the_agent_list_says_what_it_answers(schema, django_user_model):
    """The fuzz finding: the agents' schema required a ``kind`` the answer never had."""
    from conftest import client_for

    user = django_user_model.objects.create_user(username="agent-reader", password="x" * 12)
    body = client_for(user).get("/api/v1/agents/").json()
    response_schema = schema["paths"]["/api/v1/agents/"]["get"]["responses"]["200"]["content"]["application/json"]
    component = schema["components"]["schemas"][response_schema["schema"]["items"]["$ref"].rsplit("/", 1)[1]]
    for agent in body:
        assert set(component["required"]) <= set(agent), agent["name"]


def test_every_operation_lists_its_errors_in_the_error_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "code"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"401", "429"}
            if "{" in path:
                expected.add("404")
            if method in {"post", "put", "patch"}:
                expected |= {"400", "413", "415"}
            if {} not in operation.get("security", [{}]):
                expected.add("403")
            assert expected <= responses.keys(), (method, path, expected - responses.keys())
            for code in expected:
                assert responses[code]["content"]["application/json"]["schema"] == error, (method, path, code)
    assert "409" in schema["paths"]["/api/v1/documents/{id}/"]["put"]["responses"]


def test_render_and_preview_declare_their_media_types(schema):
    render = schema["paths"]["/api/v1/documents/{id}/render/"]["get"]["responses"]["200"]["content"]
    assert {"image/png", "image/jpeg", "image/webp", "application/pdf"} <= render.keys()
    preview = schema["paths"]["/api/v1/templates/{id}/preview/"]["get"]["responses"]["200"]["content"]
    assert "image/png" in preview


def _typescript(schema_path, out_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["npx", "--yes", OPENAPI_TYPESCRIPT, str(schema_path), "-o", str(out_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_typescript_client_has_no_unknown(schema, tmp_path):
    """openapi-typescript from npm; skipped only where node's npx is missing or npm cannot fetch
    it (CI and the developers' machines have both)."""
    if shutil.which("npx") is None:
        pytest.skip("node's npx is not installed: the TypeScript client cannot be generated")
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    result = _typescript(tmp_path / "schema.json", tmp_path / "api.d.ts")
    if result.returncode != 0 and re.search(r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network", result.stderr):
        pytest.skip(f"npm could not fetch {OPENAPI_TYPESCRIPT}: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    typescript = (tmp_path / "api.d.ts").read_text()

    def block(name: str) -> str:
        match = re.search(rf"\n {{8}}{name}: {{\n(.*?)\n {{8}}}};", typescript, re.S)
        assert match, name
        return match.group(1)

    document = block("SparklioDocument")
    assert 'pages: components["schemas"]["Page"][];' in document
    assert 'content: components["schemas"]["SparklioDocument"];' in block("Document")
    # Nothing is `unknown`, except the response headers the generator always adds.
    code = [
        line
        for line in typescript.splitlines()
        if not line.strip().startswith(("*", "/**", "//")) and "[name: string]: unknown;" not in line
    ]
    assert [line for line in code if re.search(r'(?<!")\bunknown\b(?!")', line)] == []  # "unknown": an enum value
