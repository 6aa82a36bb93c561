"""Commands that hand the knowledge base to people and tools: the web app, reports and exports."""

from __future__ import annotations

import os

import click

from claimtrace.cli.base import db_option, errors, existing_store, main, sources_option
from claimtrace.show.summary import plural, print_summary


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
    with existing_store(db_path) as store:
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

    with existing_store(db_path) as store, working("rating the arms transfers", errors):
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

    existing_store(db_path).close()
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
    with existing_store(db_path) as store:
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
