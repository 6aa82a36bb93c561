"""Blocking keys: which claims may fit a given claim, found without comparing it with the corpus.

Every claim *emits* a few keys (its event family, each year it can be about,
and its participants, or '-' for an unnamed one); a claim *looks up* the keys
that any claim fitting it must have emitted. The keys are complete: when
:func:`~claimtrace.link.claim_fit.claim_fit` accepts two claims, each finds the
other through a shared key. The same keys serve the in-memory
:class:`CandidateIndex` and the store's index, so linking a new document against
the store finds exactly the candidates that grouping the whole corpus would.

Postings stay short as the corpus grows: a key is bound to one family and one
year, so it lists the claims about those parties (or that leave them open) in
that year; only claims dated to no year at all (an undated claim in an undated
document, or a range of more than :data:`MAX_YEARS`) fall back on keys without
a year.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from claimtrace.link.claim_fit import (
    OCCASION_TYPES,
    SHARED_EVIDENCE_TYPES,
    SYMMETRIC_TYPES,
    ClaimProfile,
    Participant,
    family,
)

MAX_YEARS = 12  # a claim about a longer stretch is filed under "any year"
ANY_YEAR = "*"
UNKNOWN_YEAR = "?"
OPEN = "-"


def years(profile: ClaimProfile) -> list[str]:
    """The years a claim can be about, or [UNKNOWN_YEAR]."""
    dates = profile.dates
    if dates is None:
        return [UNKNOWN_YEAR]
    first, last = int(dates.start[:4]), int(dates.end[:4])
    if last - first + 1 > MAX_YEARS:
        return [UNKNOWN_YEAR]
    return [str(year) for year in range(first, last + 1)]


def emitted_keys(profile: ClaimProfile) -> list[str]:
    """The keys under which a claim is filed."""
    keys: list[str] = []
    for year in [*years(profile), ANY_YEAR]:
        prefix = f"{family(profile.claim.type)}|{year}|"
        keys += [prefix + pattern for pattern in _patterns(profile)]
        keys.append(prefix + "all")
    if profile.claim.type in SHARED_EVIDENCE_TYPES:
        keys.append(f"{family(profile.claim.type)}|doc|{profile.claim.doc_id}")
    return sorted(set(keys))


def lookup_keys(profile: ClaimProfile, similarity: bool = False) -> list[str]:
    """The keys that every claim fitting this one has emitted (``similarity``: a similarity function is used)."""
    event_type = profile.claim.type
    keys = _looked_up(family(event_type), [event_type], years(profile), _named(profile.agent),
                      _named(profile.recipient), similarity)
    if event_type in SHARED_EVIDENCE_TYPES:
        keys.append(f"{family(event_type)}|doc|{profile.claim.doc_id}")
    return sorted(set(keys))


def lookup_keys_of_filed(filed: Collection[str], similarity: bool = False) -> list[str]:
    """What a claim filed under these keys looks up: for a claim no longer stored, whose profile is gone.

    The keys name the claim's family, years and participants but not its type, so for the family of
    talks and their outcomes the keys of each of its types are given: more claims are found, never fewer.
    """
    families: set[str] = set()
    own: set[str] = set()
    agents: set[str] = set()
    recipients: set[str] = set()
    keys: list[str] = []
    for key in filed:
        parts = key.split("|", 2)
        if len(parts) < 3:
            continue  # the key of its document
        event_family, year, pattern = parts
        if year == "doc":
            keys.append(key)  # claims that may share its evidence emit the key it looks up
            continue
        families.add(event_family)
        if year != ANY_YEAR:
            own.add(year)
        if pattern.startswith("a:"):
            agents.add(pattern[2:])
        elif pattern.startswith("r:"):
            recipients.add(pattern[2:])
    for event_family in families:
        types = [t for t in OCCASION_TYPES if family(t) == event_family] or [event_family]
        keys += _looked_up(event_family, types, sorted(own), _named_by(agents), _named_by(recipients), similarity)
    return sorted(set(keys))


def _looked_up(event_family: str, event_types: Iterable[str], own: list[str], agents: list[str] | None,
               recipients: list[str] | None, similarity: bool) -> list[str]:
    """The keys a claim of these types (one family), years and participant tokens (None: unnamed) looks up."""
    wanted = [pattern for event_type in event_types for pattern in _wanted(event_type, agents, recipients)]
    searched = [ANY_YEAR] if own == [UNKNOWN_YEAR] else [*own, UNKNOWN_YEAR]
    keys: list[str] = []
    for year in searched:
        prefix = f"{event_family}|{year}|"
        keys += [prefix + pattern for pattern in wanted]
        if similarity and agents is None and recipients is None:
            keys.append(prefix + "all")  # similarity alone may join it to any claim of that year
    return keys


def _tokens(value: Participant | None) -> list[str]:
    if value is None:
        return [OPEN]
    return [f"n:{value.name}"] + ([f"k:{value.key}"] if value.key else [])


def _named(value: Participant | None) -> list[str] | None:
    return None if value is None else _tokens(value)


def _named_by(tokens: set[str]) -> list[str] | None:
    """The tokens of a participant read back from keys; None when it is unnamed (or absent)."""
    return None if not tokens or tokens == {OPEN} else sorted(tokens)


def _patterns(profile: ClaimProfile) -> list[str]:
    agents, recipients = _tokens(profile.agent), _tokens(profile.recipient)
    patterns = [f"a:{a}" for a in agents] + [f"r:{r}" for r in recipients]
    patterns += [f"ar:{a}|{r}" for a in agents for r in recipients]
    parties = [token for value in (profile.agent, profile.recipient) if value for token in _tokens(value)]
    patterns += [f"p:{token}" for token in parties] or [f"p:{OPEN}"]
    return patterns


def _wanted(event_type: str, agents: list[str] | None, recipients: list[str] | None) -> list[str]:
    """Patterns a fitting claim has: ordered parties equal or open; for unordered ones, a shared party."""
    wanted: list[str] = []
    if event_type not in SYMMETRIC_TYPES:  # the same type compared in order
        if agents is not None and recipients is not None:
            wanted += [f"ar:{a}|{r}" for a in [*agents, OPEN] for r in [*recipients, OPEN]]
        elif agents is not None:
            wanted += [f"a:{a}" for a in [*agents, OPEN]]
        elif recipients is not None:
            wanted += [f"r:{r}" for r in [*recipients, OPEN]]
        else:
            wanted.append(f"ar:{OPEN}|{OPEN}")
    if event_type in SYMMETRIC_TYPES or event_type in OCCASION_TYPES:
        wanted += [f"p:{token}" for token in [*(agents or []), *(recipients or [])]] + [f"p:{OPEN}"]
    return wanted


class CandidateIndex:
    """Claims (numbered by the caller) filed by their keys; :meth:`candidates` never misses a fitting one.

    ``exhaustive`` makes every claim of the family a candidate (for tests).
    """

    def __init__(self, similarity: bool = False, exhaustive: bool = False) -> None:
        self._similarity = similarity
        self._exhaustive = exhaustive
        self._postings: dict[str, set[int]] = {}
        self._families: dict[str, set[int]] = {}

    def add(self, profile: ClaimProfile, item: int) -> None:
        self._families.setdefault(family(profile.claim.type), set()).add(item)
        for key in emitted_keys(profile):
            self._postings.setdefault(key, set()).add(item)

    def candidates(self, profile: ClaimProfile) -> set[int]:
        if self._exhaustive:
            return set(self._families.get(family(profile.claim.type), set()))
        return _union(self._postings.get(key, set()) for key in lookup_keys(profile, self._similarity))


def _union(sets: Iterable[set[int]]) -> set[int]:
    found: set[int] = set()
    for items in sets:
        found |= items
    return found
