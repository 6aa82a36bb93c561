"""Quoted stretches found from raw quotation marks, in every style."""

from __future__ import annotations

import pytest

from claimtrace.analyse.attribution.quotes import find_quotes, paragraphs


def _insides(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text", [
    'The mayor said: "The bridge will open in May."',
    "The mayor said: “The bridge will open in May.”",
    "The mayor said: «The bridge will open in May.»",
    "The mayor said: „The bridge will open in May.“",
    "The mayor said: »The bridge will open in May.«",
    "The mayor said: ‘The bridge will open in May.’",
    "The mayor said: 'The bridge will open in May.'",
])
def test_find_quotes_reads_every_style(text: str) -> None:
    assert _insides(text) == ["The bridge will open in May."]


def test_find_quotes_pairs_mismatched_marks_by_context() -> None:
    text = "«The fleet has sailed«, says the admiral."
    assert _insides(text) == ["The fleet has sailed"]


@pytest.mark.parametrize("text", [
    "The port’s cranes and the workers’ union both say it’s fine.",
    "The villagers' wells dried up and the farmers' cattle died.",
    "Their 'ninety-nine' problems began in the '90s.",
])
def test_find_quotes_leaves_apostrophes_alone(text: str) -> None:
    assert all(" " not in q for q in _insides(text))


def test_find_quotes_keeps_apostrophes_inside_a_quote() -> None:
    text = "She wrote: “The committee’s report isn’t final.”"
    assert _insides(text) == ["The committee’s report isn’t final."]


def test_find_quotes_finds_nested_quotes_with_depth() -> None:
    text = "He said: «The pilots called it „a routine flight“ on the radio.»"
    quotes = find_quotes(text)
    by_depth = {q.depth: text[q.start:q.end] for q in quotes}
    assert by_depth[0].startswith("The pilots") and by_depth[1] == "a routine flight"


def test_find_quotes_continues_a_quote_over_paragraphs() -> None:
    text = ("The harbour master said, “The ships will leave at dawn.\n\n"
            "“The cargo has been checked twice,” he added.")
    first, second = find_quotes(text)
    assert text[first.start:first.end] == "The ships will leave at dawn."
    assert not first.closed and not first.continues
    assert second.continues and second.closed
    assert text[second.start:second.end] == "The cargo has been checked twice,"


def test_find_quotes_stops_an_unclosed_quote_at_its_paragraph() -> None:
    text = 'The captain shouted "Abandon the deck now\n\nNobody moved for an hour.'
    (quote,) = find_quotes(text)
    assert text[quote.start:quote.end] == "Abandon the deck now"
    assert quote.close_mark is None


def test_find_quotes_ignores_a_lone_closing_mark() -> None:
    text = "Nothing was confirmed” by the agency on Friday."
    assert find_quotes(text) == []


def test_find_quotes_reads_single_scare_quotes() -> None:
    text = "The so-called 'peace envoys' arrived late."
    assert _insides(text) == ["peace envoys"]


def test_find_quotes_respects_bounds() -> None:
    text = 'Before. "Inside the segment here." After "not this one at all."'
    quotes = find_quotes(text, 0, 35)
    assert [text[q.start:q.end] for q in quotes] == ["Inside the segment here."]


def test_paragraphs_skip_blank_lines() -> None:
    text = "One.\n\n   \nTwo."
    assert [(p.start, p.end) for p in paragraphs(text)] == [(0, 4), (10, 14)]
