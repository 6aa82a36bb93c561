"""Event claims on wire-news sentences about many countries: guards the rules against fitting one corpus.

Each sentence is read as a one-sentence article dated 2023-03-15 (a Wednesday), with its
attributions; the expected claim is (type, agent, recipient, polarity, certainty, time).
"""

from __future__ import annotations

import pytest

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.events import find_event_claims
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Document, EventClaim, Segment

PUBLISHED = "2023-03-15"


def claims_of(resources, text: str) -> list[EventClaim]:
    document = Document(name="wire", text=text, origin="test", format="txt", published=PUBLISHED)
    document.segments = [Segment(document.id, "article", 0, len(text), published=PUBLISHED)]
    analysis = find_attributions(find_mentions(Analysis(document, parse_segments([document])[0], resources)))
    return find_event_claims(analysis).document.event_claims


@pytest.mark.parametrize(("text", "expected"), [
    ("India took delivery of the first S-400 squadron from Russia in December, officials said.",
     ("arms_transfer", "Russia", "India", "positive", "certain", "2022-12")),
    ("Germany approved the export of 50 Leopard tanks to Poland.",
     ("arms_transfer", "Germany", "Poland", "positive", "certain", "2023")),
    ("Police arrested three opposition leaders in Minsk on Sunday.",
     ("legal_action", "Belarus", None, "positive", "certain", "2023-03-12")),
    ("France delivered 12 Caesar howitzers to Ukraine last month.",
     ("arms_transfer", "France", "Ukraine", "positive", "certain", "2023-02")),
    ("Brazil did not sell any fighter jets to Argentina in 2021.",
     ("arms_transfer", "Brazil", "Argentina", "negative", "certain", "2021")),
    ("Egypt may have bought Su-35 fighters from Russia.",
     ("arms_transfer", "Russia", "Egypt", "positive", "possible", "2023")),
    ("Norway suspended arms exports to Turkey in October 2019.",
     ("export_restriction", "Norway", "Turkey", "positive", "certain", "2019-10")),
    ("The United States deployed 3,000 troops to Romania in February.",
     ("military_deployment", "United States", "Romania", "positive", "certain", "2023-02")),
    ("Japan and Australia signed a defence cooperation agreement on Thursday.",
     ("defence_cooperation", "Japan", "Australia", "positive", "certain", "2023-03-09")),
    ("The Indonesian defence minister visited Paris on 10 February.",
     ("meeting", "Indonesia", "France", "positive", "certain", "2023-02-10")),
    ("Chilean prosecutors charged the former army chief with fraud on Monday.",
     ("legal_action", "Chile", None, "positive", "certain", "2023-03-13")),
    ("President Tinubu dismissed the chief of army staff, General Yahaya, in June.",
     ("personnel_change", "Tinubu", "Yahaya", "positive", "certain", "2022-06")),
    ("Protesters stormed the parliament building in Colombo on July 9.",
     ("unrest", None, None, "positive", "certain", "2022-07-09")),
    ("Nigeria's defence budget rose to 2.4 trillion naira ($5.2 billion) in 2022.",
     ("military_spending", "Nigeria", None, "positive", "certain", "2022")),
    ("Israeli instructors trained Colombian special forces in 2008.",
     ("military_training", "Israel", "Colombia", "positive", "certain", "2008")),
    ("Turkey reportedly supplied Bayraktar drones to Ethiopia in 2021.",
     ("arms_transfer", "Turkey", "Ethiopia", "positive", "possible", "2021")),
    ("Peru never received the tanks from Spain.",
     ("arms_transfer", "Spain", "Peru", "negative", "certain", "2023")),
    ("A Russian Il-76 cargo plane landed in Bamako on Tuesday.",
     ("logistics_movement", "Russia", "Mali", "positive", "certain", "2023-03-14")),
    ("Silk Air Cargo performed no flights between Jakarta and Manila in January.",
     ("logistics_movement", "Silk Air Cargo", "Indonesia", "negative", "certain", "2023-01")),
    ("Turkish Airlines operated two flights to Tripoli on Monday.",
     ("logistics_movement", "Turkish Airlines", "Libya", "positive", "certain", "2023-03-13")),
    ("Most of the rifles bought by Kenya in 2015 were from Israel.",
     ("arms_transfer", "Israel", "Kenya", "positive", "certain", "2015")),
    ("Gangs attacked police stations in Lagos on Monday.",
     ("unrest", None, None, "positive", "certain", "2023-03-13")),
    ("Violent protests in Dakar left ten people dead in June.",
     ("unrest", None, None, "positive", "certain", "2022-06")),
    ("Serbian police detained two Kosovo officials near the border on Friday.",
     ("legal_action", "Serbia", "Kosovo", "positive", "certain", "2023-03-10")),
    # a negative quantifier on the theme negates the event and is not part of the item
    ("No armoured vehicles were delivered to Moldova in February, officials said.",
     ("arms_transfer", None, "Moldova", "negative", "certain", "2023-02")),
    ("Bolivia received no fighter jets from Brazil last year.",
     ("arms_transfer", "Brazil", "Bolivia", "negative", "certain", "2022")),
    ("Neither tanks nor drones were sold to Armenia.",
     ("arms_transfer", None, "Armenia", "negative", "certain", "2023")),
    # the reporting verb's day is not the day of the event it reports
    ("The Ministry of Defence of Serbia on Friday denied reports that the country had supplied rifles to Libya.",
     ("arms_transfer", "Serbia", "Libya", "negative", "certain", "2023")),
    ("Local media reported on Monday that Ghana had delivered armoured vehicles to Togo in late January.",
     ("arms_transfer", "Ghana", "Togo", "positive", "certain", "2023-01")),
    ("Reports that Italy sold helicopters to Qatar surfaced on Tuesday.",
     ("arms_transfer", "Italy", "Qatar", "positive", "certain", "2023")),
    # an intention announced is dated by its announcement, in the announcement's tense
    ("Sweden announced on Monday it will suspend arms exports to Turkey.",
     ("export_restriction", "Sweden", "Turkey", "positive", "certain", "2023-03-13")),
    ("Chile said on Wednesday it would suspend arms exports to Peru.",
     ("export_restriction", "Chile", "Peru", "positive", "certain", "2023-03-15")),
    # a government body named with its state acts for the state
    ("Kenya's parliament on Tuesday approved an increase of the defence budget by 9 billion shillings.",
     ("military_spending", "Kenya", None, "positive", "certain", "2023-03-14")),
    ("Ghana's Ministry of Defence sent troops to Mali in May.",
     ("military_deployment", "Ghana", "Mali", "positive", "certain", "2022-05")),
])
def test_find_event_claims_reads_wire_sentence(resources, text, expected):
    claims = [(c.type, c.agent, c.recipient, c.polarity, c.certainty, c.time) for c in claims_of(resources, text)]
    assert claims == [expected]


