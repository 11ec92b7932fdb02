import json
import os
import subprocess
import sys
import time

from sparklio.embedded_pg import prune_stale_state


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_dead_handle_pids_are_pruned_live_ones_kept(tmp_path):
    dead = _dead_pid()
    (tmp_path / ".handle_pids.json").write_text(json.dumps([dead, os.getpid()]))

    pruned = prune_stale_state(tmp_path)

    assert json.loads((tmp_path / ".handle_pids.json").read_text()) == [os.getpid()]
    assert pruned == [f"dead handle pid {dead}"]


def test_postmaster_pid_of_a_dead_process_is_removed(tmp_path):
    (tmp_path / "postmaster.pid").write_text(f"{_dead_pid()}\n{tmp_path}\n")
    prune_stale_state(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()


def test_postmaster_pid_reused_by_another_program_is_removed(tmp_path):
    # The PID is alive but belongs to this Python test process, not to PostgreSQL.
    (tmp_path / "postmaster.pid").write_text(f"{os.getpid()}\n{tmp_path}\n")
    prune_stale_state(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()


def test_running_postmaster_is_left_alone(db):
    from django.conf import settings

    pgdata = settings.EMBEDDED_PGDATA
    if settings.DATABASE_URL:
        import pytest

        pytest.skip("DATABASE_URL points at an external server; no embedded server to inspect")
    before = (pgdata / "postmaster.pid").read_text()
    assert prune_stale_state(pgdata) == []
    assert (pgdata / "postmaster.pid").read_text() == before


def test_a_fresh_process_starts_the_embedded_server_in_a_new_data_folder(tmp_path):
    """A new data folder is initialised and started on demand, pgvector included, and the
    server stops when its last user exits."""
    script = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='sparklio.settings';"
        "django.setup();"
        "from django.db import connection;"
        "c=connection.cursor();"
        "c.execute('CREATE EXTENSION IF NOT EXISTS vector');"
        "c.execute(\"SELECT extversion FROM pg_extension WHERE extname='vector'\");"
        "print(c.fetchone()[0])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SPARKLIO_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("0.")
    assert (tmp_path / "data" / "pg" / "PG_VERSION").read_text().strip() == "16"
    assert json.loads((tmp_path / "data" / "pg" / ".handle_pids.json").read_text()) == []
    # pg_ctl's fast stop may still be removing its pid file as the process ends on a busy machine
    deadline = time.monotonic() + 30
    while (tmp_path / "data" / "pg" / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (tmp_path / "data" / "pg" / "postmaster.pid").exists()
