"""Peak memory of ingesting 20,000 articles: resident memory must not grow with the corpus (issue 8).

Usage (from the repository root):

    .venv/bin/python benchmarks/memory.py [--docs 20000] [--seed 0] [--corpus DIR] [--samples FILE]
                                          [--workers N] [--link-every N] [--keep DIR]

Generates ``--docs`` synthetic articles (benchmarks/synthetic_corpus.py) into a temporary
folder, or reads ``--corpus``, then runs ``claimtrace.ingest.ingest`` of the folder into a
fresh SQLite store in a child process (this script with ``--child``), which reports each
document as it is finished. The parent samples the child's resident set size (VmRSS of
/proc/PID/status) every ``--interval`` seconds and prints RSS when 5,000, 10,000, 15,000
and 20,000 documents are done, the peak while documents are analysed and the peak while
the corpus is linked at the end, and the child's own high-water mark (VmHWM). Target:
below 2 GiB. ``--samples FILE`` writes every sample as CSV (seconds, documents, RSS MiB) as it
is taken, so a run that is stopped keeps them.
``--workers N`` analyses on a local Dask cluster of N workers (``claimtrace ingest --workers``):
RSS is then the sum over the child and every process under it (nannies and workers), and the
child's own RSS is printed beside it. ``--link-every N`` is ingest's option of that name
(link every N stored documents; 0 links once, at the end).
``--keep DIR`` keeps the generated corpus and the store in DIR (``DIR/corpus``, ``DIR/kb.db``)
instead of a temporary folder; run again with the same DIR to resume a run that was stopped:
ingest skips the documents already stored by content hash and links what the stopped run left
unlinked, as ``claimtrace ingest`` resumes, and the checkpoints already passed are not reported
again (the resumed process's RSS starts from nothing, so say so when you report its peak).
The run takes hours on a shared two-core machine: start it in the background.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import write_corpus  # noqa: E402

TARGET_MIB = 2048
DONE = "done"  # child -> parent, one line per finished input: "done N"
LINKING = "linking"  # child -> parent: every input is finished, the corpus is being linked
FINISHED = "finished"  # child -> parent: "finished HWM_KIB" and the ingest summary


def status_kib(pid: int, field_name: str) -> int | None:
    """A memory field of /proc/PID/status in KiB (VmRSS, VmHWM), None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def tree_rss_kib(pid: int) -> tuple[int, int] | None:
    """Resident memory of a process and of every process under it, and of the process alone (KiB)."""
    own = status_kib(pid, "VmRSS")
    if own is None:
        return None
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += status_kib(current, "VmRSS") or 0
        pending += children.get(current, [])
    return total, own


def child(folder: Path, db: Path, workers: int = 0, link_every: int = 1000) -> int:
    """Ingest ``folder`` into ``db``, telling the parent how far it is (stdout, line by line)."""
    from claimtrace.ingest import ingest
    from claimtrace.options import Options
    from claimtrace.store import open_store

    done = 0
    total = corpus_size(folder)

    def tick(origin: str) -> None:
        nonlocal done
        done += 1
        print(f"{DONE} {done}", flush=True)
        if done == total:
            print(LINKING, flush=True)

    with open_store(db) as store:
        report = ingest([folder], store, Options(progress=False, workers=workers, link_every=link_every),
                        on_progress=tick)
    print(f"{FINISHED} {status_kib(os.getpid(), 'VmHWM')} {report.summary()}; "
          f"{report.link.summary() if report.link else ''}", flush=True)
    return 0


@dataclass(slots=True)
class Progress:
    """What the child said last, and when it started linking."""

    done: int = 0
    linking_at: float | None = None
    finished: str | None = None
    lines: list[str] = field(default_factory=list)


def follow(stream: object, progress: Progress, started: float) -> None:
    for line in stream:  # type: ignore[attr-defined]
        line = line.strip()
        if line.startswith(DONE):
            progress.done = int(line.split()[1])
        elif line == LINKING:
            progress.linking_at = time.perf_counter() - started
        elif line.startswith(FINISHED):
            progress.finished = line
        else:
            progress.lines.append(line)


