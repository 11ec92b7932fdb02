"""A month of content, proposed: how many posts each channel gets (its cadence), which of them
are tied to an occasion (a holiday, a shopping day, payday) or to a trend, and on which day and
hour each goes out. No database: ``services.calendar_plan`` reads what exists and saves.

The rules, in order:
- A channel gets ``cadence_count`` posts in the month (posts per week × days / 7), less the
  entries it already has that month: planning a month twice does not double it.
- Never two posts of one channel on one day (existing entries included).
- 설날 and 추석 (three days each) and 현충일 are quiet: the only post is a greeting on the main day.
- Up to half of a channel's posts are tied to occasions, preferred in the order greeting, gift
  season, shopping day, public holiday, payday; up to a quarter to trends (each channel starts at
  a different keyword, so a month covers as many keywords as it can); the rest are the brand's
  own posts, spread evenly over the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from contentcalendar.occasions import GREETING, KIND_ORDER, MEMORIAL_DAYS, Occasion, month_occasions, quiet_days
from documents.schema import CHANNEL_PRESETS

# The calendar is Korean: its days and hours are Seoul's, whatever the server's TIME_ZONE.
KST = ZoneInfo("Asia/Seoul")

# Posts per week when nothing else says so (BrandKit has no cadence field: a default table here
# keeps brands untouched; a plan request's ``cadence`` overrides it per channel).
DEFAULT_CADENCE: dict[str, float] = {
    "instagram_feed": 3,
    "instagram_portrait": 3,
    "instagram_story": 3,
    "facebook_feed": 3,
    "youtube_thumbnail": 1,
    "naver_blog": 2,
    "kakao_feed": 1,
    "product_detail": 0.25,
    "web_banner": 0.5,
    "poster": 0.25,
    "presentation": 0.25,
    "email_newsletter": 1,
}
# The channels planned when neither the request, the brief nor the brand's documents name any.
DEFAULT_CHANNELS = ("instagram_feed", "instagram_story", "naver_blog", "kakao_feed")
MAX_PER_WEEK = 7  # one post per channel per day

# Local hour each channel's posts go out (Korean feeds peak in the evening, blogs are read in the
# morning, messages around lunch); greetings go out at 9 on the day.
PUBLISH_HOUR: dict[str, int] = {
    "instagram_feed": 19,
    "instagram_portrait": 19,
    "instagram_story": 12,
    "facebook_feed": 19,
    "youtube_thumbnail": 18,
    "naver_blog": 10,
    "kakao_feed": 11,
    "email_newsletter": 9,
}
DEFAULT_HOUR = 10
GREETING_HOUR = 9

# Names that read better on a post than the holiday's official one.
POST_NAMES = {"기독탄신일": "크리스마스", "신정연휴": "새해"}

CHANNEL_NAMES_KO = {
    "instagram_feed": "인스타그램 피드",
    "instagram_portrait": "인스타그램 세로 피드",
    "instagram_story": "인스타그램 스토리",
    "facebook_feed": "페이스북 피드",
    "youtube_thumbnail": "유튜브",
    "naver_blog": "네이버 블로그",
    "kakao_feed": "카카오톡 채널",
    "product_detail": "상세페이지",
    "web_banner": "웹 배너",
    "poster": "포스터",
    "presentation": "프레젠테이션",
    "email_newsletter": "이메일 뉴스레터",
}

REGULAR_THEMES = {
    "ko": ["{product} 소개", "{product} 사용 팁", "고객 후기: {product}", "{product} 비하인드 스토리", "{product} Q&A"],
    "en": ["Meet {product}", "{product} tips", "Customer stories: {product}", "Behind {product}", "{product} Q&A"],
}
OCCASION_TITLES = {
    "ko": {
        "greeting": "[{name}] {brand} {name} 인사",
        "memorial": "[{name}] 호국영령을 기리며 — {brand}",
        "gift": "[{name}] {product} 선물 기획전",
        "shopping": "[{name}] {product} {name} 프로모션",
        "holiday": "[{name}] {name} 기념 {product} 콘텐츠",
        "payday": "[{name}] {product} 월급날 특가",
        "trend": "[트렌드: {name}] {name} × {product}",
    },
    "en": {
        "greeting": "[{name}] {name} greetings from {brand}",
        "memorial": "[{name}] Remembering, with {brand}",
        "gift": "[{name}] {product} gift picks",
        "shopping": "[{name}] {product} {name} deals",
        "holiday": "[{name}] {product} for {name}",
        "payday": "[{name}] {product} payday offer",
        "trend": "[Trend: {name}] {name} × {product}",
    },
}


FIRST_YEAR, LAST_YEAR = 2000, 2099


def parse_month(value: str) -> tuple[int, int]:
    """ "2027-01" → (2027, 1); anything else (a month 13, "2027-1x", "Jan") is a ValueError."""
    if not isinstance(value, str) or len(value) != 7 or value[4] != "-":
        raise ValueError("a month as YYYY-MM, for example 2027-01")
    year, month = value[:4], value[5:]
    if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit()):
        raise ValueError("a month as YYYY-MM, for example 2027-01")
    if not 1 <= int(month) <= 12:
        raise ValueError("no such month; months go from 01 to 12")
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        # holidays are known for these years, and a date past 9999 cannot be written at all
        raise ValueError(f"plans are made for the years {FIRST_YEAR} to {LAST_YEAR}")
    return int(year), int(month)


def cadence_count(per_week: float, year: int, month: int) -> int:
    """Posts a channel gets in the month: its weekly cadence over the month's days, at least one."""
    days = calendar.monthrange(year, month)[1]
    return max(1, min(days, round(per_week * days / 7)))


