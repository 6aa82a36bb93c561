"""Name vocabulary: titles, kinds of organisation, canonical keys."""

from __future__ import annotations

import pytest

from claimtrace.knowledge.names import NameVocabulary, clean_name, organization_key, person_key


@pytest.fixture(scope="module")
def vocabulary() -> NameVocabulary:
    return NameVocabulary.load()


@pytest.mark.parametrize(("name", "kind"), [
    ("Ministry of Emergency Situations", "government"),
    ("State Border Service", "government"),
    ("Uzbek Armed Forces", "government"),
    ("General Staff of the Armed Forces", "government"),
    ("Interfax news agency", "media"),
    ("The Moscow Times", "media"),
    ("Al Arabiya", "media"),
    ("Kazinform", "media"),
    ("Rosoboronexport Corporation", "organization"),
    ("Aselsan Electronics Industries", "organization"),
    ("Union of Veterans", "organization"),
    ("Chatham House", "organization"),
])
def test_classify_organization(vocabulary, name, kind):
    assert vocabulary.classify_organization(name) == kind


@pytest.mark.parametrize(("words", "expected"), [
    ("Mr.", True), ("President", True), ("Defence Minister", True), ("Lt. Gen.", True),
    ("Aliyev", False), ("Ministry", False),
])
def test_is_title(vocabulary, words, expected):
    assert vocabulary.is_title(words) is expected


@pytest.mark.parametrize(("name", "key"), [
    ("Mr. Ilham Aliyev", "person:ilham aliyev"),
    ("President  Ilham Aliyev's", "person:ilham aliyev"),
    ("Gen. Zakir Hasanov", "person:zakir hasanov"),
    ("Dr. Zoë Müller", "person:zoe muller"),
])
def test_person_key_strips_titles_accents_and_possessive(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize(("name", "key"), [
    ("the Ministry of Emergency Situations", "org:ministry of emergency situations"),
    ("Minister of Defence", "org:minister of defence"),
])
def test_organization_key_keeps_the_whole_name(name, key):
    assert organization_key(name) == key


def test_clean_name_drops_article_and_possessive():
    assert clean_name("the  State Border Service’s") == "State Border Service"
