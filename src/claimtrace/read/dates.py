"""Calendar dates written in a text: "January 08, 2022", "8 November 2020", "2021-03-14T09:30".

Used for a document's publication date and for the date of each reader comment.
Only fully stated dates (day, month and year) are recognised; relative dates
("yesterday", "two days ago") are left to the analysis stages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:,?\s*(?:at|@|-|–|\|)?\s*"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?\b)?)?"
)

# digits, not word boundaries, delimit numbers: "_2 June 2022_" (Markdown emphasis) is a date
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    re.compile(
        rf"(?<!\d){_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    ),
    re.compile(rf"(?<!\d){_YEAR}/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})(?!\d){_TIME}"),
    re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.{_YEAR}(?!\d){_TIME}"),
]


@dataclass(slots=True, frozen=True)
class DateMatch:
    """One date found in a text, with its span and, when written, the time of day."""

    start: int
    end: int
    date: dt.date
    time: tuple[int, int] | None = None

    @property
    def iso(self) -> str:
        """ "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when a time of day was written."""
        if self.time is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()}T{self.time[0]:02d}:{self.time[1]:02d}"


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _time_of_day(match: re.Match[str]) -> tuple[int, int] | None:
    if match.groupdict().get("hour") is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = (match.groupdict().get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _to_match(match: re.Match[str]) -> DateMatch | None:
    try:
        date = dt.date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
    except (ValueError, KeyError):
        return None
    time = _time_of_day(match)
    # without a time of day, the optional time group must not stretch the span
    end = match.end() if time is not None else max(match.end("year"), match.end("day"), match.end("month"))
    return DateMatch(match.start(), end, date, time)


def find_dates(text: str) -> Iterator[DateMatch]:
    """Every fully stated date in `text`, in order of position, without overlaps."""
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _to_match(match)
            if date is not None and not any(d.start < date.end and date.start < d.end for d in found):
                found.append(date)
    yield from sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> str | None:
    """The first date written in `text` as ISO ("2022-01-10" or "2022-01-10T21:12"), or None."""
    return next((d.iso for d in find_dates(text)), None)


_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?" + _YEAR, re.IGNORECASE)
_MENTIONED_YEAR = re.compile(r"(?<![\d/.-])" + _YEAR + r"(?![\d/-])")


def estimate_date(text: str, today: dt.date | None = None) -> str | None:
    """A lower bound for when an undated text was written, as an ISO prefix, or None.

    Relative times ("this October", "last year") need an anchor; when a document
    states no publication date, the latest calendar date it states (the text
    cannot be older than what it reports) is the best anchor there is, at month
    precision. Without one, the copyright year, else the latest year it mentions,
    at year precision. Dates after ``today`` are ignored: those are plans.
    """
    today = today or dt.date.today()
    stated = [d.date for d in find_dates(text) if d.date <= today]
    if stated:
        return max(stated).isoformat()[:7]
    copyright_years = [int(m["year"]) for m in _COPYRIGHT_YEAR.finditer(text) if int(m["year"]) <= today.year]
    if copyright_years:
        return str(max(copyright_years))
    years = [int(m["year"]) for m in _MENTIONED_YEAR.finditer(text) if int(m["year"]) <= today.year]
    return str(max(years)) if years else None
