"""Real news articles for the throughput benchmark: FNC-1's article bodies as a folder of text files.

Usage (from the repository root, with ``../shared`` beside it):

    .venv/bin/python benchmarks/fnc1_corpus.py --out DIR [--limit N]
    .venv/bin/python benchmarks/throughput.py --corpus DIR --incremental 0

writes DIR/fnc1-00000.txt, ... one file per article body of FNC-1's training split
(``../shared/data/fnc1/train_bodies.csv``, 1,683 bodies of news articles, 2014–2015, named
by their Body ID), the first ``--limit`` by Body ID when given. The synthetic articles of
``synthetic_corpus.py`` are written for linking to find stories in, and carry several
event claims per paragraph; these are what a feed brings, mostly with none, so the two
bracket what the analysis after the parse costs (``docs/scaling.md``). The texts are read
from ``../shared`` and written outside the repository: they are third-party articles.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

BODIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc1" / "train_bodies.csv"


def read_bodies(path: Path = BODIES) -> list[tuple[int, str]]:
    """(Body ID, article body) of every row of FNC-1's ``train_bodies.csv``, ordered by Body ID."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as bodies:
        rows = [(int(row["Body ID"]), row["articleBody"]) for row in csv.DictReader(bodies)]
    return sorted(rows)


def write_bodies(out: Path, limit: int | None = None, path: Path = BODIES) -> list[Path]:
    """Write the bodies (the first `limit` by Body ID, or all) as ``fnc1-ID.txt`` files into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for body_id, body in read_bodies(path)[:limit]:
        target = out / f"fnc1-{body_id:05d}.txt"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the articles into")
    parser.add_argument("--limit", type=int, help="only the first N bodies by Body ID")
    parser.add_argument("--bodies", type=Path, default=BODIES, help=f"train_bodies.csv (default {BODIES})")
    args = parser.parse_args()
    if not args.bodies.exists():
        parser.error(f"{args.bodies} not found: FNC-1 is read from ../shared/data/fnc1 beside the repository")
    written = write_bodies(args.out, args.limit, args.bodies)
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in written)
    print(f"wrote {len(written)} FNC-1 article bodies ({words} words) to {args.out}")


if __name__ == "__main__":
    main()
