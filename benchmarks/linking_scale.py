"""How the cost of linking one new document grows with the corpus (issue 5).

Builds two synthetic knowledge bases, of 1,000 and 50,000 event claims, links
them fully, then times :func:`claimtrace.link.incremental.link_new_documents`
for new documents of five claims each, and prints the median time per document
at both sizes and their ratio. The target is a flat cost (at most logarithmic
growth).

The synthetic corpus grows the way a news corpus does: a steady number of
claims per month over a fixed set of parties, so a larger corpus covers a
longer stretch of time (back from December 2024), and the new documents are
about that latest month.
The cost rises while the corpus is younger than the stretch a claim can be
about (an undated claim: its document's year, the year before and after; about
7,000 claims at 200 a month), then stays flat: use --sizes 1000 10000 50000.
Sentence similarity is off (it adds a constant cost per new sentence, cached).
Entity resolution, which ``link_corpus`` also runs, is not timed here.

Run:  .venv/bin/python benchmarks/linking_scale.py [--sizes 1000 50000] [--new 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from claimtrace.link.incremental import link_new_documents, relink_stories
from claimtrace.model import AUTHOR, Document, EventClaim, Segment
from claimtrace.store import open_store

TYPES = ["arms_transfer", "arms_negotiation", "export_restriction", "military_deployment", "military_training",
         "defence_cooperation", "meeting", "military_spending", "legal_action", "unrest", "personnel_change",
         "logistics_movement"]
PARTIES = [f"Country{n:03d}" for n in range(150)] + [f"Minister{n:03d}" for n in range(50)]
SOURCES = [AUTHOR, "Daily Courier", "the defence ministry", "insiders", "Evening Post", "a spokesman"]
CLAIMS_PER_MONTH = 200
CLAIMS_PER_DOCUMENT = 5
LAST_MONTH = 2024 * 12 + 11  # December 2024: every corpus ends there, whatever its size


def month_of(index: int, size: int) -> tuple[int, int]:
    """The month of claim ``index`` of a corpus of ``size`` claims, counted back from the last month."""
    month = LAST_MONTH - (size - 1 - min(index, size - 1)) // CLAIMS_PER_MONTH
    return month // 12, month % 12 + 1


def make_document(number: int, first_claim: int, size: int, rng: random.Random) -> Document:
    """A document of five claims about the month of claim ``first_claim`` of a corpus of ``size``."""
    year, month = month_of(first_claim, size)
    sentences = [f"Report {number}, sentence {k}: {rng.choice(PARTIES)} and {rng.choice(PARTIES)} acted."
                 for k in range(CLAIMS_PER_DOCUMENT)]
    text = " ".join(sentences)
    document = Document(name=f"synthetic-{number:06d}", text=text, origin=f"synthetic/{number}.txt", format="txt",
                        published=f"{year:04d}-{month:02d}-28", language="en")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    offset = 0
    for sentence in sentences:
        document.event_claims.append(_claim(document.id, (offset, offset + len(sentence)), year, month, rng))
        offset += len(sentence) + 1
    return document


def _claim(doc_id: str, evidence: tuple[int, int], year: int, month: int, rng: random.Random) -> EventClaim:
    source = rng.choice(SOURCES)
    arguments = {}
    if rng.random() < 0.9:
        arguments["agent"] = rng.choice(PARTIES)
    if rng.random() < 0.7:
        arguments["recipient"] = rng.choice(PARTIES)
    roll = rng.random()
    time = None if roll < 0.1 else f"{year:04d}" if roll < 0.3 else f"{year:04d}-{month:02d}"
    return EventClaim(doc_id=doc_id, type=rng.choice(TYPES), evidence=evidence, trigger=(evidence[0], evidence[0] + 6),
                      source=source, source_type="author" if source == AUTHOR else "media",
                      polarity="negative" if rng.random() < 0.15 else "positive",
                      certainty=rng.choice(["certain", "certain", "probable", "possible"]),
                      arguments=arguments, time=time)


def build_store(path: Path, claims: int, seed: int) -> int:
    """Write a corpus of about ``claims`` claims and link it fully; returns the next document number."""
    rng = random.Random(seed)
    with open_store(path) as store:
        number = 0
        for first in range(0, claims, CLAIMS_PER_DOCUMENT):
            store.write_document(make_document(number, first, claims, rng))
            number += 1
        started = time.perf_counter()
        relink_stories(store)
        print(f"  {claims} claims: full relink {time.perf_counter() - started:.1f} s, "
              f"{store.counts()['stories']} stories")
    return number


def time_new_documents(path: Path, claims: int, new: int, seed: int,
                       first_number: int) -> tuple[list[float], list[int]]:
    """Seconds to link each new document, and how many stored claims each link step read."""
    rng = random.Random(seed + 1)
    timings, read = [], []
    with open_store(path) as store:
        for k in range(new):
            document = make_document(first_number + k, claims - 1, claims, rng)  # about the latest month
            store.write_document(document)
            started = time.perf_counter()
            update = link_new_documents(store, [document.id])
            timings.append(time.perf_counter() - started)
            read.append(update.claims_read)
    return timings, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--new", type=int, default=30, help="new documents timed at each size")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    medians = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            path = Path(scratch) / f"kb-{size}.db"
            next_number = build_store(path, size, args.seed)
            timings, read = time_new_documents(path, size, args.new, args.seed, next_number)
            median = statistics.median(timings)
            medians.append(median)
            print(f"{size:>7} claims: {median * 1000:.1f} ms per new document of {CLAIMS_PER_DOCUMENT} claims "
                  f"(median of {len(timings)}, max {max(timings) * 1000:.1f} ms; "
                  f"{statistics.mean(read):.0f} claims read per document)")
    for (small, first), (large, last) in zip(zip(args.sizes, medians), list(zip(args.sizes, medians))[1:]):
        print(f"ratio {large} / {small} claims: {last / first:.2f} (corpus {large / small:.0f} times larger)")
    if len(medians) > 2:
        print(f"ratio {args.sizes[-1]} / {args.sizes[0]} claims: {medians[-1] / medians[0]:.2f}")


if __name__ == "__main__":
    main()
