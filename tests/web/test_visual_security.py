"""Names full of markup reach the timeline and the graph only as escaped text and as inert JSON."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from .reading import data_block, page_text, parse
from .visual_corpus import FREEDONIA, MINISTRY, RURITANIA, write_visual_store

PAGES = {"/timeline": "timeline-data", "/graph": "graph-data"}


@pytest.fixture(scope="module")
def visual_site(serve: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(write_visual_store(tmp_path_factory.mktemp("visual") / "visual.db"))


@pytest.mark.parametrize("path", sorted(PAGES))
def test_visual_hostile_names_are_text_in_the_page(client: httpx.Client, visual_site: str, path: str) -> None:
    html = client.get(visual_site + path).text
    tags = parse(html).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert all((attrs.get("src") or "").startswith("/static/") or attrs == {"type": "application/json",
                                                                           "id": PAGES[path]} for attrs in scripts)
    assert html.lower().count("</script>") == len(scripts)  # no name closes a script element early
    assert not [tag for tag, _ in tags if tag in {"img", "b", "svg", "iframe"}]
    assert not [name for _, attrs in tags for name in attrs if name.lower().startswith("on")]
    assert "<!--" not in html
    text = page_text(html)
    for name in (RURITANIA, FREEDONIA) + ((MINISTRY,) if path == "/graph" else ()):
        assert name in text  # shown to the analyst as the name it is


@pytest.mark.parametrize("path", sorted(PAGES))
def test_visual_hostile_names_survive_the_json_exactly(client: httpx.Client, visual_site: str, path: str) -> None:
    html = client.get(visual_site + path).text
    data = data_block(html, PAGES[path])
    api = client.get(visual_site + "/api" + path + ".json")
    assert api.headers["content-type"].startswith("application/json") and api.json() == data
    if path == "/timeline":
        (story,) = data["stories"]
        assert RURITANIA in story["label"] and FREEDONIA in story["label"] and story["stance"] == "disputed"
        assert {e["name"] for e in data["entities"]} == {RURITANIA, FREEDONIA}
    else:
        assert {n["label"] for n in data["nodes"]} == {RURITANIA, FREEDONIA, MINISTRY}
        assert {(e["kind"], e["asserts"], e["denies"]) for e in data["edges"]} == {
            ("statement", 1, 0), ("statement", 0, 1), ("event", 1, 1)}
