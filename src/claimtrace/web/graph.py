"""The entity graph page: who says what about whom, and who does what to whom, among the busiest entities.

Two kinds of edge join the entities: a *statement* edge runs from a source
to an entity its statements are about (built by
:func:`claimtrace.export.graphml.build_entity_graph`, as in the GraphML
export), an *event* edge from the agent of event claims to their recipient
(a supplier to the recipient of an arms transfer). Both count claims and
split them into asserted and denied. The page lists the edges as tables;
``static/graph.js`` draws them with vis-network from the page's JSON data
block, and a click on an entity opens its dossier. ``/api/graph.json``
answers the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse

from claimtrace.export.graphml import GraphEdge, build_entity_graph
from claimtrace.model import Entity
from claimtrace.store import Store, visual_queries
from claimtrace.store.visual_queries import PartyLink
from claimtrace.web.pages import Links, Page, Site, respond, site_of

router = APIRouter()

ENTITIES_RANKED = 150  # the entities that speak and are spoken of most; more is a hairball
EDGES_SHOWN = 1500  # the heaviest edges among them


@dataclass(frozen=True, slots=True)
class EntityView:
    """A drawn entity and how much it speaks and is spoken of."""

    entity: Entity
    weight: int


@dataclass(frozen=True, slots=True)
class GraphView:
    """The entities drawn (those with an edge), the statement and event edges among them, and how many exist."""

    entities: list[EntityView]
    statements: list[GraphEdge]
    events: list[GraphEdge]
    total_entities: int


def event_edges(links: Iterable[PartyLink], entity_of: Mapping[str, str]) -> list[GraphEdge]:
    """Edges agent -> recipient between known entities, one count per event claim."""
    edges: dict[tuple[str, str], GraphEdge] = {}
    for link in links:
        agent, recipient = entity_of.get(link.agent), entity_of.get(link.recipient)
        if agent is None or recipient is None or agent == recipient:
            continue
        edge = edges.setdefault((agent, recipient), GraphEdge(agent, recipient))
        edge.asserts += link.asserts
        edge.denies += link.denies
        edge.event_types.add(link.type)
    return sorted(edges.values(), key=lambda e: (e.source, e.target))


def build_graph_view(store: Store, limit: int = ENTITIES_RANKED) -> GraphView:
    """The graph among the ``limit`` busiest entities, without the ones no edge touches."""
    ranked = visual_queries.ranked_entities(store, limit)
    graph = build_entity_graph(store, [entity for entity, _ in ranked])
    entity_of = {key: entity.key for entity, _ in ranked for key in (entity.key, *entity.aliases)}
    events = event_edges(visual_queries.party_links(store, list(entity_of)), entity_of)
    heaviest = sorted([("statement", edge) for edge in graph.edges] + [("event", edge) for edge in events],
                      key=lambda pair: (-pair[1].weight, pair[0], pair[1].source, pair[1].target))[:EDGES_SHOWN]
    statements = [edge for kind, edge in heaviest if kind == "statement"]
    events = [edge for kind, edge in heaviest if kind == "event"]
    touched = {key for edge in statements + events for key in (edge.source, edge.target)}
    entities = [EntityView(entity, weight) for entity, weight in ranked if entity.key in touched]
    return GraphView(entities, statements, events, store.link_counts()["entities"])


def graph_data(view: GraphView, links: Links) -> dict[str, Any]:
    """The graph as the page's script reads it (and ``/api/graph.json`` answers)."""
    return {
        "nodes": [{"id": v.entity.key, "label": v.entity.name, "type": v.entity.type, "weight": v.weight,
                   "url": links.entity(v.entity.key)} for v in view.entities],
        "edges": [{"from": edge.source, "to": edge.target, "kind": kind, "asserts": edge.asserts,
                   "denies": edge.denies, "weight": edge.weight, "types": sorted(edge.event_types)}
                  for kind, edges in (("statement", view.statements), ("event", view.events)) for edge in edges],
        "entities": view.total_entities, "shown": len(view.entities),
    }


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request) -> HTMLResponse:
    return respond(request, graph_content(site_of(request)))


@router.get("/api/graph.json")
def graph_json(request: Request) -> JSONResponse:
    site = site_of(request)
    with site.store() as store:
        view = build_graph_view(store)
    return JSONResponse(graph_data(view, site.links))


def graph_content(site: Site) -> Page:
    """The entity graph page: its edges as tables, and their data for the drawing."""
    with site.store() as store:
        view = build_graph_view(store)
    names = {v.entity.key: v.entity.name for v in view.entities}
    return Page("graph.html", "Entity graph", {"view": view, "names": names, "data": graph_data(view, site.links)})
