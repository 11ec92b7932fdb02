"""What the imported results say: best and worst ads, variants that really differ, unusual
days, and what to do about them, in English and Korean.

- Performers are ads (campaign / ad group / ad, and variant when given) ranked by one metric:
  ROAS when the workspace has revenue, else CVR when it has conversions, else CTR (or the one
  asked for). Only ads with enough volume take part: ``min_impressions`` for every metric, and
  ``min_clicks`` as well for CVR, CPA and ROAS.
- Variants within a campaign (the ``variant`` column, else its ads) are compared on CTR and
  CVR: the leader against each other one with a two-proportion z-test, p-values Holm-adjusted
  within the campaign, significant below ``alpha``. A pair is tested only when each side
  expects at least 5 successes and 5 failures (the normal approximation's usual condition).
- Unusual days: the robust z-score of daily CTR and of daily spend, beyond 3.5, from 7 days on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from performance import selectors, stats
from sparklio.language.korean import particle

PERFORMER_METRICS = ("auto", "ctr", "cvr", "roas", "cpa")
LOWER_IS_BETTER = {"cpa", "cpc"}
MIN_DAYS_FOR_ANOMALIES = 7
MIN_EXPECTED = 5
MAX_NOTES = 20

NAMES_KO = {
    "ctr": "클릭률(CTR)",
    "cvr": "전환율(CVR)",
    "roas": "광고수익률(ROAS)",
    "cpa": "전환당 비용(CPA)",
    "cpc": "클릭당 비용(CPC)",
    "spend": "광고비",
}
NAMES_EN = {"ctr": "CTR", "cvr": "CVR", "roas": "ROAS", "cpa": "CPA", "cpc": "CPC", "spend": "spend"}


@dataclass(frozen=True)
class Options:
    metric: str = "auto"
    min_impressions: int = 1000
    min_clicks: int = 50
    alpha: float = 0.05
    top: int = 3
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def show(metric: str, value: float | None) -> str:
    if value is None:
        return "—"
    if metric in ("ctr", "cvr"):
        return f"{value * 100:.2f}%"
    if metric == "roas":
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}"


def _label(unit: dict) -> str:
    parts = [unit["campaign"], unit.get("ad_group", ""), unit.get("ad", ""), unit.get("variant", "")]
    return " / ".join(part for part in parts if part)


def choose_metric(totals: dict, asked: str) -> tuple[str, str]:
    if asked != "auto":
        return asked, "asked for"
    if (totals["revenue"] or 0) > 0 and (totals["spend"] or 0) > 0:
        return "roas", "revenue was reported, so return on ad spend"
    if (totals["conversions"] or 0) > 0 and not impossible_cvr(totals):
        return "cvr", "conversions were reported but no revenue, so conversion rate"
    if (totals["conversions"] or 0) > 0:
        return "ctr", "more conversions than clicks were reported (view-through), so click-through rate"
    return "ctr", "no conversions were reported, so click-through rate"


def _ko(name: str, form: str) -> str:
    """The particle for a Korean metric name, chosen by its last Hangul syllable before the
    parentheses: "광고수익률(ROAS)" takes 이 (률), "광고비" takes 가."""
    return particle(re.sub(r"\s*\([^)]*\)", "", name).strip() or name, form)


def _ro(value: str) -> str:
    """A shown figure with 으로/로: "3.00%로", "50,000으로" ("—" for none reads 로)."""
    return value + ("로" if value == "—" else particle(value, "으로"))


def impossible_cvr(unit: dict) -> bool:
    """More conversions than clicks (view-through and cross-device conversions): kept in the
    summary as reported, but no rate to rank or to test."""
    return unit.get("cvr") is not None and unit["cvr"] > 1


def _eligible(unit: dict, metric: str, options: Options) -> bool:
    if unit["impressions"] < options.min_impressions or unit.get(metric) is None:
        return False
    if metric == "cvr" and impossible_cvr(unit):
        return False
    return metric == "ctr" or unit["clicks"] >= options.min_clicks


def performers(units: list[dict], metric: str, options: Options) -> tuple[list[dict], list[dict]]:
    """The best and the worst of the eligible ads, two disjoint halves: at most ``top`` of the
    upper half (ceil(n/2), so one ad alone is only best) and at most ``top`` of the rest,
    worst first. An ad whose ROAS, CVR or CTR is 0 is never a best."""
    higher_is_better = metric not in LOWER_IS_BETTER
    ranked = sorted(
        (unit for unit in units if _eligible(unit, metric, options)),
        key=lambda unit: unit[metric],
        reverse=higher_is_better,
    )
    upper = ranked[: math.ceil(len(ranked) / 2)]
    if higher_is_better:
        upper = [unit for unit in upper if unit[metric] > 0]  # a prefix still: the list is sorted
    best = upper[: options.top]
    worst = list(reversed(ranked[len(upper) :]))[: options.top]
    entry = [
        "campaign",
        "ad_group",
        "ad",
        "variant",
        "impressions",
        "clicks",
        "conversions",
        "spend",
        "revenue",
        "ctr",
        "cvr",
        "cpa",
        "roas",
    ]
    shape = lambda unit: {"label": _label(unit), "value": unit[metric], **{k: unit[k] for k in entry}}  # noqa: E731
    return [shape(unit) for unit in best], [shape(unit) for unit in worst]


def _campaign_units(units: list[dict]) -> dict[str, list[dict]]:
    """Per campaign, what its variants are: rows summed by ``variant`` where the campaign
    names variants, else its ads."""
    by_campaign: dict[str, list[dict]] = defaultdict(list)
    for unit in units:
        by_campaign[unit["campaign"]].append(unit)
    result = {}
    for campaign, rows in by_campaign.items():
        named = any(row["variant"] for row in rows)
        merged: dict[str, dict] = {}
        for row in rows:
            key = row["variant"] if named else " / ".join(p for p in (row["ad_group"], row["ad"]) if p) or "(campaign)"
            into = merged.setdefault(key, {"label": key, "impressions": 0.0, "clicks": 0.0, "conversions": 0.0})
            for name in ("impressions", "clicks", "conversions"):
                into[name] += row[name]
        result[campaign] = list(merged.values())
    return result


def variant_tests(units: list[dict], options: Options) -> list[dict]:
    tests = []
    for campaign, variants in _campaign_units(units).items():
        if len(variants) < 2:
            continue
        found = []
        for metric, successes, trials in (("ctr", "clicks", "impressions"), ("cvr", "conversions", "clicks")):
            # a rate above 100% (view-through conversions) is no proportion to test
            usable = [v for v in variants if v[trials] > 0 and v[successes] <= v[trials]]
            if len(usable) < 2 or not any(v[successes] for v in usable):
                continue
            leader = max(usable, key=lambda v: v[successes] / v[trials])
            for other in usable:
                if other is leader:
                    continue
                x1, n1 = round(leader[successes]), leader[trials]
                x2, n2 = round(other[successes]), other[trials]
                pooled = (x1 + x2) / (n1 + n2)
                enough = min(n1, n2) * min(pooled, 1 - pooled) >= MIN_EXPECTED
                result = stats.two_proportion_z_test(x1, n1, x2, n2) if enough else None
                found.append(
                    {
                        "campaign": campaign,
                        "metric": metric,
                        "test": stats.Z_TEST,
                        "a": {"label": leader["label"], "successes": x1, "trials": n1, "rate": x1 / n1},
                        "b": {"label": other["label"], "successes": x2, "trials": n2, "rate": x2 / n2},
                        "z": result.z if result else None,
                        "p_value": result.p_value if result else None,
                        "enough_data": enough,
                    }
                )
        tested = [item for item in found if item["p_value"] is not None]
        for item, adjusted in zip(tested, stats.holm([item["p_value"] for item in tested]), strict=True):
            item["p_adjusted"] = adjusted
            item["significant"] = adjusted < options.alpha
        for item in found:
            item.setdefault("p_adjusted", None)
            item.setdefault("significant", False)
        tests += found
    return tests


def anomalies(days: list[dict]) -> list[dict]:
    if len(days) < MIN_DAYS_FOR_ANOMALIES:
        return []
    found = []
    for metric in ("ctr", "spend"):
        series = [(day["date"], day[metric]) for day in days if day[metric] is not None]
        scores = stats.robust_z_scores([value for _, value in series])
        if scores is None:
            continue
        middle = sorted(value for _, value in series)[len(series) // 2]
        for (date, value), score in zip(series, scores, strict=True):
            if abs(score) > stats.OUTLIER_AT:
                found.append(
                    {
                        "date": date.isoformat(),
                        "metric": metric,
                        "value": value,
                        "median": middle,
                        "robust_z": score,
                        "direction": "high" if score > 0 else "low",
                        "method": stats.ROBUST_Z,
                    }
                )
    return sorted(found, key=lambda item: (item["date"], item["metric"]))


def data_notes(units: list[dict], totals: dict) -> list[dict]:
    """What the figures cannot mean as reported: a CVR above 100% (more conversions than
    clicks, as view-through and cross-device conversions allow) is left out of the ranking, the
    variant tests and the recommendations, and said here instead."""
    notes = []
    flagged = [("전체 / overall", totals["cvr"])] if impossible_cvr(totals) else []
    flagged += sorted(((_label(unit), unit["cvr"]) for unit in units if impossible_cvr(unit)), key=lambda x: -x[1])
    for label, cvr in flagged:
        value = show("cvr", cvr)
        notes.append(
            {
                "label": label,
                "metric": "cvr",
                "value": cvr,
                "en": f"{label}: CVR is {value} (more conversions than clicks, e.g. view-through conversions), "
                "so it is not ranked or recommended on.",
                "ko": f"{label}: 전환율(CVR){_ko('전환율', '이')} {_ro(value)} 클릭보다 전환이 많습니다"
                "(조회 후 전환 등). 순위와 추천에서 제외했습니다.",
            }
        )
    return notes


def recommendations(
    metric: str, totals: dict, best: list[dict], worst: list[dict], tests: list[dict], unusual: list[dict]
) -> list[dict]:
    says = []
    overall = totals.get(metric)
    en, ko = NAMES_EN[metric], NAMES_KO[metric]
    worse = "높습니다" if metric in LOWER_IS_BETTER else "낮습니다"
    if metric == "cvr" and impossible_cvr(totals):
        # no comparison with a period CVR above 100% (see data_notes): with the ranked ads instead
        against_en, best_ko, worst_ko = "the best of the ads ranked", "순위에 든 광고 중 가장 좋습니다", f"가장 {worse}"
        against_low_en = "the worst of the ads ranked"
    else:
        against_en = against_low_en = f"against {show(metric, overall)} overall"
        best_ko, worst_ko = f"전체 {show(metric, overall)}보다 좋습니다", f"전체 {show(metric, overall)}보다 {worse}"
    if best:
        top = best[0]
        says.append(
            {
                "en": f"Move budget toward {top['label']}: its {en} is {show(metric, top['value'])}, {against_en}.",
                "ko": f"{top['label']}의 {ko}{_ko(ko, '이')} {_ro(show(metric, top['value']))} {best_ko}. "
                "예산을 이쪽으로 옮기는 것을 검토하세요.",
            }
        )
    if worst:
        low = worst[0]
        says.append(
            {
                "en": f"Review or pause {low['label']}: its {en} is {show(metric, low['value'])}, {against_low_en}.",
                "ko": f"{low['label']}의 {ko}{_ko(ko, '이')} {_ro(show(metric, low['value']))} {worst_ko}. "
                "소재를 점검하거나 중지를 검토하세요.",
            }
        )
    for test in tests:
        name_en, name_ko = NAMES_EN[test["metric"]], NAMES_KO[test["metric"]]
        if test["significant"]:
            says.append(
                {
                    "en": f"In {test['campaign']}, {test['a']['label']} beats {test['b']['label']} on {name_en} "
                    f"({show(test['metric'], test['a']['rate'])} vs {show(test['metric'], test['b']['rate'])}, "
                    f"adjusted p = {test['p_adjusted']:.3g}): keep the winner.",
                    "ko": f"{test['campaign']}에서 {test['a']['label']}의 {name_ko}"
                    f"({show(test['metric'], test['a']['rate'])}){_ko(name_ko, '이')} {test['b']['label']}"
                    f"({show(test['metric'], test['b']['rate'])})보다 유의하게 높습니다"
                    f"(보정 p = {test['p_adjusted']:.3g}). 이긴 쪽을 유지하세요.",
                }
            )
    undecided = sorted(
        {t["campaign"] for t in tests if not t["significant"]} - {t["campaign"] for t in tests if t["significant"]}
    )
    for campaign in undecided[:3]:
        says.append(
            {
                "en": f"The variants of {campaign} do not differ significantly yet: keep the test running.",
                "ko": f"{campaign}의 변형 간 차이는 아직 유의하지 않습니다. 테스트를 더 이어가세요.",
            }
        )
    for item in unusual[:5]:
        name_en, name_ko = NAMES_EN[item["metric"]], NAMES_KO[item["metric"]]
        direction_en = "high" if item["direction"] == "high" else "low"
        direction_ko = "높았습니다" if item["direction"] == "high" else "낮았습니다"
        says.append(
            {
                "en": f"On {item['date']} {name_en} was unusually {direction_en} "
                f"({show(item['metric'], item['value'])}, median {show(item['metric'], item['median'])}): "
                "check tracking, budget and delivery that day.",
                "ko": f"{item['date']}의 {name_ko}{_ko(name_ko, '이')} 평소보다 크게 {direction_ko}"
                f"({show(item['metric'], item['value'])}, 중앙값 {show(item['metric'], item['median'])}). "
                "그날의 추적 설정, 예산, 노출 상태를 확인하세요.",
            }
        )
    return says


def workspace_insights(*, workspace_id: int, options: Options | None = None) -> dict:
    options = options or Options()
    window = {"date_from": options.date_from, "date_to": options.date_to}
    totals = selectors.totals(workspace_id=workspace_id, **window)
    if not totals["impressions"] and not totals["spend"]:
        return {
            "metric": None,
            "metric_reason": "no results imported for this period",
            "min_volume": {"impressions": options.min_impressions, "clicks": options.min_clicks},
            "totals": totals,
            "best": [],
            "worst": [],
            "variant_tests": [],
            "anomalies": [],
            "data_notes": [],
            "recommendations": [
                {
                    "en": "Import an ad platform's export (Meta, Google Ads, Naver or a sheet) to see insights.",
                    "ko": "광고 성과 파일(메타, 구글 애즈, 네이버 또는 엑셀)을 가져오면 인사이트를 볼 수 있습니다.",
                }
            ],
        }
    metric, reason = choose_metric(totals, options.metric)
    units = selectors.unit_totals(workspace_id=workspace_id, **window)
    best, worst = performers(units, metric, options)
    tests = variant_tests(units, options)
    unusual = anomalies(selectors.summary(workspace_id=workspace_id, group_by="day", **window))
    return {
        "metric": metric,
        "metric_reason": reason,
        "min_volume": {
            "impressions": options.min_impressions,
            "clicks": options.min_clicks if metric != "ctr" else 0,
        },
        "totals": totals,
        "best": best,
        "worst": worst,
        "variant_tests": tests,
        "anomalies": unusual,
        "data_notes": data_notes(units, totals)[:MAX_NOTES],
        "recommendations": recommendations(metric, totals, best, worst, tests, unusual),
    }
