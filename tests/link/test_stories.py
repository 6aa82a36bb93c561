"""Stories: which claims are grouped, labels, and incremental assignment equal to batch grouping.

The countries, people and events are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from claimtrace.link.claim_fit import ClaimProfile
from claimtrace.link.stories import assign_to_stories, group_stories, place_claims, plain_label
from claimtrace.model import AUTHOR, EventClaim


@dataclass
class Dated:
    published: str | None


def claim(doc: str, event_type: str, agent: str | None, recipient: str | None = None, *, start: int = 0,
          source: str = AUTHOR, polarity: str = "positive", certainty: str = "certain", time: str | None = None,
          location: str | None = None, keys: dict[str, str] | None = None) -> EventClaim:
    arguments = {role: value for role, value in
                 (("agent", agent), ("recipient", recipient), ("location", location)) if value}
    return EventClaim(doc_id=doc, type=event_type, evidence=(start, start + 40), trigger=(start, start + 5),
                      source=source, source_type="author" if source == AUTHOR else "media", polarity=polarity,
                      certainty=certainty, arguments=arguments, argument_keys=keys or {}, time=time)


def groups(stories) -> set[frozenset[str]]:
    return {frozenset(story.claim_ids) for story in stories}


def together(stories, *claims: EventClaim) -> bool:
    return frozenset(c.id for c in claims) in groups(stories)


def test_group_stories_same_event_from_three_documents_is_one_story():
    claims = [claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021"),
              claim("d2", "arms_transfer", "Atlantis", "Borduria", source="Daily Herald", time="2021-06"),
              claim("d3", "arms_transfer", "the Atlantis", "Borduria", source="insiders")]
    stories = group_stories(claims)
    assert len(stories) == 1
    assert stories[0].type == "arms_transfer"
    assert stories[0].time == "2021-06"
    assert stories[0].label == "arms transfer: Atlantis → Borduria, 2021-06"


def test_group_stories_different_recipients_are_separate():
    to_borduria = claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021")
    to_syldavia = claim("d2", "arms_transfer", "Atlantis", "Syldavia", time="2021")
    assert groups(group_stories([to_borduria, to_syldavia])) == {frozenset({to_borduria.id}),
                                                                 frozenset({to_syldavia.id})}


def test_group_stories_denial_joins_the_assertion_it_denies():
    asserted = claim("d1", "arms_transfer", "Atlantis", "Borduria", source="several websites", time="2021")
    denied = claim("d1", "arms_transfer", "Atlantis", "Borduria", start=100, source="Atlantis Ministry of Industry",
                   polarity="negative", time="2021")
    own_denial = claim("d2", "arms_transfer", "Atlantis", "Borduria", polarity="negative")
    stories = group_stories([asserted, denied, own_denial])
    assert together(stories, asserted, denied, own_denial)
    assert stories[0].label.endswith("(disputed)")


def test_group_stories_arms_negotiation_and_transfer_are_different_events():
    talks = claim("d1", "arms_negotiation", "Atlantis", "Borduria", time="2021")
    sale = claim("d1", "arms_transfer", "Atlantis", "Borduria", start=100, time="2021")
    assert len(group_stories([talks, sale])) == 2


@pytest.mark.parametrize("first, second, grouped", [
    ("2019", "2021", False),
    ("2021", "2021-10", True),
    ("2021-10", "2021-11", True),  # month precision: the same year may be the same event
    ("2021-03-04", "2021-03-09", False),  # two different days
    ("2021-03-04", "2021-03", True),
    ("198", "1985", True),  # a decade contains its years
    (None, "2021", True),
])
def test_group_stories_times_that_cannot_agree_split(first, second, grouped):
    a = claim("d1", "military_deployment", "Atlantis", "Borduria", time=first)
    b = claim("d2", "military_deployment", "Atlantis", "Borduria", time=second)
    assert (len(group_stories([a, b])) == 1) is grouped


def test_group_stories_time_ranges_overlap():
    ranged = claim("d1", "military_training", "Atlantis", "Borduria", time="2018")
    ranged.time_end = "2020"
    later = claim("d2", "military_training", "Atlantis", "Borduria", time="2020-05-02")
    assert len(group_stories([ranged, later])) == 1


@pytest.mark.parametrize("event_type, grouped", [("meeting", True), ("defence_cooperation", True),
                                                 ("arms_transfer", False)])
def test_group_stories_symmetric_types_ignore_the_order_of_parties(event_type, grouped):
    a = claim("d1", event_type, "Atlantis", "Borduria", time="2021-02")
    b = claim("d2", event_type, "Borduria", "Atlantis", time="2021-02")
    assert (len(group_stories([a, b])) == 1) is grouped


def test_group_stories_symmetric_label_names_both_parties():
    a = claim("d1", "meeting", "Zeno Varga", "Atlantis", time="2021-02")
    b = claim("d2", "meeting", "Atlantis", "Zeno Varga", time="2021-02")
    assert group_stories([a, b])[0].label == "meeting: Atlantis – Zeno Varga, 2021-02"


def test_group_stories_entity_keys_decide_over_names():
    by_name = claim("d1", "arms_transfer", "Atlantis", "Borduria", keys={"agent": "country:AT"})
    by_adjective = claim("d2", "arms_transfer", "Atlantean government", "Borduria", keys={"agent": "country:AT"})
    homonym = claim("d3", "arms_transfer", "Atlantis", "Borduria", keys={"agent": "company:atlantis"})
    stories = group_stories([by_name, by_adjective, homonym])
    assert together(stories, by_name, by_adjective)
    assert together(stories, homonym)


def test_group_stories_vague_claim_joins_the_only_story_it_fits():
    precise = claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021")
    vague = claim("d2", "arms_transfer", "Atlantis", None, time="2021")
    assert len(group_stories([vague, precise])) == 1


def test_group_stories_vague_claim_that_fits_several_stories_starts_its_own():
    to_borduria = claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021")
    to_syldavia = claim("d2", "arms_transfer", "Atlantis", "Syldavia", time="2021")
    vague = claim("d3", "arms_transfer", "Atlantis", None, time="2021")
    stories = group_stories([to_borduria, to_syldavia, vague])
    assert together(stories, vague)


def test_group_stories_claim_without_parties_needs_strong_evidence():
    riots_here = claim("d1", "unrest", None, location="Borduria", time="2022-01")
    riots_there = claim("d2", "unrest", None, location="Borduria", time="2022-01", source="Daily Herald")
    instigated = claim("d3", "unrest", "Syldavia", location="Borduria", time="2022-01", certainty="possible")
    undated = claim("d4", "unrest", None, location="Borduria")
    elsewhere = claim("d5", "unrest", None, location="Syldavia", time="2022-01")
    stories = group_stories([riots_here, riots_there, instigated, undated, elsewhere])
    assert groups(stories) == {frozenset({riots_here.id, riots_there.id}), frozenset({instigated.id}),
                               frozenset({undated.id}), frozenset({elsewhere.id})}


def test_group_stories_similarity_is_strong_evidence_for_a_claim_without_parties():
    riots = claim("d1", "unrest", None, location="Borduria", time="2022-01")
    undated = claim("d2", "unrest", None, location="Borduria")
    assert len(group_stories([riots, undated], similarity=lambda a, b: 0.9)) == 1
    assert len(group_stories([riots, undated], similarity=lambda a, b: 0.5)) == 2


def test_group_stories_one_source_in_one_document_claims_two_events():
    asylum = claim("d1", "legal_action", "Syldavia", "Ivo Marek", start=0)
    sentence = claim("d1", "legal_action", "Syldavia", "Ivo Marek", start=200)
    reported = claim("d1", "legal_action", "Syldavia", "Ivo Marek", start=400, source="Ivo Marek")
    stories = group_stories([asylum, sentence, reported])
    # the quoted claim fits both events equally, so it is not forced into either
    assert groups(stories) == {frozenset({asylum.id}), frozenset({sentence.id}), frozenset({reported.id})}


def test_group_stories_talks_and_their_outcome_in_one_document_are_one_story():
    visit = claim("d1", "meeting", "Atlantis", "Borduria", time="2019")
    agreement = claim("d1", "defence_cooperation", "Borduria", "Atlantis", start=100, time="2019")
    offer = claim("d1", "arms_negotiation", "Atlantis", "Borduria", start=200, time="2019")
    stories = group_stories([visit, agreement, offer])
    assert together(stories, visit, agreement, offer)
    assert stories[0].type == "meeting"
    elsewhere = claim("d2", "defence_cooperation", "Borduria", "Atlantis", time="2019")
    assert together(group_stories([visit, elsewhere]), visit)


def test_group_stories_replacement_stated_in_one_sentence_is_one_story():
    arriving = claim("d1", "personnel_change", None, "Ana Holt", time="2020")
    leaving = claim("d1", "personnel_change", None, "Ivo Marek", start=10, time="2020")
    later = claim("d1", "personnel_change", None, "Lena Brod", start=300, time="2020")
    stories = group_stories([arriving, leaving, later])
    assert together(stories, arriving, leaving)
    assert together(stories, later)


@pytest.mark.parametrize("published, grouped", [("2020-05-01", True), ("2012-05-01", False), (None, True)])
def test_group_stories_undated_claim_is_not_about_events_long_after_its_document(published, grouped):
    old = claim("old", "arms_transfer", "Atlantis", "Borduria")
    recent = claim("new", "arms_transfer", "Atlantis", "Borduria", time="2020")
    stories = group_stories([old, recent], {"old": Dated(published), "new": Dated("2020-06-01")})
    assert (len(stories) == 1) is grouped


def test_group_stories_label_marks_a_denied_story_and_keeps_the_route():
    denial = claim("d1", "military_deployment", "Atlantis", "Borduria", polarity="negative", time="2020")
    denial.arguments["via"] = "Syldavia"
    story = group_stories([denial])[0]
    assert story.label == "military deployment: Atlantis → Borduria via Syldavia, 2020 (denied)"
    assert plain_label(story.label) == "military deployment: Atlantis → Borduria via Syldavia, 2020"


def test_group_stories_rejects_a_claim_given_twice():
    twice = claim("d1", "arms_transfer", "Atlantis", "Borduria")
    with pytest.raises(ValueError, match=twice.id):
        group_stories([twice, twice])


# ---------------------------------------------------------------- on random corpora

COUNTRIES = ["Atlantis", "Borduria", "Syldavia", "Elbonia", "Freedonia", "Atlantean government", "Bordurian army"]
TYPES = ["arms_transfer", "meeting", "unrest", "defence_cooperation", "legal_action", "arms_negotiation",
         "personnel_change"]
TIMES = [None, "2019", "2020", "2020-10", "2020-11", "2020-10-04", "2021"]


def random_corpus(seed: int, size: int) -> list[EventClaim]:
    """Claims over few parties, some named by entity key (its first letter), some by name only."""
    rng = random.Random(seed)
    claims = []
    for i in range(size):
        agent = rng.choice(COUNTRIES) if rng.random() < 0.8 else None
        recipient = rng.choice(COUNTRIES) if rng.random() < 0.6 else None
        keys = {role: f"place:{name[0]}" for role, name in (("agent", agent), ("recipient", recipient))
                if name and rng.random() < 0.5}
        made = claim(f"d{i // 4}", rng.choice(TYPES), agent, recipient, start=i * 50 - rng.choice([0, 0, 30]),
                     source=rng.choice([AUTHOR, "Daily Herald", "the ministry", "insiders"]),
                     polarity=rng.choice(["positive", "positive", "negative"]), time=rng.choice(TIMES),
                     location=rng.choice(COUNTRIES) if rng.random() < 0.2 else None, keys=keys)
        claims.append(made)
    return list({c.id: c for c in claims}.values())


@pytest.mark.parametrize("seed", range(5))
def test_group_stories_puts_every_claim_in_exactly_one_story(seed):
    claims = random_corpus(seed, 120)
    placed = [claim_id for story in group_stories(claims) for claim_id in story.claim_ids]
    assert sorted(placed) == sorted(c.id for c in claims)


@pytest.mark.parametrize("seed", range(3))
def test_group_stories_does_not_depend_on_input_order(seed):
    claims = random_corpus(seed, 120)
    shuffled = list(claims)
    random.Random(seed).shuffle(shuffled)
    assert group_stories(shuffled) == group_stories(claims)


@pytest.mark.parametrize("seed", range(3))
def test_group_stories_candidate_index_misses_no_fitting_story(seed):
    claims = random_corpus(seed, 150)
    profiles = [ClaimProfile.of(c) for c in claims]
    exhaustive = {frozenset(p.claim.id for p in group) for group in place_claims(profiles, None, exhaustive=True)}
    assert exhaustive == groups(group_stories(claims))


def test_assign_to_stories_equals_batch_grouping_on_a_small_example():
    first = [claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021"),
             claim("d1", "arms_transfer", "Atlantis", None, start=100, source="insiders", time="2021"),
             claim("d2", "meeting", "Syldavia", "Atlantis", time="2021-03")]
    later = [claim("d3", "arms_transfer", "Atlantis", "Elbonia", time="2021"),
             claim("d3", "meeting", "Atlantis", "Syldavia", start=100, source="Daily Herald", time="2021-03-02")]
    claims_by_id = {c.id: c for c in first + later}
    incremental = assign_to_stories(later, group_stories(first), claims_by_id)
    assert incremental == group_stories(first + later)
    # the vague claim no longer knows which transfer it is about, so it stands alone
    assert together(incremental, first[1])


@pytest.mark.parametrize("seed", range(4))
def test_assign_to_stories_equals_batch_grouping_on_random_corpora(seed):
    claims = random_corpus(seed, 160)
    old, new = claims[:130], claims[130:]
    incremental = assign_to_stories(new, group_stories(old), {c.id: c for c in claims})
    assert incremental == group_stories(claims)


def test_assign_to_stories_replaces_a_claim_ingested_again():
    sale = claim("d1", "arms_transfer", "Atlantis", "Borduria", time="2021")
    echo = claim("d2", "arms_transfer", "Atlantis", "Borduria", time="2021")
    stories = group_stories([sale, echo])
    again = assign_to_stories([echo], stories, {c.id: c for c in (sale, echo)})
    assert again == stories


def test_assign_to_stories_names_a_missing_claim():
    sale = claim("d1", "arms_transfer", "Atlantis", "Borduria")
    stories = group_stories([sale])
    with pytest.raises(ValueError, match=sale.id):
        assign_to_stories([], stories, {})


@pytest.mark.parametrize("seed", range(3))
def test_group_stories_candidate_index_misses_no_fitting_story_with_similarity(seed):
    claims = random_corpus(seed, 150)
    profiles = [ClaimProfile.of(c) for c in claims]

    def similarity(a, b):  # deterministic, and strong for some pairs of claims without parties
        return 0.9 if (len(a.id) + int(a.id[:2], 16) + int(b.id[:2], 16)) % 3 == 0 else 0.2

    exhaustive = {frozenset(p.claim.id for p in group)
                  for group in place_claims(profiles, similarity, exhaustive=True)}
    assert exhaustive == groups(group_stories(claims, similarity=similarity))
