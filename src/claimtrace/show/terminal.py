"""The knowledge base on the terminal: summaries, documents, stories, contradictions.

Each ``print_*`` function returns what its command's summary line says (see :mod:`claimtrace.show.summary`).
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimtrace.ingest import IngestReport
from claimtrace.link.confidence import RatingContext, rate_story
from claimtrace.link.independence import independent_sources
from claimtrace.link.registry import SourceRegistry
from claimtrace.link.voices import source_phrase, voices_of
from claimtrace.model import AUTHOR, Document, EventClaim, Story
from claimtrace.show.summary import plural
from claimtrace.store import Store

_POLARITY_STYLE = {"positive": "green", "negative": "red"}
_EVIDENCE_WIDTH = 160


def print_ingest_summary(console: Console, report: IngestReport, store: Store, db_path: str) -> str:
    for rejection in report.rejected:
        console.print(f"[yellow]rejected[/yellow] {rejection.origin}: {rejection.reason}", highlight=False)
    counts = store.counts()
    if report.link is not None:
        console.print(report.link.summary(), highlight=False)
    console.print(_counts_line(counts), highlight=False)
    return f"this run {report.summary()} -> {db_path}"


def _counts_line(counts: dict[str, int]) -> str:
    return (f"knowledge base: {counts['documents']} documents ({counts['analysed_documents']} analysed), "
            f"{counts['segments']} segments ({counts['duplicate_segments']} duplicate), "
            f"{counts['entities']} entities, {counts['attributions']} attributions, "
            f"{counts['event_claims']} event claims, {counts['stories']} stories, "
            f"{counts['contradictions']} contradictions, {counts['rejected']} rejected inputs")


def print_overview(console: Console, store: Store) -> str:
    counts = store.counts()
    console.print(_counts_line(counts), highlight=False)
    table = Table("document", "format", "lang", "published", "title", "status", title="documents")
    for row in store.documents():
        table.add_row(row.name, row.format, row.language or "?", row.published or "", (row.title or "")[:60],
                      row.status)
    console.print(table)
    rejections = store.rejections()
    if rejections:
        rejected = Table("input", "reason", title="rejected inputs")
        for rejection in rejections:
            rejected.add_row(rejection.origin, rejection.reason)
        console.print(rejected)
    return (f"{plural(counts['documents'], 'document')}, {plural(counts['entities'], 'entity', 'entities')}, "
            f"{plural(counts['event_claims'], 'event claim')}, {plural(counts['stories'], 'story', 'stories')}")


def find_document(store: Store, key: str) -> Document:
    rows = [row for row in store.documents() if row.name == key or row.id.startswith(key)]
    if len(rows) != 1:
        names = ", ".join(row.name for row in store.documents()[:20])
        raise SystemExit(f"no single document matches {key!r}; documents: {names}")
    return store.load_document(rows[0].id)


def print_document(console: Console, store: Store, key: str) -> str:
    document = find_document(store, key)
    console.print(f"[bold]{document.title or document.name}[/bold]  ({document.format}, {document.language}, "
                  f"published {document.published or 'unknown'}, author {document.author or 'unknown'}, "
                  f"outlet {document.outlet or 'unknown'}) — {document.status}", highlight=False)
    for segment in document.segments:
        if segment.kind == "comment":
            dup = f", duplicate of {segment.duplicate_of[:8]}" if segment.duplicate_of else ""
            console.print(f"  comment by {segment.author or '?'} on {segment.published or '?'}{dup}", highlight=False)
    attributions = Table("source", "type", "cue", "polarity", "content", title="attributions")
    for attribution in document.attributions:
        start, end = attribution.content
        attributions.add_row(attribution.source, attribution.source_type, attribution.cue,
                             Text(attribution.polarity, style=_POLARITY_STYLE[attribution.polarity]),
                             _clip(document.text[start:end]))
    console.print(attributions)
    console.print(_claims_table(document.event_claims, {document.id: document}, "event claims"))
    return (f"{document.name}: {plural(len(document.attributions), 'attribution')}, "
            f"{plural(len(document.event_claims), 'event claim')}, {plural(len(document.mentions), 'mention')}")


def _claims_table(claims: list[EventClaim], documents: dict[str, Document], title: str) -> Table:
    table = Table("type", "source", "agent → recipient", "polarity", "certainty", "time", "evidence", "document",
                  title=title)
    for claim in claims:
        document = documents[claim.doc_id]
        start, end = claim.evidence
        source = "the author" if claim.source == AUTHOR else claim.source
        table.add_row(claim.type, source, f"{claim.agent or '?'} → {claim.recipient or '?'}",
                      Text(claim.polarity, style=_POLARITY_STYLE[claim.polarity]), claim.certainty,
                      claim.time or "", _clip(document.text[start:end]), document.name)
    return table


def print_stories(console: Console, store: Store, show_all: bool, registry: SourceRegistry | None = None) -> str:
    """The stories, largest first, with how many sources, whether disputed, and their Admiralty rating."""
    claims = {claim.id: claim for claim in store.event_claims()}
    stories = sorted(store.stories(), key=lambda s: (-len(s.claim_ids), s.label))
    shown = [story for story in stories if show_all or len(story.claim_ids) >= 2]
    members = [claims[i] for story in shown for i in story.claim_ids if i in claims]
    context = RatingContext.from_store(store, members, registry)
    disputed = {c.story_id for c in store.contradictions() if c.kind == "contradiction"}
    table = Table("story", "event", "claims", "sources", "independent", "disputed", "confidence", title="stories")
    for story in shown:
        story_claims = [claims[i] for i in story.claim_ids if i in claims]
        voices = voices_of(story_claims)
        independent = len(independent_sources(voices, context.provenance))
        rating = rate_story(story, claims, context)
        table.add_row(story.id[:10], story.label, str(len(story_claims)), str(len(voices)), str(independent),
                      "yes" if story.id in disputed else "", rating.code)
    console.print(table)
    if not show_all and len(shown) < len(stories):
        console.print(f"{len(stories) - len(shown)} stories of a single claim not shown (--all shows them)",
                      highlight=False)
    contested = len(disputed & {story.id for story in stories})
    listed = "" if len(shown) == len(stories) else f", {len(shown)} listed"
    return f"{plural(len(stories), 'story', 'stories')}, {contested} contested{listed}"


def find_story(store: Store, key: str) -> Story:
    """The one story whose id starts with ``key``; two ids with the prefix are as good as none."""
    matches = store.story_ids_with_prefix(key, limit=2)
    story = store.story(matches[0]) if len(matches) == 1 else None
    if story is None:
        raise SystemExit(f"no single story matches {key!r}; list them with 'claimtrace stories'")
    return story


def print_story(console: Console, store: Store, key: str, registry: SourceRegistry | None = None) -> str:
    """One story: its rating and reasons, every claim with source, cue, stance and evidence, its disagreements."""
    story = find_story(store, key)
    claims = {claim.id: claim for claim in store.event_claims_by_id(story.claim_ids)}
    members = [claims[i] for i in story.claim_ids if i in claims]
    documents = {doc_id: store.load_document(doc_id) for doc_id in {c.doc_id for c in members}}
    context = RatingContext.from_store(store, members, registry)
    rating = rate_story(story, claims, context)
    console.print(f"[bold]{story.label}[/bold]  (story {story.id})", highlight=False)
    console.print(f"confidence [bold]{rating.code}[/bold]: {rating.explanation}", highlight=False)
    console.print(_story_claims_table(members, documents, context))
    groups = independent_sources(voices_of(members), context.provenance)
    for number, group in enumerate(groups, 1):
        names = ", ".join(source_phrase(voice.representative, documents) for voice in group.voices)
        why = f" — {'; '.join(group.reasons)}" if group.reasons else ""
        console.print(f"independent source {number}: {names}{why}", highlight=False)
    for contradiction in store.contradictions(story.id):
        style = "red" if contradiction.kind == "contradiction" else "yellow"
        console.print(f"[{style}]{contradiction.kind}[/{style}]: {contradiction.explanation}", highlight=False)
    return (f"{story.id}: {plural(len(members), 'claim')}, {plural(len(groups), 'independent source')}, "
            f"rated {rating.code}")


def _story_claims_table(claims: list[EventClaim], documents: dict[str, Document], context: RatingContext) -> Table:
    table = Table("source", "reliability", "cue", "polarity", "certainty", "time", "evidence", "document",
                  title="claims")
    for claim in claims:
        document = documents[claim.doc_id]
        cues = {attribution.id: attribution.cue for attribution in document.attributions}
        assessment = context.registry.assess(claim, context.documents.get(claim.doc_id), context.comment_segments)
        start, end = claim.evidence
        table.add_row(source_phrase(claim, documents), f"{assessment.reliability} ({assessment.kind})",
                      cues.get(claim.attribution_id or "", "—"),
                      Text(claim.polarity, style=_POLARITY_STYLE[claim.polarity]), claim.certainty,
                      claim.time or "", _clip(document.text[start:end]), document.name)
    return table


def print_contradictions(console: Console, store: Store, kind: str | None = None) -> str:
    """Contradictions (and tensions, unless ``kind`` picks one) with the story they belong to."""
    stories = {story.id: story for story in store.stories()}
    table = Table("story", "kind", "explanation", title="contradictions and tensions")
    listed: Counter[str] = Counter()
    for contradiction in store.contradictions():
        if kind is not None and contradiction.kind != kind:
            continue
        listed[contradiction.kind] += 1
        story = stories.get(contradiction.story_id)
        label = f"{story.label} ({story.id[:10]})" if story else contradiction.story_id
        table.add_row(label, contradiction.kind, contradiction.explanation)
    console.print(table)
    return f"{plural(listed['contradiction'], 'contradiction')}, {plural(listed['tension'], 'tension')}"


def print_entities(console: Console, store: Store, limit: int) -> str:
    table = Table("entity", "type", "mentions", "documents", "spellings", title="entities")
    entities = store.entities()
    ranked = sorted(entities, key=lambda e: -len(e.mentions))[:limit]
    for entity in ranked:
        spellings = sorted({text for _, _, _, text in entity.mentions})
        table.add_row(entity.name, entity.type, str(len(entity.mentions)),
                      str(len({doc for doc, _, _, _ in entity.mentions})), ", ".join(spellings)[:80])
    console.print(table)
    return f"{plural(len(entities), 'entity', 'entities')}, {len(ranked)} listed (most mentioned first)"


def _clip(text: str, width: int = _EVIDENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
