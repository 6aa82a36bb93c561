"""The entity dossier: names and spellings, roles over time, what it said, what is said about it, its stories."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.store import web_queries
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()

ITEMS_SHOWN = 200  # per list: a country in a large corpus says and is said about a great deal


@router.get("/entity/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> HTMLResponse:
    return respond(request, entity_content(site_of(request), key))


def entity_content(site: Site, key: str) -> Page:
    """The dossier of the entity ``key`` (or of the entity a mention key belongs to), else a not-found page."""
    with site.store() as store:
        entity_key = web_queries.entity_key_of(store, key)
        entity = web_queries.entity(store, entity_key, with_mentions=False) if entity_key else None
        if entity is None:
            return site.not_found(f"no entity {key!r} in this knowledge base")
        mentioned = web_queries.mention_summary(store, entity.key)
        members = web_queries.member_keys(store, entity.key)
        roles = store.roles(entity.key)
        said = web_queries.attributions_by_source(store, members, limit=ITEMS_SHOWN)
        said_claims = web_queries.claims_of_attributions(store, [a.id for a in said])
        about = web_queries.claims_about(store, members, limit=ITEMS_SHOWN)
        claim_ids = [c.id for c in about] + [c.id for c in said_claims]
        evidence = store.evidence_texts(claim_ids)
        contents = web_queries.text_slices(store, [(a.doc_id, *a.content) for a in said])
        story_of = store.stories_of_claims(claim_ids)
        headings = web_queries.story_headings(store, set(story_of.values()))  # by id: ties keep id order
        stories = sorted(headings, key=lambda s: (s.time or "", s.label))
        briefs = store.document_briefs({role.doc_id for role in roles if role.doc_id} | {a.doc_id for a in said}
                                       | {c.doc_id for c in about})
    return Page("entity.html", entity.name, dict(
        entity=entity, spellings=mentioned.spellings, mentions=mentioned.mentions, roles=roles, said=said,
        contents=contents, about=about, evidence=evidence, story_of=story_of, stories=stories, briefs=briefs,
        documents=mentioned.documents))
