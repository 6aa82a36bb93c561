"""The search page: words over documents and claims, narrowed by entity, event type, source and date.

Only the server searches: the static export (``claimtrace report --html``)
has no search page and no link to one (:meth:`Links.search` is None there).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.errors import Messages, SearchError
from claimtrace.store.search import (
    DEFAULT_LIMIT,
    MAX_OFFSET,
    SEARCH_KINDS,
    SearchRequest,
    search,
    search_choices,
)
from claimtrace.store.search_results import SearchHit, SearchResults
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()
LAST_PAGE = MAX_OFFSET // DEFAULT_LIMIT + 1


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The form's fields as the browser sent them (every one a string: nothing is trusted before it is checked)."""

    q: str = ""
    entity: str = ""
    type: str = ""
    source: str = ""
    since: str = ""
    until: str = ""
    kind: str = "all"
    page: str = "1"

    @property
    def asked(self) -> bool:
        return any((self.q.strip(), self.entity, self.type, self.source, self.since, self.until))

    def request(self) -> SearchRequest:
        """The search the form asks for; raises :class:`SearchError` for a page number that is not one."""
        page = int(self.page) if self.page.isdecimal() and len(self.page) < 6 else 0
        if not 1 <= page <= LAST_PAGE:
            raise SearchError(Messages.E047.format(what="page", value=self.page, expected=f"1 to {LAST_PAGE}"))
        return SearchRequest(text=self.q, entity=self.entity or None, event_type=self.type or None,
                             source=self.source or None, since=self.since.strip() or None,
                             until=self.until.strip() or None, kind=self.kind,
                             limit=DEFAULT_LIMIT, offset=(page - 1) * DEFAULT_LIMIT)

    def url(self, base: str, page: int) -> str:
        """This search at another page, with only the fields that are set."""
        fields = {name: value for name, value in asdict(self).items()
                  if value and name != "page" and not (name == "kind" and value == "all")}
        return f"{base}?{urlencode({**fields, 'page': page})}"


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", entity: str = "", type: str = "", source: str = "",
                since: str = "", until: str = "", kind: str = "all", page: str = "1") -> HTMLResponse:
    form = SearchForm(q=q, entity=entity, type=type, source=source, since=since, until=until, kind=kind, page=page)
    return respond(request, search_content(site_of(request), form))


def search_content(site: Site, form: SearchForm) -> Page:
    """The form, and for a query or a filter one page of hits; a malformed search shows why (status 400)."""
    results: SearchResults | None = None
    error: str | None = None
    with site.store() as store:
        choices = search_choices(store)
        if form.asked:
            try:
                results = search(store, form.request())
            except SearchError as problem:
                error = str(problem)
    entities = choices.entities
    if form.entity and form.entity not in {key for key, _ in entities}:
        entities = [(form.entity, form.entity), *entities]  # keep the analyst's choice in the form
    base = site.links.search() or ""
    pages = None
    if results is not None:
        number = results.request.offset // results.request.limit + 1
        pages = {"previous": form.url(base, number - 1) if number > 1 else None,
                 "next": form.url(base, number + 1) if results.has_more and number < LAST_PAGE else None}
    return Page("search.html", "Search", dict(
        form=form, error=error, results=results, pages=pages, entities=entities, event_types=choices.event_types,
        sources=choices.sources, kinds=SEARCH_KINDS, hit_url=lambda hit: hit_url(site, hit)),
        status_code=400 if error else 200)


def hit_url(site: Site, hit: SearchHit) -> str:
    """Where a hit is read: a claim at its evidence, a document at its first matched word (marked)."""
    if hit.claim is not None:
        return site.links.claim(hit.doc_id, hit.claim.id)
    if hit.match is not None:
        return f"{site.links.document(hit.doc_id)}?{urlencode({'match': f'{hit.match[0]}-{hit.match[1]}'})}#match"
    return site.links.document(hit.doc_id)
