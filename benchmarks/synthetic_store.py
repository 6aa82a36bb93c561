"""A large claimtrace store built quickly, for the store-latency and web-page benchmarks.

Parsing 100,000 articles with spaCy would take a day on two cores, and the page
queries do not care who parsed a row. So: a few hundred synthetic articles
(benchmarks/synthetic_corpus.py) go once through the real pipeline into a *template*
store (``ingest``: read, segment, analyse, store, link); then the whole template corpus
is written again and again, each *replica* through the real ``Store.write_document``
with its own document ids and content hashes (the text gets a line of its own), its
states permuted (every country key of the replica maps to another country), its people,
bodies and places renamed (key and name get a variant number: a person recurs in about
five replicas), and its dates moved by zero to six years. The linked layer of each
replica is the template's stories and contradictions with the replica's claim ids,
written with ``Store.update_stories``; the entity layer is the template's entities with
the replica's keys, written once with the entity index that linking keeps (counts of
each key's names, types and spellings, its blocks, the keys of each document:
:func:`index_entities`), which the dossier reads. The link index of incremental story
linking (``claim_link_keys``) is left empty: no page reads it.

    from synthetic_store import build_store
    summary = build_store(Path("kb.db"), docs=100_000, templates=300, seed=0)
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimtrace.ingest import ingest
from claimtrace.link.entity_blocks import entity_blocks
from claimtrace.link.incremental_entities import stats_from_counts
from claimtrace.model import Contradiction, Document, Entity, EventClaim, Mention, Role, Story, make_id
from claimtrace.options import Options
from claimtrace.store import Store, open_store
from claimtrace.store.entity_index import CountRow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import write_corpus  # noqa: E402

COUNTRY = "country:"
RECURRENCE = 5  # replicas a renamed person, body or place appears in
YEARS = 7  # dates move by 0 .. YEARS - 1 years


@dataclass(slots=True)
class Templates:
    """The template corpus as the real pipeline stored and linked it."""

    documents: list[Document]
    stories: list[Story]
    contradictions: list[Contradiction]
    entities: list[Entity]

    @classmethod
    def load(cls, store: Store) -> Templates:
        return cls(list(store.load_documents()), store.stories(), store.contradictions(), store.entities())

    def country_names(self) -> dict[str, str]:
        return {e.key: e.name for e in self.entities if e.key.startswith(COUNTRY)}


def template_store(path: Path, templates: int, seed: int) -> Path:
    """The store of ``templates`` synthetic articles ingested by the real pipeline (reused when it exists)."""
    if path.exists():
        with open_store(path) as store:
            if store.counts()["documents"] >= templates:
                return path
        path.unlink()
    corpus = path.with_suffix(".corpus")
    write_corpus(corpus, templates, seed=seed)
    started = time.perf_counter()
    with open_store(path) as store:
        report = ingest([corpus], store, Options(progress=False))
    print(f"template store: {report.summary()}; {report.link.summary() if report.link else ''} "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    return path


@dataclass(slots=True)
class Replica:
    """How replica ``number`` renames keys, moves dates and maps the template's ids to its own."""

    number: int
    countries: dict[str, str]  # template country key -> this replica's
    country_names: dict[str, str]
    doc_ids: dict[str, str] = field(default_factory=dict)  # template id -> replica id (documents, segments,
    # attributions, claims)

    def key(self, key: str | None) -> str | None:
        if key is None:
            return None
        if key.startswith(COUNTRY):
            return self.countries.get(key, key)
        return f"{key}~{self.number // RECURRENCE}" if self.number >= RECURRENCE else key

    def name(self, key: str | None, name: str) -> str:
        if key is None:
            return name
        if key.startswith(COUNTRY):
            return self.country_names.get(self.key(key) or "", name)
        return f"{name} {self.number // RECURRENCE}" if self.number >= RECURRENCE else name

    def date(self, value: str | None) -> str | None:
        """An ISO date or prefix moved by this replica's years ("2019-03" -> "2022-03"); others as they are."""
        if value is None or len(value) < 4 or not value[:4].isdigit():
            return value
        return f"{int(value[:4]) + self.number % YEARS:04d}{value[4:]}"


