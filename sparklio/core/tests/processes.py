"""For tests and benchmarks that start other processes (a Celery worker, daphne): how they
reach this process's database, and a free loopback port."""

import socket

from django.db import connection


def database_url() -> str:
    """DATABASE_URL of the database this process uses (the test database under pytest)."""
    db = connection.settings_dict
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    return f"postgres://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}&port={db['PORT'] or 5432}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
