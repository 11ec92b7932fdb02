"""Reads of the metric rows, aggregated in SQL, already limited to one workspace.

Ratios are computed in the query with the denominator wrapped in NULLIF, so a group with no
impressions (or clicks, spend, conversions) has a null CTR (CVR, ROAS, CPA) rather than an
error: CTR = clicks / impressions, CVR = conversions / clicks, CPC = spend / clicks,
CPA = spend / conversions, ROAS = revenue / spend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, FloatField, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from documents.models import Document
from performance.models import MetricRow, PerformanceImport

METRICS = ("impressions", "clicks", "conversions", "spend", "revenue", "ctr", "cvr", "cpc", "cpa", "roas")
RATIOS = {
    "ctr": ("clicks", "impressions"),
    "cvr": ("conversions", "clicks"),
    "cpc": ("spend", "clicks"),
    "cpa": ("spend", "conversions"),
    "roas": ("revenue", "spend"),
}
# group_by → the row fields that make a group, and the one shown as its label
GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "campaign": (("campaign",), "campaign"),
    "ad": (("campaign", "ad_group", "ad"), "ad"),
    "document": (("document_id", "document__title"), "document__title"),
    "channel": (("channel",), "channel"),
    "variant": (("variant",), "variant"),
    "day": (("date",), "date"),
}


def import_list() -> QuerySet[PerformanceImport]:
    return PerformanceImport.objects.all()


def metric_rows(
    *, workspace_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[MetricRow]:
    rows = MetricRow.objects.filter(workspace_id=workspace_id)
    if date_from is not None:
        rows = rows.filter(date__gte=date_from)
    if date_to is not None:
        rows = rows.filter(date__lte=date_to)
    return rows


def _float(name: str):
    return Cast(Coalesce(Sum(name), Value(0), output_field=FloatField()), FloatField())


def with_totals(rows: QuerySet) -> QuerySet:
    """Sums and ratios of each group of ``rows`` (a ``.values(...)`` queryset), in SQL."""
    sums = {name: _float(name) for name in ("impressions", "clicks", "conversions", "spend", "revenue")}
    rows = rows.annotate(**sums)
    return rows.annotate(**{ratio: F(top) / NullIf(F(bottom), Value(0.0)) for ratio, (top, bottom) in RATIOS.items()})


def summary(
    *,
    workspace_id: int,
    group_by: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[dict]:
    """One entry per group: its key fields, ``label``, the five sums and the five ratios."""
    fields, label = GROUPS[group_by]
    rows = with_totals(metric_rows(workspace_id=workspace_id, date_from=date_from, date_to=date_to).values(*fields))
    ordering = ["date"] if group_by == "day" else ["-spend", "-impressions", *fields]
    groups = []
    for row in rows.order_by(*ordering):
        key = {name: row.pop(name) for name in fields}
        title = key[label]
        if group_by == "document":
            key = {"document": key["document_id"]}
        groups.append({**key, "label": "" if title is None else str(title), **row})
    return groups


def totals(*, workspace_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict:
    rows = metric_rows(workspace_id=workspace_id, date_from=date_from, date_to=date_to)
    found = with_totals(rows.values("workspace_id")).order_by().values(*METRICS)
    return next(iter(found), None) or {
        **dict.fromkeys(("impressions", "clicks", "conversions", "spend", "revenue"), 0.0),
        **dict.fromkeys(RATIOS),
    }


def document_performance(workspace_id: int) -> dict[int, dict]:
    """Every linked document of the workspace and how its ads did, over all imported days:
    ``{document_id: {impressions, clicks, conversions, spend, revenue, ctr, cvr}}``. For the
    features that learn from results (ratios are None where the denominator is 0)."""
    rows = with_totals(
        MetricRow.objects.filter(workspace_id=workspace_id, document__isnull=False).values("document_id")
    )
    keep = ("impressions", "clicks", "conversions", "spend", "revenue", "ctr", "cvr")
    return {row["document_id"]: {name: row[name] for name in keep} for row in rows}


def unit_totals(*, workspace_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[dict]:
    """Sums per campaign, ad group, ad and variant: the units compared within a campaign."""
    rows = metric_rows(workspace_id=workspace_id, date_from=date_from, date_to=date_to)
    return list(
        with_totals(rows.values("campaign", "ad_group", "ad", "variant")).order_by("campaign", "ad_group", "ad")
    )


@dataclass
class DocumentMatcher:
    """Finds the workspace's document an ad names, by id ("42") or by title (any case).
    A title shared by several documents links to none of them."""

    ids: set[int]
    titles: dict[str, int | None]

    def __post_init__(self):
        self._cache: dict[str, int | None] = {}

    def match(self, text: str) -> int | None:
        if not text:
            return None
        if text not in self._cache:
            by_id = text.isdigit() and int(text) in self.ids
            self._cache[text] = int(text) if by_id else self.titles.get(text.casefold())
        return self._cache[text]


def document_matcher(workspace_id: int) -> DocumentMatcher:
    ids: set[int] = set()
    titles: dict[str, int | None] = {}
    for pk, title in Document.objects.filter(workspace_id=workspace_id).values_list("pk", "title"):
        ids.add(pk)
        key = " ".join(title.split()).casefold()
        if key:
            titles[key] = None if key in titles else pk
    return DocumentMatcher(ids=ids, titles=titles)


def has_rows(workspace_id: int) -> bool:
    return MetricRow.objects.filter(workspace_id=workspace_id).exists()
