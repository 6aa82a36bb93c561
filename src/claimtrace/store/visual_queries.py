"""Reads behind the timeline and the entity graph: the stories and entities worth drawing, and who acts on whom.

A drawing holds a few hundred things at most, so each read picks the most
important ones with indexed counts (claims per story, statements and claims
per entity) and loads only those: a large store costs no more to draw than a
small one. Functions take an open ``Store`` and only read.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from claimtrace.model import Entity, Mention
from claimtrace.store import rows
from claimtrace.store.link_index import chunks, placeholders
from claimtrace.store.sqlite import Store

# Statements an entity makes (as a source) plus event claims it is a party to, per entity.
_RANKED_ENTITIES = """
WITH weights AS (
    SELECT source_key AS member_key, COUNT(*) AS n FROM attributions
    WHERE source_key IS NOT NULL GROUP BY source_key
    UNION ALL
    SELECT entity_key, COUNT(*) FROM claim_arguments WHERE entity_key IS NOT NULL GROUP BY entity_key
)
SELECT e.key, e.name, e.type, COALESCE(SUM(w.n), 0) AS weight
FROM entities e
LEFT JOIN entity_members m ON m.entity_key = e.key
LEFT JOIN weights w ON w.member_key = m.member_key
GROUP BY e.key, e.name, e.type
ORDER BY weight DESC, e.key
LIMIT :limit
"""


@dataclass(frozen=True, slots=True)
class PartyLink:
    """How many event claims of one type assert and deny that ``agent`` acted on ``recipient`` (mention keys)."""

    agent: str
    recipient: str
    type: str
    asserts: int
    denies: int


def dated_story_ids(store: Store, limit: int) -> list[str]:
    """Ids of the stories that have a time, those with the most claims first (then earliest, then by id)."""
    found = store.connection.execute(
        "SELECT s.id, (SELECT COUNT(*) FROM story_claims m WHERE m.story_id = s.id) AS claims "
        "FROM stories s WHERE s.time IS NOT NULL ORDER BY claims DESC, s.time, s.id LIMIT :limit", {"limit": limit})
    return [row["id"] for row in found]


def story_time_counts(store: Store) -> tuple[int, int]:
    """(stories with a time, stories without one)."""
    row = store.connection.execute("SELECT COUNT(time) AS dated, COUNT(*) - COUNT(time) AS undated "
                                   "FROM stories").fetchone()
    return int(row["dated"]), int(row["undated"])


def entity_names(store: Store, keys: Collection[str]) -> dict[str, str]:
    """entity key -> its name, for those of ``keys`` that are entities."""
    found: dict[str, str] = {}
    for part in chunks(keys):
        query = f"SELECT key, name FROM entities WHERE key IN ({placeholders(len(part))})"
        found.update((row["key"], row["name"]) for row in store.connection.execute(query, part))
    return found


def ranked_entities(store: Store, limit: int) -> list[tuple[Entity, int]]:
    """The ``limit`` entities that speak and are spoken of most, with that count and their aliases (no mentions).

    The count is the statements an entity makes as a source plus the event
    claims that name it as a party; ties go by key, so the choice is stable.
    """
    ranked = [(Entity(key=row["key"], name=row["name"], type=row["type"]), int(row["weight"]))
              for row in store.connection.execute(_RANKED_ENTITIES, {"limit": limit})]
    by_key = {entity.key: entity for entity, _ in ranked}
    for part in chunks(by_key):
        query = (f"SELECT member_key, entity_key FROM entity_members WHERE entity_key IN ({placeholders(len(part))}) "
                 f"ORDER BY member_key")
        for row in store.connection.execute(query, part):
            if row["member_key"] != row["entity_key"]:
                by_key[row["entity_key"]].aliases.append(row["member_key"])
    return ranked


def mentions_of_documents(store: Store, doc_ids: Collection[str]) -> dict[str, list[Mention]]:
    """document id -> its mentions in text order, for these documents only."""
    found: dict[str, list[Mention]] = {}
    for part in chunks(doc_ids):
        query = f"SELECT * FROM mentions WHERE doc_id IN ({placeholders(len(part))}) ORDER BY doc_id, ordinal"
        for row in store.connection.execute(query, part):
            found.setdefault(row["doc_id"], []).append(rows.mention_from_row(row))
    return found


def party_links(store: Store, keys: Collection[str]) -> list[PartyLink]:
    """Event claims whose agent and recipient are both among these mention keys, counted by type and polarity."""
    found: list[PartyLink] = []
    for agents in chunks(keys):
        for recipients in chunks(keys):
            query = (f"SELECT agent.entity_key AS agent, recipient.entity_key AS recipient, c.type, "
                     f"SUM(CASE WHEN c.polarity = 'negative' THEN 0 ELSE 1 END) AS asserts, "
                     f"SUM(CASE WHEN c.polarity = 'negative' THEN 1 ELSE 0 END) AS denies "
                     f"FROM claim_arguments agent "
                     f"JOIN claim_arguments recipient ON recipient.claim_id = agent.claim_id "
                     f"AND recipient.role = 'recipient' JOIN event_claims c ON c.id = agent.claim_id "
                     f"WHERE agent.role = 'agent' AND agent.entity_key IN ({placeholders(len(agents))}) "
                     f"AND recipient.entity_key IN ({placeholders(len(recipients))}) "
                     f"GROUP BY agent.entity_key, recipient.entity_key, c.type "
                     f"ORDER BY agent.entity_key, recipient.entity_key, c.type")
            found += [PartyLink(row["agent"], row["recipient"], row["type"], int(row["asserts"]), int(row["denies"]))
                      for row in store.connection.execute(query, [*agents, *recipients])]
    return found
