"""The attribution stage: fills ``document.attributions`` (requires parses and mentions).

Four finders propose candidates in every analysed segment — direct quotes
(:mod:`.direct`), reported speech (:mod:`.reported`), source phrases
(:mod:`.phrases`) and unmarked block quotations (:mod:`.blocks`); where two
propose the same content for the same cue, the surer one is kept. Candidates
are then resolved in text order, so that "he" or "the report" can point back
to a source already found.
"""

from __future__ import annotations

from claimtrace.analyse.attribution.blocks import block_quotations, marked_blocks
from claimtrace.analyse.attribution.candidates import KIND_PRIORITY, Candidate, doc_text, same_content
from claimtrace.analyse.attribution.direct import direct_quotes
from claimtrace.analyse.attribution.headlines import headline_attributions
from claimtrace.analyse.attribution.nouns import nominal_attributions
from claimtrace.analyse.attribution.phrases import source_phrases
from claimtrace.analyse.attribution.polarity import polarity_of
from claimtrace.analyse.attribution.quotes import Quote, find_quotes
from claimtrace.analyse.attribution.reported import reported_speech
from claimtrace.analyse.attribution.sources import SourceResolver
from claimtrace.analyse.pipeline import Analysis, ParsedSegment
from claimtrace.model import Attribution, Document, Span
from claimtrace.ontology.cues import CueLexicon, load_cues


def find_attributions(analysis: Analysis) -> Analysis:
    """Pipeline stage: every SOURCE + CUE + CONTENT relation of the document, in text order."""
    document = analysis.document
    lexicon = _lexicon(analysis)
    quotes: list[Quote] = []
    candidates: list[Candidate] = []
    for parsed in analysis.parses:
        segment_quotes = find_quotes(document.text, parsed.segment.start, parsed.segment.end)
        quotes.extend(segment_quotes)
        candidates.extend(segment_candidates(document, parsed, segment_quotes, lexicon))
    resolver = SourceResolver(document, quotes, lexicon)
    attributions = []
    for candidate in sorted(candidates, key=lambda c: (c.cue[0], c.content[0])):
        source = resolver.resolve(candidate)
        if source is None:
            continue
        attributions.append(Attribution(
            doc_id=document.id,
            content=candidate.content,
            source=source.name,
            source_type=source.type,  # type: ignore[arg-type]
            cue=" ".join(document.text[candidate.cue[0]:candidate.cue[1]].split()),
            cue_span=candidate.cue,
            polarity=polarity_of(candidate, lexicon),  # type: ignore[arg-type]
            source_span=source.span,
            source_key=source.key,
            kind=candidate.kind,
            segment_id=candidate.parsed.segment.id,
        ))
    document.attributions = attributions
    return analysis


def segment_candidates(document: Document, parsed: ParsedSegment, quotes: list[Quote],
                       lexicon: CueLexicon) -> list[Candidate]:
    """All candidates of one segment, without duplicates."""
    direct = direct_quotes(document.text, parsed, quotes, lexicon)
    used = {c.cue[0] for c in direct}
    found = direct + source_phrases(parsed, lexicon) + reported_speech(parsed, lexicon, used)
    found += nominal_attributions(document.text, parsed, quotes, lexicon)
    found += headline_attributions(document.text, parsed, quotes, document.mentions, lexicon)
    found += block_quotations(document.text, parsed, document.mentions, direct)
    found += marked_blocks(document.text, parsed, quotes, lexicon)
    return _without_duplicates(found)


def _without_duplicates(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per content: the one from the surest finder.

    Two finders proposing the same cue for the same content are one attribution
    (nested attributions have other cues). A statement noun whose content a verb
    already reports ("denied Russia's claim that X") is that verb's object, not
    a report of its own.
    """
    kept: list[Candidate] = []
    by_cue: dict[Span, list[Candidate]] = {}
    by_line: dict[int, list[Candidate]] = {}  # a noun and a verb reporting one clause share its line
    for candidate in sorted(candidates, key=lambda c: KIND_PRIORITY[c.kind]):
        line = _line_of(candidate)
        rivals = by_line.get(line, []) if candidate.kind == "nominal" else by_cue.get(candidate.cue, [])
        if any(_same(candidate.content, other.content) for other in rivals):
            continue
        kept.append(candidate)
        by_cue.setdefault(candidate.cue, []).append(candidate)
        by_line.setdefault(line, []).append(candidate)
    return kept


def _line_of(candidate: Candidate) -> int:
    local = candidate.content[0] - candidate.parsed.offset
    return candidate.parsed.offset + doc_text(candidate.parsed.doc).rfind("\n", 0, max(local, 0)) + 1


def _same(a: Span, b: Span) -> bool:
    return a == b or same_content(a, b)


def _lexicon(analysis: Analysis) -> CueLexicon:
    ontology = getattr(analysis.resources, "ontology", None)
    cues = getattr(ontology, "cues", None)
    return cues if isinstance(cues, CueLexicon) else load_cues()
