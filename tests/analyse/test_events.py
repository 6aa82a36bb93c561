"""Event claims end to end: triggers, arguments, factuality, source and time on hand-written text."""

from __future__ import annotations

import pytest

from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import AUTHOR, Attribution, Document, EventClaim, Segment


def claims_of(resources, text: str, published: str | None = "2019-05-08",
              attributions: list[tuple[str, str, str, str]] = ()) -> list[EventClaim]:
    """Run entities and events on one article; attributions are (content, source, type, polarity)."""
    document = Document(name="test", text=text, origin="test", format="txt", published=published)
    document.segments = [Segment(document.id, "article", 0, len(text), published=published)]
    analysis = find_mentions(Analysis(document, parse_segments([document])[0], resources))
    for content, source, source_type, polarity in attributions:
        start = text.index(content)
        document.attributions.append(Attribution(document.id, (start, start + len(content)), source, source_type,
                                                 "said", None, polarity))
    return find_event_claims(analysis).document.event_claims


def only(claims: list[EventClaim], event_type: str) -> EventClaim:
    found = [c for c in claims if c.type == event_type]
    assert len(found) == 1, [(c.type, c.arguments) for c in claims]
    return found[0]


@pytest.mark.parametrize(("text", "event_type", "agent", "recipient"), [
    ("Georgia sold twelve tanks to Armenia.", "arms_transfer", "Georgia", "Armenia"),
    ("Armenia was sold twelve tanks by the Georgian government.", "arms_transfer", "Georgia", "Armenia"),
    ("Chile and Peru signed a memorandum on the joint production of military drones.",
     "defence_cooperation", "Chile", "Peru"),
    ("The Polish army was trained by French instructors in 2015.", "military_training", "France", "Poland"),
    ("Brazilian officers are providing training support to the Bolivian military.",
     "military_training", "Brazil", "Bolivia"),
    ("Turkey deployed special forces to Libya through Tunisia.", "military_deployment", "Turkey", "Libya"),
    ("The Greek defence minister Nikos Dendias visited Cyprus.", "meeting", "Nikos Dendias", "Cyprus"),
    ("The president dismissed Defence Minister Juan Perez.", "personnel_change", None, "Juan Perez"),
    ("Serbia has partnered with China on military drones.", "defence_cooperation", "Serbia", "China"),
    ("Japan's offer to sell patrol aircraft to Vietnam was welcomed.", "arms_negotiation", "Japan", "Vietnam"),
])
def test_find_event_claims_reads_type_and_parties(resources, text, event_type, agent, recipient):
    claim = only(claims_of(resources, text), event_type)
    assert (claim.agent, claim.recipient) == (agent, recipient)
    assert claim.evidence == (0, len(text)) and claim.source == AUTHOR


@pytest.mark.parametrize(("text", "event_type"), [
    ("Hungary will suspend exports of all weapons and ammunition for a year.", "export_restriction"),
    ("Police in Lima arrested the former minister Pedro Castillo.", "legal_action"),
    ("Thousands of protesters stormed the parliament in Bishkek.", "unrest"),
    ("An Ilyushin cargo plane of Silk Road Airlines landed in Yerevan.", "logistics_movement"),
    ("Egypt announced it would increase its defence budget by 12 billion pounds.", "military_spending"),
])
def test_find_event_claims_recognises_each_type(resources, text, event_type):
    assert only(claims_of(resources, text), event_type)


@pytest.mark.parametrize("text", [
    "Georgia sold apples to Armenia.",  # not a military item
    "Hungary will suspend exports of wine for a year.",
    "The company delivered the newspapers to Riga.",
])
def test_find_event_claims_needs_the_required_argument(resources, text):
    assert not [c for c in claims_of(resources, text) if c.type in ("arms_transfer", "export_restriction")]


def test_find_event_claims_export_ban_does_not_claim_the_exports(resources):
    claims = claims_of(resources, "Hungary banned exports of rifles to Serbia.")
    assert [c.type for c in claims] == ["export_restriction"]


def test_find_event_claims_coordinated_parties_give_one_claim_each(resources):
    claims = claims_of(resources, "Arrest orders against the banker were issued in France, Spain and Italy.")
    assert sorted(c.agent for c in claims if c.type == "legal_action") == ["France", "Italy", "Spain"]


def test_find_event_claims_amount_keeps_stated_conversion(resources):
    claim = only(claims_of(resources, "Egypt said it would raise its defence budget by 12 billion pounds "
                                      "($760 million)."), "military_spending")
    assert claim.arguments["amount"] == "12 billion pounds ($760 million)"
    assert claim.agent == "Egypt"


@pytest.mark.parametrize(("text", "polarity", "certainty"), [
    ("Norway did not deliver any howitzers to Ukraine.", "negative", "certain"),
    ("There have been no sales of rifles to Estonia this year.", "negative", "certain"),
    ("Norway may have delivered howitzers to Ukraine.", "positive", "possible"),
    ("It looks like Norway delivered howitzers to Ukraine.", "positive", "probable"),
])
def test_find_event_claims_polarity_and_certainty(resources, text, polarity, certainty):
    claim = only(claims_of(resources, text), "arms_transfer")
    assert (claim.polarity, claim.certainty) == (polarity, certainty)


def test_find_event_claims_failed_attempt_negates_the_sale_not_the_talks(resources):
    claims = claims_of(resources, "The attempt of the Greek envoy to negotiate the sale of missiles from "
                                  "Serbia to Egypt has failed.")
    assert only(claims, "arms_negotiation").polarity == "positive"
    assert only(claims, "arms_transfer").polarity == "negative"


def test_find_event_claims_question_is_not_a_claim(resources):
    assert claims_of(resources, "Did Norway deliver howitzers to Ukraine?") == []


def test_find_event_claims_takes_source_from_attribution_and_denial_flips(resources):
    text = "The ministry denied that Norway delivered howitzers to Ukraine."
    claim = only(claims_of(resources, text, attributions=[
        ("Norway delivered howitzers to Ukraine", "the ministry", "government", "negative")]), "arms_transfer")
    assert (claim.source, claim.source_type, claim.polarity) == ("the ministry", "government", "negative")
    assert claim.attribution_id is not None


@pytest.mark.parametrize(("text", "time"), [
    ("Georgia sold twelve tanks to Armenia in December.", "2018-12"),
    ("Georgia sold twelve tanks to Armenia two days ago.", "2019-05-06"),
    ("Georgia sold twelve tanks to Armenia last year.", "2018"),
    ("Georgia sold twelve tanks to Armenia.", "2019"),  # no expression: the document's year
    ("Over the last decade Georgia sold tanks to Armenia.", None),
])
def test_find_event_claims_time_from_attached_expression(resources, text, time):
    assert only(claims_of(resources, text), "arms_transfer").time == time


def test_find_event_claims_pronoun_takes_the_salient_person(resources):
    text = ("The banker Tomas Varga fled to Rome after a dispute with Anna Kovacs. "
            "Prosecutors in Hungary charged him with fraud.")
    claim = only(claims_of(resources, text), "legal_action")
    assert claim.recipient == "Tomas Varga"


def test_find_event_claims_implicit_party_from_the_same_document(resources):
    text = "Georgia sold twelve tanks to Armenia. There were no other sales of tanks to Armenia."
    claims = [c for c in claims_of(resources, text) if c.type == "arms_transfer"]
    assert [(c.agent, c.recipient, c.polarity) for c in claims] == [
        ("Georgia", "Armenia", "positive"), ("Georgia", "Armenia", "negative")]
