"""People named by office: titles attached to names, descriptions, roles with time."""

from __future__ import annotations

import pytest

from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Document, Mention, Role, Segment


def analysed(text: str, resources, published: str | None = "2021-05-04") -> Document:
    document = Document("doc", text, "test", "txt", published=published)
    document.segments = [Segment("doc", "article", 0, len(text))]
    find_mentions(Analysis(document, parse_segments([document])[0], resources))
    return document


def mention_at(document: Document, words: str) -> Mention | None:
    start = document.text.rindex(words)
    found = [m for m in document.mentions if m.start <= start < m.end]
    return found[-1] if found else None


@pytest.mark.parametrize(("text", "description", "key"), [
    ("Georgian Defence Minister Levan Tsiklauri met the Polish envoy. The Georgian minister said the talks "
     "went well.", "minister said", "person:levan tsiklauri"),
    ("The then-President of Kyrgyzstan, Almazbek Atambayev, signed the decree in 2015. The Kyrgyz leader "
     "left the same day.", "leader left", "person:almazbek atambayev"),
    ("Talks with Olena Kovalenko, the Ukrainian Minister of Energy, ended on Friday. The Ukrainian guest "
     "flew home.", "guest flew", "person:olena kovalenko"),
    ("Kyrgyz President Sadyr Japarov arrived. Later the Kyrgyz Pres. thanked his hosts.", "Pres. thanked",
     "person:sadyr japarov"),
    ("The National Border Committee (NBC) reported calm. Aslan Beg, the former head of the border "
     "committee, was detained. Later the NBC chief was freed.", "chief was", "person:aslan beg"),
])
def test_find_mentions_descriptions_name_the_titled_person(resources, text, description, key):
    found = mention_at(analysed(text, resources), description)
    assert found is not None and (found.entity_key, found.label, found.entity_type) == (key, "ROLE", "person")


@pytest.mark.parametrize(("text", "description"), [
    # Another state's minister is somebody else.
    ("Georgian Defence Minister Levan Tsiklauri met his hosts. The Armenian minister said the talks went "
     "well.", "minister said"),
    # An indefinite phrase introduces somebody new.
    ("Georgian Defence Minister Levan Tsiklauri met his hosts. A Georgian minister said the talks went "
     "well.", "minister said"),
    # A guest of no stated state could be anyone.
    ("Georgian Defence Minister Levan Tsiklauri met his hosts. The guest said the talks went well.",
     "guest said"),
])
def test_find_mentions_descriptions_without_a_fitting_person_stay_unresolved(resources, text, description):
    found = mention_at(analysed(text, resources), description)
    assert found is None or found.entity_type != "person"


def test_find_mentions_description_leaves_the_state_its_own_mention(resources):
    document = analysed("Uzbek President Shavkat Mirziyoyev arrived. The Uzbek president thanked his hosts.",
                        resources)
    state = mention_at(document, "Uzbek president")
    person = mention_at(document, "president thanked")
    assert (state.entity_key, person.entity_key) == ("country:UZ", "person:shavkat mirziyoyev")
    assert all(a.end <= b.start for a, b in zip(document.mentions, document.mentions[1:]))


@pytest.mark.parametrize(("text", "expected"), [
    ("Georgian Defence Minister Levan Tsiklauri met the Polish envoy.",
     Role("", "person:levan tsiklauri", "Levan Tsiklauri", "Defence Minister", "Georgia", "country:GE",
          "2021-05-04", None, True)),
    ("The then-President of Kyrgyzstan, Almazbek Atambayev, signed the decree in 2015.",
     Role("", "person:almazbek atambayev", "Almazbek Atambayev", "President of Kyrgyzstan", "Kyrgyzstan",
          "country:KG",
          "2015", "2021-05-04", False)),
    ("Dilnoza Rakhimova, the former head of the customs committee, was arrested.",
     Role("", "person:dilnoza rakhimova", "Dilnoza Rakhimova", "head of the customs committee", None, None,
          None, "2021-05-04", False)),
])
def test_find_mentions_roles_carry_title_state_and_time(resources, text, expected):
    document = analysed(text, resources)
    assert len(document.roles) == 1
    role = document.roles[0]
    found = (role.person_key, role.person, role.title, role.affiliation, role.affiliation_key, role.time,
             role.until, role.current)
    assert found == (expected.person_key, expected.person, expected.title, expected.affiliation,
                     expected.affiliation_key, expected.time, expected.until, expected.current)
    assert role.doc_id == document.id and document.text[role.span[0]:role.span[1]].strip()


def test_find_mentions_roles_of_one_person_at_two_times(resources):
    text = ("In 2016 the then-Minister of Defence of Tajikistan, Rustam Nazarov, opened the base. "
            "Rustam Nazarov, Minister of Industry, said in March 2021 that the plant would reopen.")
    roles = sorted(analysed(text, resources).roles, key=lambda r: r.time or "")
    assert [(r.title, r.time, r.current) for r in roles] == [("Minister of Defence of Tajikistan", "2016", False),
                                                             ("Minister of Industry", "2021-03", True)]


def test_find_mentions_roles_without_a_date_use_the_text_dates(resources):
    document = analysed("On 3 March 2020 Chief Prosecutor Anvar Tursunov resigned.", resources, published=None)
    assert [(r.title, r.time) for r in document.roles] == [("Chief Prosecutor", "2020-03-03")]


@pytest.mark.parametrize(("text", "form", "key"), [
    ("The State Security Committee (SSC) denied it. The security committee said nothing else.",
     "security committee said", "org:state security committee"),
    ("The ministry in charge denied the claim, said the Ministry of Water Resources on Monday.",
     "ministry in charge", "org:ministry of water resources"),
    ("The Ministry of Water Resources denied the claim. The Agency also said the dam was safe.",
     "Agency also", "org:ministry of water resources"),
])
def test_find_mentions_descriptions_of_bodies(resources, text, form, key):
    assert mention_at(analysed(text, resources), form).entity_key == key


@pytest.mark.parametrize(("text", "form", "key"), [
    ("Tanks crossed from Arminia overnight.", "Arminia", "country:AM"),
    ("Officials said the town was renamed Astana in 2019.", "Astana", "place:1526273"),
])
def test_find_mentions_misspelt_and_renamed_places(resources, text, form, key):
    assert mention_at(analysed(text, resources), form).entity_key == key


@pytest.mark.parametrize(("text", "title"), [
    ("The ministry spokesman Ana Ruiz told reporters the order was cancelled.", "spokesman"),
    ("Brazil's Defence Minister Rui Costa visited the plant.", "Defence Minister"),
    ("Police spokeswoman Lea Sand said the talks were over.", "spokeswoman"),
])
def test_find_mentions_title_mention_keeps_whole_words(resources, text, title):
    document = analysed(text, resources)
    roles = [m for m in document.mentions if m.label == "ROLE"]
    assert roles and all(document.text[m.start - 1:m.start] in (" ", "") for m in roles)
    assert title in {m.text for m in roles}
