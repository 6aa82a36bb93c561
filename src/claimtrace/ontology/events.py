"""The event types of layer 2, loaded from ``event_types.yaml`` and checked at start-up.

Each :class:`EventType` holds its trigger groups (lemmas, multiword patterns, argument
paths, constraints on the fillers) and its CAMEO and PLOVER codes. Adding an event type
is an edit to the YAML file plus a test; a malformed entry raises
:class:`~claimtrace.errors.OntologyError` naming the file and the entry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimtrace.errors import Messages, OntologyError

EVENT_TYPES_FILE = Path(__file__).with_name("event_types.yaml")

POS = ("verb", "noun")
ENTITY_KINDS = ("person", "government", "organization", "place", "media", "any")
_SIMPLE_PATHS = ("subject", "object", "dative", "poss", "modifier", "modifier_item", "modifier_of",
                 "complement", "money", "with")
_PREP_PATH = re.compile(r"^(prep|near|listed|listed_item):[a-z]+(\|[a-z]+)*(#[12])?$")
PSEUDO_ROLES = ("trigger", "context", "topic", "parties")


@dataclass(frozen=True, slots=True)
class Constraint:
    """A condition on a role's filler: a lexicon it must contain, must not be, or an entity kind."""

    kind: str  # "lexicon", "not_lexicon" or "entity"
    value: str  # lexicon name or entity kind

    @classmethod
    def parse(cls, text: str) -> Constraint:
        if text.startswith("entity:"):
            return cls("entity", text.removeprefix("entity:"))
        if text.startswith("!"):
            return cls("not_lexicon", text[1:])
        return cls("lexicon", text)


@dataclass(frozen=True, slots=True)
class TriggerGroup:
    """Trigger words of one part of speech that share argument paths and constraints."""

    pos: str
    lemmas: frozenset[str]
    patterns: tuple[tuple[str, ...], ...]
    roles: Mapping[str, tuple[str, ...]]  # the group's own roles first, then the type's defaults
    requires: Mapping[str, tuple[Constraint, ...]]


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    cameo: str
    plover: str
    failure_negates: bool
    symmetric: bool
    distinct_by_trigger: bool  # claims with the same parties but other trigger words are other events
    state_roles: frozenset[str]  # roles an authority fills: a city named there stands for its state
    absorbs: frozenset[str]
    topic_roles: frozenset[str]  # roles left unsaid that the passage's topic country fills ("sent in troops")
    triggers: tuple[TriggerGroup, ...]
    lexicons: Mapping[str, frozenset[str]]

    def groups_for(self, lemma: str, pos: str) -> list[TriggerGroup]:
        return [g for g in self.triggers if g.pos == pos and lemma in g.lemmas]

    def lexicon(self, name: str) -> frozenset[str]:
        return self.lexicons[name]


def _fail(file: Path, entry: str, detail: str) -> OntologyError:
    return OntologyError(Messages.E010.format(file=file.name, entry=entry, detail=detail))


