"""The days of a month worth a post: Korean public holidays (the ``holidays`` package, its
Korean or English names), well-known shopping days and paydays.

No database and no clock: the same month always gives the same occasions."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

# Kinds, in the order the planner prefers them when a channel has fewer slots than occasions.
GREETING = "greeting"  # a big holiday's (or a memorial day's) own day: a greeting, nothing else
GIFT = "gift"  # the gift season before 설날 and 추석
SHOPPING = "shopping"
HOLIDAY = "holiday"
PAYDAY = "payday"
KIND_ORDER = (GREETING, GIFT, SHOPPING, HOLIDAY, PAYDAY)

# 설날 and 추석 are three days each (전날, 당일, 다음날): families travel and gather, feeds go
# quiet, and a sales post reads as tone-deaf. Those days, and 현충일 (a memorial day), carry a
# greeting on the main day and nothing else.
BIG_HOLIDAYS = ("설날", "추석")
MEMORIAL_DAYS = ("현충일",)
GIFT_SEASON_DAYS_BEFORE = 10  # gift-set promotions peak about ten days before the holiday
PAYDAY_DAY = 25  # the most common Korean payday; a weekend or holiday moves it to the day before

_HOLIDAY_LANGUAGE = {"ko": "ko", "en": "en_US"}


@dataclass(frozen=True)
class Occasion:
    date: dt.date
    name: str  # in the plan's language
    kind: str
    key: str  # the Korean name, stable across languages (what the code matches on)


@dataclass(frozen=True)
class _ShoppingDay:
    ko: str
    en: str
    month: int
    day: int | None = None  # None: computed (Black Friday, Cyber Monday)


SHOPPING_DAYS = (
    _ShoppingDay("발렌타인데이", "Valentine's Day", 2, 14),
    _ShoppingDay("화이트데이", "White Day", 3, 14),
    _ShoppingDay("블랙데이", "Black Day", 4, 14),
    _ShoppingDay("어버이날", "Parents' Day", 5, 8),
    _ShoppingDay("스승의날", "Teachers' Day", 5, 15),
    _ShoppingDay("빼빼로데이", "Pepero Day", 11, 11),
    _ShoppingDay("블랙프라이데이", "Black Friday", 11),
    _ShoppingDay("사이버먼데이", "Cyber Monday", 11),
    _ShoppingDay("크리스마스 이브", "Christmas Eve", 12, 24),
)


def black_friday(year: int) -> dt.date:
    """The day after the fourth Thursday of November (US Thanksgiving). It is the fourth Friday
    of November except when November starts on a Friday, when it is the fifth."""
    first = dt.date(year, 11, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=3, days=1)


def _shopping_date(day: _ShoppingDay, year: int) -> dt.date:
    if day.ko == "블랙프라이데이":
        return black_friday(year)
    if day.ko == "사이버먼데이":
        return black_friday(year) + dt.timedelta(days=3)
    return dt.date(year, day.month, day.day)


# what people call a day where the library's name is an official one ("신정연휴" for 1 January)
_SAID = {"신정연휴": "신정"}


@cache
def public_holidays(year: int, language: str) -> dict[dt.date, tuple[str, str]]:
    """Korea's public holidays of ``year``: date → (Korean name, name in ``language``).
    Substitute holidays (대체 휴일) are days off, not occasions, and are left out."""
    korean = holidays.KR(years=year, language="ko")
    local = holidays.KR(years=year, language=_HOLIDAY_LANGUAGE.get(language, "ko"))
    found = {}
    for day, name in sorted(korean.items()):
        # one date may carry two holidays ("어린이날; 부처님오신날"): each is its own name
        for ko_name, local_name in zip(name.split("; "), local[day].split("; "), strict=False):
            if "대체" in ko_name:
                continue
            found.setdefault(day, (ko_name, _SAID.get(local_name, local_name)))
    return found


def is_big_holiday(korean_name: str) -> bool:
    return korean_name.startswith(BIG_HOLIDAYS)


def quiet_days(year: int, month: int) -> set[dt.date]:
    """Days of the month that take only a greeting: 설날 and 추석 (three days each) and 현충일."""
    return {
        day
        for day, (ko_name, _local) in public_holidays(year, "ko").items()
        if day.year == year and day.month == month and (is_big_holiday(ko_name) or ko_name in MEMORIAL_DAYS)
    }


def payday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, min(PAYDAY_DAY, calendar.monthrange(year, month)[1]))
    days_off = public_holidays(year, "ko")
    while day.weekday() >= 5 or day in days_off:
        day -= dt.timedelta(days=1)
    return day


def month_occasions(year: int, month: int, language: str) -> list[Occasion]:
    """Every occasion of the month, by date then by the planner's preference."""
    found: list[Occasion] = []
    # this year's and next year's holidays: the gift season of a holiday early in one month can
    # start in the month before, across a new year too (설날 in late January → mid-January)
    for year_of in (year, year + 1):
        for day, (ko_name, local_name) in public_holidays(year_of, language).items():
            if ko_name in BIG_HOLIDAYS:
                season = day - dt.timedelta(days=GIFT_SEASON_DAYS_BEFORE)
                if (season.year, season.month) == (year, month):
                    name = f"{ko_name} 선물 시즌" if language == "ko" else f"{local_name} gift season"
                    found.append(Occasion(season, name, GIFT, f"{ko_name} 선물"))
            if (day.year, day.month) != (year, month):
                continue
            if ko_name in BIG_HOLIDAYS or ko_name in MEMORIAL_DAYS:
                found.append(Occasion(day, local_name, GREETING, ko_name))
            elif not is_big_holiday(ko_name):  # 설날 전날/다음날: quiet, no occasion of their own
                found.append(Occasion(day, local_name, HOLIDAY, ko_name))
    for shopping in SHOPPING_DAYS:
        if shopping.month == month:
            name = shopping.ko if language == "ko" else shopping.en
            found.append(Occasion(_shopping_date(shopping, year), name, SHOPPING, shopping.ko))
    found.append(Occasion(payday(year, month), "월급날" if language == "ko" else "Payday", PAYDAY, "월급날"))
    return sorted(found, key=lambda o: (o.date, KIND_ORDER.index(o.kind)))
