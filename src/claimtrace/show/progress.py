"""Progress on the terminal (rich): a bar for work counted in items, a spinner for work that is not.

Both draw only on a terminal and leave nothing behind (transient), so piped
or captured output holds only what the command prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimtrace.read.sources import input_format, iter_input_files

Tick = Callable[[str], None]  # one more item done; the argument names it


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many inputs the paths hold, as ingest will walk them: a file each, a JSONL line each."""
    total = 0
    for item in iter_input_files(paths):
        if isinstance(item, Path) and input_format(item) == "jsonl":
            with contextlib.suppress(OSError):
                with item.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
                continue
        total += 1
    return total


@contextlib.contextmanager
def ingest_progress(paths: Iterable[str | Path], enabled: bool, console: Console) -> Iterator[Tick]:
    """Yields a callback that advances the bar by one finished input (its origin)."""
    if not enabled:
        yield lambda origin: None
        return
    paths = list(paths)
    with task_progress("ingest", count_inputs(paths), console) as tick:
        yield lambda origin: tick(Path(origin.split(":")[0]).name)


@contextlib.contextmanager
def task_progress(label: str, total: int | None, console: Console, enabled: bool = True) -> Iterator[Tick]:
    """A bar of ``total`` items (unknown: None or 0) labelled ``label``; yields the callback that advances it.

    Drawn on a terminal only: elsewhere rich would still end the bar with an empty line.
    """
    if not enabled or not console.is_terminal:
        yield lambda name: None
        return
    with Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}", markup=False), console=console, transient=True) as progress:
        task = progress.add_task("", total=total or None)

        def tick(name: str) -> None:
            progress.update(task, advance=1, description=name)

        yield tick


@contextlib.contextmanager
def working(what: str, console: Console) -> Iterator[None]:
    """A spinner saying what is being done, for work that cannot be counted (training, rating every story)."""
    with console.status(what):
        yield
