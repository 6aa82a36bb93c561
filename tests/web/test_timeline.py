"""The timeline page: dated stories in date order, imprecise dates as ranges, every item linked to its story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from claimtrace.model import EventClaim, Story
from claimtrace.store import open_store
from claimtrace.web.timeline import TimeSpan, prefix_span, story_span

from .reading import data_block, links, parse


@pytest.mark.parametrize("prefix, expected", [
    ("2024-03-20", TimeSpan(date(2024, 3, 20), date(2024, 3, 21), "day")),
    ("2024-03", TimeSpan(date(2024, 3, 1), date(2024, 4, 1), "month")),
    ("2023-12", TimeSpan(date(2023, 12, 1), date(2024, 1, 1), "month")),
    ("2024", TimeSpan(date(2024, 1, 1), date(2025, 1, 1), "year")),
    ("199", TimeSpan(date(1990, 1, 1), date(2000, 1, 1), "decade")),
    ("2024-13", None), ("2023-02-30", None), ("0000", None), ("soon", None), ("", None), (None, None)])
def test_timeline_prefix_span_covers_what_the_prefix_says(prefix: str | None, expected: TimeSpan | None) -> None:
    assert prefix_span(prefix) == expected


def _claim(time: str | None, time_end: str | None, start: int) -> EventClaim:
    return EventClaim(doc_id="d1", type="military_training", evidence=(start, start + 10), trigger=(start, start + 3),
                      source="AUTHOR", source_type="author", time=time, time_end=time_end)


def test_timeline_story_span_stretches_to_the_end_a_claim_gives() -> None:
    story = Story(id="s1", type="military_training", label="training", claim_ids=[], time="2024-03")
    within = _claim("2024-03", "2024-05", 0)  # "from March to May 2024"
    elsewhere = _claim("2025-01", "2025-06", 20)  # starts outside the story's time: no stretch
    assert story_span(story, [within, elsewhere]) == TimeSpan(date(2024, 3, 1), date(2024, 6, 1), "month")
    assert story_span(story, [elsewhere]) == prefix_span("2024-03")
    assert story_span(Story(id="s2", type="meeting", label="undated", claim_ids=[]), [within]) is None


def test_timeline_page_lists_every_dated_story_in_date_order(client: httpx.Client, example_site: str,
                                                              example_store: Path) -> None:
    response = client.get(example_site + "/timeline")
    assert response.status_code == 200
    with open_store(example_store) as store:
        stories = store.stories()
    dated = {story.id: story for story in stories if story.time}
    listed = [href.removeprefix("/story/") for href in links(response.text, "/story/")]
    assert dated and sorted(listed) == sorted(dated)
    starts = [prefix_span(dated[story_id].time) for story_id in listed]
    assert [span.start for span in starts if span] == sorted(span.start for span in starts if span)
    for href in links(response.text, "/story/"):
        assert client.get(example_site + href).status_code == 200


def test_timeline_json_describes_each_story_from_its_claims(client: httpx.Client, example_site: str,
                                                             example_store: Path) -> None:
    data = client.get(example_site + "/api/timeline.json").json()
    with open_store(example_store) as store:
        stories = {story.id: story for story in store.stories()}
        entity_keys = {entity.key for entity in store.entities()}
        items = data["stories"]
        assert data["shown"] == len(items) == data["dated"] == sum(bool(s.time) for s in stories.values())
        assert data["undated"] == len(stories) - data["dated"]
        for item in items:
            story = stories[item["id"]]
            claims = store.event_claims_by_id(story.claim_ids)
            span = story_span(story, claims)
            assert span is not None and (item["start"], item["end"]) == (span.start.isoformat(), span.end.isoformat())
            assert item["url"] == f"/story/{story.id}" and item["label"] == story.label
            assert (item["asserts"], item["denies"]) == (sum(c.polarity == "positive" for c in claims),
                                                         sum(c.polarity == "negative" for c in claims))
            expected = {(True, False): "asserted", (False, True): "denied", (True, True): "disputed"}
            assert item["stance"] == expected[(item["asserts"] > 0, item["denies"] > 0)]
            assert set(item["entities"]) <= entity_keys
    assert {item["stance"] for item in items} >= {"asserted", "disputed"}  # the example corpus disputes a transfer
    assert {t["id"] for t in data["types"]} == {item["type"] for item in items}
    assert {e["key"] for e in data["entities"]} == {key for item in items for key in item["entities"]}


def test_timeline_page_carries_the_same_data_as_the_api(client: httpx.Client, example_site: str) -> None:
    html = client.get(example_site + "/timeline").text
    assert data_block(html, "timeline-data") == client.get(example_site + "/api/timeline.json").json()


def test_timeline_page_loads_its_scripts_from_this_server(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/timeline")
    tags = parse(response.text).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    sources = [attrs["src"] or "" for attrs in scripts if "src" in attrs]
    assert [attrs for attrs in scripts if "src" not in attrs] == [{"type": "application/json", "id": "timeline-data"}]
    assert any(src.endswith("vis-timeline-graph2d.min.js") for src in sources) and "/static/timeline.js" in sources
    sheets = [attrs.get("href") or "" for tag, attrs in tags if tag == "link"]
    for url in sources + sheets:
        assert url.startswith("/static/"), url
        assert client.get(example_site + url).status_code == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert any(attrs.get("id") == "timeline" for _, attrs in tags)  # where the script draws


def test_timeline_is_in_the_navigation(client: httpx.Client, example_site: str) -> None:
    assert "/timeline" in links(client.get(example_site + "/").text, "/")
