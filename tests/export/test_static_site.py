"""The static report: the server's pages as files that link only to each other and escape untrusted text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.export.static_site import StaticSiteOptions, StaticSiteSummary, page_file, write_static_site
from claimtrace.link.registry import SourceRegistry
from claimtrace.store import open_store
from claimtrace.web.document import document_content
from claimtrace.web.pages import Site, template_environment
from tests.web.reading import PageParser, data_block, parse

# Tags the templates never write; any of them in a page came from a document.
FORBIDDEN_TAGS = frozenset({"script", "iframe", "svg", "img", "object", "embed", "base", "form", "style"})
HOSTILE_TEXT = """Night convoy <script>alert('body')</script> near the border

The defence ministry of Georgia said on Tuesday that <img src=x onerror="alert('img')">no helicopters were
sold to Armenia. Reporters wrote that Georgia delivered four helicopters to Armenia in May
<a href="javascript:alert('link')" onclick="alert('click')">read more</a>.
<svg onload=alert('svg')></svg><iframe src="javascript:alert('frame')"></iframe>
"""


def _urls(page: PageParser) -> list[str]:
    return [value or "" for _, attrs in page.tags for name, value in attrs.items() if name in {"href", "src"}]


def _app_script(tag: str, attrs: dict[str, str | None]) -> bool:
    """A script the templates write: a file of the report's static/ folder, or a JSON data block (never run)."""
    return tag == "script" and ((attrs.get("src") or "").startswith("static/")
                                or (attrs.get("type") in {"application/json", "application/ld+json"}
                                    and "src" not in attrs))


