"""Event candidates of one sentence: triggers whose argument constraints hold, with their fillers.

For every trigger of the ontology in the sentence: the arguments along the trigger
group's paths (resolved to canonical entities through the mentions), the group's
constraints ("arms_transfer needs a military item"), the factuality along the trigger's
scope. Events inside another event's phrase that does not assert them ("a ban on arms
exports", "an offer to sell jets") are absorbed into it and give it their parties.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.events.arguments import follow_path, governor, phrase_head, subject_of
from claimtrace.analyse.events.discourse import is_joint_reference
from claimtrace.analyse.events.timing import has_own_time
from claimtrace.analyse.events.fillers import Filler, MentionIndex, names_entity, resolve_filler
from claimtrace.analyse.events.triggers import Trigger, find_triggers, lemma_of
from claimtrace.analyse.factuality import Factuality, assess
from claimtrace.analyse.nlp import span_ents
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.ontology.events import Constraint, EventType
from claimtrace.ontology.hedges import HedgeLexicon

PARTY_ROLES = ("agent", "recipient")
ENTITY_ROLES = ("agent", "recipient", "location", "via", "broker")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "into", "to", "through", "via", "across"})
_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "parataxis"})
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "conj", "poss", "appos"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "of", "for", "over", "regarding", "concerning"})


@dataclass(slots=True)
class Candidate:
    """One trigger whose constraints hold, with its role fillers (several per coordinated role)."""

    trigger: Trigger
    fillers: dict[str, list[Filler]]
    tokens: dict[str, list[Token]]
    amount: str | None
    factuality: Factuality


def phrase_lemmas(token: Token, depth: int = 0) -> set[str]:
    """Lemmas of a phrase's head, its modifiers, coordinated members and "of" complement."""
    lemmas = {lemma_of(token), token.lower_}
    if depth > 3:
        return lemmas
    for child in token.children:
        if child.dep_ in _PHRASE_DEPS:
            lemmas |= phrase_lemmas(child, depth + 1)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "on", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    lemmas |= phrase_lemmas(pobj, depth + 1)
    for part in token.text.lower().split("-"):
        lemmas.add(part)
    return lemmas


