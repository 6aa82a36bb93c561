"""The entity graph page: who says what about whom and who does what to whom, each entity linked to its dossier."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote

import httpx

from claimtrace.store import open_store, web_queries
from claimtrace.store.visual_queries import PartyLink, ranked_entities
from claimtrace.web.graph import build_graph_view, event_edges

from .reading import data_block, links, parse


def test_graph_event_edges_count_claims_between_known_entities() -> None:
    entity_of = {"country:RU": "country:RU", "org:army@ru": "country:RU", "country:FR": "country:FR"}
    party_links = [PartyLink("country:RU", "country:FR", "arms_transfer", 3, 1),
                   PartyLink("org:army@ru", "country:FR", "military_training", 0, 2),
                   PartyLink("country:RU", "org:army@ru", "meeting", 1, 0),  # one entity: no loop
                   PartyLink("country:RU", "country:XX", "arms_transfer", 4, 0)]  # unknown recipient
    edges = event_edges(party_links, entity_of)
    assert [(e.source, e.target, e.asserts, e.denies, e.weight, e.event_types) for e in edges] == [
        ("country:RU", "country:FR", 3, 3, 6, {"arms_transfer", "military_training"})]


def test_graph_json_nodes_are_entities_and_edges_join_them(client: httpx.Client, example_site: str,
                                                           example_store: Path) -> None:
    data = client.get(example_site + "/api/graph.json").json()
    with open_store(example_store) as store:
        entities = {entity.key: entity for entity in store.entities()}
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes and set(nodes) <= set(entities) and data["entities"] == len(entities)
    assert all(nodes[key]["label"] == entities[key].name and nodes[key]["type"] == entities[key].type
               for key in nodes)
    kinds = Counter(edge["kind"] for edge in data["edges"])
    assert kinds["statement"] > 0 and kinds["event"] > 0
    for edge in data["edges"]:
        assert edge["from"] in nodes and edge["to"] in nodes and edge["from"] != edge["to"]
        assert edge["weight"] == edge["asserts"] + edge["denies"] >= 1
        assert edge["types"] or edge["kind"] == "statement"  # a statement need not be about an event
    touched = {key for edge in data["edges"] for key in (edge["from"], edge["to"])}
    assert touched == set(nodes)  # no entity is drawn without an edge
    for node in nodes.values():
        assert node["url"] == "/entity/" + quote(node["id"], safe="")
        assert client.get(example_site + node["url"]).status_code == 200


def test_graph_event_edges_are_the_claims_of_the_store(client: httpx.Client, example_site: str,
                                                        example_store: Path) -> None:
    data = client.get(example_site + "/api/graph.json").json()
    with open_store(example_store) as store:
        claims = store.event_claims()
        members = {c.argument_keys[role] for c in claims for role in ("agent", "recipient") if role in c.argument_keys}
        entity_of = web_queries.entity_keys(store, members)
    expected: Counter[tuple[str, str, str]] = Counter()
    for claim in claims:
        agent, recipient = (entity_of.get(claim.argument_keys.get(role, "")) for role in ("agent", "recipient"))
        if agent and recipient and agent != recipient:
            expected[(agent, recipient, claim.polarity)] += 1
    drawn = {(e["from"], e["to"]): e for e in data["edges"] if e["kind"] == "event"}
    assert drawn
    for (agent, recipient), edge in drawn.items():
        assert (edge["asserts"], edge["denies"]) == (expected[(agent, recipient, "positive")],
                                                    expected[(agent, recipient, "negative")])


def test_graph_keeps_the_busiest_entities(example_store: Path) -> None:
    with open_store(example_store) as store:
        ranked = ranked_entities(store, 3)
        everything = ranked_entities(store, 1000)
        view = build_graph_view(store, limit=3)
    weights = [weight for _, weight in everything]
    assert weights == sorted(weights, reverse=True) and [e.key for e, _ in ranked] == [e.key for e, _ in everything[:3]]
    assert {v.entity.key for v in view.entities} <= {entity.key for entity, _ in ranked}
    assert all(edge.source in {v.entity.key for v in view.entities} for edge in view.statements + view.events)


def test_graph_page_tables_link_to_dossiers_and_match_the_data(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/graph")
    assert response.status_code == 200
    html = response.text
    data = data_block(html, "graph-data")
    assert data == client.get(example_site + "/api/graph.json").json()
    statements = html[html.index('id="graph-statements"'):html.index("</table>", html.index('id="graph-statements"'))]
    events = html[html.index('id="graph-events"'):html.index("</table>", html.index('id="graph-events"'))]
    assert statements.count("<tr>") - 1 == sum(e["kind"] == "statement" for e in data["edges"])  # less the header
    assert events.count("<tr>") - 1 == sum(e["kind"] == "event" for e in data["edges"])
    assert set(links(html, "/entity/")) == {node["url"] for node in data["nodes"]}


def test_graph_page_loads_its_scripts_from_this_server(client: httpx.Client, example_site: str) -> None:
    response = client.get(example_site + "/graph")
    tags = parse(response.text).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    sources = [attrs["src"] or "" for attrs in scripts if "src" in attrs]
    assert [attrs for attrs in scripts if "src" not in attrs] == [{"type": "application/json", "id": "graph-data"}]
    assert any(src.endswith("vis-network.min.js") for src in sources) and "/static/graph.js" in sources
    for url in sources + [attrs.get("href") or "" for tag, attrs in tags if tag == "link"]:
        assert url.startswith("/static/") and client.get(example_site + url).status_code == 200, url
    assert any(attrs.get("id") == "graph" for _, attrs in tags)
    assert "/graph" in links(client.get(example_site + "/").text, "/")
