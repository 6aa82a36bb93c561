"""Blocking keys: a claim no longer stored is found again from the keys it was filed under."""

from __future__ import annotations

import random

import pytest

from claimtrace.link.candidates import lookup_keys, lookup_keys_of_filed
from claimtrace.link.claim_fit import family
from claimtrace.link.incremental import link_keys
from tests.link.test_claim_fit import random_profile


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("similarity", [False, True])
def test_lookup_keys_of_filed_recovers_what_the_claim_looked_up(seed, similarity):
    """Exactly, unless its family holds several types (talks and their outcomes): then more, never less."""
    rng = random.Random(seed)
    for number in range(80):
        profile = random_profile(rng, number)
        looked_up = set(lookup_keys(profile, similarity))
        recovered = set(lookup_keys_of_filed(link_keys(profile), similarity))
        if family(profile.claim.type) == profile.claim.type:
            assert recovered == looked_up
        else:
            assert looked_up <= recovered
