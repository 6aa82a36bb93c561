"""The pairwise test behind stories: names, ISO time prefixes and how two claims fit."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import pytest

from claimtrace.link.claim_fit import (
    TIME_NESTED,
    TIME_OPEN,
    TIME_SAME_YEAR,
    ClaimProfile,
    Period,
    agreed_time,
    claim_fit,
    cross_document_key,
    normalise_name,
    times_compatible,
)
from claimtrace.model import EventClaim


def profile(agent: str | None, recipient: str | None, time: str | None = None, doc: str = "d1",
            event_type: str = "arms_transfer", source: str = "Daily Herald") -> ClaimProfile:
    arguments = {role: value for role, value in (("agent", agent), ("recipient", recipient)) if value}
    return ClaimProfile.of(EventClaim(doc_id=doc, type=event_type, evidence=(0, 10), trigger=(0, 3), source=source,
                                      source_type="media", arguments=arguments, time=time))


@pytest.mark.parametrize("name, normalised", [
    ("The Republic of Atlantis", "atlantis"),
    ("Ministry of Défense", "ministry of defense"),
    ("Atlantis’s  army", "atlantis s army"),
])
def test_normalise_name_drops_case_accents_punctuation_and_article(name, normalised):
    assert normalise_name(name) == normalised


@pytest.mark.parametrize("time, start, end, precision", [
    ("199", "1990-01-01", "1999-12-31", 0),
    ("2021", "2021-01-01", "2021-12-31", 1),
    ("2021-07", "2021-07-01", "2021-07-31", 2),
    ("2021-07-09T10:00", "2021-07-09", "2021-07-09", 3),
])
def test_period_parse_reads_iso_prefixes(time, start, end, precision):
    assert Period.parse(time) == Period(start, end, precision)


def test_period_parse_reads_a_range_and_ignores_garbage():
    assert Period.parse("2019", "2020-03") == Period("2019-01-01", "2020-03-31", 1)
    assert Period.parse("2021", "2019") == Period("2021-01-01", "2021-12-31", 1)
    assert Period.parse("last spring") is None


@pytest.mark.parametrize("a, b, compatible", [("2021", "2021-05", True), ("2021-05", "2021-06", False),
                                              (None, "2021", True), ("2021", "2021", True)])
def test_times_compatible_means_one_prefix_contains_the_other(a, b, compatible):
    assert times_compatible(a, b) is compatible


@pytest.mark.parametrize("times, agreed", [
    (["2021", "2021-10", None], "2021-10"),
    (["2021-10", "2021-11"], "2021"),
    (["2021-10-04", "2021-10-09"], "2021-10"),
    (["1994", "1997"], "199"),
    (["2019", "2021"], None),
    ([None, None], None),
])
def test_agreed_time_is_the_most_precise_time_all_claims_allow(times, agreed):
    assert agreed_time(times) == agreed


@pytest.mark.parametrize("a, b, exact, shared, time", [
    (profile("Atlantis", "Borduria", "2021"), profile("Atlantis", "Borduria", "2021-02", "d2"), True, 2, TIME_NESTED),
    (profile("Atlantis", None, "2021-01"), profile("Atlantis", "Borduria", "2021-02", "d2"), False, 1, TIME_SAME_YEAR),
    (profile("Atlantis", "Borduria"), profile("Atlantis", "Borduria", "2021", "d2"), True, 2, TIME_OPEN),
])
def test_claim_fit_ranks_exact_and_shared_participants(a, b, exact, shared, time):
    fit = claim_fit(a, b)
    assert (fit.exact, fit.shared, fit.time) == (exact, shared, time)
    assert claim_fit(b, a) == fit


@pytest.mark.parametrize("a, b", [
    (profile("Atlantis", "Borduria"), profile("Borduria", "Atlantis", doc="d2")),
    (profile("Atlantis", "Borduria"), profile("Atlantis", "Borduria", doc="d2", event_type="arms_negotiation")),
    (profile("Atlantis", "Borduria", "2019"), profile("Atlantis", "Borduria", "2021", "d2")),
    (profile("Atlantis", "Borduria", doc="d1"), profile("Atlantis", "Borduria", doc="d1")),  # same source twice
])
def test_claim_fit_rejects_claims_about_different_events(a, b):
    assert claim_fit(a, b) is None


@dataclass
class Dated:
    published: str | None


def random_profile(rng: random.Random, number: int) -> ClaimProfile:
    """A claim over few names and entity keys that need not agree with them, so 'same' is not transitive."""
    arguments = {role: name for role in ("agent", "recipient", "location")
                 if (name := rng.choice(["Atlantis", "Borduria", "Syldavia", None]))}
    keys = {role: rng.choice(["place:a", "place:b"]) for role in arguments if rng.random() < 0.4}
    start = rng.choice([0, 5, 40])
    claim = EventClaim(doc_id=f"d{number % 5}", type=rng.choice(["meeting", "arms_transfer", "arms_negotiation",
                                                                 "personnel_change"]),
                       evidence=(start, start + 10), trigger=(start, start + 3), source=rng.choice(["a", "b"]),
                       source_type="media", polarity=rng.choice(["positive", "negative"]), arguments=arguments,
                       argument_keys=keys, time=rng.choice([None, "202", "2020", "2020-10", "2020-10-04", "2021"]),
                       time_end=rng.choice([None, None, "2021-03"]))
    return ClaimProfile.of(claim, Dated(rng.choice([None, "2020-06-01", "2023-01-01"])))


@pytest.mark.parametrize("seed", range(3))
def test_claim_fit_is_symmetric(seed):
    """Linking compares each pair of claims once and uses the answer both ways (link/incremental.py)."""
    rng = random.Random(seed)
    profiles = [random_profile(rng, number) for number in range(60)]
    fitting = 0
    for a in profiles:
        for b in profiles:
            fit = claim_fit(a, b)
            assert claim_fit(b, a) == fit
            fitting += fit is not None
    assert fitting > len(profiles)  # not only a claim with itself


@pytest.mark.parametrize("seed", range(3))
def test_claim_fit_across_documents_reads_only_the_cross_document_key(seed):
    """Linking computes one fit per pair of keys for claims of different documents (link/incremental.py):
    a claim that differs from another only outside its key (document, source, polarity, certainty,
    sentence) fits every claim of a third document alike, fitting or not."""
    rng = random.Random(seed)
    profiles = [random_profile(rng, number) for number in range(60)]
    compared = fitting = 0
    for a in profiles:
        twin_claim = replace(a.claim, doc_id="elsewhere", source="c", certainty="possible",
                             polarity="negative" if a.claim.polarity == "positive" else "positive",
                             evidence=(a.claim.evidence[0] + 100, a.claim.evidence[1] + 100))
        twin = replace(a, claim=twin_claim)
        assert cross_document_key(twin) == cross_document_key(a)
        for b in profiles:
            if b.claim.doc_id != a.claim.doc_id:
                fit = claim_fit(a, b)
                assert claim_fit(twin, b) == fit
                assert claim_fit(b, twin) == fit
                compared += 1
                fitting += fit is not None
    assert fitting and fitting < compared  # some pairs fit, some do not
