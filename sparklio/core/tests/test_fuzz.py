"""A bounded schemathesis run over the whole API: every operation of the OpenAPI schema, with
bodies and query strings generated from it, each sent as generated, with every string carrying
a lone surrogate, and with every string carrying a NUL. No answer may be a 500, and every error
must be JSON. (schemathesis never generates lone surrogates itself: they cannot be encoded as
UTF-8, but JSON's ``"\\ud800"`` escape carries them, so they are put in here.)

A second run sends schemathesis' own cases, through the WSGI application with a token, and
holds every answer to the schema: no server error, a documented status code and media type, a
body that matches the documented one; and a request generated to break the schema (negative
cases) must be refused with a 4xx.

``FUZZ_EXAMPLES`` (default 2) sets the examples per operation; ``make fuzz`` runs more."""

import json
import os
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import client_for
from sparklio.core.services import token_issue

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
# Logging out, replacing or revoking the token would turn the rest of the run into 401s.
EXCLUDED = r"/auth/(logout|token|tokens/\{token_id\})/"
POISONS = {"plain": None, "surrogate": "\ud800", "nul": "\x00"}


def _operations():
    """Every operation of the schema the API serves (built without a request or the database)."""
    from drf_spectacular.generators import SchemaGenerator

    raw = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
    schema = schemathesis.openapi.from_dict(raw).exclude(path_regex=EXCLUDED)
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = _operations()


def poisoned(value, poison: str | None):
    """``value`` with ``poison`` put into every string value (keys stay, so the fields still
    reach their validation)."""
    if poison is None:
        return value
    if isinstance(value, str):
        return value[: len(value) // 2] + poison + value[len(value) // 2 :]
    if isinstance(value, dict):
        return {key: poisoned(item, poison) for key, item in value.items()}
    if isinstance(value, list):
        return [poisoned(item, poison) for item in value]
    return value


@pytest.fixture
def known(user, workspace):
    """Real objects of the caller's workspace, so generated input reaches the validation behind
    the lookups instead of stopping at a 404."""
    from brands.tests.factories import BrandKitFactory
    from chat.tests.factories import ChatMessageFactory, ChatSessionFactory
    from documents.services import document_create
    from templates.models import Template

    brand = BrandKitFactory(workspace=workspace)
    session = ChatSessionFactory(brand=brand, workspace=workspace)
    document = document_create(
        workspace=workspace,
        user=user,
        content={"width": 100, "height": 100, "pages": [{"id": "p", "objects": []}]},
    )
    template = Template.objects.order_by("pk").first()
    return {
        "/api/v1/brands/{id}": brand.pk,
        "/api/v1/chat/sessions/{id}": session.pk,
        "/api/v1/chat/messages/{id}": ChatMessageFactory(session=session, workspace=workspace).pk,
        "/api/v1/documents/{id}": document.pk,
        "/api/v1/templates/{id}": template.pk if template else 1,
        "/api/v1/workspaces/{id}": workspace.pk,
        "/api/v1/agents/{name}": "copywriter",
        "/api/v1/generators/{name}": "headline",
        "workspace": workspace.pk,
    }


def path_for(case, known: dict) -> str:
    parameters = dict(case.path_parameters or {})
    for prefix, value in known.items():
        if case.path.startswith(prefix):
            parameters[prefix.rsplit("{", 1)[1].rstrip("}")] = value
    if "number" in parameters:
        parameters["number"] = 1
    return case.path.format(**parameters)


def send(client, case, poison: str | None, known: dict):
    query = dict(case.query or {})
    if "workspace" in query:
        query["workspace"] = known["workspace"]
    if poison is not None:
        # A URL carries UTF-8: a NUL can travel in it, a lone surrogate cannot.
        query = poisoned(query, "\x00")
    path = path_for(case, known)
    if query:
        path += "?" + urlencode(query, doseq=True)
    kwargs = {}
    body = case.body
    if body is not NOT_SET and body is not None:
        if isinstance(body, (bytes, bytearray)) or (case.media_type or "").startswith("multipart/"):
            return None  # files: the upload endpoints' own tests cover them
        if isinstance(body, dict) and "workspace" in body:
            body = {**body, "workspace": known["workspace"]}
        # The API reads JSON on every endpoint; JSON carries every string, surrogates included.
        kwargs = {"data": json.dumps(poisoned(body, poison)), "content_type": "application/json"}
    return client.generic(case.method, path, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_no_input_is_a_server_error(operation, user, known, settings):
    settings.RENDER_TIME_BUDGET_SECONDS = 5
    client = client_for(user)

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        for name, poison in POISONS.items():
            response = send(client, case, poison, known)
            if response is None:
                return
            assert response.status_code < 500, (name, case.method, case.formatted_path, response.content[:500])
            if response.status_code >= 400 and response.status_code != 405:
                assert response["Content-Type"].startswith("application/json"), (name, case.formatted_path)

    run()


@pytest.fixture
def wsgi_app():
    """The WSGI application, keeping the test's database connection across requests (as
    Django's test client does): the test's transaction holds the objects the cases name."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _flat(body) -> bool:
    """Whether a form can carry ``body`` as generated: scalars and lists of scalars only."""
    if not isinstance(body, dict):
        return True
    return not any(
        isinstance(value, dict) or (isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value))
        for value in body.values()
    )


CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_answers_match_the_schema_and_invalid_requests_are_refused(operation, mode, user, known, settings, wsgi_app):
    settings.RENDER_TIME_BUDGET_SECONDS = 5
    headers = {"Authorization": f"Bearer {token_issue(user=user).key}"}
    fixed = {}
    for prefix, value in known.items():
        if operation.path.startswith(prefix):
            fixed[prefix.rsplit("{", 1)[1].rstrip("}")] = value
    if "{number}" in operation.path:
        fixed["number"] = 1
    checks = CONFORMANCE + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=fixed or None))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if (case.media_type or "").startswith("multipart/"):
            return  # files: the upload endpoints' own tests cover them
        if case.media_type == "application/x-www-form-urlencoded" and not _flat(case.body):
            # A urlencoded form cannot carry an object: the client drops it, so the request sent
            # is not the case generated (the server's answer to such keys: test_strict_input.py).
            return
        if mode is GenerationMode.POSITIVE:
            # a workspace of the caller's, so valid input reaches the operation
            if isinstance(case.query, dict) and "workspace" in case.query:
                case.query["workspace"] = known["workspace"]
            if isinstance(case.body, dict) and "workspace" in case.body:
                case.body["workspace"] = known["workspace"]
        response = case.call(app=wsgi_app, headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    try:
        run()
    except Unsatisfiable:
        pytest.skip("nothing this operation takes can be made invalid (its path names a real object)")
