"""ClaimReview JSON-LD: one schema.org ClaimReview per rated story, in the shape fact-check readers expect."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.export.claimreview import claim_review, claim_reviews, review_rating
from claimtrace.export.rated_stories import RatedStory, rated_stories
from claimtrace.link.confidence import CREDIBILITY_WORDS, Rating
from claimtrace.model import EventClaim, Story
from claimtrace.store import open_store
from tests.export.schema_org import check_review


@pytest.fixture(scope="module")
def reviews(example_store: Path) -> dict[str, Any]:
    with open_store(example_store) as store:
        return claim_reviews(store, published="2024-04-01", base_url="https://kb.example.org/")


def test_claimreview_every_rated_story_is_reviewed(example_store: Path, reviews: dict[str, Any]) -> None:
    assert reviews["@context"] == "https://schema.org" and set(reviews) == {"@context", "@graph"}
    with open_store(example_store) as store:
        rated = rated_stories(store).stories
    assert [r["identifier"] for r in reviews["@graph"]] == [s.story.id for s in rated if s.rating is not None]
    for review, story in zip(reviews["@graph"], rated, strict=True):
        check_review(review)
        assert review["claimReviewed"] in (story.story.label, f"no {story.story.label}")
        assert review["url"] == f"https://kb.example.org/story/{story.story.id}"
        assert review["datePublished"] == "2024-04-01" and review["author"]["name"] == "claimtrace"
        assert story.rating is not None and review["reviewRating"]["ratingExplanation"] == story.rating.explanation


def test_claimreview_appearances_are_the_documents_that_state_it(example_store: Path,
                                                                 reviews: dict[str, Any]) -> None:
    with open_store(example_store) as store:
        rated = {s.story.id: s for s in rated_stories(store).stories}
        rows = {row.id: row for row in store.documents()}
    disputed = next(r for r in reviews["@graph"]
                    if {c.polarity for c in rated[r["identifier"]].claims} == {"positive", "negative"})
    story = rated[disputed["identifier"]]
    asserting = {rows[c.doc_id].title or rows[c.doc_id].name for c in story.claims if c.polarity == "positive"}
    denying_only = {rows[c.doc_id].title for c in story.claims} - asserting
    names = {work["name"] for work in disputed["itemReviewed"]["appearance"]}
    assert names == asserting and not names & denying_only
    assert disputed["claimReviewed"] == story.story.label


@pytest.mark.parametrize("credibility, value", [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1), (6, None)])
def test_claimreview_rating_puts_admiralty_credibility_on_the_schema_org_scale(credibility: int,
                                                                               value: int | None) -> None:
    rating = review_rating(Rating("B", credibility, f"B{credibility} because"))
    assert rating.get("ratingValue") == value
    assert rating["alternateName"] == f"B{credibility} — {CREDIBILITY_WORDS[credibility]}"


def test_claimreview_of_a_denied_event_reviews_that_it_did_not_happen() -> None:
    claim = EventClaim(doc_id="d1", type="arms_transfer", evidence=(0, 10), trigger=(0, 4), source="Ruritania",
                       source_type="government", polarity="negative", arguments={"agent": "Ruritania"})
    story = Story("s1", "arms_transfer", "arms transfer: Ruritania", [claim.id])
    document = _Document("d1", "Ruritania denies", "javascript:alert(1)", "2024-02-01")
    review = claim_review(RatedStory(story, [claim], Rating("B", 3, "B3 for 'it did not happen'.")),
                          {"d1": document}, "2024-04-01")
    assert review is not None
    check_review(review)
    assert review["claimReviewed"] == "no arms transfer: Ruritania"
    assert review["itemReviewed"]["author"] == [{"@type": "Organization", "name": "Ruritania"}]
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "name": "Ruritania denies",
                                                     "datePublished": "2024-02-01"}]  # no javascript: URL
    assert claim_review(RatedStory(story, [claim], None), {"d1": document}, "2024-04-01") is None


def test_claimreview_command_writes_json_ld(example_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonld"
    result = CliRunner().invoke(main, ["export", "--claimreview", str(out), "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@graph"] and all(check_review(r) is None for r in data["@graph"])
    assert all(r["datePublished"] == datetime.now(UTC).date().isoformat() and "url" not in r for r in data["@graph"])
    assert result.stderr == f"export: {len(data['@graph'])} ClaimReviews -> {out}\n"


class _Document:
    def __init__(self, name: str, title: str, url: str | None, published: str | None) -> None:
        self.name, self.title, self.url, self.published = name, title, url, published
        self.author: str | None = None
        self.outlet: str | None = None
