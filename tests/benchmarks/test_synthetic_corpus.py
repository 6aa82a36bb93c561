"""The synthetic news corpus of the benchmarks: reproducible in any slice, article-length, varied, and
real work for the pipeline (attributions, denials, event claims, comment threads, stories)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic_corpus import _incident, generate_documents, main, make_document
from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store


def test_synthetic_corpus_document_is_the_same_in_any_slice() -> None:
    whole = list(generate_documents(12, seed=3))
    part = list(generate_documents(4, seed=3, start=6))
    assert part == whole[6:10]
    assert make_document(7, seed=3) == whole[7]
    assert make_document(7, seed=4).text != whole[7].text


def test_synthetic_corpus_articles_are_long_and_varied() -> None:
    documents = list(generate_documents(60, seed=0))
    comments = re.compile(r"\n\n(?:Comments|<h2>Comments)")
    articles = [d for d in documents if not comments.search(d.content)]
    assert all(380 <= d.words <= 1000 for d in articles), sorted(d.words for d in articles)
    sentences = Counter(s for d in documents for s in re.split(r"(?<=[.!?])\s+", d.text) if len(s.split()) > 6)
    assert len(sentences) / sum(sentences.values()) > 0.7  # most sentences distinct, not one repeated
    assert {d.suffix for d in documents} == {"txt", "html"}
    assert any(comments.search(d.content) for d in documents)
    assert max(Counter(d.incident for d in documents).values()) >= 3  # several documents per incident
    assert sum(bool(re.search(r"^[A-Z ]+, \w+ \d+ \(", d.text, re.MULTILINE)) for d in documents) >= 10  # datelines


def test_synthetic_corpus_moves_forward_in_time_like_a_feed() -> None:
    days = [_incident(0, number).day for number in (0, 400, 4_000, 40_000)]
    assert days == sorted(days) and len(set(days)) == 4  # no cycle: a larger corpus reaches later dates
    assert (days[2] - days[1]).days == 3_600 * 37 // 10  # 3.7 days between incidents, everywhere
    assert _incident(0, 20_000 // 5).day.year == 2025  # 20,000 documents: every date in the past


def test_synthetic_corpus_command_writes_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--docs", "5", "--out", str(tmp_path / "out"), "--seed", "2", "--start", "10"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [make_document(n, seed=2).filename for n in range(10, 15)]
    assert "wrote 5 documents" in capsys.readouterr().out
    assert main(["--docs", "0", "--out", str(tmp_path / "none")]) == 2


def test_synthetic_corpus_gives_the_pipeline_real_work(tmp_path: Path, resources, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMTRACE_EMBEDDINGS", "off")  # stories without sentence similarity: faster, same rules
    documents = list(generate_documents(40, seed=1))
    chosen = [next(d for d in documents if d.suffix == "html"),
              next(d for d in documents if d.suffix == "txt" and "Posted by:" in d.content),
              *[d for d in documents if d.incident == documents[0].incident][:2]]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for document in chosen:
        (folder / document.filename).write_text(document.content, encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        report = ingest([folder], store, Options(progress=False))
        counts = store.counts()
        claims = store.event_claims()
    assert not report.rejected and len(report.stored) == len({d.filename for d in chosen})
    assert counts["attributions"] >= 10 * counts["documents"]
    assert counts["event_claims"] >= 5 * counts["documents"] and counts["stories"] > 0
    assert counts["segments"] > counts["documents"]  # a reader-comment thread was split
    assert {c.polarity for c in claims} == {"positive", "negative"}  # assertions and denials
    assert len({c.type for c in claims}) >= 3
