"""How the cost of linking one new document grows with the corpus (issue 5).

Builds synthetic knowledge bases of 1,000, 10,000 and 50,000 event claims,
links them fully (entities and stories), then times, for new documents of five claims
each, :func:`claimtrace.link.incremental_entities.link_new_entities` (entity
resolution of the document's mentions) plus
:func:`claimtrace.link.incremental.link_new_documents` (stories), and prints the
median time per document at each size and their ratios. The target is a flat
cost (at most logarithmic growth).

The synthetic corpus grows the way a news corpus does: a steady number of
claims per month over a fixed set of parties, so a larger corpus covers a
longer stretch of time (back from December 2024), and the new documents are
about that latest month. What a new claim must be compared with are the claims
of the years it can be about (an undated claim: its document's year, the year
before and after) that name compatible parties, so the cost follows how dense
the corpus is in those years, not how large it is. Each size is therefore timed
at two densities: 25 claims a month, where even the 1,000-claim corpus spans a
claim's years, so the sizes differ only in size (the measure of the target);
and 200 a month, where the smaller corpora are younger than those years, so the
cost rises with the density of a claim's years until the corpus spans them
(about 7,000 claims) and stays flat after. Sentence similarity is off (it adds
a constant cost per new sentence, cached).

Every document also names people, states and bodies: states as parties, a few
of 2,400 invented people (a surname shared by 40 of them, written with
transliteration variants such as "kh"/"h" and "y"/"i", or by the surname alone)
and bodies named in full, with their acronym or by the acronym alone. What is
timed is the whole ``link_corpus`` call that ingest makes after storing the
document (entities, stories, contradictions; the queue of documents to link).

Run:  .venv/bin/python benchmarks/linking_scale.py [--sizes 1000 10000 50000] [--new 30]
                                                 [--claims-per-month 25 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.link.corpus import link_corpus
from claimtrace.model import AUTHOR, Document, EventClaim, Mention, Segment
from claimtrace.store import open_store

TYPES = ["arms_transfer", "arms_negotiation", "export_restriction", "military_deployment", "military_training",
         "defence_cooperation", "meeting", "military_spending", "legal_action", "unrest", "personnel_change",
         "logistics_movement"]
PARTIES = [f"Country{n:03d}" for n in range(150)] + [f"Minister{n:03d}" for n in range(50)]
SOURCES = [AUTHOR, "Daily Courier", "the defence ministry", "insiders", "Evening Post", "a spokesman"]
CLAIMS_PER_MONTH = 200  # dense: a 1,000-claim corpus spans five months, less than a claim's years
EVEN_CLAIMS_PER_MONTH = 25  # even: a 1,000-claim corpus already spans a claim's years
WINDOW_MONTHS = 36  # an undated claim can be about its document's year, the year before or after
CLAIMS_PER_DOCUMENT = 5
LAST_MONTH = 2024 * 12 + 11  # December 2024: every corpus ends there, whatever its size


def month_of(index: int, size: int, per_month: int = CLAIMS_PER_MONTH) -> tuple[int, int]:
    """The month of claim ``index`` of a corpus of ``size`` claims, counted back from the last month."""
    month = LAST_MONTH - (size - 1 - min(index, size - 1)) // per_month
    return month // 12, month % 12 + 1


FIRST_NAMES = [f"{a}{b}" for a in ("Ar", "Bek", "Dau", "Er", "Ka", "Mu", "Nur", "Sa") for b in ("lan", "zhan", "bol",
                                                                                          "khat", "yev")]
SURNAMES = [f"{a}{b}ov" for a in ("Akh", "Bay", "Dzhum", "Kas", "Mukh", "Nazy", "Ors", "Tash", "Yus", "Zhak")
            for b in ("met", "khan", "bek", "yev", "ul", "dar")]
BODIES = [(f"{kind} of {field}", f"{kind[0]}{field[0]}{extra}") for kind in ("Agency", "Bureau", "Council", "Office")
          for field in ("Arms Control", "Border Security", "Civil Aviation", "Defence Procurement", "Energy Supply")
          for extra in ("A", "B")]


def _person(rng: random.Random) -> tuple[str, str, str]:
    """(text, key, canonical name) of a person, sometimes a spelling variant or the surname alone."""
    first = FIRST_NAMES[int(rng.paretovariate(1.2)) % len(FIRST_NAMES)]
    surname = SURNAMES[int(rng.paretovariate(1.2)) % len(SURNAMES)]
    roll = rng.random()
    if roll < 0.15:
        return surname, f"person:{surname.lower()}", surname
    if roll < 0.35:
        surname = surname.replace("kh", "h").replace("y", "i").replace("Dzh", "J")
    name = f"{first} {surname}"
    return name, f"person:{name.lower()}", name


def _body(rng: random.Random) -> tuple[str, str, str, str]:
    """(text, key, canonical name, type) of a body: in full, its acronym beside it, or the acronym alone."""
    name, extra = rng.choice(BODIES)
    name = f"{name} {extra}"
    acronym = "".join(w[0] for w in name.split() if w[0].isupper())
    roll = rng.random()
    if roll < 0.15:
        return acronym, f"org:{name.lower()}", name, "government"
    if roll < 0.25:
        return acronym, f"org:{acronym.lower()}", acronym, "government"
    return name, f"org:{name.lower()}", name, "government"


def make_document(number: int, first_claim: int, size: int, rng: random.Random,
                  per_month: int = CLAIMS_PER_MONTH) -> Document:
    """A document of five claims about the month of claim ``first_claim`` of a corpus of ``size``."""
    year, month = month_of(first_claim, size, per_month)
    sentences, named = [], []  # named: (offset in sentence, text, key, name, type) per sentence
    for k in range(CLAIMS_PER_DOCUMENT):
        a, b = rng.choice(PARTIES), rng.choice(PARTIES)
        person, body = _person(rng), _body(rng)
        head = f"Report {number}, sentence {k}: "
        sentence = f"{head}{a} and {b} acted, {person[0]} of {body[0]} said."
        places = [(len(head), a), (len(head) + len(a) + 5, b)]
        found = [(at, text, f"party:{text.lower()}", text, "place") for at, text in places]
        found.append((sentence.index(person[0], len(head) + len(a) + len(b)), *person, "person"))
        found.append((sentence.rindex(body[0]), *body))
        sentences.append(sentence)
        named.append(found)
    text = " ".join(sentences)
    document = Document(name=f"synthetic-{number:06d}", text=text, origin=f"synthetic/{number}.txt", format="txt",
                        published=f"{year:04d}-{month:02d}-28", language="en")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    offset = 0
    for sentence, found in zip(sentences, named):
        document.event_claims.append(_claim(document.id, (offset, offset + len(sentence)), year, month, rng))
        document.mentions += [Mention(offset + at, offset + at + len(mention), mention, "ENT", key, name, kind)
                              for at, mention, key, name, kind in found]  # type: ignore[arg-type]
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


def build_store(path: Path, claims: int, seed: int, per_month: int = CLAIMS_PER_MONTH) -> int:
    """Write a corpus of about ``claims`` claims and link it fully; returns the next document number."""
    rng = random.Random(seed)
    with open_store(path) as store:
        number = 0
        for first in range(0, claims, CLAIMS_PER_DOCUMENT):
            store.write_document(make_document(number, first, claims, rng, per_month))
            number += 1
        started, cpu_started = time.perf_counter(), time.process_time()
        link_corpus(store, similarity=False)  # the full link, as for a first ingest
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        counts = store.counts()
        print(f"  {claims} claims: full relink {seconds:.1f} s (CPU {cpu_seconds:.1f} s, "
              f"{cpu_seconds / claims * 1e6:.0f} CPU us per claim), "
              f"{counts['stories']} stories, {counts['entities']} entities of {counts['mentions']} mentions")
    return number


@dataclass(slots=True)
class Timings:
    """Per new document: seconds of the whole ``link_corpus`` call (wall clock and this process's CPU), and what it read."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    claims_read: list[int] = field(default_factory=list)


def time_new_documents(path: Path, claims: int, new: int, seed: int, first_number: int,
                       per_month: int = CLAIMS_PER_MONTH) -> Timings:
    """Time the real linking step after each new document: ``link_corpus`` as ingest calls it."""
    rng = random.Random(seed + 1)
    timings = Timings()
    with open_store(path) as store:
        for k in range(new):
            document = make_document(first_number + k, claims - 1, claims, rng, per_month)  # the latest month
            store.write_document(document)
            started, cpu_started = time.perf_counter(), time.process_time()
            report = link_corpus(store, [document.id], similarity=False)
            timings.seconds.append(time.perf_counter() - started)
            timings.cpu_seconds.append(time.process_time() - cpu_started)
            timings.claims_read.append(report.claims_read)
            assert report.mode == "incremental" and not store.pending_links()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--new", type=int, default=30, help="new documents timed at each size")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--claims-per-month", type=int, nargs="+", default=[EVEN_CLAIMS_PER_MONTH, CLAIMS_PER_MONTH],
                        help="how dense each series of corpora is in time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for per_month in args.claims_per_month:
            print(f"{per_month} claims a month (a claim's years hold about {per_month * WINDOW_MONTHS:,} claims):")
            time_series(Path(scratch), args.sizes, args.new, args.seed, per_month)


def time_series(scratch: Path, sizes: list[int], new: int, seed: int, per_month: int) -> None:
    """Build a corpus of each size at this density, time new documents, and print the ratios of the medians."""
    medians, cpu_medians = [], []
    for size in sizes:
        path = scratch / f"kb-{size}-{per_month}.db"
        next_number = build_store(path, size, seed, per_month)
        timings = time_new_documents(path, size, new, seed, next_number, per_month)
        median, cpu_median = statistics.median(timings.seconds), statistics.median(timings.cpu_seconds)
        medians.append(median)
        cpu_medians.append(cpu_median)
        print(f"{size:>7} claims: {median * 1000:.1f} ms per new document of {CLAIMS_PER_DOCUMENT} claims "
              f"(CPU {cpu_median * 1000:.1f} ms; median of {len(timings.seconds)}, max "
              f"{max(timings.seconds) * 1000:.1f} ms; {statistics.mean(timings.claims_read):.0f} claims read)")
    # CPU time does not count the time the process waits for a core: the fair figure on a loaded machine
    for (small, first, cpu_first), (large, last, cpu_last) in zip(zip(sizes, medians, cpu_medians),
                                                                list(zip(sizes, medians, cpu_medians))[1:]):
        print(f"ratio {large} / {small} claims: {last / first:.2f} wall, {cpu_last / cpu_first:.2f} CPU "
              f"(corpus {large / small:.0f} times larger)")
    if len(medians) > 2:
        print(f"ratio {sizes[-1]} / {sizes[0]} claims: {medians[-1] / medians[0]:.2f} wall, "
              f"{cpu_medians[-1] / cpu_medians[0]:.2f} CPU")


if __name__ == "__main__":
    main()
