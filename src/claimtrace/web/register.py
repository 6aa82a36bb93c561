"""The register page: reported arms transfers, SIPRI-style, every row linked to its sources; CSV download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from claimtrace.export.register import build_register, register_csv
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> HTMLResponse:
    return respond(request, register_content(site_of(request)))


def register_content(site: Site) -> Page:
    """The register page: one row per reported arms transfer."""
    with site.store() as store:
        rows = build_register(store, site.registry)
    return Page("register.html", "Register of arms transfers", {"rows": rows})


@router.get("/register.csv")
def register_download(request: Request) -> Response:
    site = site_of(request)
    with site.store() as store:
        rows = build_register(store, site.registry)
    return Response(register_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="register.csv"'})
