"""The attribution stage end to end: parse, find mentions, find attributions (real model)."""

from __future__ import annotations

import pytest

from claimtrace.analyse.attribution import find_attributions
from claimtrace.analyse.entities import find_mentions
from claimtrace.analyse.pipeline import Analysis, parse_segments
from claimtrace.model import Attribution, Document, Segment


def analyse(resources, text: str, comments: list[tuple[int, str]] | None = None) -> Document:
    """One article segment over ``text`` (or up to the first comment), then the comments."""
    document = Document(name="test", text=text, origin="test", format="txt")
    starts = [start for start, _ in comments or []]
    article_end = starts[0] if starts else len(text)
    document.segments = [Segment(document.id, "article", 0, article_end)]
    for index, (start, author) in enumerate(comments or []):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        document.segments.append(Segment(document.id, "comment", start, end, author=author))
    analysis = Analysis(document, parse_segments([document])[0], resources)
    return find_attributions(find_mentions(analysis)).document


def content(document: Document, attribution: Attribution) -> str:
    return document.text[attribution.content[0]:attribution.content[1]]


def only(resources, text: str) -> tuple[Document, Attribution]:
    document = analyse(resources, text)
    assert len(document.attributions) == 1, [content(document, a) for a in document.attributions]
    return document, document.attributions[0]


# -- direct quotes ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "quoted", "cue"), [
    ('"The convoy reached the border at noon," the spokesman said.', "The convoy reached the border at noon", "said"),
    ("«The harbour is closed to foreign ships», says the port authority.", "The harbour is closed to foreign ships",
     "says"),
    ('The agency reported: "Two frigates left the base on Tuesday."', "Two frigates left the base on Tuesday.",
     "reported"),
    ("Governor Anna Berg said, „The roads are open again.“", "The roads are open again.", "said"),
])
def test_find_attributions_direct_quote_takes_the_quote_as_content(resources, text: str, quoted: str,
                                                                    cue: str) -> None:
    document, attribution = only(resources, text)
    assert content(document, attribution) == quoted
    assert attribution.cue == cue and attribution.kind == "direct"


def test_find_attributions_quote_split_by_its_cue_gives_both_parts_to_the_source(resources) -> None:
    document = analyse(resources, '"We are ready," Maria Lopes told reporters. "The troops will stay until spring."')
    assert [content(document, a) for a in document.attributions] == [
        "We are ready", "The troops will stay until spring."]
    assert {a.source for a in document.attributions} == {"Maria Lopes"}


def test_find_attributions_quote_over_paragraphs_gives_each_paragraph_its_source(resources) -> None:
    text = "Governor Anna Berg said, “The roads are open again.\n\n“The schools will reopen on Monday,” she added."
    document = analyse(resources, text)
    assert [content(document, a) for a in document.attributions] == [
        "The roads are open again.", "The schools will reopen on Monday"]
    assert {a.source for a in document.attributions} == {"Anna Berg"}


def test_find_attributions_unclosed_quote_does_not_swallow_the_text(resources) -> None:
    text = 'The colonel shouted "Hold the line now\n\nThe general said that reinforcements had arrived.'
    document, attribution = only(resources, text)
    assert content(document, attribution) == "reinforcements had arrived"


@pytest.mark.parametrize("text", [
    'The so-called "peace envoys" arrived in the city.',
    'Everyone remembers the slogan "bread and peace for all" from that winter.',
])
def test_find_attributions_ignores_quotes_without_speech(resources, text: str) -> None:
    assert analyse(resources, text).attributions == []


# -- reported speech ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reported", "source"), [
    ("Defence Minister Jonas Keller said that the army would buy new helicopters.",
     "the army would buy new helicopters", "Jonas Keller"),
    ("Journalists say the base was expanded last year.", "the base was expanded last year", "Journalists"),
    ("The media reported on the arrival of foreign instructors in the region.",
     "the arrival of foreign instructors in the region", "The media"),
    ("Norway has pledged to deliver two more frigates.", "to deliver two more frigates", "Norway"),
    ("The mayor accused the governor of hiding the flood damage.", "the governor of hiding the flood damage",
     "The mayor"),
    ("The crew was told by the harbour master that the storm would pass.", "the storm would pass",
     "the harbour master"),
    ("The fleet will stay in port until March, the admiral told the radio.",
     "The fleet will stay in port until March", "the admiral"),
    ("Tomas Varga is now in Vienna calling for sanctions against the regime.", "sanctions against the regime",
     "Tomas Varga"),
])
def test_find_attributions_reported_speech_takes_the_complement(resources, text: str, reported: str,
                                                                source: str) -> None:
    document, attribution = only(resources, text)
    assert content(document, attribution) == reported
    assert attribution.source == source and attribution.kind == "reported"


