"""Summaries, insights, charts, the selector for other apps and the agent, on rows with known
figures."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image

from agents.base import AgentContext
from agents.registry import get_agent
from conftest import client_for, member
from documents.services import document_create
from documents.tests.test_api import ad
from performance import selectors
from performance.tests.factories import MetricRowFactory

SUMMARY = "/api/v1/performance/summary/"
INSIGHTS = "/api/v1/performance/insights/"
CHART = "/api/v1/performance/chart.png"

pytestmark = pytest.mark.django_db


@pytest.fixture
def ab_rows(workspace):
    """An A/B test on CTR (200 vs 260 clicks of 10,000 impressions: p = 0.00465), a campaign
    with no clicks at all, and a document linked to variant B."""
    document = document_create(workspace=workspace, user=None, content=ad(), title="Holiday B")
    day = dt.date(2026, 12, 1)
    MetricRowFactory(
        workspace=workspace,
        date=day,
        campaign="Holiday",
        ad="Hero",
        variant="A",
        impressions=10_000,
        clicks=200,
        conversions=10,
        spend=50_000,
        revenue=300_000,
    )
    MetricRowFactory(
        workspace=workspace,
        date=day,
        campaign="Holiday",
        ad="Hero",
        variant="B",
        impressions=10_000,
        clicks=260,
        conversions=13,
        spend=50_000,
        revenue=390_000,
        document=document,
    )
    MetricRowFactory(
        workspace=workspace,
        date=day,
        campaign="Silent",
        ad="Nothing",
        channel="naver_search",
        impressions=0,
        clicks=0,
        conversions=0,
        spend=0,
        revenue=0,
    )
    return document


def test_summary_by_campaign_with_ratios_and_nulls(owner_client, workspace, ab_rows):
    body = owner_client.get(SUMMARY, {"workspace": workspace.pk, "group_by": "campaign"}).json()
    groups = {group["campaign"]: group for group in body["groups"]}
    holiday = groups["Holiday"]
    assert (holiday["impressions"], holiday["clicks"], holiday["conversions"]) == (20_000, 460, 23)
    assert holiday["ctr"] == pytest.approx(0.023) and holiday["cvr"] == pytest.approx(23 / 460)
    assert holiday["cpc"] == pytest.approx(100_000 / 460) and holiday["cpa"] == pytest.approx(100_000 / 23)
    assert holiday["roas"] == pytest.approx(6.9)
    silent = groups["Silent"]
    assert [silent[name] for name in ("ctr", "cvr", "cpc", "cpa", "roas")] == [None] * 5


@pytest.mark.parametrize(
    ("group_by", "labels"),
    [
        ("variant", {"A", "B", ""}),
        ("channel", {"meta", "naver_search"}),
        ("day", {"2026-12-01"}),
        ("document", {"Holiday B", ""}),
        ("ad", {"Hero", "Nothing"}),
    ],
)
def test_summary_groupings(owner_client, workspace, ab_rows, group_by, labels):
    body = owner_client.get(SUMMARY, {"workspace": workspace.pk, "group_by": group_by}).json()
    assert body["group_by"] == group_by and {group["label"] for group in body["groups"]} == labels
    if group_by == "document":
        linked = next(group for group in body["groups"] if group["document"] == ab_rows.pk)
        assert linked["clicks"] == 260


def test_summary_date_window(owner_client, workspace, ab_rows):
    MetricRowFactory(workspace=workspace, date=dt.date(2026, 11, 1), campaign="Old", impressions=5, clicks=1)
    inside = owner_client.get(
        SUMMARY, {"workspace": workspace.pk, "group_by": "campaign", "date_from": "2026-11-15", "date_to": "2026-12-31"}
    ).json()
    assert "Old" not in {group["campaign"] for group in inside["groups"]}
    backwards = owner_client.get(
        SUMMARY, {"workspace": workspace.pk, "group_by": "day", "date_from": "2026-12-02", "date_to": "2026-12-01"}
    )
    assert backwards.status_code == 400 and "date_to" in backwards.json()["errors"]


def test_bad_group_by_and_metric_are_400_naming_them(owner_client, workspace):
    response = owner_client.get(SUMMARY, {"workspace": workspace.pk, "group_by": "weather"})
    assert response.status_code == 400 and response.json()["detail"].startswith("group_by")
    response = owner_client.get(CHART, {"workspace": workspace.pk, "metric": "happiness"})
    assert response.status_code == 400 and response.json()["detail"].startswith("metric")
    response = owner_client.get(SUMMARY, {"group_by": "day"})
    assert response.status_code == 400 and "workspace" in response.json()["errors"]


def test_another_workspace_is_neither_read_nor_mixed_in(owner_client, workspace, other_workspace, ab_rows):
    MetricRowFactory(workspace=other_workspace, campaign="Holiday", impressions=99_999, clicks=9_999)
    stranger = client_for(member(other_workspace, "owner"))
    for path, extra in ((SUMMARY, {"group_by": "campaign"}), (INSIGHTS, {}), (CHART, {"metric": "ctr"})):
        response = stranger.get(path, {"workspace": workspace.pk, **extra})
        assert response.status_code == 400 and "workspace" in response.json()["errors"], path
    own = owner_client.get(SUMMARY, {"workspace": workspace.pk, "group_by": "campaign"}).json()
    assert next(g for g in own["groups"] if g["campaign"] == "Holiday")["impressions"] == 20_000


def test_insights_name_performers_tests_and_recommendations(owner_client, workspace, ab_rows):
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "min_clicks": 100}).json()
    assert body["metric"] == "roas" and "revenue" in body["metric_reason"]
    assert body["min_volume"] == {"impressions": 1000, "clicks": 100}
    # two ads: the upper half is best, the other worst (never both in best)
    assert [item["variant"] for item in body["best"]] == ["B"] and [item["variant"] for item in body["worst"]] == ["A"]
    assert body["best"][0]["value"] == pytest.approx(7.8)
    ctr = next(test for test in body["variant_tests"] if test["metric"] == "ctr")
    assert ctr["campaign"] == "Holiday" and ctr["test"] == "two-proportion z-test (pooled, two-sided)"
    assert (ctr["a"]["label"], ctr["b"]["label"]) == ("B", "A")
    assert ctr["p_value"] == pytest.approx(0.0046511, abs=1e-6) and ctr["z"] == pytest.approx(2.8303, abs=1e-4)
    assert ctr["significant"] is True
    cvr = next(test for test in body["variant_tests"] if test["metric"] == "cvr")
    assert cvr["significant"] is False  # 13/260 and 10/200 are the same rate
    texts = [item["en"] for item in body["recommendations"]]
    assert any("beats A on CTR" in text for text in texts)
    assert all(item["ko"] for item in body["recommendations"])


def test_insights_rank_by_a_chosen_metric_with_a_minimum_volume(owner_client, workspace, ab_rows):
    MetricRowFactory(workspace=workspace, campaign="Tiny", ad="Lucky", impressions=50, clicks=25)
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "ctr"}).json()
    ranked = [item["label"] for item in body["best"] + body["worst"]]
    assert "Tiny / Lucky" not in ranked  # 50% CTR, but under 1,000 impressions
    assert body["best"][0]["label"] == "Holiday / Hero / B" and body["best"][0]["value"] == pytest.approx(0.026)


def test_insights_find_an_unusual_day(owner_client, workspace):
    for offset in range(10):
        clicks = 400 if offset == 6 else 100 + offset % 3
        MetricRowFactory(
            workspace=workspace,
            date=dt.date(2026, 11, 1) + dt.timedelta(days=offset),
            campaign="Daily",
            ad="One",
            impressions=10_000,
            clicks=clicks,
            spend=Decimal(50_000),
        )
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk}).json()
    assert [(item["date"], item["metric"], item["direction"]) for item in body["anomalies"]] == [
        ("2026-11-07", "ctr", "high")
    ]
    assert body["anomalies"][0]["method"].startswith("robust z-score")
    assert any("2026-11-07" in item["ko"] for item in body["recommendations"])


def test_insights_without_rows(owner_client, workspace):
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk}).json()
    assert body["metric"] is None and body["best"] == [] and body["recommendations"][0]["ko"]


def _png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def test_chart_is_a_png_that_is_not_blank(owner_client, workspace, ab_rows):
    for offset in range(1, 5):
        MetricRowFactory(
            workspace=workspace,
            date=dt.date(2026, 12, 1) + dt.timedelta(days=offset),
            campaign="Holiday",
            impressions=10_000,
            clicks=150 + 30 * offset,
        )
    image = _png(owner_client.get(CHART, {"workspace": workspace.pk, "metric": "ctr", "group_by": "day"}))
    assert image.size[0] > 0 and image.size[1] > 0
    colors = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colors) > 50  # text, axes and the line, not one flat colour
    bars = _png(owner_client.get(CHART, {"workspace": workspace.pk, "metric": "spend", "group_by": "campaign"}))
    assert bars.size == image.size
    empty = _png(owner_client.get(CHART, {"workspace": workspace.pk, "metric": "roas", "date_from": "2030-01-01"}))
    assert len(empty.convert("RGB").getcolors(maxcolors=1_000_000)) > 2


def test_document_performance_selector(workspace, other_workspace, ab_rows):
    MetricRowFactory(workspace=other_workspace, document=None)
    found = selectors.document_performance(workspace.pk)
    assert set(found) == {ab_rows.pk}
    figures = found[ab_rows.pk]
    assert (figures["impressions"], figures["clicks"], figures["conversions"]) == (10_000, 260, 13)
    assert figures["ctr"] == pytest.approx(0.026) and figures["cvr"] == pytest.approx(0.05)
    assert set(figures) == {"impressions", "clicks", "conversions", "spend", "revenue", "ctr", "cvr"}
    assert selectors.document_performance(other_workspace.pk) == {}


def test_the_agent_gives_the_insights(workspace, ab_rows):
    agent = get_agent("performance_analyzer")
    output = agent.run(agent.Input(metric="ctr", min_impressions=100), AgentContext(workspace_id=workspace.pk))
    assert output.metric == "ctr" and output.best[0]["variant"] == "B"
    assert output.method == "statistics (offline)"
    with pytest.raises(ValueError):
        agent.Input(date_from="2026-12-02", date_to="2026-12-01")


@pytest.mark.django_db(transaction=True)
def test_the_agent_runs_through_the_agents_api(owner_client, workspace, ab_rows):
    response = owner_client.post(
        "/api/v1/agents/performance_analyzer/runs/", {"input": {"metric": "ctr"}}, format="json"
    )
    assert response.status_code == 202, response.json()
    run = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert run["status"] == "succeeded", run
    assert run["output"]["best"][0]["variant"] == "B" and run["output"]["recommendations"]
    bad = owner_client.post("/api/v1/agents/performance_analyzer/runs/", {"input": {"metric": "vibes"}}, format="json")
    assert bad.status_code == 400 and "input.metric" in bad.json()["errors"]


# What a client found reading the insights and charts


def _ad(workspace, name: str, **figures):
    values = {"impressions": 10_000, "clicks": 200, "conversions": 10, "spend": 50_000, "revenue": 100_000}
    MetricRowFactory(workspace=workspace, date=dt.date(2026, 12, 1), campaign="Few", ad=name, **{**values, **figures})


@pytest.mark.parametrize(
    ("roases", "best", "worst"),
    [
        ((3.0, 2.0, 0.0), ["R3.0", "R2.0"], ["R0.0"]),  # ceil(3/2) = 2 best, the rest worst
        ((3.0, 2.0), ["R3.0"], ["R2.0"]),
        ((3.0,), ["R3.0"], []),  # one ad alone is only best
        ((3.0, 0.0, 0.0), ["R3.0"], ["R0.0", "R0.0"]),  # a zero ROAS is never a best
        ((0.0,), [], ["R0.0"]),
        ((8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0), ["R8.0", "R7.0", "R6.0"], ["R1.0", "R2.0", "R3.0"]),
    ],
)
def test_best_and_worst_are_disjoint_halves_without_a_zero_best(owner_client, workspace, roases, best, worst):
    for index, roas in enumerate(roases):
        _ad(workspace, f"{index}", revenue=int(50_000 * roas))
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "roas"}).json()
    assert [f"R{item['value']:.1f}" for item in body["best"]] == best
    assert [f"R{item['value']:.1f}" for item in body["worst"]] == worst
    assert not {item["label"] for item in body["best"]} & {item["label"] for item in body["worst"]}


def test_korean_recommendations_take_the_particle_of_the_metric_name(owner_client, workspace):
    _ad(workspace, "High", revenue=300_000, clicks=300)
    _ad(workspace, "Low", revenue=20_000, clicks=100)
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "roas"}).json()
    korean = [item["ko"] for item in body["recommendations"]]
    assert any("광고수익률(ROAS)이 600%로" in text for text in korean), korean
    assert not any("(ROAS)가" in text for text in korean)
    MetricRowFactory(workspace=workspace, campaign="AB", ad="x", variant="A", impressions=10_000, clicks=200)
    MetricRowFactory(workspace=workspace, campaign="AB", ad="x", variant="B", impressions=10_000, clicks=300)
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "ctr"}).json()
    korean = [item["ko"] for item in body["recommendations"]]
    assert any("클릭률(CTR)(3.00%)이 A" in text for text in korean), korean
    assert any("클릭률(CTR)이 " in text for text in korean) and not any("(CTR)가" in text for text in korean)


def test_a_cvr_above_100_percent_is_a_data_note_not_a_recommendation(owner_client, workspace):
    _ad(workspace, "Viewthrough", clicks=100, conversions=200, revenue=0)
    _ad(workspace, "Normal", clicks=100, conversions=5, revenue=0)
    _ad(workspace, "Weak", clicks=100, conversions=1, revenue=0)
    body = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "cvr"}).json()
    ranked = [item["label"] for item in body["best"] + body["worst"]]
    assert "Few / Viewthrough" not in ranked and ranked == ["Few / Normal", "Few / Weak"]
    assert not any("200.00%" in item["en"] for item in body["recommendations"])
    assert [(note["label"], note["metric"], note["value"]) for note in body["data_notes"]] == [
        ("Few / Viewthrough", "cvr", 2.0)
    ]
    assert "200.00%" in body["data_notes"][0]["en"] and "200.00%로" in body["data_notes"][0]["ko"]
    assert all(test["a"]["rate"] <= 1 for test in body["variant_tests"] if test["metric"] == "cvr")
    # the summary keeps the ratio as reported
    summary = owner_client.get(SUMMARY, {"workspace": workspace.pk, "group_by": "ad"}).json()
    assert next(g for g in summary["groups"] if g["ad"] == "Viewthrough")["cvr"] == pytest.approx(2.0)
    # chosen automatically, CVR is not the metric when the whole period has more conversions than clicks
    _ad(workspace, "More", clicks=100, conversions=400, revenue=0)
    auto = owner_client.get(INSIGHTS, {"workspace": workspace.pk}).json()
    assert auto["metric"] == "ctr" and auto["data_notes"][0]["label"] == "전체 / overall"
    asked = owner_client.get(INSIGHTS, {"workspace": workspace.pk, "metric": "cvr"}).json()
    texts = [item["en"] + item["ko"] for item in asked["recommendations"]]
    assert texts and not any("151.50%" in text for text in texts)  # the period's 606 / 400: no yardstick
    assert any("Few / Normal" in text and "the best of the ads ranked" in text for text in texts), texts


def _tick_labels(figure, axis: str = "x") -> list[str]:
    from performance import charts

    with charts.font_context():
        figure.canvas.draw()
    axes = figure.axes[0]
    ticks = axes.get_xticklabels() if axis == "x" else axes.get_yticklabels()
    return [tick.get_text() for tick in ticks if tick.get_text()]


def test_a_short_daily_chart_has_one_tick_a_day(workspace):
    from performance import charts

    groups = [
        {"date": dt.date(2026, 11, 1) + dt.timedelta(days=offset), "ctr": 0.01 * (offset + 1), "label": ""}
        for offset in range(3)
    ]
    short = charts.draw(groups, metric="ctr", group_by="day")
    assert _tick_labels(short) == ["11-01", "11-02", "11-03"]
    percents = _tick_labels(short, "y")
    assert len(set(percents)) == len(percents) and "2.00%" in percents  # no "1.2%, 1.2%" from rounding
    assert _tick_labels(charts.draw(groups[:1], metric="ctr", group_by="day")) == ["11-01"]
    month = [{"date": dt.date(2026, 11, 1) + dt.timedelta(days=offset), "ctr": 0.02} for offset in range(30)]
    labels = _tick_labels(charts.draw(month, metric="ctr", group_by="day"))
    assert 5 <= len(labels) <= 16 and all(len(label) == 5 and label[2] == "-" for label in labels)
    year = [{"date": dt.date(2026, 1, 1) + dt.timedelta(days=offset), "ctr": 0.02} for offset in range(365)]
    assert all(" " not in label for label in _tick_labels(charts.draw(year, metric="ctr", group_by="day")))


def test_a_chart_without_data_says_so_instead_of_drawing_an_axis(workspace):
    from performance import charts

    figure = charts.draw([], metric="roas", group_by="day")
    assert _tick_labels(figure, "x") == [] and _tick_labels(figure, "y") == []
    assert [text.get_text() for text in figure.axes[0].texts] == ["데이터 없음 / No data"]
