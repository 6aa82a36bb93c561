"""People named by their office: titles attached to names, and descriptions standing for them.

A title attached to a name ("Georgian Defence Minister Levan Tsiklauri",
"Dilnoza Rakhimova, the former head of the customs committee", "the
then-President of Kyrgyzstan, Almazbek Atambayev") is a :class:`TitledPerson`:
the person, the words of the office, the states and bodies it belongs to, and
whether the text marks it as past. Those make the document's :class:`Role`
records, and let a later description ("the Georgian minister", "the Turkish
guest", "the KNB chief") be read as a mention of that person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.mention_resolution import Candidate
from claimtrace.analyse.nlp import doc_text, span_ents, token_strings
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.analyse.timex import resolve_time
from claimtrace.knowledge.names import NameVocabulary
from claimtrace.model import Role

_CONNECTORS = frozenset({"of", "and", "for", "the", "a", "an", "-", "'s", "\u2019s"})
_DEFINITE = frozenset({"the", "this", "that"})
_AFFILIATION_KINDS = frozenset({"country", "demonym", "capital", "seat", "organization"})
_PREPOSITIONS = frozenset({"of", "for", "at"})


@dataclass(slots=True)
class TitledPerson:
    """A person named with a title: the office's words, its states and bodies, past or present."""

    person: Candidate
    start: int  # the title phrase in Document.text
    end: int
    title: str  # the office as written, without article, past marker or owning state
    words: list[str]  # title words, casefolded (no connectors, no affiliation words)
    affiliations: list[Candidate] = field(default_factory=list)
    past: bool = False
    at_the_time: bool = False  # "then-President": past now, held at the time the sentence states
    head_start: int = 0  # where the role noun starts in Document.text
    text: str = ""  # the title phrase as written


@dataclass(slots=True)
class Description:
    """A phrase that may name a person by office ("the Kazakh president"), before it is resolved."""

    start: int
    end: int
    head: str  # casefolded head noun
    words: list[str]
    affiliations: list[Candidate]


# ---------------------------------------------------------------- titles attached to names

def titled_people(candidates: list[Candidate], parses: list[ParsedSegment],
                  vocabulary: NameVocabulary) -> list[TitledPerson]:
    """Every title the document attaches to a person: before the name, or in apposition to it."""
    found: list[TitledPerson] = []
    for person in (c for c in candidates if c.kind == "person"):
        parsed, span = _tokens_of(person, parses)
        if span is None:
            continue
        title = _title_before(span, person, parsed, candidates, vocabulary)
        if title is None:
            title = _title_in_apposition(span, parsed, candidates, vocabulary)
        if title is not None:
            start, end, head = title
            found.append(_titled(person, parsed, span.doc[start:end], head, candidates, vocabulary))
    return found


def _tokens_of(candidate: Candidate, parses: list[ParsedSegment]) -> tuple[ParsedSegment, SpacySpan | None]:
    for parsed in parses:
        if parsed.offset <= candidate.start < parsed.segment.end:
            span = parsed.doc.char_span(candidate.start - parsed.offset, candidate.end - parsed.offset,
                                        alignment_mode="expand")
            return parsed, span
    return parses[0], None


def _title_before(name: SpacySpan, person: Candidate, parsed: ParsedSegment, candidates: list[Candidate],
                  vocabulary: NameVocabulary) -> tuple[int, int, Token] | None:
    """"the Turkish Minister of Defence Hulusi Akar": the title words right before the name.

    Also "the then-Minister of Defence of Tajikistan, Rustam Nazarov", a title set off by a
    comma that the parser did not read as an apposition.
    """
    doc = name.doc
    end = name.start
    comma = end >= 2 and doc[end - 1].text == ","
    if comma:
        end -= 1
    i = end
    while i > name.sent.start and _title_token(doc[i - 1], parsed, candidates, vocabulary):
        i -= 1
    while i < end and not _may_open_title(doc[i], parsed, candidates, vocabulary):
        i += 1
    if comma and (i == end or doc[i].lower_ not in ("the", *vocabulary.past_markers)):
        return None  # "In Tajikistan, Rustam Nazarov": no title
    heads = [t for t in doc[i:end] if _role_noun(t, vocabulary)]
    if not heads:
        return None
    _, phrase_end = _phrase(heads[-1], vocabulary)
    if heads[-1].i < phrase_end < end and all(t.text[:1].isupper() for t in doc[phrase_end:end]):
        end = phrase_end  # "Minister of Defence Hulusi" where only "Akar" was read as the name
    while end > heads[-1].i + 1 and doc[end - 1].text[:1].isupper() and (
            doc[end - 1].ent_type_ == "PERSON" or doc[end - 1].text in person.name.split()):
        end -= 1  # the first name of a person read by surname alone
    return i, end, heads[-1]