def test_find_attributions_told_outlet_is_part_of_the_cue(resources) -> None:
    document, attribution = only(resources, "Lena Fischer told Reuters that the shipment had been delayed.")
    assert attribution.cue == "told Reuters" and attribution.source == "Lena Fischer"
    assert document.text[attribution.cue_span[0]:attribution.cue_span[1]] == "told Reuters"


@pytest.mark.parametrize(("text", "reported"), [
    ("On Sunday it was reported that the president had left the capital.", "the president had left the capital"),
    ("The rebels are said to have seized the airport.", "The rebels are said to have seized the airport"),
])
def test_find_attributions_passive_without_agent_has_an_unnamed_source(resources, text: str, reported: str) -> None:
    document, attribution = only(resources, text)
    assert content(document, attribution) == reported
    assert (attribution.source, attribution.source_type) == ("unnamed", "unnamed")


def test_find_attributions_content_stops_before_a_contrast(resources) -> None:
    text = "Chile has pledged to buy two tankers while also selling its old corvettes."
    document, attribution = only(resources, text)
    assert content(document, attribution) == "to buy two tankers"


def test_find_attributions_coordinated_report_is_its_own_attribution(resources) -> None:
    text = "It was reported that the envoy had left the country but his deputy declared that he was still in Lima."
    document = analyse(resources, text)
    assert [content(document, a) for a in document.attributions] == [
        "the envoy had left the country", "he was still in Lima"]


def test_find_attributions_as_clause_comments_on_its_sentence(resources) -> None:
    document, attribution = only(resources, "As Professor Hana Kim notes, the budget has doubled since 2019.")
    assert content(document, attribution) == "the budget has doubled since 2019"
    assert attribution.source == "Hana Kim"


@pytest.mark.parametrize("text", [
    "I said that the talks had failed.",
    "We have always said the border was open.",
    "The government rejected any attempt to interfere in the election.",
    "The tanker sank near the coast on Friday.",
])
def test_find_attributions_skips_the_author_and_non_reports(resources, text: str) -> None:
    assert analyse(resources, text).attributions == []


# -- source phrases ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reported", "source"), [
    ("According to local fishermen, the tanker sank near the coast.", "the tanker sank near the coast",
     "local fishermen"),
    ("The tanker sank near the coast, according to the coast guard.", "The tanker sank near the coast",
     "the coast guard"),
    ("As reflected in the regional press, the visit was a success.", "the visit was a success", "the regional press"),
    ("The army withdrew, and, according to witnesses, the village was burned, which shocked everyone.",
     "the village was burned", "witnesses"),
])
def test_find_attributions_according_to_takes_the_rest_of_the_clause(resources, text: str, reported: str,
                                                                     source: str) -> None:
    document, attribution = only(resources, text)
    assert content(document, attribution) == reported
    assert attribution.source == source and attribution.kind == "according_to"


# -- sources -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "source", "source_type"), [
    ("Oskar Lindqvist arrived in Oslo on Monday. He said the talks had failed.", "Oskar Lindqvist", "person"),
    ("Foreign Minister Petra Novak met her Chilean counterpart. Later, the minister said that no deal was signed.",
     "Petra Novak", "person"),
    ("Baltic News Agency reported that the port was closed. The report added that ferries would resume on Friday.",
     "Baltic News Agency", "media"),
    ("Our insiders say the deal collapsed in May.", "Our insiders", "unnamed"),
    ("Several websites and forums have claimed that the factory exploded.", "Several websites and forums", "media"),
    ("The embassy, which announced the evacuation on Friday, said little else.", "The embassy", "government"),
    ("Norway has pledged to deliver two more frigates.", "Norway", "government"),
])
def test_find_attributions_resolves_sources(resources, text: str, source: str, source_type: str) -> None:
    document = analyse(resources, text)
    last = document.attributions[-1]
    assert (last.source, last.source_type) == (source, source_type)


def test_find_attributions_statement_speaks_for_its_author(resources) -> None:
    document, attribution = only(resources, "The Navy’s statement says that the submarine returned safely.")
    assert attribution.source == "Navy" and attribution.source_type == "government"


def test_find_attributions_definite_description_points_back_to_the_body(resources) -> None:
    text = ("The Ministry of Transport of Ruritania issued a statement on Monday. "
            "The Ministry denied the reports that the bridge had collapsed.")
    document, attribution = only(resources, text)
    assert attribution.source == "Ministry of Transport of Ruritania"
    assert attribution.source_type == "government"


def test_find_attributions_pronoun_skips_names_inside_quotes(resources) -> None:
    text = 'Maria Lopes spoke first. "Pablo Ruiz will never sign this," she said.'
    document, attribution = only(resources, text)
    assert attribution.source == "Maria Lopes"


