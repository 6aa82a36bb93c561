"""Contradictions (opposite polarity, different sources) and tensions inside a story."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from claimtrace.link.contradictions import CONTRADICTION, TENSION, find_contradictions, source_identity
from claimtrace.link.stories import group_stories
from claimtrace.model import AUTHOR, EventClaim, Story


@dataclass
class Named:
    name: str


def claim(doc: str, *, start: int = 0, source: str = AUTHOR, polarity: str = "positive",
          certainty: str = "certain", time: str | None = "2021", **extra: str) -> EventClaim:
    arguments = {"agent": "Atlantis", "recipient": "Borduria", **extra}
    return EventClaim(doc_id=doc, type="arms_transfer", evidence=(start, start + 40), trigger=(start, start + 5),
                      source=source, source_type="author" if source == AUTHOR else "media", polarity=polarity,
                      certainty=certainty, arguments=arguments, time=time)


def judged(*claims: EventClaim, documents=None):
    stories = group_stories(list(claims))
    assert len(stories) == 1, "the example claims must form one story"
    return find_contradictions(stories, {c.id: c for c in claims}, documents)


def test_find_contradictions_reports_a_denial_against_an_assertion():
    asserted = claim("d1", source="several websites")
    denied = claim("d1", start=100, source="the Ministry of Industry", polarity="negative")
    [found] = judged(asserted, denied)
    assert found.kind == CONTRADICTION
    assert (found.claim_a, found.claim_b) == tuple(sorted((asserted.id, denied.id)))
    assert "According to several websites it happened" in found.explanation
    assert "the Ministry of Industry it did not" in found.explanation
    assert "(arms transfer: Atlantis → Borduria, 2021)" in found.explanation


def test_find_contradictions_counts_each_documents_author_as_a_source():
    asserted = claim("d1")
    denied = claim("d2", polarity="negative")
    [found] = judged(asserted, denied, documents={"d1": Named("blog-post"), "d2": Named("news-item")})
    assert found.kind == CONTRADICTION
    assert "the author of blog-post" in found.explanation and "the author of news-item" in found.explanation
    assert source_identity(asserted) != source_identity(denied)


def test_find_contradictions_same_source_both_ways_is_only_a_tension():
    asserted = claim("d1", source="Daily Herald")
    retracted = claim("d2", source="daily herald", polarity="negative")
    [found] = judged(asserted, retracted)
    assert found.kind == TENSION
    assert "and also that it did not" in found.explanation


@pytest.mark.parametrize("certainties, tension", [(("certain", "possible"), True), (("certain", "probable"), False),
                                                  (("possible", "possible"), False)])
def test_find_contradictions_certain_against_possible_is_a_tension(certainties, tension):
    first = claim("d1", source="Daily Herald", certainty=certainties[0])
    second = claim("d2", source="insiders", certainty=certainties[1])
    found = judged(first, second)
    assert [c.kind for c in found] == ([TENSION] if tension else [])
    if tension:
        assert "certainty (" in found[0].explanation
        assert "Daily Herald: certain" in found[0].explanation and "insiders: possible" in found[0].explanation


def test_find_contradictions_reports_different_dates_and_amounts():
    first = claim("d1", source="Daily Herald", time="2021-10", amount="12 howitzers")
    second = claim("d2", source="insiders", time="2021-11", amount="30 howitzers")
    [found] = judged(first, second)
    assert found.kind == TENSION
    assert "date (" in found.explanation and "2021-10" in found.explanation and "2021-11" in found.explanation
    assert "amount (" in found.explanation


def test_find_contradictions_orders_pairs_and_stays_inside_stories():
    claims = [claim("d1", source="several websites"), claim("d2", polarity="negative"),
              claim("d3", source="insiders", polarity="negative")]
    other = EventClaim(doc_id="d4", type="meeting", evidence=(0, 10), trigger=(0, 3), source=AUTHOR,
                       source_type="author", polarity="negative", arguments={"agent": "Atlantis"})
    stories = group_stories(claims + [other])
    found = find_contradictions(stories, {c.id: c for c in claims + [other]})
    assert all(c.claim_a < c.claim_b for c in found)
    assert found == sorted(found, key=lambda c: (c.story_id, c.claim_a, c.claim_b))
    assert [c.kind for c in found] == [CONTRADICTION, CONTRADICTION]
    assert other.id not in {c.claim_a for c in found} | {c.claim_b for c in found}


def test_find_contradictions_names_a_missing_claim():
    story = Story(id="s1", type="arms_transfer", label="arms transfer", claim_ids=["c1", "c2"])
    with pytest.raises(ValueError, match="c1"):
        find_contradictions([story], {})
