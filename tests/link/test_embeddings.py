"""Sentence similarity from all-MiniLM-L6-v2: loaded once, offline; polarity never comes from the vector."""

from __future__ import annotations

import pytest

from claimtrace.batch import Admission, analyse_batch, prepare_batch
from claimtrace.link.embeddings import SentenceSimilarity, load_encoder, torch_threads, vector_key
from claimtrace.link.stories import group_stories
from claimtrace.model import AUTHOR, EventClaim
from claimtrace.options import Options
from claimtrace.read.parts import InputBatch, InputPart
from claimtrace.store import Store
from tests.conftest import EXAMPLE_CORPUS


@pytest.fixture(scope="session")
def encoder():
    found, notice = load_encoder()
    if found is None:
        pytest.skip(notice or "no sentence encoder")
    return found


def claim(doc: str, polarity: str = "positive", time: str = "2022-01") -> EventClaim:
    return EventClaim(doc_id=doc, type="unrest", evidence=(0, 60), trigger=(0, 5), source=AUTHOR, source_type="author",
                      polarity=polarity, time=time)


def test_load_encoder_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("CLAIMTRACE_EMBEDDINGS", "off")
    encoder, notice = load_encoder()
    assert encoder is None and "CLAIMTRACE_EMBEDDINGS=off" in notice


@pytest.mark.parametrize(("value", "threads"), [(None, 1), ("", 1), ("3", 3), (" 2 ", 2), ("auto", None),
                                                ("AUTO", None)])
def test_torch_threads_default_to_one_and_can_be_set(monkeypatch, value, threads):
    if value is None:
        monkeypatch.delenv("CLAIMTRACE_TORCH_THREADS", raising=False)
    else:
        monkeypatch.setenv("CLAIMTRACE_TORCH_THREADS", value)
    assert torch_threads() == threads


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_torch_threads_refuse_what_is_no_number_of_threads(monkeypatch, value):
    monkeypatch.setenv("CLAIMTRACE_TORCH_THREADS", value)
    with pytest.raises(ValueError, match=rf"CLAIMTRACE_TORCH_THREADS={value!r}"):
        torch_threads()


@pytest.mark.slow
def test_encoder_runs_torch_on_the_threads_asked_for(encoder):
    torch = pytest.importorskip("torch")
    if encoder.threads is None:
        pytest.skip("CLAIMTRACE_TORCH_THREADS=auto: torch keeps its own number of threads")
    encoder.encode(["The ministry denied the report."])  # the model loads on first use
    assert torch.get_num_threads() == encoder.threads


@pytest.mark.slow
def test_similarity_groups_claims_without_parties_that_say_the_same(encoder):
    riots, again, other = claim("d1"), claim("d2", polarity="negative"), claim("d3")
    similarity = SentenceSimilarity(encoder)
    # the second claim is a denial by its source (say, in the next sentence): the vector cannot know that
    similarity.prepare({riots.id: "Rioters stormed the city hall of Eastport on Monday.",
                        again.id: "On Monday rioters stormed the Eastport city hall.",
                        other.id: "The central bank raised its interest rate by half a point."})
    assert similarity(riots, again) >= 0.85 > similarity(riots, other)
    stories = group_stories([riots, again, other], similarity=similarity)
    together = next(story for story in stories if riots.id in story.claim_ids)
    assert set(together.claim_ids) == {riots.id, again.id}
    assert together.label.endswith("(disputed)")  # the polarities of the claims, not of the vectors


@pytest.mark.slow
def test_vectors_are_cached_in_the_store_by_model_and_sentence(encoder):
    sentence = "Rioters stormed the city hall of Eastport."
    with Store(":memory:") as store:
        first = SentenceSimilarity(encoder, store)
        first.prepare({"c1": sentence})
        assert first.embedded == 1
        assert vector_key(encoder.name, sentence) in store.sentence_vectors([vector_key(encoder.name, sentence)])
        second = SentenceSimilarity(encoder, store)
        second.prepare({"c2": sentence})
        assert second.embedded == 0


@pytest.mark.slow
def test_an_analysed_document_brings_its_claims_vectors_to_the_store(encoder, resources, tmp_path):
    # encoded where the document is analysed (on a Dask worker in a cluster run), written with it:
    # the one writer process then links without encoding a sentence
    report = tmp_path / "report.txt"
    report.write_text((EXAMPLE_CORPUS / "steppe-courier-report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    prepared = prepare_batch(InputBatch(0, (InputPart(report),)), Options())
    [document] = prepared.items
    admission = Admission(0, {0: tuple((None, None) for _ in document.segments)})
    [analysed] = analyse_batch(prepared, admission, Options())
    assert analysed.event_claims and analysed.evidence_vectors
    with Store(":memory:") as store:
        store.write_document(analysed)
        similarity = SentenceSimilarity(encoder, store)
        similarity.prepare(store.evidence_texts([claim.id for claim in analysed.event_claims]))
        assert similarity.embedded == 0
        assert store.load_document(analysed.id) == analysed  # the vectors live in the cache, not the document
