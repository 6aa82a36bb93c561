"""Link the corpus after an ingest: entities across documents, stories, contradictions.

With ``new_doc_ids`` only the mentions and claims of those documents (and of any
document stored but never linked) are resolved into the stored entities
(:func:`~claimtrace.link.incremental_entities.link_new_entities`) and placed
into the stored stories (:func:`~claimtrace.link.incremental.link_new_documents`);
without, when the store holds no entities or no stories yet, or when the new
documents are a quarter of the corpus or more, every story (and without the
entity index, every entity) is recomputed. Both give the same entities and stories.
A large incremental step is placed ``INCREMENTAL_CHUNK`` documents at a time, and
every link gives the memory it freed back to the system (docs/scaling.md, Memory).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Collection
from dataclasses import dataclass

from claimtrace.link.embeddings import SentenceSimilarity, load_encoder
from claimtrace.link.incremental_entities import link_new_entities, relink_entities
from claimtrace.link.incremental import link_new_documents, relink_stories
from claimtrace.store import Store

# A step whose new documents are at least this share of the corpus is linked by a full relink:
# same stories, and cheaper than placing that many claims one by one into the stored ones.
FULL_RELINK_SHARE = 0.25
# Documents placed by one incremental replay: it holds what their claims reach (the claims that fit
# them and the stories those are in), so a step of many documents is placed this many at a time.
# The stories are the same whatever the chunks (incremental linking equals a full relink).
INCREMENTAL_CHUNK = 100


@dataclass(frozen=True, slots=True)
class LinkReport:
    entities: int
    stories: int
    contradictions: int
    mode: str = "full"  # "full" relink or "incremental"
    stories_written: int = 0
    claims_read: int = 0
    notice: str | None = None  # e.g. why sentence similarity was not used

    def summary(self) -> str:
        line = (f"linked ({self.mode}): {self.entities} entities, {self.stories} stories, "
                f"{self.contradictions} contradictions and tensions")
        return line + (f"; {self.notice}" if self.notice else "")


def link_corpus(store: Store, new_doc_ids: Collection[str] | None = None, *,
                similarity: bool = True) -> LinkReport:
    """Link the store's cross-document layer; ``new_doc_ids``: documents stored since the last link.

    ``similarity=False`` links without sentence embeddings even when they are installed.
    """
    pending = None if new_doc_ids is None else set(new_doc_ids) | store.pending_links()
    _link_entities(store, pending)
    sentence_similarity, notice = _similarity(store) if similarity else (None, None)
    written = claims_read = 0
    if pending is not None and store.link_counts()["stories"] > 0 and not _large_step(store, pending):
        mode = "incremental"
        for chunk in _chunks(sorted(pending), INCREMENTAL_CHUNK):
            update = link_new_documents(store, chunk, sentence_similarity)
            store.mark_linked(chunk)
            written, claims_read = written + len(update.written), claims_read + update.claims_read
    else:
        update = relink_stories(store, sentence_similarity)
        written, claims_read, mode = len(update.written), update.claims_read, "full"
    store.mark_linked(pending)  # None after a full link: every document is linked
    release_freed_memory()
    counts = store.link_counts()
    return LinkReport(counts["entities"], counts["stories"], counts["contradictions"], mode, written, claims_read,
                      notice)


def release_freed_memory() -> bool:
    """Hand the memory a link step freed back to the system; True when some was.

    A step builds and drops millions of small objects; glibc's allocator keeps the pages they
    were on, so without this a long ingest's resident memory stays at the peak of its largest
    step (1.9 GB after a step that peaked at 2.4, 0.64 GB after the trim: docs/scaling.md).
    Nothing to do off glibc.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


def _chunks(doc_ids: list[str], size: int) -> list[list[str]]:
    return [doc_ids[start:start + size] for start in range(0, len(doc_ids), size)]


def _large_step(store: Store, pending: set[str]) -> bool:
    """Whether the pending documents are so large a share of the corpus that relinking it all is cheaper."""
    return len(pending) >= FULL_RELINK_SHARE * store.document_count()


def _link_entities(store: Store, pending: set[str] | None) -> None:
    """Resolve the mentions of the pending documents into the stored entities (all, without the index)."""
    if pending is None or not store.entity_index().is_built():
        relink_entities(store)
    elif pending:
        link_new_entities(store, pending)


def _similarity(store: Store) -> tuple[SentenceSimilarity | None, str | None]:
    encoder, notice = load_encoder()
    return (SentenceSimilarity(encoder, store) if encoder is not None else None), notice
