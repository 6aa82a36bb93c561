"""What every page handler shares: the options, the templates, the source registry, a store per request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from claimtrace.link.registry import SourceRegistry
from claimtrace.store import Store, open_store

TEMPLATES = Path(__file__).resolve().parent / "templates"
SAFE_SCHEMES = frozenset({"http", "https"})


@dataclass(slots=True)
class Site:
    """The app's shared state (``request.app.state.site``): where the store is, how to render, how to rate."""

    db_path: str
    templates: Environment
    registry: SourceRegistry

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store for this request: SQLite connections stay in the thread that opened them."""
        with open_store(self.db_path) as store:
            yield store

    def render(self, name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(db_path=self.db_path, **values)
        return HTMLResponse(html, status_code=status_code)

    def not_found(self, what: str) -> HTMLResponse:
        return self.render("error.html", status_code=404, title="Not found", message=what)


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def template_environment() -> Environment:
    """Jinja2 with autoescaping on for every template and the URL helpers the templates use."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(entity_url=entity_url, document_url=document_url, story_url=story_url,
                               claim_url=claim_url, safe_url=safe_url)
    environment.filters["short"] = short
    return environment


def entity_url(key: str) -> str:
    return "/entity/" + quote(key, safe="")


def document_url(doc_id: str) -> str:
    return "/document/" + quote(doc_id, safe="")


def story_url(story_id: str) -> str:
    return "/story/" + quote(story_id, safe="")


def claim_url(doc_id: str, claim_id: str) -> str:
    """The claim's evidence in its document."""
    return f"{document_url(doc_id)}#claim-{quote(claim_id, safe='')}"


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
