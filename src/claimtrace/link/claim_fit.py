"""Whether two event claims can be about the same real event, and how well they fit.

The pairwise test behind stories: the same event type (or, inside one document,
talks and what was negotiated or agreed at them), no conflicting participant
(entity keys when both claims have them, else normalised names; either order for
symmetric relations; an unnamed participant fits any), and times that can be
the same. Polarity is never compared: a denial is about the event it denies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

from claimtrace.model import EventClaim

Similarity = Callable[[EventClaim, EventClaim], float]
"""Similarity of two claims' statements in [0, 1] (sentence embeddings, issue 5)."""

# Relations whose two parties may be named in either order.
SYMMETRIC_TYPES = frozenset({"meeting", "defence_cooperation"})
# Talks, and the cooperation or arms deal negotiated at them: one occasion when one
# document states them about the same parties at a time that fits. First = story type on a tie.
OCCASION_TYPES = ("meeting", "arms_negotiation", "defence_cooperation")
# Types where claims sharing an evidence span are one event: "X replaced Y as minister"
# gives one claim per person, both about the same change of office.
SHARED_EVIDENCE_TYPES = frozenset({"personnel_change"})
# A claim without a date may still be about an event announced for the coming year ...
UNDATED_HORIZON_YEARS = 1
# ... and is about recent events: a news text that means an old one says when.
UNDATED_LOOKBACK_YEARS = 1
# A similarity at or above this is strong evidence on its own (only with a similarity function).
STRONG_SIMILARITY = 0.85

