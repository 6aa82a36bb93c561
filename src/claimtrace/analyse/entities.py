"""Stage ``entities``: find the mentions of places, people and organisations in a document.

Requires the segment parses; assigns ``document.mentions`` (sorted by start,
non-overlapping, offsets into ``Document.text``). Gazetteer forms come first
(countries, demonyms, capitals standing for their state, regions, blocs); spaCy's
PERSON/ORG/GPE/NORP/LOC/FAC entities fill in the rest, after fixing the errors
spaCy makes on news (a country tagged PERSON, "the Ministry Beybut Atamkulov"
read as one organisation, a title glued to a name). Within the document a
surname ("Atamkulov", "Mr. Akar") resolves to the full name met in it, and an
acronym defined in parentheses shares the key of the name it abbreviates.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from claimtrace.analyse.mention_resolution import (
    Candidate,
    describe_bodies,
    link_acronyms,
    qualify_government_bodies,
    resolve_generic_organizations,
    resolve_people,
    settle_overlaps,
)
from claimtrace.analyse.nlp import doc_text, token_strings
from claimtrace.analyse.pipeline import Analysis, ParsedSegment
from claimtrace.analyse.roles import describe_people, roles_of, titled_people
from claimtrace.knowledge.gazetteer import Gazetteer, PlaceEntry
from claimtrace.knowledge.names import NameVocabulary, clean_name, name_key, organization_key, person_key
from claimtrace.model import Document, EntityType, Mention
from claimtrace.read.dates import estimate_date

ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
MAX_FORM_TOKENS = 10  # "United Kingdom of Great Britain and Northern Ireland"
_GAZETTEER_LABELS = {"country": "GPE", "demonym": "NORP", "capital": "CAPITAL", "city": "GPE",
                     "region": "LOC", "organization": "ORG", "seat": "SEAT", "people": "NORP"}
_ARTICLES = frozenset({"the", "a", "an"})


def find_mentions(analysis: Analysis) -> Analysis:
    """Fill ``analysis.document.mentions`` from the gazetteer and spaCy's entities."""
    gazetteer = analysis.resources.gazetteer
    vocabulary = NameVocabulary.load()
    text = analysis.document.text
    candidates: list[Candidate] = []
    for parsed in analysis.parses:
        found = gazetteer_candidates(parsed, gazetteer)
        found += ner_candidates(parsed, gazetteer, vocabulary)
        candidates += settle_overlaps(found)
    candidates = resolve_people(candidates, analysis.parses, text)
    candidates = link_acronyms(candidates, text)
    candidates = resolve_generic_organizations(candidates, analysis.document.name)
    candidates = sorted(candidates + describe_bodies(candidates, analysis.parses), key=lambda c: c.start)
    candidates = qualify_government_bodies(candidates, text)
    titled = titled_people(candidates, analysis.parses, vocabulary)
    candidates += describe_people(candidates, analysis.parses, titled, vocabulary)
    document = analysis.document
    document.mentions = [
        Mention(c.start, c.end, text[c.start:c.end], c.label, c.key, c.name, c.type)
        for c in sorted(candidates, key=lambda c: (c.start, -c.end))
    ]
    document.roles = roles_of(titled, analysis.parses, document.id, document_date(document))
    return analysis


def document_date(document: Document) -> str | None:
    """The date roles and times are read against: the document's, else the latest it states."""
    return document.published or estimate_date(document.text)


# ---------------------------------------------------------------- gazetteer forms

