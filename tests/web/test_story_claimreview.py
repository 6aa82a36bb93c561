"""The story page carries its ClaimReview as JSON-LD: data for search engines that no document text can break out of."""

from __future__ import annotations

import json
import re

import httpx

from tests.export.schema_org import check_review

from .reading import links

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _story_pages(client: httpx.Client, site: str) -> dict[str, httpx.Response]:
    return {href: client.get(site + href) for href in links(client.get(site + "/").text, "/story/")}


def test_story_page_embeds_its_claimreview(client: httpx.Client, example_site: str) -> None:
    pages = _story_pages(client, example_site)
    assert pages
    for href, response in pages.items():
        blocks = JSON_LD.findall(response.text)
        assert len(blocks) == 1, href
        review = json.loads(blocks[0])
        assert review["@context"] == "https://schema.org"
        check_review(review)
        assert href == f"/story/{review['identifier']}"
        code = review["reviewRating"]["alternateName"].split(" — ")[0]
        assert f'<span class="rating big">{code}</span>' in response.text  # the rating the page shows


def test_story_page_json_ld_escapes_hostile_text(client: httpx.Client, hostile_site: str) -> None:
    decoded = []
    for href, response in _story_pages(client, hostile_site).items():
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy  # the data block needs no exception
        for block in JSON_LD.findall(response.text):
            assert not {"<", ">", "&"} & set(block), href  # no "</script>", no comment or entity trick
            decoded.append(json.loads(block))
    text = json.dumps(decoded, ensure_ascii=False)
    assert "<script>" in text  # hostile titles and sources did reach the reviews, and only as escaped data
