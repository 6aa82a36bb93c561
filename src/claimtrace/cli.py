"""The ``claimtrace`` command line: a thin layer over the Python API.

Only this module turns errors into exit codes: 0 all good, 1 an error stopped
the command, 3 the command finished but some inputs were rejected.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from claimtrace import __version__
from claimtrace.errors import ClaimtraceError
from claimtrace.options import Options
from claimtrace.show.summary import plural, print_summary

EXIT_REJECTED = 3
DEFAULT_DB = "claimtrace.db"

console = Console()
errors = Console(stderr=True)

db_option = click.option(
    "--db", "db_path", default=lambda: os.environ.get("CLAIMTRACE_DB", DEFAULT_DB), show_default=DEFAULT_DB,
    type=click.Path(dir_okay=False),
    help="SQLite file of the knowledge base, or a PostgreSQL URL postgresql://user@host:5432/name (env CLAIMTRACE_DB).")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ClaimtraceError as error:
            _fail(str(error))
        except sqlite3.Error as error:  # PostgreSQL errors are raised as these too (store/postgres.py)
            _fail(f"the knowledge base failed: {' '.join(str(error).split())}")


def _fail(message: str) -> None:
    # the message quotes values ("claimtrace[ftm]", file names): printed as written, on one line
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimtrace")
def main() -> None:
    """Who says what happened, who denies it, how firmly, and how far to trust it.

    \b
    Example:
      claimtrace ingest examples/corpus --db kb.db
      claimtrace stories --db kb.db
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--max-size", "max_size_mb", default=50.0, show_default=True, help="Reject inputs larger than this (MB).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Read and analyse on N local worker processes (Dask; the 'scale' extra).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Read and analyse on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786.")
def ingest(paths: tuple[str, ...], db_path: str, max_size_mb: float, quiet: bool, workers: int | None,
           scheduler: str | None) -> None:
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

    options = Options(max_size_mb=max_size_mb, progress=not quiet, workers=workers or 0, scheduler=scheduler)
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


@main.command()
@click.argument("document", required=False)
@db_option
def show(document: str | None, db_path: str) -> None:
    """Summarise the knowledge base, or show one DOCUMENT (name or id prefix).

    \b
    Example:
      claimtrace show --db kb.db
      claimtrace show ministry-denial --db kb.db
    """
    from claimtrace.show.terminal import print_document, print_overview

    with _existing_store(db_path) as store:
        if document is None:
            print_summary("show", print_overview(console, store))
        else:
            print_summary("show", print_document(console, store, document))


sources_option = click.option(
    "--sources", "sources_path", default=None, type=click.Path(exists=True, dir_okay=False),
    help="Source registry (YAML or TOML) rating sources A-F; also read: ~/.config/claimtrace/sources.yaml "
         "and sources.yaml next to the knowledge base.")


@main.command()
@db_option
@click.option("--all", "show_all", is_flag=True, help="Also list stories with a single claim.")
@sources_option
def stories(db_path: str, show_all: bool, sources_path: str | None) -> None:
    """List stories: claims about the same event grouped across documents, with an Admiralty rating.

    \b
    Example:
      claimtrace stories --db kb.db --sources my-sources.yaml
    """
    from claimtrace.link.registry import SourceRegistry
    from claimtrace.show.terminal import print_stories

    with _existing_store(db_path) as store:
        print_summary("stories", print_stories(console, store, show_all, SourceRegistry.load(sources_path, db_path)))


@main.command()
@click.argument("story_id")
@db_option
@sources_option
def story(story_id: str, db_path: str, sources_path: str | None) -> None:
    """Show every claim of one story (id or id prefix): source, cue, polarity, certainty, time, evidence,
    with the story's rating and its reasons, its independent sources and its contradictions.

    \b
    Example:
      claimtrace story 3f2a --db kb.db
    """
    from claimtrace.link.registry import SourceRegistry
    from claimtrace.show.terminal import print_story

    with _existing_store(db_path) as store:
        print_summary("story", print_story(console, store, story_id, SourceRegistry.load(sources_path, db_path)))


