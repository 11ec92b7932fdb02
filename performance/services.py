"""Performance imports: the only code that writes metric rows.

An upload is read whole in the request (100,000 rows took 2–4 s on two shared cores, see
bench/performance_import.py): the header is found below any title lines, each row is checked,
and the good rows are written with one COPY into a temporary table and one
``INSERT … ON CONFLICT DO UPDATE`` from it. A row's key is workspace, date, campaign, ad
group, ad, channel and variant: importing the same export again (or a corrected one) replaces
the figures rather than adding them twice. Within one file a repeated key is refused, naming
the row it repeats.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from learning.tasks import learning_performance_learn
from performance import layouts, reading, selectors
from performance.models import Layout, MetricRow, PerformanceImport
from sparklio.core.events import workspace_event
from sparklio.core.models import User, Workspace

logger = logging.getLogger(__name__)

# the response and the stored import keep this many refusals; the count is always complete
REJECTIONS_KEPT = 1000
_LIMITS = {
    "campaign": MetricRow._meta.get_field("campaign").max_length,
    "ad_group": MetricRow._meta.get_field("ad_group").max_length,
    "ad": MetricRow._meta.get_field("ad").max_length,
    "channel": MetricRow._meta.get_field("channel").max_length,
    "variant": MetricRow._meta.get_field("variant").max_length,
}
_MAX_AMOUNT = Decimal("1e12")
_MAX_COUNT = 10**15
_COLUMNS = (
    "workspace_id",
    "source_import_id",
    "date",
    "campaign",
    "ad_group",
    "ad",
    "channel",
    "variant",
    "document_id",
    "impressions",
    "clicks",
    "conversions",
    "spend",
    "revenue",
)
_KEY = ("workspace_id", "date", "campaign", "ad_group", "ad", "channel", "variant")
_FIGURES = ("document_id", "impressions", "clicks", "conversions", "spend", "revenue")


@dataclass
class ImportResult:
    record: PerformanceImport
    rejected: list[dict] = field(default_factory=list)


class RowRefused(ValueError):
    pass


def max_file_bytes() -> int:
    return int(settings.PERFORMANCE_MAX_FILE_BYTES)


@dataclass
class _Parsed:
    good: list[tuple] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    rejected_count: int = 0
    skipped: int = 0
    skipped_rows: list[dict] = field(default_factory=list)

    def refuse(self, row: int, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REJECTIONS_KEPT:
            self.rejected.append({"row": row, "reason": reason})

    def skip(self, row: int, reason: str) -> None:
        self.skipped += 1
        if len(self.skipped_rows) < REJECTIONS_KEPT:
            self.skipped_rows.append({"row": row, "reason": reason})


def _read(upload) -> tuple[bytes, str]:
    size = getattr(upload, "size", None) or 0
    if size > max_file_bytes():
        raise ValidationError(
            {"file": [_("The file is larger than the limit of %(mb)d MB.") % {"mb": max_file_bytes() // (1024 * 1024)}]}
        )
    data = upload.read()
    if not data:
        raise ValidationError({"file": [_("The file is empty.")]})
    return data, PurePath(getattr(upload, "name", "") or "").name[:255]


def _header(rows) -> tuple[layouts.Header, list[list]]:
    head = list(itertools.islice(rows, layouts.HEADER_SEARCH_ROWS))
    header = layouts.find_header(head)
    if header is None:
        raise ValidationError(
            {
                "file": [
                    _("No header row in the first %(rows)d rows: expected columns such as %(columns)s.")
                    % {"rows": layouts.HEADER_SEARCH_ROWS, "columns": ", ".join(layouts.REQUIRED)}
                ]
            }
        )
    if header.missing:
        named = "; ".join(f"{name} ({layouts.EXAMPLES[name]})" for name in header.missing)
        raise ValidationError(
            {
                "file": [
                    _("Missing column(s): %(named)s. The header is row %(row)d.") % {"named": named, "row": header.row}
                ]
            }
        )
    return header, head


def _parse(rows, header: layouts.Header, *, workspace_id: int, documents: selectors.DocumentMatcher) -> _Parsed:
    """Check every row; the good ones become tuples in ``_COLUMNS`` order (import id left
    None). One pass with plain locals: this loop is most of an import's time."""
    out = _Parsed()
    cols = header.columns
    top = max(cols.values())
    at = [cols.get(name, -1) for name in (*layouts.TEXT_FIELDS, *layouts.COUNT_FIELDS, *layouts.AMOUNT_FIELDS)]
    i_date, i_campaign, i_group, i_ad, i_document, i_channel, i_variant = at[:7]
    i_impressions, i_clicks, i_conversions, i_spend, i_revenue = figures = at[7:]
    default_channel = "" if header.layout == Layout.GENERIC else header.layout
    text, is_total, empty = reading.to_text, layouts.is_total, reading.EMPTY
    dates: dict = {}  # the same few dates repeat on every row of a file
    seen: dict[tuple, int] = {}

    for number, cells in rows:
        cells.append(None)  # what a missing optional column (index -1) reads
        if len(cells) <= top:
            cells.extend([None] * (top + 1 - len(cells)))
        raw_date, campaign, ad_group, ad = (
            text(cells[i_date]),
            text(cells[i_campaign]),
            text(cells[i_group]),
            text(cells[i_ad]),
        )
        if not (campaign or ad_group or ad):
            if raw_date or any(text(cells[i]) not in empty for i in figures):
                # a summary line with no campaign or ad: the platform's sums
                out.skip(
                    number,
                    f"total line: {raw_date!r}" if is_total(raw_date) else "summary line: no campaign, ad group or ad",
                )
            continue  # else a blank line
        if is_total(raw_date) or is_total(campaign) or is_total(ad_group) or is_total(ad):
            # "Total: Account", "합계": sums of rows we import
            total = next(value for value in (raw_date, campaign, ad_group, ad) if is_total(value))
            out.skip(number, f"total line: {total!r}")
            continue
        try:
            day = dates.get(raw_date)
            if day is None:
                day = dates[raw_date] = _date(raw_date)
            if not campaign:
                raise RowRefused("campaign: empty")
            impressions = _count("impressions", cells[i_impressions])
            clicks = _count("clicks", cells[i_clicks])
            conversions = _amount("conversions", cells[i_conversions])
            spend = _amount("spend", cells[i_spend])
            revenue = _amount("revenue", cells[i_revenue])
            if clicks > impressions:
                raise RowRefused(f"clicks: {clicks} is more than the {impressions} impressions")
            # More conversions than clicks is allowed: Meta and Google count view-through and
            # cross-device conversions, Naver its indirect ones, none of which follow a click.
            channel, variant = text(cells[i_channel]) or default_channel, text(cells[i_variant])
            key = (day, campaign, ad_group, ad, channel, variant)
            if len(campaign) + len(ad_group) + len(ad) + len(channel) + len(variant) > _SHORTEST_LIMIT:
                for name, value in zip(_TEXT_KEY, key[1:], strict=True):
                    if len(value) > _LIMITS[name]:
                        raise RowRefused(f"{name}: longer than {_LIMITS[name]} characters")
        except RowRefused as exc:
            out.refuse(number, str(exc))
            continue
        if key in seen:
            out.refuse(number, f"duplicate of row {seen[key]}: same date, campaign, ad group, ad, channel and variant")
            continue
        seen[key] = number
        document_id = documents.match(text(cells[i_document])) or documents.match(ad)
        out.good.append((workspace_id, None, *key, document_id, impressions, clicks, conversions, spend, revenue))
    return out


