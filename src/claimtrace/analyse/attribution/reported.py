"""Reported speech from the dependency parse: a cue verb, its source and its content clause.

The content is the verb's clausal complement ("said [that] X"), an infinitive
for verbs that take one ("pledged [not to X]"), a noun-phrase object for verbs
that report one ("denied [the report]", "announced [details]"), or the object
of a listed preposition ("reported on [X]", "called for [X]"). The source is
the subject; in the passive it is the "by" agent, or nobody in particular
("it was reported that X", "X is said to ...", "X was accused of ..."), and
then the content is the whole clause when the verb's subject is what is
reported. A cue without a complement that comments on its clause ("As X notes,
Y"; "Y, X says") takes that clause as content.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.attribution.candidates import (
    Candidate, doc_text, in_paragraph, subtree_tokens, token_span, trimmed_span)
from claimtrace.analyse.attribution.clauses import (
    after_aside, aside_tellers, before_coordinated_clause, continued_report, dash_aside, displaced_complement,
    hidden_subject, spliced_clause, without_rejection_label)
from claimtrace.analyse.nlp import token_strings
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Span
from claimtrace.ontology.cues import CueLexicon, CueVerb

SPEAKER_PRONOUNS = {"i", "we", "me", "us", "you", "myself", "ourselves"}
_EXPLETIVES = {"it", "there"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_NOT_IN_CLAUSE = ("conj", "cc", "punct", "mark", "preconj")


def reported_speech(parsed: ParsedSegment, lexicon: CueLexicon, used_cues: set[int]) -> list[Candidate]:
    """Every attribution a cue verb of ``parsed`` introduces, except cues already used by a quote."""
    found = []
    doc = parsed.doc
    for i, lemma in enumerate(token_strings(doc, "LEMMA")):
        verb = lexicon.verb(lemma)
        if verb is None or verb.quote_only:
            continue
        token = doc[i]
        if not (is_verb(token) or _mistagged_verb(token)):
            continue
        if parsed.offset + token.idx in used_cues:
            continue
        candidate = _from_verb(parsed, token, verb, lexicon)
        if candidate is not None:
            found.append(candidate)
    return found


def is_verb(token: Token) -> bool:
    return (token.pos_ == "VERB" or token.tag_.startswith("VB")) and token.dep_ not in ("amod", "aux", "auxpass")


def _mistagged_verb(token: Token) -> bool:
    """A cue the tagger took for a noun but that governs a that-clause ("some speculate that ...")."""
    return token.pos_ == "NOUN" and token.tag_ == "NN" and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children)


_CLIMB = ("conj", "xcomp", "pcomp", "prep", "advcl", "acl", "dobj", "pobj")
_RELATIVE_PRONOUNS = {"who", "which", "that"}


def subject_of(verb: Token, lexicon: CueLexicon) -> SpacySpan | None:
    """The words of the verb's subject.

    A verb without one borrows it from the verb it depends on ("arrived and
    said", "concluded by calling for", "is in Kiev calling for"); a relative
    pronoun stands for the noun its clause modifies ("the embassy, which
    announced"); a cue the tagger took for a noun takes its determiner ("some
    speculate"); a cue the parser hung on a noun as a reduced relative ("forums
    reported that") takes that noun, unless the noun is a statement ("publications
    alleging that"), whose author is looked for further up.
    """
    quoted = _quoted_speaker(verb)
    if quoted is not None:
        return quoted
    node = verb
    for _ in range(5):
        subject = _nearest_subject(node)
        if subject is not None:
            if subject.lower_ in _RELATIVE_PRONOUNS and node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                noun = node.head
                return noun.doc[noun.left_edge.i:node.left_edge.i] if node.left_edge.i > noun.left_edge.i else None
            return node.doc[subject.left_edge.i:subject.right_edge.i + 1]
        if node.i == verb.i and node.pos_ == "NOUN":
            determiners = [c for c in node.children if c.dep_ in ("det", "poss")]
            return node.doc[determiners[0].i:determiners[0].i + 1] if determiners else None
        if node.dep_ not in _CLIMB or node.head.i == node.i or not in_paragraph([node.head], verb):
            return None
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and not lexicon.is_cue_noun(node.head.lemma_):
            noun = node.head  # "forums reported that ...": the parser's reduced relative is the subject
            return noun.doc[noun.left_edge.i:noun.i + 1]
        node = node.head
        if node.dep_ == "prep" or node.pos_ == "ADP":
            node = node.head
    return None


def _quoted_speaker(verb: Token) -> SpacySpan | None:
    """"The agency quoted [the minister] as saying", "[Orlov] was quoted as saying": the one quoted."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() not in ("quote", "cite"):
        return None
    quoting = verb.head.head
    passive = any(c.dep_ == "nsubjpass" for c in quoting.children)
    speaker = next((c for c in quoting.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    return verb.doc[speaker.left_edge.i:speaker.right_edge.i + 1] if speaker is not None else None


def _nearest_subject(verb: Token) -> Token | None:
    """The subject nearest the verb in its paragraph; a noun the parser hung on the verb as a
    compound just before it ("this paper details") is taken as the subject too."""
    candidates = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not c.is_punct]
    candidates += [c for c in verb.children
                   if c.dep_ == "compound" and c.i == verb.i - 1 and c.pos_ in ("NOUN", "PROPN")]
    text = doc_text(verb.doc)
    candidates = [c for c in candidates if "\n" not in text[min(c.idx, verb.idx):max(c.idx, verb.idx)]]
    return min(candidates, key=lambda c: abs(verb.i - c.i)) if candidates else None


def cue_tokens(parsed: ParsedSegment, verb: Token, lexicon: CueLexicon) -> Span:
    """Document offsets of the cue: the verb with its auxiliaries, and the hearer of "told Reuters"."""
    doc = verb.doc
    if _quoted_speaker(verb) is not None:  # "was quoted as saying"
        verb_first = verb.head.head
        first = min([c.i for c in verb_first.children if c.dep_ in ("aux", "auxpass") and c.i < verb_first.i]
                    + [verb_first.i])
        return token_span(parsed, doc[first], verb)
    first = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i] + [verb.i])
    last = verb.i
    entry = lexicon.verb(verb.lemma_)
    for child in verb.children:
        if entry and entry.addressee and child.dep_ in ("dobj", "dative") and child.i == verb.i + 1:
            last = child.right_edge.i if child.pos_ == "PROPN" else last
    return token_span(parsed, doc[first], doc[last])


_MODALS = {"will", "would", "shall", "could", "may", "might", "should", "must", "can"}
_STILL_REPORTING = {"go", "continue", "appear", "seem", "be", "have"}  # "went on to say that"


def _not_yet_said(token: Token, content: list[Token]) -> bool:
    """"is expected to announce", "plans to report", "will announce details": nothing said yet.
    A clause after the cue keeps it ("will say that X" reports what X is)."""
    if token.dep_ == "xcomp" and not _still_reporting(token.head):
        return True
    if any(c.dep_ == "ccomp" for c in token.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in token.children) and bool(content) \
        and content[0].dep_ != "mark"


def _still_reporting(head: Token) -> bool:
    """"went on to say", "had to deny", "was quick to deny": the head does not put the cue off."""
    return head.lemma_.lower() in _STILL_REPORTING or head.pos_ == "ADJ"


def _from_verb(parsed: ParsedSegment, token: Token, verb: CueVerb, lexicon: CueLexicon) -> Candidate | None:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    aside = dash_aside(token) if passive else None
    if aside is not None:  # "was told—by whom is unclear—that X"
        content: list[Token] | None = after_aside(token, aside)
    else:
        content = _content(token, verb, lexicon, passive)
        content = before_coordinated_clause(token, content) if content else None
    if content and _not_yet_said(token, content):
        return None
    span = trimmed_span(parsed, in_paragraph(content, token)) if content else None
    if span is None:
        return None
    source, unnamed = _source(token, passive, lexicon)
    source_words = None
    if aside is not None and source is None:
        source, source_words = _teller_in_aside(token, aside)
        unnamed = source is None
    if source is not None and source.root.lower_ in SPEAKER_PRONOUNS:
        return None  # the author (or the quoted speaker) speaking: not an attribution of its own
    return Candidate(parsed, span, cue_tokens(parsed, token, lexicon), token.lemma_.lower(), "reported",
                     source=source, source_head=source.root if source is not None else None,
                     unnamed=unnamed, polarity=verb.polarity, source_words=source_words)


def _teller_in_aside(token: Token, aside: tuple[int, int]) -> tuple[SpacySpan | None, str | None]:
    """The teller an aside names, if any; several ("by guards or by inmates") as one phrase."""
    tellers = aside_tellers(token, aside)
    if not tellers:
        return None, None
    doc = token.doc
    phrases = [doc[t.left_edge.i:t.right_edge.i + 1] for t in tellers]
    if len(phrases) == 1:
        return phrases[0], None
    joint = next((t.lower_ for t in doc[aside[0]:aside[1]] if t.dep_ == "cc"), "or")
    return doc[phrases[0].start:phrases[-1].end], f" {joint} ".join(p.text for p in phrases)


def _source(token: Token, passive: bool, lexicon: CueLexicon) -> tuple[SpacySpan | None, bool]:
    if not passive:
        if spliced_clause(token):  # "Says A, B": the subject of B is not the speaker
            return None, False
        return subject_of(token, lexicon), False
    for child in token.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return token.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1], False
    return None, True


