"""Time expressions resolved to ISO prefixes against an anchor date, never inventing precision.

``resolve_time("At the end of this October", "2020-11")`` gives ``2020-10``;
``resolve_time("in the 1990s", None)`` gives the decade prefix ``199``; a vague
expression ("recently") gives at most the anchor's year, and one that names an
unknown past ("over the last decade", "previously") gives ``None``. The result is
never more precise than what the expression and the anchor together state: "two
days ago" against an anchor known to the month only is that month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "season", "year", "decade"]
Tense = Literal["past", "present", "future"]
_RANK = {"decade": 0, "year": 1, "season": 2, "month": 3, "day": 4}

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PART = r"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of|end of|beginning of|start of)\s*-?\s*)?"
_LEAD = re.compile(r"^(?:(?:in|on|at|during|by|since|until|till|around|about|over|throughout|as of|of|for|"
                   r"in the period|the period|period)\s+)+")

_VAGUE_PAST = re.compile(
    r"^(?:the\s+)?(?:(?:last|past|previous|recent|preceding)\s+(?:few\s+|several\s+|couple of\s+)?"
    r"(?:decades?|years|months|weeks)|recent (?:decades|years|months)|the years|years|decades|"
    r"previously|formerly|in the past|the past|once|long ago|years ago|decades ago|earlier years|"
    r"(?:a )?(?:few|several|many) (?:days|weeks|months|years) ago|some time ago|at some point|"
    r"\d+ - \d+ years|\d+ years|\d+ months|\d+ weeks|\d+ days|\d+ hours|\w+ hours|the day|the time)$")
_NOW = re.compile(r"^(?:now|today|currently|nowadays|at present|at the moment|this moment|"
                  r"(?:literally )?at this moment|right now|just now|this morning|this afternoon|this evening|tonight)$")
_RECENT = re.compile(r"^(?:(?:quite |very |more |most |only |until )?(?:recently|lately)|these days|of late|"
                     r"not long ago|the recent past|recent|earlier|in recent days|in recent weeks|in recent months|"
                     r"(?:the )?(?:last|past) (?:few )?(?:days|weeks))$")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time: an ISO prefix, the end of a range, how precise it is, and a note."""

    value: str
    end: str | None = None
    precision: Precision = "day"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """The date expressions are read against (a document's or comment's date) and how precise it is."""

    day: date
    precision: Precision

    @classmethod
    def parse(cls, value: date | str | Anchor | None) -> Anchor | None:
        if value is None or isinstance(value, Anchor):
            return value
        if isinstance(value, date):
            return cls(value, "day")
        match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
        if not match:
            return None
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day:
            return cls(date(int(year), int(month), int(day)), "day")
        if month:
            return cls(date(int(year), int(month), 15), "month")
        return cls(date(int(year), 7, 1), "year")


def iso(day: date, precision: Precision) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return day.isoformat()[:7]
    if precision == "decade":
        return str(day.year)[:3]
    return str(day.year)


def _capped(day: date, precision: Precision, anchor: Anchor, note: str | None = None) -> TimeValue:
    """A date computed from the anchor is no more precise than the anchor."""
    if _RANK[precision] > _RANK[anchor.precision]:
        precision = anchor.precision
    return TimeValue(iso(day, precision), precision=precision, note=note)


def _normalise(expression: str) -> str:
    text = expression.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"[,;:()\"'`]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return _LEAD.sub("", text).strip()


def _pick_year(month: int, day: int | None, anchor: Anchor, tense: Tense | None, qualifier: str | None) -> int:
    """The year of a month (and day) named without one: this / last / next, else by tense, else nearest."""
    year = anchor.day.year
    if qualifier == "this" or anchor.precision in ("year", "decade") and qualifier is None:
        return year  # an anchor known to the year only cannot place a month before or after it
    candidates = [date(y, month, min(day or 15, 28)) for y in (year - 1, year, year + 1)]
    reference = anchor.day if anchor.precision == "day" else date(year, anchor.day.month, 15)
    same_month = [c for c in candidates if (c.year, c.month) == (reference.year, reference.month)]
    if qualifier == "last" or tense == "past":
        past = [c for c in candidates if c <= reference or (day is None and c in same_month)]
        return max(past).year
    if qualifier == "next" or tense == "future":
        future = [c for c in candidates if c >= reference or (day is None and c in same_month)]
        return min(future).year
    return min(candidates, key=lambda c: abs((c - reference).days)).year


def _qualifier(text: str) -> tuple[str | None, str]:
    match = re.match(r"^(this|last|next|previous|coming|past)\s+", text)
    if not match:
        return None, text
    word = {"previous": "last", "past": "last", "coming": "next"}.get(match.group(1), match.group(1))
    return word, text[match.end():]


