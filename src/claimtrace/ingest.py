"""Ingest: the whole path of a document, read → segment → analyse → store → link.

This is the Python API behind ``claimtrace ingest``::

    from claimtrace.ingest import ingest
    from claimtrace.store import open_store

    with open_store("kb.db") as store:
        report = ingest(["articles/"], store)
    print(report.summary())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimtrace.batch import Admission, BatchBrief, DuplicateMark, analyse_batch, prepare_batch
from claimtrace.errors import ClusterError, Messages, StoreError
from claimtrace.link.corpus import LinkReport, link_corpus
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.parts import InputBatch, plan_batches
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
    retried: list[str] = field(default_factory=list)  # origins read or analysed again, alone, after a worker died
    link: LinkReport | None = None

    def summary(self) -> str:
        parts = [f"{len(self.stored)} stored", f"{len(self.skipped)} already stored",
                 f"{len(self.rejected)} rejected"]
        if self.not_analysed:
            parts.append(f"{len(self.not_analysed)} not analysed")
        if self.retried:
            parts.append(f"{len(self.retried)} retried after a worker died")
        return ", ".join(parts)


def ingest(paths: Iterable[str | Path], store: Store, options: Options | None = None,
           on_progress: ProgressCallback | None = None) -> IngestReport:
    """Read, analyse and store every document under ``paths``, and link them into the corpus.

    Linking runs every ``options.link_every`` stored documents and at the end
    (incremental linking gives the stories a full relink gives). Each document
    is written in its own transaction, so an interrupted run leaves whole
    documents only, and running it again completes it: documents already
    stored are skipped by content hash. Bad inputs are recorded as rejections;
    they never stop the run. With ``options.workers`` or ``options.scheduler``,
    reading and analysis run on a Dask cluster (the ``scale`` extra) and this
    process stays the one writer; the store comes out the same.
    """
    options = options or Options()
    on_cluster = _cluster_ingest(options) if options.workers or options.scheduler else None
    writer = Writer(store, options, on_progress)
    batches = plan_batches(paths, options)
    if on_cluster is not None:
        on_cluster(batches, writer, options)
    else:
        for batch in batches:
            if isinstance(batch, Rejection):
                writer.reject(batch)
                continue
            prepared = prepare_batch(batch, options)
            writer.write(analyse_batch(prepared, writer.admit(prepared.brief()), options))
    return writer.finish()


class Writer:
    """The one writer of a run: admits prepared batches in input order, writes what analysis gives back.

    Admission is where a run is sequential: whether a document was stored or seen
    before, and which earlier segment a segment repeats, depend on every input
    before it. Batches must be admitted in the order of their numbers, each once.
    """

    def __init__(self, store: Store, options: Options, on_progress: ProgressCallback | None = None) -> None:
        self.store = store
        self.report = IngestReport()
        self._on_progress = on_progress
        self._duplicates = DuplicateIndex(options.near_duplicate_threshold, stored=store)
        layout = self._duplicates.layout
        store.file_segment_keys(layout.name, layout.keys)  # documents stored without their keys, if any
        self._seen: set[str] = set()  # hashes admitted and not stored since (the store knows the stored ones)
        self._unlinked: list[str] = []  # stored by this run since its last link step
        self._link_every = options.link_every

    def admit(self, brief: BatchBrief) -> Admission:
        """Record the batch's rejections and skips; the documents to analyse, with their segments' duplicate marks."""
        marks: dict[int, tuple[DuplicateMark, ...]] = {}
        for index, entry in enumerate(brief.entries):
            if isinstance(entry, Rejection):
                self.reject(entry)
            elif entry.hash in self._seen or self.store.has_document(entry.hash):
                self.report.skipped.append(entry.name)
                self._tick(entry.origin)
            else:
                self._seen.add(entry.hash)
                marks[index] = tuple(self._duplicates.add_signed(segment_id, signature)
                                     for segment_id, signature in entry.signatures)
        return Admission(brief.number, marks)

    def write(self, outcomes: Iterable[Document | Rejection]) -> None:
        """Store each analysed document in its own transaction; a document that cannot be written is rejected."""
        for outcome in outcomes:
            if isinstance(outcome, Rejection):
                self.reject(outcome)
                continue
            filed = {s.id: self._duplicates.layout.keys(s.signature) for s in outcome.segments if s.signature}
            try:
                self.store.write_document(outcome, filed)
            except StoreError as error:
                self.reject(Rejection(outcome.origin, f"not stored: {error}"))
                continue
            self._duplicates.stored(filed)
            self._seen.discard(outcome.hash)
            self.report.stored.append(outcome.name)
            self._unlinked.append(outcome.id)
            if not outcome.analysed:
                self.report.not_analysed.append(outcome.name)
            self._tick(outcome.origin)
            if self._link_every and len(self._unlinked) >= self._link_every:
                self._link()

    def reject(self, rejection: Rejection) -> None:
        self.store.write_rejection(rejection)
        self.report.rejected.append(rejection)
        self._tick(rejection.origin)

    def retried(self, origin: str) -> None:
        """Note an input read, or a document analysed, again after the worker it was on died."""
        self.report.retried.append(origin)

    def finish(self) -> IngestReport:
        """Link what this run stored (and anything an interrupted run left unlinked) into the corpus."""
        self._link()
        return self.report

    def _link(self) -> None:
        """One link step: the documents stored since the last, into the stored entities and stories."""
        step = link_corpus(self.store, new_doc_ids=self._unlinked)
        self._unlinked = []
        earlier = self.report.link
        if earlier is not None:  # the corpus counts are the last step's; the work done adds up
            mode = earlier.mode if earlier.mode.endswith(step.mode) else f"{earlier.mode}, then {step.mode}"
            step = replace(step, mode=mode,
                           stories_written=earlier.stories_written + step.stories_written,
                           claims_read=earlier.claims_read + step.claims_read)
        self.report.link = step

    def _tick(self, origin: str) -> None:
        if self._on_progress is not None:
            self._on_progress(origin)


ClusterIngest = Callable[[Iterable[InputBatch | Rejection], Writer, Options], None]


def _cluster_ingest(options: Options) -> ClusterIngest:
    """The distributed ingest, once the options are checked and Dask (an optional extra) is found."""
    if options.workers and options.scheduler:
        raise ClusterError(Messages.E074.format(
            detail="--workers starts a cluster here and --scheduler names a running one: give one of them"))
    if options.workers < 0:
        raise ClusterError(Messages.E074.format(detail=f"--workers {options.workers}: give 1 or more"))
    try:
        from claimtrace.scale import ingest_on_cluster
    except ImportError as error:
        if error.name not in {"dask", "distributed"}:
            raise
        raise ClusterError(Messages.E070) from None
    return ingest_on_cluster