def gazetteer_candidates(parsed: ParsedSegment, gazetteer: Gazetteer) -> list[Candidate]:
    """Longest gazetteer forms, token by token; capitalised forms only ("turkey" is a bird)."""
    doc, offset, text = parsed.doc, parsed.offset, doc_text(parsed.doc)
    found: list[Candidate] = []
    last_city_end = -1  # token index after the last capital read as a city
    words, lowers = token_strings(doc, "ORTH"), token_strings(doc, "LOWER")
    i = 0
    while i < len(doc):
        if lowers[i] != "the" and not words[i][:1].isupper() and words[i] != "western":
            i += 1  # no form starts with a lower-case word, and this is no "western" standing for the West
            continue
        match = _longest_form(doc, text, i, gazetteer)
        if match is None:
            if _western_as_the_west(doc, i):
                west = gazetteer.lookup("the West")
                assert west is not None, "knowledge/extra.yaml lists the West (tests/knowledge/test_gazetteer.py)"
                found.append(_from_entry(west, offset + doc[i].idx, offset + doc[i].idx + len(doc[i])))
            i += 1
            continue
        end, entry = match
        if entry.kind == "capital" and (_locative(doc, i) or _coordinated(doc, last_city_end, i)):
            entry = gazetteer.city_of(doc[i:end].text) or entry
            last_city_end = end
        found.append(_from_entry(entry, offset + doc[i].idx, offset + doc[end - 1].idx + len(doc[end - 1])))
        i = end
    return found


_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "within", "between", "from", "capital",
                       "city", "inside", "across", "throughout"})
# Words before a capital that talk about the city's name ("was renamed Astana", "the name Astana").
_NAMING = frozenset({"renamed", "name", "named", "rename", "renaming"})
_DIRECTION_NOUNS = frozenset({"part", "parts", "region", "regions", "border", "borders", "side", "flank",
                              "edge", "bank", "coast", "province", "provinces", "area", "areas", "suburbs",
                              "outskirts", "end", "wing", "front", "direction", "districts", "district"})


def _locative(doc: Doc, i: int) -> bool:
    """True when a capital is named as the place where something is ("in Astana", "the capital Astana")."""
    j = i - 1
    while j >= 0 and (doc[j].is_punct and doc[j].text in ",(" or doc[j].lower_ == "the"
                      or doc[j].ent_type_ in ("NORP", "GPE") and doc[j].text[:1].isupper()):
        if doc[j].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")" and j > 0 \
                and doc[j - 1].ent_type_ in ("ORG", "FAC"):
            return True  # "National Defense University (Astana)"
        j -= 1
    return j >= 0 and (doc[j].lower_ in _LOCATIVE or doc[j].lower_ in _NAMING)


def _coordinated(doc: Doc, last_city_end: int, i: int) -> bool:
    """True for the second of two capitals joined as places ("between Astana and Baku", "Astana / Nur-Sultan")."""
    return last_city_end >= 0 and 0 < i - last_city_end <= 1 and all(
        t.lower_ in ("and", "or", "/", ",", "-") for t in doc[last_city_end:i])


def _western_as_the_west(doc: Doc, i: int) -> bool:
    """Lower-case "western" before a noun that is no direction ("western sanctions") stands for the West."""
    token = doc[i]
    if token.lower_ != "western" or token.text != "western":
        return False
    following = [t for t in doc[i + 1:i + 4] if not (t.is_punct and t.text in "'\"")]
    return bool(following) and following[0].pos_ in ("NOUN", "ADJ") and following[0].text.islower() \
        and following[0].lower_ not in _DIRECTION_NOUNS


def _longest_form(doc: Doc, text: str, i: int, gazetteer: Gazetteer) -> tuple[int, PlaceEntry] | None:
    first = doc[i]
    article = first.lower_ == "the"
    head = doc[i + 1] if article and i + 1 < len(doc) else first
    if not head.text[:1].isupper() or head.like_url or head.like_email:
        return None
    if not gazetteer.may_start_form(first.text) and not (article and gazetteer.may_start_form(head.text)):
        return None
    for end in range(min(len(doc), i + MAX_FORM_TOKENS), i + (2 if article else 1) - 1, -1):
        last = doc[end - 1]
        form = text[first.idx:last.idx + len(last)]
        if "\n" in form or last.is_punct:
            continue
        entry = gazetteer.lookup(form, article=False)
        if entry is not None and (entry.kind != "city" or _in_place_ent(doc[i:end])):
            return end, entry
    return None


