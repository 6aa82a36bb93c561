"""The source registry: defaults by kind, the analyst's YAML or TOML file, lookups by name and outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.errors import OntologyError
from claimtrace.link.registry import SourceRegistry
from claimtrace.model import AUTHOR, EventClaim


def claim(source: str, source_type: str, doc: str = "d1", segment: str | None = None) -> EventClaim:
    return EventClaim(doc_id=doc, type="arms_transfer", evidence=(0, 30), trigger=(0, 4), source=source,
                      source_type=source_type, segment_id=segment)


class Doc:
    def __init__(self, outlet: str | None = None, author: str | None = None, url: str | None = None):
        self.name, self.outlet, self.author, self.url = "doc", outlet, author, url


@pytest.mark.parametrize("source, source_type, letter, kind", [
    ("Ministry of Defence", "government", "B", "an official statement"),
    ("several websites and social networks", "media", "D", "a blog, website or social network"),
    ("a Telegram channel", "media", "D", "a blog, website or social network"),
    ("Vera Lind", "person", "C", "a person or organisation named on record"),
    ("our insiders", "unnamed", "E", "an anonymous source"),
    ("Morning Gazette", "media", "F", "a source not in the registry"),
    ("Reuters", "media", "B", "an established news outlet"),
    ("Sputnik", "media", "D", "state-affiliated media"),
])
def test_assess_defaults_by_kind_of_source(source, source_type, letter, kind):
    assessment = SourceRegistry().assess(claim(source, source_type))
    assert (assessment.reliability, assessment.kind) == (letter, kind)


def test_assess_reader_comment_whatever_its_author():
    assessment = SourceRegistry().assess(claim("Ministry of Defence", "government", segment="s9"),
                                         comment_segments={"s9"})
    assert assessment.reliability == "E"


@pytest.mark.parametrize("suffix, text", [
    (".yaml", "sources:\n  - name: Morning Gazette\n    aliases: [gazette.example]\n    kind: established_outlet\n"
              "    reliability: a\n    note: checked record\n"),
    (".toml", '[[sources]]\nname = "Morning Gazette"\naliases = ["gazette.example"]\nkind = "established_outlet"\n'
              'reliability = "A"\nnote = "checked record"\n'),
])
def test_registry_file_overrides_by_name_alias_and_domain(tmp_path: Path, suffix: str, text: str, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # no user registry of the machine running the tests
    file = tmp_path / f"mine{suffix}"
    file.write_text(text, "utf-8")
    registry = SourceRegistry.load(file)
    by_name = registry.assess(claim("the Morning Gazette", "media"))
    assert (by_name.reliability, by_name.kind) == ("A", "an established news outlet")
    assert "checked record" in by_name.basis
    author = registry.assess(claim(AUTHOR, "author"), Doc(url="https://www.gazette.example/2021/story"))
    assert author.reliability == "A"
    assert registry.assess(claim(AUTHOR, "author"), Doc(outlet="Unlisted Weekly")).reliability == "F"


def test_registry_next_to_the_database_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "sources.yaml").write_text("sources:\n  - name: Vera Lind\n    reliability: E\n", "utf-8")
    registry = SourceRegistry.load(db_path=tmp_path / "kb.db")
    assert registry.assess(claim("Vera Lind", "person")).reliability == "E"


@pytest.mark.parametrize("text, wrong", [
    ("sources:\n  - name: X\n    reliability: G\n", "reliability"),
    ("sources:\n  - name: X\n    kind: tabloid\n", "tabloid"),
    ("sources:\n  - aliases: [X]\n", "sources[0]"),
    ("nothing: here\n", "sources"),
])
def test_registry_file_errors_name_the_entry(tmp_path: Path, text: str, wrong: str):
    file = tmp_path / "bad.yaml"
    file.write_text(text, "utf-8")
    with pytest.raises(OntologyError, match=wrong.replace("[", r"\[").replace("]", r"\]")):
        SourceRegistry.load(file)


def test_registry_missing_file_is_an_error(tmp_path: Path):
    with pytest.raises(OntologyError, match="no such source registry file"):
        SourceRegistry.load(tmp_path / "absent.yaml")