def _title_token(token: Token, parsed: ParsedSegment, candidates: list[Candidate],
                 vocabulary: NameVocabulary) -> bool:
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL") or token.is_space:
        return False
    if token.lower_ in _CONNECTORS or token.lower_ in vocabulary.past_markers or _role_noun(token, vocabulary):
        return True
    owner = _candidate_at(token, parsed, candidates)
    if owner is not None:
        return owner.kind != "person"
    return token.is_alpha and token.text[:1].isupper()


def _may_open_title(token: Token, parsed: ParsedSegment, candidates: list[Candidate],
                    vocabulary: NameVocabulary) -> bool:
    """A title opens with an article, a past marker, a state or body, a role noun or a title's first word."""
    if token.lower_ in ("the", *vocabulary.past_markers) or _role_noun(token, vocabulary):
        return True
    owner = _candidate_at(token, parsed, candidates)
    if owner is not None and owner.kind in _AFFILIATION_KINDS:
        return True
    following = token.doc[token.i:token.i + 2]
    return token.text[:1].isupper() and len(following) == 2 and vocabulary.is_title(following.text)


def _title_in_apposition(name: SpacySpan, parsed: ParsedSegment, candidates: list[Candidate],
                         vocabulary: NameVocabulary) -> tuple[int, int, Token] | None:
    """"X, the former head of Y," or "the then-President of Z, X": a role noun in apposition."""
    for token in name:
        for child in token.children:
            if child.dep_ == "appos" and _role_noun(child, vocabulary) and not child.is_sent_start:
                start, end = _phrase(child, vocabulary)
                return start, end, child
    if name.root.dep_ != "appos":
        return None
    head = name.root.head
    for _ in range(3):  # "the President of Kyrgyzstan, X": X may hang off "Kyrgyzstan"
        if _role_noun(head, vocabulary) and head.i < name.start:
            start, end = _phrase(head, vocabulary)
            return start, min(end, name.start), head
        if head.dep_ not in ("pobj", "prep") or head.head is head:
            break
        head = head.head
    return None


