"""How much the event stage (triggers, arguments, factuality, time) adds to the spaCy pipeline.

    .venv/bin/python benchmarks/event_speed.py [CORPUS_DIR] [--repeat 10]

Reads the corpus (default ../shared/corpus/seeds when present, else examples/corpus),
repeats it ``--repeat`` times, then in one run times the bare spaCy pipeline
(``nlp.pipe`` over the segments) and the event stage alone; the entity and attribution
stages it needs run in between and are not counted. Prints event_time / spacy_time
(target: below 0.20).
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.nlp import analysis_text, load_nlp
from claimtrace.analyse.pipeline import Analysis, ParsedSegment, analysable_segments
from claimtrace.analyse.resources import load_resources
from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read import read_inputs
from claimtrace.segment.comments import split_segments

ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> Path:
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    return seeds if seeds.is_dir() else ROOT / "examples" / "corpus"


def read_corpus(folder: Path, repeat: int) -> list[Document]:
    documents = [d for d in read_inputs([folder], Options(progress=False)) if isinstance(d, Document)]
    for document in documents:
        document.segments = split_segments(document)
    return [copy.deepcopy(d) for _ in range(repeat) for d in documents if d.analysed]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    resources = load_resources()
    nlp = load_nlp()
    documents = read_corpus(args.corpus, args.repeat)
    jobs = [(d, s) for d in documents for s in analysable_segments(d)]
    texts = [analysis_text(d.text[s.start:s.end]) for d, s in jobs]
    list(nlp.pipe(texts[:4]))  # warm up

    started = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    spacy_time = time.perf_counter() - started

    analyses: dict[int, Analysis] = {}
    for (document, segment), doc in zip(jobs, parsed):
        analysis = analyses.setdefault(id(document), Analysis(document, [], resources))
        analysis.parses.append(ParsedSegment(segment, doc))
    prepared = [find_attributions(find_mentions(a)) for a in analyses.values()]  # not counted

    started = time.perf_counter()
    claims = sum(len(find_event_claims(a).document.event_claims) for a in prepared)
    event_time = time.perf_counter() - started

    characters = sum(len(t) for t in texts)
    print(f"corpus {args.corpus} x{args.repeat}: {len(documents)} documents, {len(texts)} segments, "
          f"{characters} characters, {claims} event claims")
    print(f"spaCy pipeline {spacy_time:.2f} s, event stage {event_time:.2f} s")
    print(f"ratio event/spacy {event_time / spacy_time:.3f} (target < 0.20)")


if __name__ == "__main__":
    main()
