"""A metric drawn as a PNG: a line by day, bars for other groupings (the 20 largest by spend).

matplotlib draws with the Agg backend through its object API (no pyplot state, so requests on
several threads do not share a figure), in the renderer's Korean font (Noto Sans CJK KR,
documents/render/fonts.py) so that Hangul campaign names and labels show.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter, DayLocator
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter

from documents.render.fonts import DEFAULT_FAMILY, resolve

MAX_BARS = 20
LABELS = {
    "impressions": ("노출수", "Impressions"),
    "clicks": ("클릭수", "Clicks"),
    "conversions": ("전환수", "Conversions"),
    "spend": ("광고비", "Spend"),
    "revenue": ("매출", "Revenue"),
    "ctr": ("클릭률", "CTR"),
    "cvr": ("전환율", "CVR"),
    "cpc": ("클릭당 비용", "CPC"),
    "cpa": ("전환당 비용", "CPA"),
    "roas": ("광고수익률", "ROAS"),
}
GROUP_LABELS = {
    "day": "일별",
    "campaign": "캠페인별",
    "ad": "광고별",
    "document": "문서별",
    "channel": "채널별",
    "variant": "변형별",
}
PERCENT = {"ctr", "cvr", "roas"}
NO_DATA = "데이터 없음 / No data"
MAX_DAY_TICKS = 12


@functools.cache
def font_family() -> str:
    """Register the renderer's Korean face with matplotlib once; its family name."""
    face = resolve(DEFAULT_FAMILY, 400)
    font_manager.fontManager.addfont(face.path)
    entries = [entry for entry in font_manager.fontManager.ttflist if entry.fname == face.path]
    chosen = next((entry for entry in entries if getattr(entry, "index", 0) == face.index), entries[0])
    return chosen.name


def font_context():
    """matplotlib's settings for a chart in Korean: the figure is drawn (and saved) inside it."""
    return matplotlib.rc_context({"font.family": [font_family(), "DejaVu Sans"], "axes.unicode_minus": False})


def render_chart(groups: list[dict], *, metric: str, group_by: str) -> bytes:
    # rc_context: the font holds for this figure's texts (ticks, title, labels) as they are drawn
    with font_context():
        figure = draw(groups, metric=metric, group_by=group_by)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def draw(groups: list[dict], *, metric: str, group_by: str) -> Figure:
    """The chart as a matplotlib figure, its texts in the Korean font."""
    with font_context():
        return _draw(groups, metric=metric, group_by=group_by)


def _draw(groups: list[dict], *, metric: str, group_by: str) -> Figure:
    korean, english = LABELS[metric]
    scale = 100 if metric in PERCENT else 1
    figure = Figure(figsize=(10, 5.4), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(f"{GROUP_LABELS[group_by]} {korean} ({english})", fontsize=15)
    if not groups:
        # no axis of made-up numbers (matplotlib's 0–1): the frame and the message only
        axes.set_xticks([])
        axes.set_yticks([])
        axes.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=18, color="#666666", transform=axes.transAxes)
        return figure
    axes.set_ylabel(f"{korean} ({english})")
    # percentages with as many decimals as the axis' range needs (never "1.2%, 1.2%")
    axes.yaxis.set_major_formatter(_Percent() if metric in PERCENT else FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.grid(axis="y", alpha=0.3)
    if group_by == "day":
        days = [group["date"] for group in groups]
        values = [float("nan") if group[metric] is None else group[metric] * scale for group in groups]
        axes.plot(days, values, marker="o", color="#3b5bdb", linewidth=2)
        axes.set_xlabel("날짜 (date)")
        _day_axis(axes, min(days), max(days))
        figure.autofmt_xdate()
    else:
        shown = groups[:MAX_BARS]
        axes.bar(range(len(shown)), [(group[metric] or 0) * scale for group in shown], color="#3b5bdb")
        axes.set_xticks(
            range(len(shown)), [(group["label"] or "(없음)")[:24] for group in shown], rotation=30, ha="right"
        )
    return figure


def _day_axis(axes, first: dt.date, last: dt.date) -> None:
    """Ticks on whole days, never hours: one a day for a short period (every n-th day up to
    about two months), matplotlib's date locator for longer ones; half a day of margin so
    the first and last points are not on the frame."""
    span = (last - first).days + 1
    start, end = (dt.datetime.combine(day, dt.time()) for day in (first, last))
    axes.set_xlim(start - dt.timedelta(hours=12), end + dt.timedelta(hours=12))
    if span <= 5 * MAX_DAY_TICKS:
        axes.xaxis.set_major_locator(DayLocator(interval=max(1, math.ceil(span / MAX_DAY_TICKS))))
        axes.xaxis.set_major_formatter(DateFormatter("%m-%d"))
    else:
        locator = AutoDateLocator(minticks=4, maxticks=MAX_DAY_TICKS)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(DateFormatter("%Y-%m" if span > 90 else "%m-%d"))


class _Percent(Formatter):
    """Percent ticks with the fewest decimals that show each tick exactly: 1.05%, 1.10%, not
    1.1%, 1.1% (one decimal) nor 1.050% (a fixed three)."""

    def __call__(self, value, pos=None) -> str:
        return f"{value:,.2f}%"

    def format_ticks(self, values) -> list[str]:
        values = list(values)
        for decimals in range(5):
            if all(abs(round(value, decimals) - value) < 1e-9 * max(1.0, abs(value)) for value in values):
                return [f"{value:,.{decimals}f}%" for value in values]
        return [self(value) for value in values]
