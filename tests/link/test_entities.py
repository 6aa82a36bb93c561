"""Linking mentions across documents into entities."""

from __future__ import annotations

import pytest

from claimtrace.link.entities import resolve_entities, same_person
from claimtrace.model import Mention


def person(text: str, key: str, name: str, start: int = 0) -> Mention:
    return Mention(start, start + len(text), text, "PERSON", key, name, "person")


def body(text: str, key: str, name: str, entity_type: str = "organization", start: int = 0) -> Mention:
    return Mention(start, start + len(text), text, "ORG", key, name, entity_type)  # type: ignore[arg-type]


def entity_of(entities, key):
    return next(e for e in entities if e.key == key or key in e.aliases)


@pytest.mark.parametrize(("a", "b"), [
    ("Bakhodir Kurbanov", "Bakhadir Kurbanov"),
    ("Sadyr Japarov", "Sadyr Zhaparov"),
    ("Ilham Aliyev", "Ilham Aliev"),
    ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaev"),
])
def test_same_person_spelling_variants(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Islam Karimov", "Rustam Karimov"),
    ("Heydar Aliyev", "Ilham Aliyev"),
    ("Vladimir Putin", "Vladimir Potanin"),
    ("Aliyev", "Ilham Aliyev"),
])
def test_same_person_never_on_surname_alone(a, b):
    assert not same_person(a, b)


def test_resolve_entities_merges_transliterations_across_documents():
    entities = resolve_entities([
        ("a", person("Bakhodir Kurbanov", "person:bakhodir kurbanov", "Bakhodir Kurbanov", 0)),
        ("a", person("Kurbanov", "person:bakhodir kurbanov", "Bakhodir Kurbanov", 40)),
        ("b", person("Bakhadir Kurbanov", "person:bakhadir kurbanov", "Bakhadir Kurbanov", 10)),
    ])
    assert len(entities) == 1
    merged = entities[0]
    assert merged.name == "Bakhodir Kurbanov" and merged.type == "person"
    assert merged.aliases == ["person:bakhadir kurbanov"]
    assert merged.mentions == [("a", 0, 17, "Bakhodir Kurbanov"), ("a", 40, 48, "Kurbanov"),
                               ("b", 10, 27, "Bakhadir Kurbanov")]


def test_resolve_entities_keeps_people_sharing_a_surname_apart():
    entities = resolve_entities([
        ("a", person("Islam Karimov", "person:islam karimov", "Islam Karimov")),
        ("b", person("Rustam Karimov", "person:rustam karimov", "Rustam Karimov")),
        ("c", person("Karimov", "person:karimov", "Karimov")),
    ])
    assert len(entities) == 3  # the lone surname could be either: it joins neither


def test_resolve_entities_lone_surname_joins_the_only_person_of_that_name():
    entities = resolve_entities([
        ("a", person("Emomali Rahmon", "person:emomali rahmon", "Emomali Rahmon")),
        ("b", person("Rahmon", "person:rahmon", "Rahmon")),
    ])
    assert len(entities) == 1 and entities[0].name == "Emomali Rahmon"
    assert entities[0].key == "person:emomali rahmon"


def test_resolve_entities_acronym_defined_in_one_document_links_another():
    entities = resolve_entities([
        ("a", body("Uzbek Aviation Repair Plant", "org:uzbek aviation repair plant",
                   "Uzbek Aviation Repair Plant", start=0)),
        ("a", body("UARP", "org:uzbek aviation repair plant", "Uzbek Aviation Repair Plant", start=30)),
        ("b", body("UARP", "org:uarp", "UARP", start=5)),
    ])
    assert len(entities) == 1
    assert entities[0].name == "Uzbek Aviation Repair Plant" and entities[0].aliases == ["org:uarp"]


def test_resolve_entities_merges_spelling_variants_of_a_body():
    entities = resolve_entities([
        ("a", body("Ministry of Emergency Situations", "org:ministry of emergency situations",
                   "Ministry of Emergency Situations", "government")),
        ("b", body("Ministry of Emergencies Situations", "org:ministry of emergencies situations",
                   "Ministry of Emergencies Situations", "government")),
        ("c", body("Ministry of Energy", "org:ministry of energy", "Ministry of Energy", "government")),
    ])
    assert len(entities) == 2
    assert len(entity_of(entities, "org:ministry of emergency situations").mentions) == 2


def test_resolve_entities_places_keep_their_canonical_key():
    entities = resolve_entities([
        ("a", Mention(0, 6, "Kazakh", "NORP", "country:KZ", "Kazakhstan", "place")),
        ("b", Mention(3, 9, "Astana", "CAPITAL", "country:KZ", "Kazakhstan", "place")),
        ("b", Mention(20, 26, "Moscow", "CAPITAL", "country:RU", "Russia", "place")),
    ])
    assert [(e.key, e.name, len(e.mentions)) for e in entities] == [
        ("country:KZ", "Kazakhstan", 2), ("country:RU", "Russia", 1)]
