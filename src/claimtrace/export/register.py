"""A SIPRI-style register of reported arms transfers, one row per story, with its sources.

Each ``arms_transfer`` story becomes one row: supplier, recipient, item,
quantity, date and a status. The status says how the transfer stands in the
sources, most decisive first:

- ``confirmed``: a party to the transfer (the supplier's or recipient's state
  or government) asserts it and nobody denies it, or three or more independent
  sources report it and nobody denies it (Admiralty credibility 1);
- ``denied``: some source denies it (the row says who, and who asserts it);
- ``alleged``: only hedged claims ("reportedly", "may have") or unnamed
  sources and reader comments assert it;
- ``reported``: otherwise — a named source or an author states it firmly.

A claim of no story (linking not yet run) becomes a row of its own.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from claimtrace.analyse.amounts import parse_quantity
from claimtrace.link.confidence import RatingContext, rate_story
from claimtrace.link.registry import SourceRegistry
from claimtrace.link.stories import reading_order
from claimtrace.link.voices import Voice, is_author, source_phrase, voices_of
from claimtrace.model import EventClaim, Story
from claimtrace.store import Store
from claimtrace.store import web_queries

TRANSFER_TYPE = "arms_transfer"
TransferStatus = Literal["confirmed", "denied", "alleged", "reported"]
CSV_COLUMNS = ("story", "supplier", "recipient", "item", "quantity", "date", "status", "basis", "claims",
               "sources", "documents", "urls")

_DETERMINER = re.compile(r"^(?:no|any|some|the|a|an|more|further|new)\s+", re.IGNORECASE)
_UNNAMED_TYPES = frozenset({"unnamed"})


@dataclass(frozen=True, slots=True)
class RegisterSource:
    """One claim behind a register row: who says it, which way, and where."""

    claim_id: str
    doc_id: str
    document: str
    url: str | None
    source: str
    polarity: str
    certainty: str


@dataclass(frozen=True, slots=True)
class TransferRow:
    """One reported arms transfer."""

    story_id: str | None
    supplier: str | None
    supplier_key: str | None
    recipient: str | None
    recipient_key: str | None
    item: str | None
    quantity: str | None
    date: str | None
    status: TransferStatus
    basis: str  # why the status, in words
    sources: tuple[RegisterSource, ...]


def build_register(store: Store, registry: SourceRegistry | None = None) -> list[TransferRow]:
    """The register of every arms-transfer story (and unlinked transfer claim) in the store, by date."""
    claims = web_queries.claims_of_type(store, TRANSFER_TYPE)
    by_id = {claim.id: claim for claim in claims}
    story_of = store.stories_of_claims(by_id)
    stories = store.stories_by_id(set(story_of.values()))
    unlinked = [claim for claim in claims if claim.id not in story_of]
    rows = _rows(store, registry, stories, unlinked, by_id)
    return sorted(rows, key=lambda row: (row.date or "9999", row.supplier or "", row.recipient or "",
                                         row.story_id or row.sources[0].claim_id))


def register_page(store: Store, registry: SourceRegistry | None, offset: int, limit: int) -> list[TransferRow]:
    """Rows ``offset`` .. ``offset + limit - 1`` of the register, newest transfer first (by the story's time,
    undated last): what a page shows, read for those stories only. Claims not linked yet are left out."""
    story_ids = web_queries.story_ids_of_type(store, TRANSFER_TYPE, offset, limit)
    order = {story_id: number for number, story_id in enumerate(story_ids)}
    rows = _rows(store, registry, store.stories_by_id(story_ids), [], {})
    return sorted(rows, key=lambda row: order[row.story_id or ""])


def _rows(store: Store, registry: SourceRegistry | None, stories: Iterable[Story], unlinked: Sequence[EventClaim],
          by_id: Mapping[str, EventClaim]) -> list[TransferRow]:
    """A row for each story (its transfer claims) and each unlinked claim; ``by_id``: the claims already read."""
    stories, by_id = list(stories), dict(by_id)
    # a story holds every claim of its event, whatever their type: read them all at once
    others = {claim_id for story in stories for claim_id in story.claim_ids} - set(by_id)
    by_id.update((claim.id, claim) for claim in store.event_claims_by_id(others))
    context = RatingContext.from_store(store, list(by_id.values()), registry)
    source_keys = web_queries.attribution_source_keys(store, {c.attribution_id for c in by_id.values()
                                                              if c.attribution_id})
    groups: list[tuple[Story | None, list[EventClaim]]] = [
        (story, [by_id[i] for i in story.claim_ids if i in by_id and by_id[i].type == TRANSFER_TYPE])
        for story in stories]
    groups += [(None, [claim]) for claim in unlinked]
    return [transfer_row(story, members, by_id, context, source_keys) for story, members in groups if members]


def transfer_row(story: Story | None, claims: Sequence[EventClaim], claims_by_id: Mapping[str, EventClaim],
                 context: RatingContext, source_keys: Mapping[str, str]) -> TransferRow:
    """One register row from the transfer claims of one story (or one unlinked claim)."""
    ordered = sorted(claims, key=reading_order)
    supplier, supplier_key = _party(ordered, "agent")
    recipient, recipient_key = _party(ordered, "recipient")
    item, quantity = _item(ordered)
    confirmed_by_many = story is not None and rate_story(story, claims_by_id, context).credibility == 1
    status, basis = transfer_status(ordered, {key for key in (supplier_key, recipient_key) if key}, source_keys,
                                    context, confirmed_by_many)
    return TransferRow(
        story_id=story.id if story else None, supplier=supplier, supplier_key=supplier_key, recipient=recipient,
        recipient_key=recipient_key, item=item, quantity=quantity, date=_date(story, ordered), status=status,
        basis=basis, sources=tuple(_source(claim, context) for claim in ordered))


def transfer_status(claims: Sequence[EventClaim], party_keys: set[str], source_keys: Mapping[str, str],
                    context: RatingContext, confirmed_by_many: bool = False) -> tuple[TransferStatus, str]:
    """The status of a transfer from its claims, with the reason in words."""
    voices = voices_of(claims)
    deniers = [voice for voice in voices if voice.stance == "negative"]
    asserters = [voice for voice in voices if voice.stance == "positive"]
    def who(group: Iterable[Voice]) -> str:
        return ", ".join(dict.fromkeys(source_phrase(v.representative, context.documents) for v in group))

    if deniers:
        basis = f"denied by {who(deniers)}"
        return "denied", basis + (f"; asserted by {who(asserters)}" if asserters else "")
    parties = [voice for voice in asserters
               if any(_is_party(source_keys.get(c.attribution_id or ""), party_keys) for c in voice.claims)]
    if parties:
        return "confirmed", f"stated by a party to the transfer: {who(parties)}"
    if confirmed_by_many:
        return "confirmed", f"reported by {len(asserters)} independent sources, nobody denies it: {who(asserters)}"
    firm = [voice for voice in asserters if any(_firm(claim, context) for claim in voice.claims)]
    if not firm:
        return "alleged", f"only hedged or unnamed sources: {who(asserters)}"
    return "reported", f"reported by {who(firm)}"


def quantity_of(item: str) -> tuple[str | None, str]:
    """(quantity, item without it) from an item phrase: "twelve armoured vehicles" -> ("12", "armoured vehicles")."""
    text = _DETERMINER.sub("", item.strip())
    quantity = parse_quantity(text)
    return (str(quantity.count), quantity.thing) if quantity is not None else (None, text)


def register_rows(rows: Iterable[TransferRow]) -> list[dict[str, str]]:
    """The register as CSV records (one dict per row, keys :data:`CSV_COLUMNS`)."""
    records = []
    for row in rows:
        records.append({
            "story": row.story_id or "", "supplier": row.supplier or "", "recipient": row.recipient or "",
            "item": row.item or "", "quantity": row.quantity or "", "date": row.date or "", "status": row.status,
            "basis": row.basis, "claims": str(len(row.sources)),
            "sources": "; ".join(dict.fromkeys(f"{s.source} ({s.polarity}, {s.certainty})" for s in row.sources)),
            "documents": "; ".join(dict.fromkeys(s.document for s in row.sources)),
            "urls": "; ".join(dict.fromkeys(s.url for s in row.sources if s.url)),
        })
    return records


def register_csv(rows: Iterable[TransferRow]) -> str:
    """The register as CSV text with a header line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_defuse(record) for record in register_rows(rows))
    return buffer.getvalue()


