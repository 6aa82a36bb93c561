"""Stage ``event_claims``: from candidates to :class:`~claimtrace.model.EventClaim` records.

Requires the parses, ``document.mentions`` and ``document.attributions``; assigns
``document.event_claims``. The source of a claim is the innermost attribution whose
content holds the trigger (a denial flips the polarity), else the author; the time is
read against the comment's date, else the document's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from itertools import product

from spacy.tokens import Token

from claimtrace.analyse.events.claims import Candidate, evidence_span, sentence_candidates
from claimtrace.analyse.events.coreference import Statement, merge_repeated
from claimtrace.analyse.events.arguments import subject_of
from claimtrace.analyse.events.discourse import DiscourseContext, is_joint_reference, latest_pair
from claimtrace.analyse.events.fillers import Filler, MentionIndex
from claimtrace.analyse.events.timing import event_time
from claimtrace.analyse.events.voice import voice_of
from claimtrace.analyse.pipeline import Analysis, ParsedSegment
from claimtrace.model import Attribution, Document, EventClaim
from claimtrace.ontology.events import load_event_types
from claimtrace.ontology.hedges import load_hedges
from claimtrace.knowledge.gazetteer import Gazetteer
from claimtrace.read.dates import estimate_date

PARTY_ROLES = ("agent", "recipient")


def find_event_claims(analysis: Analysis) -> Analysis:
    """Fill ``analysis.document.event_claims`` from every analysed sentence."""
    document = analysis.document
    event_types = load_event_types()
    hedges = load_hedges()
    index = MentionIndex(document.mentions, document.attributions)
    claims: list[EventClaim] = []
    how: dict[int, Statement] = {}  # id(claim) -> how it was stated
    context = DiscourseContext.of(document.mentions)
    source_keys = _source_keys(document.attributions)
    doc_id = document.id  # a hash of the whole text: taken once, not per claim
    for parsed, sentence in analysis.sentences():
        for candidate in sentence_candidates(sentence, parsed, index, event_types, hedges):
            found = claims_of(candidate, parsed, document, index, doc_id)
            for claim in found:
                _parties_from_discourse(claim, candidate, parsed.offset, context, claims, index)
            for claim in found:
                claims.append(claim)
                how[id(claim)] = _statement(claim, candidate, source_keys)
    for claim in claims:
        _places_as_states(claim, event_types[claim.type].state_roles, analysis.resources.gazetteer)
    merged = merge_claims(fill_implicit_parties(claims))
    document.event_claims = merge_repeated([how[id(c)] for c in merged], event_types)
    return analysis


def _parties_from_discourse(claim: EventClaim, candidate: Candidate, offset: int, context: DiscourseContext,
                            earlier: list[EventClaim], index: MentionIndex) -> None:
    """Parties the sentence leaves to the discourse: "the parties" of the event just named, an unsaid
    destination that is the country the passage is about."""
    subject = subject_of(candidate.trigger.token)
    if claim.agent is None and claim.recipient is None and subject is not None and is_joint_reference(subject):
        for previous in latest_pair(earlier, claim.evidence[0]):
            for role in PARTY_ROLES:
                claim.arguments[role] = previous.arguments[role]
                if role in previous.argument_keys:
                    claim.argument_keys[role] = previous.argument_keys[role]
    event_type = candidate.trigger.event_type
    unsaid = [role for role in event_type.topic_roles if not claim.arguments.get(role)]
    if not unsaid or claim.agent is None:
        return
    excluded = set(claim.argument_keys.values())
    for head in candidate.tokens.get("agent", []):  # "Russia's forces": Russia sends, it is not the destination
        phrase = sorted(t.idx for t in head.subtree)
        excluded |= {m.entity_key for m in index.within(offset + phrase[0], offset + phrase[-1] + 20)}
    topic = context.topic_country(claim.trigger[0], excluded)
    if topic is not None:
        for role in unsaid:
            claim.arguments[role], claim.argument_keys[role] = topic.entity_name, topic.entity_key


def _places_as_states(claim: EventClaim, roles: frozenset[str], gazetteer: Gazetteer) -> None:
    """A city in a role an authority fills stands for its state: a court in Lima is Peru's court."""
    for role in roles:
        key = claim.argument_keys.get(role, "")
        if not key.startswith("place:"):
            continue
        city = gazetteer.city_of(claim.arguments[role])
        state = gazetteer.country(city.country) if city is not None and city.country else None
        if state is not None:
            claim.arguments[role], claim.argument_keys[role] = state.name, state.key


