"""Mentions settled within one document: overlaps, people, acronyms, short names of bodies.

The entity stage (:mod:`claimtrace.analyse.entities`) proposes :class:`Candidate`
mentions from the gazetteer and from spaCy; this module keeps the non-overlapping
ones and resolves them against each other: a surname ("Kurbanov", "Mr. Kurbanov")
to the full name met in the document, a name spaCy labelled ORG or GPE to the
person it is, an acronym defined in parentheses to the body it abbreviates, and a
bare head ("the Ministry") to the body with that head named before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from claimtrace.analyse.nlp import token_strings
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.knowledge.gazetteer import normalise_form
from claimtrace.knowledge.names import NameVocabulary, clean_name, organization_key, person_key
from claimtrace.model import EntityType

_PLACE_KINDS = frozenset({"country", "demonym", "capital", "city", "region", "seat", "people"})

# Generic heads that a later short mention ("the Ministry") uses for the body named before.
_GENERIC_HEADS = frozenset({"ministry", "agency", "committee", "council", "commission", "department",
                            "service", "bureau", "office", "government", "company", "corporation",
                            "organisation", "organization", "party", "court", "parliament", "embassy"})

# Heads that a text may use for whichever official body it has just named ("the Agency" for a ministry).
_OFFICE_HEADS = frozenset({"agency", "department", "office", "service", "bureau", "authority"})


@dataclass(slots=True)
class Candidate:
    """A possible mention, before overlaps are settled and names resolved in the document."""

    start: int
    end: int
    label: str
    key: str
    name: str
    type: EntityType
    source: str  # "gazetteer" or "ner"
    kind: str = ""  # gazetteer kind, or "person"/"organization"/"place"/"group"

    @property
    def length(self) -> int:
        return self.end - self.start

    def contains(self, other: Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end


# ---------------------------------------------------------------- overlaps

def settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: a named body or person beats a place inside it, else the gazetteer wins."""
    def rank(c: Candidate) -> tuple[int, int]:
        wraps_place = c.source == "ner" and c.kind in ("organization", "person") and any(
            o is not c and o.source == "gazetteer" and o.kind in _PLACE_KINDS and c.contains(o)
            and o.length < c.length for o in candidates)
        return (0 if wraps_place else 1 if c.source == "gazetteer" else 2, -c.length)

    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=rank):
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


# ---------------------------------------------------------------- people in the document

def resolve_people(candidates: list[Candidate], parses: list[ParsedSegment], text: str) -> list[Candidate]:
    """Surnames resolve to the full name in the document; names spaCy mislabelled become people."""
    known = {c.name for c in candidates if c.kind == "person"}
    known_surnames = {_surname(n) for n in known if not _short_name(n)}
    relabelled = [_as_person(c, text, known) if _mislabelled_person(c, text, known, known_surnames) else c
                  for c in candidates]
    surnames: dict[str, list[Candidate]] = {}
    for person in relabelled:
        if person.kind == "person" and not _short_name(person.name):
            surnames.setdefault(_surname(person.name), []).append(person)
    out: list[Candidate] = []
    for c in relabelled:
        if c.kind == "person" and _short_name(c.name) and _surname(c.name) in surnames:
            full = _nearest(surnames[_surname(c.name)], c.start)
            c = replace(c, key=full.key, name=full.name)
        out.append(c)
    out += _missed_surnames(out, parses, surnames)
    return sorted(out, key=lambda c: c.start)


def _mislabelled_person(c: Candidate, text: str, known: set[str], known_surnames: set[str]) -> bool:
    """An ORG/GPE/NORP entity that is the name or surname of a person of the document."""
    if c.kind == "person" or c.type == "media":
        return False
    name = clean_name(text[c.start:c.end])
    if c.source == "gazetteer":  # "Jordan" where "Michael Jordan" was named
        return c.kind in ("country", "capital", "city") and name in known_surnames and name not in known
    if c.kind not in ("organization", "place", "group") or not name[:1].isupper():
        return False
    vocabulary = NameVocabulary.load()
    if any(vocabulary.is_title(w) or w.casefold() in vocabulary.organization_words
           or w.casefold() in vocabulary.government_heads or w.casefold() in vocabulary.government_words
           for w in name.split()):
        return False
    if name in known or _surname(name) in known_surnames:
        return True
    if 2 <= len(name.split()) <= 3 and _surname(name) in known and all(w[:1].isupper() for w in name.split()):
        return True  # "Kassym-Jomart Tokayev" tagged ORG where "Tokayev" is a PERSON
    return " " not in name and len(name) >= 6 and _misspelt_surname(name, known) is not None


