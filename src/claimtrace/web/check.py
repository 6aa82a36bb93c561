"""The check page: which stored documents agree with, disagree with or discuss a claim the analyst types."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from claimtrace.stance.check import check_claim
from claimtrace.stance.model import load_model
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()
MAX_CLAIM_CHARS = 500


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, claim: str = Query("", max_length=MAX_CLAIM_CHARS)) -> HTMLResponse:
    return respond(request, check_content(site_of(request), claim.strip()))


def check_content(site: Site, claim: str) -> Page:
    """The form, and for a claim every related document or comment, ranked, with its evidence sentence."""
    matches = []
    if claim:
        with site.store() as store:
            matches = check_claim(claim, store, load_model())
    return Page("check.html", "Check a claim", {"claim": claim, "matches": matches})
