"""Kinds of sources and their default reliability, as data."""

from __future__ import annotations

import pytest

from claimtrace.errors import OntologyError
from claimtrace.ontology.sources import RELIABILITY_LETTERS, load_source_kinds, parse_source_kinds


def test_load_source_kinds_has_the_kinds_of_the_issue_and_ends_with_unknown():
    kinds = load_source_kinds()
    for name in ("official_statement", "state_affiliated_media", "established_outlet", "blog", "anonymous_insider",
                 "reader_comment"):
        assert kinds[name].reliability in RELIABILITY_LETTERS
    assert list(kinds.kinds)[-1] == "unknown"
    assert kinds["unknown"].reliability == "F"
    assert all(kind in kinds.kinds for kind in kinds.outlets.values())


def good() -> dict:
    return {"kinds": {"reader_comment": {"reliability": "E", "label": "a comment"},
                      "unknown": {"reliability": "F", "label": "unknown"}}}


@pytest.mark.parametrize("change, wrong", [
    (lambda d: d["kinds"]["reader_comment"].update(reliability="Z"), "reliability"),
    (lambda d: d["kinds"]["reader_comment"].update(label=""), "label"),
    (lambda d: d["kinds"]["reader_comment"].update(source_types=["robot"]), "robot"),
    (lambda d: d["kinds"].pop("reader_comment"), "reader_comment"),
    (lambda d: d["kinds"].update(blog={"reliability": "D", "label": "a blog"}), "must be the last"),
    (lambda d: d.update(outlets={"tabloid": ["X"]}), "tabloid"),
])
def test_parse_source_kinds_names_what_is_wrong(change, wrong):
    data = good()
    parse_source_kinds(data)
    change(data)
    with pytest.raises(OntologyError, match=wrong):
        parse_source_kinds(data)
