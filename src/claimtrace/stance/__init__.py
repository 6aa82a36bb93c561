"""Stance of a text towards a claim: agree, disagree, discuss or unrelated (the FNC-1 task).

``train(pairs)`` fits a :class:`~claimtrace.stance.model.StanceModel` on labelled
headline/body pairs; ``load_model()`` loads the shipped one; ``model.predict(pairs)``
gives each pair a stance, a score and the body sentence that shows it.
"""

from claimtrace.stance.data import STANCES, StancePair
from claimtrace.stance.model import StanceModel, StancePrediction, load_model, train

__all__ = ["STANCES", "StanceModel", "StancePair", "StancePrediction", "load_model", "train"]