def replica_of(number: int, templates: Templates, rng: random.Random) -> Replica:
    names = templates.country_names()
    keys = sorted(names)
    shuffled = keys[:]
    rng.shuffle(shuffled)
    return Replica(number, dict(zip(keys, shuffled)), names)


def copy_document(template: Document, replica: Replica, number: int) -> Document:
    """The template document as replica ``replica`` has it: own ids and hash, renamed keys, moved dates."""
    document = Document(name=f"{template.name}-r{replica.number:05d}", text=f"{template.text}\n\n[copy {number}]\n",
                        origin=f"synthetic-store/{number}", format=template.format, title=template.title,
                        url=template.url, published=replica.date(template.published), author=template.author,
                        outlet=template.outlet, language=template.language, status=template.status)
    doc_id = document.id
    ids = replica.doc_ids
    ids[make_id("document", template.hash)] = doc_id
    for segment in template.segments:
        copy = replace(segment, doc_id=doc_id, published=replica.date(segment.published),
                       duplicate_of=ids.get(segment.duplicate_of or ""))
        ids[segment.id] = copy.id
        document.segments.append(copy)
    document.mentions = [_mention(m, replica) for m in template.mentions]
    for attribution in template.attributions:
        copy_a = replace(attribution, doc_id=doc_id, source_key=replica.key(attribution.source_key),
                         segment_id=ids.get(attribution.segment_id or ""))
        ids[attribution.id] = copy_a.id
        document.attributions.append(copy_a)
    for claim in template.event_claims:
        copy_c = _claim(claim, doc_id, replica)
        ids[claim.id] = copy_c.id
        document.event_claims.append(copy_c)
    document.roles = [_role(r, doc_id, replica) for r in template.roles]
    return document


def _mention(mention: Mention, replica: Replica) -> Mention:
    return replace(mention, entity_key=replica.key(mention.entity_key) or mention.entity_key,
                   entity_name=replica.name(mention.entity_key, mention.entity_name))


def _claim(claim: EventClaim, doc_id: str, replica: Replica) -> EventClaim:
    keys = {role: replica.key(key) or key for role, key in claim.argument_keys.items()}
    arguments = {role: replica.name(claim.argument_keys.get(role), name) for role, name in claim.arguments.items()}
    ids = replica.doc_ids
    return EventClaim(doc_id=doc_id, type=claim.type, evidence=claim.evidence, trigger=claim.trigger,
                      source=claim.source, source_type=claim.source_type, polarity=claim.polarity,
                      certainty=claim.certainty, arguments=arguments, argument_keys=keys,
                      time=replica.date(claim.time), time_end=replica.date(claim.time_end), time_text=claim.time_text,
                      attribution_id=ids.get(claim.attribution_id or ""),
                      segment_id=ids.get(claim.segment_id or ""))


def _role(role: Role, doc_id: str, replica: Replica) -> Role:
    return replace(role, doc_id=doc_id, person_key=replica.key(role.person_key) or role.person_key,
                   person=replica.name(role.person_key, role.person), affiliation_key=replica.key(role.affiliation_key),
                   affiliation=replica.name(role.affiliation_key, role.affiliation) if role.affiliation else None,
                   time=replica.date(role.time), until=replica.date(role.until))


def replica_stories(templates: Templates, replica: Replica) -> tuple[list[Story], list[Contradiction]]:
    """The template's stories and contradictions over the replica's claims."""
    ids = replica.doc_ids
    story_ids = {s.id: make_id("story", s.id, replica.number) for s in templates.stories}
    stories = [Story(story_ids[s.id], s.type, f"{s.label} #{replica.number}", [ids[c] for c in s.claim_ids if c in ids],
                     replica.date(s.time)) for s in templates.stories]
    contradictions = [replace(c, story_id=story_ids[c.story_id], claim_a=ids[c.claim_a], claim_b=ids[c.claim_b])
                      for c in templates.contradictions if c.claim_a in ids and c.claim_b in ids]
    return stories, contradictions