@main.command()
@db_option
@click.option("--kind", type=click.Choice(["contradiction", "tension"]), default=None,
              help="Only contradictions (opposite polarity) or only tensions (certainty, dates, details).")
def contradictions(db_path: str, kind: str | None) -> None:
    """List contradictions and tensions between claims of the same story.

    \b
    Example:
      claimtrace contradictions --db kb.db --kind contradiction
    """
    from claimtrace.show.terminal import print_contradictions

    with _existing_store(db_path) as store:
        print_summary("contradictions", print_contradictions(console, store, kind))


@main.command()
@db_option
@click.option("--limit", default=40, show_default=True, help="How many entities to list (most mentioned first).")
def entities(db_path: str, limit: int) -> None:
    """List entities resolved across documents, with their spellings.

    \b
    Example:
      claimtrace entities --db kb.db --limit 20
    """
    from claimtrace.show.terminal import print_entities

    with _existing_store(db_path) as store:
        print_summary("entities", print_entities(console, store, limit))


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


@main.command("train-stance")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder with FNC-1 train_stances.csv and train_bodies.csv.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="Model file to write.")
def train_stance(data_dir: str, out_path: str) -> None:
    """Train the stance model (agree / disagree / discuss / unrelated) on FNC-1-format data.

    \b
    Example:
      claimtrace train-stance --data ../shared/data/fnc1 --out stance.joblib
    """
    from claimtrace.show.progress import working
    from claimtrace.stance.data import read_fnc
    from claimtrace.stance.model import train

    pairs = read_fnc(Path(data_dir) / "train_stances.csv", Path(data_dir) / "train_bodies.csv")
    with working(f"training the stance model on {len(pairs)} pairs", errors):
        model = train(pairs)
    model.save(out_path)
    print_summary("train-stance", f"stance model trained on {len(pairs)} pairs -> {out_path}")


@main.command()
@click.argument("claim")
@db_option
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Stance model file (default: the shipped one).")
@click.option("--all", "show_all", is_flag=True, help="Also list unrelated documents.")
def check(claim: str, db_path: str, model_path: str | None, show_all: bool) -> None:
    """Check CLAIM against the knowledge base: every document that agrees, disagrees or discusses it.

    \b
    Example:
      claimtrace check "Kazakhstan sold weapons to Azerbaijan in November 2020" --db kb.db
    """
    from collections import Counter

    from claimtrace.show.progress import working
    from claimtrace.stance.check import check_claim, print_matches
    from claimtrace.stance.model import load_model

    with _existing_store(db_path) as store, working("reading the documents against the claim", errors):
        matches = check_claim(claim, store, load_model(model_path), show_all)
    print_matches(console, claim, matches)
    stances = Counter(match.stance for match in matches)
    print_summary("check", f"{plural(len(matches), 'segment')} of documents on the claim"
                           + "".join(f", {count} {stance}" for stance, count in sorted(stances.items())))


@main.command()
@click.argument("query", required=False, default="")
@db_option
@click.option("--entity", default=None, help="Only hits about or by this entity (key or name, as 'claimtrace entities' "
                                             "lists it).")
@click.option("--type", "event_type", default=None, help="Only claims of this event type, and documents with one "
                                                         "(e.g. arms_transfer).")
@click.option("--source", default=None, help="Only hits from this outlet or source (name or entity key).")
@click.option("--since", default=None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD): when a document was "
                                            "published, when a claim's event took place.")