_TEXT_KEY = ("campaign", "ad_group", "ad", "channel", "variant")
_SHORTEST_LIMIT = min(_LIMITS.values())  # texts shorter than this in total fit every column
_CENT = Decimal("0.01")


def _date(raw: str):
    if not raw:
        raise RowRefused("date: empty")
    try:
        return reading.to_date(raw)
    except reading.BadValue:
        raise RowRefused(f"date: {raw!r} is not a date") from None


def _count(name: str, raw) -> int:
    try:
        number = reading.to_count(raw)
    except reading.BadValue as exc:
        detail = str(exc)
        raise RowRefused(
            f"{name}: {detail}" if "whole" in detail else f"{name}: {reading.to_text(raw)!r} is not a number"
        ) from None
    if number < 0:
        raise RowRefused(f"{name}: negative ({number})")
    if number > _MAX_COUNT:
        raise RowRefused(f"{name}: {number} is out of range")
    return number


def _amount(name: str, raw) -> Decimal:
    try:
        number = reading.to_decimal(raw)
    except reading.BadValue:
        raise RowRefused(f"{name}: {reading.to_text(raw)!r} is not a number") from None
    if number < 0:
        raise RowRefused(f"{name}: negative ({number})")
    if number >= _MAX_AMOUNT:
        raise RowRefused(f"{name}: {number} is out of range")
    return number.quantize(_CENT)


