"""What schema.org and fact-check readers expect of a ClaimReview, as checks the export tests share."""

from __future__ import annotations

import re
from typing import Any

from claimtrace.export.claimreview import web_url
from claimtrace.link.confidence import CREDIBILITY_WORDS

# schema.org properties of the types a review uses, with the JSON types their values may take
# (https://schema.org/ClaimReview, /Claim, /Rating, /CreativeWork); a node of a type not listed fails the check.
NODE = dict
PROPERTIES: dict[str, dict[str, tuple[type, ...]]] = {
    "ClaimReview": {"claimReviewed": (str,), "itemReviewed": (NODE,), "reviewRating": (NODE,), "author": (NODE,),
                    "datePublished": (str,), "url": (str,), "identifier": (str,)},
    "Claim": {"appearance": (list,), "author": (list,), "datePublished": (str,)},
    "Rating": {"ratingValue": (int,), "bestRating": (int,), "worstRating": (int,), "alternateName": (str,),
               "ratingExplanation": (str,)},
    "CreativeWork": {"name": (str,), "url": (str,), "datePublished": (str,), "publisher": (NODE,)},
    "Organization": {"name": (str,)},
    "Person": {"name": (str,)},
}
REQUIRED = {"ClaimReview": {"claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished"},
            "Claim": {"appearance", "author"}, "Rating": {"alternateName", "bestRating", "worstRating"},
            "CreativeWork": {"name"}, "Organization": {"name"}, "Person": {"name"}}
EXPECTED = {("ClaimReview", "itemReviewed"): {"Claim"}, ("ClaimReview", "reviewRating"): {"Rating"},
            ("ClaimReview", "author"): {"Organization"}, ("Claim", "appearance"): {"CreativeWork"},
            ("Claim", "author"): {"Organization", "Person"}, ("CreativeWork", "publisher"): {"Organization"}}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_node(node: dict[str, Any], kind: str) -> None:
    """Fail unless ``node`` is a schema.org ``kind`` with known properties of the right types, nested alike."""
    assert node.get("@type") == kind, node
    properties = set(node) - {"@type", "@context"}
    assert REQUIRED[kind] <= properties, (kind, REQUIRED[kind] - properties)
    assert properties <= set(PROPERTIES[kind]), (kind, properties - set(PROPERTIES[kind]))
    for name in properties:
        value = node[name]
        assert isinstance(value, PROPERTIES[kind][name]), (kind, name, value)
        assert value not in ("", [], {}), (kind, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                assert item["@type"] in EXPECTED[(kind, name)], (kind, name, item["@type"])
                check_node(item, item["@type"])
        if name == "datePublished":
            assert ISO_DATE.match(value), value
        if name == "url":
            assert web_url(value) == value, value


def check_review(review: dict[str, Any]) -> None:
    check_node(review, "ClaimReview")
    rating = review["reviewRating"]
    assert rating["worstRating"] < rating["bestRating"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    code, words = rating["alternateName"].split(" — ")
    assert re.fullmatch(r"[A-F][1-6]", code) and words == CREDIBILITY_WORDS[int(code[1])]
    assert rating["ratingExplanation"].startswith(code)
