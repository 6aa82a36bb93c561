"""Who the source is: the words of the text resolved to the fullest name in the document.

A source phrase resolves, in this order: to the entity mention at its head
("Ablyazov told" -> Mukhtar Ablyazov); through a statement noun to its author
("the Ministry's statement says" -> the Ministry, "the report added" -> the
source of the last report); a pronoun to the nearest earlier compatible source
or mention outside quotes ("he" -> a person, "they"/"it" -> a body or outlet);
a title or definite description to the nearest earlier entity it fits ("the
minister" -> the person introduced with that title, "the Ministry" -> the
ministry named before). Unnamed sources ("our insiders", "several websites")
stay as written, typed unnamed or media.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.attribution.candidates import Candidate, in_paragraph
from claimtrace.analyse.attribution.quotes import Quote
from claimtrace.model import Document, Mention, Span
from claimtrace.ontology.cues import CueLexicon

UNNAMED = "unnamed"
_PERSONAL = {"he", "she", "him", "her", "his"}
_COLLECTIVE = {"they", "them", "it", "its", "their"}
_TITLE_WINDOW = 60  # characters around a name in which its title is looked for
_LONGEST_MENTION = 300  # characters; bounds the look-back for a mention covering an offset
_BODY_REACH = 120  # tokens back in which "the statement" looks for the body that issued it
_IMPLICIT_REACH = 1500  # how far back a source left implicit ("Says ...") is looked for
_RECENT_SPEAKER = 400  # a pronoun this close after a speaker's cue stands for that speaker
_MENTION_TYPES = {"person": "person", "organization": "organization", "government": "government",
                  "place": "government", "media": "media", "other": "organization"}
_AUTHOR_PREPS = ("of", "by", "from", "in")  # "an article in X"
_NOT_AUTHORS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "government"}


@dataclass(frozen=True, slots=True)
class Source:
    """A resolved source: its name, type and, when it is a known entity, its key."""

    name: str
    type: str
    key: str | None = None
    span: Span | None = None


class SourceResolver:
    """Resolves the sources of one document's candidates, taken in text order."""

    def __init__(self, document: Document, quotes: list[Quote], lexicon: CueLexicon) -> None:
        self.text = document.text
        self.mentions = sorted(document.mentions, key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.quoted = [(q.open_mark, q.end) for q in quotes if q.depth == 0]
        self.lexicon = lexicon
        self.history: list[tuple[int, Source]] = []  # (offset, source) of sources resolved so far
        self.contents: list[Span] = []  # the contents they were resolved for, in the same order

    def resolve(self, candidate: Candidate) -> Source | None:
        """The source of ``candidate``, or None when it is the author or a quoted "I"."""
        bounds = (candidate.parsed.segment.start, candidate.parsed.segment.end)
        if candidate.unnamed:
            source: Source | None = Source(UNNAMED, "unnamed")
        elif candidate.source is None or candidate.source_head is None:
            source = self._implicit(candidate.cue[0], bounds)
        elif candidate.source_words is not None:
            offset = candidate.parsed.offset
            span = (offset + candidate.source.start_char, offset + candidate.source.end_char)
            source = Source(candidate.source_words, self._kind_of_phrase(candidate.source, candidate.source_head),
                            span=span)
        else:
            source = self._from_words(candidate.source, candidate.source_head, candidate, bounds)
        if source is not None:
            self.history.append((candidate.cue[0], source))
            self.contents.append(candidate.content)
        return source

    # -- the words of the source ------------------------------------------------------------

    def _from_words(self, words: SpacySpan, head: Token, candidate: Candidate, bounds: Span) -> Source | None:
        offset = candidate.parsed.offset
        span = (offset + words.start_char, offset + words.end_char)
        lower = head.lower_
        if lower in ("i", "we", "me", "us", "you"):
            return None
        if lower in _PERSONAL or lower in _COLLECTIVE:
            personal = lower in _PERSONAL
            found = self._antecedent(span[0], bounds, person=personal)
            if not personal:
                found = self._nearer_subject(head, found, candidate, bounds)
            return found or Source(head.text, "person" if personal else "unnamed", span=span)
        lemma = head.lemma_.lower()
        if self.lexicon.is_cue_noun(lemma) or self._compound_cue_noun(head):
            return self._author_of_statement(head, span, candidate, bounds)
        named = _named_as(head) or head
        mention = self._mention_at(offset + named.idx, offset + named.idx + len(named.text))
        if mention is not None:
            return self._from_mention(mention, span)
        written = self._as_written(words)
        if lemma in self.lexicon.person_titles:
            titled = self._named_in(words, span, person=True)
            if titled is not None:
                return titled
            if _definite(head):
                return self._titled_person(lemma, span[0], bounds) or Source(written, "person", span=span)
            return Source(written, "person", span=span)
        kind = self._kind_of_phrase(words, head)
        if kind != "unnamed" and _definite(head):
            body = self._named_body(head, span[0], bounds, any_body=kind == "government")
            if body is not None:
                return body
        return Source(written, kind, span=span)

    def _kind_of_phrase(self, words: SpacySpan, head: Token) -> str:
        tail = [t.lower_ for t in words if t.i <= head.i][-2:]
        heads = [" ".join(tail), tail[-1], head.lemma_.lower()] if tail else [head.lemma_.lower()]
        for word in heads:
            if word in self.lexicon.media_heads:
                return "media"
            if word in self.lexicon.government_heads:
                return "government"
            if word in self.lexicon.unnamed_heads:
                return "unnamed"
        if head.ent_type_ in _ENT_TYPES:
            return _ENT_TYPES[head.ent_type_]
        if head.pos_ == "PROPN":
            return "organization"
        singular = head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)
        return "organization" if singular else "unnamed"

    def _compound_cue_noun(self, head: Token) -> bool:
        compounds = [c.lower_ for c in head.children if c.dep_ == "compound"]
        return any(self.lexicon.is_cue_noun(f"{c} {head.lower_}") for c in compounds)

    def _author_of_statement(self, head: Token, span: Span, candidate: Candidate, bounds: Span) -> Source:
        """"X's statement", "the statement of X", "a Reuters report", "an article in X" -> X;
        "the report" -> the last source."""
        doc = head.doc
        for child in head.children:
            author = None
            if child.dep_ == "poss":
                author = child
            elif child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < head.i:
                author = child
            elif child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
                author = next((c for c in child.children if c.dep_ == "pobj"), None)
            if author is not None and author.lower_ not in ("its", "their", "his", "her") \
                    and author.ent_type_ not in _NOT_AUTHORS:
                words = doc[author.left_edge.i:author.right_edge.i + 1]
                resolved = self._from_words(words, author, candidate, bounds)
                if resolved is not None:
                    return resolved
        earlier = self._publisher(span[0], bounds) or self._earlier_body(head, candidate)
        return earlier or Source(self._as_written(doc[head.left_edge.i:head.i + 1]), "unnamed", span=span)

    def _earlier_body(self, head: Token, candidate: Candidate) -> Source | None:
        """"The ministry issued a statement. The statement said ...": the nearest earlier
        subject that names an official body or an outlet without a name of its own."""
        doc = head.doc
        heads = self.lexicon.government_heads | self.lexicon.media_heads
        for token in reversed(doc[max(0, head.i - _BODY_REACH):head.i]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") \
                    and token.lemma_.lower() in heads:
                offset = candidate.parsed.offset
                words = doc[token.left_edge.i:token.i + 1]
                if self._quoted_apart(offset + token.idx, offset + head.idx):
                    continue
                kind = "media" if token.lemma_.lower() in self.lexicon.media_heads else "government"
                return Source(self._as_written(words), kind, span=(offset + words.start_char, offset + words.end_char))
        return None

    def _publisher(self, position: int, bounds: Span) -> Source | None:
        """Who issued "the report": the nearest earlier source, or outlet or body named outside quotes."""
        best: tuple[int, Source] | None = None
        for offset, source in self.history:
            if bounds[0] <= offset < position and source.name != UNNAMED:
                best = (offset, source)
        for mention in self.mentions:
            if not bounds[0] <= mention.start < position or self._quoted_apart(mention.start, position):
                continue
            if mention.label in ("GPE", "NORP", "LOC", "CAPITAL", "COUNTRY"):
                continue
            if self._mention_type(mention) in ("media", "organization", "government"):
                if best is None or mention.start > best[0]:
                    best = (mention.start, self._from_mention(mention, None))
        return best[1] if best else None

    # -- antecedents ---------------------------------------------------------------------------

    def _implicit(self, position: int, bounds: Span) -> Source:
        """A cue with no subject ("Says he ..."): the last source, or the last person named."""
        near = self._antecedent(position, bounds, person=True, reach=_IMPLICIT_REACH)
        earlier = self._last_source(position, bounds, reach=_IMPLICIT_REACH)
        candidates = [s for s in (near, earlier) if s is not None]
        if not candidates:
            return Source(UNNAMED, "unnamed")
        return max(candidates, key=lambda s: s.span[0] if s.span else -1)

    def _last_source(self, position: int, bounds: Span, reach: int | None = None) -> Source | None:
        """The last source resolved before ``position`` that speaks in the text's own voice,
        not one nested in what another source says ("Says he was told by X that ...")."""
        for index in range(len(self.history) - 1, -1, -1):
            offset, source = self.history[index]
            if not (bounds[0] <= offset < position and (reach is None or position - offset <= reach)):
                continue
            if any(start <= offset < end for start, end in self.contents[:index]):
                continue
            if source.type != "unnamed" or source.name != UNNAMED:
                return source
        return None

    def _antecedent(self, position: int, bounds: Span, person: bool, reach: int | None = None) -> Source | None:
        """The source a pronoun stands for: the last speaker of its kind if recent, else the
        nearest earlier mention of its kind outside quotes."""
        def fits(kind: str) -> bool:
            return (kind == "person") == person

        def near(offset: int) -> bool:
            return bounds[0] <= offset < position and (reach is None or position - offset <= reach)

        best: tuple[int, Source] | None = None
        for offset, source in reversed(self.history):  # in text order: the last one before position
            if offset >= position:
                continue
            if not near(offset):
                break
            if fits(source.type) and source.name != UNNAMED:
                best = (offset, source)
                break
        if best is not None and position - best[0] <= _RECENT_SPEAKER:
            return best[1]
        floor = bounds[0] if reach is None else max(bounds[0], position - reach)
        mention = self._last_mention(position, floor, lambda m: fits(self._mention_type(m)))
        if mention is not None and (best is None or mention.start > best[0]):
            best = (mention.start, self._from_mention(mention, None))
        return best[1] if best else None

    def _nearer_subject(self, pronoun: Token, found: Source | None, candidate: Candidate,
                        bounds: Span) -> Source | None:
        """"This site had another take, they said ...": a body or outlet that is the subject of the
        previous clause beats an antecedent further back."""
        subject = _previous_subject(pronoun)
        if subject is None:
            return found
        offset = candidate.parsed.offset + subject.idx
        if found is not None and found.span is not None and found.span[0] >= offset:
            return found
        words = subject.doc[subject.left_edge.i:subject.right_edge.i + 1]
        resolved = self._from_words(words, subject, candidate, bounds)
        known_kind = subject.lemma_.lower() in self.lexicon.media_heads | self.lexicon.government_heads
        if resolved is None or resolved.type == "person" or not (resolved.key or known_kind):
            return found
        return resolved

    def _titled_person(self, title: str, position: int, bounds: Span) -> Source | None:
        """"the minister" -> the nearest earlier person named next to the word "minister"."""
        fallback = None
        for mention in reversed(self.mentions):
            if not bounds[0] <= mention.start < position or self._mention_type(mention) != "person":
                continue
            around = self.text[max(bounds[0], mention.start - _TITLE_WINDOW):mention.end + _TITLE_WINDOW].lower()
            if title in around:
                return self._from_mention(mention, None)
            fallback = fallback or self._from_mention(mention, None)
        return fallback

    def _named_body(self, head: Token, position: int, bounds: Span, any_body: bool) -> Source | None:
        """"the Ministry", "the institute" -> the nearest earlier body whose name has that word;
        with ``any_body``, else the nearest earlier official body ("the Agency")."""
        word = head.lower_
        fallback = None
        for mention in reversed(self.mentions):
            if not bounds[0] <= mention.start < position:
                continue
            if self._mention_type(mention) not in ("government", "organization") or mention.label in ("GPE", "NORP"):
                continue
            name = mention.entity_name.lower()
            if word in name.split():
                return self._from_mention(mention, None)
            if any_body and fallback is None and any(w in self.lexicon.government_heads for w in name.split()):
                fallback = self._from_mention(mention, None)
        return fallback

    # -- mentions ----------------------------------------------------------------------------

    def _mention_at(self, start: int, end: int) -> Mention | None:
        """The widest, earliest mention that covers ``[start, end)``."""
        found = None
        for index in range(bisect_right(self.mention_starts, start) - 1, -1, -1):
            mention = self.mentions[index]
            if start - mention.start > _LONGEST_MENTION:
                break
            if end <= mention.end:
                found = mention
        return found

    def _last_mention(self, position: int, floor: int, wanted: Callable[[Mention], bool]) -> Mention | None:
        """The mention nearest before ``position`` and from ``floor`` on (the widest at its start)
        that is ``wanted`` and not inside a quote that ``position`` is outside of."""
        found = None
        for index in range(bisect_left(self.mention_starts, position) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start < floor or (found is not None and mention.start != found.start):
                break
            if wanted(mention) and not self._quoted_apart(mention.start, position):
                found = mention
        return found

    def _named_in(self, words: SpacySpan, span: Span, person: bool) -> Source | None:
        """A person named inside the source phrase itself ("Defence Minister Hulusi Akar")."""
        for mention in self.mentions:
            if span[0] <= mention.start and mention.end <= span[1]:
                if (self._mention_type(mention) == "person") != person:
                    continue
                first = words.doc.char_span(mention.start - span[0] + words.start_char,
                                            mention.end - span[0] + words.start_char, alignment_mode="expand")
                if first is not None and first.root.dep_ == "poss":
                    continue  # "Nazarbayev's secretary" is not Nazarbayev
                return self._from_mention(mention, span)
        return None

    def _mention_type(self, mention: Mention) -> str:
        kind = _MENTION_TYPES.get(mention.entity_type, "organization")
        if kind == "organization" and self._names_media(mention.entity_name):
            return "media"
        return kind

    def _names_media(self, name: str) -> bool:
        words = name.lower().split()
        heads = self.lexicon.media_heads
        return bool(words) and (words[-1] in heads or " ".join(words[-2:]) in heads)

    def _from_mention(self, mention: Mention, span: Span | None) -> Source:
        return Source(mention.entity_name, self._mention_type(mention), mention.entity_key,
                      span or (mention.start, mention.end))

    def _quoted_apart(self, mention_start: int, position: int) -> bool:
        """True when the mention is inside a quote that does not also hold ``position``."""
        for start, end in self.quoted:
            if start <= mention_start < end:
                return not start <= position < end
        return False

    def _as_written(self, words: SpacySpan) -> str:
        """The source phrase without a clause or apposition set off by a comma after its head
        ("a senior official, who spoke on condition of anonymity" -> "a senior official");
        a restrictive clause stays ("a former minister who is now in exile")."""
        root = words.root
        end = words.end
        doc = words.doc
        for child in root.children:
            if child.dep_ in ("relcl", "acl", "appos") and child.i > root.i and words.start <= child.i < words.end \
                    and child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ",":
                end = min(end, child.left_edge.i)
            if child.dep_ == "prep" and child.i > root.i and words.start <= child.i < words.end and \
                    _dates(child):
                end = min(end, child.i)  # "the ministry on Friday denied": the day is the cue's
        words = words.doc[words.start:end] if end > words.start else words
        tokens = in_paragraph([t for t in words if not t.is_space], words.root)
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("relcl", "acl")):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if not tokens:
            return words.text.strip()
        return " ".join(words.doc[tokens[0].i:tokens[-1].i + 1].text.split())


def _named_as(head: Token) -> Token | None:
    """"an organization called the Socialist Front": the name the phrase gives its head."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ("call", "name", "know", "dub"):
            for name in child.children:
                if name.dep_ in ("oprd", "attr", "dobj", "xcomp"):
                    return name
                if name.dep_ == "prep" and name.lower_ == "as":
                    return next((c for c in name.children if c.dep_ == "pobj"), None)
    return None


def _previous_subject(pronoun: Token) -> Token | None:
    """The nearest noun subject before ``pronoun``: in its own sentence, or of the main clause of
    the sentence before (not a clause embedded in it), within the paragraph."""
    doc = pronoun.doc
    sentence_start = pronoun.sent.start
    earliest = doc[sentence_start - 1].sent.start if sentence_start > 0 else 0
    for index in range(pronoun.i - 1, earliest - 1, -1):
        token = doc[index]
        if "\n" in token.text:
            return None
        main_clause = index >= sentence_start or token.head.i == token.sent.root.i
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") and main_clause:
            return token
    return None


def _definite(head: Token) -> bool:
    """"the Ministry", "the minister": a bare definite description that points back to a name."""
    determiners = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
    if determiners and determiners[0] not in ("the", "this", "that"):
        return False
    described = any(c.dep_ in ("prep", "poss", "compound", "appos", "acl", "relcl") or c.pos_ == "PROPN"
                    for c in head.children)
    return not described


def _dates(preposition: Token) -> bool:
    """Whether a prepositional phrase is a time expression ("on Friday"), which the parser may hang on the subject."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(t.ent_type_ in ("DATE", "TIME") for t in objects[0].subtree)
