"""Link the corpus after an ingest: entities across documents, stories, contradictions.

With ``new_doc_ids`` only the claims of those documents (and of any document
stored but never linked) are placed into the stored stories
(:func:`~claimtrace.link.incremental.link_new_documents`); without, or when the
store holds no stories yet, every story is recomputed. Both give the same
stories.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from claimtrace.link.embeddings import SentenceSimilarity, load_encoder
from claimtrace.link.entities import resolve_entities
from claimtrace.link.incremental import link_new_documents, relink_stories
from claimtrace.store import Store


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
    entities = resolve_entities(store.mentions())
    store.replace_entities(entities)
    sentence_similarity, notice = _similarity(store) if similarity else (None, None)
    pending = None if new_doc_ids is None else set(new_doc_ids) | store.unlinked_documents()
    has_stories = store.counts()["stories"] > 0
    if pending is not None and has_stories:
        update = link_new_documents(store, pending, sentence_similarity) if pending else None
        mode = "incremental"
    else:
        update = relink_stories(store, sentence_similarity)
        mode = "full"
    counts = store.counts()
    return LinkReport(len(entities), counts["stories"], counts["contradictions"], mode,
                      len(update.written) if update else 0, update.claims_read if update else 0, notice)


def _similarity(store: Store) -> tuple[SentenceSimilarity | None, str | None]:
    encoder, notice = load_encoder()
    return (SentenceSimilarity(encoder, store) if encoder is not None else None), notice
