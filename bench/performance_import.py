"""Importing ad results: 100,000 metric rows in under 10 s.

    .venv/bin/python bench/performance_import.py                  # 100,000 rows, 3 rounds
    .venv/bin/python bench/performance_import.py --rows 20000 --xlsx-rows 20000 --rounds 5

In a workspace of its own (deleted at the end), one generated CSV in the generic layout
(date, campaign, ad, channel, variant, impressions, clicks, conversions, spend, revenue, with
"1,234" and "₩12,000" style numbers as exports write them) is imported through the service the
API calls (``performance_import``: read, header, per-row checks, document matching, COPY into
a temporary table, one upsert). Each round, interleaved:

- floor: the same bytes decoded and split by ``csv.reader`` (no checks, no database);
- parse: reading and checking every row, no database;
- import: the whole service, into an empty workspace (inserts);
- re-import: the same file again (every row replaced by its key: the upsert's update path);
- bulk_create: the checked rows written by the ORM's ``bulk_create(update_conflicts=True,
  batch_size=5000)`` instead of COPY, to show why COPY.

Then the same with an XLSX of ``--xlsx-rows`` rows (written by openpyxl, read by calamine).
Prints the median per step and its ratio to the floor.
"""

import argparse
import csv
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

import itertools  # noqa: E402

import openpyxl  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402

from performance import reading, selectors, services  # noqa: E402
from performance.models import MetricRow  # noqa: E402
from sparklio.core.models import Workspace  # noqa: E402

START = dt.date(2026, 9, 1)
HEADER = ["date", "campaign", "ad", "channel", "variant", "impressions", "clicks", "conversions", "spend", "revenue"]


def rows(count: int) -> list[list]:
    rng = random.Random(7)
    out = []
    days = 90
    ads_per_day = max(1, count // days)
    for index in range(count):
        day, slot = divmod(index, ads_per_day)
        impressions = rng.randint(1_000, 50_000)
        clicks = rng.randint(0, impressions // 20)
        conversions = rng.randint(0, max(1, clicks // 10))
        spend = clicks * rng.randint(200, 900)
        out.append(
            [
                (START + dt.timedelta(days=day)).isoformat(),
                f"캠페인 {slot % 40}",
                f"Ad {slot}",
                rng.choice(["meta", "google_ads", "naver_search"]),
                rng.choice(["A", "B"]),
                f"{impressions:,}",
                f"{clicks:,}",
                str(conversions),
                f"₩{spend:,}",
                f"₩{conversions * rng.randint(20_000, 90_000):,}",
            ]
        )
    return out


def csv_bytes(table: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(table: list[list]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def floor(data: bytes) -> int:
    return sum(1 for _ in reading.read_rows(data))


def parse_only(data: bytes, workspace_id: int) -> int:
    rows_ = reading.read_rows(data)
    header, head = services._header(rows_)
    body = itertools.chain(head[header.row :], rows_)
    parsed = services._parse(
        services._numbered(body, header.row + 1),
        header,
        workspace_id=workspace_id,
        documents=selectors.document_matcher(workspace_id),
    )
    return len(parsed.good)


def import_(data: bytes, workspace: Workspace, name: str) -> int:
    result = services.performance_import(workspace=workspace, created_by=None, upload=SimpleUploadedFile(name, data))
    return result.record.imported


def bulk_create(data: bytes, workspace: Workspace) -> int:
    rows_ = reading.read_rows(data)
    header, head = services._header(rows_)
    body = itertools.chain(head[header.row :], rows_)
    parsed = services._parse(
        services._numbered(body, header.row + 1),
        header,
        workspace_id=workspace.pk,
        documents=selectors.document_matcher(workspace.pk),
    )
    fields = services._COLUMNS
    objects = [MetricRow(**dict(zip(fields, row, strict=True))) for row in parsed.good]
    with transaction.atomic():
        MetricRow.objects.bulk_create(
            objects,
            batch_size=5000,
            update_conflicts=True,
            unique_fields=["workspace", "date", "campaign", "ad_group", "ad", "channel", "variant"],
            update_fields=["impressions", "clicks", "conversions", "spend", "revenue", "document", "source_import"],
        )
    return len(objects)


def timed(fn, *args) -> tuple[float, int]:
    start = time.perf_counter()
    count = fn(*args)
    return time.perf_counter() - start, count


def run(label: str, data: bytes, name: str, rounds: int, with_bulk: bool) -> None:
    print(f"\n{label}: {len(data) / 1e6:.1f} MB")
    steps = ["floor (decode + split)", "parse and check", "import (inserts)", "re-import (upsert replaces)"]
    if with_bulk:
        steps.append("ORM bulk_create instead of COPY")
    times: dict[str, list[float]] = {step: [] for step in steps}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        workspace = Workspace.objects.create(name="bench performance")
        try:
            for step in steps:
                if step.startswith("floor"):
                    seconds, count = timed(floor, data)
                elif step.startswith("parse"):
                    seconds, count = timed(parse_only, data, workspace.pk)
                elif step.startswith("import"):
                    seconds, count = timed(import_, data, workspace, name)
                elif step.startswith("re-import"):
                    seconds, count = timed(import_, data, workspace, name)
                    assert MetricRow.objects.filter(workspace=workspace).count() == count
                else:
                    MetricRow.objects.filter(workspace=workspace).delete()
                    seconds, count = timed(bulk_create, data, workspace)
                times[step].append(seconds)
                counts[step] = count
        finally:
            MetricRow.objects.filter(workspace=workspace).delete()
            workspace.delete()
    base = statistics.median(times[steps[0]])
    for step in steps:
        middle = statistics.median(times[step])
        print(
            f"  {step:<34} {middle:7.2f} s  (min {min(times[step]):.2f}, max {max(times[step]):.2f})  "
            f"{counts[step] / middle:>9,.0f} rows/s  {middle / base:5.1f}× floor"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-bulk", action="store_true", help="skip the bulk_create comparison")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}, rounds: {args.rounds}")
    table = rows(args.rows)
    run(f"CSV, {args.rows:,} rows", csv_bytes(table), "bench.csv", args.rounds, not args.no_bulk)
    if args.xlsx_rows:
        run(
            f"XLSX, {args.xlsx_rows:,} rows",
            xlsx_bytes(rows(args.xlsx_rows)),
            "bench.xlsx",
            args.rounds,
            with_bulk=False,
        )


if __name__ == "__main__":
    main()