_ISO_PREFIX = re.compile(r"^(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NOT_WORD = re.compile(r"[\W_]+")
_LEADING_ARTICLE = re.compile(r"^(the|republic of) ")
_PRECISION_CUTS = (10, 7, 4, 3)  # day, month, year, decade

TIME_NESTED, TIME_SAME_YEAR, TIME_OPEN = 3, 2, 1


class DatedDocument(Protocol):
    """What grouping needs of a document: its publication date (ISO prefix or None)."""

    @property
    def published(self) -> str | None: ...


# ---------------------------------------------------------------- values


@lru_cache(maxsize=65536)  # the same few thousand names are compared again and again
def normalise_name(name: str) -> str:
    """Compare names without case, accents, punctuation or a leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _NOT_WORD.sub(" ", text).strip()
    while (shorter := _LEADING_ARTICLE.sub("", text)) != text:
        text = shorter
    return text


@dataclass(frozen=True, slots=True)
class Participant:
    """One argument of a claim: its entity key when known, and its normalised name."""

    key: str | None
    name: str

    def same(self, other: Participant) -> bool:
        if self.key and other.key:
            return self.key == other.key
        return self.name == other.name


def participant(claim: EventClaim, role: str) -> Participant | None:
    name = (claim.arguments.get(role) or "").strip()
    key = claim.argument_keys.get(role) or None
    if not name and not key:
        return None
    return Participant(key, normalise_name(name or key or ""))


@dataclass(frozen=True, slots=True)
class Period:
    """The dates an ISO prefix (or a range of two) can mean, as comparable strings."""

    start: str
    end: str
    precision: int  # 0 decade, 1 year, 2 month, 3 day

    @classmethod
    def parse(cls, time: str | None, time_end: str | None = None) -> Period | None:
        first = _prefix_period(time)
        if first is None:
            return None
        last = _prefix_period(time_end)
        if last is None or last.end < first.start:
            return first
        return cls(first.start, last.end, min(first.precision, last.precision))

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def shares_year(self, other: Period) -> bool:
        return self.start[:4] <= other.end[:4] and other.start[:4] <= self.end[:4]


@lru_cache(maxsize=4096)  # every claim and document date is read again each time a claim is loaded
def _prefix_period(prefix: str | None) -> Period | None:
    match = _ISO_PREFIX.match(prefix or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if len(year) == 3:
        return Period(f"{year}0-01-01", f"{year}9-12-31", 0)
    if month is None:
        return Period(f"{year}-01-01", f"{year}-12-31", 1)
    if day is None:
        return Period(f"{year}-{month}-01", f"{year}-{month}-31", 2)
    return Period(f"{year}-{month}-{day}", f"{year}-{month}-{day}", 3)


def times_compatible(a: str | None, b: str | None) -> bool:
    """One ISO prefix contains the other (or either is unknown): the dates can be the same."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def agreed_time(times: Iterable[str | None]) -> str | None:
    """The most precise time every given time agrees with, else their common ISO prefix."""
    known = sorted({t[:10] for t in times if t}, key=lambda t: (-len(t), t))
    for candidate in known:
        if all(times_compatible(candidate, other) for other in known):
            return candidate
    if not known:
        return None
    common = known[0]
    for other in known[1:]:
        while not other.startswith(common):
            common = common[:-1]
    return next((common[:cut] for cut in _PRECISION_CUTS if len(common) >= cut), None)


# ---------------------------------------------------------------- pairs of claims


@dataclass(frozen=True, slots=True)
class ClaimProfile:
    """What grouping compares of one claim, computed once."""

    claim: EventClaim
    agent: Participant | None
    recipient: Participant | None
    location: Participant | None
    period: Period | None
    window: Period | None  # for an undated claim: the dates its document can plausibly be about

    @classmethod
    def of(cls, claim: EventClaim, document: DatedDocument | None = None) -> ClaimProfile:
        period = Period.parse(claim.time, claim.time_end)
        window = None
        published = _prefix_period(getattr(document, "published", None))
        if period is None and published is not None:
            year = int(published.end[:4])
            window = Period(f"{year - UNDATED_LOOKBACK_YEARS:04d}-01-01",
                            f"{year + UNDATED_HORIZON_YEARS:04d}-12-31", 1)
        return cls(claim, participant(claim, "agent"), participant(claim, "recipient"),
                   participant(claim, "location"), period, window)

    @property
    def dates(self) -> Period | None:
        """The dates the claim can be about: its own period, else its document's window, else unknown."""
        return self.period or self.window

    @property
    def bare(self) -> bool:
        """Names neither agent nor recipient."""
        return self.agent is None and self.recipient is None

    @property
    def specificity(self) -> int:
        return sum(value is not None for value in (self.agent, self.recipient, self.location))


class Fit(NamedTuple):  # a tuple: made and compared thousands of times per document linked
    """How well two claims (or a claim and a story) fit; compared field by field."""

    exact: bool  # neither leaves open a participant the other names
    shared: int  # participants named by both and equal
    time: int  # TIME_NESTED, TIME_SAME_YEAR or TIME_OPEN
    similarity: float = 0.0


def claim_fit(a: ClaimProfile, b: ClaimProfile, similarity: Similarity | None = None) -> Fit | None:
    """How two claims fit one story, or None when they cannot be about the same event."""
    ca, cb = a.claim, b.claim
    same_document = ca.doc_id == cb.doc_id
    if ca.type == cb.type:
        unordered = ca.type in SYMMETRIC_TYPES
    elif same_document and ca.type in OCCASION_TYPES and cb.type in OCCASION_TYPES:
        unordered = True
    else:
        return None
    time = _time_fit(a, b)
    if time is None:
        return None
    if same_document and ca.type == cb.type:
        if ca.type in SHARED_EVIDENCE_TYPES and _overlap(ca.evidence, cb.evidence):
            return Fit(True, 1, time, similarity(ca, cb) if similarity is not None else 0.0)
        if ca.polarity == cb.polarity and normalise_name(ca.source) == normalise_name(cb.source):
            # extraction gives one claim per (source, event, polarity) in a document (SCHEMA.md,
            # layer 2), so a second claim of the same type, source and polarity is another event
            return None
    if unordered:
        parties = _compare_unordered((a.agent, a.recipient), (b.agent, b.recipient))
        if parties is None:
            return None
        shared, exact = parties
    else:  # agents, then recipients (written out: this runs for every pair of candidate claims)
        shared, exact = 0, True
        x, y = a.agent, b.agent
        if x is None or y is None:
            exact = x is None and y is None
        elif x.same(y):
            shared = 1
        else:
            return None
        x, y = a.recipient, b.recipient
        if x is None or y is None:
            exact = exact and x is None and y is None
        elif x.same(y):
            shared += 1
        else:
            return None
    x, y = a.location, b.location
    if x is None or y is None:
        exact = exact and x is None and y is None
    elif x.same(y):
        shared += 1
    else:
        return None
    score = similarity(ca, cb) if similarity is not None else 0.0  # only for claims that may fit: it costs
    fit = Fit(exact, shared, time, score)
    bare = (a.agent is None and a.recipient is None) or (b.agent is None and b.recipient is None)
    if bare and not _strong_evidence(fit, same_document):
        return None
    return fit


def cross_document_key(profile: ClaimProfile) -> tuple[object, ...]:
    """Everything :func:`claim_fit` reads of a claim compared, without sentence similarity, with a
    claim of another document: two claims with equal keys fit every such claim alike, so a caller
    comparing many pairs may compute one fit per pair of keys. Keep it in step with claim_fit."""
    return (profile.claim.type, profile.agent, profile.recipient, profile.location, profile.period, profile.window)


def _strong_evidence(fit: Fit, same_document: bool) -> bool:
    """Enough to group a claim that names neither agent nor recipient."""
    if fit.similarity >= STRONG_SIMILARITY:
        return True
    return fit.exact and fit.time >= TIME_SAME_YEAR and (fit.shared > 0 or same_document)


def _time_fit(a: ClaimProfile, b: ClaimProfile) -> int | None:
    if a.period is None or b.period is None:
        dates_a, dates_b = a.dates, b.dates
        if dates_a is not None and dates_b is not None and not dates_a.overlaps(dates_b):
            return None
        return TIME_OPEN
    if a.period.overlaps(b.period):
        return TIME_NESTED
    if a.period.shares_year(b.period) and min(a.period.precision, b.period.precision) <= 2:
        return TIME_SAME_YEAR
    return None


def _compare_unordered(xs: Sequence[Participant | None], ys: Sequence[Participant | None]) -> tuple[int, bool] | None:
    named_x = [x for x in xs if x is not None]
    named_y = [y for y in ys if y is not None]
    fewer, more = sorted((named_x, named_y), key=len)
    unmatched = list(more)
    for value in fewer:
        index = next((i for i, other in enumerate(unmatched) if value.same(other)), None)
        if index is None:
            return None
        unmatched.pop(index)
    return len(fewer), len(named_x) == len(named_y)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def family(event_type: str) -> str:
    """Claims of different families never fit: a type is its own family, but talks and their outcomes share one."""
    return "occasion" if event_type in OCCASION_TYPES else event_type
