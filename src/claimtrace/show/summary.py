"""The one line every command ends with: ``<command>: <what it did>``, on standard error.

Standard error, because standard output is the command's data (a table, a
listing, an export written to ``-``) and a script piping it should get only
that, while whoever runs the command still reads what happened.
"""

from __future__ import annotations

from rich.console import Console

_STDERR = Console(stderr=True)  # resolves sys.stderr when printing, so a redirected stderr is honoured


def summary_line(command: str, what: str) -> str:
    """The summary of a command, on one line whatever the text holds."""
    return f"{command}: {' '.join(what.split())}"


def print_summary(command: str, what: str) -> None:
    """Print the summary line of ``command``: not wrapped, not styled (text from documents may look like markup)."""
    _STDERR.print(summary_line(command, what), markup=False, highlight=False, soft_wrap=True, emoji=False)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 story", "14 stories": the count with the noun in the right number."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
