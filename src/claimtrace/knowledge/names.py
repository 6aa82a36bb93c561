"""Words that tell what a name is: person titles, government bodies, news outlets.

Loaded from ``names.yaml`` beside this module. Used to trim titles off person
names, to tell a ministry from a company from a newspaper, and to build the
canonical keys of people and organisations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimtrace.errors import OntologyError
from claimtrace.knowledge.gazetteer import strip_accents
from claimtrace.model import EntityType

NAMES_FILE = Path(__file__).parent / "names.yaml"
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text) if w]


@dataclass(frozen=True, slots=True)
class NameVocabulary:
    """The word lists of ``names.yaml``, as sets for quick membership tests."""

    titles: frozenset[str]  # casefolded, dots kept as written ("mr.", "president")
    government_heads: frozenset[str]
    government_words: frozenset[str]
    media_words: frozenset[str]
    media_outlets: frozenset[str]  # casefolded full names
    organization_words: frozenset[str]
    role_nouns: frozenset[str] = frozenset()  # heads of phrases naming a person by office
    visitor_nouns: frozenset[str] = frozenset()  # "guest", "representative": a person of some state or body
    past_markers: frozenset[str] = frozenset()  # "former", "then": a role held before
    title_equivalents: tuple[frozenset[str], ...] = ()  # groups of words titles use for one another

    @classmethod
    def load(cls) -> NameVocabulary:
        return _load_vocabulary()

    def is_title(self, words: str) -> bool:
        """True for a title or honorific ("President", "Mr.", "Defence Minister")."""
        text = _SPACES.sub(" ", words.strip()).casefold()
        return text in self.titles or text.rstrip(".") in self.titles or text + "." in self.titles

    def same_title_word(self, a: str, b: str) -> bool:
        """True when two title words may name one office ("chief" and "head", "Pres." and "president")."""
        a, b = a.casefold().rstrip("."), b.casefold().rstrip(".")
        return a == b or any({a, a + "."} & group and {b, b + "."} & group for group in self.title_equivalents)

    def classify_organization(self, name: str) -> EntityType:
        """``media``, ``government`` or ``organization`` for an organisation's name."""
        text = _LEADING_ARTICLE.sub("", name.strip())
        folded = text.casefold()
        if folded in self.media_outlets or any(folded.startswith(o + " ") for o in self.media_outlets):
            return "media"
        words = {w.casefold() for w in _words(text)}
        if words & self.media_words or folded.startswith(("al-", "al ")) and len(words) <= 3:
            return "media"
        if _has_any(folded, words, self.government_heads):
            return "government"
        if words & self.organization_words:
            return "organization"
        if _has_any(folded, words, self.government_words):
            return "government"
        return "organization"


def _has_any(folded: str, words: set[str], vocabulary: frozenset[str]) -> bool:
    """True when a single word of the vocabulary is a word of the name, or a phrase of it is in it."""
    return bool(words & vocabulary) or any(
        " " in phrase and re.search(rf"\b{re.escape(phrase)}\b", folded) for phrase in vocabulary)


def clean_name(text: str) -> str:
    """The name as a display name: no leading article, no possessive, single spaces."""
    text = _SPACES.sub(" ", text.strip())
    text = _POSSESSIVE.sub("", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def name_key(text: str, *, titles: bool = False) -> str:
    """The normalised name inside an entity key: casefolded, no accents, dots or extra spaces.

    With ``titles`` leading titles are dropped too ("Mr. Akar" -> "akar").
    """
    words = clean_name(strip_accents(text)).replace("\u2019", "'").split(" ")
    if titles:
        vocabulary = NameVocabulary.load()
        while len(words) > 1 and vocabulary.is_title(words[0]):
            words = words[1:]
    return " ".join(words).casefold().replace(".", "")


def person_key(name: str) -> str:
    return f"person:{name_key(name, titles=True)}"


def organization_key(name: str) -> str:
    return f"org:{name_key(name)}"


@functools.cache
def _load_vocabulary() -> NameVocabulary:
    try:
        data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise OntologyError(f"{NAMES_FILE.name} is not valid YAML: {error}") from error

    def words(field: str) -> frozenset[str]:
        values = data.get(field)
        if not isinstance(values, list) or not values:
            raise OntologyError(f"{NAMES_FILE.name}: {field!r} must be a non-empty list of words")
        return frozenset(_SPACES.sub(" ", str(v)).casefold() for v in values)

    return NameVocabulary(
        titles=words("person_titles"),
        government_heads=words("government_heads"),
        government_words=words("government_words"),
        media_words=words("media_words"),
        media_outlets=words("media_outlets"),
        organization_words=words("organization_words"),
        role_nouns=words("role_nouns"),
        visitor_nouns=words("visitor_nouns"),
        past_markers=words("past_markers"),
        title_equivalents=_equivalents(data.get("title_equivalents")),
    )


def _equivalents(groups: object) -> tuple[frozenset[str], ...]:
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) >= 2 for g in groups):
        raise OntologyError(f"{NAMES_FILE.name}: 'title_equivalents' must be a list of lists of two or more "
                            f"words, not {groups!r}")
    return tuple(frozenset(_SPACES.sub(" ", str(w)).casefold() for w in group) for group in groups)
