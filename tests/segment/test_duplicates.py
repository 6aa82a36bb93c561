from __future__ import annotations

import pytest

from claimtrace.model import Document, Segment
from claimtrace.options import Options
from claimtrace.segment.duplicates import NUM_PERM, BandLayout, DuplicateIndex, make_signature
from claimtrace.store import Store

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


def _stored_document(store: Store, index: DuplicateIndex | None) -> Document:
    """A document of two segments (ORIGINAL, then "Exactly so."), written with the keys `index` files them under,
    or without keys when `index` is None."""
    text = ORIGINAL + "\n\nExactly so.\n"
    document = Document(name="earlier", text=text, origin="/feeds/earlier.txt", format="txt")
    document.segments = [Segment(document.id, "article", 0, len(ORIGINAL)),
                         Segment(document.id, "comment", len(ORIGINAL) + 2, len(text) - 1)]
    for segment in document.segments:
        if index is None:
            segment.signature = make_signature(text[segment.start:segment.end])
        else:
            index.add(segment, text[segment.start:segment.end])
    filed = None if index is None else {s.id: index.layout.keys(s.signature) for s in document.segments}
    store.write_document(document, filed)
    if index is not None:
        index.stored(filed)
    return document


@pytest.mark.parametrize(
    ("second", "linked"), [(ORIGINAL, True), (NEAR, True), ("exactly so", True), (DIFFERENT, False)]
)
def test_an_index_on_the_store_finds_the_segments_of_an_earlier_run(store: Store, second: str,
                                                                    linked: bool) -> None:
    earlier_run = DuplicateIndex(stored=store)
    stored = _stored_document(store, earlier_run).segments
    assert len(earlier_run) == 0  # stored segments are found in the store, not held in memory
    later_run = DuplicateIndex(stored=store)
    later = later_run.add(_segment("doc-b"), second)
    assert (later.duplicate_of in {s.id for s in stored}) is linked
    assert len(later_run) == 1 and later.id in later_run
    in_memory = DuplicateIndex()
    in_memory.add(Segment(stored[0].doc_id, "article", stored[0].start, stored[0].end), ORIGINAL)
    in_memory.add(Segment(stored[1].doc_id, "comment", stored[1].start, stored[1].end), "Exactly so.")
    assert in_memory.add(_segment("doc-b"), second).duplicate_of == later.duplicate_of


def test_segments_stored_without_keys_are_filed_when_a_writer_starts(store: Store) -> None:
    stored = _stored_document(store, None).segments
    index = DuplicateIndex(stored=store)
    assert index.add(_segment("doc-b"), NEAR).duplicate_of is None  # not filed yet: nothing to find
    assert store.file_segment_keys(index.layout.name, index.layout.keys) == 2
    assert store.file_segment_keys(index.layout.name, index.layout.keys) == 0  # filed once
    assert DuplicateIndex(stored=store).add(_segment("doc-c"), NEAR).duplicate_of == stored[0].id
    looser = DuplicateIndex(0.5, stored=store)
    assert looser.layout != index.layout
    assert looser.add(_segment("doc-d"), NEAR).duplicate_of is None  # keys of another layout find nothing
    assert store.file_segment_keys(looser.layout.name, looser.layout.keys) == 2  # filed afresh
    assert DuplicateIndex(0.5, stored=store).add(_segment("doc-e"), NEAR).duplicate_of == stored[0].id


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 0.9, 1.0])
def test_band_layout_files_a_long_segment_under_its_text_and_each_band(threshold: float) -> None:
    layout = BandLayout.for_threshold(threshold)
    assert layout.bands * layout.rows <= NUM_PERM
    original = layout.keys(make_signature(ORIGINAL))
    assert len(original) == 1 + layout.bands and len(set(original)) == len(original)
    assert layout.keys(make_signature(REFORMATTED)) == original  # the same text: every key shared
    assert not set(layout.keys(make_signature(DIFFERENT))) & set(original)
    assert len(layout.keys(make_signature("Exactly so."))) == 1


def test_add_signed_links_as_add_does() -> None:
    texts = [ORIGINAL, NEAR, DIFFERENT, "Exactly so.", "exactly so", ORIGINAL]
    by_text, by_signature = DuplicateIndex(), DuplicateIndex()
    linked = []
    for number, text in enumerate(texts):
        segment = by_text.add(_segment(f"doc-{number}"), text)
        assert by_signature.add_signed(segment.id, make_signature(text)) == (segment.duplicate_of, segment.similarity)
        linked.append(segment.duplicate_of is not None)
    assert linked == [False, True, False, False, True, True]
