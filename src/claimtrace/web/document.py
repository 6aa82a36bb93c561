"""The document page: the text with entities, attributions and claims highlighted; comments as comments."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.errors import StoreError
from claimtrace.store import web_queries
from claimtrace.web.highlight import Mark, blocks, document_marks
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, match: str = "") -> HTMLResponse:
    return respond(request, document_content(site_of(request), doc_id, matched_span(match)))


def matched_span(value: str) -> tuple[int, int] | None:
    """A search hit's "START-END" (offsets into the text), or None for anything else."""
    start, dash, end = value.partition("-")
    if not (dash and start.isdecimal() and end.isdecimal() and len(value) < 24):
        return None
    return (int(start), int(end)) if int(start) < int(end) else None


def document_content(site: Site, doc_id: str, match: tuple[int, int] | None = None) -> Page:
    """The document page, or a not-found page when there is no such document; ``match``: a stretch of
    text to mark (a search hit), with the anchor ``#match``."""
    with site.store() as store:
        try:
            document = store.load_document(doc_id)
        except StoreError:
            return site.not_found(f"no document {doc_id!r} in this knowledge base")
        keys = web_queries.entity_keys(store, {m.entity_key for m in document.mentions})
        stories = store.stories_of_claims([claim.id for claim in document.event_claims])
        duplicates = web_queries.segment_documents(
            store, {s.duplicate_of for s in document.segments if s.duplicate_of})
        briefs = store.document_briefs(set(duplicates.values()))
    urls = {m.entity_key: site.links.entity(keys.get(m.entity_key, m.entity_key)) for m in document.mentions}
    duplicate_names = {segment_id: (doc, briefs[doc].name) for segment_id, doc in duplicates.items() if doc in briefs}
    marks = document_marks(document, urls)
    if match is not None:
        marks.append(Mark(*match, "match", "found by the search", anchor="match"))
    return Page("document.html", document.title or document.name, dict(
        document=document, doc_id=doc_id, blocks=blocks(document, marks), stories=stories,
        duplicates=duplicate_names))