# -- polarity ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "polarity"), [
    ("The ministry denied the allegations that it sold rifles to the rebels.", "negative"),
    ("The company denied the report.", "negative"),
    ("The spokesman dismissed claims that the frigate had been sunk.", "negative"),
    ('"This story is a fake," the embassy said.', "negative"),
    ("The agency said the rumours about the merger were baseless.", "negative"),
    ("The army said that no soldiers crossed the border.", "positive"),
    ("The police said the documents were fabricated by the smugglers.", "positive"),
])
def test_find_attributions_polarity_is_negative_only_when_the_source_rejects(resources, text: str,
                                                                             polarity: str) -> None:
    document, attribution = only(resources, text)
    assert attribution.polarity == polarity


# -- the document and its segments ---------------------------------------------------------------

def test_find_attributions_offsets_index_the_document_text(resources) -> None:
    article = "The port reopened on Monday.\n\n"
    comment = 'Posted by reader.\nAs Captain Ivo Mandic said, "the harbour is safe again."'
    document = analyse(resources, article + comment, comments=[(len(article), "reader")])
    (attribution,) = document.attributions
    assert content(document, attribution) == "the harbour is safe again."
    assert document.text[attribution.cue_span[0]:attribution.cue_span[1]] == "said"
    assert attribution.doc_id == document.id


def test_find_attributions_comment_quotes_belong_to_the_comment_and_the_quoted_source(resources) -> None:
    article = "Admiral Sven Holm inspected the fleet.\n\n"
    comment = "Posted by: seawatcher\nThe admiral told the crowd that the fleet would sail in June."
    document = analyse(resources, article + comment, comments=[(len(article), "seawatcher")])
    (attribution,) = document.attributions
    comment_segment = document.segments[1]
    assert attribution.segment_id == comment_segment.id
    assert attribution.source != "seawatcher"
    assert attribution.source_type == "person"


def test_find_attributions_empty_document_has_none(resources) -> None:
    assert analyse(resources, "   ").attributions == []


# -- block quotations and harder parses --------------------------------------------------------

def test_find_attributions_unmarked_block_after_a_named_source_is_one_container(resources) -> None:
    text = ("Ablyazov is a fine example of what the Lowy Institute recently described in its report:\n\n"
            "The collapse of the bank was followed by years of litigation in London and Paris. "
            "The institute argues that the courts were too slow to act.\n\nThe author disagrees.")
    document = analyse(resources, text)
    block = next(a for a in document.attributions if a.kind == "block")
    assert content(document, block).startswith("The collapse of the bank")
    assert content(document, block).endswith("too slow to act.")
    assert block.source == "Lowy Institute"
    nested = next(a for a in document.attributions if a.kind == "reported")
    assert content(document, nested) == "the courts were too slow to act"
    assert nested.source == "Lowy Institute"  # "the institute" points back to the named body


def test_find_attributions_colon_after_a_passive_subject_is_no_block(resources) -> None:
    text = "Karl Berg was arrested and charged with fraud:\n\nThe charges point to a wider investigation of customs."
    assert analyse(resources, text).attributions == []


def test_find_attributions_they_after_a_named_body_in_the_same_sentence(resources) -> None:
    document, attribution = only(resources, "Greenpeace had a very different view, they said it was mainly a "
                                            "dispute between fishing fleets.")
    assert content(document, attribution) == "it was mainly a dispute between fishing fleets"
    assert attribution.source == "Greenpeace"


def test_find_attributions_report_without_author_stays_as_written(resources) -> None:
    document, attribution = only(resources, "Based on interviews with sailors, this report details how the navy "
                                            "lost track of the cargo.")
    assert content(document, attribution) == "how the navy lost track of the cargo"
    assert attribution.source == "this report"


def test_find_attributions_passive_tell_reports_only_what_was_told(resources) -> None:
    document = analyse(resources, "The guards were told by their officers not to open the gate.")
    (attribution,) = document.attributions
    assert content(document, attribution) == "not to open the gate"
    assert attribution.source == "their officers"


def test_find_attributions_headline_report_stays_on_its_line(resources) -> None:
    text = ("Ghana bought two patrol boats, sailors say\n\nHarbour Weekly\n\n"
            "Several forums reported on Monday that the boats arrived in Tema.")
    document = analyse(resources, text)
    found = {(content(document, a), a.source) for a in document.attributions}
    assert ("Ghana bought two patrol boats", "sailors") in found
    assert ("the boats arrived in Tema", "Several forums") in found


def test_find_attributions_source_named_by_its_phrase(resources) -> None:
    text = "A group called the Baltic Sea Alliance has published a statement saying that the exercise was cancelled."
    document = analyse(resources, text)
    assert document.attributions
    assert {a.source for a in document.attributions} == {"Baltic Sea Alliance"}
