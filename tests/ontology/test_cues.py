"""The attribution cue lexicon: loaded from cues.yaml, checked entry by entry."""

from __future__ import annotations

import pytest

from claimtrace.errors import OntologyError
from claimtrace.ontology.cues import CueLexicon, load_cues, parse_cues


def _minimal(**overrides: object) -> dict:
    raw: dict = {
        "verbs": {"say": {}, "deny": {"polarity": "negative", "object": "claim"}},
        "nouns": {"statement": {}},
        "claim_nouns": ["report"],
        "phrases": ["according to"],
        "denials": ["is false"],
        "unnamed_heads": ["sources"],
        "media_heads": ["press"],
        "government_heads": ["ministry"],
        "person_titles": ["minister"],
    }
    raw.update(overrides)
    return raw


def test_load_cues_returns_checked_lexicon() -> None:
    lexicon = load_cues()
    assert isinstance(lexicon, CueLexicon)
    assert lexicon is load_cues()  # loaded once
    assert ("according", "to") in lexicon.phrases


@pytest.mark.parametrize("lemma", ["say", "tell", "deny", "allege", "announce", "underscore", "pledge", "Say"])
def test_is_cue_knows_reporting_verbs(lemma: str) -> None:
    assert load_cues().is_cue(lemma)


@pytest.mark.parametrize("lemma", ["eat", "build", "visit", "sell"])
def test_is_cue_rejects_other_verbs(lemma: str) -> None:
    assert not load_cues().is_cue(lemma)


@pytest.mark.parametrize(("lemma", "polarity"), [
    ("deny", "negative"), ("refute", "negative"), ("reject", "negative"), ("dismiss", "negative"),
    ("denial", "negative"), ("say", "positive"), ("confirm", "positive"), ("unknownword", "positive"),
])
def test_cue_polarity_marks_rejections(lemma: str, polarity: str) -> None:
    assert load_cues().cue_polarity(lemma) == polarity


@pytest.mark.parametrize(("lemma", "hedge"), [
    ("allege", True), ("claim", True), ("rumour", True), ("speculate", True), ("say", False), ("deny", False),
])
def test_is_hedging_cue_flags_doubtful_cues(lemma: str, hedge: bool) -> None:
    assert load_cues().is_hedging_cue(lemma) is hedge


def test_lexicon_holds_source_heads() -> None:
    lexicon = load_cues()
    assert {"insiders", "observers", "some"} <= lexicon.unnamed_heads
    assert {"media", "journalists", "portal", "social networks"} <= lexicon.media_heads
    assert "minister" in lexicon.person_titles
    assert ("is", "a", "fake") in lexicon.denials


def test_verb_options_are_read() -> None:
    report = load_cues().verb("report")
    assert report is not None and "on" in report.preps and report.object == "any"
    assert load_cues().verb("deny").object == "claim"


@pytest.mark.parametrize(("lemma", "clause", "infinitive"), [
    ("statement", True, False), ("warning", True, False), ("ultimatum", True, True), ("promise", True, True),
    ("call", False, True),
])
def test_noun_options_say_what_carries_the_content(lemma: str, clause: bool, infinitive: bool) -> None:
    noun = load_cues().noun(lemma)
    assert noun is not None and (noun.clause, noun.infinitive) == (clause, infinitive)


def test_verbs_taking_a_gerund_report_it() -> None:
    assert load_cues().verb("deny").xcomp and load_cues().verb("admit").xcomp


def test_parse_cues_accepts_minimal_lexicon() -> None:
    lexicon = parse_cues(_minimal(), "test.yaml")
    assert lexicon.cue_polarity("deny") == "negative"
    assert lexicon.is_cue_noun("statement")


@pytest.mark.parametrize(("raw", "entry"), [
    (_minimal(verbs={"deny": {"polarity": "sceptical"}}), "deny"),
    (_minimal(verbs={"say": {"colour": "red"}}), "say"),
    (_minimal(verbs={"report": {"preps": [True]}}), "report"),  # a bare `on` in YAML is read as true
    (_minimal(verbs={"say": {"hedge": "yes"}}), "say"),
    (_minimal(verbs={"Say": {}}), "Say"),
    (_minimal(verbs={"note": {"object": "everything"}}), "note"),
    (_minimal(nouns={"claim": {"xcomp": True}}), "claim"),
    (_minimal(nouns={"promise": {"infinitive": "often"}}), "promise"),
    (_minimal(media_heads=["Press"]), "media_heads: Press"),
    (_minimal(media_heads=["press", "press"]), "media_heads: press"),
    (_minimal(phrases=[]), "phrases"),
    (_minimal(denials=None), "denials"),
])
def test_parse_cues_names_file_and_entry_of_bad_entries(raw: dict, entry: str) -> None:
    with pytest.raises(OntologyError) as error:
        parse_cues(raw, "broken.yaml")
    message = str(error.value)
    assert "broken.yaml" in message and repr(entry) in message


def test_parse_cues_rejects_non_mapping() -> None:
    with pytest.raises(OntologyError, match="broken.yaml"):
        parse_cues(["say"], "broken.yaml")
