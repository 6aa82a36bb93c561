"""The knowledge base as FollowTheMoney entities, one JSON object a line, for Aleph and the ``ftm`` tools.

followthemoney is the optional extra ``ftm`` (``pip install 'claimtrace[ftm]'``);
without it the export stops with a message that says so. What becomes which
entity is :mod:`claimtrace.export.ftm_entities`. Every entity is checked
against its schema (followthemoney's own validation and required properties)
before it is written, and every reference points to an entity of the same
file. Import into Aleph with ``alephclient write-entities -i FILE.jsonl -f COLLECTION``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from claimtrace.errors import ExportError, Messages
from claimtrace.export.ftm_entities import STATE_KEY_PREFIX, DocumentContext, FtmMapper
from claimtrace.export.rated_stories import rated_stories
from claimtrace.export.register import build_register
from claimtrace.knowledge.gazetteer import Gazetteer, PlaceEntry
from claimtrace.link.registry import SourceRegistry
from claimtrace.model import Contradiction, Entity
from claimtrace.store import Store

if TYPE_CHECKING:
    from followthemoney import EntityProxy, Model


@dataclass(slots=True)
class FtmSummary:
    """What an export wrote, by schema, and what it left out, by reason."""

    target: str
    written: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.written.values())

    def line(self) -> str:
        schemata = ", ".join(f"{count} {schema}" for schema, count in sorted(self.written.items()))
        line = f"wrote {self.total} FtM entities to {self.target} ({schemata or 'none'})"
        if self.skipped:
            reasons = "; ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
            line += f"; left out: {reasons}"
        return line


def load_model() -> Model:
    """followthemoney's schema model, or an error that names the extra to install."""
    try:
        from followthemoney import model
    except ImportError as error:
        raise ExportError(Messages.E060) from error
    return model


def write_ftm(store: Store, path: str | Path, registry: SourceRegistry | None = None,
              on_progress: Callable[[str], None] | None = None) -> FtmSummary:
    """Write the store as FtM entities to a JSON-lines file (UTF-8)."""
    load_model()  # fail before creating the file
    with open(path, "w", encoding="utf-8") as stream:
        return export_ftm(store, stream, str(path), registry, on_progress)


def export_ftm(store: Store, stream: IO[str], target: str, registry: SourceRegistry | None = None,
               on_progress: Callable[[str], None] | None = None) -> FtmSummary:
    """Write the store as FtM entities to ``stream``; ``on_progress`` hears each document's name when done."""
    model = load_model()
    summary = FtmSummary(target)
    entities = store.entities()
    mapper = FtmMapper(model, place_entries(entities))

    def write(proxy: EntityProxy) -> None:
        check(proxy)
        stream.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        summary.written[proxy.schema.name] += 1

    for entity in entities:
        proxy = mapper.entity(entity)
        if proxy is not None:
            write(proxy)
            mapper.remember(entity, proxy)
    rated = rated_stories(store, registry)
    story_events = {claim_id: mapper.story_id(story.story.id) for claim_id, story in rated.of_claim().items()}
    articles: dict[str, tuple[str, str | None]] = {}  # document id -> (article id, URL)
    body_limit = model.schemata["Article"].properties["bodyText"].type.max_length
    for row in store.documents():
        document = store.load_document(row.id)
        proxies = mapper.document(document, body_limit)
        article = next(proxies)
        articles[document.id] = (article.id or "", document.url)
        write(article)
        for proxy in proxies:
            write(proxy)
        for proxy in mapper.notes(DocumentContext(document, article.id or "", story_events)):
            write(proxy)
        if on_progress is not None:
            on_progress(document.name)
    for proxy in mapper.positions():
        write(proxy)
    transfers = {row.story_id: row for row in build_register(store, rated.context.registry) if row.story_id}
    contradictions = _by_story(store.contradictions())
    for story in rated.stories:
        write(mapper.story(story, articles, contradictions.get(story.story.id, ()), transfers.get(story.story.id)))
    summary.skipped.update(mapper.skipped)
    return summary


def check(proxy: EntityProxy) -> None:
    """Refuse an entity its schema does not accept: that is a mistake in the mapping, never in the data."""
    from followthemoney.exc import InvalidData

    missing = [name for name in proxy.schema.required if not proxy.has(name)]
    try:
        proxy.schema.validate({"properties": proxy.properties})
    except InvalidData as error:
        missing.append(str(error.errors))
    if missing or not proxy.id:
        raise ExportError(f"FtM entity {proxy.id} ({proxy.schema.name}) fails its schema: {'; '.join(missing)}")


def place_entries(entities: Iterable[Entity]) -> dict[str, PlaceEntry]:
    """Place key -> the gazetteer's entry (kind, country) of the places, not states, that it knows."""
    places = [entity for entity in entities if entity.type == "place" and not entity.key.startswith(STATE_KEY_PREFIX)]
    if not places:
        return {}
    gazetteer = Gazetteer.load()
    found = {}
    for entity in places:
        # a capital's name stands for its state in the documents; here the city itself is wanted
        for entry in (gazetteer.lookup(entity.name), gazetteer.city_of(entity.name)):
            if entry is not None and entry.key == entity.key:
                found[entity.key] = entry
                break
    return found


def _by_story(contradictions: Iterable[Contradiction]) -> Mapping[str, list[Contradiction]]:
    grouped: dict[str, list[Contradiction]] = defaultdict(list)
    for contradiction in contradictions:
        grouped[contradiction.story_id].append(contradiction)
    return grouped
