"""How much the attribution stage adds to the spaCy pipeline's time, measured in one run.

Usage (from the repository root):

    .venv/bin/python benchmarks/attribution_speed.py [FOLDER] [--passes N]

FOLDER defaults to ../shared/corpus/seeds when it exists, else examples/corpus.
Each pass parses every analysable segment of the corpus with the bare spaCy
pipeline (``nlp.pipe``, as ``parse_segments`` does), then runs the entity stage
(which the attribution stage needs) and the attribution stage on the parses.
The script prints the time of each part summed over the passes, and the ratios
attribution / spaCy and (entities + attribution) / spaCy, with the median of
the per-pass ratios as a check on their stability. The target of issue #3 is
an attribution / spaCy ratio below 0.15.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.nlp import analysis_text, load_nlp
from claimtrace.analyse.pipeline import Analysis, ParsedSegment, analysable_segments
from claimtrace.analyse.resources import load_resources
from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read import read_inputs
from claimtrace.segment.comments import split_segments

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"
TARGET = 0.15


@dataclass(slots=True)
class Timings:
    """Seconds spent per part, one entry per pass."""

    spacy: list[float] = field(default_factory=list)
    entities: list[float] = field(default_factory=list)
    attributions: list[float] = field(default_factory=list)
    found: int = 0


def read_corpus(folder: Path) -> list[Document]:
    """The analysable documents of ``folder``, read and segmented as ``ingest`` does."""
    documents = [item for item in read_inputs([folder], Options(progress=False)) if isinstance(item, Document)]
    for document in documents:
        document.segments = split_segments(document)
    return [d for d in documents if d.analysed and analysable_segments(d)]


def one_pass(documents: list[Document], timings: Timings, batch_size: int) -> None:
    nlp = load_nlp()
    resources = load_resources()
    copies = [copy.deepcopy(d) for d in documents]
    jobs = [(i, s) for i, d in enumerate(copies) for s in analysable_segments(d)]
    texts = [analysis_text(copies[i].text[s.start:s.end]) for i, s in jobs]

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    timings.spacy.append(time.perf_counter() - started)

    parses: list[list[ParsedSegment]] = [[] for _ in copies]
    for (i, segment), spacy_doc in zip(jobs, docs):
        parses[i].append(ParsedSegment(segment, spacy_doc))
    analyses = [Analysis(d, p, resources) for d, p in zip(copies, parses)]

    started = time.perf_counter()
    analyses = [find_mentions(a) for a in analyses]
    timings.entities.append(time.perf_counter() - started)

    started = time.perf_counter()
    analyses = [find_attributions(a) for a in analyses]
    timings.attributions.append(time.perf_counter() - started)
    timings.found += sum(len(a.document.attributions) for a in analyses)


def report(documents: list[Document], timings: Timings, folder: Path) -> float:
    spacy, entities, attributions = sum(timings.spacy), sum(timings.entities), sum(timings.attributions)
    passes = len(timings.spacy)
    characters = sum(s.end - s.start for d in documents for s in analysable_segments(d))
    per_pass = [a / s for a, s in zip(timings.attributions, timings.spacy)]
    both_per_pass = [(a + e) / s for a, e, s in zip(timings.attributions, timings.entities, timings.spacy)]
    ratio = attributions / spacy
    print(f"corpus: {folder} ({len(documents)} documents, {characters} characters) x {passes} passes")
    print(f"spaCy nlp.pipe      {spacy:8.3f} s")
    print(f"entity stage        {entities:8.3f} s")
    print(f"attribution stage   {attributions:8.3f} s   ({timings.found // passes} attributions per pass)")
    print(f"attribution / spaCy              {ratio:.3f}   (median per pass {statistics.median(per_pass):.3f})")
    print(f"(entities + attribution) / spaCy {(entities + attributions) / spacy:.3f}   "
          f"(median per pass {statistics.median(both_per_pass):.3f})")
    print(f"target attribution / spaCy < {TARGET}: {'met' if ratio < TARGET else 'NOT met'}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SEEDS if SEEDS.is_dir() else EXAMPLES)
    parser.add_argument("--passes", type=int, default=10, help="how many times the corpus is processed (default 10)")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    documents = read_corpus(args.folder)
    if not documents:
        print(f"no analysable documents under {args.folder}", file=sys.stderr)
        return 1
    one_pass(documents[:1], Timings(), args.batch_size)  # warm up: model, gazetteer, lexicon loaded once
    timings = Timings()
    for _ in range(args.passes):
        one_pass(documents, timings, args.batch_size)
    ratio = report(documents, timings, args.folder)
    return 0 if ratio < TARGET else 2


if __name__ == "__main__":
    sys.exit(main())
