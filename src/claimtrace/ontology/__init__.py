"""The ontology as data: event types, cue and hedge lexicons, source kinds.

Each YAML file in this folder has a small loader next to it that checks every
entry at start-up and raises :class:`~claimtrace.errors.OntologyError` naming
the file and entry that is wrong.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from claimtrace.ontology.cues import CueLexicon, load_cues
from claimtrace.ontology.events import EventType, load_event_types
from claimtrace.ontology.hedges import HedgeLexicon, load_hedges


@dataclass(frozen=True, slots=True)
class Ontology:
    event_types: dict[str, EventType]
    cues: CueLexicon
    hedges: HedgeLexicon


@functools.cache
def load_ontology() -> Ontology:
    return Ontology(event_types=load_event_types(), cues=load_cues(), hedges=load_hedges())
