"""The records a document becomes on its way through claimtrace.

Every stage of the pipeline takes a :class:`Document` and fills in more of it;
the store writes it in one transaction. Offsets are always Python ``str``
indices into ``Document.text`` (the text exactly as read), never into a
segment or a sentence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]

Polarity = Literal["positive", "negative"]
Certainty = Literal["certain", "probable", "possible"]
SourceType = Literal["person", "organization", "government", "media", "unnamed", "author"]
EntityType = Literal["person", "organization", "government", "place", "media", "other"]
SegmentKind = Literal["article", "comment"]

AUTHOR = "AUTHOR"


def make_id(*parts: object, length: int = 16) -> str:
    """Deterministic identifier: a hash of the parts (followthemoney's make_entity_id)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Segment:
    """A stretch of one document with a single voice: the article, or one reader comment."""

    doc_id: str
    kind: SegmentKind
    start: int
    end: int
    author: str | None = None
    published: str | None = None  # ISO date or datetime prefix
    duplicate_of: str | None = None  # id of an earlier segment with the same or nearly the same text
    similarity: float | None = None  # estimated Jaccard similarity to duplicate_of
    signature: bytes | None = None  # MinHash signature, kept so later runs can find near-duplicates

    @property
    def id(self) -> str:
        return make_id(self.doc_id, "segment", self.start, self.end)


@dataclass(slots=True)
class Mention:
    """A span of text naming an entity, resolved to the entity's canonical key."""

    start: int
    end: int
    text: str
    label: str  # spaCy label or gazetteer kind (GPE, NORP, PERSON, ORG, CAPITAL, ...)
    entity_key: str  # canonical key, e.g. "country:KZ", "person:beybut atamkulov"
    entity_name: str  # canonical display name, e.g. "Kazakhstan"
    entity_type: EntityType


@dataclass(slots=True)
class Attribution:
    """SOURCE + CUE + CONTENT: somebody presents (or rejects) some content."""

    doc_id: str
    content: Span
    source: str  # resolved to its fullest name in the document, or the unnamed phrase as written
    source_type: SourceType
    cue: str
    cue_span: Span | None
    polarity: Polarity
    source_span: Span | None = None
    source_key: str | None = None  # entity key of the source when it is a known entity
    kind: str = "reported"  # "direct" quote, "reported" speech, "according_to", "block" quotation,
    # "nominal" (a statement noun with its author: "Russia's warning that ..."), "headline" ("Minister: ...")
    segment_id: str | None = None

    @property
    def id(self) -> str:
        return make_id(self.doc_id, "attribution", *self.content, self.cue)


@dataclass(slots=True)
class EventClaim:
    """A statement, by the author or an attributed source, that an event did or did not happen."""

    doc_id: str
    type: str  # an event type of the ontology, e.g. "arms_transfer"
    evidence: Span
    trigger: Span
    source: str  # AUTHOR for the document's own voice
    source_type: SourceType
    polarity: Polarity = "positive"
    certainty: Certainty = "certain"
    arguments: dict[str, str] = field(default_factory=dict)  # role -> canonical name
    argument_keys: dict[str, str] = field(default_factory=dict)  # role -> entity key where known
    time: str | None = None  # ISO prefix ("2020-10", "199" for a decade)
    time_end: str | None = None
    time_text: str | None = None
    attribution_id: str | None = None
    segment_id: str | None = None

    _id_cache: tuple[tuple[object, ...], str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        # One claim per (source, event, polarity); one sentence may state the event for
        # several parties, so the parties are part of the identity too. Linking asks for
        # ids many times: the hash is kept until a part of the identity changes.
        parts = (self.doc_id, "claim", *self.evidence, self.type, self.source, self.polarity,
                 self.arguments.get("agent"), self.arguments.get("recipient"))
        if self._id_cache is None or self._id_cache[0] != parts:
            self._id_cache = (parts, make_id(*parts))
        return self._id_cache[1]

    @property
    def agent(self) -> str | None:
        return self.arguments.get("agent")

    @property
    def recipient(self) -> str | None:
        return self.arguments.get("recipient")


@dataclass(slots=True)
class Role:
    """An office a person holds or held, as one document states it, with when it holds.

    Two titles for one person are no conflict when their times differ
    ("Minister of Defence" before 2019, "Minister of Industry" in 2020).
    """

    doc_id: str
    person_key: str  # entity key of the person, e.g. "person:beybut atamkulov"
    person: str  # the person's name in the document
    title: str  # the office as written, e.g. "Minister of Defence", "head of the customs committee"
    affiliation: str | None = None  # canonical name of the state or body the office belongs to
    affiliation_key: str | None = None
    time: str | None = None  # ISO prefix at which the text places the role (the sentence's or document's date)
    until: str | None = None  # for a past role ("former", "then-"): held before this ISO prefix
    current: bool = True  # False when the text marks the role as past
    span: Span | None = None  # the title phrase in Document.text

    @property
    def id(self) -> str:
        return make_id(self.doc_id, "role", self.person_key, self.title, *(self.span or ()))


@dataclass(slots=True)
class Document:
    """One input document and everything the pipeline learns about it."""

    name: str  # file name without extension, or "<file>#<line>" for a JSONL record
    text: str
    origin: str  # path (and line) it was read from
    format: str  # txt, md, html, jsonl
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (or prefix) of the document
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    status: str = "analysed"  # or "not analysed: <reason>"
    segments: list[Segment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    event_claims: list[EventClaim] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # (key, model, dimensions, float32 bytes) of its claims' evidence sentences, encoded where it was
    # analysed and written with it to the store's vector cache (claimtrace.link.embeddings); not read back
    evidence_vectors: list[tuple[str, str, int, bytes]] = field(default_factory=list, compare=False, repr=False)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def id(self) -> str:
        return make_id("document", self.hash)

    @property
    def analysed(self) -> bool:
        return self.status == "analysed"


@dataclass(slots=True)
class Rejection:
    """An input that could not be read, with the reason in one line."""

    origin: str
    reason: str


@dataclass(slots=True)
class Entity:
    """One real thing across documents: its canonical name and every mention of it."""

    key: str  # canonical key, e.g. "country:KZ" or "person:beybut atamkulov"
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)  # other mention keys merged into this entity
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)  # (doc_id, start, end, text)


@dataclass(slots=True)
class Story:
    """Event claims, possibly from many documents, about the same real event."""

    id: str
    type: str
    label: str
    claim_ids: list[str]
    time: str | None = None


@dataclass(slots=True)
class Contradiction:
    """Two claims of one story that cannot both be right (or that pull apart)."""

    story_id: str
    claim_a: str
    claim_b: str
    kind: str  # "contradiction" (opposite polarity) or "tension" (certainty, details)
    explanation: str
