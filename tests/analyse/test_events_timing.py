"""When an event happened: its own time expression, not the reporting frame's or a dateline's."""

from __future__ import annotations

import pytest

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Document, EventClaim, Segment

PUBLISHED = "2023-03-15"  # a Wednesday


def claims_of(resources, text: str) -> list[EventClaim]:
    document = Document(name="wire", text=text, origin="test", format="txt", published=PUBLISHED)
    document.segments = [Segment(document.id, "article", 0, len(text), published=PUBLISHED)]
    analysis = find_attributions(find_mentions(Analysis(document, parse_segments([document])[0], resources)))
    return find_event_claims(analysis).document.event_claims


@pytest.mark.parametrize(("text", "time", "time_text"), [
    # a dateline or heading line above the paragraph dates nothing in it
    ("March 2, 2023\nChile sold rifles to Peru, officials said.", "2023", None),
    ("BOGOTA, Feb. 20\nColombia delivered armoured vehicles to Ecuador.", "2023", None),
    # the reporting verb's time modifier belongs to the report
    ("Officials said on Tuesday that Chile had sold rifles to Peru.", "2023", None),
    ("The army on Friday denied that Georgia had received drones from Turkey.", "2023", None),
    ("Channels reported on Monday that Jordan had delivered rifles to Iraq in early February.",
     "2023-02", "early February"),
    # an event still to come is dated by its announcement
    ("Hungary announced on Monday it will suspend arms exports to Serbia.", "2023-03-13", "Monday"),
    ("The embassy announced on Friday details of a planned protest in Quito.", "2023-03-10", "Friday"),
    # an event named as what a reporting verb announces shares its day
    ("Peru on Monday announced a ban on arms exports to Chile.", "2023-03-13", "Monday"),
])
def test_event_time_skips_the_reporting_frame_and_datelines(resources, text, time, time_text):
    claims = claims_of(resources, text)
    assert claims, text
    assert [(c.time, c.time_text) for c in claims] == [(time, time_text)] * len(claims)
