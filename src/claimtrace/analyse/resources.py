"""What every stage may consult, loaded once per process: model, gazetteer, ontology."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language

from claimtrace.analyse.nlp import load_nlp
from claimtrace.knowledge.gazetteer import Gazetteer
from claimtrace.ontology import Ontology, load_ontology


@dataclass(frozen=True, slots=True)
class Resources:
    nlp: Language
    gazetteer: Gazetteer
    ontology: Ontology


@functools.cache
def load_resources() -> Resources:
    return Resources(nlp=load_nlp(), gazetteer=Gazetteer.load(), ontology=load_ontology())
