"""The source registry: how reliable each source is, by name, as the analyst says.

Defaults come by kind of source from ``ontology/source_kinds.yaml`` (an
official statement B, a blog D, an anonymous insider E, a reader's comment E,
anything unknown F). An analyst overrides them per source in a YAML or TOML
file::

    sources:
      - name: Daily Herald
        aliases: [The Herald, dailyherald.example]
        kind: established_outlet      # optional: a kind of source_kinds.yaml
        reliability: B                # optional: overrides the kind's default
        note: accurate on arms deals since 2015

Files are read in this order, a later one overriding an earlier one by name:
``~/.config/claimtrace/sources.yaml`` (or ``.toml``), ``sources.yaml`` next to
the knowledge base, then a file given by path. A claim's source is looked up by
its name; a document's author by the document's outlet, author and web domain.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import yaml

from claimtrace.errors import Messages, OntologyError
from claimtrace.link.claim_fit import normalise_name
from claimtrace.link.voices import is_author
from claimtrace.ontology.sources import (
    READER_COMMENT_KIND,
    UNKNOWN_KIND,
    SourceKind,
    SourceKinds,
    check_reliability,
    load_source_kinds,
)
from claimtrace.model import EventClaim
from claimtrace.store.location import is_postgres_url

USER_REGISTRY = Path("~/.config/claimtrace")
REGISTRY_NAMES = ("sources.yaml", "sources.yml", "sources.toml")


class SourceDocument(Protocol):
    """What rating an author needs of a document."""

    @property
    def name(self) -> str: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def author(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One source the registry names, with its reliability and why."""

    name: str
    kind: SourceKind
    reliability: str
    note: str | None
    origin: str  # the file it comes from, or "the list of well-known outlets"


@dataclass(frozen=True, slots=True)
class SourceAssessment:
    """A source's reliability letter, what kind of source it is, and where the letter comes from."""

    reliability: str
    kind: str  # the kind's label, e.g. "an official statement"
    basis: str  # e.g. "by default for its kind" or "in the registry sources.yaml: <note>"


class SourceRegistry:
    """Sources by normalised name, over the defaults by kind."""

    def __init__(self, kinds: SourceKinds | None = None, entries: Iterable[RegistryEntry] = ()) -> None:
        self.kinds = kinds or load_source_kinds()
        self._entries: dict[str, RegistryEntry] = {}
        for name, kind in self.kinds.outlets.items():
            self.add(RegistryEntry(name, self.kinds[kind], self.kinds[kind].reliability, None,
                                   "the list of well-known outlets"), [name])
        for entry in entries:
            self.add(entry, [entry.name])

    def add(self, entry: RegistryEntry, names: Iterable[str]) -> None:
        for name in names:
            self._entries[normalise_name(name)] = entry

    def lookup(self, name: str | None) -> RegistryEntry | None:
        return self._entries.get(normalise_name(name)) if name else None

    @classmethod
    def load(cls, path: str | Path | None = None, db_path: str | Path | None = None) -> SourceRegistry:
        """The registry from the user's file, the one next to the knowledge base and ``path``, in that order."""
        registry = cls()
        files = [_first_existing(USER_REGISTRY.expanduser())]
        if db_path and str(db_path) != ":memory:" and not is_postgres_url(db_path):  # a database has no folder
            files.append(_first_existing(Path(db_path).resolve().parent))
        if path is not None:
            if not Path(path).is_file():
                raise OntologyError(Messages.E010.format(file=str(path), entry="<file>",
                                                         detail="no such source registry file"))
            files.append(Path(path))
        for file in files:
            if file is not None:
                registry.read(file)
        return registry

    def read(self, file: Path) -> None:
        """Add (or override) the sources listed in a YAML or TOML registry file."""
        try:
            text = file.read_text("utf-8")
            data = tomllib.loads(text) if file.suffix == ".toml" else yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError) as error:
            raise _fail(file, "<file>", f"cannot read it: {error}") from error
        sources = data.get("sources") if isinstance(data, dict) else None
        if not isinstance(sources, list):
            raise _fail(file, "sources", "expected a list 'sources' of entries with a name")
        for number, item in enumerate(sources):
            entry, names = self._entry(item, file, f"sources[{number}]")
            self.add(entry, names)

    def _entry(self, item: Any, file: Path, where: str) -> tuple[RegistryEntry, list[str]]:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise _fail(file, where, f"expected a mapping with a 'name', got {item!r}")
        kind_name = item.get("kind", UNKNOWN_KIND)
        if kind_name not in self.kinds.kinds:
            raise _fail(file, f"{where}.kind", f"unknown kind {kind_name!r}; known: {', '.join(self.kinds.kinds)}")
        kind = self.kinds[kind_name]
        reliability = kind.reliability
        if "reliability" in item:
            reliability = check_reliability(item["reliability"], file, f"{where}.reliability")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _fail(file, f"{where}.aliases", f"expected a list of names, got {aliases!r}")
        note = item.get("note")
        entry = RegistryEntry(item["name"].strip(), kind, reliability, str(note) if note else None, file.name)
        return entry, [entry.name, *aliases]

    def assess(self, claim: EventClaim, document: SourceDocument | None = None,
               comment_segments: Collection[str] = ()) -> SourceAssessment:
        """The reliability of the source of a claim: from the registry, else by default for its kind."""
        if claim.segment_id is not None and claim.segment_id in comment_segments:
            return _default(self.kinds[READER_COMMENT_KIND])
        if is_author(claim):
            for name in _document_names(document):
                entry = self.lookup(name)
                if entry is not None:
                    return _registered(entry)
            return _default(self.kinds[UNKNOWN_KIND])
        entry = self.lookup(claim.source)
        if entry is not None:
            return _registered(entry)
        return _default(self.kind_of(claim.source, claim.source_type))

    def kind_of(self, source: str, source_type: str) -> SourceKind:
        """The first kind whose source types include ``source_type`` or whose words occur in the name."""
        words = f" {normalise_name(source)} "
        for kind in self.kinds.kinds.values():
            if source_type in kind.source_types or any(f" {word} " in words for word in kind.words):
                return kind
        return self.kinds[UNKNOWN_KIND]


def _document_names(document: SourceDocument | None) -> list[str]:
    if document is None:
        return []
    names = [getattr(document, "outlet", None), getattr(document, "author", None)]
    url = getattr(document, "url", None)
    if url:
        host = urlparse(url).netloc.lower().removeprefix("www.")
        names.append(host)
    return [name for name in names if name]


def _registered(entry: RegistryEntry) -> SourceAssessment:
    basis = f"{entry.name} in {entry.origin}" + (f": {entry.note}" if entry.note else "")
    return SourceAssessment(entry.reliability, entry.kind.label, basis)


def _default(kind: SourceKind) -> SourceAssessment:
    return SourceAssessment(kind.reliability, kind.label, "by default")


def _first_existing(folder: Path) -> Path | None:
    return next((folder / name for name in REGISTRY_NAMES if (folder / name).is_file()), None)


def _fail(file: Path, entry: str, detail: str) -> OntologyError:
    return OntologyError(Messages.E010.format(file=str(file), entry=entry, detail=detail))
