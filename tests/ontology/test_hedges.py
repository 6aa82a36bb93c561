"""The factuality lexicon: hedges by level, negation, failure and non-assertion words."""

from __future__ import annotations

import copy

import pytest
import yaml

from claimtrace.errors import OntologyError
from claimtrace.ontology.hedges import HEDGES_FILE, load_hedges, parse_hedges


@pytest.mark.parametrize(("kind", "word", "level"), [
    ("adverbs", "likely", "probable"), ("adverbs", "probably", "probable"), ("adverbs", "apparently", "probable"),
    ("predicates", "seem", "probable"), ("modals", "may", "possible"), ("modals", "might", "possible"),
    ("modals", "could", "possible"), ("adverbs", "allegedly", "possible"), ("adverbs", "reportedly", "possible"),
    ("nouns", "rumour", "possible"), ("adjectives", "suspected", "possible"),
])
def test_hedge_level_of_word(kind, word, level):
    assert load_hedges().level(kind, word) == level


def test_hedge_phrases_are_lemma_sequences():
    phrases = load_hedges().phrases
    assert phrases[("look", "like")] == "probable"
    assert phrases[("it", "be", "say")] == "possible"


@pytest.mark.parametrize("word", ["not", "n't", "never", "no"])
def test_negation_cue_is_recognised(word):
    assert load_hedges().is_negation(word)


def test_failure_words_are_loaded():
    hedges = load_hedges()
    assert {"fail", "collapse"} <= hedges.failure_predicates
    assert ("fall", "through") in hedges.failure_phrases
    assert "attempt" in hedges.attempt_nouns


@pytest.mark.parametrize(("section", "key", "value", "entry"), [
    ("certainty", "certain", {"adverbs": ["surely"]}, "certainty"),
    ("negation", "adverbs", "not", "negation.adverbs"),
    ("failure", "predicates", [1, 2], "failure.predicates"),
])
def test_parse_hedges_bad_entry_names_file_and_entry(section, key, value, entry):
    raw = copy.deepcopy(yaml.safe_load(HEDGES_FILE.read_text(encoding="utf-8")))
    raw[section][key] = value
    with pytest.raises(OntologyError) as error:
        parse_hedges(raw)
    assert "hedges.yaml" in str(error.value) and entry in str(error.value)


def test_non_assertion_words_are_loaded():
    lexicon = load_hedges()
    assert {"want", "hope", "plan"} <= lexicon.desire_predicates
    assert {"titled", "headlined"} <= lexicon.title_cues
