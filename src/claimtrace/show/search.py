"""Search hits on the terminal: what matched, where, with the matched words picked out.

Every piece of a document is added as plain :class:`~rich.text.Text`, never as
console markup, so a document holding "[bold]" or "[link=...]" prints as written.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from claimtrace.model import AUTHOR
from claimtrace.store.search_results import Fragment, SearchHit, SearchResults

_MATCH_STYLE = "bold yellow"
_SPACE = re.compile(r"\s+")  # a snippet spans line breaks: one line per snippet


def print_search(console: Console, results: SearchResults) -> str:
    """Each hit in three lines (what, where, the snippet); returns the summary: how many hits in how many documents."""
    for number, hit in enumerate(results.hits, start=results.first):
        console.print(_heading(number, hit))
        console.print(_where(hit))
        console.print(Text("    ").append_text(_fragments(hit.snippet)))
    line = results.summary()
    if results.has_more:
        line += f"; {results.first}-{results.last} shown (--limit shows more)"
    return line


def _heading(number: int, hit: SearchHit) -> Text:
    heading = Text(f"{number:>3}. ", style="bold").append(hit.kind, style="bold")
    if hit.claim is not None:
        claim = hit.claim
        source = "the author" if claim.source == AUTHOR else claim.source
        polarity = "green" if claim.polarity == "positive" else "red"
        heading.append(f" · {claim.type.replace('_', ' ')} · ").append(source)
        heading.append(f" ({claim.polarity}, {claim.certainty})", style=polarity)
        if claim.time:
            heading.append(f" · {claim.time}{' to ' + claim.time_end if claim.time_end else ''}")
    return heading


def _where(hit: SearchHit) -> Text:
    where = Text("     ").append(hit.document, style="cyan")
    if hit.title:
        where.append(" — ").append_text(_fragments(hit.title))
    where.append(f" · {hit.published or 'date unknown'}")
    if hit.outlet:
        where.append(" · ").append(hit.outlet)
    if hit.claim is not None and hit.claim.story_id:
        where.append(f" · story {hit.claim.story_id}", style="dim")
    return where


def _fragments(fragments: tuple[Fragment, ...]) -> Text:
    text = Text()
    for fragment in fragments:
        text.append(_SPACE.sub(" ", fragment.text), style=_MATCH_STYLE if fragment.match else "")
    return text
