"""The search page on a real server: the form and its choices, highlighted hits that lead to their
place in the document, pagination, and hostile text that stays text."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from claimtrace.store import open_store
from claimtrace.store.search import SearchRequest, search

from tests.store.conftest import build_document

from .conftest import Serve
from .reading import links, page_text, parse

# Tags the search page never writes itself (it has its own <form>); any of them came from a document.
FOREIGN_TAGS = frozenset({"script", "iframe", "svg", "img", "object", "embed", "base", "style"})


def _marked(html: str) -> list[str]:
    """The texts the page wraps in <mark>, in order."""
    return re.findall(r"<mark>(.*?)</mark>", html, flags=re.DOTALL)


def test_search_page_is_in_the_navigation(client: httpx.Client, example_site: str) -> None:
    overview = client.get(example_site + "/").text
    assert "/search" in links(overview, "/search")
    response = client.get(example_site + "/search")
    assert response.status_code == 200
    assert 'name="q"' in response.text and "Nothing matches" not in response.text


def test_search_page_offers_choices_from_the_store(client: httpx.Client, example_site: str,
                                                   example_store: Path) -> None:
    html = client.get(example_site + "/search").text
    options = {(attrs.get("value") or "") for tag, attrs in parse(html).tags if tag == "option"}
    with open_store(example_store) as store:
        entities = {entity.key for entity in store.entities()}
        outlets = {row.outlet for row in store.documents() if row.outlet}
    assert options & entities, "some entity of the store is offered"
    assert {"arms_transfer", "military_training"} <= options
    assert outlets <= options


def test_search_page_highlights_hits_and_links_to_their_place(client: httpx.Client, example_site: str,
                                                              example_store: Path) -> None:
    response = client.get(example_site + "/search", params={"q": "armoured"})
    assert response.status_code == 200
    with open_store(example_store) as store:
        expected = search(store, SearchRequest("armoured", limit=20))
    text = page_text(response.text)
    assert expected.summary() in text and expected.total > 0
    marked = _marked(response.text)
    assert "armoured" in marked and all(word.lower().startswith("armour") for word in marked)  # stemmed: "armour"
    claim_links = [href for href in links(response.text, "/document/") if "#claim-" in href]
    match_links = [href for href in links(response.text, "/document/") if "#match" in href]
    assert claim_links and match_links
    for href in (claim_links[0], match_links[0]):
        target, anchor = href.split("#")
        page = client.get(example_site + target)
        assert page.status_code == 200
        assert anchor in {attrs.get("id") for _, attrs in parse(page.text).tags}
    document = client.get(example_site + match_links[0].split("#")[0]).text
    on_page = re.findall(r'id="match"></span><span class="match"[^>]*>([^<]*)</span>', document)
    assert len(on_page) == 1 and on_page[0].lower().startswith("armour")  # the mark sits on the matched word


def test_search_page_story_links_open(client: httpx.Client, example_site: str) -> None:
    html = client.get(example_site + "/search", params={"q": "Mongolia", "kind": "claims"}).text
    stories = links(html, "/story/")
    assert stories
    assert client.get(example_site + stories[0]).status_code == 200


def test_search_page_filters_narrow_the_hits(client: httpx.Client, example_site: str, example_store: Path) -> None:
    params = {"q": "Mongolia OR Kyrgyzstan", "type": "arms_transfer", "kind": "claims"}
    html = client.get(example_site + "/search", params=params).text
    with open_store(example_store) as store:
        expected = search(store, SearchRequest("Mongolia OR Kyrgyzstan", event_type="arms_transfer", kind="claims"))
    assert expected.hits and expected.summary() in page_text(html)
    assert page_text(html).count("arms transfer") >= len(expected.hits)
    selected = [attrs.get("value") for tag, attrs in parse(html).tags if tag == "option" and "selected" in attrs]
    assert "arms_transfer" in selected and "claims" in selected


@pytest.fixture(scope="module")
def bulletins_site(serve: Serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A server over 30 hand-built bulletins: more hits than one page shows."""
    path = tmp_path_factory.mktemp("bulletins") / "bulletins.db"
    with open_store(path) as store:
        for number in range(30):
            store.write_document(build_document(number))
    return serve(path)


def test_search_page_paginates(client: httpx.Client, bulletins_site: str) -> None:
    first = client.get(bulletins_site + "/search", params={"q": "boats"}).text
    assert "60 hits in 30 documents · 1–20 shown" in page_text(first)
    following = [href for href in links(first, "/search?") if parse_qs(urlsplit(href).query).get("page") == ["2"]]
    assert following and parse_qs(urlsplit(following[0]).query)["q"] == ["boats"]
    second = client.get(bulletins_site + following[0]).text
    assert "21–40 shown" in page_text(second)
    first_hits, second_hits = links(first, "/document/"), links(second, "/document/")
    assert len(first_hits) == len(second_hits) == 20 and not set(first_hits) & set(second_hits)
    assert any(parse_qs(urlsplit(href).query).get("page") == ["1"] for href in links(second, "/search?"))
    last = client.get(bulletins_site + "/search", params={"q": "boats", "page": "3"}).text
    assert "41–60 shown" in page_text(last) and not [h for h in links(last, "/search?") if "page=4" in h]


@pytest.mark.parametrize("params", [
    {"q": '"'}, {"q": "AND("}, {"q": "-"}, {"q": "*"}, {"q": "x" * 5000}, {"q": "-armoured"},
    {"q": "armoured", "page": "zero"}, {"q": "armoured", "page": "999999999"}, {"q": "armoured", "since": "soon"},
    {"q": "armoured", "type": "invasion"}, {"q": "armoured", "entity": "nobody:here"}, {"q": "armoured", "kind": "x"},
    {"q": "armoured", "since": "2030", "until": "2020"}, {"q": "NEAR(armoured vehicles)"}, {"q": "\x00"},
])
def test_search_page_odd_input_is_a_message_not_a_failure(client: httpx.Client, example_site: str,
                                                          params: dict[str, str]) -> None:
    response = client.get(example_site + "/search", params=params)
    assert response.status_code in (200, 400), response.text[:300]
    assert 'name="q"' in response.text
    if response.status_code == 400:
        assert parse(response.text).tags and 'class="error"' in response.text


def test_search_page_escapes_hostile_documents_and_queries(client: httpx.Client, hostile_site: str) -> None:
    for query in ("alert", "script", "javascript", "armoured", "<script>alert(9)</script>"):
        response = client.get(hostile_site + "/search", params={"q": query})
        assert response.status_code == 200
        tags = parse(response.text).tags
        assert not [tag for tag, _ in tags if tag in FOREIGN_TAGS], query
        assert not [(tag, name) for tag, attrs in tags for name in attrs if name.lower().startswith("on")], query
        assert "<script" not in response.text.lower()
    found = client.get(hostile_site + "/search", params={"q": "alert"}).text
    assert "Nothing matches" not in found
    assert "&lt;script&gt;" in found or "&lt;img" in found  # the document's markup is shown as text
