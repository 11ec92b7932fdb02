"""The embedded PostgreSQL 16 + pgvector used when DATABASE_URL is not set.

One server per data folder, shared by every process that uses it (the server, workers,
tests) and stopped by pgserver when the last of them exits. Two states left behind by a
killed process would otherwise wedge it for good, so they are pruned first, under
pgserver's own inter-process lock:

- a dead PID in ``.handle_pids.json`` (the server would then never be stopped again);
- a ``postmaster.pid`` whose PID is gone or now belongs to another program (pgserver
  would believe PostgreSQL is up while every connection is refused).
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

import psutil

logger = logging.getLogger(__name__)

_server = None


def _pid_alive(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _postmaster_is_ours(pid: int, pgdata: Path) -> bool:
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return "postgres" in proc.name() or any(str(pgdata) in part for part in proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def prune_stale_state(pgdata: Path) -> list[str]:
    """Remove dead handle PIDs and a stale postmaster.pid. Returns what was pruned.

    Must run under pgserver's inter-process lock (the caller holds it).
    """
    pruned: list[str] = []
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        try:
            pids = json.loads(handles.read_text() or "[]")
        except json.JSONDecodeError:
            pids = []
            pruned.append("unreadable .handle_pids.json")
        alive = [pid for pid in pids if _pid_alive(pid)]
        if alive != pids:
            pruned.extend(f"dead handle pid {pid}" for pid in pids if pid not in alive)
            handles.write_text(json.dumps(alive))

    postmaster = pgdata / "postmaster.pid"
    if postmaster.exists():
        first_line = postmaster.read_text().split("\n", 1)[0].strip()
        pid = int(first_line) if first_line.isdigit() else None
        if pid is None or not _postmaster_is_ours(pid, pgdata):
            postmaster.unlink()
            pruned.append(f"stale postmaster.pid (pid {pid})")
    for line in pruned:
        logger.warning("embedded postgres: pruned %s in %s", line, pgdata)
    return pruned


def ensure_server(pgdata: Path):
    """Start (or attach to) the embedded server for ``pgdata`` and return its handle."""
    global _server
    if _server is not None:
        return _server
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (servers, CI) and falls back to /tmp.
        warnings.simplefilter("ignore")
        from pgserver import get_server
        from pgserver.postgres_server import PostgresServer

    pgdata = pgdata.expanduser().resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        with PostgresServer._lock:
            prune_stale_state(pgdata)
    _server = get_server(pgdata, cleanup_mode="stop")
    return _server


def connection_params(pgdata: Path) -> dict:
    """Host (the unix socket folder), port and user of the running embedded server."""
    info = ensure_server(pgdata).get_postmaster_info()
    return {
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
        "USER": "postgres",
        "PASSWORD": "",
    }
