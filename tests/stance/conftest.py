"""Hand-written FNC-format pairs for the stance tests (no third-party data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimtrace.stance.data import StancePair

BODIES = {
    "1": ("The defence ministry confirmed on Monday that the frigate Aurora had been sold to the navy of Chile. "
          "Officials said the transfer was completed after sea trials. The ship will sail next month."),
    "2": ("Reports that the frigate Aurora was sold to Chile are false, the defence ministry said. "
          "A spokesman denied any sale and called the story a hoax spread online. The ship remains in service."),
    "3": ("Several outlets reported that the frigate Aurora may have been sold to Chile. "
          "The ministry has not commented and the claim could not be verified. Analysts said a sale was possible."),
    "4": ("A new bakery opened in the old town square on Saturday. Customers queued for bread and pastries. "
          "The owner said she plans to open a second shop next year."),
    "5": ("Heavy rain flooded the river valley overnight and farmers moved cattle to higher ground. "
          "Forecasters expect the storm to pass by Thursday."),
}
ROWS = [
    ("Navy frigate Aurora sold to Chile", "1", "agree"),
    ("Navy frigate Aurora sold to Chile", "2", "disagree"),
    ("Navy frigate Aurora sold to Chile", "3", "discuss"),
    ("Navy frigate Aurora sold to Chile", "4", "unrelated"),
    ("Chile buys the frigate Aurora", "1", "agree"),
    ("Chile buys the frigate Aurora", "2", "disagree"),
    ("Chile buys the frigate Aurora", "3", "discuss"),
    ("Chile buys the frigate Aurora", "5", "unrelated"),
    ("Bakery opens in old town square", "4", "agree"),
    ("Bakery opens in old town square", "1", "unrelated"),
    ("Floods force farmers to move cattle", "5", "agree"),
    ("Floods force farmers to move cattle", "2", "unrelated"),
]


def write_fnc(folder: Path, rows=ROWS, bodies=BODIES, with_stance: bool = True) -> tuple[Path, Path]:
    """Write train_stances.csv and train_bodies.csv in FNC-1 format into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stances, body_file = folder / "train_stances.csv", folder / "train_bodies.csv"
    with open(stances, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"] if with_stance else ["Headline", "Body ID"])
        for headline, body_id, stance in rows:
            writer.writerow([headline, body_id, stance] if with_stance else [headline, body_id])
    with open(body_file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        for body_id, text in bodies.items():
            writer.writerow([body_id, text])
    return stances, body_file


@pytest.fixture()
def fnc_folder(tmp_path: Path) -> Path:
    write_fnc(tmp_path / "fnc")
    return tmp_path / "fnc"


@pytest.fixture(scope="session")
def hand_pairs() -> list[StancePair]:
    return [StancePair(h, b, BODIES[b], s) for h, b, s in ROWS]


@pytest.fixture(scope="session")
def shipped_model():
    from claimtrace.stance.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def fnc_bodies() -> dict[str, str]:
    return BODIES


@pytest.fixture(scope="session")
def fnc_rows() -> list[tuple[str, str, str]]:
    return ROWS


@pytest.fixture(scope="session")
def fnc_writer():
    """The function that writes FNC-format files: ``fnc_writer(folder, rows=..., with_stance=...)``."""
    return write_fnc
