"""Discourse context: what a document is talking about at a given point, for arguments a sentence leaves implicit.

Two references reach back past the sentence:

- a destination left unsaid ("Russia sent in troops", "the forces were in the air") is
  the country the passage is about: the one named most often in the text just before,
  the sending party aside;
- "the parties", "the two sides", "both countries" as the subject of an event are the
  two parties of the latest event named with both ("X met Y. The parties discussed ...").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from claimtrace.model import EventClaim, Mention

COUNTRY_PREFIX = "country:"
PASSAGE_WINDOW = 1500  # characters read back for the passage's topic
_JOINT_NOUNS = frozenset({"party", "side", "country", "state", "nation", "government", "delegation"})
_JOINT_WORDS = frozenset({"both", "two", "the"})


@dataclass(slots=True)
class DiscourseContext:
    """The countries one document names, in order, for the passage's topic at any offset."""

    countries: list[Mention]
    starts: list[int]
    document_counts: Counter[str]

    @classmethod
    def of(cls, mentions: list[Mention]) -> DiscourseContext:
        countries = sorted((m for m in mentions if m.entity_key.startswith(COUNTRY_PREFIX)), key=lambda m: m.start)
        return cls(countries, [m.start for m in countries], Counter(m.entity_key for m in countries))

    def topic_country(self, offset: int, excluded: set[str], window: int = PASSAGE_WINDOW) -> Mention | None:
        """The country the passage before ``offset`` is about, leaving out the entity keys in ``excluded``.

        A passage can dwell on a third country for a while ("... Turkey, Erdogan, Turkey ...") while the
        document stays about another one: a country scores its mentions in the ``window`` characters
        before ``offset`` plus its mentions in the whole document; the latest named wins a tie. Only a
        country named in the window is a candidate.
        """
        low, high = bisect_left(self.starts, offset - window), bisect_left(self.starts, offset)
        recent = [m for m in self.countries[low:high] if m.entity_key not in excluded]
        if not recent:
            return None
        counts = Counter(m.entity_key for m in recent) + self.document_counts
        latest = {m.entity_key: i for i, m in enumerate(recent)}
        key = max(latest, key=lambda k: (counts[k], latest[k]))
        return recent[latest[key]]


def is_joint_reference(token: Token) -> bool:
    """ "the parties", "both sides", "the two countries": the parties of an event just named."""
    if token.lemma_.lower() not in _JOINT_NOUNS or token.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in _JOINT_WORDS for c in token.children if c.dep_ in ("det", "nummod", "predet", "quantmod"))


def latest_pair(claims: list[EventClaim], before: int) -> tuple[EventClaim, ...]:
    """The latest claim before ``before`` (an offset) that names both its parties, as a 0- or 1-tuple."""
    earlier = [c for c in claims if c.evidence[0] < before and c.agent and c.recipient]
    return (max(earlier, key=lambda c: c.evidence[0]),) if earlier else ()