@pytest.mark.parametrize("text", [
    "South Korea is not a major arms exporter to Africa.",  # a generic statement, no event
    "Vietnam plans to buy BrahMos missiles from India.",  # a plan, not a purchase
    'A report titled "The Secret Sale of Drones to Ethiopia" was published on Monday.',  # a cited title
    "Beijing rejects any attempt to provoke unrest in the region.",  # a generic mention
    "The ministry must first meet domestic needs.",  # "meet" without a named party
])
def test_find_event_claims_wire_sentence_states_no_event(resources, text):
    assert claims_of(resources, text) == []


@pytest.mark.parametrize(("text", "item"), [
    ("No armoured vehicles were delivered to Moldova in February.", "armoured vehicles"),
    ("None of the howitzers were sold to Nigeria.", "the howitzers"),
    ("Bolivia received no fighter jets from Brazil.", "fighter jets"),
    ("Neither tanks nor drones were sold to Armenia.", "tanks"),
])
def test_find_event_claims_negated_item_is_read_without_its_quantifier(resources, text, item):
    claims = claims_of(resources, text)
    assert [(c.polarity, c.arguments.get("item")) for c in claims] == [("negative", item)]


@pytest.mark.parametrize(("text", "agent"), [
    ("The Defence Ministry of Peru said on Monday that the country had sold rifles to Ecuador.", "Peru"),
    ("The foreign ministry of Jordan denied that the state had supplied drones to Iraq.", "Jordan"),
])
def test_find_event_claims_country_anaphor_finds_the_state_inside_a_body_name(resources, text, agent):
    claims = claims_of(resources, text)
    assert [c.agent for c in claims] == [agent]
