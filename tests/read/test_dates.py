from __future__ import annotations

import datetime as dt

import pytest

from claimtrace.read.dates import estimate_date, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 03, 2019", "2019-03-03"),
        ("Filed on Sept. 3rd, 2019 by the desk", "2019-09-03"),
        ("17 June 2016", "2016-06-17"),
        ("17th of June, 2016", "2016-06-17"),
        ("Updated 2015-11-30T07:45:00+02:00", "2015-11-30T07:45"),
        ("2015/11/30", "2015-11-30"),
        ("30.11.2015", "2015-11-30"),
        ("Feb 2 2023 9:05 utc | 14", "2023-02-02T09:05"),
        ("April 4, 2020 at 3:15 pm", "2020-04-04T15:15"),
        ("April 4, 2020 at 12:10 am", "2020-04-04T00:10"),
    ],
)
def test_parse_date_reads_written_dates(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["February 30, 2021", "in May 2020", "last Tuesday", "12/05/2020", "the year 2019"])
def test_parse_date_rejects_partial_or_impossible_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_gives_spans_in_order() -> None:
    text = "Between 4 May 2021 and 2021-06-01 the talks stalled."
    found = list(find_dates(text))
    assert [text[d.start : d.end] for d in found] == ["4 May 2021", "2021-06-01"]


@pytest.mark.parametrize("text, expected", [
    ("The talks of 3 March 2021 led nowhere. A second round followed on April 9, 2021.", "2021-04"),
    ("Plans for 2035 were announced. The budget of 12 May 2019 was cut.", "2019-05"),  # no plans as anchors
    ("A plant opened in 1998 and was sold in 2004.\n\n© 2016 Example Outlet", "2016"),
    ("The deal signed in 2011 was extended in 2013.", "2013"),
    ("No year is stated in this text at all.", None),
])
def test_estimate_date_is_a_lower_bound_from_what_the_text_states(text: str, expected: str | None) -> None:
    assert estimate_date(text, today=dt.date(2026, 1, 1)) == expected


def test_estimate_date_ignores_dates_after_today() -> None:
    assert estimate_date("The contract runs until 1 June 2030; it was signed on 2 June 2020.",
                         today=dt.date(2026, 1, 1)) == "2020-06"
