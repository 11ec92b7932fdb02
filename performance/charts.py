"""A metric drawn as a PNG: a line by day, bars for other groupings (the 20 largest by spend).

matplotlib draws with the Agg backend through its object API (no pyplot state, so requests on
several threads do not share a figure), in the renderer's Korean font (Noto Sans CJK KR,
documents/render/fonts.py) so that Hangul campaign names and labels show.
"""

from __future__ import annotations

import functools
import io

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

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


@functools.cache
def font_family() -> str:
    """Register the renderer's Korean face with matplotlib once; its family name."""
    face = resolve(DEFAULT_FAMILY, 400)
    font_manager.fontManager.addfont(face.path)
    entries = [entry for entry in font_manager.fontManager.ttflist if entry.fname == face.path]
    chosen = next((entry for entry in entries if getattr(entry, "index", 0) == face.index), entries[0])
    return chosen.name


def render_chart(groups: list[dict], *, metric: str, group_by: str) -> bytes:
    korean, english = LABELS[metric]
    scale = 100 if metric in PERCENT else 1
    # rc_context: the font holds for this figure's texts (ticks, title, labels) as they are drawn
    with matplotlib.rc_context({"font.family": [font_family(), "DejaVu Sans"], "axes.unicode_minus": False}):
        figure = Figure(figsize=(10, 5.4), dpi=100, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_title(f"{GROUP_LABELS[group_by]} {korean} ({english})", fontsize=15)
        axes.set_ylabel(f"{korean} ({english})")
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda value, _: f"{value:,.1f}%" if metric in PERCENT else f"{value:,.0f}")
        )
        axes.grid(axis="y", alpha=0.3)
        if not groups:
            axes.text(0.5, 0.5, "데이터가 없습니다 (no data)", ha="center", va="center", transform=axes.transAxes)
        elif group_by == "day":
            values = [float("nan") if group[metric] is None else group[metric] * scale for group in groups]
            axes.plot([group["date"] for group in groups], values, marker="o", color="#3b5bdb", linewidth=2)
            axes.set_xlabel("날짜 (date)")
            figure.autofmt_xdate()
        else:
            shown = groups[:MAX_BARS]
            axes.bar(range(len(shown)), [(group[metric] or 0) * scale for group in shown], color="#3b5bdb")
            axes.set_xticks(
                range(len(shown)), [(group["label"] or "(없음)")[:24] for group in shown], rotation=30, ha="right"
            )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