@dataclass(frozen=True)
class Proposal:
    channel: str
    publish_at: dt.datetime
    title: str
    kind: str  # an occasion kind, "trend" or "regular"
    occasion: dict = field(default_factory=dict)  # {"kind", "name", "date"} or {"kind": "trend", "name"}


@dataclass
class Plan:
    year: int
    month: int
    language: str
    counts: dict[str, int]  # posts the month gets per channel (the cadence), existing ones included
    occasions: list[Occasion]
    proposals: list[Proposal]


def _nearest_free(target: float, free: list[dt.date], first: dt.date) -> dt.date | None:
    if not free:
        return None
    return min(free, key=lambda day: (abs((day - first).days - target), day))


def plan_month(
    *,
    year: int,
    month: int,
    language: str,
    cadence: dict[str, float],
    product: str,
    brand_name: str,
    trend_keywords: list[str],
    taken: dict[str, set[dt.date]] | None = None,
) -> Plan:
    """Proposals for the month. ``taken``: per channel, the days it already has an entry (their
    number counts against the cadence)."""
    taken = taken or {}
    language = language if language in REGULAR_THEMES else "ko"
    first = dt.date(year, month, 1)
    days = [first + dt.timedelta(days=i) for i in range(calendar.monthrange(year, month)[1])]
    quiet = quiet_days(year, month)
    occasions = month_occasions(year, month, language)
    tied_candidates = sorted(occasions, key=lambda o: (KIND_ORDER.index(o.kind), o.date))
    keywords = list(dict.fromkeys(k.strip() for k in trend_keywords if k and k.strip()))
    titles = OCCASION_TITLES[language]
    counts: dict[str, int] = {}
    proposals: list[Proposal] = []

    # a channel posts at most once a day, and on quiet days only a greeting
    greeting_days = {o.date for o in occasions if o.kind == GREETING}
    open_days = len([day for day in days if day not in quiet or day in greeting_days])
    for channel_index, (channel, per_week) in enumerate(cadence.items()):
        counts[channel] = min(cadence_count(per_week, year, month), open_days)
        used = set(taken.get(channel, set()))
        wanted = counts[channel] - len(used)
        if wanted <= 0:
            continue
        hour = PUBLISH_HOUR.get(channel, DEFAULT_HOUR)

        def at(day: dt.date, hour: int = hour) -> dt.datetime:
            return dt.datetime(day.year, day.month, day.day, hour, tzinfo=KST)

        # even spread: the ideal day offsets of the channel's posts
        slots = [(i + 0.5) * len(days) / wanted for i in range(wanted)]
        mine: list[Proposal] = []
        for occasion in tied_candidates:
            if len(mine) >= math.ceil(wanted / 2):
                break
            if occasion.date in used or (occasion.date in quiet and occasion.kind != GREETING):
                continue
            used.add(occasion.date)
            slots.remove(min(slots, key=lambda s: abs(s - (occasion.date - first).days)))
            name = POST_NAMES.get(occasion.key, occasion.name)
            mine.append(
                Proposal(
                    channel=channel,
                    publish_at=at(occasion.date, GREETING_HOUR if occasion.kind == GREETING else hour),
                    title=titles["memorial" if occasion.key in MEMORIAL_DAYS else occasion.kind].format(
                        name=name, product=product, brand=brand_name
                    ),
                    kind=occasion.kind,
                    occasion={"kind": occasion.kind, "name": occasion.name, "date": occasion.date.isoformat()},
                )
            )
        trend_share = min(len(keywords), max(1, wanted // 4)) if keywords else 0
        for position, target in enumerate(sorted(slots)):
            free = [day for day in days if day not in used and day not in quiet]
            day = _nearest_free(target, free, first)
            if day is None:
                break  # the month has no free day left for this channel
            used.add(day)
            if position < trend_share:
                keyword = keywords[(channel_index + position) % len(keywords)]
                title = titles["trend"].format(name=keyword, product=product, brand=brand_name)
                mine.append(Proposal(channel, at(day), title, "trend", {"kind": "trend", "name": keyword}))
            else:
                themes = REGULAR_THEMES[language]
                title = themes[(channel_index + position) % len(themes)].format(product=product)
                mine.append(Proposal(channel, at(day), title, "regular", {}))
        proposals += mine

    proposals.sort(key=lambda p: (p.publish_at, p.channel))
    return Plan(year=year, month=month, language=language, counts=counts, occasions=occasions, proposals=proposals)


def known_channel(channel: str) -> bool:
    return channel in CHANNEL_PRESETS