def _main(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", "".join(parse(html).text))


@pytest.fixture(scope="module")
def example_report(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[StaticSiteSummary, Path]:
    folder = tmp_path_factory.mktemp("report") / "site"
    return write_static_site(StaticSiteOptions(db_path=str(example_store), out_dir=str(folder))), folder


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory, resources) -> Path:  # type: ignore[no-untyped-def]
    from claimtrace.ingest import ingest
    from claimtrace.options import Options

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    (corpus / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "hostile.jsonl").write_text(
        '{"id": "h-1", "title": "<script>alert(1)</script> Deliveries", "url": "javascript:alert(2)", '
        '"author": "<b onmouseover=alert(3)>Eve</b>", "text": "Armenia received helicopters from Georgia, '
        'officials said <script>alert(4)</script>."}\n', encoding="utf-8")
    db = corpus.parent / "hostile.db"
    with open_store(db) as store:
        ingest([corpus], store, Options(progress=False))
    folder = corpus.parent / "site"
    write_static_site(StaticSiteOptions(db_path=str(db), out_dir=str(folder)))
    return folder


def test_static_site_writes_one_file_per_page(example_store: Path,
                                             example_report: tuple[StaticSiteSummary, Path]) -> None:
    summary, folder = example_report
    with open_store(example_store) as store:
        stories, documents, entities = store.stories(), store.documents(), store.entities()
    for name in ("index.html", "register.html", "register.csv", "timeline.html", "graph.html", "static/style.css"):
        assert (folder / name).is_file(), name
    assert {page_file("story", s.id) for s in stories} == {p.name for p in folder.glob("story-*.html")}
    assert {page_file("document", d.id) for d in documents} == {p.name for p in folder.glob("document-*.html")}
    assert {page_file("entity", e.key) for e in entities} <= {p.name for p in folder.glob("entity-*.html")}
    assert summary.pages == len(list(folder.glob("*.html"))) and summary.stories == len(stories) > 0
    assert (folder / "register.csv").read_text(encoding="utf-8").startswith("story,supplier,recipient")


def test_static_site_every_relative_link_leads_to_a_written_file(
        example_report: tuple[StaticSiteSummary, Path]) -> None:
    _, folder = example_report
    pages = {path.name: parse(path.read_text(encoding="utf-8")) for path in folder.glob("*.html")}
    checked = 0
    for name, page in pages.items():
        for url in _urls(page):
            if url.startswith(("http://", "https://")) or url.startswith("#"):
                continue  # a document's own address; an anchor in the same page
            assert not url.startswith("/") and ":" not in url, f"{name}: {url} is not relative"
            target, _, anchor = url.partition("#")
            assert (folder / target).is_file(), f"{name} links to missing {target}"
            if anchor:
                assert any(attrs.get("id") == anchor for _, attrs in pages[target].tags), f"{name}: {url}"
            checked += 1
    assert checked > 50


def test_static_site_pages_are_the_servers_pages(example_store: Path,
                                                 example_report: tuple[StaticSiteSummary, Path]) -> None:
    _, folder = example_report
    with open_store(example_store) as store:
        doc_ids = [row.id for row in store.documents()]
    site = Site(db_path=str(example_store), templates=template_environment(),
                registry=SourceRegistry.load(None, str(example_store)))
    for doc_id in doc_ids:
        served = site.render(document_content(site, doc_id))
        written = (folder / page_file("document", doc_id)).read_text(encoding="utf-8")
        assert _text(_main(written)) == _text(_main(served))  # the navigation differs: no server, no checking
        assert 'href="/' in served and 'href="/' not in written


@pytest.mark.parametrize("page, block", [("timeline.html", "timeline-data"), ("graph.html", "graph-data")])
def test_static_site_timeline_and_graph_carry_their_data_and_scripts(
        example_report: tuple[StaticSiteSummary, Path], page: str, block: str) -> None:
    _, folder = example_report
    html = (folder / page).read_text(encoding="utf-8")
    data = data_block(html, block)
    urls = [item["url"] for item in data.get("stories", data.get("nodes", []))]
    assert urls and all((folder / url).is_file() for url in urls)  # every item opens its page from disk
    scripts = [attrs["src"] or "" for tag, attrs in parse(html).tags if tag == "script" and "src" in attrs]
    assert any("/vendor/" in src for src in scripts)
    assert all(src.startswith("static/") and (folder / src).is_file() for src in scripts)
    assert list((folder / "static" / "vendor").glob("*/LICENSE*"))  # the licences travel with the libraries


@pytest.mark.parametrize("kind, identifier", [
    ("entity", "country:MN"), ("entity", "country:mn"), ("entity", "org:ministry of defence@mn"),
    ("entity", "../../etc/passwd"), ("story", "#?%&"), ("document", "Ünïcode name"), ("document", "")])
def test_static_site_page_file_needs_no_encoding(kind: str, identifier: str) -> None:
    name = page_file(kind, identifier)
    assert re.fullmatch(rf"{kind}-[a-z0-9_-]+\.html", name), name
    assert page_file(kind, identifier.upper()) != name or identifier.upper() == identifier


@pytest.mark.parametrize("check", ["tags", "event_handlers", "javascript_urls", "escaped_text"])
def test_static_site_hostile_text_is_escaped(hostile_report: Path, check: str) -> None:
    pages = {path.name: path.read_text(encoding="utf-8") for path in hostile_report.glob("*.html")}
    assert sum(name.startswith("document-") for name in pages) == 2
    for name, html in pages.items():
        page = parse(html)
        if check == "tags":
            assert not [tag for tag, attrs in page.tags
                        if tag in FORBIDDEN_TAGS and not _app_script(tag, attrs)], name
            assert html.lower().count("<script") == sum(tag == "script" for tag, _ in page.tags), name
            assert "<img" not in html.lower(), name
        elif check == "event_handlers":
            assert not [(tag, attr) for tag, attrs in page.tags for attr in attrs if attr.lower().startswith("on")], name
        elif check == "javascript_urls":
            assert not [url for url in _urls(page) if "javascript:" in url.replace(" ", "").lower()], name
    if check == "escaped_text":
        document = next(html for html in pages.values() if "onclick" in html)
        assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in document
        assert "<script>alert('body')</script>" in _text(document)  # shown to the analyst as text


def test_static_site_command_prints_one_line(example_store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--html", str(tmp_path / "out"), "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert re.match(r"report: \d+ pages \(\d+ stories, \d+ documents, \d+ entities", result.output)
    assert (tmp_path / "out" / "index.html").is_file()


def test_static_site_refuses_a_missing_store(tmp_path: Path) -> None:
    from claimtrace.errors import StoreError

    with pytest.raises(StoreError, match="nowhere.db"):
        write_static_site(StaticSiteOptions(db_path=str(tmp_path / "nowhere.db"), out_dir=str(tmp_path / "out")))
    assert not (tmp_path / "nowhere.db").exists()
