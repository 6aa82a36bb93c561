"""The ``claimtrace`` command line: a thin layer over the Python API.

Only this module turns errors into exit codes: 0 all good, 1 an error stopped
the command, 3 the command finished but some inputs were rejected.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from rich.console import Console

from claimtrace import __version__
from claimtrace.errors import ClaimtraceError
from claimtrace.options import Options

EXIT_REJECTED = 3
DEFAULT_DB = "claimtrace.db"

console = Console()
errors = Console(stderr=True)

db_option = click.option(
    "--db", "db_path", default=lambda: os.environ.get("CLAIMTRACE_DB", DEFAULT_DB), show_default=DEFAULT_DB,
    type=click.Path(dir_okay=False), help="SQLite file of the knowledge base (env CLAIMTRACE_DB).")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ClaimtraceError as error:
            errors.print(f"[red]error:[/red] {error}", highlight=False)
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
def ingest(paths: tuple[str, ...], db_path: str, max_size_mb: float, quiet: bool) -> None:
    """Read files or folders (.txt .md .html .htm .jsonl) into the knowledge base.

    Documents already stored (same content) are skipped; unreadable inputs are
    recorded as rejected and the run goes on (exit code 3 when any was rejected).

    \b
    Example:
      claimtrace ingest reports/ feed.jsonl --db kb.db
    """
    from claimtrace.ingest import ingest as run_ingest
    from claimtrace.show.progress import ingest_progress
    from claimtrace.show.terminal import print_ingest_summary
    from claimtrace.store import open_store

    options = Options(max_size_mb=max_size_mb, progress=not quiet)
    with open_store(db_path) as store, ingest_progress(paths, enabled=options.progress, console=console) as tick:
        report = run_ingest(paths, store, options, on_progress=tick)
    with open_store(db_path) as store:
        print_ingest_summary(console, report, store, db_path)
    if report.rejected:
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
            print_overview(console, store)
        else:
            print_document(console, store, document)


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
        print_stories(console, store, show_all, SourceRegistry.load(sources_path, db_path))


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
        print_story(console, store, story_id, SourceRegistry.load(sources_path, db_path))


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
        print_contradictions(console, store, kind)


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
        print_entities(console, store, limit)


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
    from claimtrace.store import open_store

    with tempfile.TemporaryDirectory() as scratch:
        path = db_path or str(Path(scratch) / "eval.db")
        with open_store(path) as store:
            report = run_ingest([folder], store, Options(progress=False))
            names = set(report.stored) | set(report.skipped)
            documents = [d for d in store.load_documents() if d.name in names]
            data = build_eval_export(documents, store.entities(), store.stories(), store.contradictions())
    write_eval_export(data, out_path)
    console.print(f"eval export: {len(data['documents'])} documents, "
                  f"{sum(len(d['attributions']) for d in data['documents'])} attributions, "
                  f"{sum(len(d['event_claims']) for d in data['documents'])} event claims, "
                  f"{len(data['stories'])} stories, {len(data['contradictions'])} contradictions -> {out_path}")
    for rejection in report.rejected:
        errors.print(f"rejected: {rejection.origin}: {rejection.reason}", highlight=False)


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
    from claimtrace.stance.data import read_fnc
    from claimtrace.stance.model import train

    pairs = read_fnc(Path(data_dir) / "train_stances.csv", Path(data_dir) / "train_bodies.csv")
    train(pairs).save(out_path)
    console.print(f"stance model trained on {len(pairs)} pairs -> {out_path}")


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
    from claimtrace.stance.check import check_claim, print_matches
    from claimtrace.stance.model import load_model

    with _existing_store(db_path) as store:
        print_matches(console, claim, check_claim(claim, store, load_model(model_path), show_all))


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
    from claimtrace.stance.data import read_fnc, write_fnc_predictions
    from claimtrace.stance.fnc import fnc_score, report
    from claimtrace.stance.model import load_model

    pairs = read_fnc(stances_csv, bodies_csv)
    stances = [p.stance for p in load_model(model_path).predict(pairs)]
    write_fnc_predictions(out_path, pairs, stances)
    console.print(f"{len(pairs)} stances -> {out_path}")
    if pairs and all(p.stance for p in pairs):
        console.print(report(fnc_score([p.stance or "" for p in pairs], stances)), highlight=False)


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
    _existing_store(db_path).close()
    console.print(f"claimtrace: serving {db_path} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
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

    with _existing_store(db_path) as store:
        rows = build_register(store, SourceRegistry.load(sources_path, db_path))
    written = write_register_csv(rows, csv_path)
    statuses = Counter(row.status for row in rows)
    detail = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    console.print(f"register: {written} arms transfers{f' ({detail})' if detail else ''} -> {csv_path}",
                  highlight=False)


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

    _existing_store(db_path).close()
    summary = write_static_site(StaticSiteOptions(db_path=db_path, out_dir=html_dir, sources_path=sources_path))
    console.print(summary.line(), highlight=False, soft_wrap=True)


@main.command()
@db_option
@click.option("--graphml", "graphml_path", required=True, type=click.Path(dir_okay=False),
              help="GraphML file to write: the entity graph (who claims what about whom), for Gephi.")
def export(db_path: str, graphml_path: str) -> None:
    """Export the knowledge base for other tools: the entity graph as GraphML for Gephi.

    \b
    Example:
      claimtrace export --graphml entities.graphml --db kb.db
    """
    from claimtrace.export.graphml import write_graphml

    with _existing_store(db_path) as store:
        graph = write_graphml(store, graphml_path)
    console.print(f"export: {len(graph.entities)} entities, {len(graph.edges)} statement edges -> {graphml_path}",
                  highlight=False, soft_wrap=True)


def _existing_store(db_path: str):  # type: ignore[no-untyped-def]
    from claimtrace.store import open_store

    if db_path != ":memory:" and not Path(db_path).exists():
        raise click.UsageError(f"no knowledge base at {db_path}; create one with 'claimtrace ingest PATH --db {db_path}'")
    return open_store(db_path)


if __name__ == "__main__":
    main()
