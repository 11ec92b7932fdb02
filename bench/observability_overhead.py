"""What metrics and request logging cost per request and per query, measured in one process.

Interleaved rounds of the same authenticated GET (`/api/v1/auth/me/`, Bearer token, Django's test
client: no network, no server) through the project's middleware stack with and without
the observability middlewares (django-prometheus before/after, the request id and access line);
and the same `SELECT 1` through psycopg's plain cursor and through django-prometheus' counting
cursor. Run: `python bench/observability_overhead.py [rounds] [requests-per-round]`.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")
os.environ.setdefault("API_THROTTLE_USER", "")
os.environ.setdefault("API_THROTTLE_ANON", "")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

OBSERVABILITY = {
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "sparklio.core.requestid.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
}


def per_request_ms(client: Client, headers: dict, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        response = client.get("/api/v1/auth/me/", **headers)
        assert response.status_code == 200, response.status_code
    return (time.perf_counter() - started) * 1000 / n


def per_query_us(cursor_of, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        with cursor_of() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    return (time.perf_counter() - started) * 1e6 / n


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    call_command("migrate", verbosity=0)
    from sparklio.core.models import User
    from sparklio.core.services import token_issue

    user, _ = User.objects.get_or_create(username="bench-observability")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=user).key}"}
    # The access line is written as in production, to a handler that discards it (the cost of
    # formatting and masking is counted, not of the terminal).
    logging.getLogger().handlers[0].stream = open(os.devnull, "w")  # noqa: SIM115
    without = [m for m in settings.MIDDLEWARE if m not in OBSERVABILITY]
    results = {"with": [], "without": [], "plain cursor": [], "counting cursor": []}
    client = Client()
    per_request_ms(client, headers, 50)  # warm
    for _ in range(rounds):
        results["with"].append(per_request_ms(client, headers, n))
        with override_settings(MIDDLEWARE=without):
            results["without"].append(per_request_ms(Client(), headers, n))
        connection.ensure_connection()
        raw = connection.connection
        results["plain cursor"].append(per_query_us(lambda raw=raw: psycopg.Cursor(raw), n * 5))
        results["counting cursor"].append(per_query_us(lambda raw=raw: raw.cursor(), n * 5))
    med = {k: statistics.median(v) for k, v in results.items()}
    parts = component_costs_us()
    print(f"{rounds} rounds × {n} requests (queries × 5), medians; CPU: {os.cpu_count()} cores")
    print(f"GET /api/v1/auth/me/ with observability    {med['with']:.3f} ms")
    print(f"GET /api/v1/auth/me/ without               {med['without']:.3f} ms")
    print(f"  difference {med['with'] - med['without']:+.3f} ms, ratio {med['with'] / med['without']:.3f}")
    print(f"SELECT 1, psycopg's plain cursor            {med['plain cursor']:.1f} µs")
    print(f"SELECT 1, django-prometheus' counting cursor {med['counting cursor']:.1f} µs")
    print(f"  difference {med['counting cursor'] - med['plain cursor']:+.1f} µs")
    for name, cost in parts.items():
        print(f"{name:44} {cost:.1f} µs")


def component_costs_us(n: int = 5000) -> dict[str, float]:
    """The parts one by one: the access line in both formats, one counter and one histogram update."""
    import timeit

    from django_prometheus.db import execute_total, query_duration_seconds

    from sparklio.core.logs import MaskingJsonFormatter
    from sparklio.core.requestid import access_logger, safe_query

    extra = {
        "method": "GET",
        "path": "/api/v1/auth/me/",
        "query": safe_query("page=2&token=abc"),
        "status": 200,
        "duration_ms": 1.0,
        "view": "auth-me",
        "client": "127.0.0.1",
    }

    def line():
        access_logger.info("%s %s %s %.1fms", "GET", "/api/v1/auth/me/", 200, 1.0, extra=extra)

    def histogram():
        with query_duration_seconds.labels(alias="default", vendor="postgresql").time():
            pass

    handler = logging.getLogger().handlers[0]
    costs = {"access line, plain": timeit.timeit(line, number=n) / n * 1e6}
    plain = handler.formatter
    handler.setFormatter(MaskingJsonFormatter())
    costs["access line, LOG_FORMAT=json"] = timeit.timeit(line, number=n) / n * 1e6
    handler.setFormatter(plain)
    costs["a counter's labels() and inc()"] = (
        timeit.timeit(lambda: execute_total.labels("default", "postgresql").inc(), number=n) / n * 1e6
    )
    costs["a histogram's labels() and time()"] = timeit.timeit(histogram, number=n) / n * 1e6
    return costs


if __name__ == "__main__":
    main()
