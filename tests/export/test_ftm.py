"""The FollowTheMoney export: every line an entity that followthemoney itself accepts, every reference resolved."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.errors import ExportError
from claimtrace.model import Entity, Role
from claimtrace.store import open_store

followthemoney = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402  (after the skip: the library is the optional extra "ftm")
from followthemoney.cli.cli import cli as ftm_cli  # noqa: E402

from claimtrace.export.ftm import write_ftm  # noqa: E402
from claimtrace.export.ftm_entities import FtmMapper  # noqa: E402


@pytest.fixture(scope="module")
def exported(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("ftm") / "kb.ftm.jsonl"
    with open_store(example_store) as store:
        write_ftm(store, path)
    return path, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ftm_every_line_is_a_valid_entity_of_its_schema(exported: tuple[Path, list[dict[str, Any]]]) -> None:
    _, entities = exported
    assert entities
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        assert set(data) == {"id", "schema", "properties"}
        assert set(data["properties"]) <= set(schema.properties), data
        assert all(not schema.properties[name].stub for name in data["properties"])
        schema.validate(data)  # raises InvalidData on a value its type rejects
        assert set(schema.required) <= set(data["properties"]), (data["schema"], schema.required)
        assert model.get_proxy(data, cleaned=False).to_dict() == data  # cleaning again changes nothing
        assert model.get_proxy(data).to_dict() == data


def test_ftm_ids_are_unique_and_every_reference_is_exported(exported: tuple[Path, list[dict[str, Any]]]) -> None:
    _, entities = exported
    ids = Counter(data["id"] for data in entities)
    assert ids.most_common(1)[0][1] == 1
    for data in entities:
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            if prop.type.name == "entity":
                for value in values:
                    assert value in ids, (data["schema"], name, value)
                    assert model.get(next(e["schema"] for e in entities if e["id"] == value)).is_a(prop.range)


def test_ftm_followthemoney_validate_keeps_every_value(exported: tuple[Path, list[dict[str, Any]]],
                                                       tmp_path: Path) -> None:
    path, entities = exported
    out = tmp_path / "validated.jsonl"
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    validated = {data["id"]: data for data in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert {data["id"]: data["properties"] for data in entities} == {
        key: data["properties"] for key, data in validated.items()}


def test_ftm_maps_the_knowledge_base(example_store: Path, exported: tuple[Path, list[dict[str, Any]]]) -> None:
    _, entities = exported
    with open_store(example_store) as store:
        documents, stories, claims = store.documents(), store.stories(), store.event_claims()
        known = store.entities()
        roles = [role for row in documents for role in store.load_document(row.id).roles]
    by_schema: dict[str, list[dict[str, Any]]] = {}
    for data in entities:
        by_schema.setdefault(data["schema"], []).append(data)
    by_id = {data["id"]: data for data in entities}

    def names(schema: str) -> set[str]:
        return {name for data in by_schema.get(schema, []) for name in data["properties"]["name"]}

    assert names("Person") == {e.name for e in known if e.type == "person"}
    states = {e.key.split(":")[1].lower(): e.name for e in known if e.key.startswith("country:")}
    assert {data["properties"]["name"][0]: data["properties"]["country"] for data in by_schema["PublicBody"]
            if "gov.national" in data["properties"].get("topics", [])} == {name: [iso] for iso, name in states.items()}
    assert len(by_schema["Article"]) == len(documents)
    assert {data["properties"]["title"][0] for data in by_schema["Article"]} == {d.title or d.name for d in documents}
    assert sorted(data["properties"]["name"][0] for data in by_schema["Event"]) == sorted(s.label for s in stories)
    transfer = next(data for data in by_schema["Event"] if "arms_transfer" in data["properties"]["keywords"])
    assert {by_id[i]["properties"]["name"][0] for i in transfer["properties"]["involved"]} >= {"Mongolia", "Kyrgyzstan"}
    assert any(key.startswith("admiralty ") for key in transfer["properties"]["keywords"])
    assert "status denied" in transfer["properties"]["description"][0]
    claim_notes = [data for data in by_schema["Note"] if set(data["properties"]["keywords"]) & {c.type for c in claims}]
    assert len(claim_notes) == len(claims)
    assert all(any(by_id[i]["schema"] == "Event" for i in note["properties"]["entity"]) for note in claim_notes)
    assert {by_id[m["properties"]["resolved"][0]]["schema"] for m in by_schema["Mention"]} <= {
        "Person", "Organization", "PublicBody"}
    holders = {by_id[o["properties"]["holder"][0]]["properties"]["name"][0] for o in by_schema["Occupancy"]}
    assert holders == {e.name for e in known if e.type == "person" and any(r.person_key in (e.key, *e.aliases)
                                                                               for r in roles)}


def test_ftm_entity_types_map_to_schemata_or_are_left_out_with_a_reason() -> None:
    mapper = FtmMapper(model)
    mention = [("d1", 0, 5, "Kazakh officials")]
    cases = {
        "person:ana petrova": ("person", "Person", None),
        "org:ministry of defence@kz": ("government", "PublicBody", "kz"),
        "org:steppe daily": ("media", "Organization", None),
        "country:KZ": ("place", "PublicBody", "kz"),
        "place:central-asia": ("place", "Address", None),
    }
    for key, (kind, schema, country) in cases.items():
        proxy = mapper.entity(Entity(key, key.split(":")[1].title(), kind, mentions=mention))
        assert proxy is not None and proxy.schema.name == schema, key
        assert proxy.first("country") == country
        assert "Kazakh officials" in proxy.get("alias")
    assert mapper.entity(Entity("group:nomads", "Nomads", "other")) is None
    assert mapper.skipped == Counter({"entity type 'other' has no FollowTheMoney schema": 1})


def test_ftm_roles_become_positions_held_by_people() -> None:
    mapper = FtmMapper(model)
    for entity in (Entity("person:ana petrova", "Ana Petrova", "person"), Entity("country:KZ", "Kazakhstan", "place"),
                   Entity("org:steppe daily", "Steppe Daily", "media")):
        proxy = mapper.entity(entity)
        assert proxy is not None
        mapper.remember(entity, proxy)
    mapper.roles = [(Role("d1", "person:ana petrova", "Ana Petrova", "Defence Minister", "Kazakhstan", "country:KZ",
                          time="2019", until="2021", current=False), "a1"),
                    (Role("d2", "person:ana petrova", "Ana Petrova", "defence minister", "Kazakhstan", "country:KZ",
                          time="2020", until="2021", current=False), "a2"),
                    (Role("d2", "org:steppe daily", "Steppe Daily", "editor"), "a2")]
    made = list(mapper.positions())
    assert [p.schema.name for p in made] == ["Position", "Occupancy"]
    post, held = made
    assert post.get("name") == ["Defence Minister, Kazakhstan"] and post.get("country") == ["kz"]
    assert post.get("organization") == [mapper.exported["country:KZ"].id]
    assert held.get("holder") == [mapper.exported["person:ana petrova"].id] and held.get("post") == [post.id]
    assert held.get("status") == ["ended"] and held.get("endDate") == ["2021"]
    assert sorted(held.get("date")) == ["2019", "2020"] and sorted(held.get("proof")) == ["a1", "a2"]
    assert mapper.skipped == Counter({"role of somebody who is not an exported person": 1})


def test_ftm_without_the_library_names_the_extra(example_store: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrace.export.ftm import load_model

    monkeypatch.setitem(sys.modules, "followthemoney", None)  # what an install without the extra gives: ImportError
    with pytest.raises(ExportError, match=r"pip install 'claimtrace\[ftm\]'"):
        load_model()
    out = tmp_path / "kb.ftm.jsonl"
    result = CliRunner().invoke(main, ["export", "--graphml", str(tmp_path / "g.graphml"), "--ftm", str(out),
                                       "--db", str(example_store)])
    assert result.exit_code == 1 and "claimtrace[ftm]" in result.stderr
    assert not out.exists() and not (tmp_path / "g.graphml").exists()  # nothing written before the error


def test_ftm_command_combines_with_the_other_exports(example_store: Path, tmp_path: Path) -> None:
    paths = {option: tmp_path / name for option, name in
             (("--graphml", "g.graphml"), ("--ftm", "kb.ftm.jsonl"), ("--claimreview", "reviews.jsonld"))}
    result = CliRunner().invoke(main, ["export", *[str(a) for pair in paths.items() for a in pair],
                                       "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "kb.ftm.jsonl").read_text(encoding="utf-8").splitlines()
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("export: ") and f"wrote {len(lines)} FtM entities to {paths['--ftm']}" in result.stderr
    assert all(path.stat().st_size > 0 for path in paths.values())


def test_ftm_to_standard_output_is_data_only(example_store: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--ftm", "-", "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and all(json.loads(line)["schema"] for line in lines)
    assert result.stderr.startswith(f"export: wrote {len(lines)} FtM entities to -")


@pytest.mark.parametrize("args, message", [([], "nothing to export"),
                                            (["--ftm", "-", "--claimreview", "-"], "only one export")])
def test_export_refuses_options_that_make_no_export(example_store: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["export", *args, "--db", str(example_store)])
    assert result.exit_code == 2 and message in result.output
