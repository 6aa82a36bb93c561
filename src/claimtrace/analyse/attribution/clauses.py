"""Where a content clause starts and stops when the parser's tree does not say it plainly.

Four repairs of common misparses of news prose:

- a cue's complement hung on a noun of the cue's adjunct ("said in a statement
  [that X]", "told a briefing [that X]") is the cue's content;
- a clause coordinated with the cue ("X said A, and B was estimated at C") ends
  the cue's content, and a passive conjunct whose subject the parser attached
  elsewhere gets that subject back ("... and [the death toll] was estimated at");
- a report the source continues with a participle or a second cue ("..., adding
  that B"; "said A and announced B") ends the first content: the rest is a
  report of its own;
- a subjectless cue spliced to a second clause by a comma ("Says A, B") reports
  both clauses.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.ontology.cues import CueLexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_CLAUSE_JOINS = {",", ";", "—", "–"}
_MAX_SUBJECT_WORDS = 12
_FINITE = ("VBD", "VBZ", "VBP")


def is_clause_head(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def has_that_mark(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


_OWN_COMPLEMENTS = ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd")


def _complementiser_that(clause: Token) -> bool:
    """"that" introduces the clause as a complement: tagged so, or taken for a relative
    pronoun object although the clause has an object of its own ("that China opposed the levy")."""
    if has_that_mark(clause):
        return True
    that = next((c for c in clause.children if c.lower_ == "that" and c.dep_ == "dobj" and c.i < clause.i), None)
    return that is not None and any(c.dep_ in _OWN_COMPLEMENTS and c.i > clause.i for c in clause.children)


def displaced_complement(verb: Token, hearer_object: bool) -> Token | None:
    """A that-clause the parser attached to a noun of the cue's own adjunct or hearer.

    "said in a statement that X", "told a news conference that X" (the object is
    the hearer only when ``hearer_object``; "denied reports that X" is the
    object's own clause): the clause has its complementiser and its own
    subject, so it is no relative clause of the noun (a relative "that" would
    be the clause's subject or object).
    """
    for child in verb.children:
        nouns = [child] if hearer_object and child.dep_ in ("dobj", "dative") else []
        if child.dep_ == "prep":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and clause.i > noun.i and _complementiser_that(clause) \
                        and any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                    return clause
    return None


def hidden_subject(verb: Token) -> SpacySpan | None:
    """The subject of a subjectless conjunct that the parser attached to the previous clause.

    "Some are said to have fled and the size of the force was estimated at 500":
    the words between the conjunction and the verb's first auxiliary are its subject.
    """
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc = verb.doc
    end = verb.left_edge.i
    start = end
    while start > 0 and end - start < _MAX_SUBJECT_WORDS:
        previous = doc[start - 1]
        if previous.dep_ == "cc" or previous.text in _CLAUSE_JOINS or is_clause_head(previous) \
                or "\n" in previous.text:
            break
        start -= 1
    if start == end or start == 0:
        return None
    joint = doc[start - 1]
    if joint.dep_ != "cc" and joint.text not in _CLAUSE_JOINS:
        return None
    words = doc[start:end]
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    return words


def clause_start(verb: Token) -> int:
    """Index of the first word of the clause ``verb`` heads, its hidden subject included."""
    hidden = hidden_subject(verb)
    start = hidden.start if hidden is not None else verb.left_edge.i
    doc = verb.doc
    while start > 0 and (doc[start - 1].dep_ == "cc" or doc[start - 1].text in _CLAUSE_JOINS):
        start -= 1
    return start


def before_coordinated_clause(cue: Token, tokens: list[Token]) -> list[Token]:
    """``tokens`` up to a clause coordinated with the cue itself ("X said A, and B was ...")."""
    stops = [clause_start(c) for c in cue.children
             if c.dep_ == "conj" and c.i > cue.i and is_clause_head(c)]
    stops = [s for s in stops if s > cue.i]
    if not stops:
        return tokens
    stop = min(stops)
    return [t for t in tokens if t.i < stop]


def continued_report(token: Token, root: Token, cue: Token | None, lexicon: CueLexicon) -> bool:
    """True when ``token`` starts the source's next report inside a content clause.

    "..., adding that B" (a cue participle) and "said A and announced that B" (a
    second finite cue in the cue's own tense, with a complement of its own).
    """
    if not lexicon.is_cue(token.lemma_) or token.i <= root.i:
        return False
    has_content = any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
    if token.dep_ == "advcl" and token.tag_ == "VBG" and has_content:
        return True
    same_tense = cue is not None and token.tag_ == cue.tag_ and token.tag_ in _FINITE
    own_subject = any(c.dep_ in SUBJECT_DEPS for c in token.children)
    return token.dep_ == "conj" and same_tense and has_content and not own_subject


def spliced_clause(verb: Token) -> list[Token]:
    """"Says A, B": a subjectless cue opening its sentence, which the parser made a modifier
    of the clause after the comma; that clause is reported too."""
    head = verb.head
    if verb.dep_ not in ("advcl", "parataxis") or head.i <= verb.i or verb.tag_ not in _FINITE:
        return []
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.i != verb.sent.start:
        return []
    doc = verb.doc
    comma = verb.right_edge.i + 1
    if comma >= len(doc) or doc[comma].text not in (",", ";"):
        return []
    if not any(c.dep_ in SUBJECT_DEPS and c.i > comma for c in head.children):
        return []
    return list(doc[comma + 1:head.right_edge.i + 1])


_DASHES = {"—", "–", "--", "-"}
_MAX_ASIDE = 16
_CLAUSE_ENDS = {".", ";", "!", "?"}


def dash_aside(cue: Token) -> tuple[int, int] | None:
    """Token indices of the dashes of an aside right after the cue ("was told—by whom is
    unclear—that X"), when the aside closes within its sentence."""
    doc = cue.doc
    opening = cue.i + 1
    if opening >= len(doc) or doc[opening].text not in _DASHES or doc[opening].whitespace_ == "" and \
            doc[opening].text == "-" and cue.whitespace_ == "":
        return None
    for index in range(opening + 1, min(len(doc), opening + _MAX_ASIDE)):
        token = doc[index]
        if "\n" in token.text or token.text in _CLAUSE_ENDS:
            return None
        if token.text in _DASHES:
            return opening, index
    return None


def after_aside(cue: Token, aside: tuple[int, int]) -> list[Token]:
    """What the cue reports when an aside separates them: the words after the closing dash,
    to the end of the sentence (the parser rarely attaches them to the cue)."""
    doc = cue.doc
    tokens = []
    for token in doc[aside[1] + 1:]:
        if token.text in _CLAUSE_ENDS or "\n" in token.text:
            break
        tokens.append(token)
    return tokens


def aside_tellers(cue: Token, aside: tuple[int, int]) -> list[Token]:
    """The nouns an aside names as the teller ("—probably by his lawyer or by the guards—")."""
    doc = cue.doc
    return [obj for by in doc[aside[0] + 1:aside[1]] if by.lower_ == "by"
            for obj in by.children if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN")]


_TAKES_AS = {"use", "serve", "act", "see", "regard", "describe", "treat", "work", "view", "consider", "present",
             "portray", "label", "brand", "classify", "designate", "name", "appoint", "elect", "choose", "hire"}


def without_rejection_label(clause: Token, tokens: list[Token]) -> list[Token]:
    """"dismissed claims that X as propaganda": the parser hangs the label on X's verb; it is the
    rejecting source's verdict, not part of the rejected claim."""
    if clause.lemma_.lower() in _TAKES_AS:
        return tokens
    labels = [c.i for c in clause.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > clause.i
              and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in c.children)]
    if not labels:
        return tokens
    return [t for t in tokens if t.i < min(labels)]
