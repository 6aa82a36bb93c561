"""The README is part of the product: its commands must exist and match CI."""

from __future__ import annotations

import re
from pathlib import Path

from claimtrace.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_every_cli_command_is_in_the_readme() -> None:
    for name in main.commands:
        assert f"claimtrace {name}" in README, f"command {name!r} is not documented in README.md"


def test_docs_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^    (python3\.11 -m venv .+)$", README, flags=re.MULTILINE)
    assert len(commands) == 2, "the quickstart must give exactly two commands"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
    assert "examples/corpus" in commands[0] and "pytest" in commands[1]


def test_docs_architecture_names_every_stage_module() -> None:
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("read", "segment", "analyse", "ontology", "knowledge", "link", "store", "export", "show"):
        assert f"{folder}/" in architecture, folder
