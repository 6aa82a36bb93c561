"""The register of reported arms transfers: status from the claims, quantities, CSV, the CLI line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.export.register import (
    CSV_COLUMNS,
    RegisterSource,
    TransferRow,
    build_register,
    quantity_of,
    register_csv,
    transfer_status,
)
from claimtrace.link.confidence import RatingContext
from claimtrace.model import AUTHOR, EventClaim
from claimtrace.store import open_store

PARTIES = {"country:AA", "country:BB"}


def _claim(doc: str, source: str, source_type: str, polarity: str = "positive", certainty: str = "certain",
           attribution: str | None = None, start: int = 0) -> EventClaim:
    return EventClaim(doc, "arms_transfer", (start, start + 40), (start + 5, start + 9), source, source_type,
                      polarity=polarity, certainty=certainty,  # type: ignore[arg-type]
                      arguments={"agent": "Aland", "recipient": "Boland", "item": "rifles"},
                      argument_keys={"agent": "country:AA", "recipient": "country:BB"}, attribution_id=attribution)


@pytest.mark.parametrize("claims, source_keys, expected", [
    ([_claim("d1", AUTHOR, "author")], {}, "reported"),
    ([_claim("d1", "Daily Post", "media")], {}, "reported"),
    ([_claim("d1", "sources familiar with the deal", "unnamed")], {}, "alleged"),
    ([_claim("d1", "Daily Post", "media", certainty="possible")], {}, "alleged"),
    ([_claim("d1", AUTHOR, "author"), _claim("d2", "the ministry of Aland", "government", "negative")], {}, "denied"),
    ([_claim("d1", "Ministry of Defence", "government", attribution="a1")],
     {"a1": "org:ministry of defence@aa"}, "confirmed"),
    ([_claim("d1", "Boland", "government", attribution="a1")], {"a1": "country:BB"}, "confirmed"),
    ([_claim("d1", "Ministry of Defence", "government", attribution="a1")],
     {"a1": "org:ministry of defence@cc"}, "reported"),  # a third state's ministry is no party
])
def test_register_transfer_status_from_the_claims(claims: list[EventClaim], source_keys: dict[str, str],
                                                  expected: str) -> None:
    status, basis = transfer_status(claims, PARTIES, source_keys, RatingContext())
    assert status == expected
    assert basis


def test_register_denial_names_both_sides() -> None:
    claims = [_claim("d1", "Daily Post", "media"), _claim("d2", "the ministry of Aland", "government", "negative")]
    status, basis = transfer_status(claims, PARTIES, {}, RatingContext())
    assert status == "denied"
    assert "denied by the ministry of Aland" in basis and "asserted by Daily Post" in basis


def test_register_many_independent_sources_confirm() -> None:
    claims = [_claim(f"d{i}", f"Outlet {i}", "media") for i in range(3)]
    assert transfer_status(claims, PARTIES, {}, RatingContext(), confirmed_by_many=True)[0] == "confirmed"


@pytest.mark.parametrize("item, expected", [
    ("fourteen self-propelled howitzers", ("14", "self-propelled howitzers")),
    ("3,500 assault rifles", ("3500", "assault rifles")),
    ("up to 40 drones", ("40", "drones")),
    ("two dozen mortars", ("24", "mortars")),
    ("no helicopters", (None, "helicopters")),
    ("T-72 tanks", (None, "T-72 tanks")),
    ("Su-30 fighters", (None, "Su-30 fighters")),
    ("ammunition", (None, "ammunition")),
])
def test_register_quantity_of(item: str, expected: tuple[str | None, str]) -> None:
    assert quantity_of(item) == expected


def test_register_csv_quotes_formula_cells() -> None:
    source = RegisterSource("c1", "d1", "=HYPERLINK(\"http://x\")", None, "@evil", "positive", "certain")
    row = TransferRow("s1", "=cmd|' /C calc'!A0", None, "+Boland", None, "-rifles", None, "2024", "reported",
                      "reported by @evil", (source,))
    record = next(csv.DictReader(io.StringIO(register_csv([row]))))
    assert tuple(record) == CSV_COLUMNS
    assert all(not value or value[0] not in "=+-@" for value in record.values())
    assert record["supplier"] == "'=cmd|' /C calc'!A0"


def test_register_of_the_example_corpus(example_store: Path) -> None:
    with open_store(example_store) as store:
        rows = build_register(store)
        transfer_claims = [c for c in store.event_claims() if c.type == "arms_transfer"]
    assert rows and {row.status for row in rows} <= {"confirmed", "denied", "alleged", "reported"}
    listed = {source.claim_id for row in rows for source in row.sources}
    assert listed == {claim.id for claim in transfer_claims}  # every transfer claim in exactly one row
    assert sum(len(row.sources) for row in rows) == len(transfer_claims)
    assert any(row.status == "denied" for row in rows)
    assert any(row.quantity for row in rows)


def test_register_cli_writes_csv_and_says_how_many(example_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.csv"
    result = CliRunner().invoke(main, ["register", "--csv", str(out), "--db", str(example_store)])
    assert result.exit_code == 0, result.output
    written = list(csv.DictReader(out.open(encoding="utf-8")))
    assert f"register: {len(written)} arms transfers" in result.output and str(out) in result.output
