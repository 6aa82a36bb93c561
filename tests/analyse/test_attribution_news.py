"""Attributions in wire and news prose, the constructions the parser gets wrong, and large inputs."""

from __future__ import annotations

import time

import pytest

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Attribution, Document, Segment


def analyse(resources, text: str) -> Document:
    document = Document(name="test", text=text, origin="test", format="txt")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    analysis = Analysis(document, parse_segments([document])[0], resources)
    return find_attributions(find_mentions(analysis)).document


def content(document: Document, attribution: Attribution) -> str:
    return document.text[attribution.content[0]:attribution.content[1]]


def found(resources, text: str) -> tuple[Document, set[tuple[str, str]]]:
    document = analyse(resources, text)
    return document, {(content(document, a), a.source) for a in document.attributions}


# -- wire style ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reported", "source"), [
    ("The army will leave the valley by Friday, Defence Minister Piet Janssen said on Tuesday.",
     "The army will leave the valley by Friday", "Piet Janssen"),
    ("The ministry said in a statement that two drones had been shot down over the port.",
     "two drones had been shot down over the port", "The ministry"),
    ("A spokesman for the Chilean navy said the frigate had returned to port.",
     "the frigate had returned to port", "A spokesman for the Chilean navy"),
    ("Prime Minister Anna Holm told reporters that no decision had been taken on the tanks.",
     "no decision had been taken on the tanks", "Anna Holm"),
    ("The contract covers 48 howitzers, according to a statement from the Polish defence ministry.",
     "The contract covers 48 howitzers", "the Polish defence ministry"),
    ("The president's office said the talks would continue next week.", "the talks would continue next week",
     "The president's office"),
    ("In an interview with Reuters, General Omar Diallo said his troops would stay in the north.",
     "his troops would stay in the north", "Omar Diallo"),
    ("The foreign ministry spokesperson, Li Wen, told a regular briefing that China opposed the levy.",
     "China opposed the levy", "Li Wen"),
    ("A senior official, who spoke on condition of anonymity, said the talks had stalled.",
     "the talks had stalled", "A senior official"),
    ("The agency quoted the minister as saying that exports would resume.", "exports would resume", "the minister"),
    ("Russia has repeatedly denied targeting civilians.", "targeting civilians", "Russia"),
    ("The ministry on Friday denied that rifles had been sold to Chad.", "rifles had been sold to Chad",
     "The ministry"),  # the day is the denial's, not part of the source
])
def test_find_attributions_wire_reports(resources, text: str, reported: str, source: str) -> None:
    _, pairs = found(resources, text)
    assert (reported, source) in pairs


def test_find_attributions_direct_quote_with_inverted_cue_and_apposition(resources) -> None:
    text = '"We have no plans to send troops," said Anna Holm, a spokeswoman for the Danish defence ministry.'
    _, pairs = found(resources, text)
    assert pairs == {("We have no plans to send troops", "Anna Holm")}


def test_find_attributions_statement_speaks_for_the_body_that_issued_it(resources) -> None:
    text = "The defence ministry issued a statement on Monday. The statement said the drills would last a week."
    document, pairs = found(resources, text)
    assert pairs == {("the drills would last a week", "The defence ministry")}
    assert document.attributions[0].source_type == "government"


@pytest.mark.parametrize("text", [
    "The minister is expected to announce the budget on Friday.",
    "The embassy declined to comment on the report.",
    "The guards were told to leave the gate shortly before the attack.",
])
def test_find_attributions_skips_what_is_not_said_yet(resources, text: str) -> None:
    assert analyse(resources, text).attributions == []


# -- content boundaries ---------------------------------------------------------------------------

def test_find_attributions_participle_report_is_its_own_attribution(resources) -> None:
    _, pairs = found(resources, "Police said they had arrested 12 people, adding that more arrests were expected.")
    assert pairs == {("they had arrested 12 people", "Police"), ("more arrests were expected", "Police")}


def test_find_attributions_second_cue_of_the_source_ends_the_first_content(resources) -> None:
    text = "The government said it would buy 20 new fighter jets and announced that taxes would rise."
    _, pairs = found(resources, text)
    assert ("it would buy 20 new fighter jets", "The government") in pairs
    assert ("taxes would rise", "The government") in pairs


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Several boats are said to have sunk and the number of dead was estimated at around 40.",
     "Several boats are said to have sunk", "the number of dead was estimated at around 40"),
    ("The convoy left at dawn and the cargo was believed to include artillery shells.",
     None, "the cargo was believed to include artillery shells"),
])
def test_find_attributions_passive_conjunct_reports_its_own_clause(resources, text: str, first: str | None,
                                                                  second: str) -> None:
    document, pairs = found(resources, text)
    contents = {c for c, _ in pairs}
    assert second in contents
    assert first is None or first in contents
    assert all(a.source_type == "unnamed" for a in document.attributions)


def test_find_attributions_subjectless_cue_reports_both_spliced_clauses(resources) -> None:
    text = "Oskar Lindqvist spoke to the press on Monday.\n\nSays the guards never beat him, he hurt his arm when he fell."
    _, pairs = found(resources, text)
    assert ("the guards never beat him, he hurt his arm when he fell", "Oskar Lindqvist") in pairs