def _part_of(text: str) -> tuple[str | None, str]:
    match = re.match(r"^(?:the\s+)?(early|mid|late|end of|beginning of|start of|middle of|end|beginning)\s*(?:-\s*)?", text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def _resolve_point(text: str, anchor: Anchor | None, tense: Tense | None,
                   default_year: int | None = None, default_month: int | None = None) -> TimeValue | None:
    part, text = _part_of(text)
    text = re.sub(r"^(?:the\s+)", "", text)
    note = part
    if match := re.fullmatch(r"(?:(?:the\s+)?(?:early|mid|late)\s*-?\s*)?(?:(\d{3})0|'?(\d)0) ?s", text.replace(" - ", "")):
        prefix = match.group(1) or ("19" + match.group(2))
        return TimeValue(prefix, precision="decade", note=note)
    if text in DECADE_WORDS:
        return TimeValue("19" + str(DECADE_WORDS[text]), precision="decade", note=note)
    if re.fullmatch(_YEAR, text):
        return TimeValue(text, precision="year", note=note)
    if match := re.fullmatch(_MONTH + r"\s+(?:of\s+)?" + _YEAR, text):
        return TimeValue(f"{match['year']}-{MONTHS[match['month']]:02d}", precision="month", note=note)
    for pattern in (_MONTH + r"\s+" + _DAY + r"(?:\s+" + _YEAR + ")?",
                    _DAY + r"(?:\s+of)?\s+" + _MONTH + r"(?:\s+" + _YEAR + ")?"):
        if match := re.fullmatch(pattern, text):
            return _day_of(int(match["day"]), MONTHS[match["month"]], match["year"], anchor, tense, default_year)
    if default_month and (match := re.fullmatch(_DAY, text)):
        return _day_of(int(match["day"]), default_month, None, anchor, tense, default_year)
    qualifier, rest = _qualifier(text)
    if rest in MONTHS and not rest.isdigit():
        month = MONTHS[rest]
        year = default_year or (_pick_year(month, None, anchor, tense, qualifier) if anchor else None)
        if year is None:
            return None
        return TimeValue(f"{year}-{month:02d}", precision="month", note=note)
    return _resolve_season(rest, qualifier, anchor, tense, default_year, note)


def _day_of(day: int, month: int, year: str | None, anchor: Anchor | None, tense: Tense | None,
            default_year: int | None) -> TimeValue | None:
    if year is None:
        year_number = default_year or (_pick_year(month, day, anchor, tense, None) if anchor else None)
        if year_number is None:
            return None
    else:
        year_number = int(year)
    try:
        return TimeValue(date(year_number, month, day).isoformat(), precision="day")
    except ValueError:
        return None


def _resolve_season(text: str, qualifier: str | None, anchor: Anchor | None, tense: Tense | None,
                    default_year: int | None, note: str | None) -> TimeValue | None:
    match = re.fullmatch(r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?", text)
    if not match:
        return None
    first, last = SEASONS[match["season"]]
    if match["year"]:
        year = int(match["year"])
    elif default_year:
        year = default_year
    elif anchor is None:
        return None
    else:
        year = anchor.day.year
        if qualifier == "last" or (qualifier is None and tense == "past" and anchor.day.month < first):
            year -= 1
        elif qualifier == "next":
            year += 1
    end_year = year + 1 if last < first else year
    span = f"{year}-{first:02d}..{end_year}-{last:02d}"
    return TimeValue(str(year), precision="season", note=f"{match['season']}: {span}")


def _resolve_relative(text: str, anchor: Anchor, tense: Tense | None) -> TimeValue | None:
    today = anchor.day
    if _NOW.fullmatch(text):
        return _capped(today, "day", anchor)
    if _RECENT.fullmatch(text):
        return TimeValue(str(today.year), precision="year", note="vague: recent, read as the anchor's year")
    if text in ("yesterday", "last night"):
        return _capped(today - timedelta(days=1), "day", anchor)
    if text == "tomorrow":
        return _capped(today + timedelta(days=1), "day", anchor)
    if match := re.fullmatch(r"(?:(earlier|later|early|late) )?(?:this|the current|current) year|"
                             r"(?:earlier|later) in the year|this year's", text):
        return TimeValue(str(today.year), precision="year", note=match.group(1))
    if text in ("last year", "previous year", "the previous year", "the year before", "a year ago", "past year",
                "the past year", "the last year"):
        return TimeValue(str(today.year - 1), precision="year")
    if text in ("next year", "the coming year", "the next year", "the following year"):
        return TimeValue(str(today.year + 1), precision="year")
    if text in ("this month", "the current month", "earlier this month", "later this month"):
        return _capped(today, "month", anchor)
    if text in ("last month", "the previous month", "previous month", "a month ago"):
        return _capped(_shift_months(today, -1), "month", anchor)
    if text in ("next month", "the coming month"):
        return _capped(_shift_months(today, 1), "month", anchor)
    if match := re.fullmatch(r"(this|last|next) week", text):
        start = today + timedelta(weeks={"this": 0, "last": -1, "next": 1}[match.group(1)])
        return _week(start, anchor)
    if match := re.fullmatch(r"(\d+|" + "|".join(NUMBERS) + r") (day|week|month|year)s? ago", text):
        count = int(match.group(1)) if match.group(1).isdigit() else NUMBERS[match.group(1)]
        return _ago(count, match.group(2), anchor)
    if match := re.fullmatch(r"(?:(last|this|next|past) )?(" + "|".join(WEEKDAYS) + r")", text):
        return _weekday(WEEKDAYS[match.group(2)], match.group(1), anchor, tense)
    return None


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week(start: date, anchor: Anchor) -> TimeValue:
    monday = start - timedelta(days=start.weekday())
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return _capped(monday, "month", anchor, note="week")
    return _capped(monday, "year", anchor, note="week") if monday.year == sunday.year else TimeValue(
        str(monday.year), end=str(sunday.year), precision="year", note="week")


def _ago(count: int, unit: str, anchor: Anchor) -> TimeValue:
    today = anchor.day
    if unit == "day":
        return _capped(today - timedelta(days=count), "day", anchor)
    if unit == "week":
        return _week(today - timedelta(weeks=count), anchor)
    if unit == "month":
        return _capped(_shift_months(today, -count), "month", anchor)
    return TimeValue(str(today.year - count), precision="year")


def _weekday(weekday: int, qualifier: str | None, anchor: Anchor, tense: Tense | None) -> TimeValue:
    today = anchor.day
    if qualifier == "next" or (qualifier is None and tense == "future"):
        delta = (weekday - today.weekday()) % 7 or 7
        return _capped(today + timedelta(days=delta), "day", anchor)
    delta = (today.weekday() - weekday) % 7
    if delta == 0 and (qualifier in ("last", "past") or anchor.precision != "day"):
        delta = 7  # "last Friday" said on a Friday is a week back; a bare "Friday" in a Friday's news is today
    return _capped(today - timedelta(days=delta), "day", anchor)


_RANGE = re.compile(r"^(?:from |between )?(?P<left>.+?)\s*(?: - | to | and | through | until | till )\s*(?P<right>.+)$")


def _day_range(left_text: str, right_text: str, anchor: Anchor | None, tense: Tense | None) -> TimeValue | None:
    """Two days of one month written once: "November 2-3, 2020"."""
    parts = right_text.split()
    year = parts[1] if len(parts) > 1 else None
    probe = _resolve_point(left_text + (f" {year}" if year else ""), anchor, tense)
    if probe is None or probe.precision != "day":
        return None
    month = int(probe.value[5:7])
    end = _day_of(int(parts[0]), month, probe.value[:4], anchor, tense, None)
    return TimeValue(probe.value, end=end.value, precision="day") if end else None


def _resolve_range(text: str, anchor: Anchor | None, tense: Tense | None) -> TimeValue | None:
    match = _RANGE.match(text)
    if not match:
        return None
    left_text, right_text = match["left"], match["right"]
    if re.fullmatch(r"\d{4}", left_text) and re.fullmatch(r"\d{2}", right_text):  # "2019-20"
        return TimeValue(left_text, end=left_text[:2] + right_text, precision="year")
    right = _resolve_point(right_text, anchor, tense)
    if right is None and re.fullmatch(r"\d{1,2}(?: \d{4})?", right_text):
        return _day_range(left_text, right_text, anchor, tense)  # "November 2-3, 2020"
    if right is None:
        return None
    default_year = int(right.value[:4]) if right.precision != "decade" else None
    default_month = int(right.value[5:7]) if right.precision == "day" else None
    left = _resolve_point(left_text, anchor, tense, default_year, default_month)
    if left is None:
        return None
    precision = min((left.precision, right.precision), key=_RANK.__getitem__)
    return TimeValue(left.value, end=right.value, precision=precision)


def resolve_time(expression: str, anchor: date | str | Anchor | None, tense: Tense | None = None) -> TimeValue | None:
    """Resolve a time expression against the anchor (a date or ISO prefix); None when unknown or vague.

    ``tense`` chooses between the last and the next occurrence of a date named without a
    year ("January 5"): past-tense events take the most recent one not after the anchor.
    """
    text = _normalise(expression)
    if not text or _VAGUE_PAST.fullmatch(text):
        return None
    point_anchor = Anchor.parse(anchor)
    if (" - " in text or re.search(r"\b(?:to|and|through|until|till)\b", text)) and (
            value := _resolve_range(text, point_anchor, tense)):
        return value
    value = _resolve_point(text, point_anchor, tense)
    if value is not None:
        return value
    if point_anchor is None:
        return None
    return _resolve_relative(text, point_anchor, tense)


def is_vague_past(expression: str) -> bool:
    """True for expressions that place an event in an unknown past ("over the last decade", "previously")."""
    return bool(_VAGUE_PAST.fullmatch(_normalise(expression)))
