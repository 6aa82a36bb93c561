"""A progress bar for ingest runs (rich), counting input files and JSONL records."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimtrace.read.sources import input_format, iter_input_files


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
def ingest_progress(paths: Iterable[str | Path], enabled: bool, console: Console) -> Iterator[Callable[[str], None]]:
    """Yields a callback that advances the bar by one finished input."""
    if not enabled:
        yield lambda origin: None
        return
    paths = list(paths)
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as progress:
        task = progress.add_task("", total=count_inputs(paths) or None)

        def tick(origin: str) -> None:
            progress.update(task, advance=1, description=Path(origin.split(":")[0]).name)

        yield tick