def _words(value: Any, file: Path, entry: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(file, entry, f"expected a list of words, got {value!r}")
    return [v.strip().lower() for v in value]


def _check_path(path: str, file: Path, entry: str) -> str:
    if path in _SIMPLE_PATHS or _PREP_PATH.match(path):
        return path
    raise _fail(file, entry, f"unknown argument path {path!r}; expected one of {', '.join(_SIMPLE_PATHS)} "
                             "or prep|near|listed|listed_item:<word>[|<word>...][#1|#2]")


def _roles(raw: Any, file: Path, entry: str) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(file, entry, f"roles must be a mapping of role -> paths, got {raw!r}")
    roles = {}
    for role, paths in raw.items():
        where = f"{entry}.roles.{role}"
        roles[str(role)] = tuple(_check_path(p, file, where) for p in _words(paths, file, where))
    return roles


def _requires(raw: Any, lexicons: Mapping[str, frozenset[str]], roles: Mapping[str, Any],
              file: Path, entry: str) -> dict[str, tuple[Constraint, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(file, entry, f"requires must be a mapping of role -> constraints, got {raw!r}")
    result = {}
    for role, items in raw.items():
        where = f"{entry}.requires.{role}"
        if role not in roles and role not in PSEUDO_ROLES and role != "complement":
            raise _fail(file, where, f"constraint on role {role!r}, which has no argument path")
        constraints = tuple(Constraint.parse(v) for v in _words(items, file, where))
        for c in constraints:
            if c.kind == "entity" and c.value not in ENTITY_KINDS:
                raise _fail(file, where, f"unknown entity kind {c.value!r}; expected {', '.join(ENTITY_KINDS)}")
            if c.kind != "entity" and c.value not in lexicons:
                raise _fail(file, where, f"unknown lexicon {c.value!r}; defined: {', '.join(sorted(lexicons))}")
        result[str(role)] = constraints
    return result


def _group(raw: Any, defaults: dict[str, tuple[str, ...]], lexicons: Mapping[str, frozenset[str]],
           file: Path, entry: str) -> TriggerGroup:
    if not isinstance(raw, dict):
        raise _fail(file, entry, f"a trigger group must be a mapping, got {raw!r}")
    pos = raw.get("pos")
    if pos not in POS:
        raise _fail(file, entry, f"pos must be one of {', '.join(POS)}, got {pos!r}")
    lemmas = _words(raw.get("lemmas", []), file, entry + ".lemmas")
    patterns = [tuple(p.split()) for p in _words(raw.get("patterns", []), file, entry + ".patterns")]
    if not lemmas and not patterns:
        raise _fail(file, entry, "a trigger group needs lemmas or patterns")
    own = _roles(raw.get("roles"), file, entry)
    roles = {**own, **{role: paths for role, paths in defaults.items() if role not in own}}  # the group's first
    requires = _requires(raw.get("requires"), lexicons, roles, file, entry)
    return TriggerGroup(pos, frozenset(lemmas), tuple(patterns), roles, requires)


def _event_type(name: str, raw: Any, lexicons: Mapping[str, frozenset[str]], file: Path) -> EventType:
    if not isinstance(raw, dict):
        raise _fail(file, name, f"expected a mapping, got {raw!r}")
    for key in ("description", "cameo", "plover", "triggers"):
        if not raw.get(key):
            raise _fail(file, name, f"missing {key!r}")
    defaults = _roles(raw.get("roles"), file, name)
    triggers = raw["triggers"]
    if not isinstance(triggers, list):
        raise _fail(file, name, "triggers must be a list of trigger groups")
    groups = tuple(_group(g, defaults, lexicons, file, f"{name}.triggers[{i}]") for i, g in enumerate(triggers))
    topic_roles = frozenset(_words(raw.get("topic_roles", []), file, f"{name}.topic_roles"))
    if topic_roles - set(defaults):
        raise _fail(file, f"{name}.topic_roles", f"unknown roles {sorted(topic_roles - set(defaults))}; "
                                                 f"the type's roles are {', '.join(defaults)}")
    return EventType(name=name, description=str(raw["description"]), cameo=str(raw["cameo"]),
                     plover=str(raw["plover"]), failure_negates=bool(raw.get("failure_negates", True)),
                     symmetric=bool(raw.get("symmetric", False)),
                     distinct_by_trigger=bool(raw.get("distinct_by_trigger", False)),
                     state_roles=frozenset(_words(raw.get("state_roles", []), file, f"{name}.state_roles")),
                     absorbs=frozenset(_words(raw.get("absorbs", []), file, f"{name}.absorbs")),
                     topic_roles=topic_roles,
                     triggers=groups, lexicons=lexicons)


def parse_event_types(data: Any, file: Path = EVENT_TYPES_FILE) -> dict[str, EventType]:
    """Check and build the event types from the YAML data of ``file``."""
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise _fail(file, "types", "the file must be a mapping with a 'types' mapping")
    raw_lexicons = data.get("lexicons") or {}
    if not isinstance(raw_lexicons, dict):
        raise _fail(file, "lexicons", "lexicons must be a mapping of name -> words")
    lexicons = {str(k): frozenset(_words(v, file, f"lexicons.{k}")) for k, v in raw_lexicons.items()}
    types = {str(name): _event_type(str(name), raw, lexicons, file) for name, raw in data["types"].items()}
    for event_type in types.values():
        for other in event_type.absorbs - set(types):
            raise _fail(file, f"{event_type.name}.absorbs", f"unknown event type {other!r}")
    return types


def read_event_types(path: Path) -> dict[str, EventType]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise _fail(path, "<file>", str(error)) from error
    return parse_event_types(data, path)


@functools.cache
def load_event_types() -> dict[str, EventType]:
    """The event types of the packaged ontology, by name."""
    return read_event_types(EVENT_TYPES_FILE)
