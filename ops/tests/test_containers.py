"""Dockerfile, compose.yaml and .env.example (issue 14, item 4), read as files: Docker itself is not
on the machines that run the tests, so the images are never built here."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
SPARKLIO = ["web", "websocket", "worker", "beat"]
LONG_RUNNING = [*SPARKLIO, "postgres", "redis", "minio"]
ONE_SHOT = ["migrate", "minio-bucket"]
# ${VAR}, ${VAR:-default}, ${VAR:?message}; $${VAR} is the container's own shell variable
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")


def _example_names() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match[1])
    return names


def _documented() -> set[str]:
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs" / "configuration.md").read_text()))


def test_every_role_and_backing_service_is_there():
    assert set(LONG_RUNNING + ONE_SHOT) <= set(SERVICES)
    assert SERVICES["postgres"]["image"].startswith("pgvector/pgvector:pg16")
    assert SERVICES["redis"]["image"].startswith("redis:")
    assert SERVICES["minio"]["image"].startswith("minio/minio")
    for name in SPARKLIO + ["migrate"]:
        assert SERVICES[name]["image"] == "sparklio:latest" and SERVICES[name]["build"] == ".", name
    assert SERVICES["worker"]["command"][:4] == ["celery", "-A", "sparklio", "worker"]
    assert SERVICES["beat"]["command"][:4] == ["celery", "-A", "sparklio", "beat"]
    assert SERVICES["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_every_long_running_service_has_a_health_check(name):
    check = SERVICES[name].get("healthcheck")
    assert check and not check.get("disable") and check["test"], name
    assert check["test"][0] in ("CMD", "CMD-SHELL")
    assert SERVICES[name].get("restart") == "unless-stopped"


def test_start_order_waits_for_health_and_for_the_schema():
    for name in SPARKLIO:
        needs = SERVICES[name]["depends_on"]
        assert needs["postgres"]["condition"] == "service_healthy"
        assert needs["redis"]["condition"] == "service_healthy"
        assert needs["migrate"]["condition"] == "service_completed_successfully"
        assert needs["minio-bucket"]["condition"] == "service_completed_successfully"
    for name, service in SERVICES.items():
        for needed in service.get("depends_on", {}):
            assert needed in SERVICES and needed != name, (name, needed)


def test_data_lives_in_named_volumes():
    declared = set(COMPOSE["volumes"])
    mounts = {
        "postgres": "/var/lib/postgresql/data",
        "redis": "/data",
        "minio": "/data",
        "web": "/data",
    }
    for name, path in mounts.items():
        volumes = [v.split(":") for v in SERVICES[name]["volumes"]]
        assert any(target == path and source in declared for source, target, *_ in volumes), name


def test_the_sparklio_containers_reach_every_backing_service_by_name():
    env = SERVICES["web"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert "minio:9000" in env["AWS_S3_ENDPOINT_URL"] and env["DJANGO_DEBUG"] == "false"
    worker_env = SERVICES["worker"]["environment"]
    assert worker_env["DATABASE_URL"] == env["DATABASE_URL"]  # the merge kept the common part
    assert worker_env["PROMETHEUS_MULTIPROC_DIR"] in SERVICES["worker"]["tmpfs"]


def test_secrets_have_no_default_in_compose():
    text = (ROOT / "compose.yaml").read_text()
    for secret in ["POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD", "MINIO_ROOT_USER"]:
        uses = re.findall(r"\$\{" + secret + r"(:[-?][^}]*)?\}", text)
        assert uses and all(use.startswith(":?") for use in uses), secret


def test_every_variable_compose_uses_is_documented_and_in_the_example():
    used = set(VARIABLE.findall((ROOT / "compose.yaml").read_text()))
    assert {"POSTGRES_PASSWORD", "MINIO_ROOT_USER", "SPARKLIO_HTTP_PORT"} <= used  # the pattern finds them
    assert used - _documented() == set(), "add these to docs/configuration.md"
    assert used - _example_names() == set(), "add these to .env.example"


def test_every_variable_the_settings_read_is_documented():
    """settings.py reads its variables through django-environ; each has its line in the docs."""
    settings_text = (ROOT / "sparklio" / "settings.py").read_text()
    read = set(re.findall(r"env(?:\.[a-z]+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", settings_text))
    assert {"DATABASE_URL", "TREND_COLLECT_MINUTES", "CALENDAR_REMINDER_MINUTES"} <= read  # the pattern finds them
    assert read - _documented() == set(), "add these to docs/configuration.md"


def test_every_variable_of_the_example_is_documented():
    assert _example_names() - _documented() == set()


def test_the_new_operations_variables_are_documented():
    for name in [
        "METRICS_TOKEN",
        "LOG_FORMAT",
        "ACCESS_LOG",
        "SENTRY_DSN",
        "SENTRY_ENVIRONMENT",
        "SENTRY_TRACES_SAMPLE_RATE",
        "CELERY_METRICS_PORT",
        "PROMETHEUS_MULTIPROC_DIR",
    ]:
        assert name in _documented(), name


def test_the_dockerfile_runs_as_a_user_that_is_not_root():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    instructions = [line for line in lines if line and not line.startswith("#")]
    last_from = max(i for i, line in enumerate(instructions) if line.startswith("FROM "))
    users = [line.split()[1] for line in instructions[last_from:] if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0", "0:0")
    assert instructions[last_from].split()[1].startswith("python:3.11-slim")
    text = "\n".join(instructions)
    assert "pip install -r /tmp/requirements.txt" in text and "collectstatic --noinput" in text
    assert (ROOT / ".dockerignore").read_text().count(".env") >= 1  # no secrets in the image


def _seconds(duration: str) -> int:
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", duration)
    assert match and duration, duration
    return int(match[1] or 0) * 60 + int(match[2] or 0)


def test_docker_waits_for_the_graceful_stops():
    """Docker kills after 10 s unless told otherwise: gunicorn's requests in flight and the worker's
    running tasks get their own grace (the docker run of 2026-12-08, docs/operations.md)."""
    conf = (ROOT / "sparklio" / "gunicorn_conf.py").read_text()
    graceful = int(re.search(r'"WEB_GRACEFUL_TIMEOUT"\) or (\d+)', conf)[1])
    assert _seconds(SERVICES["web"]["stop_grace_period"]) > graceful
    assert _seconds(SERVICES["worker"]["stop_grace_period"]) > 10


def test_the_default_command_is_the_whole_product_in_one_container():
    """`docker run sparklio` migrates and runs the Celery worker beside the server: with the embedded
    broker a server started with --no-worker left every workflow pending."""
    cmd = next(line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD "))
    assert "manage.py migrate --noinput &&" in cmd and "exec python manage.py serve" in cmd
    assert "--no-worker" not in cmd
    for name in ["web", "websocket"]:  # compose's roles keep theirs
        assert "--no-worker" in SERVICES[name]["command"], name
