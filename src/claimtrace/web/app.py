"""The FastAPI app: options, the factory, and running it with uvicorn."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from claimtrace.errors import Messages, StoreError
from claimtrace.link.registry import SourceRegistry
from claimtrace.store.location import display_location, store_exists
from claimtrace.web import check, document, entity, graph, overview, register, search, story, timeline
from claimtrace.web.access import check_binding, token_guard
from claimtrace.web.pages import STATIC, Site, template_environment

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


@dataclass(slots=True)
class ServeOptions:
    """How to serve: the store, the address, the token, the source registry. Shared by the CLI and the API."""

    db_path: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None  # required when host is not a loopback address
    sources_path: str | None = None  # source registry file, as for 'claimtrace stories --sources'


def create_app(options: ServeOptions) -> FastAPI:
    """The web app over the knowledge base at ``options.db_path``.

    Raises :class:`StoreError` when there is no store at that path, and
    :class:`~claimtrace.web.access.TokenRequired` when the host is not a
    loopback address and no token is given.
    """
    check_binding(options.host, options.token)
    if not store_exists(options.db_path):
        raise StoreError(Messages.E020.format(path=display_location(options.db_path),
                                              detail="no knowledge base there; create it with 'claimtrace ingest'"))
    app = FastAPI(title="claimtrace", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.site = Site(db_path=options.db_path, templates=template_environment(),
                          registry=SourceRegistry.load(options.sources_path, options.db_path))
    app.middleware("http")(token_guard(options.token))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # registered explicitly, in menu order
    for module in (overview, story, document, entity, register, timeline, graph, search, check):
        app.include_router(module.router)
    return app


def serve(options: ServeOptions) -> None:
    """Serve the app until interrupted (Ctrl-C)."""
    import uvicorn

    uvicorn.run(create_app(options), host=options.host, port=options.port, log_level="warning")
