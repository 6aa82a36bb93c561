"""How each record of the knowledge base becomes FollowTheMoney entities.

- an entity: a person a ``Person``; an organisation or a media outlet an
  ``Organization``; a government body a ``PublicBody`` with its state's
  country; a state (``country:XX``) a ``PublicBody`` too, because states act
  in the claims (they sell, buy, deny) and only legal entities can be
  ``involved`` in an FtM ``Event``; another place an ``Address`` (places name
  no legal entity, so documents list them as ``locationMentioned``); an entity
  of type ``other`` is skipped, with the reason in the summary;
- a document: an ``Article`` (every input is a news article, blog post or
  comment thread) with its text, and a ``Mention`` per entity and spelling;
- a role: a ``Position`` (the office, of its state or body) and an
  ``Occupancy`` (who holds it, when, which documents say so);
- a story: an ``Event`` with its parties ``involved``, its date, the documents
  as ``proof``, the Admiralty rating and its reasons as ``summary``, and for an
  arms transfer the register's item, quantity and status (FtM has no trade
  schema: ``Payment`` needs money, ``Contract`` a signed document);
- an event claim: a ``Note`` on the story's event (and on the source's entity):
  who says it, which way, how firmly, in which words;
- an attribution that makes no event claim: a ``Note`` on the document.

Identifiers are followthemoney's ``make_entity_id`` hash of "claimtrace", the
kind of record and its claimtrace key, so exporting twice gives the same ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrace.export.rated_stories import RatedStory
from claimtrace.export.register import TransferRow
from claimtrace.knowledge.gazetteer import PlaceEntry
from claimtrace.link.registry import SourceDocument
from claimtrace.link.voices import is_author
from claimtrace.model import Attribution, Contradiction, Document, Entity, EventClaim, Role
from claimtrace.show.summary import plural

if TYPE_CHECKING:
    from followthemoney import EntityProxy, Model

ID_PREFIX = "claimtrace"
ENTITY_SCHEMATA = {"person": "Person", "organization": "Organization", "media": "Organization",
                   "government": "PublicBody"}
STATE_KEY_PREFIX = "country:"
PLACE_SCHEMA = "Address"
TOPICS = {"government": "gov", "state": "gov.national"}
MAX_ALIASES = 20  # spellings per entity: enough to find it, not every typo of a large corpus


@dataclass(frozen=True, slots=True)
class Exported:
    """An entity of the knowledge base as it was exported."""

    id: str
    schema: str
    name: str
    country: str | None
    legal: bool  # a LegalEntity, so it can be involved in an event, hold a post, be a mention's resolution
    organization: bool  # an Organization (a PublicBody too), so a position can belong to it


@dataclass(slots=True)
class DocumentContext:
    """What the notes of one document refer to."""

    document: Document
    article_id: str
    story_events: Mapping[str, str]  # claim id -> FtM id of its story's event


@dataclass(slots=True)
class FtmMapper:
    """Builds FtM entities from claimtrace records; remembers what it exported and what it skipped, and why."""

    model: Model
    places: Mapping[str, PlaceEntry] = field(default_factory=dict)  # place key -> the gazetteer's entry
    exported: dict[str, Exported] = field(default_factory=dict)  # entity key and every alias -> exported entity
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> how many records
    roles: list[tuple[Role, str]] = field(default_factory=list)  # every role seen, with its article's id

    def make(self, schema: str, *id_parts: object) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.make_id(ID_PREFIX, *id_parts)
        return proxy

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    # ------------------------------------------------------------------ entities

    def entity(self, entity: Entity) -> EntityProxy | None:
        """The FtM entity of a knowledge-base entity, or None (counted as skipped) when FtM has no schema for it."""
        schema = schema_of(entity)
        if schema is None:
            self.skip(f"entity type '{entity.type}' has no FollowTheMoney schema")
            return None
        proxy = self.make(schema, "entity", entity.key)
        proxy.add("name", entity.name)
        if schema == PLACE_SCHEMA:
            proxy.add("full", entity.name)
            place = self.places.get(entity.key)
            proxy.add("city", entity.name if place is not None and place.kind == "city" else None)
        proxy.add("alias", spellings(entity)[:MAX_ALIASES])
        proxy.add("country", country_of(entity, self.places))
        proxy.add("topics", TOPICS.get("state" if _is_state(entity) else entity.type))
        documents = len({doc_id for doc_id, *_ in entity.mentions})
        proxy.add("description", f"claimtrace {entity.type} {entity.key}: {plural(len(entity.mentions), 'mention')} "
                                 f"in {plural(documents, 'document')}")
        return proxy

    def remember(self, entity: Entity, proxy: EntityProxy) -> None:
        """Record an entity as written, so that later records may refer to it."""
        exported = Exported(proxy.id or "", proxy.schema.name, entity.name, proxy.first("country"),
                            proxy.schema.is_a("LegalEntity"), proxy.schema.is_a("Organization"))
        for key in (entity.key, *entity.aliases):
            self.exported[key] = exported

    def legal(self, key: str | None) -> Exported | None:
        """The exported legal entity of an entity or mention key."""
        found = self.exported.get(key or "")
        return found if found is not None and found.legal else None

    # ------------------------------------------------------------------ documents

    def document(self, document: Document, body_limit: int) -> Iterator[EntityProxy]:
        """The article and a mention per entity and spelling; the document's roles are kept for :meth:`positions`."""
        article = self.make("Article", "document", document.id)
        article.add("fileName", Path(document.origin).name or document.name)
        article.add("title", document.title or document.name)
        article.add("publishedAt", document.published)
        article.add("author", document.author)
        article.add("publisher", document.outlet)
        article.add("sourceUrl", document.url)
        article.add("language", document.language)
        article.add("bodyText", document.text[:body_limit])
        if len(document.text) > body_limit:
            article.add("notes", f"body text cut at {body_limit} of {len(document.text)} characters")
        if not document.analysed:
            article.add("notes", document.status)
        mentioned = [(mention, self.exported[mention.entity_key]) for mention in document.mentions
                     if mention.entity_key in self.exported]
        for _, exported in mentioned:
            article.add(_MENTIONED_AS.get(exported.schema, "namesMentioned"), exported.name)
        yield article
        spelled: dict[tuple[str, str], tuple[str, Exported]] = {}  # one mention per entity and spelling
        for mention, exported in mentioned:
            if exported.legal:
                spelled.setdefault((mention.text.casefold(), exported.id), (mention.text, exported))
        for name, exported in spelled.values():
            yield self._mention(article.id or "", name, exported)
        self.roles.extend((role, article.id or "") for role in document.roles)

    def _mention(self, article_id: str, name: str, exported: Exported) -> EntityProxy:
        mention = self.make("Mention", "mention", article_id, exported.id, name.casefold())
        mention.add("document", article_id)
        mention.add("name", name)
        mention.add("resolved", exported.id)
        mention.add("detectedSchema", exported.schema)
        mention.add("contextCountry", exported.country)
        return mention

    def notes(self, context: DocumentContext) -> Iterator[EntityProxy]:
        """A note per event claim (on its story's event) and per attribution that makes no claim."""
        document = context.document
        attributions = {attribution.id: attribution for attribution in document.attributions}
        for claim in document.event_claims:
            attribution = attributions.get(claim.attribution_id or "")
            yield self._claim_note(claim, attribution, context)
        claimed = {claim.attribution_id for claim in document.event_claims}
        for attribution in document.attributions:
            if attribution.id not in claimed:
                yield self._attribution_note(attribution, context)

    def _claim_note(self, claim: EventClaim, attribution: Attribution | None,
                    context: DocumentContext) -> EntityProxy:
        document = context.document
        speaker = speaker_of(claim, document)
        verb = "asserts" if claim.polarity == "positive" else "denies"
        cue = f", cue '{attribution.cue}'" if attribution is not None else ""
        when = f", {claim.time}" if claim.time else ""
        note = self.make("Note", "claim", claim.id)
        note.add("entity", context.story_events.get(claim.id, context.article_id))
        source = self.legal(attribution.source_key if attribution is not None else None)
        note.add("entity", source.id if source is not None else None)
        note.add("description", f"{speaker} {verb} ({claim.certainty}{cue}): {event_words(claim)}{when}")
        note.add("summary", _span(document, claim.evidence))
        note.add("publisher", speaker)
        note.add("proof", context.article_id)
        note.add("sourceUrl", document.url)
        note.add("namesMentioned", list(claim.arguments.values()))
        note.add("keywords", [claim.type, claim.polarity, claim.certainty])
        return note

    def _attribution_note(self, attribution: Attribution, context: DocumentContext) -> EntityProxy:
        document = context.document
        content = _span(document, attribution.content)
        note = self.make("Note", "attribution", attribution.id)
        note.add("entity", context.article_id)
        source = self.legal(attribution.source_key)
        note.add("entity", source.id if source is not None else None)
        note.add("description", f"{attribution.source} {attribution.cue}: {content}")
        note.add("summary", content)
        note.add("publisher", attribution.source)
        note.add("proof", context.article_id)
        note.add("sourceUrl", document.url)
        note.add("keywords", ["attribution", attribution.polarity])
        return note

    # ------------------------------------------------------------------ roles

    def positions(self) -> Iterator[EntityProxy]:
        """Every office as a Position, and who holds it as one Occupancy per holder and office."""
        held: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        posts: dict[str, EntityProxy] = {}
        for role, article_id in self.roles:
            holder = self.legal(role.person_key)
            if holder is None or holder.schema != "Person":
                self.skip("role of somebody who is not an exported person")
                continue
            post = self._position(role)
            posts.setdefault(post.id or "", post)
            held[(holder.id, post.id or "")].append((role, article_id))
        yield from posts.values()
        for (holder_id, post_id), roles in held.items():
            yield self._occupancy(holder_id, post_id, roles)

    def _position(self, role: Role) -> EntityProxy:
        body = self.exported.get(role.affiliation_key or "")
        affiliation = body.name if body is not None else role.affiliation
        post = self.make("Position", "position", role.title.casefold(), role.affiliation_key or affiliation or "")
        post.add("name", f"{role.title}, {affiliation}" if affiliation else role.title)
        if body is not None and body.organization:
            post.add("organization", body.id)
        post.add("country", body.country if body is not None else None)
        return post

    def _occupancy(self, holder_id: str, post_id: str, roles: list[tuple[Role, str]]) -> EntityProxy:
        occupancy = self.make("Occupancy", "occupancy", holder_id, post_id)
        occupancy.add("holder", holder_id)
        occupancy.add("post", post_id)
        occupancy.add("date", [role.time for role, _ in roles])
        occupancy.add("proof", [article_id for _, article_id in roles])
        current = any(role.current for role, _ in roles)
        occupancy.add("status", "current" if current else "ended")
        if not current:
            occupancy.add("endDate", max((role.until for role, _ in roles if role.until), default=None))
        occupancy.add("description", "; ".join(dict.fromkeys(role.title for role, _ in roles)))
        return occupancy

    # ------------------------------------------------------------------ stories

    def story_id(self, story_id: str) -> str:
        return self.make("Event", "story", story_id).id or ""

    def story(self, rated: RatedStory, articles: Mapping[str, tuple[str, str | None]],
              contradictions: Iterable[Contradiction], transfer: TransferRow | None) -> EntityProxy:
        """A story as an Event; ``articles``: document id -> (article id, URL)."""
        story = rated.story
        event = self.make("Event", "story", story.id)
        event.add("name", story.label or story.type)
        event.add("date", story.time)
        for claim in rated.claims:
            for key in claim.argument_keys.values():
                party = self.exported.get(key)
                if party is None:
                    continue
                event.add("involved" if party.legal else "location", party.id if party.legal else party.name)
        event.add("proof", [articles[claim.doc_id][0] for claim in rated.claims if claim.doc_id in articles])
        event.add("sourceUrl", [articles[claim.doc_id][1] for claim in rated.claims if claim.doc_id in articles])
        if rated.rating is not None:
            event.add("summary", rated.rating.explanation)
            event.add("keywords", f"admiralty {rated.rating.code}")
        event.add("keywords", story.type)
        if transfer is not None:
            event.add("description", transfer_words(transfer))
        event.add("notes", [f"{c.kind}: {c.explanation}" for c in contradictions])
        return event


