"""``claimtrace story`` on the terminal: the story found by id prefix, its contradictions and no one else's."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claimtrace.model import Contradiction, Story
from claimtrace.show.terminal import find_story, print_story
from claimtrace.store import Store
from tests.store.conftest import build_document

IDS = ("3f2a01c", "3f2a02d", "3f2b9e")


def linked(store: Store) -> list[Story]:
    """Three stories over the claims of two documents, with a contradiction in two of them."""
    documents = [build_document(number) for number in (1, 3)]
    for document in documents:
        store.write_document(document)
    claims = sorted(claim.id for document in documents for claim in document.event_claims)
    stories = [Story(IDS[0], "arms_transfer", "Boats to Suderia", claims[:3]),
               Story(IDS[1], "arms_transfer", "Boats again", claims[3:5]),
               Story(IDS[2], "arms_transfer", "A lone claim", claims[5:])]
    contradictions = [Contradiction(IDS[0], claims[1], claims[2], "tension", "They differ on the date."),
                      Contradiction(IDS[0], claims[0], claims[1], "contradiction", "Suderia denies the delivery."),
                      Contradiction(IDS[1], claims[3], claims[4], "contradiction", "Another story's quarrel.")]
    store.replace_story_layer(stories, contradictions, {})
    return stories


def test_find_story_by_whole_id_or_unique_prefix(store: Store) -> None:
    stories = linked(store)
    assert find_story(store, IDS[0]) == stories[0]
    assert find_story(store, "3f2a01") == stories[0]
    assert find_story(store, "3f2a02") == stories[1]
    assert find_story(store, "3f2b") == stories[2]


@pytest.mark.parametrize("key", ["3f2a", "3f", "", "3f2c", "3f2a01cx", "4", "3F2B"])
def test_find_story_ambiguous_or_unknown_prefix_named(store: Store, key: str) -> None:
    linked(store)
    with pytest.raises(SystemExit, match=rf"no single story matches {key!r}; list them with 'claimtrace stories'"):
        find_story(store, key)


def test_print_story_shows_its_own_contradictions_in_claim_order(store: Store) -> None:
    linked(store)
    console = Console(file=io.StringIO(), width=200)
    summary = print_story(console, store, "3f2a01")
    output = console.file.getvalue()
    assert summary.startswith(f"{IDS[0]}: 3 claims")
    assert "Another story's quarrel" not in output
    assert output.index("Suderia denies the delivery.") < output.index("They differ on the date.")
