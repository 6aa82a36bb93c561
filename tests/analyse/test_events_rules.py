"""The rules that keep event claims precise: genericity, presupposition, wishes, titles, voices, parties."""

from __future__ import annotations

import pytest

from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import AUTHOR, Document, EventClaim, Segment

PUBLISHED = "2019-05-08"


def claims_of(resources, text: str, segments: list[tuple[int, int, str | None]] | None = None) -> list[EventClaim]:
    """Run entities and events; segments are (start, end, comment author) with None for the article."""
    document = Document(name="rules", text=text, origin="test", format="txt", published=PUBLISHED)
    spans = segments or [(0, len(text), None)]
    document.segments = [Segment(document.id, "comment" if author else "article", start, end, author=author,
                                 published=PUBLISHED) for start, end, author in spans]
    analysis = find_mentions(Analysis(document, parse_segments([document])[0], resources))
    return find_event_claims(analysis).document.event_claims


def of_type(claims: list[EventClaim], event_type: str) -> list[EventClaim]:
    return [c for c in claims if c.type == event_type]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Analysts read the arms export suspension as a signal to the region.", "export_restriction"),
    ("The action smelled strongly of a coup.", "unrest"),
    ("Such acts can include invasion and blockade.", "military_deployment"),
])
def test_find_event_claims_bare_noun_mention_is_no_claim(resources, text, event_type):
    assert of_type(claims_of(resources, text), event_type) == []


def test_find_event_claims_noun_subject_of_occurrence_predicate_is_a_claim(resources):
    claims = of_type(claims_of(resources, "The sale of tanks to Chile did not happen."), "arms_transfer")
    assert [(c.recipient, c.polarity) for c in claims] == [("Chile", "negative")]


def test_find_event_claims_later_noun_mention_presupposes_the_event(resources):
    text = "Peru sold ten tanks to Chile in May. The sale of the tanks to Chile was criticised by Bolivia."
    claims = of_type(claims_of(resources, text), "arms_transfer")
    assert [(c.agent, c.recipient, c.time, c.evidence[0]) for c in claims] == [("Peru", "Chile", "2019-05", 0)]


def test_find_event_claims_legal_actions_with_other_triggers_stay_apart(resources):
    text = ("Prosecutors in Peru charged the banker Tomas Varga with fraud. "
            "A court in Peru later sentenced Tomas Varga to five years.")
    claims = of_type(claims_of(resources, text), "legal_action")
    assert len(claims) == 2 and {c.recipient for c in claims} == {"Tomas Varga"}


@pytest.mark.parametrize("text", [
    "The opposition would like to replace the minister Juan Perez.",
    "Vietnam hopes to buy missiles from India.",
    'Reuters ran a story headlined "Peru sells jets to Chile" on Monday.',
])
def test_find_event_claims_wish_or_cited_title_is_no_claim(resources, text):
    assert claims_of(resources, text) == []


def test_find_event_claims_comment_is_its_writers_voice(resources):
    article = "Peru sold ten tanks to Chile."
    comment = "Bolivia also sold rifles to Chile."
    text = f"{article}\n\n{comment}"
    start = len(article) + 2
    claims = claims_of(resources, text, [(0, len(article), None), (start, len(text), "Ana")])
    assert sorted((c.agent, c.source, c.source_type) for c in claims) == [
        ("Bolivia", "Ana", "person"), ("Peru", AUTHOR, "author")]


def test_find_event_claims_party_title_is_not_the_topic(resources):
    claims = claims_of(resources, "The Turkish Defence Minister Nikos Demir held talks with Juan Perez in Lima.")
    assert [c.type for c in claims] == ["meeting"]


@pytest.mark.parametrize(("text", "event_type", "agent", "recipient"), [
    ("Georgia was caught in the transfer of rifles to Armenia.", "arms_transfer", "Georgia", "Armenia"),
    ("The banker Tomas Varga was dismissed and later arrested.", "legal_action", None, "Tomas Varga"),
    ("Nikos Dendias met his colleague, the defence minister of Chile, Juan Perez.", "meeting",
     "Nikos Dendias", "Juan Perez"),
    ("Arrest warrants against the banker Tomas Varga were issued in Lima.", "legal_action", "Peru", "Tomas Varga"),
])
def test_find_event_claims_reads_parties_through_constructions(resources, text, event_type, agent, recipient):
    claims = of_type(claims_of(resources, text), event_type)
    assert [(c.agent, c.recipient) for c in claims] == [(agent, recipient)]


def test_find_event_claims_sentence_adverb_of_unknown_past_gives_no_time(resources):
    claims = claims_of(resources, "Previously, Chilean cadets went to study in Peru.")
    assert [(c.type, c.time) for c in claims] == [("military_training", None)]