_MENTIONED_AS = {"Person": "peopleMentioned", "Organization": "companiesMentioned",
                 "PublicBody": "companiesMentioned", PLACE_SCHEMA: "locationMentioned"}


def schema_of(entity: Entity) -> str | None:
    """The FtM schema of an entity, None for types FtM has nothing for."""
    if entity.type == "place":
        return "PublicBody" if _is_state(entity) else PLACE_SCHEMA
    return ENTITY_SCHEMATA.get(entity.type)


def country_of(entity: Entity, places: Mapping[str, PlaceEntry]) -> str | None:
    """The ISO code of the state an entity is, belongs to ("org:ministry of defence@mn") or lies in."""
    if _is_state(entity):
        return entity.key.removeprefix(STATE_KEY_PREFIX).lower()
    if "@" in entity.key:
        return entity.key.rpartition("@")[2]
    place = places.get(entity.key)
    return place.country.lower() if place is not None and place.country else None


def spellings(entity: Entity) -> list[str]:
    """The entity's spellings in the documents other than its name, most frequent first."""
    counts = Counter(text for *_, text in entity.mentions if text.casefold() != entity.name.casefold())
    return [text for text, _ in counts.most_common()]


def speaker_of(claim: EventClaim, document: SourceDocument) -> str:
    """Who makes a claim, by name: the source, or the document's author or outlet for its own voice."""
    if is_author(claim):
        return document.author or document.outlet or f"the author of {document.name}"
    return claim.source


def event_words(claim: EventClaim) -> str:
    """The claimed event in a few words: "arms transfer: Mongolia → Kyrgyzstan"."""
    parties = " → ".join(name for name in (claim.agent, claim.recipient) if name)
    return claim.type.replace("_", " ") + (f": {parties}" if parties else "")


def transfer_words(row: TransferRow) -> str:
    """An arms transfer as the register states it."""
    parts = [f"supplier {row.supplier}" if row.supplier else None,
             f"recipient {row.recipient}" if row.recipient else None,
             f"item {' '.join(p for p in (row.quantity, row.item) if p)}" if row.item else None]
    return "; ".join(part for part in parts if part) + f"; status {row.status}: {row.basis}"


def _is_state(entity: Entity) -> bool:
    return entity.key.startswith(STATE_KEY_PREFIX)


def _span(document: Document, span: tuple[int, int]) -> str:
    start, end = span
    return " ".join(document.text[start:end].split())

