"""Factuality of an event mention (FactBank-style): asserted or not, polarity, certainty.

Everything is decided along the trigger's *scope path*: the chain of heads from the
trigger up through its own clause and the clauses that embed it as a complement
("it seems that [...]", "there is evidence that [...]", "X failed to [...]"). A hedge,
negation or failure word counts only when it sits on that path or modifies a word on
it, so "allegedly" in one clause does not weaken an event stated in another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.nlp import doc_text, token_strings
from claimtrace.model import Certainty, Polarity
from claimtrace.ontology.hedges import HedgeLexicon

# Relations climbed inside one clause (the trigger's own clause).
_IN_CLAUSE = frozenset({"compound", "dobj", "pobj", "prep", "attr", "oprd", "nsubj", "nsubjpass", "amod",
                        "appos", "dative", "agent", "pcomp", "acomp", "npadvmod", "poss", "nmod", "conj"})
# Relations that embed the clause as a complement of a higher predicate.
_COMPLEMENT = frozenset({"xcomp", "ccomp", "acl", "csubj", "csubjpass"})
_ORDER = {"certain": 0, "probable": 1, "possible": 2}


@dataclass(frozen=True, slots=True)
class Factuality:
    """What the text commits to about one event mention."""

    asserted: bool = True
    polarity: Polarity = "positive"
    certainty: Certainty = "certain"
    cues: tuple[str, ...] = field(default_factory=tuple)  # the words that decided it


@dataclass(frozen=True, slots=True)
class ScopeStep:
    token: Token
    same_clause: bool  # still in the trigger's own clause
    crossed: str | None  # the relation crossed to reach this token from below, when it left the clause


def scope_path(trigger: Token, max_steps: int = 16) -> list[ScopeStep]:
    """The trigger and its heads, up to the first relation that does not embed it as content."""
    path = [ScopeStep(trigger, True, None)]
    token, same_clause = trigger, True
    while token.head.i != token.i and len(path) < max_steps:
        relation = token.dep_
        if relation == "conj" and token.pos_ in ("VERB", "AUX"):
            break  # a coordinated clause has its own modals and adverbs
        if relation in _IN_CLAUSE:
            crossed = None
        elif relation in _COMPLEMENT:
            same_clause, crossed = False, relation
        elif relation in ("advcl", "parataxis") and _introduced_as_comparison(token):
            same_clause, crossed = False, relation  # "it looks like [...]"
        else:
            break
        token = token.head
        path.append(ScopeStep(token, same_clause, crossed))
    return path


def _introduced_as_comparison(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("like", "as", "though", "if") for c in token.children) or \
        token.head.lemma_.lower() in ("look", "seem", "appear", "think", "believe")


def phrase_tokens(sentence: SpacySpan, lexicon: HedgeLexicon) -> dict[int, str]:
    """Token index -> level for every token inside a multiword hedge ("it looks like") of the sentence.

    Read from the words as strings: no token is made for a sentence without a hedge phrase.
    """
    levels: dict[int, str] = {}
    start, end = sentence.start, sentence.end
    lemmas = [lemma.lower() for lemma in token_strings(sentence.doc, "LEMMA")[start:end]]
    lowers = token_strings(sentence.doc, "LOWER")[start:end]
    words = set(lemmas) | set(lowers)
    for phrase, level in lexicon.phrases.items():
        if not set(phrase) <= words:
            continue
        width = len(phrase)
        for i in range(len(lemmas) - width + 1):
            if tuple(lemmas[i:i + width]) == phrase or tuple(lowers[i:i + width]) == phrase:
                for index in range(start + i, start + i + width):
                    levels.setdefault(index, level)
    return levels


def _weaker(current: str, new: str | None) -> str:
    return new if new is not None and _ORDER[new] > _ORDER[current] else current


def certainty_of(trigger: Token, lexicon: HedgeLexicon) -> tuple[Certainty, list[str]]:
    """The weakest hedge in the trigger's scope: modals and adverbs of its clause, governing predicates."""
    level: str = "certain"
    cues: list[str] = []
    phrases = phrase_tokens(trigger.sent, lexicon)
    for step in scope_path(trigger):
        token = step.token
        found = phrases.get(token.i)
        if step.token.i != trigger.i or not step.same_clause:
            if token.pos_ in ("VERB", "AUX"):
                found = found or lexicon.level("predicates", token.lemma_)
            elif token.pos_ == "NOUN":
                found = found or lexicon.level("nouns", token.lemma_)
        for child in token.children:
            if child.dep_ == "aux" and step.same_clause:
                found = _weaker(found or "certain", lexicon.level("modals", child.lemma_))
            elif child.dep_ in ("advmod", "npadvmod") and (step.same_clause or step.crossed is None):
                found = _weaker(found or "certain", lexicon.level("adverbs", child.lemma_) or
                                lexicon.level("adverbs", child.lower_))
            elif child.dep_ in ("amod", "acomp"):
                found = _weaker(found or "certain", lexicon.level("adjectives", child.lemma_))
        if found and found != "certain":
            cues.append(token.text)
            level = _weaker(level, found)
    return level, cues  # type: ignore[return-value]


def _negated_here(token: Token, lexicon: HedgeLexicon) -> str | None:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in lexicon.negation_adverbs):
            return child.text
        if child.dep_ == "det" and child.lower_ in lexicon.negation_determiners:
            return child.text
    if token.dep_ == "pobj" and token.head.lower_ in lexicon.negation_prepositions:
        return token.head.text
    return None


