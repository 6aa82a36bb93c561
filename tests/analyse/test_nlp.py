"""What the stages read from a parse once per document: text, token strings, entities, trigger index."""

from __future__ import annotations

import pytest

from claimtrace.analyse.events.triggers import _lemma_triggers, part_of_speech, word_keys
from claimtrace.analyse.nlp import analysis_text, doc_text, load_nlp, span_ents, token_strings
from claimtrace.ontology.events import load_event_types

TEXT = (
    "ASTANA, March 3 (Steppe Wire) — Kazakhstan's Ministry of Defence denied on Friday that it had sold "
    "12 Caesar howitzers worth $40 million (about 18 billion tenge) to the Kyrgyz army in 2021.\n\n"
    "Defence Minister Ruslan Zhaksylykov said the U.S.-made radars were never delivered. "
    "Reports of arms deliveries to Tajikistan surfaced last year; the sale fell through, officials said."
)


@pytest.fixture(scope="module")
def doc():
    return load_nlp()(analysis_text(TEXT))


@pytest.mark.parametrize(("attribute", "read"), [
    ("ORTH", lambda t: t.text), ("LOWER", lambda t: t.lower_), ("LEMMA", lambda t: t.lemma_),
    ("POS", lambda t: t.pos_), ("TAG", lambda t: t.tag_), ("DEP", lambda t: t.dep_),
])
def test_token_strings_are_what_the_tokens_say(doc, attribute, read):
    assert token_strings(doc, attribute) == [read(token) for token in doc]
    assert token_strings(doc, attribute) is token_strings(doc, attribute)  # read once per document


def test_doc_text_is_the_text(doc):
    assert doc_text(doc) == doc.text == analysis_text(TEXT)


def test_span_ents_are_spacys_entities_of_the_span(doc):
    spans = [*doc.sents, doc[0:len(doc)], doc[3:9], doc[10:12]]
    for span in spans:
        ours = [(ent.start, ent.end, ent.label_, ent.text) for ent in span_ents(span)]
        assert ours == [(ent.start, ent.end, ent.label_, ent.text) for ent in span.ents]
    assert any(span_ents(sentence) for sentence in doc.sents)  # the text has entities to find


def _every_lemma_trigger(sentence, event_types) -> list[tuple[int, str, int]]:
    """Triggers by trying every group of every type on every token, as the stage did before its index."""
    found = []
    for token in sentence:
        pos = part_of_speech(token)
        if pos is None:
            continue
        for event_type in event_types.values():
            for number, group in enumerate(event_type.triggers):
                if group.pos == pos and word_keys(token) & group.lemmas:
                    found.append((token.i, event_type.name, number))
    return found


def test_trigger_index_finds_what_trying_every_group_finds(doc):
    event_types = load_event_types()
    found = 0
    for sentence in doc.sents:
        expected = _every_lemma_trigger(sentence, event_types)
        triggers = _lemma_triggers(sentence, list(event_types.values()))
        assert [(t.token.i, t.event_type.name, t.event_type.triggers.index(t.group)) for t in triggers] == expected
        assert all((t.start, t.end) == (t.token.i, t.token.i + 1) for t in triggers)
        found += len(expected)
    assert found >= 4  # the text has triggers to find ("sold", "delivered", "deliveries", "sale")
