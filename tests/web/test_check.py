"""Check a claim in the browser's terms: the form, and the documents that bear on the claim."""

from __future__ import annotations

import httpx

from .reading import links, page_text


def test_check_page_ranks_documents_on_a_typed_claim(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/check",
                          params={"claim": "Mongolia delivered armoured vehicles to Kyrgyzstan"})
    assert response.status_code == 200
    text = page_text(response.text)
    assert "Check a claim" in text
    documents = links(response.text, "/document/")
    assert documents, "some stored document bears on the claim"
    assert any(stance in text for stance in ("agree", "disagree", "discuss"))
    assert client.get(example_site + documents[0]).status_code == 200


def test_check_page_escapes_the_typed_claim(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/check", params={"claim": '<script>alert(1)</script> sold tanks'})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text


def test_check_page_without_a_claim_shows_the_form(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/check")
    assert response.status_code == 200 and 'name="claim"' in response.text
