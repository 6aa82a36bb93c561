"""The register page: reported arms transfers, SIPRI-style, every row linked to its sources; CSV download.

The page shows the register a page of rows at a time, newest transfer first, so that it reads only
those rows' stories however many there are; the CSV and the static export hold every row.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from claimtrace.errors import Messages
from claimtrace.export.register import TRANSFER_TYPE, build_register, register_csv, register_page
from claimtrace.store import web_queries
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()

ROWS_PER_PAGE = 100


@router.get("/register", response_class=HTMLResponse)
def register_view(request: Request, page: str = "1") -> HTMLResponse:
    number = int(page) if page.isdecimal() and len(page) < 7 else 0
    return respond(request, register_content(site_of(request), number, raw_page=page))


def register_content(site: Site, page: int | None = None, rows_per_page: int = ROWS_PER_PAGE,
                     raw_page: str | None = None) -> Page:
    """The register page: one row per reported arms transfer; ``page`` (from 1): that page of
    ``rows_per_page`` rows, newest first; None: every row, by date (the static export)."""
    with site.store() as store:
        if page is None:
            return Page("register.html", "Register of arms transfers",
                        {"rows": build_register(store, site.registry), "pages": None})
        total = web_queries.story_count_of_type(store, TRANSFER_TYPE)
        last = max(1, -(-total // rows_per_page))
        if not 1 <= page <= last:
            return site.bad_request(Messages.E048.format(value=raw_page or str(page), last=last))
        rows = register_page(store, site.registry, (page - 1) * rows_per_page, rows_per_page)
    base = site.links.register()
    pages = {"number": page, "last": last, "total": total,
             "previous": f"{base}?page={page - 1}" if page > 1 else None,
             "next": f"{base}?page={page + 1}" if page < last else None}
    return Page("register.html", "Register of arms transfers", {"rows": rows, "pages": pages})


@router.get("/register.csv")
def register_download(request: Request) -> Response:
    site = site_of(request)
    with site.store() as store:
        rows = build_register(store, site.registry)
    return Response(register_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="register.csv"'})
