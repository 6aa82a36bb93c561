"""One claim per (source, event, polarity) in a document: repeated statements of an event are merged.

A document states its main event many times: in the headline, in the lead, as a
definite noun later on ("the rebellion", "the arms export suspension"), each time
in the same source's voice. Those are one claim, not one per sentence. Two claims
are the same event when they have the same type, source and polarity, compatible
explicit times, and

- the same parties (at least one named), stated by the same kind of trigger: "charged" and "the charges"
  are one proceeding, but "was granted asylum" and "was sentenced" are two legal
  actions against the same person (types marked ``distinct_by_trigger``);
- or the later one is a noun mention whose parties are a subset of the earlier
  one's ("the October meeting" after "X met Y in October"): it presupposes the event.

The first statement in the document is kept, as its evidence, and takes the
arguments the others add.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from claimtrace.model import EventClaim
from claimtrace.ontology.events import EventType

PARTY_ROLES = ("agent", "recipient")


@dataclass(slots=True)
class Statement:
    """A claim with what coreference needs to know about how it was stated."""

    claim: EventClaim
    source: str  # the source's entity key, else its name
    lemmas: set[str]  # trigger lemmas (several once merged)
    nominal: bool  # stated by a noun ("the sale"), not a verb
    explicit_time: bool  # the time was read from an expression, not defaulted


def _times_agree(a: Statement, b: Statement) -> bool:
    if not (a.explicit_time and b.explicit_time) or not a.claim.time or not b.claim.time:
        return True
    return a.claim.time.startswith(b.claim.time) or b.claim.time.startswith(a.claim.time)


def _parties(claim: EventClaim) -> tuple[str | None, str | None]:
    return claim.agent, claim.recipient


def _subset(inner: EventClaim, outer: EventClaim) -> bool:
    return all(inner.arguments.get(r) is None or inner.arguments.get(r) == outer.arguments.get(r)
               for r in PARTY_ROLES)


def same_event(earlier: Statement, later: Statement, event_type: EventType) -> bool:
    """Whether ``later`` states again the event ``earlier`` stated (same source and polarity)."""
    a, b = earlier.claim, later.claim
    if (a.type, earlier.source, a.polarity) != (b.type, later.source, b.polarity) or not _times_agree(earlier, later):
        return False
    if later.nominal and _subset(b, a):
        return True
    if _parties(a) != _parties(b) or _parties(a) == (None, None):
        return False  # two verbs with no party named may state two events ("gangs burnt ...", "rebels seized ...")
    return not event_type.distinct_by_trigger or bool(earlier.lemmas & later.lemmas)


def _absorb(kept: Statement, other: Statement) -> None:
    claim = kept.claim
    for role, value in other.claim.arguments.items():
        claim.arguments.setdefault(role, value)
    for role, value in other.claim.argument_keys.items():
        claim.argument_keys.setdefault(role, value)
    if not kept.explicit_time and other.explicit_time:
        claim.time, claim.time_end, claim.time_text = other.claim.time, other.claim.time_end, other.claim.time_text
        kept.explicit_time = True
    if _RANK[other.claim.certainty] < _RANK[claim.certainty]:
        claim.certainty = other.claim.certainty
    kept.lemmas |= other.lemmas


_RANK = {"certain": 0, "probable": 1, "possible": 2}


def merge_repeated(statements: list[Statement], event_types: Mapping[str, EventType]) -> list[EventClaim]:
    """The claims of one document with every repeated statement of an event merged into its first."""
    ordered = sorted(statements, key=lambda s: s.claim.evidence)
    kept: list[Statement] = []
    for statement in ordered:
        event_type = event_types[statement.claim.type]
        target = next((k for k in kept if same_event(k, statement, event_type)), None)
        if target is None:
            kept.append(statement)
        else:
            _absorb(target, statement)
    return [s.claim for s in kept]
