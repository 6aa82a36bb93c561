"""The document page: the text with entities, attributions and claims highlighted; comments as comments."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.errors import StoreError
from claimtrace.store import web_queries
from claimtrace.web.highlight import blocks, document_marks
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    return respond(request, document_content(site_of(request), doc_id))


def document_content(site: Site, doc_id: str) -> Page:
    """The document page, or a not-found page when there is no such document."""
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
    return Page("document.html", document.title or document.name, dict(
        document=document, doc_id=doc_id, blocks=blocks(document, document_marks(document, urls)), stories=stories,
        duplicates=duplicate_names))
