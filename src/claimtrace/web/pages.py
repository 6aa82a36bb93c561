"""What every page shares: where pages live, the templates, the source registry, a store per page.

A page is built once, as a :class:`Page` (a template and its values), by one
function per page kind (``overview_content``, ``story_content`` ...). The
server answers a request with it; the static export (``claimtrace report
--html``) writes it to a file. The two differ only in their :class:`Links`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from claimtrace.link.registry import SourceRegistry
from claimtrace.store import Store, open_store
from claimtrace.store.location import display_location

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
SAFE_SCHEMES = frozenset({"http", "https"})


class Links:
    """Where each page lives, as the server answers it (absolute paths); the static export overrides this."""

    def home(self) -> str:
        return "/"

    def register(self) -> str:
        return "/register"

    def register_csv(self) -> str:
        return "/register.csv"

    def timeline(self) -> str:
        return "/timeline"

    def graph(self) -> str:
        return "/graph"

    def static(self, name: str) -> str:
        return "/static/" + quote(name)

    def entity(self, key: str) -> str:
        return "/entity/" + quote(key, safe="")

    def document(self, doc_id: str) -> str:
        return "/document/" + quote(doc_id, safe="")

    def story(self, story_id: str) -> str:
        return "/story/" + quote(story_id, safe="")

    def claim(self, doc_id: str, claim_id: str) -> str:
        """The claim's evidence in its document."""
        return f"{self.document(doc_id)}#claim-{quote(claim_id, safe='')}"

    def check(self) -> str | None:
        """The page that checks a claim against the corpus; None where there is no server to ask."""
        return "/check"

    def search(self) -> str | None:
        """The search page; None where there is no server to ask."""
        return "/search"


@dataclass(slots=True)
class Page:
    """One rendered-to-be page: its template, title, values and HTTP status."""

    template: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    status_code: int = 200


@dataclass(slots=True)
class Site:
    """What page builders share: where the store is, how to render, how to rate, where pages live."""

    db_path: str
    templates: Environment
    registry: SourceRegistry
    links: Links = field(default_factory=Links)
    opened: Store | None = None  # one store for every page (the static export); None opens one per page

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store for this page: SQLite connections stay in the thread that opened them."""
        if self.opened is not None:
            yield self.opened
            return
        with open_store(self.db_path) as store:
            yield store

    def render(self, page: Page) -> str:
        """The page as HTML."""
        return self.templates.get_template(page.template).render(db_path=display_location(self.db_path),
                                                                 title=page.title, **page.values)

    def not_found(self, what: str) -> Page:
        return Page("error.html", "Not found", {"message": what}, status_code=404)

    def bad_request(self, what: str) -> Page:
        return Page("error.html", "Bad request", {"message": what}, status_code=400)


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def respond(request: Request, page: Page) -> HTMLResponse:
    """The page as the server's answer."""
    return HTMLResponse(site_of(request).render(page), status_code=page.status_code)


def template_environment(links: Links | None = None) -> Environment:
    """Jinja2 with autoescaping on for every template and the URL helpers the templates use."""
    links = links or Links()
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(entity_url=links.entity, document_url=links.document, story_url=links.story,
                               claim_url=links.claim, home_url=links.home, register_url=links.register,
                               register_csv_url=links.register_csv, static_url=links.static, safe_url=safe_url,
                               check_url=links.check, timeline_url=links.timeline, graph_url=links.graph,
                               search_url=links.search)
    environment.filters["short"] = short
    return environment


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: a document's URL is untrusted (``javascript:`` ...)."""
    if not url:
        return None
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def short(text: str | None, width: int = 240) -> str:
    """Whitespace folded, clipped to ``width`` characters."""
    folded = " ".join((text or "").split())
    return folded if len(folded) <= width else folded[: width - 1] + "…"