def _misspelt_surname(name: str, known: set[str]) -> str | None:
    """The known surname a single word misspells ("Erodgan" for "Erdogan"), if any."""
    surnames = [_surname(n) for n in known if len(_surname(n)) >= 5 and _surname(n)[0] == name[0]]
    best = process.extractOne(name, surnames, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else None


def _as_person(c: Candidate, text: str, known: set[str]) -> Candidate:
    name = clean_name(text[c.start:c.end])
    if " " not in name and name not in known:
        name = _misspelt_surname(name, known) or name
    return replace(c, label="PERSON", kind="person", type="person", key=person_key(name), name=name,
                   source="ner")


def _short_name(name: str) -> bool:
    """A surname alone or after initials ("Putin", "P. Putin"): not a full name."""
    words = name.split()
    return all(len(w.rstrip(".")) <= 1 for w in words[:-1])


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _nearest(people: list[Candidate], start: int) -> Candidate:
    before = [p for p in people if p.start <= start]
    return max(before, key=lambda p: p.start) if before else min(people, key=lambda p: p.start)


def _missed_surnames(candidates: list[Candidate], parses: list[ParsedSegment],
                     surnames: dict[str, list[Candidate]]) -> list[Candidate]:
    """Surnames (and one-word names) of people met in the document that spaCy left untagged."""
    taken = [(c.start, c.end) for c in candidates]
    singles = {c.name: c for c in candidates if c.kind == "person" and " " not in c.name and len(c.name) >= 5}
    found = []
    for parsed in parses:
        doc = parsed.doc
        for i, text in enumerate(token_strings(doc, "ORTH")):
            if text not in singles and text not in surnames:
                continue  # most tokens: none of the names
            token = doc[i]
            if token.text in singles and token.text not in surnames and token.pos_ == "PROPN":
                start = parsed.offset + token.idx
                if not any(s < start + len(token) and start < e for s, e in taken):
                    single = singles[token.text]
                    found.append(replace(single, start=start, end=start + len(token), source="ner"))
                continue
            if token.text not in surnames or not token.text[:1].isupper():
                continue
            start = parsed.offset + token.idx
            end = start + len(token)
            if any(s < end and start < e for s, e in taken):
                continue
            full = _nearest(surnames[token.text], start)
            found.append(Candidate(start, end, "PERSON", full.key, full.name, "person", "ner", "person"))
    return found


# ---------------------------------------------------------------- organisations in the document

_DEFINED_ACRONYM = re.compile(r"\s\(([A-Z][A-Za-z0-9&]{1,9})\)")
_NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_NOT_IN_NAME = frozenset({"The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "After", "Before",
                          "January", "February", "March", "April", "May", "June", "July", "August",
                          "September", "October", "November", "December", "Monday", "Tuesday",
                          "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _names_before_acronyms(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Bodies spaCy missed but the text defines: capitalised words before "(ACRONYM)"."""
    out = list(candidates)
    for match in _DEFINED_ACRONYM.finditer(text):
        start = end = match.start()
        for word in reversed(list(re.finditer(r"[\w'&.-]+", text[max(0, end - 120):end]))):
            token, gap = word.group(), text[max(0, end - 120) + word.end():start]
            if gap.strip() or token in _NOT_IN_NAME or not (token[:1].isupper() or token in _NAME_CONNECTORS):
                break
            start = max(0, end - 120) + word.start()
        while start < end and text[start:end].split()[0] in _NAME_CONNECTORS:
            start += len(text[start:end].split()[0]) + 1
        words = text[start:end].split()
        if len(words) < 2 or any(c.start == start and c.end == end for c in out):
            continue
        inside = [c for c in out if c.start < end and start < c.end]
        if any(c.kind == "person" or c.start < start or c.end > end or c.source == "ner" for c in inside):
            continue
        name = clean_name(text[start:end])
        kind = NameVocabulary.load().classify_organization(name)
        out = [c for c in out if c not in inside]
        out.append(Candidate(start, end, "ORG", organization_key(name), name, kind, "ner", "organization"))
    return sorted(out, key=lambda c: c.start)


def link_acronyms(candidates: list[Candidate], text: str) -> list[Candidate]:
    """An acronym defined in parentheses ("Turkish Aerospace Industries (TUSAS)") takes the name's key."""
    candidates = _names_before_acronyms(candidates, text)
    defined: dict[str, Candidate] = {}
    by_start = {c.start: c for c in candidates}
    for c in candidates:
        if c.kind not in ("organization",) and c.type not in ("government", "organization", "media"):
            continue
        match = re.match(r"\s*\(([A-Z][A-Z0-9&]{1,9})\)", text[c.end:c.end + 14])
        if match and len(c.name.split()) >= 2:
            defined.setdefault(match.group(1), c)
    if not defined:
        return candidates
    out = [c for c in candidates]
    covered = {(c.start, c.end) for c in candidates}
    for acronym, full in defined.items():
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            span = (match.start(), match.end())
            existing = by_start.get(span[0])
            if existing is not None and existing.end == span[1]:
                out[out.index(existing)] = replace(existing, key=full.key, name=full.name, type=full.type,
                                                   label="ORG", kind="organization")
            elif not any(s < span[1] and span[0] < e for s, e in covered):
                out.append(Candidate(*span, "ORG", full.key, full.name, full.type, "ner", "organization"))
    return sorted(out, key=lambda c: c.start)


def resolve_generic_organizations(candidates: list[Candidate], document: str) -> list[Candidate]:
    """A bare head ("the Ministry") names the last body with that head named before it.

    With none before it, its key is scoped to the document: two documents' "Agency" are not one.
    """
    bodies = [c for c in candidates if c.kind == "organization" and c.source == "ner"]
    out: list[Candidate] = []
    for c in candidates:
        words = normalise_form(c.name).split()
        longer = [o for o in bodies if c.kind == "organization" and len(words) >= 3
                  and normalise_form(o.name).startswith(" ".join(words) + " and ")]
        if longer:  # "Ministry of Industry" for "Ministry of Industry and Trade"
            c = replace(c, key=longer[0].key, name=longer[0].name, type=longer[0].type)
        elif c.kind == "organization" and len(words) == 1 and words[0] in _GENERIC_HEADS:
            earlier = [o for o in out if o.kind == "organization" and len(o.name.split()) > 1
                       and words[0] in normalise_form(o.name).split()]
            official = [o for o in out if o.type == "government" and o.kind == "organization"
                        and len(o.name.split()) > 1]
            if earlier:
                c = replace(c, key=earlier[-1].key, name=earlier[-1].name, type=earlier[-1].type)
            elif words[0] in _OFFICE_HEADS and official:  # "the Agency": the official body most named so far
                named = Counter(o.key for o in official)
                body = max(reversed(official), key=lambda o: named[o.key])
                c = replace(c, key=body.key, name=body.name, type=body.type)
            else:
                c = replace(c, key=f"{c.key}@{document}")
        out.append(c)
    return out


def describe_bodies(candidates: list[Candidate], parses: list[ParsedSegment]) -> list[Candidate]:
    """Lower-case descriptions of a body named in the document: "the security committee", "the ministry".

    Every word of the description must be a word of the body's name; the body named
    last before it wins, else the only one named after it.
    """
    bodies = [c for c in candidates if c.kind == "organization" and len(c.name.split()) > 1]
    taken = [(c.start, c.end) for c in candidates]
    found: list[Candidate] = []
    for parsed in parses:
        doc = parsed.doc
        for i, text in enumerate(token_strings(doc, "ORTH")):
            if text not in _GENERIC_HEADS:
                continue
            head = doc[i]
            if head.dep_ == "compound" or head.tag_ != "NN":
                continue
            words = [t for t in head.lefts if t.dep_ in ("compound", "amod") and t.is_alpha]
            det = [t for t in head.lefts if t.dep_ == "det"]
            if not det or det[0].lower_ != "the" or any(t.text[:1].isupper() for t in words):
                continue
            start, end = parsed.offset + det[0].idx, parsed.offset + head.idx + len(head)
            wanted = {head.lower_, *(t.lower_ for t in words)}
            fitting = [b for b in bodies if wanted <= set(normalise_form(b.name).split())]
            before = [b for b in fitting if b.end <= start]
            after = {b.key: b for b in fitting if b.start >= end}
            body = before[-1] if before else next(iter(after.values())) if len(after) == 1 else None
            if body is None or any(s < end and start < e for s, e in taken):
                continue
            found.append(Candidate(start, end, "ORG", body.key, body.name, body.type, "description",
                                   "organization"))
            taken.append((start, end))
    return found


# ---------------------------------------------------------------- government bodies and their state

_STATE_KINDS = frozenset({"country", "demonym"})
_POSSESSIVE_GAP = re.compile(r"^\s*(?:['’]s\s+)?(?:the\s+)?$|^\s*['’]\s+$")
_OWNER_GAP = re.compile(r"^\s+of\s+(?:the\s+)?(?:(?:republic|kingdom|state|federation)\s+of\s+)?$", re.IGNORECASE)


def qualify_government_bodies(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Give every government body named without a state the state it belongs to.

    Every state has a "Ministry of Defence"; across documents two of them are one
    body only when they belong to the same state. The state is the one written
    right before the body ("Kazakhstan's Ministry of Defence", "the Kazakh
    Foreign Ministry") for any of the body's mentions, else the state the
    document names most. The key gets it as a suffix ("org:ministry of defence@kz").
    """
    states = [c for c in candidates if c.kind in _STATE_KINDS and c.key.startswith("country:")]
    if not states:
        return candidates
    dominant = Counter(c.key for c in states).most_common(1)[0][0]
    bodies = {c.key for c in candidates if _unqualified_body(c)}
    written: dict[str, Counter[str]] = {}
    for body in candidates:
        if body.key in bodies:
            owner = [s for s in states if s.end <= body.start and _POSSESSIVE_GAP.match(text[s.end:body.start])]
            owner += [s for s in states if s.start >= body.end and _OWNER_GAP.match(text[body.end:s.start])]
            if owner:
                written.setdefault(body.key, Counter())[owner[0].key] += 1
    out = []
    for c in candidates:
        if c.key in bodies:
            state = written[c.key].most_common(1)[0][0] if c.key in written else dominant
            c = replace(c, key=f"{c.key}@{state.removeprefix('country:').lower()}")
        out.append(c)
    return out


def _unqualified_body(candidate: Candidate) -> bool:
    return (candidate.type == "government" and candidate.source == "ner" and candidate.key.startswith("org:")
            and "@" not in candidate.key)
