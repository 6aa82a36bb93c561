"""Stage entities: gazetteer and spaCy mentions, fixed and resolved within a document."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimtrace.analyse.entities import find_mentions, ner_candidates
from claimtrace.analyse.nlp import analysis_text
from claimtrace.analyse.pipeline import Analysis, ParsedSegment, parse_segments
from claimtrace.knowledge.names import NameVocabulary
from claimtrace.model import Document, Mention, Segment


def mentions_in(text: str, resources) -> list[Mention]:
    document = Document("doc", text, "test", "txt")
    document.segments = [Segment("doc", "article", 0, len(text))]
    find_mentions(Analysis(document, parse_segments([document])[0], resources))
    return document.mentions


def mention(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[nth]


@pytest.mark.parametrize(("text", "form", "key"), [
    ("Uzbek officials met their Kyrgyz counterparts on the border.", "Uzbek", "country:UZ"),
    ("Uzbek officials met their Kyrgyz counterparts on the border.", "Kyrgyz", "country:KG"),
    ("The Turks and the Azeris held a joint parade.", "Turks", "country:TR"),
    ("The Turks and the Azeris held a joint parade.", "Azeris", "country:AZ"),
    ("A Kazakhstani contractor and a British firm bid for the tender.", "Kazakhstani", "country:KZ"),
])
def test_find_mentions_demonyms_name_their_country(resources, text, form, key):
    found = mention(mentions_in(text, resources), form)
    assert (found.entity_key, found.label, found.entity_type) == (key, "NORP", "place")


@pytest.mark.parametrize(("text", "form", "key"), [
    ("Tashkent has rejected the accusation, while Dushanbe stayed silent.", "Tashkent", "country:UZ"),
    ("Tashkent has rejected the accusation, while Dushanbe stayed silent.", "Dushanbe", "country:TJ"),
    ("Kiev accused Moscow of arming the rebels.", "Kiev", "country:UA"),
    ("Kiev accused Moscow of arming the rebels.", "Moscow", "country:RU"),
])
def test_find_mentions_capitals_stand_for_the_state(resources, text, form, key):
    found = mention(mentions_in(text, resources), form)
    assert (found.entity_key, found.label) == (key, "CAPITAL")


@pytest.mark.parametrize(("text", "form", "city"), [
    ("The delegation landed in Tashkent on Monday.", "Tashkent", "Tashkent"),
    ("Officials in Kiev denied the report.", "Kiev", "Kyiv"),
    ("No cargo flew between Astana and Baku that month.", "Astana", "Astana"),
    ("No cargo flew between Astana and Baku that month.", "Baku", "Baku"),
])
def test_find_mentions_capital_as_location_is_the_city(resources, text, form, city):
    found = mention(mentions_in(text, resources), form)
    assert found.entity_name == city and found.entity_key.startswith("place:")


def test_find_mentions_possessive_span_covers_the_name_only(resources):
    text = "Uzbekistan's defence budget grew, and Tajikistan’s stayed flat."
    found = mentions_in(text, resources)
    assert [m.text for m in found] == ["Uzbekistan", "Tajikistan"]
    assert [m.entity_key for m in found] == ["country:UZ", "country:TJ"]


@pytest.mark.parametrize(("text", "form", "key"), [
    ("Border guards from Kazachstan and Uzbekistn held an exercise.", "Kazachstan", "country:KZ"),
    ("Border guards from Kazachstan and Uzbekistn held an exercise.", "Uzbekistn", "country:UZ"),
])
def test_find_mentions_tolerates_misspelt_countries(resources, text, form, key):
    assert mention(mentions_in(text, resources), form).entity_key == key


def test_find_mentions_renamed_states_are_one_country(resources):
    found = mentions_in("Türkiye, known until recently as the Turkish Republic of old, sent observers.", resources)
    assert {m.entity_key for m in found if m.text in ("Türkiye", "Turkish Republic")} == {"country:TR"}


def test_find_mentions_surnames_resolve_to_the_full_name(resources):
    text = ("Defence Minister Bakhodir Kurbanov visited Ankara last week. Kurbanov said the talks "
            "were useful. Mr. Kurbanov then flew home.")
    people = [m for m in mentions_in(text, resources) if m.entity_type == "person" and m.label != "ROLE"]
    assert [m.text for m in people] == ["Bakhodir Kurbanov", "Kurbanov", "Kurbanov"]
    assert {(m.entity_key, m.entity_name) for m in people} == {("person:bakhodir kurbanov", "Bakhodir Kurbanov")}


def test_find_mentions_surname_takes_the_nearest_full_name_before_it(resources):
    text = ("Islam Karimov ruled the country for decades. Karimov died in 2016. "
            "His namesake Rustam Karimov, a poet, lives in Samarkand.")
    found = mentions_in(text, resources)
    assert mention(found, "Karimov").entity_key == "person:islam karimov"
    assert mention(found, "Rustam Karimov").entity_key == "person:rustam karimov"


def test_find_mentions_acronym_defined_in_parentheses_shares_the_key(resources):
    text = ("The Uzbek Aviation Repair Plant (UARP) signed a contract with the ministry. "
            "UARP will overhaul six helicopters.")
    found = mentions_in(text, resources)
    keys = {m.entity_key for m in found if m.text in ("Uzbek Aviation Repair Plant", "UARP")}
    assert keys == {"org:uzbek aviation repair plant"}
    assert len([m for m in found if m.text == "UARP"]) == 2


@pytest.mark.parametrize(("text", "form", "entity_type"), [
    ("Reuters and the Moscow Times reported that the Ministry of Emergency Situations sent rescuers.",
     "Reuters", "media"),
    ("Reuters and the Moscow Times reported that the Ministry of Emergency Situations sent rescuers.",
     "Moscow Times", "media"),
    ("Reuters and the Moscow Times reported that the Ministry of Emergency Situations sent rescuers.",
     "Ministry of Emergency Situations", "government"),
    ("The Kremlin said the CSTO would send troops.", "CSTO", "organization"),
])
def test_find_mentions_types_organizations(resources, text, form, entity_type):
    assert mention(mentions_in(text, resources), form).entity_type == entity_type


def test_find_mentions_splits_an_org_glued_to_a_person(resources):
    text = "Foreign Minister Bakhtiyor Saidov met the Ministry of Defence Bakhodir Kurbanov."
    found = mentions_in(text, resources)
    assert mention(found, "Ministry of Defence").entity_type == "government"
    assert mention(found, "Bakhodir Kurbanov").entity_key == "person:bakhodir kurbanov"
    assert mention(found, "Bakhtiyor Saidov").entity_type == "person"


def test_find_mentions_strips_title_and_demonym_from_a_person(resources):
    found = mentions_in("Tajik President Emomali Rahmon spoke first. Rahmon was brief.", resources)
    assert mention(found, "Tajik").entity_key == "country:TJ"
    assert mention(found, "Emomali Rahmon").entity_key == "person:emomali rahmon"
    assert mention(found, "Rahmon").entity_key == "person:emomali rahmon"


def test_find_mentions_ministry_of_a_state_is_split_from_the_state(resources):
    text = "The Ministry of Defence of the Republic of Uzbekistan denied the purchase."
    found = mentions_in(text, resources)
    assert mention(found, "Ministry of Defence").entity_type == "government"
    assert mention(found, "Republic of Uzbekistan").entity_key == "country:UZ"


def test_find_mentions_are_sorted_and_do_not_overlap(resources):
    text = ("The Kremlin said Western sanctions would fail. NATO and the CSTO met in Geneva; "
            "Kazakh President Kassym-Jomart Tokayev and the Turkish General Staff (TGS) were there.")
    found = mentions_in(text, resources)
    assert found == sorted(found, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(text[m.start:m.end] == m.text for m in found)


def test_ner_candidates_country_tagged_person_is_left_to_the_gazetteer(resources):
    doc = resources.nlp(analysis_text("Azerbaijan bought drones."))
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    parsed = ParsedSegment(Segment("doc", "article", 0, len(doc.text)), doc)
    assert ner_candidates(parsed, resources.gazetteer, NameVocabulary.load()) == []


def test_ner_candidates_org_with_title_and_name_is_split(resources):
    doc = resources.nlp("According to the Ministry Kanat Sultanbekov the cargo left.")
    doc.ents = [Span(doc, 2, 6, label="ORG")]  # "the Ministry Kanat Sultanbekov"
    parsed = ParsedSegment(Segment("doc", "article", 0, len(doc.text)), doc)
    found = ner_candidates(parsed, resources.gazetteer, NameVocabulary.load())
    assert [(c.name, c.type) for c in found] == [("Ministry", "government"), ("Kanat Sultanbekov", "person")]


def _keys_of(resources, text: str, name: str) -> set[str]:
    from claimtrace.analyse.entities import find_mentions
    from claimtrace.analyse.pipeline import Analysis, parse_segments
    from claimtrace.model import Document, Segment

    document = Document(name="t", text=text, origin="t.txt", format="txt")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    analysis = Analysis(document, parse_segments([document])[0], resources)
    find_mentions(analysis)
    return {m.entity_key for m in document.mentions if m.entity_name == name}


@pytest.mark.parametrize("text, state", [
    ("Peru's Ministry of Defence said the helicopters had arrived. Lima welcomed them.", "@pe"),
    ("The Chilean Ministry of Defence announced the purchase. Chile will pay in 2025.", "@cl"),
    ("The Ministry of Defence of Ecuador denied it. Peru and Peru again; Peru said the tanks reached Peru.", "@ec"),
    ("The Ministry of Defence said the frigates would sail from Oslo. Norway leads the mission; "
     "Norway and Denmark agreed.", "@no"),
])
def test_government_body_key_carries_its_state(resources, text: str, state: str) -> None:
    keys = _keys_of(resources, text, "Ministry of Defence")
    assert keys and all(key.endswith(state) for key in keys), keys


def test_same_named_ministries_of_two_states_stay_apart_across_documents(resources) -> None:
    peru = _keys_of(resources, "Peru's Ministry of Defence confirmed the order.", "Ministry of Defence")
    chile = _keys_of(resources, "Chile's Ministry of Defence denied the report.", "Ministry of Defence")
    assert peru and chile and peru.isdisjoint(chile)
