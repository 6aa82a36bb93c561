"""The vendored JavaScript libraries: what VENDORED.md records is what is on disk, with a licence, served locally."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from claimtrace.web.pages import STATIC, TEMPLATES

VENDOR = STATIC / "vendor"
LIBRARIES = sorted(path.name for path in VENDOR.iterdir() if path.is_dir())


def _record(library: str) -> tuple[str, dict[str, str]]:
    """(version, file -> sha256) as the library's VENDORED.md states them."""
    text = (VENDOR / library / "VENDORED.md").read_text(encoding="utf-8")
    heading = re.match(rf"# {re.escape(library)} (\S+) \(vendored\)", text)
    assert heading, f"{library}/VENDORED.md must start with '# {library} VERSION (vendored)'"
    return heading.group(1), dict(re.findall(r"^\| (\S+) \| ([0-9a-f]{64}) \|$", text, flags=re.MULTILINE))


def test_vendored_libraries_are_the_four_the_pages_use() -> None:
    assert LIBRARIES == ["moment", "vis-data", "vis-network", "vis-timeline"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_vendored_files_match_their_record(library: str) -> None:
    version, hashes = _record(library)
    folder = VENDOR / library
    code = {path.name for path in folder.iterdir() if path.suffix in {".js", ".css"}}
    assert hashes and set(hashes) == code  # every file recorded, nothing recorded that is not there
    for name, digest in hashes.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{library}/{name} differs from VENDORED.md"
    script = next(name for name in sorted(hashes) if name.endswith(".js"))
    header = (folder / script).read_text(encoding="utf-8")[:800]
    assert re.search(rf"(?:@version|version :) {re.escape(version)}\b", header), f"{library} is not version {version}"
    assert [path for path in folder.iterdir() if path.name.upper().startswith("LICENSE")]
    assert f"{library}@{version}" in (folder / "VENDORED.md").read_text(encoding="utf-8")  # the refresh command


@pytest.mark.parametrize("template", ["timeline.html", "graph.html"])
def test_vendored_every_page_asset_is_on_disk(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assets = re.findall(r"static_url\('([^']+)'\)", text)
    assert any(name.startswith("vendor/") for name in assets)
    for name in assets:
        assert (STATIC / name).is_file(), f"{template} loads {name}, which is not in web/static"


def test_vendored_files_are_served_with_their_types(client: httpx.Client, example_site: str) -> None:
    for library in LIBRARIES:
        for name in _record(library)[1]:
            response = client.get(f"{example_site}/static/vendor/{library}/{name}")
            assert response.status_code == 200
            kind = "javascript" if name.endswith(".js") else "css"
            assert kind in response.headers["content-type"], name
