"""When a figure counts: its period phrase resolved against the article's publication date.

A figure's period is kept as written ('yesterday', 'in January', 'since February 2022'); this
module reads from it what kind of time it is and, where the text and the publication date are
precise enough, its first and last days:

- ``day``: one day ('yesterday', 'overnight', 'in the past 24 hours', 'on Tuesday', 'on 2 March');
- ``period``: a bounded stretch ('in January', 'last month', 'in 2023', 'between 1 and 9 May');
- ``cumulative``: a running total from a date to the publication ('since February 2022', 'so far').

Nothing is guessed: 'yesterday' in an article dated only to the month has the kind ``day`` and no
dates; a month with no year takes the latest such month not after the publication.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

DAY, PERIOD, CUMULATIVE = "day", "period", "cumulative"
KINDS = (DAY, PERIOD, CUMULATIVE)

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = "|".join(_WEEKDAYS)

_YEAR_WORD = r"(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<rel>last|this)\s+year)?"
_ONE_DAY = re.compile(r"\b(?:yesterday|today|overnight|(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)[\s-]+hours?"
                      r"|(?:in|on)\s+(?:a\s+single|one)\s+day)\b", re.IGNORECASE)
_WEEKDAY_RE = re.compile(rf"\bon\s+(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(?:on\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b,?{_YEAR_WORD}",
                        re.IGNORECASE)
_BETWEEN = re.compile(rf"\bbetween\s+(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})\s+and\s+(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?(?:\s+(?P<year>(?:19|20)\d\d))?",
                      re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|since\s+the\s+(?:start|beginning)|since\s+the\s+(?:war|invasion|conflict)"
                     r"|since\s+(?:the\s+)?(?:full-scale\s+)?invasion)\b", re.IGNORECASE)
_MONTH_RE = re.compile(rf"\b(?P<month>{_MONTH})\b\.?{_YEAR_WORD}", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
_RELATIVE = re.compile(r"\b(?P<which>last|this|previous|past)\s+(?P<unit>week|month|year)\b", re.IGNORECASE)
_PAST_DAYS = re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>\d+|two|three|four|five|six|seven|ten)\s+days|(?P<week>week))\b",
                        re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@dataclass(frozen=True)
class Time:
    """What a period phrase says of time: its kind and, where known, its first and last days."""

    kind: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Published:
    """An article's publication date, as precise as it was given: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, text: str) -> "Published | None":
        match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text or "")
        if match is None:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.month and self.day else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of_month(month: int, match: re.Match, published: Published | None) -> int | None:
    """The year a month is in: written, 'last year' or 'this year', else the latest such month
    not after the publication (when the publication's month is known)."""
    if match.group("year"):
        return int(match.group("year"))
    if published is None:
        return None
    if match.group("rel"):
        return published.year - (match.group("rel").lower() == "last")
    if published.month is None:
        return None
    return published.year if month <= published.month else published.year - 1