def _source_keys(attributions: list[Attribution]) -> dict[str, str]:
    """Attribution id -> its source's entity key (the last one stated for an id), worked out once per
    document: an attribution's id is a hash, computed afresh on every read."""
    return {attribution.id: attribution.source_key for attribution in attributions if attribution.source_key}


def _statement(claim: EventClaim, candidate: Candidate, source_keys: Mapping[str, str]) -> Statement:
    source = claim.source
    if claim.source_type == "unnamed":
        source = f"{claim.source} {claim.attribution_id}"  # two anonymous sources are not the same one
    if claim.attribution_id is not None and claim.attribution_id in source_keys:
        source = source_keys[claim.attribution_id]
    trigger = candidate.trigger
    return Statement(claim, source.lower(), {trigger.token.lemma_.lower()}, trigger.group.pos == "noun",
                     claim.time_text is not None)


def fill_implicit_parties(claims: list[EventClaim]) -> list[EventClaim]:
    """Fill a party the sentence leaves implicit from the document's other claims of the same event type.

    "There were no sales to Chile" after "Peru sold tanks to Chile": when every claim of the type
    that names the known party names one and the same other party, the missing one is that party.
    """
    # claims naming one party first: once completed, they count for the claims naming none
    for claim in sorted(claims, key=lambda c: c.agent is None and c.recipient is None):
        agent, recipient = claim.agent, claim.recipient
        if agent and recipient:
            continue
        others = [c for c in claims if c.type == claim.type and c is not claim and c.agent and c.recipient]
        if agent or recipient:
            known, missing = ("agent", "recipient") if agent else ("recipient", "agent")
            values = {c.arguments[missing] for c in others if c.arguments[known] == claim.arguments[known]}
            if len(values) == 1:
                _set_party(claim, missing, values.pop(), others)
        else:
            pairs = {(c.arguments["agent"], c.arguments["recipient"]) for c in others}
            if len(pairs) == 1 and len(others) >= 2:  # one event the whole document is about
                pair = pairs.pop()
                _set_party(claim, "agent", pair[0], others)
                _set_party(claim, "recipient", pair[1], others)
    return claims


def _set_party(claim: EventClaim, role: str, name: str, others: list[EventClaim]) -> None:
    claim.arguments[role] = name
    for other in others:
        if other.arguments.get(role) == name and role in other.argument_keys:
            claim.argument_keys[role] = other.argument_keys[role]
            break


def innermost_attribution(attributions: list[Attribution], offset: int) -> Attribution | None:
    inside = [a for a in attributions if a.content[0] <= offset < a.content[1]]
    return min(inside, key=lambda a: a.content[1] - a.content[0]) if inside else None


def _anchor(parsed: ParsedSegment, document: Document) -> str | None:
    """The date relative times are resolved against: the comment's, the document's, else an estimate."""
    return parsed.segment.published or document.published or _estimated_date(document.text)


@functools.lru_cache(maxsize=8)
def _estimated_date(text: str) -> str | None:
    return estimate_date(text)


def _party_choices(candidate: Candidate) -> list[dict[str, Filler | None]]:
    """One assignment of agent and recipient per combination of coordinated members."""
    options: list[list[Filler | None]] = [list(candidate.fillers.get(role, [])) or [None] for role in PARTY_ROLES]
    if candidate.trigger.event_type.symmetric and len(options[0]) > 1 and options[1] == [None]:
        options = [options[0][:1], options[0][1:]]  # "X and Y signed an agreement": X with Y
    choices: list[dict[str, Filler | None]] = []
    for agent, recipient in product(*options):
        if agent is not None and recipient is not None and agent.name == recipient.name:
            continue
        choices.append({"agent": agent, "recipient": recipient})
    return choices or [{"agent": None, "recipient": None}]