def _content(token: Token, verb: CueVerb, lexicon: CueLexicon, passive: bool) -> list[Token] | None:
    children = list(token.children)
    by_dep: dict[str, Token] = {}
    for child in children:
        by_dep.setdefault(child.dep_, child)
    subject = _passive_subject(token) if passive else None
    # "X is said to ...": X is part of what is reported; "X was told to ...": X only heard it
    reported_subject = (subject if subject is not None and subject.lower_ not in _EXPLETIVES and not verb.addressee
                        else None)
    if "ccomp" in by_dep:
        return _clausal_content(token, verb, lexicon)
    displaced = displaced_complement(token, verb.addressee) if verb.clause else None
    if displaced is not None:
        return complement_tokens(displaced, lexicon, token)
    if "xcomp" in by_dep and (verb.xcomp or (passive and _infinitive(by_dep["xcomp"]))):
        if reported_subject is not None:
            return _clause(token, reported_subject)
        if passive and verb.addressee and "agent" not in by_dep:
            return None  # "the guards were told to leave": an order from nobody named, not a report
        obj = by_dep.get("dobj")
        start = obj.left_edge.i if obj is not None and obj.i < by_dep["xcomp"].i else by_dep["xcomp"].left_edge.i
        return _without_asides(list(token.doc[start:by_dep["xcomp"].right_edge.i + 1]), by_dep["xcomp"], lexicon,
                               token)
    if reported_subject is not None and verb.passive_clause:
        clause = _clause(token, reported_subject)
        return clause if clause[-1].i > token.i else None
    obj = by_dep.get("dobj")
    if obj is not None and verb.object != "none" and not passive:
        if verb.object == "claim" and obj.lemma_.lower() not in lexicon.claim_nouns:
            return None
        return _with_prep(token, obj, verb)
    for child in children:
        if child.dep_ in ("prep", "prt") and child.lower_ in verb.preps:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return list(token.doc[objects[0].left_edge.i:child.right_edge.i + 1])
        marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in verb.preps]
        if child.dep_ == "advcl" and marks:  # "called for [the government to act]"
            return [t for t in subtree_tokens(child) if t.i != marks[0].i]
    return _commented_clause(token) or _reversed_report(token)


