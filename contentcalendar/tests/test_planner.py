"""The month's occasions and the planner's rules, without the database."""

import datetime as dt
from collections import Counter

import pytest

from contentcalendar.occasions import black_friday, month_occasions, payday, quiet_days
from contentcalendar.planner import KST, cadence_count, parse_month, plan_month

CADENCE = {"instagram_feed": 3, "naver_blog": 2, "kakao_feed": 1}


def plan(year, month, *, language="ko", trends=(), cadence=CADENCE, taken=None):
    return plan_month(
        year=year,
        month=month,
        language=language,
        cadence=dict(cadence),
        product="X1 이어폰",
        brand_name="소리숲",
        trend_keywords=list(trends),
        taken=taken,
    )


@pytest.mark.parametrize(
    "value", ["2027-13", "2027-00", "2027-1x", "Jan", "2027-1", "27-01", "2027/01", "２０２７-01", ""]
)
def test_a_month_that_does_not_exist_is_refused(value):
    with pytest.raises(ValueError):
        parse_month(value)


def test_a_month_is_read():
    assert parse_month("2027-01") == (2027, 1)


def test_korean_holidays_come_with_their_korean_names():
    names = {o.name: o for o in month_occasions(2027, 2, "ko")}
    assert names["설날"].date == dt.date(2027, 2, 7) and names["설날"].kind == "greeting"
    assert names["발렌타인데이"].date == dt.date(2027, 2, 14)
    chuseok = {o.name: o for o in month_occasions(2027, 9, "ko")}
    assert chuseok["추석"].date == dt.date(2027, 9, 15)
    assert chuseok["추석 선물 시즌"].date == dt.date(2027, 9, 5)
    # substitute days off are days off, not occasions
    assert not any("대체" in o.name for month in range(1, 13) for o in month_occasions(2027, month, "ko"))


def test_new_years_day_goes_by_the_name_people_use():
    assert {o.name for o in month_occasions(2027, 1, "ko") if o.date == dt.date(2027, 1, 1)} == {"신정"}


def test_english_plans_get_english_names():
    names = {o.name for o in month_occasions(2027, 9, "en")}
    assert {"Chuseok", "Chuseok gift season", "Payday"} <= names


def test_the_gift_season_of_an_early_new_year_starts_in_the_month_before():
    # 설날 2027 is 7 February: its gift season (ten days before) is in January
    assert ("설날 선물 시즌", dt.date(2027, 1, 28)) in {(o.name, o.date) for o in month_occasions(2027, 1, "ko")}


def test_black_friday_is_the_day_after_the_fourth_thursday():
    assert black_friday(2027) == dt.date(2027, 11, 26)
    assert black_friday(2024) == dt.date(2024, 11, 29)  # November 2024 began on a Friday
    assert black_friday(2024).weekday() == 4


def test_payday_moves_back_from_a_weekend_or_holiday():
    assert payday(2027, 9) == dt.date(2027, 9, 24)  # the 25th is a Saturday
    assert payday(2027, 12) == dt.date(2027, 12, 24)  # the 25th is Christmas (a Saturday too)
    assert payday(2027, 2) == dt.date(2027, 2, 25)


def test_cadence_counts_are_respected_and_no_channel_posts_twice_a_day():
    result = plan(2027, 2)
    per_channel = Counter(p.channel for p in result.proposals)
    assert result.counts == {"instagram_feed": 12, "naver_blog": 8, "kakao_feed": 4}  # 28 days
    assert per_channel == result.counts
    days = Counter((p.channel, p.publish_at.astimezone(KST).date()) for p in result.proposals)
    assert max(days.values()) == 1
    assert all(p.publish_at.astimezone(KST).month == 2 for p in result.proposals)
    assert cadence_count(3, 2027, 3) == 13  # 31 days


def test_a_daily_cadence_is_capped_by_the_days_a_channel_may_post():
    result = plan(2027, 9, cadence={"instagram_story": 7})
    # 30 days, less the eve and the day after 추석 (the day itself carries the greeting)
    assert result.counts == {"instagram_story": 28}
    assert len(result.proposals) == 28


def test_big_holidays_core_days_carry_only_the_greeting():
    result = plan(2027, 9)
    quiet = quiet_days(2027, 9)
    assert quiet == {dt.date(2027, 9, 14), dt.date(2027, 9, 15), dt.date(2027, 9, 16)}
    on_quiet = [p for p in result.proposals if p.publish_at.astimezone(KST).date() in quiet]
    assert on_quiet and all(p.kind == "greeting" and "추석" in p.title for p in on_quiet)
    assert {p.channel for p in on_quiet} == set(CADENCE)  # every channel greets, on the main day
    assert all(p.publish_at.astimezone(KST).date() == dt.date(2027, 9, 15) for p in on_quiet)


def test_holidays_and_shopping_days_are_in_the_titles():
    titles = [p.title for p in plan(2027, 11).proposals]
    assert any("빼빼로데이" in t for t in titles)
    assert any("블랙프라이데이" in t for t in titles)
    seollal = [p for p in plan(2027, 2).proposals if p.occasion.get("name") == "설날"]
    assert seollal and all("설날" in p.title for p in seollal)
    assert all(p.occasion == {"kind": "greeting", "name": "설날", "date": "2027-02-07"} for p in seollal)


def test_a_memorial_day_gets_a_respectful_post_not_a_promotion():
    june = plan(2027, 6).proposals
    memorial = [p for p in june if p.publish_at.astimezone(KST).date() == dt.date(2027, 6, 6)]
    assert memorial and all(p.kind == "greeting" and "기리며" in p.title for p in memorial)


def test_trends_passed_in_appear_and_each_is_used():
    result = plan(2027, 11, trends=["캠핑", "러닝", "  ", "캠핑"])
    trend_posts = [p for p in result.proposals if p.kind == "trend"]
    assert {p.occasion["name"] for p in trend_posts} == {"캠핑", "러닝"}
    assert all(p.occasion["name"] in p.title for p in trend_posts)


def test_english_titles_for_an_english_plan():
    result = plan(2027, 11, language="en", trends=["running"])
    titles = [p.title for p in result.proposals]
    assert any("Pepero Day" in t for t in titles) and any("Black Friday" in t for t in titles)
    assert not any("빼빼로" in t for t in titles)


def test_days_already_taken_count_against_the_cadence_and_are_not_reused():
    taken = {"kakao_feed": {dt.date(2027, 2, 14), dt.date(2027, 2, 20)}}
    result = plan(2027, 2, taken=taken)
    kakao = [p for p in result.proposals if p.channel == "kakao_feed"]
    assert len(kakao) == 2  # 4 a month, 2 already there
    assert not {p.publish_at.astimezone(KST).date() for p in kakao} & taken["kakao_feed"]


def test_the_same_month_plans_the_same_way():
    assert plan(2027, 5, trends=["a"]).proposals == plan(2027, 5, trends=["a"]).proposals