def add_entities(entities: dict[str, Entity], owners: dict[str, str], templates: Templates, replica: Replica) -> None:
    """Add the replica's entities; a key already merged into another entity stays there."""
    for template in templates.entities:
        key = replica.key(template.key) or template.key
        if owners.setdefault(key, key) != key:
            continue
        entity = entities.setdefault(key, Entity(key, replica.name(template.key, template.name), template.type))
        for alias in template.aliases:
            member = replica.key(alias) or alias
            if member not in owners:
                owners[member] = key
                entity.aliases.append(member)


@dataclass(frozen=True, slots=True)
class BuildSummary:
    documents: int
    stories: int
    entities: int
    seconds: float


def index_entities(store: Store, entities: list[Entity]) -> None:
    """Write the entities with their entity index, its counts taken from the stored mentions (in SQL)."""
    counts: list[CountRow] = []
    for field_name, column in (("name", "entity_name"), ("type", "entity_type"), ("text", "text")):
        counts += store.connection.execute(
            f"SELECT entity_key, '{field_name}', {column}, COUNT(*) FROM mentions GROUP BY entity_key, {column}")
    stats = stats_from_counts(counts, {row[0] for row in counts})
    document_keys: dict[str, set[str]] = {row.id: set() for row in store.documents()}
    for doc_id, key in store.connection.execute("SELECT DISTINCT doc_id, entity_key FROM mentions"):
        document_keys[doc_id].add(key)
    store.entity_index().replace_all(entities, counts, {key: entity_blocks(s) for key, s in stats.items()},
                                     document_keys)


def stored_entities(store: Store) -> list[Entity]:
    """The store's entities with their aliases, without their mentions."""
    entities = {row["key"]: Entity(row["key"], row["name"], row["type"])
                for row in store.connection.execute("SELECT key, name, type FROM entities ORDER BY key")}
    for row in store.connection.execute("SELECT member_key, entity_key FROM entity_members ORDER BY member_key"):
        if row["member_key"] != row["entity_key"]:
            entities[row["entity_key"]].aliases.append(row["member_key"])
    return list(entities.values())


def build_store(path: Path, docs: int, templates: int = 300, seed: int = 0, template_db: Path | None = None,
                on_replica: Callable[[int, int], None] | None = None) -> BuildSummary:
    """Write a store of ``docs`` documents at ``path`` (replaced if it exists), from ``templates`` real analyses.

    ``template_db``: where the template store is kept between runs (default beside ``path``).
    """
    started = time.perf_counter()
    template_path = template_store(template_db or path.with_name(f"templates-{templates}-{seed}.db"), templates, seed)
    with open_store(template_path) as store:
        corpus = Templates.load(store)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    owners: dict[str, str] = {}
    written = stories = 0
    with open_store(path) as store:
        for number in range(0, (docs + len(corpus.documents) - 1) // len(corpus.documents)):
            replica = replica_of(number, corpus, rng)
            for template in corpus.documents[:docs - written]:
                store.write_document(copy_document(template, replica, written))
                written += 1
            story_layer, contradictions = replica_stories(corpus, replica)
            story_layer = [s for s in story_layer if s.claim_ids and len(s.claim_ids) == len(set(s.claim_ids))]
            kept = {s.id for s in story_layer}
            contradictions = [c for c in contradictions if c.story_id in kept]
            store.update_stories((), story_layer, contradictions, {})
            stories += len(story_layer)
            add_entities(entities, owners, corpus, replica)
            if on_replica is not None:
                on_replica(written, docs)
        index_entities(store, list(entities.values()))
        store.mark_linked()
    return BuildSummary(written, stories, len(entities), time.perf_counter() - started)