@click.option("--until", default=None, help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--kind", type=click.Choice(["all", "documents", "claims"]), default="all", show_default=True,
              help="Search documents, claims or both.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500), help="How many hits to show.")
def search(query: str, db_path: str, entity: str | None, event_type: str | None, source: str | None,
           since: str | None, until: str | None, kind: str, limit: int) -> None:
    """Search documents and claims for QUERY: words (all must match), "a phrase", prefix*, OR, -word.

    Best hits first, each with its snippet; without QUERY, a filter lists its hits, latest first.

    \b
    Example:
      claimtrace search "patrol boats" --type arms_transfer --since 2021 --db kb.db
    """
    from claimtrace.show.search import print_search
    from claimtrace.store.search import SearchRequest, search as run_search

    request = SearchRequest(text=query, entity=entity, event_type=event_type, source=source, since=since,
                            until=until, kind=kind, limit=limit)
    with _existing_store(db_path) as store:
        print_summary("search", print_search(console, run_search(store, request)))


@main.command("stance-fnc")
@click.argument("stances_csv", type=click.Path(exists=True, dir_okay=False))
@click.argument("bodies_csv", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="CSV of predictions to write.")
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Stance model file (default: the shipped one).")
def stance_fnc(stances_csv: str, bodies_csv: str, out_path: str, model_path: str | None) -> None:
    """Predict the Stance of every row of FNC-1-format files; scores them when they carry a Stance.

    \b
    Example:
      claimtrace stance-fnc test_stances.csv test_bodies.csv --out predictions.csv
    """
    from claimtrace.show.progress import working
    from claimtrace.stance.data import read_fnc, write_fnc_predictions
    from claimtrace.stance.fnc import fnc_score, report
    from claimtrace.stance.model import load_model

    pairs = read_fnc(stances_csv, bodies_csv)
    with working(f"predicting {len(pairs)} stances", errors):
        stances = [p.stance for p in load_model(model_path).predict(pairs)]
    write_fnc_predictions(out_path, pairs, stances)
    if pairs and all(p.stance for p in pairs):
        console.print(report(fnc_score([p.stance or "" for p in pairs], stances)), highlight=False)
    print_summary("stance-fnc", f"{len(pairs)} stances -> {out_path}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; any address but a loopback one needs --token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", default=lambda: os.environ.get("CLAIMTRACE_TOKEN"),
              help="Secret every request must carry (?token=..., then a cookie) (env CLAIMTRACE_TOKEN).")
@sources_option
def serve(db_path: str, host: str, port: int, token: str | None, sources_path: str | None) -> None:
    """Serve the web app over the knowledge base: overview, stories, documents, entities, register.

    Pages are rendered on this machine and need nothing from the internet.

    \b
    Example:
      claimtrace serve --db kb.db --port 8765
      claimtrace serve --db kb.db --host 0.0.0.0 --token s3cret
    """
    from claimtrace.web.access import TokenRequired, check_binding
    from claimtrace.web.app import ServeOptions, serve as run_server

    try:
        check_binding(host, token)
    except TokenRequired as error:
        raise click.UsageError(str(error)) from error
    with _existing_store(db_path) as store:
        shown = store.path
    print_summary("serve", f"serving {shown} on http://{host}:{port}/ (Ctrl-C stops)")
    run_server(ServeOptions(db_path=db_path, host=host, port=port, token=token, sources_path=sources_path))


@main.command()
@db_option
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False), help="CSV file to write.")
@sources_option
def register(db_path: str, csv_path: str, sources_path: str | None) -> None:
    """Write the SIPRI-style register of reported arms transfers (supplier, recipient, item, quantity,
    date, status, sources) as CSV.

    \b
    Example:
      claimtrace register --csv transfers.csv --db kb.db
    """
    from collections import Counter

    from claimtrace.export.register import build_register, write_register_csv
    from claimtrace.link.registry import SourceRegistry
    from claimtrace.show.progress import working

    with _existing_store(db_path) as store, working("rating the arms transfers", errors):
        rows = build_register(store, SourceRegistry.load(sources_path, db_path))
    written = write_register_csv(rows, csv_path)
    statuses = Counter(row.status for row in rows)
    detail = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    print_summary("register", f"{written} arms transfers{f' ({detail})' if detail else ''} -> {csv_path}")


