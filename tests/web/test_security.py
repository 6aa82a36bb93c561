"""Untrusted article text reaches every page only as escaped text: nothing from a document can run."""

from __future__ import annotations

import httpx
import pytest

from .reading import links, page_text, parse

# Tags the app itself never writes; any of them in a page came from a document.
FORBIDDEN_TAGS = frozenset({"script", "iframe", "svg", "img", "object", "embed", "base", "form", "style"})


def _data_block(tag: str, attrs: dict[str, str | None]) -> bool:
    """A script element the templates write as data (the story's ClaimReview JSON-LD): browsers never run it."""
    return tag == "script" and attrs.get("type") == "application/ld+json" and "src" not in attrs


def _all_pages(client: httpx.Client, site: str) -> dict[str, str]:
    """Every page reachable in two clicks from the overview, plus the register."""
    pages = {"/": client.get(site + "/").text, "/register": client.get(site + "/register").text}
    for prefix in ("/story/", "/document/"):
        for href in links(pages["/"], prefix):
            pages[href] = client.get(site + href).text
    for html in list(pages.values()):
        for href in links(html, "/entity/"):
            if href not in pages:
                pages[href] = client.get(site + href).text
    return pages


def test_security_hostile_documents_are_served(client: httpx.Client, hostile_site: str) -> None:
    pages = _all_pages(client, hostile_site)
    assert sum(href.startswith("/document/") for href in pages) == 3
    assert any(href.startswith("/entity/") for href in pages)
    document = next(html for href, html in pages.items() if href.startswith("/document/") and "onclick" in html)
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in document
    assert "<script>alert('text')</script>" in page_text(document)  # shown to the analyst as text


@pytest.mark.parametrize("check", ["tags", "event_handlers", "javascript_urls", "raw_script"])
def test_security_nothing_from_a_document_is_live(client: httpx.Client, hostile_site: str, check: str) -> None:
    for href, html in _all_pages(client, hostile_site).items():
        tags = parse(html).tags
        if check == "tags":
            assert not [tag for tag, attrs in tags if tag in FORBIDDEN_TAGS and not _data_block(tag, attrs)], href
            assert all((attrs.get("href") or "").startswith("/static/") for tag, attrs in tags if tag == "link")
        elif check == "event_handlers":
            assert not [(tag, name) for tag, attrs in tags for name in attrs if name.lower().startswith("on")], href
        elif check == "javascript_urls":
            urls = [value or "" for _, attrs in tags for name, value in attrs.items() if name in {"href", "src", "action"}]
            assert not [url for url in urls if "javascript:" in url.replace(" ", "").lower()], href
        else:
            assert html.lower().count("<script") == sum(_data_block(tag, attrs) for tag, attrs in tags), href
            assert "<img" not in html.lower(), href


def test_security_pages_forbid_inline_scripts(client: httpx.Client, hostile_site: str) -> None:
    response = client.get(hostile_site + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_security_register_csv_defuses_formulas(client: httpx.Client, hostile_site: str) -> None:
    response = client.get(hostile_site + "/register.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    cells = [cell for line in response.text.splitlines()[1:] for cell in line.split(",")]
    assert not [cell for cell in cells if cell.strip('"')[:1] in {"=", "+", "@"}]
