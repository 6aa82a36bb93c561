"""Factuality along the trigger's scope: negation, failure, hedges, questions and conditions."""

from __future__ import annotations

import pytest

from claimtrace.analyse.factuality import assess
from claimtrace.analyse.nlp import load_nlp
from claimtrace.ontology.hedges import load_hedges


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def factuality(nlp, text: str, word: str, failure_negates: bool = True):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    return assess(trigger, load_hedges(), failure_negates)


@pytest.mark.parametrize(("text", "word", "polarity"), [
    ("Norway delivered rifles to Estonia.", "delivered", "positive"),
    ("Norway did not deliver rifles to Estonia.", "deliver", "negative"),
    ("Norway never delivered rifles to Estonia.", "delivered", "negative"),
    ("There have been no deliveries of rifles to Estonia.", "deliveries", "negative"),
    ("The airline hadn't performed any flights to Riga.", "flights", "negative"),
    ("The attempt to negotiate a sale of rifles to Estonia has failed.", "sale", "negative"),
    ("The tank deal with Peru fell through.", "deal", "negative"),
    ("Norway failed to deliver the rifles.", "deliver", "negative"),
    ("A court in Oslo stopped his extradition to Chile.", "extradition", "negative"),
    ("The minister said that Norway did not deliver rifles, but Sweden delivered tanks.", "delivered", "positive"),
    ("Officials did not say that Norway delivered rifles.", "delivered", "positive"),
    # a negative quantifier on the subject or object negates the event
    ("No howitzers were delivered to Estonia in May.", "delivered", "negative"),
    ("No troops have been sent to Chad.", "sent", "negative"),
    ("None of the helicopters were sold to Bolivia.", "sold", "negative"),
    ("Estonia received no rifles from Norway.", "received", "negative"),
    ("Neither drones nor missiles were shipped to Yemen.", "shipped", "negative"),
    ("Nothing was exported to Myanmar last year.", "exported", "negative"),
    ("No arms sales to Sudan took place.", "sales", "negative"),  # counted once, on the noun
    ("No official confirmed that troops were sent to Chad.", "sent", "positive"),
    ("None of the deliveries to Chad took place.", "deliveries", "negative"),
    ("The sale of rifles to Chad changed nothing.", "sale", "positive"),  # another verb's object
])
def test_assess_polarity_follows_negation_in_scope(nlp, text, word, polarity):
    assert factuality(nlp, text, word).polarity == polarity


def test_assess_failed_attempt_keeps_the_attempt_positive(nlp):
    text = "The attempt to negotiate a sale of rifles to Estonia has failed."
    assert factuality(nlp, text, "negotiate", failure_negates=False).polarity == "positive"
    assert factuality(nlp, text, "sale").polarity == "negative"


@pytest.mark.parametrize(("text", "word", "certainty"), [
    ("Norway delivered rifles to Estonia.", "delivered", "certain"),
    ("Norway may have delivered rifles to Estonia.", "delivered", "possible"),
    ("Norway allegedly delivered rifles to Estonia.", "delivered", "possible"),
    ("Norway reportedly sold drones to Latvia.", "sold", "possible"),
    ("Norway probably delivered rifles to Estonia.", "delivered", "probable"),
    ("It seems that Norway delivered rifles to Estonia.", "delivered", "probable"),
    ("It looks like Norway delivered rifles to Estonia.", "delivered", "probable"),
    ("There is evidence that Norway delivered rifles to Estonia.", "delivered", "probable"),
    ("I think Norway delivered rifles to Estonia.", "delivered", "probable"),
    ("There are rumours of rifle deliveries to Estonia.", "deliveries", "possible"),
    ("The alleged sale of rifles to Estonia angered Moscow.", "sale", "possible"),
])
def test_assess_certainty_from_hedge_in_scope(nlp, text, word, certainty):
    assert factuality(nlp, text, word).certainty == certainty


@pytest.mark.parametrize(("text", "word"), [
    ("Officials were allegedly told to leave before the rebels stormed the airport.", "stormed"),
    ("Norway could protest, but it delivered rifles to Estonia.", "delivered"),
])
def test_assess_hedge_in_another_clause_does_not_apply(nlp, text, word):
    assert factuality(nlp, text, word).certainty == "certain"


@pytest.mark.parametrize(("text", "word"), [
    ("Did Norway deliver rifles to Estonia?", "deliver"),
    ("If Norway delivered rifles to Estonia, Russia would protest.", "delivered"),
])
def test_assess_questions_and_conditions_are_not_asserted(nlp, text, word):
    assert not factuality(nlp, text, word).asserted


@pytest.mark.parametrize(("text", "word"), [
    ("The opposition would like to replace the minister.", "replace"),
    ("Vietnam hopes to buy missiles from India.", "buy"),
    ('Reuters ran a story headlined "Peru sells jets to Chile" on Monday.', "sells"),
    ("She wrote a book titled «The Arms Sale» in 2010.", "Sale"),
])
def test_assess_wish_or_cited_title_is_not_asserted(nlp, text, word):
    assert factuality(nlp, text, word).asserted is False


def test_assess_event_after_a_closed_title_is_asserted(nlp):
    assert factuality(nlp, 'After the report titled "Secrets" appeared, Peru sold jets to Chile.', "sold").asserted