def claims_of(candidate: Candidate, parsed: ParsedSegment, document: Document,
              index: MentionIndex, doc_id: str | None = None) -> list[EventClaim]:
    trigger = candidate.trigger
    offset = parsed.offset
    trigger_start = offset + trigger.token.idx
    doc_id = doc_id or document.id
    source, source_type, attribution = voice_of(innermost_attribution(document.attributions, trigger_start),
                                                parsed, trigger.token, load_hedges().reported_nouns)
    polarity = candidate.factuality.polarity
    if attribution is not None and attribution.polarity == "negative":
        polarity = "negative" if polarity == "positive" else "positive"
    time, time_text = event_time(trigger.token, _anchor(parsed, document))
    evidence = evidence_span(trigger.token.sent, trigger.token, offset, document.text)
    trigger_doc = trigger.token.doc
    trigger_span = (offset + trigger_doc[trigger.start].idx,
                    offset + trigger_doc[trigger.end - 1].idx + len(trigger_doc[trigger.end - 1].text))
    others = {role: fillers[0] for role, fillers in candidate.fillers.items()
              if role not in (*PARTY_ROLES, "item") and fillers}  # an item is a thing, not the entity in its phrase
    claims = []
    for parties in _party_choices(candidate):
        arguments = {role: f.name for role, f in parties.items() if f is not None}
        keys = {role: f.key for role, f in parties.items() if f is not None and f.key}
        arguments |= {role: f.name for role, f in others.items()}
        keys |= {role: f.key for role, f in others.items() if f.key}
        for role, tokens in candidate.tokens.items():
            if role not in arguments and role not in PARTY_ROLES and tokens:
                arguments[role] = _phrase_text(tokens[0], load_hedges().negation_determiners)
        if candidate.amount:
            arguments["amount"] = candidate.amount
        claims.append(EventClaim(
            doc_id=doc_id, type=trigger.event_type.name, evidence=evidence, trigger=trigger_span,
            source=source, source_type=source_type,
            polarity=polarity, certainty=candidate.factuality.certainty,
            arguments=arguments, argument_keys=keys,
            time=time.value if time else None, time_end=time.end if time else None, time_text=time_text,
            attribution_id=attribution.id if attribution else None, segment_id=parsed.segment.id))
    return claims


def _phrase_text(head: Token, negators: frozenset[str]) -> str:
    """A non-party argument as written: the head with what precedes it in its phrase ("12 Caesar
    howitzers"), without the clauses and prepositions that follow it, and without a negative
    determiner, which the claim's polarity states ("no tanks" -> "tanks")."""
    return " ".join(t.text for t in head.subtree if t.i <= head.i and not t.is_punct and
                    not (t.dep_ in ("det", "preconj") and t.lower_ in negators))[:120]


def _compatible(a: EventClaim, b: EventClaim) -> bool:
    return all(a.arguments.get(r) is None or b.arguments.get(r) is None or a.arguments[r] == b.arguments[r]
               for r in PARTY_ROLES)


def merge_claims(claims: list[EventClaim]) -> list[EventClaim]:
    """One claim per (evidence, type, source, polarity) and compatible parties; fillers are pooled."""
    merged: list[EventClaim] = []
    for claim in claims:
        for kept in merged:
            same = (kept.evidence, kept.type, kept.source, kept.polarity) == (
                claim.evidence, claim.type, claim.source, claim.polarity)
            if same and _compatible(kept, claim):
                for role, value in claim.arguments.items():
                    kept.arguments.setdefault(role, value)
                for role, value in claim.argument_keys.items():
                    kept.argument_keys.setdefault(role, value)
                if kept.time is None and claim.time is not None:
                    kept.time, kept.time_end, kept.time_text = claim.time, claim.time_end, claim.time_text
                if _rank(claim.certainty) < _rank(kept.certainty):  # an unhedged statement asserts it
                    kept.certainty = claim.certainty
                break
        else:
            merged.append(claim)
    return merged


def _rank(certainty: str) -> int:
    return {"certain": 0, "probable": 1, "possible": 2}[certainty]
