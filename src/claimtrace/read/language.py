"""The language of a document (ISO 639-1), with lingua over a fixed set of common languages.

The detector is built once per process, on first use; building it and each
detection are timed so the cost can be reported (see `detector_timings`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SAMPLE_CHARS = 2000  # the language of the opening of a document is the language of the document

# English and the languages most likely to turn up in a corpus of news about Eurasia and beyond.
DETECTED_LANGUAGES: tuple[Language, ...] = (
    Language.ENGLISH, Language.RUSSIAN, Language.KAZAKH, Language.UKRAINIAN, Language.BELARUSIAN,
    Language.TURKISH, Language.AZERBAIJANI, Language.ARMENIAN, Language.GEORGIAN, Language.MONGOLIAN,
    Language.PERSIAN, Language.ARABIC, Language.HEBREW, Language.URDU, Language.HINDI,
    Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.FRENCH, Language.GERMAN,
    Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.POLISH,
    Language.ROMANIAN, Language.BULGARIAN, Language.SERBIAN, Language.GREEK, Language.SWEDISH,
)  # fmt: skip


@dataclass(slots=True)
class DetectorTimings:
    """Seconds spent building the detector and detecting, for the run report."""

    build_seconds: float = 0.0
    detections: int = 0
    detect_seconds: float = 0.0
    slowest_seconds: float = 0.0

    @property
    def mean_seconds(self) -> float:
        return self.detect_seconds / self.detections if self.detections else 0.0


detector_timings = DetectorTimings()


@cache
def language_detector() -> LanguageDetector:
    """The process-wide detector, built on first call (low-accuracy mode: fast, and enough for whole articles)."""
    started = time.perf_counter()
    builder = LanguageDetectorBuilder.from_languages(*DETECTED_LANGUAGES)
    detector = builder.with_low_accuracy_mode().with_preloaded_language_models().build()
    detector_timings.build_seconds = time.perf_counter() - started
    return detector


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of `text` ("en", "ru"), or None when it cannot be told."""
    detector = language_detector()
    started = time.perf_counter()
    language = detector.detect_language_of(text[:SAMPLE_CHARS])
    elapsed = time.perf_counter() - started
    detector_timings.detections += 1
    detector_timings.detect_seconds += elapsed
    detector_timings.slowest_seconds = max(detector_timings.slowest_seconds, elapsed)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


def language_status(language: str | None, supported: frozenset[str]) -> str:
    """The Document.status for a document in `language` when `supported` languages are analysed."""
    if language is None:
        return "not analysed: language not detected"
    if language not in supported:
        return f"not analysed: language not supported ({language})"
    return "analysed"
