"""Voices: who stands behind the claims of one story, and which way each of them leans.

A *voice* is one source as a reader would count it: every document's author is
a voice of its own; a named source is one voice across documents; inside one
document a description ("the ministry in charge") is the named source it
describes ("the Ministry of Industry") when exactly one named source of that
document fits it, and unnamed groups with one head noun ("channels" in the
headline, "several Telegram channels" in the body) are one group. A body's
spokesperson or press service ("a spokesman for the Ministry of Defence") speaks
for the body, in any document. A voice that both asserts and denies an event leans to the
denial: a denial needs an explicit cue ("denied", "did not"), while an
assertion is what remains when a negation was missed or the source concedes a
point, so the denial is the more deliberate statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from claimtrace.link.claim_fit import normalise_name
from claimtrace.link.stories import reading_order
from claimtrace.model import AUTHOR, EventClaim, Polarity

# Words that end the head of a description: "the ministry in charge" -> "ministry".
_HEAD_END = frozenset({"in", "of", "for", "at", "on", "from", "with", "that", "which", "who", "responsible"})
_DESCRIPTION = re.compile(r"^(the|this|that|these|those)\s+[a-z]", re.IGNORECASE)
# Who speaks for a body: "a spokesman for the ministry", "the ministry's press service".
_SPEAKER = r"(?:spokes(?:man|woman|person)|press (?:secretary|service|office)|(?:official )?representative)"
_SPEAKER_FOR = re.compile(rf"^(?:an?|the)?\s*{_SPEAKER}\s+(?:of|for|at)\s+(?P<body>.+)$", re.IGNORECASE)
_BODY_SPEAKER = re.compile(rf"^(?P<body>.+?)['’]s?\s+{_SPEAKER}$", re.IGNORECASE)
_NAMED_BODY_SPEAKER = re.compile(rf"^(?P<body>(?:the\s+)?[A-Z][\w.-]*(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w.-]*)*)\s+(?i:{_SPEAKER})$")
# Words before the head of an unnamed group: "several", "some local", "our".
_GROUP_WORDS = frozenset({"a", "the", "some", "several", "many", "various", "numerous", "certain", "other", "our",
                          "few", "number", "of", "local", "foreign", "unnamed", "anonymous"})
# Collective heads that are not written as plurals.
_COLLECTIVE = frozenset({"media", "press", "people"})


class NamedDocument(Protocol):
    """What explanations need of a document: its name."""

    @property
    def name(self) -> str: ...


def is_author(claim: EventClaim) -> bool:
    return claim.source == AUTHOR or claim.source_type == "author"


def source_identity(claim: EventClaim) -> str:
    """Who stands behind a claim, before descriptions are resolved: each document's author is a source of its own."""
    if is_author(claim):
        return f"author:{claim.doc_id}"
    return f"source:{normalise_name(claim.source)}"


def source_phrase(claim: EventClaim, documents: Mapping[str, NamedDocument] | None = None) -> str:
    """The source as a reader would name it in a sentence."""
    if is_author(claim):
        document = (documents or {}).get(claim.doc_id)
        return f"the author of {document.name if document else 'document ' + claim.doc_id}"
    return claim.source


def description_head(source: str) -> str | None:
    """The head noun of a description written in lower case after 'the' ("the ministry in charge"), else None."""
    if not _DESCRIPTION.match(source):
        return None
    words = source.split()[1:]
    if any(word[:1].isupper() for word in words):
        return None  # "the Ministry of Defence" is a name, not a description
    head: list[str] = []
    for word in words:
        if normalise_name(word) in _HEAD_END:
            break
        head.append(word)
    return normalise_name(head[-1]) if head else None


def spoken_for(source: str) -> str | None:
    """The body a spokesperson or press service speaks for ("a spokesman for the Ministry" -> "Ministry"), else None."""
    source = source.strip()
    match = _SPEAKER_FOR.match(source) or _BODY_SPEAKER.match(source) or _NAMED_BODY_SPEAKER.match(source)
    return match.group("body") if match else None


