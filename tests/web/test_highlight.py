"""Cutting a document's text into highlighted pieces: overlaps, anchors, comments, text kept whole."""

from __future__ import annotations

import pytest

from claimtrace.model import Attribution, Document, EventClaim, Mention, Segment
from claimtrace.web.highlight import Mark, blocks, document_marks

TEXT = "Officials in Ulaanbaatar denied that rifles were sold.\nReader: they were sold."


def _document() -> Document:
    document = Document(name="note", text=TEXT, origin="note.txt", format="txt")
    doc_id = document.id
    comment_start = TEXT.index("Reader")
    document.segments = [Segment(doc_id, "article", 0, comment_start - 1),
                         Segment(doc_id, "comment", comment_start, len(TEXT), author="Reader", published="2024-05-01")]
    city = TEXT.index("Ulaanbaatar")
    document.mentions = [Mention(city, city + 11, "Ulaanbaatar", "CAPITAL", "country:MN", "Mongolia", "place")]
    content = (TEXT.index("rifles"), TEXT.index("sold.") + 4)
    document.attributions = [Attribution(doc_id, content, "Officials", "unnamed", "denied",
                                         (TEXT.index("denied"), TEXT.index("denied") + 6), "negative",
                                         source_span=(0, 24))]
    document.event_claims = [EventClaim(doc_id, "arms_transfer", (0, TEXT.index(".") + 1),
                                        (TEXT.index("sold"), TEXT.index("sold") + 4), "Officials", "unnamed",
                                        polarity="negative", arguments={"item": "rifles"})]
    return document


def test_highlight_pieces_keep_the_text_whole() -> None:
    document = _document()
    found = blocks(document, document_marks(document, {"country:MN": "/entity/country%3AMN"}))
    assert "".join(piece.text for block in found for piece in block.pieces) == TEXT


def test_highlight_overlapping_marks_share_a_piece() -> None:
    document = _document()
    pieces = [p for b in blocks(document, document_marks(document, {"country:MN": "/e/MN"})) for p in b.pieces]
    city = next(piece for piece in pieces if piece.text == "Ulaanbaatar")
    assert set(city.classes.split()) >= {"mention", "source", "evidence", "negative"}
    assert city.href == "/e/MN" and "Mongolia (place)" in city.title


def test_highlight_anchors_sit_at_the_start_of_claims_and_attributions() -> None:
    document = _document()
    pieces = [p for b in blocks(document, document_marks(document, {})) for p in b.pieces]
    claim_id, attribution_id = document.event_claims[0].id, document.attributions[0].id
    assert f"claim-{claim_id}" in pieces[0].anchors
    anchored = next(piece for piece in pieces if f"attr-{attribution_id}" in piece.anchors)
    assert anchored.text.startswith("rifles")


def test_highlight_comments_are_their_own_blocks() -> None:
    document = _document()
    found = blocks(document, document_marks(document, {}))
    assert [b.is_comment for b in found] == [False, False, True]  # article, the newline between, the comment
    assert found[2].segment is not None and found[2].segment.author == "Reader"


@pytest.mark.parametrize("mark", [Mark(-1, 3, "mention", "x"), Mark(5, 500, "mention", "x")])
def test_highlight_marks_outside_the_text_are_left_out(mark: Mark) -> None:
    document = Document(name="d", text="short text", origin="d.txt", format="txt")
    found = blocks(document, [mark])
    assert [piece.classes for block in found for piece in block.pieces] == [""]
