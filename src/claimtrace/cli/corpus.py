"""Commands that read documents into the knowledge base: ingest, watch, eval-export."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
from rich.markup import escape

from claimtrace.cli.base import console, db_option, errors, EXIT_REJECTED, main
from claimtrace.options import Options
from claimtrace.show.summary import plural, print_summary


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--max-size", "max_size_mb", default=50.0, show_default=True, help="Reject inputs larger than this (MB).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Read and analyse on N local worker processes (Dask; the 'scale' extra).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Read and analyse on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--link-every", type=click.IntRange(min=0), default=Options().link_every, show_default=True,
              metavar="N", help="Link every N stored documents into the corpus as the run goes (0: at the end only).")
def ingest(paths: tuple[str, ...], db_path: str, max_size_mb: float, quiet: bool, workers: int | None,
           scheduler: str | None, link_every: int) -> None:
    """Read files or folders (.txt .md .html .htm .jsonl) into the knowledge base.

    Documents already stored (same content) are skipped; unreadable inputs are
    recorded as rejected and the run goes on (exit code 3 when any was rejected).
    With --workers or --scheduler, reading and analysis run on a Dask cluster and
    this process writes the store: the result is the same.

    \b
    Example:
      claimtrace ingest reports/ feed.jsonl --db kb.db
      claimtrace ingest reports/ --workers 4 --db kb.db
    """
    from claimtrace.ingest import ingest as run_ingest
    from claimtrace.show.progress import ingest_progress
    from claimtrace.show.terminal import print_ingest_summary
    from claimtrace.store import open_store

    options = Options(max_size_mb=max_size_mb, progress=not quiet, workers=workers or 0, scheduler=scheduler,
                      link_every=link_every)
    with open_store(db_path) as store, ingest_progress(paths, enabled=options.progress, console=console) as tick:
        report = run_ingest(paths, store, options, on_progress=tick)
    with open_store(db_path) as store:
        done = print_ingest_summary(console, report, store, store.path)
    print_summary("ingest", done)
    if report.rejected:
        sys.exit(EXIT_REJECTED)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="RSS or Atom feed to poll (repeat for more).")
@click.option("--interval", default=300.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds between polls.")
@db_option
@click.option("--once", is_flag=True, help="Poll once and exit (exit code 3 when something was rejected).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to wait for a feed or page to answer.")
@click.option("--max-size", "max_size_mb", default=50.0, show_default=True, help="Reject inputs larger than this (MB).")
def watch(paths: tuple[str, ...], feeds: tuple[str, ...], interval: float, db_path: str, once: bool,
          timeout: float, max_size_mb: float) -> None:
    """Watch folders and RSS/Atom feeds: each poll ingests new or changed files and new feed items.

    A feed item's linked page is read (else the feed's summary). Ctrl-C stops
    between documents; a stopped watch resumes where it was.

    \b
    Example:
      claimtrace watch inbox/ --feed https://example.org/defence.rss --interval 600 --db kb.db
    """
    from claimtrace.read.fetch import FetchLimits
    from claimtrace.store import open_store
    from claimtrace.watch import PollReport, StopSignal, WatchOptions, watch as run_watch

    if not paths and not feeds:
        raise click.UsageError("nothing to watch: give a folder or file, or --feed URL")
    options = WatchOptions(paths=list(paths), feeds=list(feeds), interval=interval, once=once,
                           fetch=FetchLimits(timeout=timeout, max_bytes=int(max_size_mb * 2**20)),
                           ingest=Options(max_size_mb=max_size_mb, progress=False))

    totals = {"polls": 0, "stored": 0, "skipped": 0, "rejected": 0}

    def print_poll(report: PollReport) -> None:
        for rejection in report.rejected:
            console.print(f"[yellow]rejected[/yellow] {escape(rejection.origin)}: {escape(rejection.reason)}",
                          highlight=False, soft_wrap=True)
        console.print(report.summary(), markup=False, highlight=False, soft_wrap=True)
        for key, count in (("polls", 1), ("stored", report.stored), ("skipped", report.skipped),
                           ("rejected", len(report.rejected))):
            totals[key] += count

    stop = StopSignal()
    with open_store(db_path) as store, stop.on_signals():
        last = run_watch(store, options, stop, print_poll)
    print_summary("watch", f"{plural(totals['polls'], 'poll')}: {totals['stored']} stored, "
                           f"{totals['skipped']} already stored, {totals['rejected']} rejected"
                           f"{'; stopped' if stop.requested else ''}")
    if last.store_error:
        sys.exit(1)
    if once and last.rejected:
        sys.exit(EXIT_REJECTED)


@main.command("eval-export")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="JSON file to write.")
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="Keep the knowledge base in this file (default: a temporary one).")
def eval_export(folder: str, out_path: str, db_path: str | None) -> None:
    """Ingest FOLDER and write the evaluation export of shared/eval/SCHEMA.md.

    Document ids are file names without extension; offsets index the file's text as read.

    \b
    Example:
      claimtrace eval-export ../shared/corpus/seeds --out seeds-export.json
    """
    from claimtrace.export.evaluation import build_eval_export, write_eval_export
    from claimtrace.ingest import ingest as run_ingest
    from claimtrace.show.progress import ingest_progress
    from claimtrace.store import open_store

    with tempfile.TemporaryDirectory() as scratch:
        path = db_path or str(Path(scratch) / "eval.db")
        with open_store(path) as store, ingest_progress([folder], enabled=True, console=errors) as tick:
            report = run_ingest([folder], store, Options(progress=False), on_progress=tick)
            names = set(report.stored) | set(report.skipped)
            documents = [d for d in store.load_documents() if d.name in names]
            data = build_eval_export(documents, store.entities(), store.stories(), store.contradictions())
    write_eval_export(data, out_path)
    for rejection in report.rejected:
        errors.print(f"rejected: {rejection.origin}: {rejection.reason}", highlight=False)
    print_summary("eval-export", f"{len(data['documents'])} documents, "
                  f"{sum(len(d['attributions']) for d in data['documents'])} attributions, "
                  f"{sum(len(d['event_claims']) for d in data['documents'])} event claims, "
                  f"{len(data['stories'])} stories, {len(data['contradictions'])} contradictions -> {out_path}")
