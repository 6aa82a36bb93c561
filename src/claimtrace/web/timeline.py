"""The timeline page: dated stories on a time axis, an imprecise date drawn as the range it covers.

The page is a plain list of stories in date order; ``static/timeline.js``
draws the same stories with vis-timeline from the page's JSON data block
(one row per event type, coloured by whether the story is asserted, denied
or disputed, filters by type and entity). ``/api/timeline.json`` answers the
same data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse

from claimtrace.model import EventClaim, Story
from claimtrace.store import Store, visual_queries, web_queries
from claimtrace.web.pages import Links, Page, Site, respond, site_of

router = APIRouter()

STORIES_SHOWN = 1000  # the stories with most claims; a drawing of more is unreadable and slow
TIME_TEXTS_SHOWN = 4
_PREFIX = re.compile(r"(?P<decade>\d{3})(?P<year>\d)?(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """The days a time covers: from ``start`` up to (not including) ``end``, and how precisely it is known."""

    start: date
    end: date
    precision: str  # "day", "month", "year" or "decade"


@dataclass(frozen=True, slots=True)
class TimelineStory:
    """One story as the timeline draws it."""

    story: Story
    span: TimeSpan
    asserts: int
    denies: int
    time_texts: list[str]  # the words the claims used ("early March", "this month")
    entity_keys: list[str]  # its parties, as entities

    @property
    def stance(self) -> str:
        """Whether its claims say it happened ("asserted"), say it did not ("denied"), or both ("disputed")."""
        if self.denies == 0:
            return "asserted"
        return "denied" if self.asserts == 0 else "disputed"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The stories drawn (earliest first), the names of their parties, and how many stories there are."""

    stories: list[TimelineStory]
    entities: dict[str, str]  # entity key -> name
    dated: int
    undated: int


def prefix_span(prefix: str | None) -> TimeSpan | None:
    """The days an ISO prefix covers ("2024-03": March 2024, "199": the 1990s); None for anything else."""
    match = _PREFIX.fullmatch(prefix or "")
    if match is None:
        return None
    try:
        if match["year"] is None:
            start = int(match["decade"]) * 10
            return TimeSpan(date(start, 1, 1), date(start + 10, 1, 1), "decade")
        year = int(match["decade"] + match["year"])
        if match["month"] is None:
            return TimeSpan(date(year, 1, 1), date(year + 1, 1, 1), "year")
        month = int(match["month"])
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        if match["day"] is None:
            return TimeSpan(date(year, month, 1), following, "month")
        day = date(year, month, int(match["day"]))
        return TimeSpan(day, date.fromordinal(day.toordinal() + 1), "day")
    except ValueError:  # month 13, February 30, year 0 ...
        return None


def story_span(story: Story, claims: list[EventClaim]) -> TimeSpan | None:
    """The story's agreed time, stretched to the last end a claim within it gives ("from March to May")."""
    span = prefix_span(story.time)
    if span is None:
        return None
    end = span.end
    for claim in claims:
        start, until = prefix_span(claim.time), prefix_span(claim.time_end)
        if start is not None and until is not None and span.start <= start.start < span.end:
            end = max(end, until.end)
    return TimeSpan(span.start, end, span.precision)


def build_timeline(store: Store, limit: int = STORIES_SHOWN) -> Timeline:
    """The ``limit`` dated stories with most claims, earliest first, with what the timeline shows of each."""
    stories = store.stories_by_id(visual_queries.dated_story_ids(store, limit))
    claims = {claim.id: claim for claim in store.event_claims_by_id({i for s in stories for i in s.claim_ids})}
    members = {key for claim in claims.values() for key in claim.argument_keys.values()}
    entity_of = web_queries.entity_keys(store, members)
    drawn = []
    for story in stories:
        own = [claims[i] for i in story.claim_ids if i in claims]
        span = story_span(story, own)
        if span is None:
            continue
        texts = list(dict.fromkeys(c.time_text for c in own if c.time_text))[:TIME_TEXTS_SHOWN]
        parties = dict.fromkeys(entity_of[k] for c in own for k in c.argument_keys.values() if k in entity_of)
        drawn.append(TimelineStory(story, span, sum(c.polarity == "positive" for c in own),
                                   sum(c.polarity == "negative" for c in own), texts, list(parties)))
    drawn.sort(key=lambda s: (s.span.start, s.span.end, s.story.label, s.story.id))
    names = visual_queries.entity_names(store, {key for s in drawn for key in s.entity_keys})
    dated, undated = visual_queries.story_time_counts(store)
    return Timeline(drawn, names, dated, undated)


def timeline_data(timeline: Timeline, links: Links) -> dict[str, Any]:
    """The timeline as the page's script reads it (and ``/api/timeline.json`` answers)."""
    types = sorted({s.story.type for s in timeline.stories})
    return {
        "stories": [{
            "id": s.story.id, "label": s.story.label, "type": s.story.type, "time": s.story.time,
            "start": s.span.start.isoformat(), "end": s.span.end.isoformat(), "precision": s.span.precision,
            "time_texts": s.time_texts, "stance": s.stance, "asserts": s.asserts, "denies": s.denies,
            "entities": s.entity_keys, "url": links.story(s.story.id)} for s in timeline.stories],
        "types": [{"id": name, "label": name.replace("_", " ")} for name in types],
        "entities": [{"key": key, "name": name}
                     for key, name in sorted(timeline.entities.items(), key=lambda item: (item[1].lower(), item[0]))],
        "dated": timeline.dated, "undated": timeline.undated, "shown": len(timeline.stories),
    }


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    return respond(request, timeline_content(site_of(request)))


@router.get("/api/timeline.json")
def timeline_json(request: Request) -> JSONResponse:
    site = site_of(request)
    with site.store() as store:
        timeline = build_timeline(store)
    return JSONResponse(timeline_data(timeline, site.links))


def timeline_content(site: Site) -> Page:
    """The timeline page: the list of dated stories, and their data for the drawing."""
    with site.store() as store:
        timeline = build_timeline(store)
    return Page("timeline.html", "Timeline", {"timeline": timeline, "data": timeline_data(timeline, site.links)})