def _numbered(rows, start: int):
    return zip(itertools.count(start), rows, strict=False)


def performance_import(*, workspace: Workspace, created_by: User | None, upload) -> ImportResult:
    """Read an ad platform's export into the workspace's metric rows; a 400 on ``file`` when
    it cannot be read or lacks a required column (nothing is stored then). Refused rows are
    listed with their reasons and the others are written, with the import's record, in one
    transaction (opened only after the file has been read and checked)."""
    data, name = _read(upload)
    try:
        rows = reading.read_rows(data)
        header, head = _header(rows)
        body = itertools.chain(head[header.row :], rows)
        parsed = _parse(
            _numbered(body, header.row + 1),
            header,
            workspace_id=workspace.pk,
            documents=selectors.document_matcher(workspace.pk),
        )
    except reading.ReadError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    if not (parsed.good or parsed.rejected_count or parsed.skipped):
        raise ValidationError(
            {
                "file": [
                    _("No data rows: the file has a header (row %(row)d) and nothing below it.") % {"row": header.row}
                ]
            }
        )
    with transaction.atomic():
        record = PerformanceImport.objects.create(
            workspace=workspace,
            original_name=name,
            layout=header.layout,
            header_row=header.row,
            imported=len(parsed.good),
            skipped=parsed.skipped,
            skipped_rows=parsed.skipped_rows,
            rejected_count=parsed.rejected_count,
            rejected=parsed.rejected,
            size=len(data),
            created_by=created_by,
        )
        if parsed.good:
            record.inserted, record.updated = _upsert(parsed.good, import_id=record.pk)
            record.unchanged = record.imported - record.inserted - record.updated
            record.save(update_fields=["inserted", "updated", "unchanged"])
            # the brands whose documents these rows name learn from them (learning/services.py)
            transaction.on_commit(lambda: _learn_from(workspace.pk))
        workspace_event(
            workspace_id=workspace.pk,
            event={
                "type": "performance.imported",
                "import": record.pk,
                "imported": record.imported,
                "inserted": record.inserted,
                "updated": record.updated,
                "unchanged": record.unchanged,
                "rejected": record.rejected_count,
            },
        )
    logger.info(
        "performance import %s: %s rows (%s new, %s updated, %s unchanged), %s refused, %s skipped (%s)",
        record.pk,
        record.imported,
        record.inserted,
        record.updated,
        record.unchanged,
        record.rejected_count,
        record.skipped,
        record.layout,
    )
    return ImportResult(record=record, rejected=parsed.rejected)


def _learn_from(workspace_id: int) -> None:
    performance = selectors.document_performance(workspace_id)
    if performance:
        learning_performance_learn.delay(workspace_id, {str(pk): row for pk, row in performance.items()})


def _upsert(rows: list[tuple], *, import_id: int) -> tuple[int, int]:
    """COPY into a temporary table, then one upsert from it, in key order (the unique index is
    then walked in order). A row whose figures did not change is left as it is: re-importing a
    file writes nothing but the changes. The ORM's bulk_create of the same rows took three times
    as long (bench/performance_import.py).

    Returns (inserted, updated): a row written by the INSERT has no deleting transaction yet
    (``xmax = 0``), one written by the DO UPDATE has; the rows the WHERE left alone are not
    returned at all (the caller counts them as unchanged)."""
    table = MetricRow._meta.db_table
    columns = ", ".join(_COLUMNS)
    updated = ", ".join(f"{name} = EXCLUDED.{name}" for name in _COLUMNS if name not in _KEY)
    # names from the model's own metadata and constants above: nothing of the upload is in the SQL
    with connection.cursor() as cursor:
        create = f"CREATE TEMP TABLE performance_stage ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
        cursor.execute(create)
        with cursor.copy(f"COPY performance_stage ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((row[0], import_id, *row[2:]))
        upsert = (
            f"WITH written AS (INSERT INTO {table} ({columns}) SELECT {columns} FROM performance_stage "  # noqa: S608
            f"ORDER BY {', '.join(_KEY)} "
            f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updated} "
            f"WHERE ({', '.join(f'{table}.{name}' for name in _FIGURES)}) "
            f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{name}' for name in _FIGURES)}) "
            f"RETURNING ({table}.xmax = 0) AS inserted) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written"
        )
        cursor.execute(upsert)
        inserted, updated_count = cursor.fetchone()
        cursor.execute("DROP TABLE performance_stage")
    return inserted, updated_count
