"""Kinds of sources and their default Admiralty reliability, loaded from ``source_kinds.yaml``.

The file says what each kind of source deserves by default (an official
statement B, an anonymous insider E, ...), how a source is recognised as of a
kind when no registry names it, and which well-known outlets are of which kind.
:func:`parse_source_kinds` checks it and names the entry that is wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from claimtrace.errors import Messages, OntologyError

SOURCE_KINDS_FILE = Path(__file__).with_name("source_kinds.yaml")

RELIABILITY_LETTERS = ("A", "B", "C", "D", "E", "F")
RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
UNKNOWN_KIND = "unknown"
READER_COMMENT_KIND = "reader_comment"
KNOWN_SOURCE_TYPES = frozenset({"person", "organization", "government", "media", "unnamed", "author"})


@dataclass(frozen=True, slots=True)
class SourceKind:
    """A kind of source: its default reliability and how to recognise it."""

    name: str
    reliability: str  # A .. F
    label: str
    source_types: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceKinds:
    """Every kind, in the order they are tried, and the outlets known to be of a kind."""

    kinds: Mapping[str, SourceKind]
    outlets: Mapping[str, str]  # outlet name as written -> kind name

    def __getitem__(self, name: str) -> SourceKind:
        try:
            return self.kinds[name]
        except KeyError:
            raise KeyError(f"no source kind {name!r}; known kinds: {', '.join(self.kinds)}") from None


def _fail(file: Path, entry: str, detail: str) -> OntologyError:
    return OntologyError(Messages.E010.format(file=file.name, entry=entry, detail=detail))


def check_reliability(value: Any, file: Path, entry: str) -> str:
    letter = str(value).strip().upper() if isinstance(value, str) else None
    if letter not in RELIABILITY_LETTERS:
        raise _fail(file, entry, f"reliability must be one of {', '.join(RELIABILITY_LETTERS)}, got {value!r}")
    return letter


def _strings(value: Any, file: Path, entry: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(file, entry, f"expected a list of names or words, got {value!r}")
    return [v.strip() for v in value]


def _kind(name: str, data: Any, file: Path) -> SourceKind:
    if not isinstance(data, dict):
        raise _fail(file, f"kinds.{name}", f"expected a mapping with reliability and label, got {data!r}")
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _fail(file, f"kinds.{name}.label", f"expected a phrase, got {label!r}")
    types = _strings(data.get("source_types"), file, f"kinds.{name}.source_types")
    unknown = sorted(set(types) - KNOWN_SOURCE_TYPES)
    if unknown:
        raise _fail(file, f"kinds.{name}.source_types",
                    f"unknown source types {unknown}; known: {', '.join(sorted(KNOWN_SOURCE_TYPES))}")
    words = tuple(word.casefold() for word in _strings(data.get("words"), file, f"kinds.{name}.words"))
    reliability = check_reliability(data.get("reliability"), file, f"kinds.{name}.reliability")
    return SourceKind(name, reliability, label.strip(), frozenset(types), words)


def parse_source_kinds(data: Any, file: Path = SOURCE_KINDS_FILE) -> SourceKinds:
    """Check and build the kinds from the YAML data of ``file``."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict) or not data["kinds"]:
        raise _fail(file, "kinds", "expected a mapping 'kinds' of kind name -> reliability and label")
    kinds = {name: _kind(name, entry, file) for name, entry in data["kinds"].items()}
    for required in (UNKNOWN_KIND, READER_COMMENT_KIND):
        if required not in kinds:
            raise _fail(file, f"kinds.{required}", "this kind is required")
    if list(kinds)[-1] != UNKNOWN_KIND:
        raise _fail(file, f"kinds.{UNKNOWN_KIND}", "must be the last kind (it applies when nothing else does)")
    outlets: dict[str, str] = {}
    listed = data.get("outlets") or {}
    if not isinstance(listed, dict):
        raise _fail(file, "outlets", f"expected a mapping of kind -> outlet names, got {listed!r}")
    for kind, names in listed.items():
        if kind not in kinds:
            raise _fail(file, f"outlets.{kind}", f"no such kind; known kinds: {', '.join(kinds)}")
        for name in _strings(names, file, f"outlets.{kind}"):
            outlets[name] = kind
    return SourceKinds(MappingProxyType(kinds), MappingProxyType(outlets))


@functools.cache
def load_source_kinds(file: Path = SOURCE_KINDS_FILE) -> SourceKinds:
    """The source kinds of ``file`` (default: the packaged ``source_kinds.yaml``), checked."""
    try:
        data = yaml.safe_load(file.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise _fail(file, "<file>", f"cannot read it: {error}") from error
    return parse_source_kinds(data, file)
