"""The attribution cue lexicon: reporting verbs and nouns, source phrases, denials, source heads.

Loaded from ``cues.yaml`` next to this module and checked entry by entry; a
malformed entry raises :class:`~claimtrace.errors.OntologyError` naming the
file and the entry. Other stages ask the lexicon whether a lemma is a cue
(:meth:`CueLexicon.is_cue`), whether it rejects its content
(:meth:`CueLexicon.cue_polarity`) and whether it hedges (:meth:`CueLexicon.is_hedging_cue`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

import yaml

from claimtrace.errors import Messages, OntologyError

CUES_FILE = "cues.yaml"

ObjectRule = Literal["none", "any", "claim"]
_POLARITIES = ("positive", "negative")
_OBJECT_RULES = ("none", "any", "claim")
_VERB_KEYS = {"polarity", "hedge", "object", "xcomp", "preps", "passive_clause", "addressee", "quote_only", "clause"}
_NOUN_KEYS = {"polarity", "hedge", "clause", "infinitive"}
_WORD_LISTS = ("claim_nouns", "unnamed_heads", "media_heads", "government_heads", "person_titles")
_PHRASE_LISTS = ("phrases", "denials")


@dataclass(frozen=True, slots=True)
class CueVerb:
    """A reporting verb and how its complements carry the reported content."""

    lemma: str
    polarity: str = "positive"
    hedge: bool = False
    object: ObjectRule = "none"
    xcomp: bool = False
    preps: tuple[str, ...] = ()
    passive_clause: bool = False
    addressee: bool = False
    quote_only: bool = False
    clause: bool = True


@dataclass(frozen=True, slots=True)
class CueNoun:
    """A noun naming a statement ("the report", "the denial") and what can carry its content."""

    lemma: str
    polarity: str = "positive"
    hedge: bool = False
    clause: bool = True  # "Russia's claim [that X]"
    infinitive: bool = False  # "Turkey's promise [to deliver X]"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Everything the attribution stage needs to recognise who says what."""

    verbs: Mapping[str, CueVerb]
    nouns: Mapping[str, CueNoun]
    claim_nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # lower-cased words, e.g. ("according", "to")
    denials: tuple[tuple[str, ...], ...]
    unnamed_heads: frozenset[str]
    media_heads: frozenset[str]
    government_heads: frozenset[str]
    person_titles: frozenset[str]

    def is_cue(self, lemma: str) -> bool:
        """True when ``lemma`` is a reporting verb (say, deny, allege, ...)."""
        return lemma.lower() in self.verbs

    def cue_polarity(self, lemma: str) -> str:
        """``"negative"`` for verbs or nouns that reject their content (deny, denial), else ``"positive"``."""
        key = lemma.lower()
        entry = self.verbs.get(key) or self.nouns.get(key)
        return entry.polarity if entry else "positive"

    def is_hedging_cue(self, lemma: str) -> bool:
        """True when the cue itself casts doubt on the content (allege, claim, rumour)."""
        key = lemma.lower()
        entry = self.verbs.get(key) or self.nouns.get(key)
        return bool(entry and entry.hedge)

    def verb(self, lemma: str) -> CueVerb | None:
        return self.verbs.get(lemma.lower())

    def is_cue_noun(self, lemma: str) -> bool:
        return lemma.lower() in self.nouns

    def noun(self, lemma: str) -> CueNoun | None:
        return self.nouns.get(lemma.lower())


def load_cues() -> CueLexicon:
    """The cue lexicon from ``cues.yaml``, checked; cached after the first call."""
    return _load_cues_cached()


@functools.cache
def _load_cues_cached() -> CueLexicon:
    text = resources.files("claimtrace.ontology").joinpath(CUES_FILE).read_text(encoding="utf-8")
    return parse_cues(yaml.safe_load(text), CUES_FILE)


def parse_cues(raw: Any, file: str = CUES_FILE) -> CueLexicon:
    """Build and check a :class:`CueLexicon` from the parsed YAML mapping."""
    if not isinstance(raw, dict):
        raise OntologyError(Messages.E010.format(file=file, entry="<top>", detail="expected a mapping of sections"))
    verbs = {lemma: _parse_verb(lemma, spec, file) for lemma, spec in _section(raw, "verbs", dict, file).items()}
    nouns = {lemma: _parse_noun(lemma, spec, file) for lemma, spec in _section(raw, "nouns", dict, file).items()}
    words = {name: frozenset(_words(raw, name, file)) for name in _WORD_LISTS}
    phrases = {name: tuple(tuple(p.split()) for p in _words(raw, name, file)) for name in _PHRASE_LISTS}
    return CueLexicon(
        verbs=MappingProxyType(verbs),
        nouns=MappingProxyType(nouns),
        claim_nouns=words["claim_nouns"],
        phrases=phrases["phrases"],
        denials=phrases["denials"],
        unnamed_heads=words["unnamed_heads"],
        media_heads=words["media_heads"],
        government_heads=words["government_heads"],
        person_titles=words["person_titles"],
    )


def _fail(file: str, entry: object, detail: str) -> OntologyError:
    return OntologyError(Messages.E010.format(file=file, entry=entry, detail=detail))


def _section(raw: dict, name: str, kind: type, file: str) -> Any:
    value = raw.get(name)
    if not isinstance(value, kind) or not value:
        raise _fail(file, name, f"section missing or not a non-empty {kind.__name__}")
    return value


def _words(raw: dict, name: str, file: str) -> list[str]:
    values = _section(raw, name, list, file)
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str) or not value.strip() or value != value.lower():
            raise _fail(file, f"{name}: {value}", "expected a non-empty lower-case string")
        if value in seen:
            raise _fail(file, f"{name}: {value}", "listed twice")
        seen.add(value)
    return [" ".join(v.split()) for v in values]


def _check_lemma(lemma: object, spec: object, allowed: set[str], file: str) -> dict:
    if not isinstance(lemma, str) or not lemma.strip() or lemma != lemma.lower():
        raise _fail(file, lemma, "a cue must be a non-empty lower-case string")
    spec = {} if spec is None else spec
    if not isinstance(spec, dict):
        raise _fail(file, lemma, f"options must be a mapping, got {spec!r}")
    unknown = set(spec) - allowed
    if unknown:
        raise _fail(file, lemma, f"unknown option(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    if spec.get("polarity", "positive") not in _POLARITIES:
        raise _fail(file, lemma, f"polarity must be one of {_POLARITIES}, got {spec['polarity']!r}")
    for flag in ("hedge", "xcomp", "passive_clause", "addressee", "quote_only", "clause", "infinitive"):
        if flag in spec and not isinstance(spec[flag], bool):
            raise _fail(file, lemma, f"{flag} must be true or false, got {spec[flag]!r}")
    return spec


def _parse_verb(lemma: object, spec: object, file: str) -> CueVerb:
    options = _check_lemma(lemma, spec, _VERB_KEYS, file)
    if options.get("object", "none") not in _OBJECT_RULES:
        raise _fail(file, lemma, f"object must be one of {_OBJECT_RULES}, got {options['object']!r}")
    preps = options.get("preps", [])
    if not isinstance(preps, list) or not all(isinstance(p, str) and p for p in preps):
        raise _fail(file, lemma, f"preps must be a list of words, got {preps!r}")
    return CueVerb(lemma=str(lemma), **{**options, "preps": tuple(preps)})


def _parse_noun(lemma: object, spec: object, file: str) -> CueNoun:
    options = _check_lemma(lemma, spec, _NOUN_KEYS, file)
    return CueNoun(lemma=str(lemma), **options)

