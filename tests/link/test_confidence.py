"""Admiralty-style ratings of stories: source reliability by kind, credibility by corroboration."""

from __future__ import annotations

import pytest

from claimtrace.link.confidence import Rating, rate_story, source_reliability
from claimtrace.link.stories import group_stories
from claimtrace.model import AUTHOR, EventClaim, Story


def claim(doc: str, source: str = AUTHOR, source_type: str = "author", *, polarity: str = "positive",
          certainty: str = "certain", start: int = 0, segment: str | None = None) -> EventClaim:
    return EventClaim(doc_id=doc, type="military_deployment", evidence=(start, start + 40),
                      trigger=(start, start + 5), source=source, source_type=source_type, polarity=polarity,
                      certainty=certainty, arguments={"agent": "Atlantis", "recipient": "Borduria"}, time="2022-01",
                      segment_id=segment)


def rate(*claims: EventClaim, **options) -> Rating:
    [story] = group_stories(list(claims))
    return rate_story(story, {c.id: c for c in claims}, **options)


@pytest.mark.parametrize("source, source_type, letter", [
    ("Ministry of Defence", "government", "B"),
    ("Daily Herald", "media", "C"),
    ("several websites and social networks", "media", "D"),
    ("Vera Lind", "person", "C"),
    (AUTHOR, "author", "D"),
    ("our insiders", "unnamed", "E"),
    ("somebody", "oracle", "F"),
])
def test_source_reliability_defaults_by_kind_of_source(source, source_type, letter):
    assert source_reliability(claim("d1", source, source_type))[0] == letter


def test_source_reliability_rates_a_reader_comment_e():
    comment = claim("d1", "Reader42", "person", segment="seg-7")
    assert source_reliability(comment, comment_segments={"seg-7"})[0] == "E"


@pytest.mark.parametrize("claims, code", [
    ([claim("d1", "Daily Herald", "media")], "C3"),
    ([claim("d1", "Daily Herald", "media"), claim("d2", "Evening Post", "media")], "C2"),
    ([claim("d1", "Daily Herald", "media"), claim("d1", "Vera Lind", "person", start=100)], "C3"),
    ([claim("d1", "Daily Herald", "media"), claim("d2", "Evening Post", "media"),
      claim("d3", "Ministry of Defence", "government")], "B1"),
    ([claim("d1", "our insiders", "unnamed", certainty="possible")], "E4"),
])
def test_rate_story_grows_credibility_with_independent_corroboration(claims, code):
    assert rate(*claims).code == code


@pytest.mark.parametrize("claims, code", [
    # denied by more, and more reliable, sources: improbable
    ([claim("d1", "several websites", "media"), claim("d1", "Ministry of Defence", "government", polarity="negative",
                                                      start=100), claim("d2", polarity="negative")], "D5"),
    # asserted by more and better sources than deny it: possibly true
    ([claim("d1", "Ministry of Defence", "government"), claim("d2", "Daily Herald", "media"),
      claim("d3", "our insiders", "unnamed", polarity="negative")], "B3"),
    # one against one of the same standing: doubtful
    ([claim("d1", "Daily Herald", "media"), claim("d2", "Evening Post", "media", polarity="negative")], "C4"),
])
def test_rate_story_lowers_credibility_when_contradicted(claims, code):
    assert rate(*claims).code == code


def test_rate_story_explains_the_rating_in_words():
    rating = rate(claim("d1", "several websites", "media"),
                  claim("d1", "Ministry of Defence", "government", polarity="negative", start=100))
    assert rating.explanation.startswith(f"{rating.code} (")
    assert "best source: several websites" in rating.explanation
    assert "contradicted by 1 source, the most reliable Ministry of Defence" in rating.explanation


def test_rate_story_of_denials_only_rates_the_denial():
    rating = rate(claim("d1", "Ministry of Defence", "government", polarity="negative"))
    assert rating.code == "B3"
    assert "'it did not happen'" in rating.explanation


def test_rate_story_names_a_missing_claim():
    story = Story(id="s1", type="unrest", label="unrest", claim_ids=["c9"])
    with pytest.raises(ValueError, match="c9"):
        rate_story(story, {})
