"""Voices and source independence: descriptions of named sources, copies, relays and outlets."""

from __future__ import annotations

import pytest

from claimtrace.link.independence import Provenance, independent_sources
from claimtrace.link.voices import description_head, voices_of
from claimtrace.model import AUTHOR, EventClaim


def claim(doc: str, source: str = AUTHOR, source_type: str | None = None, *, start: int = 0,
          polarity: str = "positive") -> EventClaim:
    kind = source_type or ("author" if source == AUTHOR else "media")
    return EventClaim(doc_id=doc, type="arms_transfer", evidence=(start, start + 40), trigger=(start, start + 4),
                      source=source, source_type=kind, polarity=polarity,
                      arguments={"agent": "Atlantis", "recipient": "Borduria"}, time="2021")


@pytest.mark.parametrize("source, head", [("the ministry in charge", "ministry"), ("The agency", "agency"),
                                          ("the Ministry of Defence", None), ("insiders", None)])
def test_description_head_only_for_lower_case_descriptions(source, head):
    assert description_head(source) == head


def test_voices_of_resolves_a_description_to_the_one_named_source_it_fits():
    named = claim("d1", "Ministry of Industry", "government", polarity="negative")
    described = claim("d1", "the ministry in charge", "government", start=100, polarity="negative")
    elsewhere = claim("d2", "the ministry in charge", "government", polarity="negative")
    voices = voices_of([named, described, elsewhere])
    assert [len(voice.claims) for voice in voices] == [2, 1]
    assert voices[0].representative == named


def test_voices_of_a_source_both_asserting_and_denying_leans_to_the_denial():
    said = claim("d1", "Daily Herald")
    unsaid = claim("d1", "Daily Herald", start=100, polarity="negative")
    [voice] = voices_of([said, unsaid])
    assert voice.mixed and voice.stance == "negative" and voice.representative == unsaid


def groups_of(claims, provenance=None) -> list[list[str]]:
    return [sorted(group.identities) for group in independent_sources(voices_of(claims), provenance)]


def test_independent_sources_copies_of_one_text_are_one_source():
    claims = [claim(f"d{n}") for n in range(3)] + [claim("d9")]
    provenance = Provenance(shared_passages={frozenset({"d0", "d1"}), frozenset({"d1", "d2"})})
    assert groups_of(claims, provenance) == [["author:d0", "author:d1", "author:d2"], ["author:d9"]]


def test_independent_sources_same_words_in_two_documents_are_one_passage():
    first, second, third = claim("d1"), claim("d2"), claim("d3")
    evidence = {first.id: "Atlantis shipped forty howitzers to Borduria last spring, officials in the port said.",
                second.id: "Reports say Atlantis shipped forty howitzers to Borduria last spring, officials said.",
                third.id: "Borduria received Atlantean artillery, according to a customs register."}
    assert groups_of([first, second, third], Provenance(evidence=evidence)) == [["author:d1", "author:d2"],
                                                                               ["author:d3"]]


def test_independent_sources_an_outlet_quoted_elsewhere_is_its_own_article():
    quoted = claim("d1", "Daily Herald")
    own = claim("d2")
    other = claim("d3", "Evening Post")
    provenance = Provenance(outlets={"d2": "The Daily Herald"})
    assert groups_of([quoted, own, other], provenance) == [["author:d2", "source:daily herald"],
                                                           ["source:evening post"]]


def test_independent_sources_an_author_relays_the_outlet_it_quotes():
    relayed = claim("d1", "Evening Post")
    author = claim("d1", start=100)
    independent = claim("d2", "Vera Lind", "person")
    [group, alone] = independent_sources(voices_of([relayed, author, independent]))
    assert sorted(group.identities) == ["author:d1", "source:evening post"]
    assert "relays Evening Post" in group.reasons[0]
    assert alone.identities == ["source:vera lind"]
