"""Admiralty ratings of stories: reliability from the registry, credibility from independent corroboration."""

from __future__ import annotations

import pytest

from claimtrace.link.confidence import Rating, RatingContext, rate_story
from claimtrace.link.independence import Provenance
from claimtrace.link.registry import RegistryEntry, SourceRegistry
from claimtrace.link.stories import group_stories
from claimtrace.model import AUTHOR, EventClaim, Story


def claim(doc: str, source: str = AUTHOR, source_type: str = "author", *, polarity: str = "positive",
          certainty: str = "certain", start: int = 0, segment: str | None = None) -> EventClaim:
    return EventClaim(doc_id=doc, type="military_deployment", evidence=(start, start + 40),
                      trigger=(start, start + 5), source=source, source_type=source_type, polarity=polarity,
                      certainty=certainty, arguments={"agent": "Atlantis", "recipient": "Borduria"}, time="2022-01",
                      segment_id=segment)


def rate(*claims: EventClaim, context: RatingContext | None = None) -> Rating:
    [story] = group_stories(list(claims))
    return rate_story(story, {c.id: c for c in claims}, context)


def registry_with(*entries: tuple[str, str, str]) -> SourceRegistry:
    registry = SourceRegistry()
    return SourceRegistry(registry.kinds, [RegistryEntry(name, registry.kinds[kind], letter, None, "test registry")
                                          for name, kind, letter in entries])


@pytest.mark.parametrize("claims, code", [
    ([claim("d1", "Vera Lind", "person")], "C3"),
    ([claim("d1", "Vera Lind", "person"), claim("d2", "Oskar Brun", "person")], "C2"),
    ([claim("d1", "Vera Lind", "person"), claim("d2", "Oskar Brun", "person"),
      claim("d3", "Ministry of Defence", "government")], "B1"),
    ([claim("d1", "our insiders", "unnamed", certainty="possible")], "E4"),
    ([claim("d1")], "F6"),  # one document by an outlet nobody registered, and nothing else
])
def test_rate_story_grows_credibility_with_independent_corroboration(claims, code):
    assert rate(*claims).code == code


@pytest.mark.parametrize("claims, code", [
    # denied by more, and more reliable, sources: improbable
    ([claim("d1", "several websites", "media"), claim("d1", "Ministry of Defence", "government", polarity="negative",
                                                      start=100), claim("d2", "Oskar Brun", "person",
                                                                        polarity="negative")], "D5"),
    # asserted by more and better sources than deny it: possibly true
    ([claim("d1", "Ministry of Defence", "government"), claim("d2", "Vera Lind", "person"),
      claim("d3", "our insiders", "unnamed", polarity="negative")], "B3"),
    # one against one of the same standing: doubtful
    ([claim("d1", "Vera Lind", "person"), claim("d2", "Oskar Brun", "person", polarity="negative")], "C4"),
])
def test_rate_story_lowers_credibility_when_contradicted(claims, code):
    assert rate(*claims).code == code


def test_rate_story_registry_overrides_the_default_by_kind():
    claims = [claim("d1", "Daily Herald", "media")]
    assert rate(*claims).reliability == "F"  # an outlet nobody registered
    rated = rate(*claims, context=RatingContext(registry=registry_with(("Daily Herald", "established_outlet", "A"))))
    assert rated.reliability == "A"
    assert "Daily Herald in test registry" in rated.explanation


def test_rate_story_rates_a_document_author_by_its_outlet():
    registry = registry_with(("Evening Post", "established_outlet", "B"))
    context = RatingContext(registry=registry, documents={"d1": _Doc("post-1", outlet="Evening Post")})
    assert rate(claim("d1"), context=context).reliability == "B"


def test_rate_story_counts_copies_of_one_text_as_one_source():
    copies = [claim(f"d{n}") for n in range(4)]
    independent = rate(*copies)
    provenance = Provenance(shared_passages={frozenset({"d0", f"d{n}"}) for n in range(1, 4)})
    syndicated = rate(*copies, context=RatingContext(provenance=provenance))
    assert independent.credibility == 1
    assert syndicated.credibility == 6  # one source, of unknown reliability
    assert "asserted by 4 sources that repeat one another" in syndicated.explanation
    assert "share passages" in syndicated.explanation


def test_rate_story_explains_the_rating_in_words():
    rating = rate(claim("d1", "several websites", "media"),
                  claim("d1", "Ministry of Defence", "government", polarity="negative", start=100))
    assert rating.explanation.startswith(f"{rating.code} (")
    assert "most reliable source: several websites (a blog, website or social network, D by default)" \
        in rating.explanation
    assert "denied by 1 source in 1 document, the most reliable Ministry of Defence (an official statement" \
        in rating.explanation


def test_rate_story_of_denials_only_rates_the_denial():
    rating = rate(claim("d1", "Ministry of Defence", "government", polarity="negative"))
    assert rating.code == "B3"
    assert "'it did not happen'" in rating.explanation


def test_rate_story_reader_comment_is_e():
    rating = rate(claim("d1", "Reader42", "person", segment="seg-7"),
                  context=RatingContext(comment_segments={"seg-7"}))
    assert rating.reliability == "E"
    assert "a reader's comment" in rating.explanation


def test_rate_story_names_a_missing_claim():
    story = Story(id="s1", type="unrest", label="unrest", claim_ids=["c9"])
    with pytest.raises(ValueError, match="c9"):
        rate_story(story, {})


class _Doc:
    def __init__(self, name: str, outlet: str | None = None, author: str | None = None, url: str | None = None):
        self.name, self.outlet, self.author, self.url = name, outlet, author, url