def group_head(source: str) -> tuple[str, frozenset[str]] | None:
    """The head of an unnamed group and its named modifiers ("several Telegram channels" -> channels, {telegram})."""
    words = source.split()
    if not words or not all(normalise_name(word) in _GROUP_WORDS or word[:1].isupper() for word in words[:-1]):
        return None
    head = normalise_name(words[-1])
    if words[-1][:1].isupper() and len(words) == 1 and head not in _COLLECTIVE:
        return None  # a name ("Reuters"), not a group
    if head in _COLLECTIVE or (head.endswith("s") and not head.endswith("ss") and words[-1].islower()):
        modifiers = frozenset(normalise_name(word) for word in words[1:-1] if word[:1].isupper())
        return head, modifiers
    return None


def resolve_descriptions(claims: Iterable[EventClaim]) -> dict[str, str]:
    """Claim id -> source identity, with each document's descriptions resolved to the one named source they fit."""
    claims = list(claims)
    named_by_doc: dict[str, set[str]] = {}
    groups_by_doc: dict[str, set[tuple[str, frozenset[str]]]] = {}
    for claim in claims:
        if is_author(claim):
            continue
        group = _group(claim)
        if group is not None:
            groups_by_doc.setdefault(claim.doc_id, set()).add(group)
        elif description_head(claim.source) is None and spoken_for(claim.source) is None:
            named_by_doc.setdefault(claim.doc_id, set()).add(normalise_name(claim.source))
    identities: dict[str, str] = {}
    for claim in claims:
        if is_author(claim):
            identities[claim.id] = source_identity(claim)
        elif (group := _group(claim)) is not None:
            identities[claim.id] = _group_identity(claim.doc_id, group, groups_by_doc[claim.doc_id])
        else:
            identities[claim.id] = _identity(claim.source, named_by_doc.get(claim.doc_id, set()))
    return identities


def _identity(source: str, named: set[str]) -> str:
    """A named source, a body for its spokesperson, or the one named source a description fits."""
    body = spoken_for(source)
    if body is not None:
        source = body
    head = description_head(source)
    if head is not None:
        fitting = [name for name in named if head in name.split()]
        if len(fitting) == 1:
            return f"source:{fitting[0]}"
    return f"source:{normalise_name(source)}"


def _group(claim: EventClaim) -> tuple[str, frozenset[str]] | None:
    if claim.source_type not in ("media", "unnamed", "organization"):
        return None
    return group_head(claim.source)


def _group_identity(doc_id: str, group: tuple[str, frozenset[str]],
                    groups: set[tuple[str, frozenset[str]]]) -> str:
    """One voice per group of the document; a group without modifiers is the one modified group of its head."""
    head, modifiers = group
    if not modifiers:
        modified = [other for other in groups if other[0] == head and other[1]]
        if len(modified) == 1:
            modifiers = modified[0][1]
    return f"group:{doc_id}:{head}:{'+'.join(sorted(modifiers))}"


@dataclass(frozen=True, slots=True)
class Voice:
    """One source's claims in a story, and the way it leans."""

    identity: str
    claims: tuple[EventClaim, ...]  # in reading order

    @property
    def stance(self) -> Polarity:
        return "negative" if any(claim.polarity == "negative" for claim in self.claims) else "positive"

    @property
    def mixed(self) -> bool:
        return len({claim.polarity for claim in self.claims}) > 1

    def first(self, polarity: Polarity) -> EventClaim | None:
        return next((claim for claim in self.claims if claim.polarity == polarity), None)

    @property
    def representative(self) -> EventClaim:
        """The claim contradictions are reported on: the first that states the stance, by a named source if any."""
        stating = [claim for claim in self.claims if claim.polarity == self.stance]
        named = [claim for claim in stating if is_author(claim) or description_head(claim.source) is None]
        return (named or stating)[0]


def voices_of(claims: Sequence[EventClaim]) -> list[Voice]:
    """The voices of a story's claims, in the reading order of their first claims."""
    identities = resolve_descriptions(claims)
    grouped: dict[str, list[EventClaim]] = {}
    for claim in sorted(claims, key=reading_order):
        grouped.setdefault(identities[claim.id], []).append(claim)
    return [Voice(identity, tuple(members)) for identity, members in grouped.items()]

