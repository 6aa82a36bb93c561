"""Whose voice states an event: a reported noun's content is not the writer's assertion."""

from __future__ import annotations

import pytest

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.events.voice import reporting_noun
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import AUTHOR, Document, EventClaim, Segment
from claimtrace.ontology.hedges import load_hedges

PUBLISHED = "2023-03-15"


def claims_of(resources, text: str) -> list[EventClaim]:
    document = Document(name="wire", text=text, origin="test", format="txt", published=PUBLISHED)
    document.segments = [Segment(document.id, "article", 0, len(text), published=PUBLISHED)]
    analysis = find_attributions(find_mentions(Analysis(document, parse_segments([document])[0], resources)))
    return find_event_claims(analysis).document.event_claims


@pytest.mark.parametrize(("text", "trigger", "noun"), [
    ("The claim that Chile sold tanks to Peru rests on one source.", "sold", "claim"),
    ("Reports that Italy sold helicopters to Qatar surfaced on Tuesday.", "sold", "Reports"),
    ("Rumours of arms deliveries to Libya have circulated for weeks.", "deliveries", "Rumours"),
    ("Chile sold tanks to Peru.", "sold", None),
    ("The tanks that Chile sold to Peru were old.", "sold", None),  # a relative clause, not content
])
def test_reporting_noun_finds_the_noun_whose_content_holds_the_event(resources, text, trigger, noun):
    doc = resources.nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = reporting_noun(token, load_hedges().reported_nouns)
    assert (found.text if found is not None else None) == noun


@pytest.mark.parametrize("text", [
    "The claim that Chile sold tanks to Peru rests on a single anonymous source.",
    "Reports that Italy sold helicopters to Qatar surfaced on Tuesday.",
    "Officials said the allegation that Egypt bought drones from Iran dates from 2019.",
])
def test_find_event_claims_reported_noun_content_has_an_unnamed_source(resources, text):
    claims = [c for c in claims_of(resources, text) if c.type == "arms_transfer"]
    assert [(c.source, c.source_type, c.polarity) for c in claims] == [("unnamed", "unnamed", "positive")]


@pytest.mark.parametrize(("text", "source", "polarity"), [
    ("Ghana dismissed allegations that Ghana had supplied rifles to Togo.", "Ghana", "negative"),
    ("The allegation that Egypt bought drones from Iran is unfounded, the ministry said.", "the ministry", "negative"),
    ("Italy sold helicopters to Qatar in 2019.", AUTHOR, "positive"),
])
def test_find_event_claims_keeps_a_named_voice(resources, text, source, polarity):
    claims = [c for c in claims_of(resources, text) if c.type == "arms_transfer"]
    assert [(c.source, c.polarity) for c in claims] == [(source, polarity)]
