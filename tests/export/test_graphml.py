"""The GraphML entity graph: entities as nodes, who makes statements about whom as weighted edges."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.export.graphml import GRAPHML_NS, statement_edges, write_graphml
from claimtrace.model import Attribution, EventClaim, Mention
from claimtrace.store import open_store

NS = {"g": GRAPHML_NS}
# "Officials in Ruritania denied that Ruritania sold rifles to Freedonia." as a hand-built record
TEXT = "Officials in Ruritania denied that Ruritania sold rifles to Freedonia."


def _mention(start: int, key: str) -> Mention:
    name = key.split(":")[1]
    return Mention(start, start + len(name), name, "GPE", key, name, "place")


def _records(polarity: str, said: str | None = None) -> tuple[list[Attribution], list[EventClaim],
                                                               dict[str, list[Mention]]]:
    content = (TEXT.index("Ruritania sold"), len(TEXT) - 1)
    attribution = Attribution(doc_id="d1", content=content, source="Ruritania", source_type="government",
                              cue="denied", cue_span=None, polarity=said or polarity, source_key="org:officials@ru")
    claim = EventClaim(doc_id="d1", type="arms_transfer", evidence=(0, len(TEXT)), trigger=(45, 49),
                       source="Ruritania", source_type="government", polarity=polarity,
                       argument_keys={"agent": "country:RU", "recipient": "country:FR", "item": "weapon:rifle"},
                       attribution_id=attribution.id)
    mentions = {"d1": [_mention(13, "country:Ruritania"), _mention(TEXT.index("Ruritania sold"), "country:RU"),
                       _mention(TEXT.index("Freedonia"), "country:FR")]}
    return [attribution], [claim], mentions


@pytest.mark.parametrize("polarity, asserts, denies", [("negative", 0, 1), ("positive", 1, 0)])
def test_graphml_edges_run_from_the_source_to_what_it_speaks_about(polarity: str, asserts: int, denies: int) -> None:
    attributions, claims, mentions = _records(polarity)
    entity_of = {"org:officials@ru": "country:RU", "country:RU": "country:RU", "country:FR": "country:FR",
                 "country:Ruritania": "country:RU"}
    edges = statement_edges(attributions, claims, mentions, entity_of)
    # the source's own state is the source (no self-loop); the unknown key "weapon:rifle" is no node
    assert [(e.source, e.target, e.asserts, e.denies, e.weight, e.event_types) for e in edges] == [
        ("country:RU", "country:FR", asserts, denies, 1, {"arms_transfer"})]


def test_graphml_edge_takes_the_stance_of_the_claim_not_of_the_speech_act() -> None:
    # "Officials said that Ruritania did not sell rifles": a positive "said", a negative claim
    attributions, claims, mentions = _records("negative", said="positive")
    entity_of = {"org:officials@ru": "country:RU", "country:RU": "country:RU", "country:FR": "country:FR"}
    edges = statement_edges(attributions, claims, mentions, entity_of)
    assert [(e.target, e.asserts, e.denies) for e in edges] == [("country:FR", 0, 1)]


def test_graphml_edges_need_a_known_source() -> None:
    attributions, claims, mentions = _records("positive")
    assert statement_edges(attributions, claims, mentions, {"country:FR": "country:FR"}) == []


def test_graphml_file_parses_with_nodes_and_edges(example_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "entities.graphml"
    with open_store(example_store) as store:
        graph = write_graphml(store, path)
        entities = {entity.key: entity for entity in store.entities()}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {key.get("id"): (key.get("for"), key.get("attr.type")) for key in root.findall("g:key", NS)}
    assert keys["weight"] == ("edge", "double") and keys["name"] == ("node", "string")
    body = root.find("g:graph", NS)
    assert body is not None and body.get("edgedefault") == "directed"
    nodes = {node.get("id"): {d.get("key"): d.text for d in node.findall("g:data", NS)}
             for node in body.findall("g:node", NS)}
    assert set(nodes) == set(entities)
    assert all(nodes[key]["name"] == entity.name and nodes[key]["type"] == entity.type
               for key, entity in entities.items())
    edges = body.findall("g:edge", NS)
    assert len(edges) == len(graph.edges) > 0
    for edge in edges:
        data = {d.get("key"): d.text or "" for d in edge.findall("g:data", NS)}
        assert edge.get("source") in nodes and edge.get("target") in nodes and edge.get("source") != edge.get("target")
        assert float(data["weight"]) == int(data["asserts"]) + int(data["denies"]) >= 1
        assert data["event_types"]


def test_graphml_command_prints_one_line(example_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.graphml"
    result = CliRunner().invoke(main, ["export", "--graphml", str(path), "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("export: ")
    assert ET.parse(path).getroot().find("g:graph", NS) is not None
