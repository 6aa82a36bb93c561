"""Check a claim against the corpus: the stance of every stored document segment towards it, ranked."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from claimtrace.stance.data import StancePair
from claimtrace.stance.model import StanceModel, load_model
from claimtrace.store import Store

_ORDER = {"disagree": 0, "agree": 1, "discuss": 2, "unrelated": 3}


@dataclass(slots=True)
class ClaimMatch:
    """How one segment of one stored document stands towards the claim."""

    doc_id: str
    document: str  # the document's name
    title: str | None
    segment_id: str
    segment_kind: str  # article or comment
    stance: str
    score: float
    related: float
    evidence: str


def check_claim(claim: str, store: Store, model: StanceModel | None = None,
                include_unrelated: bool = False) -> list[ClaimMatch]:
    """Every segment's stance towards ``claim``, related ones first, most certainly related first.

    Duplicate segments (already linked to an earlier one) are not judged twice.
    """
    model = model or load_model()
    keys, pairs = [], []
    for document in store.load_documents():
        spans = [(s.id, s.kind, s.start, s.end) for s in document.segments if s.duplicate_of is None]
        for segment_id, kind, start, end in spans or [(document.id, "article", 0, len(document.text))]:
            text = document.text[start:end]
            if text.strip():
                keys.append((document, segment_id, kind))
                pairs.append(StancePair(claim, segment_id, text))
    matches = [ClaimMatch(document.id, document.name, document.title, segment_id, kind, p.stance, p.score,
                          p.related, p.evidence)
               for (document, segment_id, kind), p in zip(keys, model.predict(pairs), strict=True)]
    if not include_unrelated:
        matches = [m for m in matches if m.stance != "unrelated"]
    return sorted(matches, key=lambda m: (m.stance == "unrelated", -m.related, _ORDER[m.stance], -m.score))


def print_matches(console: Console, claim: str, matches: list[ClaimMatch]) -> None:
    """The ranked matches as a table: document, segment, stance, score, evidence sentence."""
    if not matches:
        console.print(f"no document bears on: {claim}")
        return
    table = Table(title=f"documents on: {claim}", show_lines=True)
    for column in ("document", "segment", "stance", "score", "related", "evidence"):
        table.add_column(column)
    for m in matches:
        table.add_row(m.title or m.document, f"{m.segment_kind} {m.segment_id[:8]}", m.stance, f"{m.score:.2f}",
                      f"{m.related:.2f}", m.evidence)
    console.print(table)
