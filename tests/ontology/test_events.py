"""The event ontology: twelve types from data, checked at start-up."""

from __future__ import annotations

import copy

import pytest
import yaml

from claimtrace.errors import OntologyError
from claimtrace.ontology.events import EVENT_TYPES_FILE, load_event_types, parse_event_types

SCHEMA_TYPES = {"arms_transfer", "arms_negotiation", "export_restriction", "military_deployment",
                "military_training", "defence_cooperation", "meeting", "military_spending", "legal_action",
                "unrest", "personnel_change", "logistics_movement"}


@pytest.fixture()
def raw() -> dict:
    return yaml.safe_load(EVENT_TYPES_FILE.read_text(encoding="utf-8"))


def test_load_event_types_gives_the_twelve_schema_types():
    assert set(load_event_types()) == SCHEMA_TYPES


@pytest.mark.parametrize("name", sorted(SCHEMA_TYPES))
def test_event_type_has_codes_and_triggers(name):
    event_type = load_event_types()[name]
    assert event_type.cameo.isdigit() and event_type.plover.isupper()
    assert event_type.triggers and all(g.lemmas or g.patterns for g in event_type.triggers)


@pytest.mark.parametrize(("name", "lemma", "pos"), [
    ("arms_transfer", "sell", "verb"), ("arms_transfer", "delivery", "noun"),
    ("military_training", "train", "verb"), ("legal_action", "extradite", "verb"),
    ("personnel_change", "appoint", "verb"), ("unrest", "riot", "noun"), ("meeting", "visit", "verb"),
])
def test_event_type_groups_for_finds_trigger_group(name, lemma, pos):
    assert load_event_types()[name].groups_for(lemma, pos)


def test_arms_transfer_requires_a_military_item():
    groups = load_event_types()["arms_transfer"].groups_for("sell", "verb")
    assert any(c.value == "military_items" for g in groups for c in g.requires["item"])


def test_parse_event_types_accepts_a_new_type_from_data(raw):
    raw["types"]["cyber_attack"] = {
        "description": "an intrusion into computer systems", "cameo": "172", "plover": "ASSAULT",
        "roles": {"agent": ["subject"], "recipient": ["object"]},
        "triggers": [{"pos": "verb", "lemmas": ["hack"]}],
    }
    types = parse_event_types(raw)
    assert types["cyber_attack"].groups_for("hack", "verb")[0].roles["agent"] == ("subject",)


@pytest.mark.parametrize(("path", "value", "message"), [
    (("types", "meeting", "triggers", 0, "pos"), "adverb", "meeting.triggers[0]"),
    (("types", "meeting", "roles", "agent"), ["sideways"], "meeting.roles.agent"),
    (("types", "arms_transfer", "triggers", 0, "requires", "item"), ["no_such_lexicon"],
     "arms_transfer.triggers[0].requires.item"),
    (("types", "unrest", "cameo"), None, "unrest"),
    (("lexicons", "offices"), "minister", "lexicons.offices"),
    (("types", "meeting", "absorbs"), ["no_such_type"], "meeting.absorbs"),
])
def test_parse_event_types_bad_entry_names_file_and_entry(raw, path, value, message):
    broken = copy.deepcopy(raw)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(OntologyError) as error:
        parse_event_types(broken)
    assert "event_types.yaml" in str(error.value) and message in str(error.value)


def test_event_type_reads_coreference_and_state_roles():
    types = load_event_types()
    assert types["legal_action"].distinct_by_trigger and types["legal_action"].state_roles == {"agent"}
    assert not types["arms_transfer"].distinct_by_trigger and not types["meeting"].state_roles


def test_parse_event_types_bad_state_roles_names_entry(raw):
    broken = copy.deepcopy(raw)
    broken["types"]["legal_action"]["state_roles"] = "agent"
    with pytest.raises(OntologyError) as error:
        parse_event_types(broken)
    assert "legal_action.state_roles" in str(error.value)


@pytest.mark.parametrize("pseudo_role", ["topic", "parties", "context", "trigger"])
def test_parse_event_types_accepts_pseudo_role_constraints(raw, pseudo_role):
    changed = copy.deepcopy(raw)
    changed["types"]["meeting"]["triggers"][0]["requires"] = {pseudo_role: ["entity:any"]}
    assert parse_event_types(changed)["meeting"].triggers[0].requires[pseudo_role]


def test_event_type_reads_topic_roles():
    types = load_event_types()
    assert types["military_deployment"].topic_roles == {"recipient"} and not types["meeting"].topic_roles


def test_parse_event_types_topic_role_must_be_a_role_of_the_type(raw):
    broken = copy.deepcopy(raw)
    broken["types"]["military_deployment"]["topic_roles"] = ["destination"]
    with pytest.raises(OntologyError) as error:
        parse_event_types(broken)
    assert "military_deployment.topic_roles" in str(error.value) and "destination" in str(error.value)


@pytest.mark.parametrize("path", ["listed:from", "listed_item:to|into", "near:to"])
def test_parse_event_types_accepts_list_and_near_paths(raw, path):
    changed = copy.deepcopy(raw)
    changed["types"]["meeting"]["roles"]["agent"] = [path]
    assert parse_event_types(changed)["meeting"].triggers[0].roles["agent"] == (path,)
