from __future__ import annotations

import pytest

from claimtrace.model import Document, Segment
from claimtrace.segment.comments import split_segments

FOOTER_THREAD = """Quay notes
March 02, 2021

The cranes have not arrived. The harbour board blames the manufacturer.

Nobody at the board would say when they are now expected.

Posted by mira on March 2, 2021 at 09:14 UTC | Permalink

« previous page

They were sold to another port, I heard from a crane driver.

Posted by: harbour watcher | Mar 2 2021 11:40 utc | 41

harbour watcher 41

Nonsense. They are still at the factory, waiting for paint.

A friend works there.

Posted by: Olu | Mar 3 2021 7:05 utc | 42

Posted by: Empty Comment | Mar 3 2021 8:00 utc | 43

Last word from me: patience.

Posted by: Greta K | Mar 4 2021 22:31 utc | 44

« previous page

The comments to this entry are closed.
"""

HEADER_THREAD = """Lighthouse keeper hired

The island council has hired a keeper for the old lighthouse, the first in thirty years.

3 thoughts on “Lighthouse keeper hired”

Arvo Kask says:
June 5, 2020 at 10:12 am

About time. The light has been dark every other week.

Reply

Mia says:
June 5, 2020 at 1:47 pm

Who pays for it?
The council or the state?

Reply

Leave a Reply

Your email address will not be published. Required fields are marked *
"""

HEADING_THREAD = """Bridge tolls scrapped

The regional government scrapped the tolls on the coastal bridge from July.

Comments

Finally. I paid those tolls for twenty years.

The money should have gone to the ferry instead.

Leave a comment
"""

NO_THREAD = """Bridge tolls scrapped

The regional government scrapped the tolls on the coastal bridge from July.
The minister said the bridge had been paid for twice over.
"""

AMBIGUOUS_THREAD = """Bridge tolls scrapped

The regional government scrapped the tolls on the coastal bridge from July.

Dana
July 2, 2021
Good news for commuters.
Reply
"""

SPEECH_NOT_COMMENT = """Minister on tolls

The minister says:
"The bridge has been paid for twice over, so the toll goes."
"""

# a byline at the top opens the article; without a heading only the paragraph above a footer is a comment
TOP_BYLINE = """Harbour diary
Posted by mira on May 1, 2021 at 08:00

The new pilot boat was launched today and sailed round the breakwater twice.

Posted by: Olu | May 1 2021 9:30 utc | 1
"""


def _document(text: str) -> Document:
    return Document(name="doc", text=text, origin="doc.txt", format="txt", author="desk", published="2021-01-01")


def _described(document: Document, segments: list[Segment]) -> list[tuple[str, str | None, str | None, str]]:
    return [(s.kind, s.author, s.published, document.text[s.start : s.end]) for s in segments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FOOTER_THREAD,
            [
                ("article", "mira", "2021-03-02T09:14", FOOTER_THREAD[: FOOTER_THREAD.index("\n\nPosted by mira")]),
                (
                    "comment",
                    "harbour watcher",
                    "2021-03-02T11:40",
                    "They were sold to another port, I heard from a crane driver.",
                ),
                (
                    "comment",
                    "Olu",
                    "2021-03-03T07:05",
                    "harbour watcher 41\n\nNonsense. They are still at the factory, waiting for paint.\n\nA friend works there.",
                ),
                ("comment", "Greta K", "2021-03-04T22:31", "Last word from me: patience."),
            ],
        ),
        (
            HEADER_THREAD,
            [
                ("article", "desk", "2021-01-01", HEADER_THREAD[: HEADER_THREAD.index("\n\n3 thoughts")]),
                ("comment", "Arvo Kask", "2020-06-05T10:12", "About time. The light has been dark every other week."),
                ("comment", "Mia", "2020-06-05T13:47", "Who pays for it?\nThe council or the state?"),
            ],
        ),
        (
            HEADING_THREAD,
            [
                ("article", "desk", "2021-01-01", HEADING_THREAD[: HEADING_THREAD.index("\n\nComments")]),
                (
                    "comment",
                    None,
                    None,
                    "Finally. I paid those tolls for twenty years.\n\nThe money should have gone to the ferry instead.",
                ),
            ],
        ),
        (
            TOP_BYLINE,
            [
                ("article", "mira", "2021-05-01T08:00", "Harbour diary"),
                (
                    "comment",
                    "Olu",
                    "2021-05-01T09:30",
                    TOP_BYLINE[TOP_BYLINE.index("The new pilot") : TOP_BYLINE.index("\n\nPosted by: Olu")],
                ),
            ],
        ),
    ],
)
def test_split_segments_finds_article_and_each_comment(
    text: str, expected: list[tuple[str, str | None, str | None, str]]
) -> None:
    document = _document(text)
    assert _described(document, split_segments(document)) == expected


@pytest.mark.parametrize("text", [NO_THREAD, AMBIGUOUS_THREAD, SPEECH_NOT_COMMENT, "One line only"])
def test_split_segments_gives_one_article_segment_without_thread(text: str) -> None:
    document = _document(text)
    [segment] = split_segments(document)
    assert (segment.kind, segment.start, segment.end, segment.author, segment.published) == (
        "article",
        0,
        len(text),
        "desk",
        "2021-01-01",
    )


@pytest.mark.parametrize("text", [FOOTER_THREAD, HEADER_THREAD, HEADING_THREAD, TOP_BYLINE])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_split_segments_spans_are_ordered_disjoint_and_exclude_markers(text: str, newline: str) -> None:
    document = _document(text.replace("\n", newline))
    segments = split_segments(document)
    assert len(segments) >= 2
    for before, after in zip(segments, segments[1:], strict=False):
        assert before.end <= after.start
    for segment in segments[1:]:
        body = document.text[segment.start : segment.end]
        assert body == body.strip()
        assert "Posted by" not in body and "says:" not in body and "Leave a" not in body
        assert "previous page" not in body and not body.endswith("Reply")


def test_split_segments_ids_are_stable() -> None:
    first = split_segments(_document(FOOTER_THREAD))
    second = split_segments(_document(FOOTER_THREAD))
    assert [s.id for s in first] == [s.id for s in second]
    assert len({s.id for s in first}) == len(first)
