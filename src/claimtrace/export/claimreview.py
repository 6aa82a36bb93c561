"""Rated stories as schema.org ClaimReview (JSON-LD), the form in which fact-checks are published.

One review per story with a rating:

- ``claimReviewed``: the story's event in one line ("no ..." when the rated
  proposition is that it did not happen: nobody asserts it);
- ``itemReviewed``: a ``Claim`` whose ``appearance`` is every document that
  states the proposition (``CreativeWork`` with its url, name, date) and whose
  ``author`` is every source that states it;
- ``reviewRating``: the Admiralty information credibility (NATO AJP-2.1) on
  schema.org's scale, best 5 (1, confirmed by other sources) to worst 1
  (5, improbable); credibility 6, "truth cannot be judged", is no point on
  that scale and has no ``ratingValue``. ``alternateName`` is the code with
  its words ("B2 — probably true"), ``ratingExplanation`` the reasons;
- ``author``: claimtrace, the tool that rated it; ``datePublished``: the day of
  the review.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

from claimtrace.export.ftm_entities import speaker_of
from claimtrace.export.rated_stories import RatedStory, rated_stories
from claimtrace.link.confidence import CREDIBILITY_WORDS, Rating
from claimtrace.link.registry import SourceRegistry
from claimtrace.link.voices import is_author, voices_of
from claimtrace.store import Store

SCHEMA_ORG = "https://schema.org"
REVIEWER = {"@type": "Organization", "name": "claimtrace"}
BEST_RATING, WORST_RATING = 5, 1
WEB_SCHEMES = frozenset({"http", "https"})
UNJUDGED = 6  # Admiralty credibility "truth cannot be judged"

JsonLd = dict[str, Any]


class ReviewedDocument(Protocol):
    """What a review names of a document that states the claim."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def published(self) -> str | None: ...

    @property
    def author(self) -> str | None: ...

    @property
    def outlet(self) -> str | None: ...


def claim_review(rated: RatedStory, documents: Mapping[str, ReviewedDocument], published: str,
                 url: str | None = None) -> JsonLd | None:
    """The ClaimReview of one story (without ``@context``), None when the story has no rating."""
    if rated.rating is None:
        return None
    stance = "positive" if rated.asserted else "negative"
    stating = [claim for claim in rated.claims if claim.polarity == stance and claim.doc_id in documents]
    appearances = [_creative_work(documents[doc_id]) for doc_id in dict.fromkeys(c.doc_id for c in stating)]
    authors: dict[str, JsonLd] = {}  # one per name: a voice may be named alike in several documents
    for voice in voices_of(stating):
        claim = voice.representative
        document = documents[claim.doc_id]
        name = speaker_of(claim, document)
        person = claim.source_type == "person" or (is_author(claim) and bool(document.author))
        authors.setdefault(name, {"@type": "Person" if person else "Organization", "name": name})
    item: JsonLd = {"@type": "Claim", "appearance": appearances, "author": list(authors.values())}
    dates = sorted(work["datePublished"] for work in appearances if "datePublished" in work)
    if dates:
        item["datePublished"] = dates[0]
    review: JsonLd = {
        "@type": "ClaimReview",
        "identifier": rated.story.id,
        "claimReviewed": rated.story.label if rated.asserted else f"no {rated.story.label}",
        "itemReviewed": item,
        "reviewRating": review_rating(rated.rating),
        "author": dict(REVIEWER),
        "datePublished": published,
    }
    if url:
        review["url"] = url
    return review


def review_rating(rating: Rating) -> JsonLd:
    """The Admiralty rating as a schema.org Rating."""
    words = CREDIBILITY_WORDS[rating.credibility]
    value: JsonLd = {"@type": "Rating", "bestRating": BEST_RATING, "worstRating": WORST_RATING,
                     "alternateName": f"{rating.code} — {words}", "ratingExplanation": rating.explanation}
    if rating.credibility != UNJUDGED:
        value["ratingValue"] = BEST_RATING + 1 - rating.credibility
    return value


def claim_reviews(store: Store, registry: SourceRegistry | None = None, published: str | None = None,
                  base_url: str | None = None) -> JsonLd:
    """Every rated story of the store as one JSON-LD document (``@graph``); ``base_url``: where the app serves
    its story pages, to give each review its ``url``."""
    published = published or today()
    documents = {row.id: row for row in store.documents()}
    reviews = []
    for rated in rated_stories(store, registry).stories:
        url = f"{base_url.rstrip('/')}/story/{rated.story.id}" if base_url else None
        review = claim_review(rated, documents, published, url)
        if review is not None:
            reviews.append(review)
    return {"@context": SCHEMA_ORG, "@graph": reviews}


def write_claim_reviews(data: JsonLd, stream: IO[str]) -> int:
    """Write the JSON-LD document to ``stream``; returns the number of reviews written."""
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(data["@graph"])


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def web_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a document's URL is untrusted (``javascript:``, ``data:``)."""
    url = (url or "").strip()
    try:
        return url if urlsplit(url).scheme.lower() in WEB_SCHEMES else None
    except ValueError:  # "http://[" and other malformed addresses
        return None


def _creative_work(document: ReviewedDocument) -> JsonLd:
    work: JsonLd = {"@type": "CreativeWork", "name": document.title or document.name}
    url = web_url(document.url)
    if url:
        work["url"] = url
    if document.published:
        work["datePublished"] = document.published
    if document.outlet:
        work["publisher"] = {"@type": "Organization", "name": document.outlet}
    return work
