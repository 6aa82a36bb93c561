"""Commands that show the knowledge base in the terminal."""

from __future__ import annotations


import click

from claimtrace.cli.base import console, db_option, existing_store, main, sources_option
from claimtrace.show.summary import print_summary


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

    with existing_store(db_path) as store:
        if document is None:
            print_summary("show", print_overview(console, store))
        else:
            print_summary("show", print_document(console, store, document))


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

    with existing_store(db_path) as store:
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

    with existing_store(db_path) as store:
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

    with existing_store(db_path) as store:
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

    with existing_store(db_path) as store:
        print_summary("entities", print_entities(console, store, limit))


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
    with existing_store(db_path) as store:
        print_summary("search", print_search(console, run_search(store, request)))
