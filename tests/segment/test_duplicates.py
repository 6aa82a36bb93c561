from __future__ import annotations

import pytest

from claimtrace.model import Segment
from claimtrace.options import Options
from claimtrace.segment.duplicates import DuplicateIndex, make_signature

ORIGINAL = (
    "The harbour board confirmed on Thursday that the two container cranes ordered three years ago will not "
    "arrive before the autumn. A spokesman for the terminal operator said the manufacturer had given no reason "
    "for the delay and that the northern quay would remain half empty until the cranes are installed and tested. "
    "Shipping agents in the town expect handling fees to rise, and several of them called the news a serious "
    "setback for the plan to attract feeder lines from the larger ports along the coast. The board said it would "
    "publish a new timetable next month after meeting the manufacturer's representatives in the capital. "
    "Dockers' unions have asked for the delay to be investigated, pointing out that the contract was signed "
    "without a penalty clause and that the same supplier is late with equipment for two other ports."
)
# two words changed in about 140: 5-shingle Jaccard about 0.87
NEAR = ORIGINAL.replace("Thursday", "Friday").replace("serious setback", "severe setback")
REFORMATTED = ORIGINAL.upper().replace(". ", ".\n\n").replace(" ", "  ")
DIFFERENT = (
    "The island council hired a keeper for the old lighthouse, the first in thirty years, after complaints from "
    "fishermen that the light had been dark every other week since the automatic lamp failed in the winter storms. "
    "The new keeper, a retired ferry captain, starts in June and will live in the cottage at the foot of the tower."
)
SHARED_OPENING = ORIGINAL[: len(ORIGINAL) // 2] + " " + DIFFERENT


def _segment(doc: str, start: int = 0, end: int = 100) -> Segment:
    return Segment(doc_id=doc, kind="comment", start=start, end=end)


def _add_pair(first: str, second: str, index: DuplicateIndex | None = None) -> tuple[Segment, Segment]:
    index = DuplicateIndex() if index is None else index
    earlier = index.add(_segment("doc-a"), first)
    later = index.add(_segment("doc-b"), second)
    return earlier, later


@pytest.mark.parametrize(
    ("second", "linked", "similarity"),
    [
        (ORIGINAL, True, 1.0),
        (REFORMATTED, True, 1.0),
        (NEAR, True, None),
        (DIFFERENT, False, None),
        (SHARED_OPENING, False, None),
    ],
)
def test_add_links_exact_and_near_duplicates_only(second: str, linked: bool, similarity: float | None) -> None:
    earlier, later = _add_pair(ORIGINAL, second)
    assert earlier.duplicate_of is None and earlier.similarity is None
    assert (later.duplicate_of == earlier.id) is linked
    if linked and similarity is not None:
        assert later.similarity == similarity
    if linked and similarity is None:
        assert 0.8 <= later.similarity < 1.0


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        ("Exactly so.", "exactly   SO", True),
        ("Patience, friends.", "Patience, my friends.", False),
        ("Same here.", ORIGINAL, False),
    ],
)
def test_add_compares_short_segments_exactly(first: str, second: str, linked: bool) -> None:
    earlier, later = _add_pair(first, second)
    assert (later.duplicate_of == earlier.id) is linked


def test_add_does_not_link_a_segment_to_itself_when_read_again() -> None:
    index = DuplicateIndex()
    index.add(_segment("doc-a"), ORIGINAL)
    again = index.add(_segment("doc-a"), ORIGINAL)
    assert again.duplicate_of is None and len(index) == 1


def test_add_links_to_the_earliest_of_equal_matches() -> None:
    index = DuplicateIndex()
    first = index.add(_segment("doc-a"), ORIGINAL)
    index.add(_segment("doc-b"), ORIGINAL)
    third = index.add(_segment("doc-c"), ORIGINAL)
    assert third.duplicate_of == first.id


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.95])
def test_threshold_comes_from_options(threshold: float) -> None:
    index = DuplicateIndex.from_options(Options(near_duplicate_threshold=threshold))
    earlier, later = _add_pair(ORIGINAL, NEAR, index)
    assert (later.duplicate_of == earlier.id) is (threshold < 0.9)
    assert index.threshold == threshold


@pytest.mark.parametrize("threshold", [0.0, 1.5, -0.2])
def test_threshold_out_of_range_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match=f"threshold {threshold!r} must be in"):
        DuplicateIndex(threshold)


@pytest.mark.parametrize("text", [ORIGINAL, "Exactly so."])
def test_signature_is_deterministic(text: str) -> None:
    assert make_signature(text) == make_signature(text)
    assert DuplicateIndex().add(_segment("doc-a"), text).signature == make_signature(text)


@pytest.mark.parametrize(
    ("second", "linked"), [(ORIGINAL, True), (NEAR, True), ("exactly so", True), (DIFFERENT, False)]
)
def test_from_signatures_rebuilds_the_index_of_an_earlier_run(second: str, linked: bool) -> None:
    earlier_run = DuplicateIndex()
    stored = [
        earlier_run.add(_segment("doc-a", 0, 10), ORIGINAL),
        earlier_run.add(_segment("doc-a", 20, 30), "Exactly so."),
    ]
    rebuilt = DuplicateIndex.from_signatures([(s.id, s.signature) for s in stored])
    assert len(rebuilt) == 2 and stored[0].id in rebuilt
    later = rebuilt.add(_segment("doc-b"), second)
    assert (later.duplicate_of in {s.id for s in stored}) is linked
    fresh = DuplicateIndex()
    for segment in stored:
        fresh.add(
            Segment(segment.doc_id, segment.kind, segment.start, segment.end),
            ORIGINAL if segment.start == 0 else "Exactly so.",
        )
    assert fresh.add(_segment("doc-b"), second).duplicate_of == later.duplicate_of


def test_add_signed_links_as_add_does() -> None:
    texts = [ORIGINAL, NEAR, DIFFERENT, "Exactly so.", "exactly so", ORIGINAL]
    by_text, by_signature = DuplicateIndex(), DuplicateIndex()
    linked = []
    for number, text in enumerate(texts):
        segment = by_text.add(_segment(f"doc-{number}"), text)
        assert by_signature.add_signed(segment.id, make_signature(text)) == (segment.duplicate_of, segment.similarity)
        linked.append(segment.duplicate_of is not None)
    assert linked == [False, True, False, False, True, True]