# Arguments whose negative quantifier negates the event: "no tanks were sold", "X received no weapons".
_CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def negated_argument(verb: Token, lexicon: HedgeLexicon, skip: frozenset[int] = frozenset()) -> str | None:
    """The negative quantifier of a verb's subject or object ("no", "neither", "none of", "nothing"),
    other than of the tokens ``skip`` (the scope path, whose own negation is counted there)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for argument in verb.children:
        if argument.dep_ not in _CORE_ARGUMENTS or argument.i in skip:
            continue
        if argument.lower_ in lexicon.negation_pronouns:
            return argument.text
        for child in argument.children:
            if child.dep_ in ("det", "preconj") and child.lower_ in lexicon.negation_determiners:
                return child.text
    return None


def polarity_of(trigger: Token, lexicon: HedgeLexicon, failure_negates: bool = True) -> tuple[Polarity, list[str]]:
    """Negative when the trigger's clause is negated, or its outcome failed or was prevented."""
    negations: list[str] = []
    path = scope_path(trigger)
    on_path = frozenset(step.token.i for step in path)
    for position, step in enumerate(path):
        token = step.token
        if step.crossed == "ccomp" or step.crossed == "acl" and token.pos_ != "NOUN":
            break
        cue = _negated_here(token, lexicon)
        if cue is None and position == 0:  # the trigger's own subject or object, not a later verb's
            cue = negated_argument(token, lexicon, on_path)
        if cue is None and position >= 2 and token.lower_ in lexicon.negation_pronouns and \
                path[position - 1].token.lower_ == "of":
            cue = token.text  # "none of the deliveries took place"
        if cue:
            negations.append(cue)
        if position == 0:
            continue
        below = path[position - 1].token
        lemma = token.lemma_.lower()
        if lemma in lexicon.preventers and below.dep_ in ("dobj", "xcomp", "pobj", "prep"):
            negations.append(token.text)
        if failure_negates and _failed(token, below, lexicon):
            negations.append(token.text)
    polarity: Polarity = "negative" if len(negations) % 2 == 1 else "positive"
    return polarity, negations


def _failed(token: Token, below: Token, lexicon: HedgeLexicon) -> bool:
    """A failure predicate over the event ("the attempt to X failed", "X fell through", "failed to X")."""
    lemma = token.lemma_.lower()
    is_failure = lemma in lexicon.failure_predicates or any(
        phrase[0] == lemma and any(c.lower_ == phrase[1] for c in token.children) for phrase in lexicon.failure_phrases)
    return is_failure and below.dep_ in ("nsubj", "nsubjpass", "xcomp", "csubj")


_OPENING_QUOTES = frozenset("«‹„")
_CLOSING_QUOTES = frozenset("»›”")
_EITHER_QUOTES = frozenset("\"“‘’'")  # open or close, depending on what is open


def in_cited_title(trigger: Token, lexicon: HedgeLexicon) -> bool:
    """Whether the trigger is inside a quoted title that follows a title cue ("a report titled «...»")."""
    sentence = trigger.sent
    cues = [t for t in sentence.doc[sentence.start:trigger.i] if t.lower_ in lexicon.title_cues]
    if not cues:
        return False
    doc, cue = sentence.doc, cues[-1]
    quotes = [t for t in doc[cue.i + 1:trigger.i] if t.text and t.text[0] in _OPENING_QUOTES | _CLOSING_QUOTES |
              _EITHER_QUOTES and len(t.text) == 1]
    if not quotes or quotes[0].i > cue.i + 2:
        return False
    depth = 0
    for quote in quotes:
        if quote.text in _OPENING_QUOTES or quote.text in _EITHER_QUOTES and depth == 0:
            depth += 1
        else:
            depth -= 1
    return depth > 0


def _forms(token: Token) -> set[str]:
    """The lemma and the word with a plain inflection removed: the lemmatizer reads "hopes" as "hop"."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.add(word[: -len(suffix)])
    return forms


def _wanted(trigger: Token, lexicon: HedgeLexicon) -> bool:
    """Whether the event is the complement of a wish or intention ("they would like to replace him")."""
    for step in scope_path(trigger):
        if step.crossed == "xcomp" and _forms(step.token) & lexicon.desire_predicates:
            return True
        if step.crossed == "ccomp":
            return False
    return False


def _infinitival_modifier(trigger: Token) -> bool:
    """An infinitive whose object is the noun it describes states a possibility, not an event: "tanks to
    sell", "nothing to offer". With an object of its own it is the noun's content ("an attempt to
    negotiate the sale"), which the noun's own factuality decides."""
    return trigger.dep_ in ("relcl", "acl") and trigger.tag_ == "VB" and trigger.head.pos_ in ("NOUN", "PRON") \
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children) \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in trigger.children)


def is_asserted(trigger: Token, lexicon: HedgeLexicon) -> bool:
    """False for events in questions, conditional clauses, wishes and the titles of cited works."""
    sentence = trigger.sent
    if doc_text(sentence.doc)[sentence.start_char:sentence.end_char].rstrip().endswith(tuple(lexicon.question_marks)):
        return False
    if in_cited_title(trigger, lexicon) or _wanted(trigger, lexicon) or _infinitival_modifier(trigger):
        return False
    for step in scope_path(trigger):
        for child in step.token.children:
            if child.dep_ == "mark" and child.lower_ in lexicon.conditional_marks:
                return False
    token = trigger
    while token.head.i != token.i:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lexicon.conditional_marks
                                         for c in token.children):
            return False
        token = token.head
    return True


def assess(trigger: Token, lexicon: HedgeLexicon, failure_negates: bool = True) -> Factuality:
    """Asserted or not, polarity and certainty of the event the trigger states."""
    if not is_asserted(trigger, lexicon):
        return Factuality(asserted=False)
    polarity, negations = polarity_of(trigger, lexicon, failure_negates)
    certainty, hedges = certainty_of(trigger, lexicon)
    return Factuality(True, polarity, certainty, tuple(negations + hedges))