def _passive_subject(token: Token) -> Token | None:
    """The passive subject nearest the cue, or the one the parser hid in the previous clause."""
    subjects = [c for c in token.children if c.dep_ == "nsubjpass" and c.i < token.i]
    if subjects:
        return max(subjects, key=lambda c: c.i)
    hidden = hidden_subject(token)
    return hidden.root if hidden is not None else None


def _clausal_content(token: Token, verb: CueVerb, lexicon: CueLexicon) -> list[Token] | None:
    """The complement clause; when the parser found several, those after the cue ("X had a
    different take, they said it was Y": the first clause is not what they said)."""
    if not verb.clause:
        return None
    clauses = in_paragraph([c for c in token.children if c.dep_ == "ccomp"], token)
    if not clauses:
        return None
    after = [c for c in clauses if c.i > token.i]
    if len(clauses) == 1 or not after:
        tokens = complement_tokens(clauses[0], lexicon, token)
        spliced = spliced_clause(token) if clauses[0].i > token.i else []
        return list(token.doc[tokens[0].i:spliced[-1].i + 1]) if spliced and tokens else tokens
    tokens = complement_tokens(after[0], lexicon, token)
    for later in after[1:]:
        tokens = tokens + [t for t in complement_tokens(later, lexicon, token) if t.i > tokens[-1].i]
    return list(token.doc[tokens[0].i:tokens[-1].i + 1])


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _with_prep(token: Token, obj: Token, verb: CueVerb) -> list[Token]:
    """The object: its that-clause ("denied claims [that X]"), or the object with a listed
    preposition or an infinitive after it ("accused [X of Y]", "noted [X to take place]")."""
    for child in obj.children:
        if child.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            tokens = subtree_tokens(child)
            return without_rejection_label(child, tokens) if verb.polarity == "negative" else tokens
    end = obj.right_edge.i
    for child in token.children:
        if child.i > obj.i and ((child.dep_ == "prep" and child.lower_ in verb.preps) or child.dep_ == "xcomp"):
            end = max(end, child.right_edge.i)
    return list(token.doc[obj.left_edge.i:end + 1])


