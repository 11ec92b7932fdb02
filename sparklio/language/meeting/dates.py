"""Due dates in meeting talk ("다음 주 금요일까지", "by Dec 5"), resolved against the meeting's date.

The rules, which are the contract (weeks are ISO weeks, Monday to Sunday):

- A weekday alone ("금요일까지", "by Friday", "on Fri") is the first such day strictly after the
  meeting: said on a Friday, "금요일까지" means the Friday a week later, since "today" would be
  said as "오늘". "다음 주 금요일" / "next Friday" is that weekday in the next ISO week (said on
  Monday 23 Nov, "next Friday" is 4 Dec, not 27 Nov); "다다음 주" is the week after that.
  "이번 주 금요일" is the weekday of the meeting's own week as written, even if already past; in
  English "this Friday" is this week's if it has not passed, else the coming one.
- A week alone: "이번 주까지", "this week", "EOW", "end of (the) week" is this week's Friday (the
  next one when the meeting is on a weekend); "다음 주(까지)", "next week", "다음 주 초" is the
  Monday of the next week (the earliest day the speaker can mean), "다음 주 중반" its Wednesday,
  "주말" / "weekend" the Saturday of the week, "end of next week" its Friday.
- "오늘"/"today"/"EOD" +0, "내일"/"tomorrow" +1, "모레" +2, "글피" +3, "3일 후/뒤/내",
  "in 3 days" +3, "2주 후", "in 2 weeks" +14, "3 business days" skip weekends, "한 달 후", "in a
  month" one calendar month later (clamped to the month's last day).
- "월말", "이번 달 말", "end of the month", "EOM" is the month's last day; "다음 달 말" that of next
  month; "다음 달 10일" day 10 of next month; "다음 달"/"next month" alone its 1st; "연말",
  "end of the year" 31 December; "분기 말"/"end of quarter" the quarter's last day.
- "12월 5일", "Dec 5", "December 5th", "5 Dec", "12/5" (month/day, both languages) is that day in
  the meeting's year, or in the next year once it is past ("1월 5일까지" said on 20 Dec 2026 is
  2027-01-05); the meeting day itself counts as not past. "12월 말/초/중순" is the 31st, 1st and
  15th; "12월까지" the month's last day. A day alone ("15일까지", "by the 15th") rolls the same way
  over months. Written years ("2026-12-05", "2026.12.5", "2026년 12월 5일", "Dec 5, 2027") are kept.
- A date that does not exist ("2월 30일") resolves to None, as does text without a date.

Numeric month/day ("12/5"), a bare ordinal ("the 10th"), a bare day ("15일") and weekday
abbreviations ("Fri") only count next to a deadline marker ("까지", "by", "until", "due", "~", a
weekday in brackets), so fractions and "1st draft" are not read as dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DueMatch", "find_due", "find_dues", "resolve_due"]


@dataclass(frozen=True)
class DueMatch:
    start: int
    end: int
    text: str  # as written, with its deadline marker: "다음 주 금요일까지", "by Friday"
    due: date
    deadline: bool  # written with a deadline marker (까지, by, until, due, ~)


def resolve_due(expression: str, meeting_date: date, language: str | None = None) -> date | None:
    """The date meant by the first (deadline-marked first) date expression in ``expression``.

    ``language`` is accepted for symmetry with the rest of the API: the Korean and English rules
    are always both tried, so mixed text ("Jane, 금요일까지 deck 부탁해요") resolves too.
    """
    match = find_due(expression, meeting_date)
    return match.due if match else None


def find_due(text: str, meeting_date: date) -> DueMatch | None:
    """The date expression that most likely sets a due date: the first one with a deadline
    marker, preferring one not before the meeting ("어제까지였는데 내일까지 다시"), else the first
    one not before the meeting, else the first."""
    dues = find_dues(text, meeting_date)
    if not dues:
        return None
    return min(dues, key=lambda due: (not due.deadline, due.due < meeting_date, due.start))


def find_dues(text: str, meeting_date: date) -> list[DueMatch]:
    """Every date expression of ``text`` that resolves, longest first where they overlap, in
    text order."""
    if not isinstance(text, str) or not text.strip():
        return []
    found: list[tuple[int, int, date | None, bool]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            marked = _marked(text, start, end) or bool(_SELF_MARKED.search(match.group()))
            if rule.needs_marker and not marked:
                continue
            try:
                due = rule.resolve(match, meeting_date)
            except (ValueError, OverflowError):
                due = None  # a day that does not exist, or a year past 9999
            found.append((start, end, due, marked))
    # the longest reading wins, even when it names no real day: "2월 30일" is not "30일"
    kept: list[tuple[int, int, date | None, bool]] = []
    for item in sorted(found, key=lambda item: (item[0] - item[1], item[0])):
        if all(item[1] <= other[0] or item[0] >= other[1] for other in kept):
            kept.append(item)
    kept.sort()
    return [_with_marker(text, start, end, due, marked) for start, end, due, marked in kept if due is not None]


# --- deadline markers ---------------------------------------------------------------------

_TIME_OF_DAY = (
    r"(?:(?:오전|오후|아침|점심|저녁|밤|낮|새벽)\s*)?(?:\d{1,2}\s*시(?:\s*\d{1,2}\s*분|\s*반)?|\d{1,2}:\d{2})?"
)
_MARK_AFTER = re.compile(
    rf"\s*(?:\(\s*[월화수목금토일](?:요일)?\s*\)\s*)?(?:{_TIME_OF_DAY}\s*|(?:EOD|중|중으로|안|내)\s*)?"
    r"(?P<mark>까지|전까지|이전까지|이내|내로|안으로|안에|중으로|으로|마감)",
    re.IGNORECASE,
)
_MARK_BEFORE = re.compile(
    r"(?P<mark>\b(?:by|until|till|til|before|due(?:\s+(?:on|by|date))?|no\s+later\s+than|deadline|"
    r"on\s+or\s+before)|마감일?|기한|~|〜)\s*[:：]?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_SELF_MARKED = re.compile(r"(?:이내|내|내에|내로|안에|안으로|안)$|^(?:within)\b", re.IGNORECASE)
_WEEKDAY_AFTER = re.compile(r"\s*\(\s*[월화수목금토일]")


def _marked(text: str, start: int, end: int) -> bool:
    return bool(
        _MARK_AFTER.match(text, end)
        or _MARK_BEFORE.search(text[max(0, start - 24) : start])
        or _WEEKDAY_AFTER.match(text, end)
    )


def _with_marker(text: str, start: int, end: int, due: date, marked: bool) -> DueMatch:
    after = _MARK_AFTER.match(text, end)
    if after:
        end = after.end()
    before = _MARK_BEFORE.search(text[max(0, start - 24) : start])
    if before:
        start = max(0, start - 24) + before.start()
    return DueMatch(start=start, end=end, text=text[start:end].strip(), due=due, deadline=marked)


# --- calendar helpers -----------------------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _in_week(day: date, weeks: int, weekday: int) -> date:
    return _monday(day) + timedelta(weeks=weeks, days=weekday)


def _coming(day: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``day`` (one to seven days later)."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _this_or_coming(day: date, weekday: int) -> date:
    candidate = _in_week(day, 0, weekday)
    return candidate if candidate >= day else candidate + timedelta(weeks=1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _add_months(day: date, months: int) -> date:
    year, month = _shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_business_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _month_day(meeting: date, month: int, day: int, year: int | None = None) -> date | None:
    """Day ``day`` of ``month``: in ``year`` when written, else this year unless already past."""
    if year is not None:
        return date(year, month, day)
    for candidate_year in (meeting.year, meeting.year + 1):
        if day <= calendar.monthrange(candidate_year, month)[1]:
            candidate = date(candidate_year, month, day)
            if candidate >= meeting:
                return candidate
    return None


def _month_part(meeting: date, month: int, part: str, year: int | None = None) -> date:
    """The 1st, 15th or last day of ``month``; this year unless the whole month is past."""
    if year is None:
        year = meeting.year if _month_end(meeting.year, month) >= meeting else meeting.year + 1
    if part == "start":
        return date(year, month, 1)
    if part == "middle":
        return date(year, month, 15)
    return _month_end(year, month)


def _day_of_month(meeting: date, day: int, months_ahead: int | None = None) -> date | None:
    """Day ``day`` of this month, or of the next month once past (or of the month
    ``months_ahead`` away when written, as in "다음 달 10일")."""
    if months_ahead is not None:
        year, month = _shift_month(meeting.year, meeting.month, months_ahead)
        return date(year, month, day)
    for ahead in (0, 1, 2):
        year, month = _shift_month(meeting.year, meeting.month, ahead)
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= meeting:
                return candidate
    return None


def _quarter_end(day: date) -> date:
    return _month_end(day.year, (day.month - 1) // 3 * 3 + 3)


# --- vocabulary -----------------------------------------------------------------------------

_KO_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_EN_WEEKDAYS = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_KO_NUMBERS = {
    "한": 1,
    "하나": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
}
_KO_DAY_WORDS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "열흘": 10}
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "couple": 2,
    "a few": 3,
    "few": 3,
}


def _ko_week_offset(word: str) -> int:
    word = word.replace(" ", "")
    if word.startswith(("다다음", "다담")):
        return 2
    if word.startswith(("다음", "담", "차")):
        return 1
    if word.startswith(("지난", "저번")):
        return -1
    return 0  # 이번 주, 금주


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return _KO_NUMBERS.get(word) or _EN_NUMBERS[word]


def _en_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


# --- rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    resolve: Callable[[re.Match, date], date | None]
    needs_marker: bool = False


def _rule(pattern: str, needs_marker: bool = False, flags: int = re.IGNORECASE):
    def register(resolve):
        _RULES.append(_Rule(re.compile(pattern, flags), resolve, needs_marker))
        return resolve

    return register


_RULES: list[_Rule] = []

_KO_WEEK = r"(?P<week>다다음\s?주|다담주|다음\s?주|담주|차주|이번\s?주|금주|지난\s?주|저번\s?주)"
_KO_WD = r"(?P<wd>[월화수목금토일])(?:요일|욜)"
_NOT_HANGUL_BEFORE = r"(?<![가-힣])"
# a part word ("말", "초", "중") ends there or takes a particle: not "중요", "초안", "말씀"
_PART_END = r"(?=$|[^가-힣]|까지|에|으로|로|쯤|경|이|전|내|까)"
_KO_MONTH_WORD = r"(?P<which>다다음\s?달|다음\s?달|담달|내달|익월|차월|이번\s?달|이달|금월|당월)"
_EN_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_EN_WD_SHORT = r"(?P<wd>mon|tues?|wed|thur?s?|fri|sat|sun)\.?"
_EN_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_EN_COUNT = (
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)"
)


# Korean: weeks and weekdays


@_rule(_NOT_HANGUL_BEFORE + _KO_WEEK + r"\s*" + _KO_WD)
def _ko_week_weekday(m, meeting):
    return _in_week(meeting, _ko_week_offset(m["week"]), _KO_WEEKDAYS[m["wd"]])


@_rule(_NOT_HANGUL_BEFORE + _KO_WD)
def _ko_weekday(m, meeting):
    return _coming(meeting, _KO_WEEKDAYS[m["wd"]])


@_rule(_NOT_HANGUL_BEFORE + _KO_WEEK + r"(?:\s*(?P<part>초반|초|중반|중순|후반|주말|말|내|중|안)" + _PART_END + ")?")
def _ko_week(m, meeting):
    offset, part = _ko_week_offset(m["week"]), m["part"]
    if part in ("주말", "말"):
        return _in_week(meeting, offset, 5) if offset else _this_or_coming(meeting, 5)
    if part in ("중반", "중순"):
        return _in_week(meeting, offset, 2)
    if part == "후반":
        return _in_week(meeting, offset, 4)
    if offset == 0 and part not in ("초", "초반"):
        return _this_or_coming(meeting, 4)
    return _in_week(meeting, offset, 0)


@_rule(_NOT_HANGUL_BEFORE + r"주말")
def _ko_weekend(m, meeting):
    return _this_or_coming(meeting, 5)


# Korean: days relative to the meeting

_KO_DAY_OFFSETS = {
    "오늘": 0,
    "금일": 0,
    "내일": 1,
    "명일": 1,
    "낼": 1,
    "모레": 2,
    "내일모레": 2,
    "낼모레": 2,
    "글피": 3,
    "어제": -1,
    "그제": -2,
    "그저께": -2,
}


@_rule(_NOT_HANGUL_BEFORE + r"(?P<word>내일\s?모레|낼\s?모레|오늘|금일|내일|명일|낼|모레|글피|어제|그저께|그제)")
def _ko_relative_day(m, meeting):
    return meeting + timedelta(days=_KO_DAY_OFFSETS[m["word"].replace(" ", "")])


_KO_AFTER = r"\s*(?:후에?|뒤에?|이내에?|이후|내에?|내로|안에|안으로|안|만에)"


@_rule(
    r"(?<![\d가-힣])(?P<n>\d{1,3}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?P<unit>주일|주|개월|달|일)" + _KO_AFTER
)
def _ko_in_units(m, meeting):
    count, unit = _number(m["n"]), m["unit"]
    if unit in ("주", "주일"):
        return meeting + timedelta(weeks=count)
    if unit in ("개월", "달"):
        return _add_months(meeting, count)
    return meeting + timedelta(days=count)


@_rule(_NOT_HANGUL_BEFORE + r"(?P<word>하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|일주일|이주일)" + _KO_AFTER)
def _ko_day_words(m, meeting):
    word = m["word"]
    if word == "일주일":
        return meeting + timedelta(weeks=1)
    if word == "이주일":
        return meeting + timedelta(weeks=2)
    return meeting + timedelta(days=_KO_DAY_WORDS[word])


# Korean: months


@_rule(_NOT_HANGUL_BEFORE + r"(?:월\s?말|월말)")
def _ko_month_end(m, meeting):
    return _month_end(meeting.year, meeting.month)


@_rule(
    _NOT_HANGUL_BEFORE + _KO_MONTH_WORD + r"(?:\s*(?P<day>\d{1,2})\s*일|\s*(?P<part>말|초|중순|중)" + _PART_END + ")?"
)
def _ko_month_word(m, meeting):
    which = m["which"].replace(" ", "")
    ahead = 2 if which.startswith("다다음") else 0 if which in ("이번달", "이달", "금월", "당월") else 1
    year, month = _shift_month(meeting.year, meeting.month, ahead)
    if m["day"]:
        return date(year, month, int(m["day"]))
    part = m["part"]
    if part == "초" or (part is None and ahead):
        return date(year, month, 1)
    if part == "중순":
        return date(year, month, 15)
    return _month_end(year, month)


@_rule(_NOT_HANGUL_BEFORE + r"(?:연말|년말|올해\s?말|금년\s?말)")
def _ko_year_end(m, meeting):
    return date(meeting.year, 12, 31)


@_rule(_NOT_HANGUL_BEFORE + r"(?:이번\s?)?분기\s?말")
def _ko_quarter_end(m, meeting):
    return _quarter_end(meeting)


# Written dates, both languages


@_rule(r"(?<!\d)(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?!\d)")
def _numeric_full(m, meeting):
    return date(int(m["y"]), int(m["m"]), int(m["d"]))


@_rule(
    r"(?:(?P<y>\d{4})\s*년\s*|(?P<yrel>내년|올해|금년)\s*)?(?<!\d)(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"
    r"(?:\s*\(\s*[월화수목금토일](?:요일)?\s*\))?"
)
def _ko_month_day(m, meeting):
    year = int(m["y"]) if m["y"] else meeting.year + 1 if m["yrel"] == "내년" else None
    if m["yrel"] in ("올해", "금년"):
        year = meeting.year
    return _month_day(meeting, int(m["m"]), int(m["d"]), year)


@_rule(
    r"(?:(?P<y>\d{4})\s*년\s*|(?P<yrel>내년|올해|금년)\s*)?(?<!\d)(?P<m>\d{1,2})\s*월\s*"
    r"(?:(?P<part>말|초|중순|중)" + _PART_END + r"|(?=까지))"
)
def _ko_month_part(m, meeting):
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    year = int(m["y"]) if m["y"] else meeting.year + 1 if m["yrel"] == "내년" else None
    if m["yrel"] in ("올해", "금년"):
        year = meeting.year
    part = {"초": "start", "중순": "middle"}.get(m["part"], "end")
    return _month_part(meeting, month, part, year)


@_rule(r"(?<![\d./\-월])(?P<d>\d{1,2})\s*일(?=\s*(?:까지|\(|[월화수목금토일]요일|에|오전|오후|중))")
def _ko_day_only(m, meeting):
    return _day_of_month(meeting, int(m["d"]))


@_rule(r"(?<![\d/.\-])(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?(?![\d/])", needs_marker=True)
def _numeric_month_day(m, meeting):
    return _month_day(meeting, int(m["m"]), int(m["d"]), _en_year(m["y"]))


@_rule(r"(?<![\d.])(?P<m>\d{1,2})\.\s?(?P<d>\d{1,2})\.?(?=\s*\(\s*[월화수목금토일]|\s*까지)")
def _dotted_month_day(m, meeting):
    return _month_day(meeting, int(m["m"]), int(m["d"]))


# English: weekdays and weeks


def _en_weekday(m, meeting, modifier: str | None):
    weekday = _EN_WEEKDAYS[m["wd"].lower()[:3]]
    modifier = (modifier or "").lower()
    if modifier in ("next", "following"):
        return _in_week(meeting, 1, weekday)
    if modifier == "last":
        return _in_week(meeting, -1, weekday)
    if modifier == "this":
        return _this_or_coming(meeting, weekday)
    return _coming(meeting, weekday)


@_rule(r"\b(?:(?:the\s+)?(?P<mod>next|this|coming|following|last)\s+)?" + _EN_WD + r"s?\b")
def _en_weekday_full(m, meeting):
    return _en_weekday(m, meeting, m["mod"])


# "sat", "sun", "wed" alone are words too: an abbreviation needs "by", "on", "next", ... before it
@_rule(
    r"(?:(?<=\bby )|(?<=\bon )|(?<=\buntil )|(?<=\btill )|(?<=\bbefore )|(?<=\bdue )"
    r"|\b(?P<mod>next|this|coming|last)\s+)" + _EN_WD_SHORT + r"(?![a-z])"
)
def _en_weekday_short(m, meeting):
    return _en_weekday(m, meeting, m["mod"])


@_rule(
    r"\b" + _EN_WD + r"\s+(?P<mod>next|this)\s+week\b|\b(?P<mod2>next|this)\s+week'?s?\s+" + _EN_WD.replace("wd", "wd2")
)
def _en_weekday_of_week(m, meeting):
    weekday = _EN_WEEKDAYS[(m["wd"] or m["wd2"]).lower()[:3]]
    return _in_week(meeting, 1 if (m["mod"] or m["mod2"]).lower() == "next" else 0, weekday)


@_rule(r"\b(?:eow|end\s+of\s+(?:the\s+|this\s+)?week|this\s+week|week'?s\s+end)\b")
def _en_this_week(m, meeting):
    return _this_or_coming(meeting, 4)


@_rule(r"\bend\s+of\s+next\s+week\b")
def _en_end_of_next_week(m, meeting):
    return _in_week(meeting, 1, 4)


@_rule(r"\b(?:(?:early|beginning\s+of|start\s+of)\s+)?(?P<which>next|last)\s+week\b|\bthe\s+week\s+after\s+next\b")
def _en_week(m, meeting):
    if m["which"] is None:
        return _in_week(meeting, 2, 0)
    return _in_week(meeting, 1 if m["which"].lower() == "next" else -1, 0)


@_rule(r"\b(?:(?P<which>this|next)\s+)?weekend\b")
def _en_weekend(m, meeting):
    if m["which"] and m["which"].lower() == "next":
        return _in_week(meeting, 1, 5)
    return _this_or_coming(meeting, 5)


# English: days relative to the meeting


@_rule(r"\b(?:today|tonight|eod|cob|eob|end\s+of\s+(?:the\s+)?(?:day|business)|close\s+of\s+business)\b")
def _en_today(m, meeting):
    return meeting


@_rule(r"\b(?P<after>(?:the\s+)?day\s+after\s+)?tomorrow\b")
def _en_tomorrow(m, meeting):
    return meeting + timedelta(days=2 if m["after"] else 1)


@_rule(r"\byesterday\b")
def _en_yesterday(m, meeting):
    return meeting - timedelta(days=1)


def _en_span(m, meeting):
    count = _number(m["n"])
    unit = m["unit"].lower()
    if unit.startswith("business") or unit.startswith("working"):
        return _add_business_days(meeting, count)
    if unit.startswith("week"):
        return meeting + timedelta(weeks=count)
    if unit.startswith("month"):
        return _add_months(meeting, count)
    return meeting + timedelta(days=count)


_EN_UNIT = r"(?P<unit>(?:business|working)\s+days?|days?|weeks?|months?)"


@_rule(r"\b(?:in|within)\s+" + _EN_COUNT + r"\s+" + _EN_UNIT + r"\b")
def _en_in_units(m, meeting):
    return _en_span(m, meeting)


@_rule(r"\b" + _EN_COUNT + r"\s+" + _EN_UNIT + r"\s+from\s+(?:now|today)\b")
def _en_units_from_now(m, meeting):
    return _en_span(m, meeting)


# English: months, quarters, years


@_rule(r"\b(?:eom|end\s+of\s+(?:the\s+|this\s+)?month|month[-\s]end)\b")
def _en_month_end(m, meeting):
    return _month_end(meeting.year, meeting.month)


@_rule(r"\bend\s+of\s+next\s+month\b")
def _en_next_month_end(m, meeting):
    year, month = _shift_month(meeting.year, meeting.month, 1)
    return _month_end(year, month)


@_rule(r"\b(?:(?:beginning|start)\s+of\s+)?next\s+month\b")
def _en_next_month(m, meeting):
    year, month = _shift_month(meeting.year, meeting.month, 1)
    return date(year, month, 1)


@_rule(r"\b(?:eoy|end\s+of\s+(?:the\s+|this\s+)?year|year[-\s]end)\b")
def _en_year_end(m, meeting):
    return date(meeting.year, 12, 31)


@_rule(r"\b(?:eoq|end\s+of\s+(?:the\s+|this\s+)?quarter|quarter[-\s]end)\b")
def _en_quarter_end(m, meeting):
    return _quarter_end(meeting)


@_rule(r"\b" + _EN_MONTH + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y>\d{4}))?\b")
def _en_month_day(m, meeting):
    return _month_day(meeting, _EN_MONTHS[m["mon"].lower()[:3]], int(m["d"]), _en_year(m["y"]))


@_rule(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _EN_MONTH + r"\b\.?(?:,?\s+(?P<y>\d{4}))?")
def _en_day_month(m, meeting):
    return _month_day(meeting, _EN_MONTHS[m["mon"].lower()[:3]], int(m["d"]), _en_year(m["y"]))


@_rule(r"\bend\s+of\s+" + _EN_MONTH + r"\b")
def _en_end_of_month_name(m, meeting):
    return _month_part(meeting, _EN_MONTHS[m["mon"].lower()[:3]], "end")


@_rule(r"\b(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)\s+of\s+(?P<which>this|next)\s+month\b")
def _en_day_of_named_month(m, meeting):
    return _day_of_month(meeting, int(m["d"]), 1 if m["which"].lower() == "next" else 0)


@_rule(r"\b(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)\b", needs_marker=True)
def _en_ordinal_day(m, meeting):
    return _day_of_month(meeting, int(m["d"]))
