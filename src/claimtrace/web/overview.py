"""The overview page: the corpus in numbers, the most contested stories, recent documents, rejected inputs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.link.confidence import RatingContext
from claimtrace.store import web_queries
from claimtrace.web.pages import Page, Site, respond, site_of
from claimtrace.web.story import rating_of

router = APIRouter()

STORIES_SHOWN = 50
DOCUMENTS_SHOWN = 50


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    return respond(request, overview_content(site_of(request)))


def overview_content(site: Site) -> Page:
    """The overview page of the knowledge base."""
    with site.store() as store:
        counts = store.counts()
        ranks = web_queries.contested_stories(store, STORIES_SHOWN)
        stories = {story.id: story for story in store.stories_by_id([rank.story_id for rank in ranks])}
        claims = {claim.id: claim for claim in
                  store.event_claims_by_id({i for story in stories.values() for i in story.claim_ids})}
        context = RatingContext.from_store(store, list(claims.values()), site.registry)
        rated = [(rank, stories[rank.story_id], rating_of(stories[rank.story_id], claims, context))
                 for rank in ranks if rank.story_id in stories]
        documents = web_queries.recent_documents(store, DOCUMENTS_SHOWN)
        rejections = store.rejections()
    return Page("overview.html", "Overview", dict(counts=counts, stories=rated, documents=documents,
                                                  rejections=rejections))

