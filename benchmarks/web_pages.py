"""Page-load times of the web app over a 10,000-document store, through a real HTTP server (issue 8).

Usage (from the repository root):

    .venv/bin/python benchmarks/web_pages.py [--docs 10000] [--templates 300] [--samples 200]
                                              [--db PATH] [--rebuild]

Builds (or reuses) the store with benchmarks/synthetic_store.py, as
benchmarks/store_latency.py does, starts ``claimtrace serve`` on 127.0.0.1 in a child
process (uvicorn, the real app), and times HTTP GETs over one keep-alive connection:
``--samples`` random story pages and entity dossiers, every country's dossier (the
entities with the most mentions), documents, and the overview and register pages
``--repeat`` times each. Prints p50 / p95 / max in milliseconds per page kind, with the
response size; the target is p95 < 300 ms for story and entity pages. Every response
must be 200 with an HTML body, or the run fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from claimtrace.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_latency import SCRATCH, ensure_store, percentile  # noqa: E402

TARGET_MS = 300.0
HOST = "127.0.0.1"
STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(db_path: Path, port: int) -> subprocess.Popen[bytes]:
    """``claimtrace serve`` in a child process; returns once it answers."""
    command = [sys.executable, "-m", "claimtrace.cli", "serve", "--db", str(db_path), "--host", HOST,
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"the server did not answer on {HOST}:{port} within {STARTUP_SECONDS} s")


class Browser:
    """GETs over one keep-alive connection, as a browser tab makes them; fails on anything but 200 HTML."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=900)  # the register of a large store is slow

    def get(self, path: str) -> tuple[float, int]:
        started = time.perf_counter()
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or b"<html" not in body[:200].lower():
            raise RuntimeError(f"GET {path}: status {response.status}, {body[:200]!r}")
        return elapsed, len(body)

    def close(self) -> None:
        self.connection.close()


def pages_to_load(db_path: Path, samples: int, repeat: int, rng: random.Random) -> list[tuple[str, str]]:
    """(page kind, path) in a shuffled order, so no kind benefits from running last."""
    with open_store(db_path) as store:
        connection = store.connection
        stories = [row[0] for row in connection.execute("SELECT id FROM stories")]
        entities = [row[0] for row in connection.execute("SELECT key FROM entities")]
        documents = [row[0] for row in connection.execute("SELECT id FROM documents")]
    countries = [key for key in entities if key.startswith("country:")]
    pages = [("story", f"/story/{quote(i, safe='')}") for i in rng.sample(stories, min(samples, len(stories)))]
    pages += [("entity (random)", f"/entity/{quote(k, safe='')}") for k in rng.sample(entities, min(samples,
                                                                                                    len(entities)))]
    pages += [("entity (every country)", f"/entity/{quote(k, safe='')}") for k in countries]
    pages += [("document", f"/document/{quote(i, safe='')}") for i in rng.sample(documents, min(samples // 2,
                                                                                                 len(documents)))]
    pages += [("overview", "/"), ("register", "/register")] * repeat
    rng.shuffle(pages)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--templates", type=int, default=300)
    parser.add_argument("--samples", type=int, default=200, help="random story and entity pages each")
    parser.add_argument("--repeat", type=int, default=5, help="loads of the overview and the register each")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help=f"store to build or reuse (default {SCRATCH}/store-DOCS.db)")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    db_path = args.db or SCRATCH / f"store-{args.docs}.db"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    ensure_store(db_path, args.docs, args.templates, args.seed, args.rebuild)
    rng = random.Random(args.seed)
    pages = pages_to_load(db_path, args.samples, args.repeat, rng)
    port = free_port()
    server = start_server(db_path, port)
    times: defaultdict[str, list[float]] = defaultdict(list)
    sizes: defaultdict[str, list[int]] = defaultdict(list)
    try:
        browser = Browser(port)
        for _, path in pages[:10]:  # warm up: templates compiled, page cache filled
            browser.get(path)
        for kind, path in pages:
            elapsed, size = browser.get(path)
            times[kind].append(elapsed)
            sizes[kind].append(size)
        browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    load = os.getloadavg()
    print(f"\nstore {db_path} ({args.docs} documents); served by 'claimtrace serve' on {HOST}:{port}; "
          f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    print(f"  {'page':24s} {'loads':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'KB (median)':>12s}")
    for kind in sorted(times):
        values = times[kind]
        print(f"  {kind:24s} {len(values):6d} {statistics.median(values):8.1f} {percentile(values, 0.95):8.1f} "
              f"{max(values):8.1f} {statistics.median(sizes[kind]) / 1000:12.1f}")
    missed = [kind for kind in times if kind.startswith(("story", "entity"))
              and percentile(times[kind], 0.95) >= TARGET_MS]
    print(f"target p95 < {TARGET_MS:.0f} ms for story and entity pages: "
          + ("met" if not missed else "NOT met by " + ", ".join(sorted(missed))))
    return 0 if not missed else 2


if __name__ == "__main__":
    sys.exit(main())
