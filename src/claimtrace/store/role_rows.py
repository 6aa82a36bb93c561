"""Rows of the ``roles`` table (migration 0003) and back to :class:`~claimtrace.model.Role`."""

from __future__ import annotations

from typing import Any

from claimtrace.model import Role
from claimtrace.store.rows import Row

Params = dict[str, Any]

DELETE_ROLES = "DELETE FROM roles WHERE doc_id = :doc_id"
# Roles of every key that belongs to an entity (itself or an alias), or of the key alone when
# the cross-document layer has not linked it yet.
ROLES_OF_ENTITY = """
SELECT r.* FROM roles r JOIN documents d ON d.id = r.doc_id
WHERE r.person_key = :key
   OR r.person_key IN (SELECT member_key FROM entity_members
                       WHERE entity_key = (SELECT entity_key FROM entity_members WHERE member_key = :key))
ORDER BY COALESCE(r.time, r.until) NULLS FIRST, d.name, d.id, r.ordinal
"""


def role_params(role: Role, ordinal: int) -> Params:
    start, end = role.span if role.span is not None else (None, None)
    return {
        "id": role.id, "doc_id": role.doc_id, "ordinal": ordinal, "person_key": role.person_key,
        "person": role.person, "title": role.title, "affiliation": role.affiliation,
        "affiliation_key": role.affiliation_key, "time": role.time, "until": role.until,
        "current": int(role.current), "span_start": start, "span_end": end,
    }


def role_from_row(row: Row) -> Role:
    span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    return Role(doc_id=row["doc_id"], person_key=row["person_key"], person=row["person"], title=row["title"],
                affiliation=row["affiliation"], affiliation_key=row["affiliation_key"], time=row["time"],
                until=row["until"], current=bool(row["current"]), span=span)
