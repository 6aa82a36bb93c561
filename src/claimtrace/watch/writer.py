"""Documents read outside ``ingest()`` (feed items, fetched one by one) through ingest's own writer.

``claimtrace.ingest.ingest`` takes paths; a feed item is a Document built in
memory from a fetched page. Each is handed to :class:`claimtrace.ingest.Writer`
as a batch of one, so it is admitted (skipped by content hash, its segments
linked to near-duplicates), analysed and stored exactly as a file's document
is, and one document at a time, so a stop between items loses nothing.
"""

from __future__ import annotations

from claimtrace.batch import PreparedBatch, analyse_batch
from claimtrace.ingest import IngestReport, Writer
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.segment.comments import split_segments
from claimtrace.segment.duplicates import make_signature
from claimtrace.store import Store

NOT_STORED = "not stored:"  # how ingest begins the reason of a document it read but could not analyse or write


class DocumentWriter:
    """Stores documents one at a time; :meth:`link` links those stored, at the end."""

    def __init__(self, store: Store, options: Options) -> None:
        self._store = store
        self._options = options
        self._writer: Writer | None = None  # made with the first document (it may file unfiled segments first)
        self._batches = 0

    @property
    def report(self) -> IngestReport:
        return self._writer.report if self._writer is not None else IngestReport()

    def add(self, item: Document | Rejection) -> bool:
        """Store the document (or record the rejection); a document already stored is skipped.

        False when a document could not be analysed or written (recorded as
        rejected "not stored"): the caller should offer it again later.
        """
        if self._writer is None:
            self._writer = Writer(self._store, self._options)
        writer = self._writer
        prepared = PreparedBatch(self._batches, [_segmented(item)])
        self._batches += 1
        rejected = len(writer.report.rejected)
        writer.write(analyse_batch(prepared, writer.admit(prepared.brief()), self._options))
        return not any(r.reason.startswith(NOT_STORED) for r in writer.report.rejected[rejected:])

    def link(self) -> None:
        """Link the documents stored (and any left unlinked by an interrupted run) into the corpus."""
        if self._writer is not None and self._writer.report.stored:
            self._writer.finish()


def _segmented(item: Document | Rejection) -> Document | Rejection:
    """The document split into segments, each signed for near-duplicate search (as ``batch.prepare_batch`` does)."""
    if isinstance(item, Document):
        item.segments = split_segments(item)
        for segment in item.segments:
            segment.signature = make_signature(item.text[segment.start:segment.end])
    return item