@main.command()
@db_option
@click.option("--html", "html_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write the pages to (created if missing).")
@sources_option
def report(db_path: str, html_dir: str, sources_path: str | None) -> None:
    """Write the web app's pages (overview, stories, documents, entities, register) as static HTML.

    The folder opens from disk (index.html) without a server and links only to itself.

    \b
    Example:
      claimtrace report --html kb-report --db kb.db
    """
    from claimtrace.export.static_site import StaticSiteOptions, write_static_site
    from claimtrace.show.progress import working

    _existing_store(db_path).close()
    with working(f"writing the pages to {html_dir}", errors):
        summary = write_static_site(StaticSiteOptions(db_path=db_path, out_dir=html_dir, sources_path=sources_path))
    print_summary("report", summary.line())


@main.command()
@db_option
@click.option("--graphml", "graphml_path", default=None, type=click.Path(dir_okay=False),
              help="GraphML file to write: the entity graph (who claims what about whom), for Gephi.")
@click.option("--ftm", "ftm_path", default=None, type=click.Path(dir_okay=False, allow_dash=True),
              help="JSON-lines file of FollowTheMoney entities to write, for Aleph ('-': standard output); "
                   "needs pip install 'claimtrace[ftm]'.")
@click.option("--claimreview", "claimreview_path", default=None, type=click.Path(dir_okay=False, allow_dash=True),
              help="JSON-LD file to write: a schema.org ClaimReview per rated story ('-': standard output).")
@click.option("--base-url", default=None, metavar="URL",
              help="Where the story pages are published ('claimtrace serve' or report); gives each ClaimReview "
                   "its url URL/story/ID.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@sources_option
def export(db_path: str, graphml_path: str | None, ftm_path: str | None, claimreview_path: str | None,
           base_url: str | None, quiet: bool, sources_path: str | None) -> None:
    """Export the knowledge base for other tools: the entity graph as GraphML for Gephi, FollowTheMoney
    entities for Aleph, ClaimReview JSON-LD for fact-check search. Give one or more.

    \b
    Example:
      claimtrace export --graphml entities.graphml --db kb.db
      claimtrace export --ftm kb.ftm.jsonl --claimreview reviews.jsonld --db kb.db
    """
    from claimtrace.export.claimreview import claim_reviews, write_claim_reviews
    from claimtrace.export.ftm import export_ftm, load_model
    from claimtrace.export.graphml import write_graphml
    from claimtrace.link.registry import SourceRegistry
    from claimtrace.show.progress import task_progress

    targets = [path for path in (graphml_path, ftm_path, claimreview_path) if path]
    if not targets:
        raise click.UsageError("nothing to export: give --graphml FILE, --ftm FILE or --claimreview FILE (or several)")
    if targets.count("-") > 1:
        raise click.UsageError("only one export can go to standard output ('-')")
    if ftm_path:
        load_model()  # a missing extra stops the command before it writes anything
    done = []
    with _existing_store(db_path) as store:
        registry = SourceRegistry.load(sources_path, db_path)
        if graphml_path:
            graph = write_graphml(store, graphml_path)
            done.append(f"{len(graph.entities)} entities, {len(graph.edges)} statement edges -> {graphml_path}")
        if ftm_path:
            documents = len(store.documents())
            with click.open_file(ftm_path, "w", encoding="utf-8") as stream, \
                    task_progress("FtM", documents, errors, enabled=not quiet and ftm_path != "-") as tick:
                done.append(export_ftm(store, stream, ftm_path, registry, tick).line())
        if claimreview_path:
            reviews = claim_reviews(store, registry, base_url=base_url)
            with click.open_file(claimreview_path, "w", encoding="utf-8") as stream:
                done.append(f"{plural(write_claim_reviews(reviews, stream), 'ClaimReview')} -> {claimreview_path}")
    print_summary("export", "; ".join(done))


def _existing_store(db_path: str):  # type: ignore[no-untyped-def]
    from claimtrace.store import open_store
    from claimtrace.store.location import display_location, store_exists

    if not store_exists(db_path):
        shown = display_location(db_path)
        raise click.UsageError(f"no knowledge base at {shown}; create one with 'claimtrace ingest PATH --db {shown}'")
    return open_store(db_path)


if __name__ == "__main__":
    main()
