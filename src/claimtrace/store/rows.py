"""Records of claimtrace.model to table rows and back, independent of the database driver.

Writers turn a record into a dict of named parameters (``:name`` placeholders,
which sqlite3 and SQLAlchemy's ``text()`` both accept); readers take any
mapping of column name to value. Ids are properties computed from content: they
are stored with the row and checked when the row is read back, so a store
written under another id scheme is caught instead of silently mislinked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

from claimtrace.errors import Messages, StoreError
from claimtrace.model import (
    Attribution,
    Contradiction,
    Document,
    EventClaim,
    Mention,
    Segment,
    Span,
    make_id,
)

Params = dict[str, Any]


class Row(Protocol):
    """A row read back: values by column name (sqlite3.Row, SQLAlchemy's RowMapping)."""

    def __getitem__(self, column: str) -> Any: ...



@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored document without its text and analysis: what listings need."""

    id: str
    name: str
    origin: str
    format: str
    hash: str
    title: str | None
    url: str | None
    published: str | None
    author: str | None
    outlet: str | None
    language: str | None
    status: str
    ingested_at: str

    @property
    def analysed(self) -> bool:
        return self.status == "analysed"


DOCUMENT_ROW_FIELDS = tuple(field.name for field in fields(DocumentRow))


def document_row(row: Row) -> DocumentRow:
    return DocumentRow(**{name: row[name] for name in DOCUMENT_ROW_FIELDS})


def document_params(document: Document, ingested_at: str) -> Params:
    return {
        "id": document.id, "name": document.name, "origin": document.origin, "format": document.format,
        "hash": document.hash, "text": document.text, "title": document.title, "url": document.url,
        "published": document.published, "author": document.author, "outlet": document.outlet,
        "language": document.language, "status": document.status, "ingested_at": ingested_at,
    }


def document_from_row(row: Row, path: str) -> Document:
    """The document's own fields; its lists are filled in by the caller."""
    document = Document(
        name=row["name"], text=row["text"], origin=row["origin"], format=row["format"], title=row["title"],
        url=row["url"], published=row["published"], author=row["author"], outlet=row["outlet"],
        language=row["language"], status=row["status"],
    )
    check_id(path, "documents", row["id"], document.id)
    check_id(path, "documents (hash)", row["hash"], document.hash)
    return document


def segment_params(segment: Segment, ordinal: int) -> Params:
    return {
        "id": segment.id, "doc_id": segment.doc_id, "ordinal": ordinal, "kind": segment.kind,
        "start": segment.start, "end": segment.end, "author": segment.author, "published": segment.published,
        "duplicate_of": segment.duplicate_of, "similarity": segment.similarity, "signature": segment.signature,
    }


def segment_from_row(row: Row, path: str) -> Segment:
    signature = row["signature"]
    segment = Segment(
        doc_id=row["doc_id"], kind=row["kind"], start=row["start"], end=row["end"], author=row["author"],
        published=row["published"], duplicate_of=row["duplicate_of"], similarity=row["similarity"],
        signature=None if signature is None else bytes(signature),
    )
    check_id(path, "segments", row["id"], segment.id)
    return segment


def mention_params(doc_id: str, mention: Mention, ordinal: int) -> Params:
    return {
        "doc_id": doc_id, "ordinal": ordinal, "start": mention.start, "end": mention.end, "text": mention.text,
        "label": mention.label, "entity_key": mention.entity_key, "entity_name": mention.entity_name,
        "entity_type": mention.entity_type,
    }


def mention_from_row(row: Row) -> Mention:
    return Mention(
        start=row["start"], end=row["end"], text=row["text"], label=row["label"], entity_key=row["entity_key"],
        entity_name=row["entity_name"], entity_type=row["entity_type"],
    )


def attribution_params(attribution: Attribution, ordinal: int) -> Params:
    source_start, source_end = _span_columns(attribution.source_span)
    cue_start, cue_end = _span_columns(attribution.cue_span)
    return {
        "id": attribution.id, "doc_id": attribution.doc_id, "ordinal": ordinal,
        "segment_id": attribution.segment_id, "content_start": attribution.content[0],
        "content_end": attribution.content[1], "source": attribution.source,
        "source_type": attribution.source_type, "source_start": source_start, "source_end": source_end,
        "source_key": attribution.source_key, "cue": attribution.cue, "cue_start": cue_start,
        "cue_end": cue_end, "polarity": attribution.polarity, "kind": attribution.kind,
    }


def attribution_from_row(row: Row, path: str) -> Attribution:
    attribution = Attribution(
        doc_id=row["doc_id"], content=(row["content_start"], row["content_end"]), source=row["source"],
        source_type=row["source_type"], cue=row["cue"], cue_span=_span(row["cue_start"], row["cue_end"]),
        polarity=row["polarity"], source_span=_span(row["source_start"], row["source_end"]),
        source_key=row["source_key"], kind=row["kind"], segment_id=row["segment_id"],
    )
    check_id(path, "attributions", row["id"], attribution.id)
    return attribution


def claim_params(claim: EventClaim, ordinal: int) -> Params:
    return {
        "id": claim.id, "doc_id": claim.doc_id, "ordinal": ordinal, "segment_id": claim.segment_id,
        "type": claim.type, "evidence_start": claim.evidence[0], "evidence_end": claim.evidence[1],
        "trigger_start": claim.trigger[0], "trigger_end": claim.trigger[1], "source": claim.source,
        "source_type": claim.source_type, "polarity": claim.polarity, "certainty": claim.certainty,
        "time": claim.time, "time_end": claim.time_end, "time_text": claim.time_text,
        "attribution_id": claim.attribution_id,
    }


def argument_params(claim: EventClaim) -> list[Params]:
    """One row per role named in ``arguments`` or ``argument_keys`` (value or key may be NULL)."""
    roles = list(claim.arguments) + [role for role in claim.argument_keys if role not in claim.arguments]
    claim_id = claim.id
    return [
        {"claim_id": claim_id, "role": role, "ordinal": ordinal, "value": claim.arguments.get(role),
         "entity_key": claim.argument_keys.get(role)}
        for ordinal, role in enumerate(roles)
    ]


def claim_from_row(row: Row, arguments: Sequence[Row], path: str) -> EventClaim:
    """A claim from its row and its argument rows (in ordinal order)."""
    claim = EventClaim(
        doc_id=row["doc_id"], type=row["type"], evidence=(row["evidence_start"], row["evidence_end"]),
        trigger=(row["trigger_start"], row["trigger_end"]), source=row["source"],
        source_type=row["source_type"], polarity=row["polarity"], certainty=row["certainty"],
        arguments={a["role"]: a["value"] for a in arguments if a["value"] is not None},
        argument_keys={a["role"]: a["entity_key"] for a in arguments if a["entity_key"] is not None},
        time=row["time"], time_end=row["time_end"], time_text=row["time_text"],
        attribution_id=row["attribution_id"], segment_id=row["segment_id"],
    )
    check_id(path, "event_claims", row["id"], claim.id)
    return claim


def contradiction_params(contradiction: Contradiction) -> Params:
    return {
        "story_id": contradiction.story_id, "claim_a": contradiction.claim_a, "claim_b": contradiction.claim_b,
        "kind": contradiction.kind, "explanation": contradiction.explanation,
    }


def contradiction_from_row(row: Row) -> Contradiction:
    return Contradiction(
        story_id=row["story_id"], claim_a=row["claim_a"], claim_b=row["claim_b"], kind=row["kind"],
        explanation=row["explanation"],
    )


def rejection_id(origin: str, reason: str) -> str:
    return make_id("rejection", origin, reason)


def check_id(path: str, table: str, stored: str, computed: str) -> None:
    if stored != computed:
        raise StoreError(Messages.E023.format(path=path, table=table, stored=stored, computed=computed))


def describe(params: Params, width: int = 60) -> str:
    """A short one-line view of a row's parameters for error messages (NULLs left out, long values cut)."""
    parts = []
    for name, value in params.items():
        if value is None:
            continue
        shown = f"<{len(value)} bytes>" if isinstance(value, bytes) else repr(value)
        parts.append(f"{name}={shown if len(shown) <= width else shown[:width] + '...'}")
    return ", ".join(parts)


def _span_columns(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else (start, end)
