"""A document's text cut into pieces, each with the highlights (mentions, attributions, claims) covering it.

Spans overlap (a mention inside a quotation inside a claim's evidence), so the
text is cut at every span boundary and each piece lists every span over it:
the template wraps each piece in one flat ``<span>``, never nested tags, and
escapes the text. Pieces are grouped in blocks by segment so comments render
as comments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from claimtrace.model import Document, Segment


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: its kind (a CSS class), a tooltip, an anchor id at its start, a link."""

    start: int
    end: int
    kind: str  # mention, source, cue, content, evidence, trigger
    label: str
    anchor: str | None = None
    href: str | None = None
    negative: bool = False


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    classes: str  # space-separated CSS classes, "" for plain text
    title: str
    href: str | None
    anchors: tuple[str, ...]


@dataclass(slots=True)
class Block:
    """The pieces of one segment (or of text outside every segment)."""

    segment: Segment | None
    pieces: list[Piece] = field(default_factory=list)

    @property
    def is_comment(self) -> bool:
        return self.segment is not None and self.segment.kind == "comment"


def document_marks(document: Document, entity_urls: Mapping[str, str]) -> list[Mark]:
    """The marks of a document: mentions (linked to their entity), attributions and event claims."""
    marks = [Mark(m.start, m.end, "mention", f"{m.entity_name} ({m.entity_type})", href=entity_urls.get(m.entity_key))
             for m in document.mentions]
    for a in document.attributions:
        negative = a.polarity == "negative"
        stance = "denies" if negative else "says"
        if a.source_span is not None:
            marks.append(Mark(*a.source_span, "source", f"source: {a.source} ({a.source_type})"))
        if a.cue_span is not None:
            marks.append(Mark(*a.cue_span, "cue", f"cue: {a.cue} ({a.polarity})", negative=negative))
        marks.append(Mark(*a.content, "content", f"{a.source} {stance} ({a.kind})", anchor=f"attr-{a.id}",
                          negative=negative))
    for c in document.event_claims:
        negative = c.polarity == "negative"
        parties = " → ".join(filter(None, (c.agent, c.recipient)))
        label = f"{c.type.replace('_', ' ')}{': ' + parties if parties else ''} ({c.polarity}, {c.certainty})"
        marks.append(Mark(*c.evidence, "evidence", label, anchor=f"claim-{c.id}", negative=negative))
        marks.append(Mark(*c.trigger, "trigger", f"trigger of {c.type.replace('_', ' ')}"))
    return marks


def blocks(document: Document, marks: Iterable[Mark]) -> list[Block]:
    """The text cut into blocks by segment and into pieces by mark boundaries, in text order."""
    marks = [mark for mark in marks if 0 <= mark.start <= mark.end <= len(document.text)]
    found = []
    for segment, start, end in _regions(document):
        block = Block(segment)
        inside = [mark for mark in marks if mark.start < end and mark.end > start or mark.start == start]
        cuts = sorted({start, end, *(m.start for m in inside if start < m.start < end),
                       *(m.end for m in inside if start < m.end < end)})
        for left, right in zip(cuts, cuts[1:]):
            block.pieces.append(_piece(document.text[left:right], left, right, inside))
        found.append(block)
    return found


def _regions(document: Document) -> list[tuple[Segment | None, int, int]]:
    """(segment or None, start, end) covering the whole text: the segments and the gaps between them."""
    regions: list[tuple[Segment | None, int, int]] = []
    position = 0
    for segment in sorted(document.segments, key=lambda s: (s.start, s.end)):
        if segment.start < position:
            continue  # overlapping segments are not expected; show the text once
        if segment.start > position:
            regions.append((None, position, segment.start))
        regions.append((segment, segment.start, segment.end))
        position = segment.end
    if position < len(document.text) or not regions:
        regions.append((None, position, len(document.text)))
    return regions


def _piece(text: str, left: int, right: int, marks: list[Mark]) -> Piece:
    over = [mark for mark in marks if mark.start <= left and mark.end >= right and mark.start < mark.end]
    classes = sorted({mark.kind for mark in over} | ({"negative"} if any(m.negative for m in over) else set()))
    href = next((mark.href for mark in over if mark.href), None)
    anchors = tuple(dict.fromkeys(mark.anchor for mark in marks if mark.start == left and mark.anchor))
    return Piece(text, " ".join(classes), "\n".join(dict.fromkeys(mark.label for mark in over)), href, anchors)
