"""A batch of inputs on its way through an ingest: the units of work shared by the
single-process ingest (``ingest.py``) and the distributed one (``scale/``).

    plan_batches    (read/parts.py)  paths and byte offsets, nothing read yet
    prepare_batch   any process      read, split into segments, sign every segment (MinHash)
    Writer.admit    the writer       skip what is stored, link near-duplicates, in input order
    analyse_batch   any process      parse and run the analysis stages on what was admitted,
                                     encode its claims' evidence sentences (link/embeddings.py)
    Writer.write    the writer       each document in its own transaction

Linking a segment to an earlier near-duplicate needs every segment before it, in
input order, and decides which segments are analysed; so admission is the one
step between reading and analysis that happens in one place. What travels to it
is a :class:`BatchBrief` (hashes and signatures), not the texts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from claimtrace.analyse.pipeline import StageFailed, analyse, parse_segments
from claimtrace.analyse.resources import load_resources
from claimtrace.link.embeddings import evidence_vectors
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.parts import InputBatch, read_batch
from claimtrace.segment.comments import split_segments
from claimtrace.segment.duplicates import DuplicateMark, make_signature


@dataclass(frozen=True, slots=True)
class DocumentBrief:
    """What admission needs of a read document: its identity and the signature of each segment."""

    name: str
    origin: str
    hash: str
    signatures: tuple[tuple[str, bytes], ...]  # (segment id, signature), in segment order


@dataclass(frozen=True, slots=True)
class BatchBrief:
    number: int
    entries: tuple[DocumentBrief | Rejection, ...]  # one per item of the prepared batch, in order


@dataclass(slots=True)
class PreparedBatch:
    """A batch read and segmented, every segment signed; nothing analysed yet."""

    number: int
    items: list[Document | Rejection]

    def brief(self) -> BatchBrief:
        return BatchBrief(self.number, tuple(_brief(item) for item in self.items))


@dataclass(frozen=True, slots=True)
class Admission:
    """The documents of a prepared batch to analyse (by index) and the duplicate mark of each of their segments."""

    number: int
    marks: dict[int, tuple[DuplicateMark, ...]]

    def only(self, index: int) -> Admission:
        return Admission(self.number, {index: self.marks[index]})


def prepare_batch(batch: InputBatch, options: Options) -> PreparedBatch:
    """Read the batch and split each document into signed segments (no store, no model needed)."""
    items = read_batch(batch, options)
    for item in items:
        if isinstance(item, Document):
            item.segments = split_segments(item)
            for segment in item.segments:
                segment.signature = make_signature(item.text[segment.start:segment.end])
    return PreparedBatch(batch.number, items)


def analyse_batch(prepared: PreparedBatch, admission: Admission, options: Options) -> list[Document | Rejection]:
    """The admitted documents, analysed; a document a stage fails on becomes a Rejection naming the stage.

    Works on copies: a prepared batch may be analysed again (retried after a worker
    died), and a distributed worker hands the very object it keeps to the task.
    """
    documents = [_admitted(prepared, index) for index in admission.marks]
    for document, marks in zip(documents, admission.marks.values()):
        for segment, (duplicate_of, similarity) in zip(document.segments, marks, strict=True):
            segment.duplicate_of, segment.similarity = duplicate_of, similarity
    if not documents:
        return []
    resources = load_resources()
    outcomes: list[Document | Rejection] = []
    for document, parses in zip(documents, parse_segments(documents, options.batch_size)):
        try:
            analysed = analyse(document, resources, parses=parses)
        except StageFailed as error:
            outcomes.append(Rejection(document.origin, f"not stored: {error}"))
            continue
        analysed.evidence_vectors = evidence_vectors(analysed)
        outcomes.append(analysed)
    return outcomes


def _admitted(prepared: PreparedBatch, index: int) -> Document:
    item = prepared.items[index]
    assert isinstance(item, Document), f"batch {prepared.number}: item {index} is a rejection; it cannot be admitted"
    return copy.deepcopy(item)


def _brief(item: Document | Rejection) -> DocumentBrief | Rejection:
    if isinstance(item, Rejection):
        return item
    signatures = tuple((segment.id, segment.signature or make_signature(item.text[segment.start:segment.end]))
                       for segment in item.segments)
    return DocumentBrief(item.name, item.origin, item.hash, signatures)