def run(folder: Path, db: Path, interval: float, checkpoints: list[int], samples_path: Path | None,
        workers: int = 0, link_every: int = 1000) -> tuple[list[tuple[float, int, float]], Progress, int]:
    command = [sys.executable, __file__, "--child", str(folder), str(db),
               "--workers", str(workers), "--link-every", str(link_every)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = time.perf_counter()
    progress = Progress()
    reader = threading.Thread(target=follow, args=(process.stdout, progress, started), daemon=True)
    reader.start()
    samples: list[tuple[float, int, float]] = []
    next_checkpoint = 0
    own_peak = 0
    with ExitStack() as stack:
        sample_writer = None
        if samples_path is not None:
            handle = stack.enter_context(samples_path.open("w", newline="", encoding="utf-8"))
            sample_writer = csv.writer(handle)
            sample_writer.writerow(["seconds", "documents", "rss_mib"])
        while process.poll() is None:
            sizes = tree_rss_kib(process.pid)
            if sizes is not None:
                rss, own = sizes
                own_peak = max(own_peak, own)
                elapsed = time.perf_counter() - started
                samples.append((elapsed, progress.done, rss / 1024))
                if sample_writer is not None:
                    sample_writer.writerow([f"{elapsed:.1f}", progress.done, f"{rss / 1024:.1f}"])
                    handle.flush()
                while next_checkpoint < len(checkpoints) and progress.done >= checkpoints[next_checkpoint]:
                    print(f"  {checkpoints[next_checkpoint]:>6} documents: RSS {rss / 1024:7.0f} MiB "
                          f"(the ingest process alone {own / 1024:.0f}; {elapsed / 60:.1f} min)", flush=True)
                    next_checkpoint += 1
            time.sleep(interval)
    reader.join(timeout=10)
    if workers:
        print(f"  peak of the ingest process alone (the writer): {own_peak / 1024:.0f} MiB", flush=True)
    return samples, progress, process.returncode


def report(samples: list[tuple[float, int, float]], progress: Progress, checkpoints: list[int], docs: int) -> bool:
    linking_at = progress.linking_at if progress.linking_at is not None else float("inf")
    analysing = [rss for t, _, rss in samples if t < linking_at]
    linking = [rss for t, _, rss in samples if t >= linking_at]
    print(f"\ndocuments: {docs}; load at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for checkpoint in checkpoints:
        at = next((rss for _, done, rss in samples if done >= checkpoint), None)
        print(f"  RSS at {checkpoint:>6} documents: " + (f"{at:7.0f} MiB" if at is not None else "not reached"))
    if analysing:
        print(f"  peak while reading, analysing, storing: {max(analysing):7.0f} MiB")
    if linking:
        print(f"  peak while linking the corpus:          {max(linking):7.0f} MiB "
              f"(linking took {samples[-1][0] - linking_at:.0f} s)")
    hwm_mib = None
    if progress.finished:
        parts = progress.finished.split(maxsplit=2)
        hwm_mib = int(parts[1]) / 1024 if parts[1].isdigit() else None
        if hwm_mib is not None:
            print(f"  child's high-water mark (VmHWM):         {hwm_mib:7.0f} MiB")
        if len(parts) > 2:
            print(f"  {parts[2]}")
    for line in progress.lines[-10:]:
        print(f"  child: {line}")
    peak = max([hwm_mib or 0.0] + [rss for _, _, rss in samples])
    met = bool(samples) and progress.finished is not None and peak < TARGET_MIB
    print(f"peak {peak:.0f} MiB; target < {TARGET_MIB} MiB: {'met' if met else 'NOT met'}"
          f"{'' if progress.finished else ' (the child did not finish)'}; "
          f"run took {samples[-1][0] / 60:.1f} min" if samples else "no samples")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="ingest this folder instead of generating one")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between RSS samples")
    parser.add_argument("--samples", type=Path, help="write every sample to this CSV file")
    parser.add_argument("--workers", type=int, default=0, help="analyse on a local Dask cluster of N workers")
    parser.add_argument("--link-every", type=int, default=1000, help="link every N stored documents (0: at the end)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the corpus and store in DIR; run again with the same DIR to resume")
    parser.add_argument("--child", nargs=2, type=Path, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        folder, db = args.child
        return child(folder, db, workers=args.workers, link_every=args.link_every)
    with ExitStack() as stack:
        if args.keep is not None:
            scratch = args.keep
            scratch.mkdir(parents=True, exist_ok=True)
        else:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="claimtrace-memory-")))
        folder = args.corpus or scratch / "corpus"
        if args.corpus is None and corpus_size(folder) < args.docs:
            write_corpus(folder, args.docs, seed=args.seed)  # the same documents every time: a kept one is reused
        docs = corpus_size(folder)
        stored = stored_documents(scratch / "kb.db")
        checkpoints = [n for n in (5_000, 10_000, 15_000, 20_000) if stored < n <= docs] or [docs]
        print(f"ingesting {docs} documents of {folder} in a child process (workers: {args.workers}, "
              f"link every {args.link_every}); load {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs", flush=True)
        if stored:
            print(f"resuming: {stored} documents are already in {scratch / 'kb.db'}", flush=True)
        samples, progress, code = run(folder, scratch / "kb.db", args.interval, checkpoints, args.samples,
                                      args.workers, args.link_every)
        met = report(samples, progress, checkpoints, docs)
    return 0 if met and code == 0 else 2


def corpus_size(folder: Path) -> int:
    """The documents of a corpus folder (0 when there is none yet)."""
    if not folder.is_dir():
        return 0
    return sum(1 for path in folder.iterdir() if path.suffix in (".txt", ".html"))


def stored_documents(db: Path) -> int:
    """The documents already in a kept store (0 for a new one)."""
    if not db.exists():
        return 0
    from claimtrace.store import open_store

    with open_store(db) as store:
        return store.document_count()


if __name__ == "__main__":
    sys.exit(main())
