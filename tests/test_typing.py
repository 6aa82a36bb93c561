"""The package type-checks: mypy, configured in pyproject.toml, finds no error in src/claimtrace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mypy", reason="mypy is not installed: pip install -e '.[test]'")


def test_typing_mypy_finds_no_errors() -> None:
    # run from the repository root so that mypy reads [tool.mypy] in pyproject.toml (files, overrides)
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mypy failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
