"""The web app's pages as a folder of static HTML that opens from disk (``claimtrace report --html DIR``).

The pages are built by the same functions and templates as the server's
(:mod:`claimtrace.web`); only where pages live differs: here every page is a
file in one folder, named so that it needs no URL encoding, and every link is
relative, so the folder works from ``file://`` and can be copied or zipped.

Layout: ``index.html`` (the overview), ``register.html`` and ``register.csv``,
``timeline.html`` and ``graph.html`` (their data in the page), ``story-<id>.html``,
``document-<id>.html``, ``entity-<key>.html``, and the stylesheet and scripts
under ``static/``. A link to an entity known only by a mention key
gets its own page too (the dossier it resolves to, or "not found"), so no
link leads nowhere.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.errors import Messages, StoreError
from claimtrace.export.register import build_register, write_register_csv
from claimtrace.link.registry import SourceRegistry
from claimtrace.store import open_store
from claimtrace.store.location import display_location, store_exists
from claimtrace.web.document import document_content
from claimtrace.web.entity import entity_content
from claimtrace.web.graph import graph_content
from claimtrace.web.overview import overview_content
from claimtrace.web.pages import STATIC, Links, Page, Site, template_environment
from claimtrace.web.register import register_content
from claimtrace.web.story import story_content
from claimtrace.web.timeline import timeline_content

_UNSAFE = re.compile(r"[^a-z0-9_-]+")
SLUG_WIDTH = 60


@dataclass(slots=True)
class StaticSiteOptions:
    """What to export and where: the store, the output folder, the source registry. Shared by the CLI and the API."""

    db_path: str
    out_dir: str
    sources_path: str | None = None  # source registry file, as for 'claimtrace serve --sources'


@dataclass(frozen=True, slots=True)
class StaticSiteSummary:
    """What was written."""

    out_dir: Path
    stories: int
    documents: int
    entities: int
    register_rows: int

    @property
    def pages(self) -> int:
        return 4 + self.stories + self.documents + self.entities  # with index, register, timeline and graph

    def line(self) -> str:
        return (f"{self.pages} pages ({self.stories} stories, {self.documents} documents, "
                f"{self.entities} entities, register of {self.register_rows} transfers) -> {self.out_dir}")


def page_file(kind: str, identifier: str) -> str:
    """The file name of a page: lower-case letters, digits, '-' and '_' only, plus a hash of the identifier.

    The hash keeps names apart that the slug would merge ("country:MN" and
    "country:mn" on a case-insensitive disk); the slug keeps them readable.
    """
    slug = _UNSAFE.sub("_", identifier.lower()).strip("_")[:SLUG_WIDTH]
    digest = hashlib.sha1(identifier.encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{slug}-{digest}.html" if slug else f"{kind}-{digest}.html"


@dataclass(slots=True)
class StaticLinks(Links):
    """Pages as files in one folder, linked relatively; remembers every page a link pointed to."""

    linked: dict[str, set[str]] = field(default_factory=lambda: {"story": set(), "document": set(), "entity": set()})

    def check(self) -> str | None:
        return None  # checking a claim needs the model and the store: only the server does it

    def search(self) -> str | None:
        return None  # searching needs the store's full-text index: only the server does it

    def home(self) -> str:
        return "index.html"

    def register(self) -> str:
        return "register.html"

    def register_csv(self) -> str:
        return "register.csv"

    def timeline(self) -> str:
        return "timeline.html"

    def graph(self) -> str:
        return "graph.html"

    def static(self, name: str) -> str:
        return "static/" + name

    def entity(self, key: str) -> str:
        self.linked["entity"].add(key)
        return page_file("entity", key)

    def document(self, doc_id: str) -> str:
        self.linked["document"].add(doc_id)
        return page_file("document", doc_id)

    def story(self, story_id: str) -> str:
        self.linked["story"].add(story_id)
        return page_file("story", story_id)


def write_static_site(options: StaticSiteOptions) -> StaticSiteSummary:
    """Write every page of the knowledge base at ``options.db_path`` into ``options.out_dir``.

    Raises :class:`~claimtrace.errors.StoreError` when the store cannot be opened.
    """
    if not store_exists(options.db_path):
        raise StoreError(Messages.E020.format(path=display_location(options.db_path),
                                              detail="no knowledge base there; create it with 'claimtrace ingest'"))
    out = Path(options.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC, out / "static", dirs_exist_ok=True)
    links = StaticLinks()
    with open_store(options.db_path) as store:
        site = Site(db_path=options.db_path, templates=template_environment(links),
                    registry=SourceRegistry.load(options.sources_path, options.db_path), links=links, opened=store)
        builders: dict[str, Callable[[Site, str], Page]] = {
            "story": story_content, "document": document_content, "entity": entity_content}
        pending = {"story": {s.id for s in store.stories()}, "document": {row.id for row in store.documents()},
                   "entity": {entity.key for entity in store.entities()}}
        _write(out / links.home(), site, overview_content(site))
        _write(out / links.register(), site, register_content(site))
        _write(out / links.timeline(), site, timeline_content(site))
        _write(out / links.graph(), site, graph_content(site))
        rows = build_register(store, site.registry)
        written: dict[str, set[str]] = {kind: set() for kind in builders}
        while any(pending.values()):
            for kind, identifiers in pending.items():
                for identifier in sorted(identifiers):
                    _write(out / page_file(kind, identifier), site, builders[kind](site, identifier))
                    written[kind].add(identifier)
            pending = {kind: links.linked[kind] - written[kind] for kind in builders}  # pages only a link asks for
    write_register_csv(rows, out / links.register_csv())
    return StaticSiteSummary(out, len(written["story"]), len(written["document"]), len(written["entity"]), len(rows))


def _write(path: Path, site: Site, page: Page) -> None:
    path.write_text(site.render(page), encoding="utf-8")
