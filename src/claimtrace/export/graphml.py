"""The entity graph for Gephi as GraphML: who claims what about whom.

Nodes are the entities of the knowledge base (name, type, mentions). An edge
runs from a source entity to an entity its statements are about: for every
attribution whose source is a known entity, each entity mentioned in the
attributed words or named as a party (agent, recipient, ...) of an event
claim made through it. An edge's ``weight`` is how many statements link the
two; ``asserts`` and ``denies`` split them by polarity (of the event claims
about the target when there are some, else of the statement); ``event_types`` lists
the event types of the claims among them (``statement`` when there are none).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.model import Attribution, Entity, EventClaim, Mention
from claimtrace.store import Store
from claimtrace.store import visual_queries, web_queries

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
STATEMENT = "statement"  # the event type of an edge made of attributions without event claims

# (id, for, name, type) of every GraphML attribute, in the order Gephi lists them
NODE_KEYS = (("name", "node", "label", "string"), ("type", "node", "type", "string"),
             ("mentions", "node", "mentions", "int"))
EDGE_KEYS = (("weight", "edge", "weight", "double"), ("asserts", "edge", "asserts", "int"),
             ("denies", "edge", "denies", "int"), ("event_types", "edge", "event_types", "string"))


@dataclass(slots=True)
class GraphEdge:
    """Statements of one source entity about one other entity."""

    source: str
    target: str
    asserts: int = 0
    denies: int = 0
    event_types: set[str] = field(default_factory=set)

    @property
    def weight(self) -> int:
        return self.asserts + self.denies


@dataclass(frozen=True, slots=True)
class EntityGraph:
    entities: list[Entity]
    edges: list[GraphEdge]


def build_entity_graph(store: Store, entities: list[Entity] | None = None) -> EntityGraph:
    """The graph of ``entities`` (every entity in the store when None) and of who among them says what about whom.

    Only the mentions of documents where one of them speaks are read, so a
    few entities of a large store (the web app's graph) cost a few queries.
    """
    entities = store.entities() if entities is None else entities
    entity_of = {key: entity.key for entity in entities for key in (entity.key, *entity.aliases)}
    attributions = web_queries.attributions_by_source(store, list(entity_of))
    claims = web_queries.claims_of_attributions(store, [a.id for a in attributions])
    mentions = visual_queries.mentions_of_documents(store, {a.doc_id for a in attributions})
    return EntityGraph(entities, statement_edges(attributions, claims, mentions, entity_of))


def statement_edges(attributions: Iterable[Attribution], claims: Iterable[EventClaim],
                    mentions: Mapping[str, list[Mention]], entity_of: Mapping[str, str]) -> list[GraphEdge]:
    """Edges source entity -> entity, one count per attribution that is about the target."""
    claims_of: dict[str, list[EventClaim]] = defaultdict(list)
    for claim in claims:
        if claim.attribution_id:
            claims_of[claim.attribution_id].append(claim)
    edges: dict[tuple[str, str], GraphEdge] = {}
    for attribution in attributions:
        source = entity_of.get(attribution.source_key or "")
        if source is None:
            continue
        start, end = attribution.content
        denied = attribution.polarity == "negative"
        targets: dict[str, set[str]] = {entity_of[m.entity_key]: set() for m in mentions.get(attribution.doc_id, ())
                                        if start <= m.start and m.end <= end and m.entity_key in entity_of}
        denied_of: dict[str, bool] = {}
        for claim in claims_of[attribution.id]:
            for key in claim.argument_keys.values():
                if key in entity_of:
                    targets.setdefault(entity_of[key], set()).add(claim.type)
                    # "said that X did not sell": the claim's polarity, not the speech act's, is the stance
                    denied_of[entity_of[key]] = denied_of.get(entity_of[key], False) or claim.polarity == "negative"
        for target, types in targets.items():
            if target == source:
                continue
            edge = edges.setdefault((source, target), GraphEdge(source, target))
            if denied_of.get(target, denied):
                edge.denies += 1
            else:
                edge.asserts += 1
            edge.event_types |= types
    return sorted(edges.values(), key=lambda e: (e.source, e.target))


def graphml_tree(graph: EntityGraph) -> ET.ElementTree:
    """The graph as a GraphML document (directed)."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    for key_id, domain, name, kind in NODE_KEYS + EDGE_KEYS:
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, "graph", {"id": "claimtrace", "edgedefault": "directed"})
    for entity in graph.entities:
        node = ET.SubElement(body, "node", {"id": entity.key})
        _data(node, "name", entity.name)
        _data(node, "type", entity.type)
        _data(node, "mentions", str(len(entity.mentions)))
    for number, edge in enumerate(graph.edges):
        element = ET.SubElement(body, "edge", {"id": f"e{number}", "source": edge.source, "target": edge.target})
        _data(element, "weight", str(float(edge.weight)))
        _data(element, "asserts", str(edge.asserts))
        _data(element, "denies", str(edge.denies))
        _data(element, "event_types", "; ".join(sorted(edge.event_types)) or STATEMENT)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def write_graphml(store: Store, path: str | Path) -> EntityGraph:
    """Write the entity graph of the store to a GraphML file (UTF-8); returns the graph written."""
    graph = build_entity_graph(store)
    graphml_tree(graph).write(path, encoding="utf-8", xml_declaration=True)
    return graph


def _data(parent: ET.Element, key: str, value: str) -> None:
    ET.SubElement(parent, "data", {"key": key}).text = value
