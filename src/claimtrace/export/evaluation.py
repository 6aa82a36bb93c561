"""The evaluation export: the whole corpus as the JSON object that eval/SCHEMA.md defines.

Documents are keyed by name, claims are referred to as ``"<doc name>#<claim id>"``,
and only what the scorer counts is written: stories of two or more claims and
contradictions proper (tensions stay in the store). Everything is sorted, so the
same corpus always gives the same file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimtrace.model import AUTHOR, Attribution, Contradiction, Document, Entity, EventClaim, Story

CLAIM_FIELDS = ("id", "type", "evidence", "source", "agent", "recipient", "polarity", "certainty", "time")


def build_eval_export(documents: Sequence[Document], entities: Sequence[Entity], stories: Sequence[Story],
                      contradictions: Sequence[Contradiction]) -> dict[str, Any]:
    """The export of SCHEMA.md for these documents and their cross-document links.

    Mentions, stories and contradictions that refer to documents not given are
    left out (an export of part of a corpus); a story left with fewer than two
    claims is dropped.
    """
    names = _document_names(documents)
    ref_of = {claim.id: f"{document.name}#{claim.id}" for document in documents for claim in document.event_claims}
    return {
        "documents": [export_document(document) for document in sorted(documents, key=lambda d: d.name)],
        "entities": _export_entities(entities, names),
        "stories": _export_stories(stories, ref_of),
        "contradictions": _export_contradictions(contradictions, ref_of),
    }


def write_eval_export(data: dict[str, Any], path: str | Path) -> Path:
    """Write the export as UTF-8 JSON (sorted keys, one-space indent); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def export_document(document: Document) -> dict[str, Any]:
    attributions = sorted(document.attributions, key=lambda a: (a.content, a.cue, a.id))
    claims = sorted(document.event_claims, key=lambda c: (c.evidence, c.type, c.id))
    return {"doc": document.name,
            "attributions": [export_attribution(attribution) for attribution in attributions],
            "event_claims": [export_event_claim(claim) for claim in claims]}


def export_attribution(attribution: Attribution) -> dict[str, Any]:
    return {"content": list(attribution.content), "source": _source(attribution.source, attribution.source_type),
            "source_type": attribution.source_type, "cue": attribution.cue, "polarity": attribution.polarity}


def export_event_claim(claim: EventClaim) -> dict[str, Any]:
    """The claim with its arguments as keys of their own (agent and recipient always present)."""
    clashes = sorted(set(claim.arguments) & (set(CLAIM_FIELDS) - {"agent", "recipient"}))
    if clashes:
        raise ValueError(f"event claim {claim.id} ({claim.type} in document {claim.doc_id}) has argument roles "
                         f"{clashes} that clash with export fields; rename the roles in the ontology")
    exported: dict[str, Any] = {"id": claim.id, "type": claim.type, "evidence": list(claim.evidence),
                                "source": _source(claim.source, claim.source_type),
                                "agent": claim.agent, "recipient": claim.recipient}
    exported.update({role: value for role, value in sorted(claim.arguments.items()) if role not in exported})
    exported.update({"polarity": claim.polarity, "certainty": claim.certainty, "time": claim.time})
    if claim.time_end:
        exported["time_end"] = claim.time_end
    return exported


def _source(source: str, source_type: str) -> str:
    return AUTHOR if source_type == "author" else source


def _document_names(documents: Sequence[Document]) -> dict[str, str]:
    names: dict[str, str] = {}
    origin_of: dict[str, str] = {}
    for document in documents:
        if document.name in origin_of and origin_of[document.name] != document.origin:
            raise ValueError(f"two documents are named {document.name!r} ({origin_of[document.name]} and "
                             f"{document.origin}); the export keys documents by name, rename one of the files")
        origin_of[document.name] = document.origin
        names[document.id] = document.name
    return names


def _export_entities(entities: Sequence[Entity], names: dict[str, str]) -> list[dict[str, Any]]:
    exported = []
    for entity in entities:
        mentions = sorted({(names[doc_id], start, end) for doc_id, start, end, _text in entity.mentions
                           if doc_id in names})
        if mentions:
            exported.append({"name": entity.name, "type": entity.type,
                             "mentions": [list(mention) for mention in mentions]})
    return sorted(exported, key=lambda e: (e["name"], e["type"], e["mentions"]))


def _export_stories(stories: Sequence[Story], ref_of: dict[str, str]) -> list[list[str]]:
    exported = []
    for story in stories:
        refs = sorted({ref_of[claim_id] for claim_id in story.claim_ids if claim_id in ref_of})
        if len(refs) >= 2:
            exported.append(refs)
    return sorted(exported)


def _export_contradictions(contradictions: Sequence[Contradiction], ref_of: dict[str, str]) -> list[list[str]]:
    pairs = {(ref_of[c.claim_a], ref_of[c.claim_b]) for c in contradictions
             if c.kind == "contradiction" and c.claim_a in ref_of and c.claim_b in ref_of}
    return [list(pair) for pair in sorted(pairs)]
