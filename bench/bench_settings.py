"""The project's settings plus one URL for benchmarks: a minimal authenticated DRF view (the floor
every API view is measured against). Use with DJANGO_SETTINGS_MODULE=bench.bench_settings."""

from sparklio.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
