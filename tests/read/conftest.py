"""Fixtures for the reading tests: options and a helper that writes hand-made input files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read import read_inputs


@pytest.fixture()
def options() -> Options:
    return Options(progress=False)


@pytest.fixture()
def write_file(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write `data` (str as UTF-8) to tmp_path/`name`, creating folders; return the path."""

    def write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return write


@pytest.fixture()
def read_one(options: Options) -> Callable[..., Document | Rejection]:
    """Read `path` (with `options`, default the fixture's) and return its single result."""

    def read(path: Path, with_options: Options | None = None) -> Document | Rejection:
        results = list(read_inputs([path], with_options or options))
        assert len(results) == 1, results
        return results[0]

    return read
