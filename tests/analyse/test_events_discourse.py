"""Event arguments beyond one clause: lists of (thing, party) pairs, parties and destinations from the discourse."""

from __future__ import annotations

import pytest

from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.events.discourse import DiscourseContext
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Document, EventClaim, Mention, Segment

PUBLISHED = "2021-09-20"


def claims_of(resources, text: str) -> list[EventClaim]:
    document = Document(name="discourse", text=text, origin="test", format="txt", published=PUBLISHED)
    document.segments = [Segment(document.id, "article", 0, len(text), published=PUBLISHED)]
    analysis = find_mentions(Analysis(document, parse_segments([document])[0], resources))
    return find_event_claims(analysis).document.event_claims


def parties(claims: list[EventClaim], event_type: str) -> list[tuple[str | None, str | None]]:
    return sorted(((c.agent, c.recipient) for c in claims if c.type == event_type), key=str)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana has imported rifles from Belgium, mortars from Serbia and drones from Turkey.",
     [("Belgium", "Ghana"), ("Serbia", "Ghana"), ("Turkey", "Ghana")]),
    ("Brazil sold rifles to Angola, tanks to Chile and jets to Peru.",
     [("Brazil", "Angola"), ("Brazil", "Chile"), ("Brazil", "Peru")]),
    ("Registers list imports over the past decade to Nepal of everything from used transport aircraft "
     "from India, light helicopters from France, and armored vehicles from China.",
     [("China", "Nepal"), ("France", "Nepal"), ("India", "Nepal")]),
])
def test_find_event_claims_list_gives_one_claim_per_pair(resources, text, expected):
    assert parties(claims_of(resources, text), "arms_transfer") == expected


def test_find_event_claims_item_is_the_thing_not_the_entity_in_its_phrase(resources):
    claims = claims_of(resources, "Ghana has imported rifles from Belgium, mortars from Serbia and drones from Turkey.")
    assert {c.arguments["item"] for c in claims} == {"rifles"}


def test_find_event_claims_source_stated_by_copula_of_described_items(resources):
    claims = claims_of(resources, "Most of the weapons bought by Chile in the 1990s were from France.")
    assert parties(claims, "arms_transfer") == [("France", "Chile")]


@pytest.mark.parametrize("text", [
    "Serbia has no more howitzers to sell to Cyprus.",
    "Peru has nothing to offer Bolivia in terms of weapons.",
])
def test_find_event_claims_infinitive_describing_a_noun_is_no_claim(resources, text):
    assert claims_of(resources, text) == []


def test_find_event_claims_attempt_with_its_own_object_is_still_read(resources):
    claims = claims_of(resources, "The envoy's attempt to negotiate the sale of tanks to Chile failed.")
    assert "arms_negotiation" in {c.type for c in claims}


@pytest.mark.parametrize(("text", "expected"), [
    ("Protests spread across Georgia on Monday. Opposition leaders in Tbilisi called for calm. "
     "Russia sent in troops.", [("Russia", "Georgia")]),
    ("Fighting broke out in Mali. Russia's Wagner troops arrived on Monday.", [("Wagner", "Mali")]),
    ("The United States deployed 3,000 troops to Romania in February.", [("United States", "Romania")]),
])
def test_find_event_claims_unsaid_destination_is_the_passage_country(resources, text, expected):
    assert parties(claims_of(resources, text), "military_deployment") == expected


def test_find_event_claims_joint_reference_takes_the_previous_parties(resources):
    text = "Ghana's president met Togo's president on Monday. The parties agreed to cooperate on border security."
    assert parties(claims_of(resources, text), "defence_cooperation") == [("Ghana", "Togo")]


def _country(start: int, key: str) -> Mention:
    return Mention(start, start + 5, key, "GPE", f"country:{key}", key, "place")


@pytest.mark.parametrize(("mentions", "offset", "excluded", "expected"), [
    ([_country(0, "GE"), _country(100, "GE"), _country(200, "RU")], 300, {"country:RU"}, "GE"),
    ([_country(0, "GE"), _country(100, "TR"), _country(200, "TR"), _country(5000, "GE")], 300, set(), "TR"),
    # a passage about a third country: the document's own country still wins
    ([*(_country(i * 10, "KZ") for i in range(6)), _country(4000, "KZ"), _country(4100, "TR"),
      _country(4200, "TR")], 4300, set(), "KZ"),
    ([_country(0, "GE")], 3000, set(), None),  # nothing in the passage
])
def test_topic_country_weighs_passage_and_document(mentions, offset, excluded, expected):
    found = DiscourseContext.of(mentions).topic_country(offset, excluded)
    assert (found.entity_name if found else None) == expected


def test_find_event_claims_pronoun_follows_a_chain_of_pronoun_subjects(resources):
    text = ("Tomas Varga bought the bank when it was sold by President Ruto. As many exiled tycoons from the region "
            "Varga settled in Oslo. He hired several firms to gather material against Ruto. "
            "Court cases against him were opened in Nairobi.")
    assert parties(claims_of(resources, text), "legal_action") == [("Kenya", "Tomas Varga")]
