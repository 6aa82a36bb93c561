"""The analysis pipeline: the ordered list of stages a document goes through.

Each stage is a function that takes the :class:`Analysis` being built and
returns it, and declares what it needs and what it adds (as spaCy components
do). :func:`analyse` parses the document's segments once and runs the stages in
order; an exception inside a stage is re-raised with the stage's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from claimtrace.analyse.nlp import analysis_text, load_nlp
from claimtrace.analyse.resources import Resources
from claimtrace.model import Document, Segment


@dataclass(slots=True)
class ParsedSegment:
    """One analysed segment and its parse; token offsets are relative to ``segment.start``."""

    segment: Segment
    doc: Doc

    @property
    def offset(self) -> int:
        return self.segment.start


@dataclass(slots=True)
class Analysis:
    """The document being built, its parses and the shared resources."""

    document: Document
    parses: list[ParsedSegment]
    resources: Resources
    notes: dict[str, object] = field(default_factory=dict)  # scratch space shared between stages

    def sentences(self) -> Iterator[tuple[ParsedSegment, SpacySpan]]:
        """Every sentence of every analysed segment, in document order."""
        for parsed in self.parses:
            for sent in parsed.doc.sents:
                yield parsed, sent

    def segment_at(self, offset: int) -> Segment | None:
        for segment in self.document.segments:
            if segment.start <= offset < segment.end:
                return segment
        return None


StageFunc = Callable[[Analysis], Analysis]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


class StageFailed(RuntimeError):
    def __init__(self, stage: str, document: str, error: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on document {document!r}: {type(error).__name__}: {error}")
        self.stage = stage


def default_stages() -> list[Stage]:
    """The pipeline, in order. Imported here, not registered by import side effects."""
    from claimtrace.analyse.attribution import find_attributions
    from claimtrace.analyse.entities import find_mentions
    from claimtrace.analyse.events import find_event_claims

    return [
        Stage("entities", find_mentions, requires=("parses",), assigns=("document.mentions",)),
        Stage("attributions", find_attributions, requires=("parses", "document.mentions"),
              assigns=("document.attributions",)),
        Stage("event_claims", find_event_claims,
              requires=("parses", "document.mentions", "document.attributions"),
              assigns=("document.event_claims",)),
    ]


def analysable_segments(document: Document) -> list[Segment]:
    """Segments worth parsing: not empty, not a duplicate of one already analysed."""
    return [s for s in document.segments if s.duplicate_of is None and s.end > s.start]


def parse_segments(documents: list[Document], batch_size: int = 16) -> list[list[ParsedSegment]]:
    """Parse the analysable segments of many documents in one ``nlp.pipe`` stream."""
    nlp = load_nlp()
    jobs = [(i, seg) for i, doc in enumerate(documents) if doc.analysed for seg in analysable_segments(doc)]
    texts = (analysis_text(documents[i].text[seg.start:seg.end]) for i, seg in jobs)
    parsed: list[list[ParsedSegment]] = [[] for _ in documents]
    for (i, seg), spacy_doc in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
        parsed[i].append(ParsedSegment(seg, spacy_doc))
    return parsed


def analyse(document: Document, resources: Resources, stages: list[Stage] | None = None,
            parses: list[ParsedSegment] | None = None) -> Document:
    """Run every stage on one document (already read and segmented); returns it filled in."""
    if not document.analysed:
        return document
    if parses is None:
        parses = parse_segments([document])[0]
    analysis = Analysis(document, parses, resources)
    for stage in stages if stages is not None else default_stages():
        try:
            analysis = stage.func(analysis)
        except Exception as error:  # name the stage, as spaCy's Language.__call__ does
            raise StageFailed(stage.name, document.name, error) from error
    return analysis.document
