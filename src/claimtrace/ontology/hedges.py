"""The factuality lexicon: hedges (probable / possible), negation cues, failure and
non-assertion markers, loaded from ``hedges.yaml`` and checked at start-up.

The lexicon only says what a word is; the scope rules live in
:mod:`claimtrace.analyse.factuality`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import yaml

from claimtrace.errors import Messages, OntologyError

HEDGES_FILE = Path(__file__).with_name("hedges.yaml")

Level = Literal["probable", "possible"]
LEVELS: tuple[Level, ...] = ("probable", "possible")
HEDGE_KINDS = ("adverbs", "predicates", "nouns", "adjectives", "modals", "phrases")
Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HedgeLexicon:
    """Words that lower certainty, negate, mark failure or keep a clause from being asserted."""

    words: Mapping[str, Mapping[str, Level]]  # kind ("adverbs", ...) -> lemma -> level
    phrases: Mapping[Phrase, Level]
    negation_adverbs: frozenset[str]
    negation_determiners: frozenset[str]
    negation_pronouns: frozenset[str]
    negation_prepositions: frozenset[str]
    failure_predicates: frozenset[str]
    failure_phrases: tuple[Phrase, ...]
    attempt_nouns: frozenset[str]
    preventers: frozenset[str]
    conditional_marks: frozenset[str]
    question_marks: frozenset[str]
    interrogatives: frozenset[str]
    counterfactual_modals: frozenset[str]
    desire_predicates: frozenset[str]
    title_cues: frozenset[str]
    reported_nouns: frozenset[str]

    def level(self, kind: str, lemma: str) -> Level | None:
        """The certainty a word of this kind lowers an event to, or None when it is no hedge."""
        return self.words.get(kind, {}).get(lemma.lower())

    def is_negation(self, lemma: str) -> bool:
        key = lemma.lower()
        return key in self.negation_adverbs or key in self.negation_determiners or key in self.negation_pronouns


def _fail(file: Path, entry: str, detail: str) -> OntologyError:
    return OntologyError(Messages.E010.format(file=file.name, entry=entry, detail=detail))


def _words(data: Any, key: str, file: Path, entry: str) -> list[str]:
    value = data.get(key, []) if isinstance(data, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(file, f"{entry}.{key}", f"expected a list of words, got {value!r}")
    return [v.strip().lower() for v in value]


def _section(data: dict[str, Any], name: str, file: Path) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise _fail(file, name, f"missing or not a mapping: {section!r}")
    return section


def parse_hedges(data: Any, file: Path = HEDGES_FILE) -> HedgeLexicon:
    """Check and build the lexicon from the YAML data of ``file``."""
    if not isinstance(data, dict):
        raise _fail(file, "<file>", "expected a mapping at the top level")
    certainty = _section(data, "certainty", file)
    unknown = set(certainty) - set(LEVELS)
    if unknown:
        raise _fail(file, "certainty", f"unknown level(s) {sorted(unknown)}; expected {', '.join(LEVELS)}")
    words: dict[str, dict[str, Level]] = {kind: {} for kind in HEDGE_KINDS if kind != "phrases"}
    phrases: dict[Phrase, Level] = {}
    for level in LEVELS:
        entry = _section(certainty, level, file) if level in certainty else {}
        for kind in entry:
            if kind not in HEDGE_KINDS:
                raise _fail(file, f"certainty.{level}.{kind}", f"unknown kind; expected {', '.join(HEDGE_KINDS)}")
        for kind in HEDGE_KINDS:
            for word in _words(entry, kind, file, f"certainty.{level}"):
                if kind == "phrases":
                    phrases.setdefault(tuple(word.split()), level)
                else:
                    words[kind].setdefault(word, level)
    negation = _section(data, "negation", file)
    failure = _section(data, "failure", file)
    non_assertion = _section(data, "non_assertion", file)
    return HedgeLexicon(
        words=MappingProxyType({k: MappingProxyType(v) for k, v in words.items()}),
        phrases=MappingProxyType(phrases),
        negation_adverbs=frozenset(_words(negation, "adverbs", file, "negation")),
        negation_determiners=frozenset(_words(negation, "determiners", file, "negation")),
        negation_pronouns=frozenset(_words(negation, "pronouns", file, "negation")),
        negation_prepositions=frozenset(_words(negation, "prepositions", file, "negation")),
        failure_predicates=frozenset(_words(failure, "predicates", file, "failure")),
        failure_phrases=tuple(tuple(p.split()) for p in _words(failure, "phrases", file, "failure")),
        attempt_nouns=frozenset(_words(failure, "attempt_nouns", file, "failure")),
        preventers=frozenset(_words(failure, "preventers", file, "failure")),
        conditional_marks=frozenset(_words(non_assertion, "conditional_marks", file, "non_assertion")),
        question_marks=frozenset(_words(non_assertion, "question_marks", file, "non_assertion")),
        interrogatives=frozenset(_words(non_assertion, "interrogatives", file, "non_assertion")),
        counterfactual_modals=frozenset(_words(non_assertion, "counterfactual_modals", file, "non_assertion")),
        desire_predicates=frozenset(_words(non_assertion, "desire_predicates", file, "non_assertion")),
        title_cues=frozenset(_words(non_assertion, "title_cues", file, "non_assertion")),
        reported_nouns=frozenset(_words(non_assertion, "reported_nouns", file, "non_assertion")),
    )


def read_hedges(path: Path) -> HedgeLexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise _fail(path, "<file>", str(error)) from error
    return parse_hedges(data, path)


@functools.cache
def load_hedges() -> HedgeLexicon:
    """The packaged factuality lexicon."""
    return read_hedges(HEDGES_FILE)