@pytest.mark.parametrize(("text", "reported", "source"), [
    ("She was told—probably by her lawyer—that the case would be dropped.", "the case would be dropped",
     "her lawyer"),
    ("He was told—whether by guards or by other inmates is unclear—that a confession would help him.",
     "a confession would help him", "guards or other inmates"),
    ("He lied because he was told—unclear whether by guards or by lawyers—it would shorten his sentence.",
     "it would shorten his sentence", "guards or lawyers"),
])
def test_find_attributions_teller_set_off_by_dashes(resources, text: str, reported: str, source: str) -> None:
    _, pairs = found(resources, text)
    assert (reported, source) in pairs


def test_find_attributions_rejection_label_is_not_part_of_the_rejected_claim(resources) -> None:
    text = "The minister dismissed suggestions that the army had sold the rifles as an attempt to smear him."
    document, pairs = found(resources, text)
    assert pairs == {("the army had sold the rifles", "The minister")}
    assert document.attributions[0].polarity == "negative"


# -- statement nouns ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reported", "source"), [
    ("Russia's ultimatum to 'keep your fleet out of our waters or else' was rejected.",
     "keep your fleet out of our waters or else", "Russia"),
    ("The ministry's statement that no troops had crossed the border was met with scepticism.",
     "no troops had crossed the border", "The ministry"),
    ("Turkey's promise to deliver the drones by spring was welcomed.", "deliver the drones by spring", "Turkey"),
    ("The report by the commission that the army had used cluster munitions was published.",
     "the army had used cluster munitions", "the commission"),
])
def test_find_attributions_statement_noun_with_an_author(resources, text: str, reported: str, source: str) -> None:
    document, pairs = found(resources, text)
    assert (reported, source) in pairs
    assert any(a.kind == "nominal" for a in document.attributions)


def test_find_attributions_statement_noun_without_author_is_no_attribution(resources) -> None:
    assert analyse(resources, "Analysts doubted the claim that the plant was fully operational.").attributions == []


def test_find_attributions_verb_keeps_the_content_a_noun_also_reports(resources) -> None:
    document, pairs = found(resources, "The ministry denied Poland's claim that its aircraft had crossed the line.")
    assert pairs == {("its aircraft had crossed the line", "The ministry")}
    assert document.attributions[0].polarity == "negative"


# -- headlines -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reported", "source"), [
    ("Minister: we will not sell arms to either side", "we will not sell arms to either side", "Minister"),
    ('Diallo: "The army is ready to hand over power"', "The army is ready to hand over power", "Diallo"),
    ("Police: three suspects arrested after the blast", "three suspects arrested after the blast", "Police"),
    ("Officials: the convoy was carrying fuel, not weapons", "the convoy was carrying fuel, not weapons",
     "Officials"),
])
def test_find_attributions_headline_speaker_and_colon(resources, text: str, reported: str, source: str) -> None:
    document, pairs = found(resources, text)
    assert pairs == {(reported, source)}
    assert document.attributions[0].kind == "headline"


@pytest.mark.parametrize("text", [
    "Chile: floods close the capital's airport",
    "Source: Reuters",
    "Update: the bridge reopened on Monday.",
    "Posted by: Anna | Jan 10 2022 14:20 utc | 12",
])
def test_find_attributions_topic_before_a_colon_is_no_speaker(resources, text: str) -> None:
    assert analyse(resources, text).attributions == []


# -- quoted passages -------------------------------------------------------------------------------

def test_find_attributions_quoted_passage_over_paragraphs_is_one_container(resources) -> None:
    text = ("Here is an excerpt from an article in the Nordic Times, published on March 3:\n\n"
            "\"According to officials, the fleet left port on Monday.\n\n"
            "\"The navy denied the report, a spokesman said. The minister added that an inquiry would follow.\n\n"
            "The navy also asked citizens to ignore the rumours.\"\n\nThe author of this blog disagrees.")
    document = analyse(resources, text)
    block = next(a for a in document.attributions if a.kind == "block")
    assert content(document, block).startswith("According to officials")
    assert content(document, block).endswith("ignore the rumours")
    assert block.source == "Nordic Times" and block.polarity == "positive"
    nested = {(content(document, a), a.source) for a in document.attributions if a.kind != "block"}
    assert ("the fleet left port on Monday", "officials") in nested
    assert ("an inquiry would follow", "The minister") in nested


# -- robustness ------------------------------------------------------------------------------------

_PARAGRAPH = ('The minister said that the army would withdraw. "We are ready," he told reporters. '
              "According to officials, the talks failed, the agency reported. ")


@pytest.mark.parametrize("text", [
    " ".join(['"', "«", "word", "“", "said", "'", "the", "„", "army", "»", ",", "”", "."] * 150),
    _PARAGRAPH * 40,
    "\n\n".join("«The army will never leave the city and the people know it " + "and more " * 20
                for _ in range(40)),
])
def test_find_attributions_survives_unbalanced_quotes_and_long_paragraphs(resources, text: str) -> None:
    document = analyse(resources, text)
    for attribution in document.attributions:
        assert 0 <= attribution.content[0] < attribution.content[1] <= len(text)


def test_find_attributions_time_grows_with_the_document_not_its_square(resources) -> None:
    text = "\n\n".join(_PARAGRAPH for _ in range(200))
    document = Document(name="long", text=text, origin="test", format="txt")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    started = time.perf_counter()
    parses = parse_segments([document])[0]
    parse_time = time.perf_counter() - started
    analysis = find_mentions(Analysis(document, parses, resources))
    started = time.perf_counter()
    find_attributions(analysis)
    assert time.perf_counter() - started < 0.5 * parse_time
    assert len(document.attributions) >= 600
