"""Latency of the story and entity queries of the web pages and the CLI on a 100,000-document store (issue 8).

Usage (from the repository root):

    .venv/bin/python benchmarks/store_latency.py [--docs 100000] [--templates 300] [--samples 300]
                                                  [--db PATH] [--rebuild]

Builds (or reuses, when ``--db`` already holds ``--docs`` documents) a store with
benchmarks/synthetic_store.py: ``--templates`` synthetic articles through the real
pipeline, then replicas of them through ``Store.write_document``, their stories through
``Store.update_stories`` and their entities through ``Store.replace_entities``. Then, on
``--samples`` random story ids and entity keys (and on every country, the entities with
the most mentions), times, with warm caches:

- ``Store.story`` and ``Store.open`` (opening a store, as the web app does per page);
- the story page's builder ``web.story.story_content`` and the entity dossier's
  ``web.entity.entity_content`` (every query they make, without HTTP or templates);
- the CLI's ``claimtrace story`` (``show.terminal.print_story``) on fewer ids;
- every store and ``web_queries`` function the pages call, per call.

It prints p50 / p95 / max in milliseconds (target p95 < 100 ms for the story and entity
queries), and for each page kind that misses, the SQL statements of its slowest call with
their own time and their ``EXPLAIN QUERY PLAN``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from claimtrace.link.registry import SourceRegistry
from claimtrace.show.terminal import print_story
from claimtrace.store import Store, open_store, web_queries
from claimtrace.web.entity import entity_content
from claimtrace.web.pages import Site, template_environment
from claimtrace.web.story import story_content

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_store import build_store, index_entities, stored_entities  # noqa: E402

TARGET_MS = 100.0
SCRATCH = Path(tempfile.gettempdir()) / "claimtrace-bench"
STORE_METHODS = ("story", "stories", "event_claims_by_id", "load_document", "document_briefs", "shared_passages",
                 "evidence_texts", "comment_segment_ids", "roles", "stories_of_claims", "stories_by_id",
                 "contradictions", "story_ids_with_prefix")
QUERY_FUNCTIONS = ("entity_key_of", "entity", "mention_summary", "member_keys", "attributions_by_source",
                   "claims_of_attributions", "claims_about", "text_slices", "contradictions_of_story",
                   "story_headings")


@dataclass(slots=True)
class Latencies:
    """Milliseconds per call, by label."""

    calls: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def time(self, label: str, run: Callable[[], object]) -> float:
        started = time.perf_counter()
        run()
        elapsed = (time.perf_counter() - started) * 1000
        self.calls[label].append(elapsed)
        return elapsed

    def wrapper(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.calls[label].append((time.perf_counter() - started) * 1000)
        return timed


@contextmanager
def queries_timed(latencies: Latencies) -> Iterator[None]:
    """Time every store method and web query the pages call (those that exist), per call, while the block runs."""
    owners: list[tuple[Any, str, str]] = [(Store, name, f"  Store.{name}") for name in STORE_METHODS]
    owners += [(web_queries, name, f"  web_queries.{name}") for name in QUERY_FUNCTIONS]
    owners = [(owner, name, label) for owner, name, label in owners if hasattr(owner, name)]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in owners]
    for owner, name, label in owners:
        setattr(owner, name, latencies.wrapper(label, getattr(owner, name)))
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def print_table(latencies: Latencies, order: list[str]) -> None:
    print(f"  {'query':44s} {'calls':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for label in order + sorted(k for k in latencies.calls if k not in order):
        values = latencies.calls.get(label)
        if values:
            print(f"  {label:44s} {len(values):6d} {statistics.median(values):8.1f} "
                  f"{percentile(values, 0.95):8.1f} {max(values):8.1f}")


def traced(store: Store, run: Callable[[], object]) -> list[str]:
    """The SQL statements ``run`` executes on the store's connection, with their parameters bound."""
    statements: list[str] = []
    connection = store.connection
    if not isinstance(connection, sqlite3.Connection):
        raise TypeError(f"statements are traced on SQLite stores only, not {store.path}")
    connection.set_trace_callback(statements.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def explain_slowest(store: Store, label: str, run: Callable[[], object], top: int = 6) -> None:
    """The heaviest statements of one page call: their own time and query plan."""
    timings = []
    for statement in dict.fromkeys(traced(store, run)):
        started = time.perf_counter()
        store.connection.execute(statement).fetchall()
        timings.append(((time.perf_counter() - started) * 1000, statement))
    timings.sort(reverse=True)
    print(f"\n{label}: {len(timings)} distinct SELECT statements; the slowest:")
    for elapsed, statement in timings[:top]:
        shown = " ".join(statement.split())
        print(f"  {elapsed:8.1f} ms  {shown[:300]}{' ...' if len(shown) > 300 else ''}")
        for row in store.connection.execute("EXPLAIN QUERY PLAN " + statement):
            print(f"             plan: {row[-1]}")


@dataclass(frozen=True, slots=True)
class Sample:
    stories: list[str]
    entities: list[str]
    countries: list[str]
    by_type: dict[str, list[str]]


def sample_ids(store: Store, count: int, rng: random.Random) -> Sample:
    connection = store.connection
    story_ids = [row[0] for row in connection.execute("SELECT id FROM stories")]
    entities = [(row[0], row[1]) for row in connection.execute("SELECT key, type FROM entities")]
    by_type: dict[str, list[str]] = defaultdict(list)
    for key, kind in entities:
        by_type[kind].append(key)
    return Sample(rng.sample(story_ids, min(count, len(story_ids))),
                  [key for key, _ in rng.sample(entities, min(count, len(entities)))],
                  sorted(key for key, _ in entities if key.startswith("country:")),
                  {kind: rng.sample(keys, min(count // 4, len(keys))) for kind, keys in by_type.items()})


def measure(store: Store, db_path: Path, sample: Sample, cli_samples: int) -> Latencies:
    latencies = Latencies()
    site = Site(db_path=str(db_path), templates=template_environment(),
                registry=SourceRegistry.load(db_path=str(db_path)), opened=store)
    console = Console(file=io.StringIO(), width=160)
    for story_id, key in zip(sample.stories[:20], sample.entities[:20]):  # warm the page cache and the code paths
        story_content(site, story_id)
        entity_content(site, key)
    for story_id in sample.stories:
        latencies.time("Store.story", lambda: store.story(story_id))
        latencies.time("open_store (per page in the web app)", lambda: open_store(db_path).close())
    with queries_timed(latencies):
        for story_id in sample.stories:
            latencies.time("story page: story_content", lambda: story_content(site, story_id))
        for key in sample.entities:
            latencies.time("entity page: entity_content (random)", lambda: entity_content(site, key))
    for kind, keys in sorted(sample.by_type.items()):
        for key in keys:
            latencies.time(f"entity page: {kind}", lambda: entity_content(site, key))
    for key in sample.countries:
        latencies.time("entity page: every country", lambda: entity_content(site, key))
    for story_id in sample.stories[:cli_samples]:
        latencies.time("CLI: claimtrace story (print_story)", lambda: print_story(console, store, story_id))
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--templates", type=int, default=300, help="articles analysed by the real pipeline")
    parser.add_argument("--samples", type=int, default=300, help="random story ids and entity keys")
    parser.add_argument("--cli-samples", type=int, default=5, help="story ids for the CLI (it is slower)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help=f"store to build or reuse (default {SCRATCH}/store-DOCS.db)")
    parser.add_argument("--rebuild", action="store_true", help="build the store even when --db has enough documents")
    args = parser.parse_args(argv)
    db_path = args.db or SCRATCH / f"store-{args.docs}.db"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    ensure_store(db_path, args.docs, args.templates, args.seed, args.rebuild)
    with open_store(db_path) as store:
        counts = store.counts()
        print(f"store {db_path}: {os.path.getsize(db_path) / 1e9:.2f} GB; " + ", ".join(
            f"{value} {name}" for name, value in counts.items()))
        sample = sample_ids(store, args.samples, random.Random(args.seed))
        latencies = measure(store, db_path, sample, args.cli_samples)
        load = os.getloadavg()
        print(f"\nlatency (warm cache, one open store; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
              f"on {os.cpu_count()} CPUs):")
        pages = ["Store.story", "open_store (per page in the web app)", "story page: story_content",
                 "entity page: entity_content (random)"] + [f"entity page: {k}" for k in sorted(sample.by_type)] + [
            "entity page: every country", "CLI: claimtrace story (print_story)"]
        print_table(latencies, pages)
        missed = [label for label in pages if label in latencies.calls
                  and percentile(latencies.calls[label], 0.95) >= TARGET_MS]
        print(f"\ntarget p95 < {TARGET_MS:.0f} ms: " + ("met" if not missed else "NOT met by " + "; ".join(missed)))
        explain_misses(store, sample, latencies, missed, db_path)
    return 0 if not missed else 2


def explain_misses(store: Store, sample: Sample, latencies: Latencies, missed: list[str], db_path: Path) -> None:
    """For each page kind that missed, the statements of its slowest call, timed and explained."""
    site = Site(db_path=str(db_path), templates=template_environment(),
                registry=SourceRegistry.load(db_path=str(db_path)), opened=store)
    console = Console(file=io.StringIO(), width=160)
    slowest = {label: max(range(len(values)), key=values.__getitem__) for label, values in latencies.calls.items()}
    if "story page: story_content" in missed:
        story_id = sample.stories[slowest["story page: story_content"]]
        explain_slowest(store, f"story page {story_id}", lambda: story_content(site, story_id))
    if "CLI: claimtrace story (print_story)" in missed:
        story_id = sample.stories[slowest["CLI: claimtrace story (print_story)"]]
        explain_slowest(store, f"CLI story {story_id}", lambda: print_story(console, store, story_id))
    if any(label.startswith("entity page") for label in missed):
        key = sample.countries[slowest["entity page: every country"]]
        explain_slowest(store, f"entity page {key}", lambda: entity_content(site, key))


def ensure_store(db_path: Path, docs: int, templates: int, seed: int, rebuild: bool) -> None:
    if db_path.exists() and not rebuild:
        try:
            with open_store(db_path) as store:
                if store.counts()["documents"] >= docs:
                    print(f"reusing {db_path}")
                    if not store.entity_index().is_built():  # built before its entity index was written
                        print("writing its entity index")
                        index_entities(store, stored_entities(store))
                    return
        except sqlite3.Error:
            pass
    started = time.perf_counter()

    def progress(written: int, total: int) -> None:
        if written % 10_000 < templates:
            print(f"  {written} / {total} documents ({time.perf_counter() - started:.0f} s)", flush=True)

    summary = build_store(db_path, docs, templates, seed, template_db=db_path.with_name(f"templates-{templates}-{seed}.db"),
                          on_replica=progress)
    print(f"built {db_path}: {summary.documents} documents, {summary.stories} stories, {summary.entities} entities "
          f"in {summary.seconds:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
