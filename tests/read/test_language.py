from __future__ import annotations

import time

import pytest

from claimtrace.read.language import detect_language, detector_timings, language_detector, language_status

SAMPLES = {
    "en": "The ferry to the island was cancelled again because of the storm, the operator said this morning.",
    "ru": "Паром на остров снова отменили из-за шторма, сообщил сегодня утром перевозчик.",
    "kk": "Аралға баратын паром дауылға байланысты тағы да тоқтатылды, деп хабарлады тасымалдаушы.",
    "uk": "Пором на острів знову скасували через шторм, повідомив сьогодні вранці перевізник.",
    "tr": "Adaya giden feribot fırtına nedeniyle yine iptal edildi, dedi işletmeci bu sabah.",
    "az": "Adaya gedən bərə fırtına səbəbindən yenə ləğv edildi, daşıyıcı bu səhər bildirdi.",
    "zh": "由于暴风雨，前往岛上的渡轮再次被取消，运营商今天早上表示。",
    "ar": "ألغيت العبارة المتجهة إلى الجزيرة مرة أخرى بسبب العاصفة، كما قال المشغل صباح اليوم.",
    "fr": "Le ferry pour l'île a de nouveau été annulé à cause de la tempête, a indiqué l'opérateur ce matin.",
    "de": "Die Fähre zur Insel wurde wegen des Sturms erneut gestrichen, teilte der Betreiber heute Morgen mit.",
    "es": "El ferry a la isla fue cancelado de nuevo por la tormenta, dijo el operador esta mañana.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_detect_language_gives_iso_code(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12345 678", "!!! ---"])
def test_detect_language_gives_none_without_letters(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("language", "status"),
    [
        ("en", "analysed"),
        ("kk", "not analysed: language not supported (kk)"),
        (None, "not analysed: language not detected"),
    ],
)
def test_language_status_names_unsupported_language(language: str | None, status: str) -> None:
    assert language_status(language, frozenset({"en"})) == status


def test_language_detector_is_built_once_and_detects_fast() -> None:
    assert language_detector() is language_detector()
    text = " ".join(SAMPLES.values()) * 10
    started = time.perf_counter()
    for _ in range(20):
        detect_language(text)
    mean = (time.perf_counter() - started) / 20
    print(f"lingua: build {detector_timings.build_seconds * 1000:.0f} ms, detection {mean * 1000:.1f} ms per document")
    assert mean < 0.25  # typically a few ms; generous for loaded CI machines