def clause_tokens(token: Token) -> list[Token]:
    """The token and its dependents, without embedded clauses."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSES:
            found += clause_tokens(child)
    return found


def _satisfied(constraint: Constraint, tokens: list[Token], fillers: list[Filler],
               event_type: EventType, expanded: bool = False) -> bool:
    if constraint.kind == "entity":
        return any(constraint.value == "any" or f.entity_type == constraint.value or
                   (constraint.value == "government" and f.entity_type == "place") for f in fillers)
    lexicon = event_type.lexicon(constraint.value)
    if constraint.kind == "not_lexicon":
        return not any({lemma_of(t), t.lower_} & lexicon for t in tokens)
    if expanded:  # the tokens are already whole phrases
        return any(({lemma_of(t), t.lower_} | set(t.lower_.split("-"))) & lexicon for t in tokens)
    return any(phrase_lemmas(t) & lexicon for t in tokens)


def _context_tokens(trigger: Trigger, tokens: dict[str, list[Token]]) -> list[Token]:
    verb = governor(trigger.token)
    context = [*clause_tokens(trigger.token), *(t for found in tokens.values() for t in found)]
    return context + ([verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubj"))] if verb is not None else [])


def _topic_tokens(trigger: Trigger, tokens: dict[str, list[Token]]) -> list[Token]:
    """What the event is about: the trigger's clause and its non-party fillers, without the parties' phrases.

    A party's title or name says nothing about what the event is about: "the Defence
    Minister held talks" is not a talk about arms, "help from the defence pact" not a
    request for weapons.
    """
    verb = governor(trigger.token)
    aside = [t for role in (*PARTY_ROLES, "broker") for t in tokens.get(role, [])]
    for head in (trigger.token, verb):
        if head is not None:  # subjects, and phrases that name a party or a place, not a topic
            aside += [c for c in head.children if c.dep_ in _SUBJECTS or
                      c.dep_ in ("prep", "agent", "dative") and c.lower_ not in _TOPIC_PREPOSITIONS]
    own = {trigger.token.i, *(t.i for t in trigger.token.ancestors)}
    excluded = {t.i for party in aside if party.i not in own for t in party.subtree}
    heads = [trigger.token, *(t for role, found in tokens.items() if role not in (*PARTY_ROLES, "broker")
                              for t in found)]
    if verb is not None:
        heads += [c for c in verb.children if c.dep_ == "dobj"]
    return [t for head in heads for t in clause_tokens(head) if t.i not in excluded]


def _constraint_tokens(role: str, trigger: Trigger, tokens: dict[str, list[Token]]) -> list[Token]:
    if role == "trigger":
        return clause_tokens(trigger.token)
    if role == "context":
        return _context_tokens(trigger, tokens)
    if role == "topic":
        return _topic_tokens(trigger, tokens)
    if role == "parties":
        return [t for role_ in PARTY_ROLES for t in tokens.get(role_, [])]
    if role == "complement":
        return [c for c in trigger.token.children if c.dep_ in ("oprd", "attr", "acomp", "xcomp")]
    return tokens.get(role, [])


def _constraint_fillers(role: str, fillers: dict[str, list[Filler]]) -> list[Filler]:
    if role in ("context", "topic", "parties"):
        return [f for role_ in PARTY_ROLES for f in fillers.get(role_, [])]
    return fillers.get(role, [])


def _fill_roles(trigger: Trigger, offset: int, index: MentionIndex) -> tuple[dict[str, list[Token]],
                                                                           dict[str, list[Filler]]]:
    tokens: dict[str, list[Token]] = {}
    fillers: dict[str, list[Filler]] = {}
    is_entity = lambda token: names_entity(token, offset, index)  # noqa: E731
    used: set[int] = {trigger.token.i}
    for role, paths in trigger.group.roles.items():
        for path in paths:
            found = [t for t in follow_path(trigger.token, path, is_entity) if t.i not in used]
            if not found:
                continue
            place = path.startswith("prep:") and bool(set(path[5:].split("#")[0].split("|")) & _PLACE_PREPOSITIONS)
            resolved = [f for f in (resolve_filler(t, offset, index, prefer_place=place) for t in found)
                        if f is not None]
            if role in ENTITY_ROLES and not resolved:
                continue  # a party must name an entity; try the next path
            tokens[role] = found
            fillers[role] = resolved
            used |= {t.i for t in found}
            break
    return tokens, fillers


def _money(trigger: Token) -> str | None:
    """The amount attached to a spending trigger: the nearest MONEY entity, with a stated conversion."""
    sentence = trigger.sent
    money = [e for e in span_ents(sentence) if e.label_ == "MONEY"]
    if not money:
        return None
    first = min(money, key=lambda e: abs(e.start - trigger.i))
    text = first.text
    doc = sentence.doc
    after = first.end
    if after < len(doc) and doc[after].text == "(":
        inner = [e for e in money if e.start == after + 1 or e.start == after + 2]
        if inner and inner[0].end < len(doc) and doc[inner[0].end].text == ")":
            text = doc[first.start:inner[0].end + 1].text
    return text


def _candidate(trigger: Trigger, parsed: ParsedSegment, index: MentionIndex,
               hedges: HedgeLexicon) -> Candidate | None:
    tokens, fillers = _fill_roles(trigger, parsed.offset, index)
    for role, constraints in trigger.group.requires.items():
        role_tokens = _constraint_tokens(role, trigger, tokens)
        role_fillers = _constraint_fillers(role, fillers)
        checks = [(c, _satisfied(c, role_tokens, role_fillers, trigger.event_type, role == "topic"))
                  for c in constraints]
        positive = [ok for c, ok in checks if c.kind != "not_lexicon"]
        if positive and not any(positive) or not all(ok for c, ok in checks if c.kind == "not_lexicon"):
            return None  # none of the wanted words or kinds, or a forbidden one
    amount = _money(trigger.token) if "amount" in trigger.group.roles else None
    factuality = assess(trigger.token, hedges, trigger.event_type.failure_negates)
    if not factuality.asserted:
        return None
    return Candidate(trigger, fillers, tokens, amount, factuality)


def _absorber(candidate: Candidate, others: list[Candidate]) -> Candidate | None:
    """The event whose phrase holds this one without asserting it ("a ban on arms exports")."""
    if candidate.factuality.polarity == "negative":
        return None
    token = candidate.trigger.token
    for other in others:
        if candidate.trigger.event_type.name not in other.trigger.event_type.absorbs:
            continue
        if other.trigger.token.i != token.i and other.trigger.token in token.ancestors:
            return other
    return None


def _absorb(outer: Candidate, inner: Candidate) -> None:
    """The outer event takes the parties the inner one names ("an offer to sell jets to Peru")."""
    for role in ("agent", "recipient", "item"):
        if role in inner.fillers and inner.fillers[role] and not outer.fillers.get(role):
            outer.fillers[role] = inner.fillers[role]
            outer.tokens[role] = inner.tokens[role]


def sentence_candidates(sentence: SpacySpan, parsed: ParsedSegment, index: MentionIndex,
                        event_types: dict[str, EventType], hedges: HedgeLexicon) -> list[Candidate]:
    """Triggers of the sentence whose constraints hold; one trigger group per (word, type)."""
    found: list[Candidate] = []
    seen: set[tuple[int, str]] = set()
    for trigger in find_triggers(sentence, event_types):
        key = (trigger.token.i, trigger.event_type.name)
        if key in seen:
            continue
        candidate = _candidate(trigger, parsed, index, hedges)
        if candidate is not None:
            seen.add(key)
            found.append(candidate)
    kept = []
    for candidate in found:
        outer = _absorber(candidate, found)
        if outer is None:
            kept.append(candidate)
        else:
            _absorb(outer, candidate)
    return [c for c in kept if not is_bare_mention(c)]


def is_bare_mention(candidate: Candidate) -> bool:
    """A noun that names an event without party, place, amount or time of its own: a generic or
    anaphoric mention ("any attempt to provoke unrest", "the arms export suspension"), not a claim.

    A noun that is the subject of an occurrence predicate is predicated all the same
    ("the sale did not happen", "the deal fell through").
    """
    trigger = candidate.trigger
    if trigger.group.pos != "noun" or candidate.amount:
        return False
    if any(candidate.fillers.get(role) for role in ENTITY_ROLES):
        return False
    subject = subject_of(trigger.token)
    if subject is not None and is_joint_reference(subject):
        return False  # "the two countries signed an agreement": the parties are named before
    head = phrase_head(trigger.token)
    occurrence = trigger.event_type.lexicon("occurrence_predicates")
    if head.dep_ in _SUBJECTS and lemma_of(head.head) in occurrence:
        return False
    return not has_own_time(trigger.token)


def evidence_span(sentence: SpacySpan, trigger: Token, offset: int, text: str) -> tuple[int, int]:
    """The sentence, cut at line breaks around the trigger, stripped of surrounding blanks."""
    start, end = offset + sentence.start_char, offset + sentence.end_char
    at = offset + trigger.idx
    line_start = text.rfind("\n", start, at)
    start = line_start + 1 if line_start >= 0 else start
    line_end = text.find("\n", at, end)
    end = line_end if line_end >= 0 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