def resolve(period: str, published: str = "") -> Time | None:
    """The kind of time a period phrase gives and its dates where they can be known; None when the
    phrase says nothing of time that can be placed (a rate alone: 'a day', 'each week')."""
    if not period:
        return None
    pub = Published.of(published)
    today = pub.date if pub else None
    if _ONE_DAY.search(period):
        if re.search(r"\byesterday\b", period, re.I) and today:
            day = today - timedelta(days=1)
            return Time(DAY, day, day)
        if re.search(r"\b(?:today|overnight|24|twenty-four)\b", period, re.I) and today:
            return Time(DAY, today, today)
        return Time(DAY)
    weekday = _WEEKDAY_RE.search(period)
    if weekday:
        if today is None:
            return Time(DAY)
        back = (today.weekday() - _WEEKDAYS[weekday.group("weekday").lower()]) % 7
        day = today - timedelta(days=back)
        return Time(DAY, day, day)
    between = _BETWEEN.search(period)
    if between:
        year = int(between.group("year")) if between.group("year") else (pub.year if pub else None)
        if year is None:
            return Time(PERIOD)
        try:
            first = date(year, _MONTHS[between.group("m1").lower()], int(between.group("d1")))
            last = date(year, _MONTHS[between.group("m2").lower()], int(between.group("d2")))
        except ValueError:
            return Time(PERIOD)
        return Time(PERIOD, first, last) if first <= last else Time(PERIOD)
    since = _SINCE.search(period)
    kind = CUMULATIVE if since or _SO_FAR.search(period) else None
    dated = _DAY_MONTH.search(period)
    if dated:
        month = _MONTHS[(dated.group("m1") or dated.group("m2")).lower()]
        year = _year_of_month(month, dated, pub)
        try:
            day = date(year, month, int(dated.group("d1") or dated.group("d2"))) if year else None
        except ValueError:
            day = None
        if kind == CUMULATIVE:
            return Time(CUMULATIVE, day, None)
        return Time(DAY, day, day)
    month_match = _MONTH_RE.search(period)
    if month_match:
        month = _MONTHS[month_match.group("month").lower()]
        year = _year_of_month(month, month_match, pub)
        if kind == CUMULATIVE:
            return Time(CUMULATIVE, date(year, month, 1) if year else None, None)
        return Time(PERIOD, date(year, month, 1), _month_end(year, month)) if year else Time(PERIOD)
    year_match = _YEAR_RE.search(period)
    if year_match:
        year = int(year_match.group("year"))
        if kind == CUMULATIVE:
            return Time(CUMULATIVE, date(year, 1, 1), None)
        return Time(PERIOD, date(year, 1, 1), date(year, 12, 31))
    if kind == CUMULATIVE:
        return Time(CUMULATIVE)
    days = _PAST_DAYS.search(period)
    if days:  # 'in the past two days', 'over the last week': back from the publication
        count = 7 if days.group("week") else int(days.group("n")) if days.group("n").isdigit() else _SMALL[days.group("n").lower()]
        return Time(PERIOD, today - timedelta(days=count), today) if today else Time(PERIOD)
    relative = _RELATIVE.search(period)
    if relative:
        return _relative(relative.group("which").lower(), relative.group("unit").lower(), pub)
    return None


def _relative(which: str, unit: str, pub: Published | None) -> Time:
    """'last month', 'this year', 'last week' from the publication date."""
    back = which in ("last", "previous", "past")
    if unit == "year" and pub:
        year = pub.year - back
        return Time(PERIOD, date(year, 1, 1), date(year, 12, 31))
    if unit == "month" and pub and pub.month:
        year, month = (pub.year, pub.month - 1) if back and pub.month > 1 else \
            (pub.year - 1, 12) if back else (pub.year, pub.month)
        return Time(PERIOD, date(year, month, 1), _month_end(year, month))
    if unit == "week" and pub and pub.date:
        monday = pub.date - timedelta(days=pub.date.weekday()) - timedelta(weeks=back)
        return Time(PERIOD, monday, monday + timedelta(days=6))
    return Time(PERIOD)


def compare(a: Time | None, b: Time | None, published_a: str = "", published_b: str = "") -> str:
    """How two figures' times agree: 'same' (both stated, the same days), 'compatible' (stated and
    overlapping, or of one kind with no dates to tell), 'unstated' (one or both say nothing), or
    'different' (kinds or days that cannot be one fact's: a one-day count against a running total,
    or two days apart; a one-day count against a figure published in another year)."""
    if a is None or b is None:
        one_day = a if a is not None else b
        if one_day is not None and one_day.kind == DAY:
            day_year = one_day.start.year if one_day.start else (Published.of(published_a if a is not None else published_b) or Published(0)).year
            other = Published.of(published_b if a is not None else published_a)
            if day_year and other is not None and other.year != day_year:
                return "different"
        return "unstated"
    if a.kind != b.kind:
        return "different"
    if a.start and b.start and a.end and b.end:
        if (a.start, a.end) == (b.start, b.end):
            return "same"
        return "compatible" if a.start <= b.end and b.start <= a.end and a.kind != DAY else "different"
    if a.kind == CUMULATIVE and a.start and b.start:
        return "same" if a.start == b.start else "different"
    if a.kind == DAY:
        year_a = a.start.year if a.start else (Published.of(published_a) or Published(0)).year
        year_b = b.start.year if b.start else (Published.of(published_b) or Published(0)).year
        if year_a and year_b and year_a != year_b:
            return "different"
    return "compatible"