def write_register_csv(rows: Sequence[TransferRow], path: str | Path) -> int:
    """Write the register to a CSV file (UTF-8); returns the number of rows written."""
    Path(path).write_text(register_csv(rows), encoding="utf-8")
    return len(rows)


def _party(claims: Sequence[EventClaim], role: str) -> tuple[str | None, str | None]:
    """The party most claims name in a role, asserting claims first; ties go to the first named."""
    for polarity in ("positive", "negative"):
        named = [(c.arguments.get(role), c.argument_keys.get(role)) for c in claims
                 if c.polarity == polarity and c.arguments.get(role)]
        if named:
            counts = Counter(name for name, _ in named)
            best = max(counts.values())
            return next(pair for pair in named if counts[pair[0]] == best)
    return None, None


def _item(claims: Sequence[EventClaim]) -> tuple[str | None, str | None]:
    """The item and quantity: the first item with a quantity, else the one most claims name."""
    for polarity in ("positive", "negative"):
        items = [quantity_of(c.arguments["item"]) for c in claims
                 if c.polarity == polarity and c.arguments.get("item")]
        counted = [(quantity, item) for quantity, item in items if quantity is not None]
        if counted:
            return counted[0][1], counted[0][0]
        if items:
            counts = Counter(item for _, item in items)
            return max(counts, key=lambda item: (counts[item], -[i for _, i in items].index(item))), None
    return None, None


def _date(story: Story | None, claims: Sequence[EventClaim]) -> str | None:
    if story is not None and story.time:
        return story.time
    times = sorted(claim.time for claim in claims if claim.time)
    return times[0] if times else None


def _is_party(source_key: str | None, party_keys: set[str]) -> bool:
    """Whether an entity key is a party or a body of a party's state ("org:ministry of defence@mn" for country:MN)."""
    if source_key is None:
        return False
    if source_key in party_keys:
        return True
    state = source_key.rpartition("@")[2] if "@" in source_key else None
    return state is not None and f"country:{state.upper()}" in party_keys


def _firm(claim: EventClaim, context: RatingContext) -> bool:
    """A claim stated without hedging by a named source or an author, not in a reader's comment."""
    if claim.polarity != "positive" or claim.certainty != "certain":
        return False
    if claim.segment_id is not None and claim.segment_id in context.comment_segments:
        return False
    return is_author(claim) or claim.source_type not in _UNNAMED_TYPES


def _source(claim: EventClaim, context: RatingContext) -> RegisterSource:
    brief = context.documents.get(claim.doc_id)
    return RegisterSource(claim_id=claim.id, doc_id=claim.doc_id, document=brief.name if brief else claim.doc_id,
                          url=brief.url if brief else None, source=source_phrase(claim, context.documents),
                          polarity=claim.polarity, certainty=claim.certainty)


def _defuse(record: dict[str, str]) -> dict[str, str]:
    """Quote cells a spreadsheet would run as a formula (text from articles is untrusted)."""
    return {key: "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
            for key, value in record.items()}