def _in_place_ent(span: SpacySpan) -> bool:
    """True when spaCy reads the span as (part of) a place: a city name may be an ordinary word."""
    return all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span)


def _from_entry(entry: PlaceEntry, start: int, end: int) -> Candidate:
    return Candidate(start, end, _GAZETTEER_LABELS[entry.kind], entry.key, entry.name, entry.type,
                     "gazetteer", entry.kind)


# ---------------------------------------------------------------- spaCy entities

def ner_candidates(parsed: ParsedSegment, gazetteer: Gazetteer, vocabulary: NameVocabulary) -> list[Candidate]:
    """spaCy's entities, trimmed and split where the model glues a title or a body to a name."""
    found: list[Candidate] = []
    for ent, label in _joined_names(parsed.doc, gazetteer):
        span = _trim(ent)
        if span is None or not _looks_like_name(span):
            continue
        if gazetteer.lookup(span.text, article=False) is not None:
            continue  # the gazetteer names it better ("Kazakhstan" tagged PERSON)
        found += _ent_candidates(span, ent.label_, parsed.offset, gazetteer, vocabulary)
    return found


def _joined_names(doc: Doc, gazetteer: Gazetteer) -> list[tuple[SpacySpan, str]]:
    """The entities, with a first name that spaCy cut off a PERSON put back ("Sooronbai" GPE + "Jeenbekov")."""
    ents = [e for e in doc.ents if e.label_ in ENT_LABELS]
    out: list[tuple[SpacySpan, str]] = []
    for ent in ents:
        if out and ent.label_ == "PERSON":
            previous, _ = out[-1]
            if (previous.end == ent.start and len(previous) == 1 and previous[0].text.istitle()
                    and previous.label_ != "PERSON" and gazetteer.lookup(previous.text) is None):
                out[-1] = (doc[previous.start:ent.end], "PERSON")
                continue
        out.append((ent, ent.label_))
    return out


def _looks_like_name(span: SpacySpan) -> bool:
    """A proper name has a capitalised proper noun in it ("Worryingly" and "utc" are no names)."""
    return any(t.text[:1].isupper() and (t.pos_ == "PROPN" or t.text.isupper()) for t in span)


