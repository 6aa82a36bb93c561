from __future__ import annotations

import pytest

from claimtrace.read.metadata import TextMetadata, extract_metadata

HEADLINE_AND_DATE = """Ferry operator orders two new hulls
4 February 2019

The regional ferry company said on Monday that it had signed for two vessels.
"""
DATE_ABOVE_TITLE = """Harbour Weekly
March 03, 2019

Dredging resumes in the outer basin

Work stopped in January when the contractor's barge broke down.
"""
BYLINE_AT_END = """Notes from the quay

The crane was finally delivered, three years late, and nobody seems to know why.

Posted by mira on April 2, 2021 at 09:14 UTC | Permalink
"""
BY_LINE = """Ferry fares to rise in spring
By Johan Ekdahl | 2020-10-12

Fares on the island route will rise by a tenth, the operator said.
"""
ABOUT_BOX = """Port cranes, explained

A short guide to how container cranes are bought and installed.

About Laila Mansour

Writes on shipping and ports for regional papers.
"""
COPYRIGHT = """The operator declined to comment on the delay.

© 2021, Harbour Weekly. All rights reserved. Reproduction without permission is prohibited.
"""
BODY_ONLY = (
    "The operator said on 5 March 2018 that the route would close, after the ministry refused to extend "
    "the subsidy that had kept it running for a decade.\nNobody expected the decision.\n"
)
MARKDOWN = """# Ferry timetable changes

_Island Post, 2 June 2022_

Summer sailings start a week later this year.
"""
ABOUT_US = """Ferry news

About Us

We are a small team of volunteers.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADLINE_AND_DATE, TextMetadata(title="Ferry operator orders two new hulls", published="2019-02-04")),
        (DATE_ABOVE_TITLE, TextMetadata(title="Dredging resumes in the outer basin", published="2019-03-03")),
        (BYLINE_AT_END, TextMetadata(title="Notes from the quay", author="mira", published="2021-04-02")),
        (BY_LINE, TextMetadata(title="Ferry fares to rise in spring", author="Johan Ekdahl", published="2020-10-12")),
        (ABOUT_BOX, TextMetadata(title="Port cranes, explained", author="Laila Mansour")),
        (COPYRIGHT, TextMetadata(outlet="Harbour Weekly")),
        (BODY_ONLY, TextMetadata()),
        (ABOUT_US, TextMetadata(title="Ferry news")),
        (MARKDOWN, TextMetadata(title="Ferry timetable changes", published="2022-06-02")),
    ],
)
def test_extract_metadata_takes_only_what_the_text_states(text: str, expected: TextMetadata) -> None:
    assert extract_metadata(text) == expected


def test_title_is_never_looked_for_past_the_first_paragraph():
    text = ("An opening line far too long to be the title of any report, since it goes on and on about the border "
            "and the convoys and more\n\nMarch 2, 2024\n\n"
            "The ministry said on Monday that no armoured vehicles\nwere sold. Reporters wrote otherwise.\n\n"
            "Comments\n\nThe ministry is lying.\n")
    assert extract_metadata(text).title is None
