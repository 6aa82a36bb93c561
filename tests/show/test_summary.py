"""Every command of the ``claimtrace`` group ends with one summary line, ``<command>: ...``, on standard error.

The commands are discovered from the click group, so a new command fails here
until RUNS says how to run it and it prints its summary through
:func:`claimtrace.show.summary.print_summary`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main
from claimtrace.show.summary import plural, summary_line
from tests.stance.conftest import write_fnc
from tests.web.conftest import free_port

NOTE = ("Steppe Daily\n\nApril 2, 2024\n\nThe defence ministry of Ruritania said on Tuesday that it had delivered "
        "four patrol boats to Freedonia in March. Freedonian officials denied that any boats had arrived.\n")


@dataclass(frozen=True, slots=True)
class Workspace:
    """What the commands run on: the example knowledge base, a one-document folder, FNC-1 files, a scratch folder."""

    store: str
    folder: str
    fnc: Path
    scratch: Path


RUNS: dict[str, Callable[[Workspace], list[str]]] = {
    "ingest": lambda w: ["ingest", w.folder, "--db", str(w.scratch / "new.db"), "--quiet"],
    "watch": lambda w: ["watch", w.folder, "--once", "--db", str(w.scratch / "watched.db")],
    "show": lambda w: ["show", "--db", w.store],
    "stories": lambda w: ["stories", "--db", w.store],
    "story": lambda w: ["story", _first_story(w.store), "--db", w.store],
    "contradictions": lambda w: ["contradictions", "--db", w.store],
    "entities": lambda w: ["entities", "--db", w.store],
    "search": lambda w: ["search", "armoured", "--db", w.store],
    "check": lambda w: ["check", "Mongolia sold armoured vehicles to Kyrgyzstan", "--db", w.store],
    "eval-export": lambda w: ["eval-export", w.folder, "--out", str(w.scratch / "eval.json")],
    "train-stance": lambda w: ["train-stance", "--data", str(w.fnc), "--out", str(w.scratch / "stance.joblib")],
    "stance-fnc": lambda w: ["stance-fnc", str(w.fnc / "train_stances.csv"), str(w.fnc / "train_bodies.csv"),
                             "--out", str(w.scratch / "predictions.csv")],
    "register": lambda w: ["register", "--csv", str(w.scratch / "register.csv"), "--db", w.store],
    "report": lambda w: ["report", "--html", str(w.scratch / "report"), "--db", w.store],
    "export": lambda w: ["export", "--graphml", str(w.scratch / "kb.graphml"), "--claimreview",
                         str(w.scratch / "reviews.jsonld"), "--db", w.store],
    "serve": lambda w: ["serve", "--db", w.store, "--port", str(free_port())],
}
SERVERS = frozenset({"serve"})  # run until stopped: their line says where they listen, before serving


@pytest.fixture()
def workspace(example_store: Path, tmp_path: Path) -> Workspace:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "patrol-boats.txt").write_text(NOTE, encoding="utf-8")
    write_fnc(tmp_path / "fnc")
    store = tmp_path / "kb.db"
    shutil.copy(example_store, store)  # commands that only read get a private copy all the same
    return Workspace(str(store), str(folder), tmp_path / "fnc", tmp_path)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_summary_every_command_ends_with_its_line(command: str, workspace: Workspace, resources) -> None:
    if command not in RUNS:
        pytest.fail(f"no run for the new command {command!r}: add one to RUNS in {__file__} and end the command "
                    "with claimtrace.show.summary.print_summary")
    args = RUNS[command](workspace)
    if command in SERVERS:
        last = _first_line_of_server(args)
    else:
        result = CliRunner().invoke(main, args, terminal_width=80)
        assert result.exit_code in (0, 3), result.output
        assert result.stderr, f"{command} printed nothing on standard error: {result.output}"
        last = result.stderr.splitlines()[-1]
    assert last.startswith(f"{command}: ") and len(last) > len(command) + 2, last


def test_summary_line_is_one_line_whatever_the_text() -> None:
    assert summary_line("export", "wrote 3 entities\nto  x.jsonl") == "export: wrote 3 entities to x.jsonl"
    assert (plural(1, "story", "stories"), plural(14, "story", "stories"), plural(0, "claim")) == (
        "1 story", "14 stories", "0 claims")


def test_summary_is_not_mistaken_for_markup(workspace: Workspace) -> None:
    out = Path(workspace.scratch) / "[bold]reviews.jsonld"
    result = CliRunner().invoke(main, ["export", "--claimreview", str(out), "--db", workspace.store])
    assert result.exit_code == 0, result.output
    assert result.stderr.rstrip().endswith(f"-> {out}") and result.stdout == ""


def _first_story(db: str) -> str:
    from claimtrace.store import open_store

    with open_store(db) as store:
        return store.stories()[0].id


def _first_line_of_server(args: list[str]) -> str:
    """Start the command in its own process, read its first line on standard error, stop it."""
    process = subprocess.Popen([sys.executable, "-m", "claimtrace.cli", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    timer = threading.Timer(60, process.kill)  # a server that never prints fails the test instead of hanging it
    timer.start()
    try:
        assert process.stderr is not None
        return process.stderr.readline().rstrip("\n")
    finally:
        timer.cancel()
        process.terminate()
        process.wait(timeout=30)