def _trim(span: SpacySpan) -> SpacySpan | None:
    """The entity without a leading article or trailing possessive and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _ARTICLES or doc[start].is_punct or doc[start].is_space
                           or doc[start].pos_ in ("ADV", "CCONJ") and start + 1 < end):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "'")):
        end -= 1
    return span.doc[start:end] if end > start else None


def _ent_candidates(span: SpacySpan, label: str, offset: int, gazetteer: Gazetteer,
                    vocabulary: NameVocabulary) -> list[Candidate]:
    if _media_name(span.text, vocabulary):
        return [_organization(span, offset, "media")]
    if len(span) == 1:
        entry = gazetteer.fuzzy_lookup(span.text, one_typo=label in ("GPE", "NORP", "LOC") or len(span.text) >= 7)
        if entry is not None:
            return [_from_entry(entry, offset + span.start_char, offset + span.end_char)]
    if label == "PERSON":
        return _person_candidates(span, offset, gazetteer, vocabulary)
    if label == "ORG":
        following = span.doc[span.end:span.end + 2]
        if len(span) == 1 and following and vocabulary.is_title(following[0].text):
            return []  # "Defence" of "Defence Minister X": part of a title
        titled_state = _state_before_title(span, gazetteer, vocabulary)
        if titled_state is not None:  # "Kazakh Pres." read as a body: the state, and a title
            return [_from_entry(titled_state, offset + span.start_char, offset + span[0].idx + len(span[0]))]
        owner = _owning_state(span, gazetteer, vocabulary) or _leading_state(span, gazetteer, vocabulary)
        if owner is not None:
            head, state, entry = owner
            return [_organization(head, offset, "government"),
                    _from_entry(entry, offset + state.start_char, offset + state.end_char)]
        split = _split_glued_person(span, vocabulary, gazetteer)
        if split is not None:
            body, person = split
            out = _person_candidates(person, offset, gazetteer, vocabulary)
            if body is not None and _has_body_word(body, vocabulary):
                out.insert(0, _organization(body, offset, vocabulary.classify_organization(body.text)))
            return out
        entry = gazetteer.organization(span.text)
        if entry is not None:
            return [_from_entry(entry, offset + span.start_char, offset + span.end_char)]
        return [_organization(span, offset, vocabulary.classify_organization(span.text))]
    start, end = offset + span.start_char, offset + span.end_char
    if label == "NORP":
        return [Candidate(start, end, label, f"group:{name_key(span.text)}", clean_name(span.text),
                          "other", "ner", "group")]
    city = gazetteer.city_of(span.text)
    if city is not None:
        return [Candidate(start, end, label, city.key, city.name, "place", "ner", "city")]
    return [Candidate(start, end, label, f"place:{name_key(span.text)}", clean_name(span.text),
                      "place", "ner", "place")]


def _state_before_title(span: SpacySpan, gazetteer: Gazetteer, vocabulary: NameVocabulary) -> PlaceEntry | None:
    """The state of "<demonym> <title>" ("Uzbek President", misspelt or not), else None."""
    if len(span) < 2 or not vocabulary.is_title(span[1:].text):
        return None
    entry = gazetteer.lookup(span[0].text, article=False) or gazetteer.fuzzy_lookup(span[0].text, one_typo=True)
    return entry if entry is not None and entry.kind in ("country", "demonym") else None


def _owning_state(span: SpacySpan, gazetteer: Gazetteer, vocabulary: NameVocabulary
                  ) -> tuple[SpacySpan, SpacySpan, PlaceEntry] | None:
    """Split "Ministry of Defence of the Republic of Kazakhstan" into the body and its state."""
    for k in range(span.start + 2, span.end):
        if span.doc[k - 1].lower_ != "of":
            continue
        state = _trim(span.doc[k:span.end])
        if state is None:
            continue
        entry = gazetteer.lookup(state.text, article=False)
        head = span.doc[span.start:k - 1]
        if entry is not None and entry.kind == "country" and _has_any_word(head, vocabulary.government_heads):
            return head, state, entry
    return None


def _leading_state(span: SpacySpan, gazetteer: Gazetteer, vocabulary: NameVocabulary
                   ) -> tuple[SpacySpan, SpacySpan, PlaceEntry] | None:
    """Split "the Chilean Ministry of Defence" into its state and the body."""
    if len(span) < 3 or not _has_any_word(span, vocabulary.government_heads):
        return None
    for k in range(span.start, span.end - 1):
        if span.doc[k].lower_ in _ARTICLES:
            continue
        entry = gazetteer.lookup(span.doc[k].text, article=False)
        if entry is not None and entry.kind in ("country", "demonym"):
            return span.doc[k + 1:span.end], span.doc[k:k + 1], entry
        return None
    return None


def _has_any_word(span: SpacySpan, words: frozenset[str]) -> bool:
    return any(t.lower_ in words for t in span)


def _media_name(text: str, vocabulary: NameVocabulary) -> bool:
    """The name of a listed outlet, or one followed by more words ("Reuters news agency")."""
    folded = clean_name(text).casefold()
    outlets = vocabulary.media_outlets
    if folded in outlets:
        return True
    space = folded.find(" ")  # the outlet's name ends at a space: try each such head of the name in the set
    while space >= 0:
        if folded[:space] in outlets:
            return True
        space = folded.find(" ", space + 1)
    return False


def _organization(span: SpacySpan, offset: int, kind: EntityType) -> Candidate:
    name = clean_name(span.text)
    return Candidate(offset + span.start_char, offset + span.end_char, "ORG", organization_key(name), name,
                     kind, "ner", "organization")


def _person_candidates(span: SpacySpan, offset: int, gazetteer: Gazetteer,
                       vocabulary: NameVocabulary) -> list[Candidate]:
    """The name without its titles; a leading demonym or country becomes its own mention."""
    out: list[Candidate] = []
    start = span.start
    doc = span.doc
    while start < span.end:
        title_end = _title_end(doc, start, span.end, vocabulary)
        if title_end > start:
            start = title_end
            continue
        entry = gazetteer.lookup(doc[start].text, article=False)
        if entry is not None and start + 1 < span.end and entry.kind in ("country", "demonym"):
            out.append(_from_entry(entry, offset + doc[start].idx,
                                   offset + doc[start].idx + len(doc[start])))
            start += 1
            continue
        break
    name = doc[start:span.end]
    if not name.text[:1].isupper() or gazetteer.lookup(name.text, article=False) is not None:
        return out
    out.append(Candidate(offset + name.start_char, offset + name.end_char, "PERSON",
                         person_key(name.text), clean_name(name.text), "person", "ner", "person"))
    return out


def _title_end(doc: Doc, start: int, end: int, vocabulary: NameVocabulary) -> int:
    """The end of the longest title starting at ``start`` (before a name), else ``start``."""
    for stop in range(min(end - 1, start + 4), start, -1):
        if vocabulary.is_title(doc[start:stop].text):
            return stop
    return start


def _has_body_word(span: SpacySpan, vocabulary: NameVocabulary) -> bool:
    words = {t.lower_ for t in span}
    return bool(words & (vocabulary.government_heads | vocabulary.government_words
                         | vocabulary.organization_words))


def _split_glued_person(span: SpacySpan, vocabulary: NameVocabulary,
                        gazetteer: Gazetteer) -> tuple[SpacySpan | None, SpacySpan] | None:
    """Split "Ministry of Defence Nurlan Ermekbayev" into the body and the person's name.

    The name is a tail of at least two capitalised words, none of them a word of a
    body, a title or a gazetteer form, after a body word or a title.
    """
    doc = span.doc
    tail = span.end
    while tail > span.start and _name_word(doc[tail - 1], vocabulary, gazetteer):
        tail -= 1
    while tail < span.end and doc[tail].text == "-":
        tail += 1
    name_words = [t for t in doc[tail:span.end] if t.text != "-"]
    if len(name_words) < 2 or tail == span.start:
        return None
    before = doc[tail - 1]
    if not (_is_body_word(before, vocabulary) or vocabulary.is_title(before.text)):
        return None
    head = _trim(doc[span.start:tail])
    if head is not None and _title_end(doc, head.start, head.end + 1, vocabulary) >= head.end:
        head = None  # only a title ("Kazakh President"): the demonym is found by the gazetteer
    return head, doc[tail:span.end]


def _name_word(token: Token, vocabulary: NameVocabulary, gazetteer: Gazetteer) -> bool:
    if token.text == "-":
        return True
    return (token.text[:1].isupper() and token.is_alpha and not token.is_stop
            and not _is_body_word(token, vocabulary) and not vocabulary.is_title(token.text)
            and gazetteer.lookup(token.text, article=False) is None)


def _is_body_word(token: Token, vocabulary: NameVocabulary) -> bool:
    word = token.lower_
    return word in vocabulary.government_heads or word in vocabulary.government_words \
        or word in vocabulary.organization_words


def mentions_of(analyses: Iterable[Analysis]) -> list[tuple[str, Mention]]:
    """(document name, mention) pairs, the input of :func:`claimtrace.link.entities.resolve_entities`."""
    return [(a.document.name, m) for a in analyses for m in a.document.mentions]