def _clause(token: Token, subject: Token) -> list[Token]:
    """The clause of a passive cue, from its subject to its last complement."""
    parts = [token] + [c for c in token.children if c.dep_ not in _NOT_IN_CLAUSE and c.i >= subject.left_edge.i]
    start = min(subject.left_edge.i, token.i)
    end = max(p.right_edge.i if p.i != token.i else p.i for p in parts)
    return list(token.doc[start:end + 1])


def _reversed_report(token: Token) -> list[Token] | None:
    """'Y, X told Reuters.' parsed without a complement: Y is what precedes the subject's comma."""
    subject = _nearest_subject(token)
    doc = token.doc
    if subject is None or subject.i > token.i or subject.left_edge.i == 0:
        return None
    comma = doc[subject.left_edge.i - 1]
    if comma.text != "," and not (comma.text in '"\'' and doc[comma.i - 1].text == ","):
        return None
    after = doc[token.i + 1:]
    end = next((t.i for t in after if t.is_sent_start or "\n" in t.text), len(doc))
    if any(t.head.i != token.i and not token.is_ancestor(t) for t in doc[token.i + 1:end] if not t.is_punct):
        return None
    start = doc_text(doc).rfind("\n", 0, comma.idx) + 1
    tokens = [t for t in doc[comma.sent.start:comma.i] if t.idx >= start]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens) or len(tokens) < 4:
        return None
    return tokens


def _commented_clause(token: Token) -> list[Token] | None:
    """'As X notes, Y' and 'Y, X says': the clause the cue comments on."""
    head = token.head
    as_clause = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
    if head.i == token.i or not (as_clause or token.dep_ == "parataxis"):
        return None
    own = set(range(token.left_edge.i, token.right_edge.i + 1))
    tokens = [t for t in subtree_tokens(head) if t.i not in own]
    return tokens if tokens else None


_CONTRAST_MARKS = {"while", "whereas", "although", "though"}


def complement_tokens(root: Token, lexicon: CueLexicon, cue: Token | None = None) -> list[Token]:
    """The subtree of a content clause without what belongs to somebody else."""
    return _without_asides(subtree_tokens(root), root, lexicon, cue)


def _without_asides(tokens: list[Token], root: Token, lexicon: CueLexicon, cue: Token | None = None) -> list[Token]:
    """Cut a contrast ("..., while X"), a coordinated report of another source ("X left, but
    his secretary declared Y") and the source's own next report ("..., adding that Y") off the
    end of a content clause."""
    cut = None
    for token in tokens:
        if token.i <= root.i:
            continue
        contrast = token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONTRAST_MARKS
                                                 for m in token.children)
        other_report = (token.head.i == root.i and token.dep_ == "conj" and lexicon.is_cue(token.lemma_)
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))
        if contrast or other_report or continued_report(token, root, cue, lexicon):
            start = token.left_edge.i
            while start > root.i and root.doc[start - 1].dep_ in ("cc", "punct"):
                start -= 1
            cut = start if cut is None else min(cut, start)
    return [t for t in tokens if cut is None or t.i < cut]
