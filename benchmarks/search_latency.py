"""How long a search takes on a store of a few thousand articles (claimtrace.store.search).

Usage (from the repository root):

    .venv/bin/python benchmarks/search_latency.py [--docs 5000] [--templates 100] [--db DIR/search.db] [--runs 7]

builds the store with ``synthetic_store.build_store`` (synthetic articles analysed by the
real pipeline, then replicated through ``Store.write_document``, so the search index is
filled by its triggers as in any ingest) unless ``--db`` names one that exists, then times
each kind of search: a frequent word, a phrase, a prefix, OR and NOT, each filter, filters
alone, a deep page, the form's choices and the whole search page as the server renders it.
Prints the median and the slowest of ``--runs`` runs after one warm-up run, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimtrace.link.registry import SourceRegistry
from claimtrace.store import Store, open_store
from claimtrace.store.search import SearchRequest, search, search_choices
from claimtrace.web.pages import Site, template_environment
from claimtrace.web.search import SearchForm, search_content

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_store import build_store  # noqa: E402


def timed(action: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median, slowest, median CPU) milliseconds of ``runs`` runs after a warm-up run.

    The CPU time of this process is what the search itself costs, whatever else the
    machine is running; the wall time is what the analyst waits.
    """
    action()
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def cases(store: Store) -> dict[str, SearchRequest]:
    """The searches to time, with filter values taken from the store."""
    choices = search_choices(store)
    entity = choices.entities[0][0]
    outlet = store.documents()[0].outlet or choices.sources[0]
    return {
        "frequent word": SearchRequest("ministry"),
        "two words": SearchRequest("armoured vehicles"),
        "phrase": SearchRequest('"defence ministry"'),
        "prefix": SearchRequest("deliv*"),
        "OR and NOT": SearchRequest("drones OR helicopters -rumour"),
        "rare word": SearchRequest("checkpoint"),
        "claims only": SearchRequest("delivered", kind="claims"),
        "+ entity": SearchRequest("delivered", entity=entity),
        "+ event type": SearchRequest("delivered", event_type="arms_transfer"),
        "+ source": SearchRequest("delivered", source=outlet),
        "+ dates": SearchRequest("delivered", since="2020", until="2021-06"),
        "all filters": SearchRequest("delivered", entity=entity, event_type="arms_transfer", since="2019"),
        "filters alone": SearchRequest(event_type="arms_transfer", since="2020"),
        "page 10": SearchRequest("ministry", offset=180),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--templates", type=int, default=100)
    parser.add_argument("--db", type=Path, default=None, help="Store to search (built there when missing).")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    path = args.db or Path(tempfile.mkdtemp(prefix="claimtrace-search-")) / "search.db"
    if not path.exists():
        built = build_store(path, docs=args.docs, templates=args.templates)
        print(f"built {built.documents} documents in {built.seconds:.0f} s -> {path}", flush=True)
    with open_store(path) as store:
        counts = store.counts()
        print(f"store: {counts['documents']} documents, {counts['event_claims']} event claims, "
              f"{path.stat().st_size / 2**20:.0f} MB")
        print(f"{'search':<16} {'hits':>7} {'median ms':>10} {'slowest ms':>11} {'CPU ms':>8}")
        for name, request in cases(store).items():
            hits = search(store, request).total
            row = timed(lambda: search(store, request), args.runs)  # noqa: B023 - used at once
            print(f"{name:<16} {hits:>7} {row[0]:>10.1f} {row[1]:>11.1f} {row[2]:>8.1f}")
        row = timed(lambda: search_choices(store), args.runs)
        print(f"{'form choices':<16} {'':>7} {row[0]:>10.1f} {row[1]:>11.1f} {row[2]:>8.1f}")
        site = Site(db_path=str(path), templates=template_environment(),
                    registry=SourceRegistry.load(None, str(path)), opened=store)
        form = SearchForm(q="armoured vehicles", type="arms_transfer")
        row = timed(lambda: site.render(search_content(site, form)), args.runs)
        print(f"{'search page':<16} {'':>7} {row[0]:>10.1f} {row[1]:>11.1f} {row[2]:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
