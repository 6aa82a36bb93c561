"""The ``claimtrace`` command group and what its commands share: options, consoles, errors.

Only the command line turns errors into exit codes: 0 all good, 1 an error
stopped the command, 3 the command finished but some inputs were rejected.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import NoReturn

import click
from rich.console import Console
from rich.markup import escape

from claimtrace import __version__
from claimtrace.errors import ClaimtraceError

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


def _fail(message: str) -> NoReturn:
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


sources_option = click.option(
    "--sources", "sources_path", default=None, type=click.Path(exists=True, dir_okay=False),
    help="Source registry (YAML or TOML) rating sources A-F; also read: ~/.config/claimtrace/sources.yaml "
         "and sources.yaml next to the knowledge base.")


def existing_store(db_path: str):  # type: ignore[no-untyped-def]
    from claimtrace.store import open_store
    from claimtrace.store.location import display_location, store_exists

    if not store_exists(db_path):
        shown = display_location(db_path)
        raise click.UsageError(f"no knowledge base at {shown}; create one with 'claimtrace ingest PATH --db {shown}'")
    return open_store(db_path)
