"""Resolving the mentions of a few new documents into the entities the store already holds.

Persisted entities are the state, with an index (:mod:`claimtrace.store.entity_index`):
how many mentions of each entity key carry each name, type and text, and the
block keys it is filed under (:mod:`claimtrace.link.entity_blocks`). A new
document changes the counts of its own keys only. A key whose name, type and
texts stay as they were changes no merge decision: only its own entity is
rewritten (its name or representative may change). Any other changed key is
resolved again with every entity it can meet through a block, widened until no
merge decision outside depends on the keys inside (how many people share a
lone surname, which body defines an acronym). :func:`~claimtrace.link.entities.cluster_keys`
then decides over that region exactly as over the whole corpus, so the result
is the entities a full resolution gives, while the rest of the corpus is never read.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from claimtrace.link.entities import KeyStats, cluster_keys, key_stats, make_entity
from claimtrace.link.entity_blocks import ACRONYM, CONTEXT_BLOCKS, COUNTERPART, block_kind, entity_blocks, is_body
from claimtrace.model import Entity
from claimtrace.store import Store
from claimtrace.store.entity_index import CountRow, EntityIndex


@dataclass(frozen=True, slots=True)
class EntityUpdate:
    """What one resolution step changed, and how many entity keys it read (the cost of the step)."""

    removed: int
    written: list[Entity]
    keys_read: int


def relink_entities(store: Store) -> EntityUpdate:
    """Resolve every mention of the store again and replace all entities and the entity index."""
    mentions = list(store.mentions())
    stats = key_stats(mentions)
    document_keys: dict[str, set[str]] = {row.id: set() for row in store.documents()}
    for doc_id, mention in mentions:
        document_keys[doc_id].add(mention.entity_key)
    entities = [make_entity([stats[k] for k in keys]) for keys in cluster_keys(stats)]
    removed = store.entity_index().replace_all(entities, _count_rows(stats.values()),
                                               {k: entity_blocks(s) for k, s in stats.items()}, document_keys)
    return EntityUpdate(removed, entities, len(stats))


def link_new_entities(store: Store, doc_ids: Collection[str]) -> EntityUpdate:
    """Resolve the mentions of these (new or re-ingested) documents into the stored entities."""
    index = store.entity_index()
    step = _Step(index)
    step.count(set(doc_ids))
    region, kept = step.plan()
    current = {k: step.stats[k] for k in region if step.stats[k]}
    groups = cluster_keys(current) + [sorted(k for k in members if step.stats[k]) for members in kept]
    entities = [make_entity([step.stats[k] for k in keys]) for keys in groups if keys]
    removed = set(index.entities_of_members(region.union(*kept)).values())
    changed = {k: step.stats[k] for k in step.changed}
    index.update(removed, entities, _count_rows(changed.values()), {k: _blocks(s) for k, s in changed.items()},
                 step.document_keys)
    return EntityUpdate(len(removed), entities, len(step.stats))


class _Step:
    """The counts of the keys one step reads, and the region of keys it must resolve again."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.stats: dict[str, KeyStats] = {}  # every key read, with its counts after this step
        self.before: dict[str, KeyStats] = {}  # the changed keys as they were
        self.changed: set[str] = set()
        self.document_keys: dict[str, set[str]] = {}

    def count(self, doc_ids: set[str]) -> None:
        """The counts of every key of these documents (and of their earlier versions) after this step."""
        previous = self.index.document_keys(doc_ids)
        mentions = self.index.mentions_of(doc_ids)
        fresh = key_stats(m for m in mentions if m[0] not in previous)
        self.document_keys = {doc_id: set() for doc_id in doc_ids}
        for doc_id, mention in mentions:
            self.document_keys[doc_id].add(mention.entity_key)
        # A document resolved before is counted again from the stored mentions, which hold its new version.
        recounted = {k for d in previous for k in previous[d] | self.document_keys[d]}
        self.changed = set(fresh) | recounted
        self.before = stats_from_counts(self.index.key_counts(self.changed), self.changed)
        self.stats = stats_from_counts(self.index.mention_counts(recounted), recounted)
        for key in self.changed - recounted:
            stats = self.stats[key] = _copy(self.before[key])
            for field, counter in (("names", stats.names), ("types", stats.types), ("texts", stats.texts)):
                counter.update(getattr(fresh[key], field))

    def plan(self) -> tuple[set[str], list[set[str]]]:
        """The keys to resolve again (whole entities), and the entities whose members stay together.

        A changed key whose rule inputs are unchanged ("quiet") keeps its entity's members;
        the others ("loud") are resolved again with every entity they can meet.
        """
        loud = {k for k in self.changed if _rule_inputs(self.before[k]) != _rule_inputs(self.stats[k])}
        entity_of = self.index.entities_of_members(self.changed - loud)
        loud |= self.changed - loud - entity_of.keys()
        region: set[str] = set()
        blocks = {b for k in loud for b in _blocks(self.before[k]) | _blocks(self.stats[k])}
        frontier = self._whole_entities(loud | self._meeting(blocks)) if loud else set()
        while frontier:
            region |= frontier
            self._read(frontier)
            context = {b for k in frontier for b in _blocks(self.stats[k]) if block_kind(b) in CONTEXT_BLOCKS}
            frontier = self._whole_entities(self._meeting(context)) - region
        kept = [members for members in self.index.members_of_entities(set(entity_of.values())).values()
                if not members & region]
        self._read(set().union(*kept))
        return region, kept

    def _meeting(self, blocks: Iterable[str]) -> set[str]:
        """The keys, as of this step, filed under the counterparts of these blocks."""
        wanted = {COUNTERPART[block_kind(b)] + b[len(block_kind(b)):] for b in blocks}
        found = {k for keys in self.index.postings(wanted).values() for k in keys} - self.changed
        return found | {k for k in self.changed if _blocks(self.stats[k]) & wanted}

    def _whole_entities(self, keys: set[str]) -> set[str]:
        entities = set(self.index.entities_of_members(keys).values())
        return keys.union(*self.index.members_of_entities(entities).values())

    def _read(self, keys: set[str]) -> None:
        missing = keys - self.stats.keys()
        self.stats.update(stats_from_counts(self.index.key_counts(missing), missing))


def _blocks(stats: KeyStats) -> set[str]:
    return entity_blocks(stats) if stats else set()


def _rule_inputs(stats: KeyStats) -> tuple[object, ...]:
    """What the merge rules read of a key; when it is unchanged, no merge decision changes."""
    if not stats:
        return ()
    acronyms = tuple(sorted((t, n) for t, n in stats.texts.items() if ACRONYM.match(t))) if is_body(stats) else ()
    return stats.name, stats.type, frozenset(stats.texts), acronyms


def stats_from_counts(rows: Iterable[CountRow], keys: Iterable[str]) -> dict[str, KeyStats]:
    """The statistics of these entity keys from their count rows (as the entity index keeps them)."""
    found = {key: KeyStats(key) for key in keys}
    for key, field, value, count in rows:
        stats = found[key]
        {"name": stats.names, "type": stats.types, "text": stats.texts}[field][value] += count
    return found


def _copy(stats: KeyStats) -> KeyStats:
    return KeyStats(stats.key, stats.names.copy(), stats.types.copy(), stats.texts.copy())


def _count_rows(stats: Iterable[KeyStats]) -> list[CountRow]:
    return [(s.key, field, value, count) for s in stats
            for field, counter in (("name", s.names), ("type", s.types), ("text", s.texts))
            for value, count in counter.items()]

