from __future__ import annotations

import pytest

from claimtrace.read.dates import find_dates, parse_date


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
