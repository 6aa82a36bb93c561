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


@main.command()
@db_option
@click.option("--all", "show_all", is_flag=True, help="Also list stories with a single claim.")
def stories(db_path: str, show_all: bool) -> None:
    """List stories: claims about the same event grouped across documents.

    \b
    Example:
      claimtrace stories --db kb.db
    """
    from claimtrace.show.terminal import print_stories

    with _existing_store(db_path) as store:
        print_stories(console, store, show_all)


@main.command()
@click.argument("story_id")
@db_option
def story(story_id: str, db_path: str) -> None:
    """Show every claim of one story (id or id prefix): source, cue, polarity, certainty, time, evidence.

    \b
    Example:
      claimtrace story 3f2a --db kb.db
    """
    from claimtrace.show.terminal import print_story

    with _existing_store(db_path) as store:
        print_story(console, store, story_id)


@main.command()
@db_option
def contradictions(db_path: str) -> None:
    """List contradictions and tensions between claims of the same story.

    \b
    Example:
      claimtrace contradictions --db kb.db
    """
    from claimtrace.show.terminal import print_contradictions

    with _existing_store(db_path) as store:
        print_contradictions(console, store)


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


def _existing_store(db_path: str):  # type: ignore[no-untyped-def]
    from claimtrace.store import open_store

    if db_path != ":memory:" and not Path(db_path).exists():
        raise click.UsageError(f"no knowledge base at {db_path}; create one with 'claimtrace ingest PATH --db {db_path}'")
    return open_store(db_path)


if __name__ == "__main__":
    main()
