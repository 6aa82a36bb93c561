"""What an analyst types into search, read once into terms that any full-text engine can run.

The syntax is the one web search engines taught everyone: words (every one
must match), ``"a phrase"``, a ``prefix*``, ``OR`` between two alternatives and
``-word`` to leave out. Nothing typed is passed on as engine syntax: a quote
that never closes runs to the end, stray operators and punctuation are read as
text or dropped, so no input can make the engine fail. The engine's own
rendering lives with its SQL (:func:`claimtrace.store.search.fts5_expression`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtrace.errors import Messages, SearchError

MAX_QUERY_CHARS = 500
MAX_TERMS = 32  # each term is one more index lookup; nobody types more

# A "phrase" (its closing quote optional, a - before it, a * after it), or a run of anything else but space.
_TOKEN = re.compile(r'(?P<negated>-)?"(?P<phrase>[^"]*)"?(?P<star>\*)?|(?P<word>[^\s"]+)')
_OR = "OR"


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase to look for, as typed; ``prefix``: its last word may go on (``deliv*``)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Terms to find, grouped: a hit matches one term of every group, and none of ``excluded``."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups


def clean_text(text: str) -> str:
    """The text with what no engine accepts removed: control characters, unpaired surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # a surrogate from undecodable argv bytes
    return "".join(" " if not char.isprintable() and not char.isspace() else char for char in text)


def parse_query(text: str) -> ParsedQuery:
    """The terms of a query; an empty query gives no groups (the caller decides whether filters suffice).

    Raises :class:`SearchError` when the query is too long (E042), has no word
    to look for though it is not blank (E040), or only excludes words (E041).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(Messages.E042.format(count=f"{len(text)} characters",
                                               limit=f"{MAX_QUERY_CHARS} characters"))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False  # an OR was read: the next term joins the group before it
    for match in _TOKEN.finditer(clean_text(text)):
        word = match["word"]
        if word == _OR:
            joining = bool(groups)
            continue
        term, negated = _term(match) if word is None else _word(word)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = False
    if not groups and excluded:
        raise SearchError(Messages.E041.format(query=text))
    if not groups and text.strip():
        raise SearchError(Messages.E040.format(query=text))
    parsed = ParsedQuery(tuple(tuple(group) for group in groups), tuple(excluded))
    terms = sum(map(len, parsed.groups)) + len(parsed.excluded)
    if terms > MAX_TERMS:
        raise SearchError(Messages.E042.format(count=f"{terms} words and phrases", limit=MAX_TERMS))
    return parsed


def _term(match: re.Match[str]) -> tuple[Term | None, bool]:
    phrase = match["phrase"]
    return (Term(phrase.strip(), prefix=bool(match["star"])) if _has_word(phrase) else None), bool(match["negated"])


def _word(word: str) -> tuple[Term | None, bool]:
    negated = word.startswith("-") and len(word) > 1
    word = word[1:] if negated else word
    prefix = word.endswith("*")
    word = word.rstrip("*")
    return (Term(word, prefix=prefix) if _has_word(word) else None), negated


def _has_word(text: str) -> bool:
    """Whether the text has a letter or digit: the engine's tokenizer drops everything else."""
    return any(char.isalnum() for char in text)