def _phrase(head: Token, vocabulary: NameVocabulary) -> tuple[int, int]:
    """The noun phrase of a role noun: its modifiers and "of ..." complement, without clauses."""
    doc = head.doc
    start = head.i
    for child in sorted((c for c in head.lefts), key=lambda c: -c.i):
        if child.i == start - 1 or child.dep_ in ("det", "amod", "compound", "poss", "nmod", "advmod", "punct"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _PREPOSITIONS and child.i == end:
            end = child.right_edge.i + 1
    for i in range(head.i + 1, end):
        if doc[i].text in (",", ";", "(") or doc[i].dep_ in ("relcl", "appos"):
            end = i
            break
    return start, end


def _role_noun(token: Token, vocabulary: NameVocabulary) -> bool:
    """A singular role noun ("minister", "Pres."; not "ministers")."""
    return _role_word(token.lower_, vocabulary)


def _role_word(lower: str, vocabulary: NameVocabulary) -> bool:
    word = lower.rstrip(".")
    return word in vocabulary.role_nouns or word + "." in vocabulary.role_nouns


def _candidate_at(token: Token, parsed: ParsedSegment, candidates: list[Candidate]) -> Candidate | None:
    start = parsed.offset + token.idx
    for c in candidates:
        if c.start <= start < c.end:
            return c
    return None


def _titled(person: Candidate, parsed: ParsedSegment, phrase: SpacySpan, head: Token,
            candidates: list[Candidate], vocabulary: NameVocabulary) -> TitledPerson:
    affiliations = _affiliations(phrase, parsed, candidates)
    markers = {t.lower_ for t in phrase[:head.i - phrase.start + 1]} & vocabulary.past_markers
    words = [t for t in phrase if _candidate_at(t, parsed, affiliations) is None
             and t.lower_ not in vocabulary.past_markers and not (t.is_punct and t.text != ".")]
    # The title keeps the body it is the office of ("head of the customs committee"), not the state
    # named before it ("Turkish", "Georgia's").
    title_tokens = [t for t in phrase[head.i - phrase.start:] if not (t.is_punct and t.text != ".")]
    title_tokens = [t for t in phrase[:head.i - phrase.start] if t in words] + title_tokens
    while title_tokens and title_tokens[0].lower_ in _CONNECTORS:
        title_tokens.pop(0)
    while title_tokens and title_tokens[-1].lower_ in _CONNECTORS:
        title_tokens.pop()
    title = " ".join(t.text for t in title_tokens).replace(" - ", "-").strip()
    return TitledPerson(person, parsed.offset + phrase.start_char, parsed.offset + phrase.end_char,
                        title or head.text, _title_words(words, head), affiliations, bool(markers),
                        "then" in markers, parsed.offset + head.idx, phrase.text)


def _affiliations(phrase: SpacySpan, parsed: ParsedSegment, candidates: list[Candidate]) -> list[Candidate]:
    start, end = parsed.offset + phrase.start_char, parsed.offset + phrase.end_char
    return [c for c in candidates if start <= c.start and c.end <= end and c.kind != "person"
            and (c.kind in _AFFILIATION_KINDS or c.type in ("government", "organization"))]


def _title_words(tokens: list[Token], head: Token) -> list[str]:
    words = [t.lower_ for t in tokens if t.is_alpha or t.text.endswith(".")]
    return [w for w in words if w not in _CONNECTORS] or [head.lower_]


# ---------------------------------------------------------------- descriptions standing for a person

def describe_people(candidates: list[Candidate], parses: list[ParsedSegment], titled: list[TitledPerson],
                    vocabulary: NameVocabulary) -> list[Candidate]:
    """Mentions of people named by office alone ("the Georgian minister"), resolved to a titled person."""
    if not titled:
        return []
    found: list[Candidate] = []
    for entry in titled:
        mention = _title_mention(entry, candidates + found)
        if mention is not None:
            found.append(mention)
    taken = [(c.start, c.end) for c in candidates + found] + [(t.start, t.end) for t in titled]
    for parsed in parses:
        doc = parsed.doc
        for i, word in enumerate(token_strings(doc, "LOWER")):
            if word not in vocabulary.visitor_nouns and not _role_word(word, vocabulary):
                continue  # no description can have this head
            description = _description(doc[i], parsed, candidates, vocabulary)
            if description is None or any(s < description.end and description.start < e for s, e in taken):
                continue
            person = _referent(description, titled, vocabulary)
            if person is not None:
                found.append(Candidate(description.start, description.end, "ROLE", person.key, person.name,
                                       "person", "description", "person"))
                taken.append((description.start, description.end))
    return found


def _title_mention(entry: TitledPerson, candidates: list[Candidate]) -> Candidate | None:
    """The title attached to a name names the person too ("the Turkish Minister of Defence X")."""
    start, end = entry.start, entry.end
    for c in entry.affiliations:  # leave the state or body to its own mention
        if c.start <= start < c.end or c.end <= entry.head_start:
            start = max(start, c.end)
        else:
            end = min(end, c.start)
    while start < end:  # what the affiliation leaves: spaces, commas, a possessive "'s"
        rest = entry.text[start - entry.start:end - entry.start]
        step = 2 if rest[:2] in ("'s", "\u2019s") else 1 if rest[:1] in " \u00a0,'\u2019" else 0
        if step == 0:
            break
        start += step
    text = entry.text[start - entry.start:end - entry.start].rstrip(" ,")
    for connector in (" of the", " of", " for the", " for"):
        text = text.removesuffix(connector)
    end = start + len(text)
    if end <= start or any(c.start < end and start < c.end for c in candidates):
        return None
    person = entry.person
    return Candidate(start, end, "ROLE", person.key, person.name, "person", "description", "person")


def _description(head: Token, parsed: ParsedSegment, candidates: list[Candidate],
                 vocabulary: NameVocabulary) -> Description | None:
    visitor = head.lower_ in vocabulary.visitor_nouns and head.tag_ == "NN"
    if not (visitor or _role_noun(head, vocabulary)) or head.dep_ in ("compound", "appos"):
        return None
    if any(c.dep_ == "appos" for c in head.children):
        return None  # "the President of Kyrgyzstan, X": a title attached to a name
    start, end = _phrase(head, vocabulary)
    phrase = head.doc[start:end]
    owner = _candidate_at(head, parsed, candidates)
    if owner is not None or any(c.kind == "person" for c in _inside(phrase, parsed, candidates)):
        return None
    following = _candidate_at(head.doc[end], parsed, candidates) if end < len(head.doc) else None
    if following is not None and following.kind == "person":
        return None  # "Defence Minister X"
    affiliations = _affiliations(phrase, parsed, candidates)
    definite = any(t.lower_ in _DEFINITE and t.dep_ == "det" for t in phrase) or bool(affiliations)
    if not definite or any(t.lower_ in ("a", "an", "another", "some", "any", "every", "each") for t in phrase):
        return None
    if visitor and not affiliations:
        return None
    words = [t.lower_ for t in phrase[head.i - start:] if t.is_alpha or t.text.endswith(".")]
    words += [t.lower_ for t in phrase[:head.i - start] if (t.pos_ == "PROPN" or t.dep_ == "compound")
              and t.is_alpha and _candidate_at(t, parsed, affiliations) is None]
    words = [w for w in words if w not in _CONNECTORS and not _in_affiliation(w, affiliations)]
    start, end = _without_affiliations(phrase, head, parsed, affiliations)
    return Description(start, end, head.lower_, words, affiliations)


def _without_affiliations(phrase: SpacySpan, head: Token, parsed: ParsedSegment,
                          affiliations: list[Candidate]) -> tuple[int, int]:
    """The description's own words: "the Turkish guest" names the guest, "Turkish" names Turkey.

    The span leaves out the states and bodies before the head and the complement naming
    them after it, so that a description never contains another mention.
    """
    start = parsed.offset + phrase.start_char
    end = parsed.offset + phrase.end_char
    head_start = parsed.offset + head.idx
    for c in affiliations:
        if c.end <= head_start:
            start = max(start, c.end)
        else:
            end = min(end, c.start)
    text = doc_text(parsed.doc)
    while start < head_start and not text[start - parsed.offset].isalnum():
        start += 1
    while start < head_start and text[start - parsed.offset:start - parsed.offset + 2] in ("s ", "s\u00a0"):
        start += 2  # the "s" of a possessive "Turkey's"
    end = max(end, head_start + len(head))
    words = text[start - parsed.offset:end - parsed.offset].rstrip()
    for connector in (" of the", " of", " for the", " for", " at the", " at"):
        if words.endswith(connector) and len(words) > len(connector):
            words = words[:-len(connector)]
            break
    return start, start + len(words)


def _inside(phrase: SpacySpan, parsed: ParsedSegment, candidates: list[Candidate]) -> list[Candidate]:
    start, end = parsed.offset + phrase.start_char, parsed.offset + phrase.end_char
    return [c for c in candidates if c.start < end and start < c.end]


def _in_affiliation(word: str, affiliations: list[Candidate]) -> bool:
    return any(word in c.name.casefold().split() for c in affiliations)


def _referent(description: Description, titled: list[TitledPerson],
              vocabulary: NameVocabulary) -> Candidate | None:
    """The titled person a description names: same office and state, the nearest named before it."""
    scored: list[tuple[int, int, Candidate]] = []
    wanted = {_affiliation_key(c) for c in description.affiliations}
    visitor = description.head in vocabulary.visitor_nouns
    for entry in titled:
        keys = {_affiliation_key(c) for c in entry.affiliations}
        if (wanted or visitor) and not wanted & keys:
            continue  # "the KNB chief" is not the chief of something else
        if not visitor and not all(any(vocabulary.same_title_word(w, t) for t in entry.words)
                                   for w in description.words):
            continue
        score = 1 if wanted else 0
        before = entry.person.start < description.start
        distance = description.start - entry.person.start if before else 10**9 + entry.person.start
        scored.append((-score, distance, entry.person))
    if not scored:
        return None
    best = min(scored, key=lambda s: (s[0], s[1]))
    rivals = {s[2].key for s in scored if s[0] == best[0]}
    if best[1] >= 10**9 and len(rivals) > 1:
        return None  # named only after it, and not the only one who fits
    return best[2]


def _affiliation_key(candidate: Candidate) -> str:
    return candidate.key


# ---------------------------------------------------------------- roles with time

def roles_of(titled: list[TitledPerson], parses: list[ParsedSegment], doc_id: str,
             anchor: str | None) -> list[Role]:
    """One :class:`Role` per distinct (person, office, state or body) the document states, with its time."""
    roles: dict[tuple[str, str, str | None], Role] = {}
    for entry in titled:
        owner = _main_affiliation(entry.affiliations)
        stated = _sentence_time(entry, parses, anchor)
        if not entry.past:
            time, until = stated or anchor, None
        elif entry.at_the_time:
            time, until = stated, anchor
        else:  # "former": no longer held when the sentence speaks
            time, until = None, stated or anchor
        role = Role(doc_id, entry.person.key, entry.person.name, entry.title,
                    owner.name if owner else None, owner.key if owner else None,
                    time, until, not entry.past, (entry.start, entry.end))
        key = (role.person_key, role.title.casefold(), role.affiliation_key)
        roles.setdefault(key, role)
    return list(roles.values())


def _main_affiliation(affiliations: list[Candidate]) -> Candidate | None:
    bodies = [c for c in affiliations if c.kind == "organization" or c.type in ("government", "organization")]
    states = [c for c in affiliations if c not in bodies]
    chosen = bodies or states
    return chosen[0] if chosen else None


def _sentence_time(entry: TitledPerson, parses: list[ParsedSegment], anchor: str | None) -> str | None:
    """The first date the title's sentence states, resolved against the document's date."""
    parsed, span = _tokens_of(entry.person, parses)
    if span is None:
        return None
    for ent in span_ents(span.sent):
        if ent.label_ == "DATE":
            value = resolve_time(ent.text, anchor)
            if value is not None:
                return value.value
    return None
