"""Ingest: the whole path of a document, read → segment → analyse → store → link.

This is the Python API behind ``claimtrace ingest``::

    from claimtrace.ingest import ingest
    from claimtrace.store import open_store

    with open_store("kb.db") as store:
        report = ingest(["articles/"], store)
    print(report.summary())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.analyse.pipeline import StageFailed, analyse, parse_segments
from claimtrace.errors import StoreError
from claimtrace.analyse.resources import load_resources
from claimtrace.link.corpus import LinkReport, link_corpus
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read import read_inputs
from claimtrace.segment.comments import split_segments
from claimtrace.segment.duplicates import DuplicateIndex
from claimtrace.store import Store

ProgressCallback = Callable[[str], None]  # called with the origin of each input as it is finished


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    stored: list[str] = field(default_factory=list)  # names of documents written
    skipped: list[str] = field(default_factory=list)  # already in the store (same content hash)
    not_analysed: list[str] = field(default_factory=list)  # stored but not analysed (language, ...)
    rejected: list[Rejection] = field(default_factory=list)
    link: LinkReport | None = None

    def summary(self) -> str:
        parts = [f"{len(self.stored)} stored", f"{len(self.skipped)} already stored",
                 f"{len(self.rejected)} rejected"]
        if self.not_analysed:
            parts.append(f"{len(self.not_analysed)} not analysed")
        return ", ".join(parts)


def ingest(paths: Iterable[str | Path], store: Store, options: Options | None = None,
           on_progress: ProgressCallback | None = None) -> IngestReport:
    """Read, analyse and store every document under ``paths``, then relink the corpus.

    Each document is written in its own transaction, so an interrupted run leaves
    whole documents only, and running it again completes it: documents already
    stored are skipped by content hash. Bad inputs are recorded as rejections;
    they never stop the run.
    """
    options = options or Options()
    resources = load_resources()
    duplicates = DuplicateIndex.from_signatures(store.signatures(), options.near_duplicate_threshold)
    report = IngestReport()
    stored_ids: list[str] = []
    seen: set[str] = set()
    for batch in _batches(read_inputs(paths, options), options.batch_size):
        documents: list[Document] = []
        for item in batch:
            if isinstance(item, Rejection):
                store.write_rejection(item)
                report.rejected.append(item)
                _tick(on_progress, item.origin)
            elif item.hash in seen or store.has_document(item.hash):
                report.skipped.append(item.name)
                _tick(on_progress, item.origin)
            else:
                seen.add(item.hash)
                documents.append(item)
        for document in documents:
            document.segments = split_segments(document)
            for segment in document.segments:
                duplicates.add(segment, document.text[segment.start:segment.end])
        for document, parses in zip(documents, parse_segments(documents, options.batch_size)):
            try:
                analyse(document, resources, parses=parses)
                store.write_document(document)
            except (StageFailed, StoreError) as error:
                rejection = Rejection(document.origin, f"not stored: {error}")
                store.write_rejection(rejection)
                report.rejected.append(rejection)
            else:
                report.stored.append(document.name)
                stored_ids.append(document.id)
                if not document.analysed:
                    report.not_analysed.append(document.name)
            _tick(on_progress, document.origin)
    report.link = link_corpus(store, new_doc_ids=stored_ids)
    return report


def _tick(on_progress: ProgressCallback | None, origin: str) -> None:
    if on_progress is not None:
        on_progress(origin)


def _batches(items: Iterable[Document | Rejection], size: int) -> Iterator[list[Document | Rejection]]:
    batch: list[Document | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
