"""Time expressions resolved against an anchor date, never more precise than the text allows."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrace.analyse.timex import Anchor, is_vague_past, resolve_time

# (expression, anchor, tense, value, end, precision)
CASES = [
    ("at the end of this March", "2019-04", None, "2019-03", None, "month"),
    ("At the end of this October", "2020-11", None, "2020-10", None, "month"),
    ("this summer", "2021-09-02", None, "2021", None, "season"),
    ("last summer", "2021-09-02", None, "2020", None, "season"),
    ("summer 2016", None, None, "2016", None, "season"),
    ("the winter of 2011", None, None, "2011", None, "season"),
    ("last year", "2015-06-10", None, "2014", None, "year"),
    ("this year", "2015-06", None, "2015", None, "year"),
    ("earlier this year", "2013-10-01", None, "2013", None, "year"),
    ("next year", "2013-10-01", None, "2014", None, "year"),
    ("the previous year", "2017-03", None, "2016", None, "year"),
    ("in the 1980s", None, None, "198", None, "decade"),
    ("the early 2000s", None, None, "200", None, "decade"),
    ("the seventies", None, None, "197", None, "decade"),
    ("the '60s", None, None, "196", None, "decade"),
    ("from March 4 to March 6, 2016", "2016-05", None, "2016-03-04", "2016-03-06", "day"),
    ("in the period from 1 May to 3 May 2012", None, None, "2012-05-01", "2012-05-03", "day"),
    ("April 7-9, 2014", None, None, "2014-04-07", "2014-04-09", "day"),
    ("12-14 June 2019", None, None, "2019-06-12", "2019-06-14", "day"),
    ("March 9", "2016-05-20", "past", "2016-03-09", None, "day"),
    ("November 30", "2016-01-04", "past", "2015-11-30", None, "day"),
    ("November 30", "2016-01-04", "future", "2016-11-30", None, "day"),
    ("on 3 February", "2016-02-10", None, "2016-02-03", None, "day"),
    ("in December", "2014-03-01", None, "2013-12", None, "month"),
    ("in September", "2014-07-01", None, "2014-09", None, "month"),
    ("in September", "2014-07-01", "past", "2013-09", None, "month"),
    ("in mid-May", "2010-03-15", "future", "2010-05", None, "month"),
    ("in early April", "2011-04", None, "2011-04", None, "month"),
    ("late June", "2011-08-01", None, "2011-06", None, "month"),
    ("June 2013", None, None, "2013-06", None, "month"),
    ("in July of 2008", None, None, "2008-07", None, "month"),
    ("in 2012-2013", None, None, "2012", "2013", "year"),
    ("between 2005 and 2007", None, None, "2005", "2007", "year"),
    ("2016-17", None, None, "2016", "2017", "year"),
    ("in 1998", None, None, "1998", None, "year"),
    ("late 2003", None, None, "2003", None, "year"),
    ("on Friday", "2019-05-08", None, "2019-05-03", None, "day"),  # a Wednesday: the Friday before
    ("on Monday", "2019-05-08", None, "2019-05-06", None, "day"),
    ("next Monday", "2019-05-08", None, "2019-05-13", None, "day"),
    ("on Wednesday", "2019-05-08", "past", "2019-05-08", None, "day"),  # a Wednesday's news: that day
    ("last Wednesday", "2019-05-08", "past", "2019-05-01", None, "day"),
    ("two days ago", "2019-05-08", None, "2019-05-06", None, "day"),
    ("two days ago", "2019-05", None, "2019-05", None, "month"),  # capped at the anchor's precision
    ("three weeks ago", "2019-05-28", None, "2019-05", None, "month"),
    ("a month ago", "2019-05-28", None, "2019-04", None, "month"),
    ("five years ago", "2019-05-28", None, "2014", None, "year"),
    ("yesterday", "2019-05-28", None, "2019-05-27", None, "day"),
    ("today", "2019-05-28", None, "2019-05-28", None, "day"),
    ("last month", "2019-01-10", None, "2018-12", None, "month"),
    ("recently", "2019-01", None, "2019", None, "year"),
    ("quite recently", "2019-01-10", None, "2019", None, "year"),
    ("Sept. 14", "2018-10-01", None, "2018-09-14", None, "day"),
    ("the 21st of March", "2018-10-01", "past", "2018-03-21", None, "day"),
]


@pytest.mark.parametrize(("expression", "anchor", "tense", "value", "end", "precision"), CASES)
def test_resolve_time_gives_prefix_range_and_precision(expression, anchor, tense, value, end, precision):
    resolved = resolve_time(expression, anchor, tense)
    assert resolved is not None, expression
    assert (resolved.value, resolved.end, resolved.precision) == (value, end, precision)


def test_resolve_time_season_note_gives_months():
    resolved = resolve_time("this summer", "2021-09-02")
    assert resolved is not None and resolved.note == "summer: 2021-06..2021-08"


@pytest.mark.parametrize("expression", [
    "over the last decade", "in recent years", "over the last years", "previously", "in the past",
    "for decades", "a few years ago", "long ago", "13 hours",
])
def test_resolve_time_vague_past_gives_none(expression):
    assert resolve_time(expression, "2019-05-08") is None
    assert is_vague_past(expression)


@pytest.mark.parametrize("expression", ["this year", "in December", "two days ago", "on Friday", "recently"])
def test_resolve_time_relative_without_anchor_gives_none(expression):
    assert resolve_time(expression, None) is None


@pytest.mark.parametrize("expression", ["the meeting", "soon after", "", "whenever"])
def test_resolve_time_unknown_expression_gives_none(expression):
    assert resolve_time(expression, "2019-05-08") is None


@pytest.mark.parametrize(("anchor", "day", "precision"), [
    ("2020-11", date(2020, 11, 15), "month"),
    ("2020", date(2020, 7, 1), "year"),
    ("2020-11-08T10:00", date(2020, 11, 8), "day"),
    (date(2020, 1, 2), date(2020, 1, 2), "day"),
])
def test_anchor_parse_keeps_precision(anchor, day, precision):
    parsed = Anchor.parse(anchor)
    assert parsed is not None and (parsed.day, parsed.precision) == (day, precision)


@pytest.mark.parametrize(("expression", "tense", "value"), [
    ("In October", "past", "2017-10"),
    ("in December", "past", "2017-12"),
    ("in March", None, "2017-03"),
])
def test_resolve_time_month_against_year_anchor_stays_in_that_year(expression, tense, value):
    assert resolve_time(expression, "2017", tense).value == value
