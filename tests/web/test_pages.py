"""The pages as an analyst uses them: from the overview to a story, its documents and their entities."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from claimtrace.store import open_store

from .reading import links, page_text, parse


def test_pages_overview_counts_and_lists(client: httpx.Client, example_site: str, example_store: Path) -> None:
    response = client.get(example_site + "/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    text = page_text(response.text)
    with open_store(example_store) as store:
        counts = store.counts()
        names = [row.name for row in store.documents()]
    assert f"{counts['documents']} documents" in text and f"{counts['stories']} stories" in text
    for heading in ("Most contested stories", "Recent documents", "Rejected inputs"):
        assert heading in text
    assert all(name in text for name in names)


def test_pages_overview_lists_disputed_stories_first(client: httpx.Client, example_site: str,
                                                      example_store: Path) -> None:
    html = client.get(example_site + "/").text
    with open_store(example_store) as store:
        disputed = {c.story_id for c in store.contradictions() if c.kind == "contradiction"}
    stories = [href.removeprefix("/story/") for href in links(html, "/story/")]
    assert disputed and set(stories[: len(disputed)]) == disputed


def test_pages_overview_shows_rejected_inputs(client: httpx.Client, hostile_site: str) -> None:
    text = page_text(client.get(hostile_site + "/").text)
    assert "empty.txt" in text and "empty input" in text


def test_pages_click_from_overview_to_story_document_and_entity(client: httpx.Client, example_site: str) -> None:
    overview = client.get(example_site + "/").text
    story_href = links(overview, "/story/")[0]  # the most contested story
    story = client.get(example_site + story_href)
    assert story.status_code == 200
    text = page_text(story.text)
    assert "Asserts it" in text and "Denies it" in text and "contradiction" in text
    assert "for 'it happened'" in text or "for 'it did not happen'" in text  # the rating's explanation
    claim_links = links(story.text, "/document/")
    assert claim_links and all("#claim-" in href for href in claim_links)

    document_href, anchor = claim_links[0].split("#")
    document = client.get(example_site + document_href)
    assert document.status_code == 200
    ids = {attrs.get("id") for _, attrs in parse(document.text).tags}
    assert anchor in ids  # the story's link lands on the claim's evidence

    entity_href = links(document.text, "/entity/")[0]
    entity = client.get(example_site + entity_href)
    assert entity.status_code == 200
    text = page_text(entity.text)
    for heading in ("Names and spellings", "What it said", "What is said about it", "Its stories"):
        assert heading in text


def test_pages_story_puts_assertions_and_denials_side_by_side(client: httpx.Client, example_site: str,
                                                              example_store: Path) -> None:
    with open_store(example_store) as store:
        story_id = next(c.story_id for c in store.contradictions() if c.kind == "contradiction")
        story = store.story(story_id)
        claims = store.event_claims_by_id(story.claim_ids)
    html = client.get(f"{example_site}/story/{story_id}").text
    asserting = html[html.index('class="side asserting"'):html.index('class="side denying"')]
    denying = html[html.index('class="side denying"'):]
    for claim in claims:
        side = asserting if claim.polarity == "positive" else denying
        assert f"#claim-{claim.id}" in side
        assert claim.certainty in side


def test_pages_document_shows_comments_with_authors_and_duplicates(client: httpx.Client, example_site: str,
                                                                  example_store: Path) -> None:
    with open_store(example_store) as store:
        document = next(d for d in store.load_documents()
                        if any(s.kind == "comment" and s.duplicate_of for s in d.segments))
    html = client.get(f"{example_site}/document/{document.id}").text
    comments = [attrs for tag, attrs in parse(html).tags if tag == "aside"]
    assert len(comments) == sum(s.kind == "comment" for s in document.segments)
    text = page_text(html)
    for segment in document.segments:
        if segment.kind == "comment":
            assert f"comment by {segment.author}" in text
    assert "duplicate" in text


def test_pages_document_highlights_mentions_attributions_and_claims(client: httpx.Client, example_site: str,
                                                                   example_store: Path) -> None:
    with open_store(example_store) as store:
        document = max(store.load_documents(), key=lambda d: len(d.event_claims) + len(d.attributions))
    tags = parse(client.get(f"{example_site}/document/{document.id}").text).tags
    classes = {word for _, attrs in tags for word in (attrs.get("class") or "").split()}
    assert {"mention", "content", "cue", "evidence", "trigger"} <= classes
    ids = {attrs.get("id") for _, attrs in tags}
    assert {f"claim-{c.id}" for c in document.event_claims} <= ids
    assert {f"attr-{a.id}" for a in document.attributions} <= ids


def test_pages_entity_dossier_of_a_state(client: httpx.Client, example_site: str) -> None:
    text = page_text(client.get(example_site + "/entity/country%3AMN").text)
    assert "Mongolia" in text and "arms transfer" in text
    assert "Mongolian" in text  # a spelling: the demonym


@pytest.mark.parametrize("path", ["/story/nope", "/document/nope", "/entity/nope%3Anothing"])
def test_pages_unknown_ids_are_not_found(client: httpx.Client, example_site: str, path: str) -> None:
    response = client.get(example_site + path)
    assert response.status_code == 404 and "Not found" in response.text


def test_pages_register_rows_link_to_their_sources(client: httpx.Client, example_site: str) -> None:
    html = client.get(example_site + "/register").text
    rows = [attrs for tag, attrs in parse(html).tags if tag == "tr" and "status-" in (attrs.get("class") or "")]
    assert rows
    assert all("#claim-" in href for href in links(html, "/document/"))
    assert len(links(html, "/document/")) >= len(rows)
    csv = client.get(example_site + "/register.csv")
    assert csv.text.splitlines()[0].startswith("story,supplier,recipient,item,quantity,date,status")
    assert len(csv.text.splitlines()) == len(rows) + 1


@pytest.mark.parametrize("page", ["0", "two", "99", "1e3"])
def test_pages_register_says_which_pages_it_has(client: httpx.Client, example_site: str, page: str) -> None:
    response = client.get(example_site + "/register", params={"page": page})
    assert response.status_code == 400
    assert f"no register page &#39;{page}&#39;: the register has pages 1 to 1" in response.text
    assert client.get(example_site + "/register", params={"page": "1"}).status_code == 200


def test_pages_static_css_and_icon_are_served_locally(client: httpx.Client, example_site: str) -> None:
    html = client.get(example_site + "/").text
    links = {attrs["rel"]: attrs["href"] for tag, attrs in parse(html).tags if tag == "link"}
    assert links == {"stylesheet": "/static/style.css", "icon": "/static/favicon.svg"}
    assert client.get(example_site + "/static/style.css").status_code == 200
    icon = client.get(example_site + "/static/favicon.svg")
    assert icon.status_code == 200 and icon.text.startswith("<svg")
    assert "http" not in html.split("<main>")[0].replace('http-equiv', '')
