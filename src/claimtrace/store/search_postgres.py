"""Full-text search on PostgreSQL: what :mod:`claimtrace.store.search` does with FTS5 on SQLite.

The indexes are the ``tsvector`` tables of ``0006_search.postgresql.sql``.
A query is stemmed by the server (``phraseto_tsquery``) term by term and the
terms combined here, so nothing typed is tsquery syntax; hits are ranked by
``ts_rank``, negated so that lower is better as with bm25; snippets come from
``ts_headline`` with the sentinels of :mod:`claimtrace.store.search_results`,
and an ellipsis where the snippet cuts its text, as FTS5's ``snippet()`` does.
Everything else of a search (filters, paging, hits) is the same SQL on both
engines.
"""

from __future__ import annotations

from typing import Any

from claimtrace.store.search_query import ParsedQuery, Term
from claimtrace.store.search_results import CLOSE, ELLIPSIS, OPEN

CONFIG = "english"
# ts_rank weights {D, C, B, A}: a title (A) counts four times a document's text (D), and who a
# claim is by (B) half its sentence (A), as the bm25 weights of the SQLite search.
_DOCUMENT_WEIGHTS = "'{0.25, 0.25, 0.25, 1.0}'"
_CLAIM_WEIGHTS = "'{0, 0, 0.5, 1.0}'"
_QUERY = "CAST(:match AS tsquery)"
_MARKS = f'StartSel="{OPEN}", StopSel="{CLOSE}"'
_MAX_TEXT = 500_000  # characters of a text that are indexed (see the migration)


def tsquery_text(connection: Any, query: ParsedQuery) -> str:
    """The query as tsquery text: groups joined by AND, a group's terms by OR, excluded terms by AND NOT.

    A term made only of stop words stems to nothing and is left out; a query
    left with nothing matches nothing.
    """
    terms = [term for group in query.groups for term in group] + list(query.excluded)
    columns = ", ".join(f"CAST(phraseto_tsquery('{CONFIG}', :t{i}) AS TEXT)" for i in range(len(terms)))
    row = connection.execute(f"SELECT {columns}", {f"t{i}": t.text for i, t in enumerate(terms)}).fetchone()
    stemmed = iter([_rendered(term, text) for term, text in zip(terms, row)])
    groups = [[next(stemmed) for _ in group] for group in query.groups]
    excluded = [next(stemmed) for _ in query.excluded]
    found = " & ".join("(" + " | ".join(filter(None, group)) + ")" for group in groups if any(group))
    for term in filter(None, excluded if found else ()):
        found = f"({found}) & !{term}"
    return found


def document_branch(conditions: list[str]) -> str:
    """Documents whose title or text matches, as rows of the search union (see ``search._union``)."""
    where = " AND ".join([f"s.words @@ {_QUERY}", *conditions])
    return ("SELECT 'document' AS kind, d.id AS doc_id, NULL AS claim_id, -1 AS ordinal, "
            f"-ts_rank(CAST({_DOCUMENT_WEIGHTS} AS real[]), s.words, {_QUERY}) AS rank, NULL AS row, NULL AS date "
            f"FROM search_documents s JOIN documents d ON d.id = s.doc_id WHERE {where}")


def claim_branch(conditions: list[str]) -> str:
    """Claims whose sentence or source matches, as rows of the search union."""
    where = " AND ".join([f"s.words @@ {_QUERY}", *conditions])
    return ("SELECT 'claim' AS kind, c.doc_id AS doc_id, c.id AS claim_id, c.ordinal AS ordinal, "
            f"-ts_rank(CAST({_CLAIM_WEIGHTS} AS real[]), s.words, {_QUERY}) AS rank, NULL AS row, NULL AS date "
            "FROM search_claims s JOIN event_claims c ON c.id = s.claim_id JOIN documents d ON d.id = c.doc_id "
            f"WHERE {where}")


def document_marks(connection: Any, match: str, doc_id: str, tokens: int) -> tuple[str, str]:
    """(the title with every matched word marked, a snippet of about ``tokens`` words of the text)."""
    row = connection.execute(
        f"SELECT ts_headline('{CONFIG}', COALESCE(title, ''), {_QUERY}, :whole), snippet, "
        "strpos(text, replace(replace(snippet, :open, ''), :close, '')), length(text) "
        f"FROM (SELECT title, text, ts_headline('{CONFIG}', left(text, {_MAX_TEXT}), {_QUERY}, :part) AS snippet "
        "      FROM documents WHERE id = :id) AS found",
        {"match": match, "id": doc_id, "whole": f"{_MARKS}, HighlightAll=true", "part": _fragment(tokens),
         "open": OPEN, "close": CLOSE}).fetchone()
    return row[0], _cut(row[1], row[2], row[3])


def claim_marks(connection: Any, match: str, claim_id: str, tokens: int) -> tuple[str, str]:
    """(a snippet of about ``tokens`` words of the claim's sentence, the sentence)."""
    row = connection.execute(
        f"SELECT snippet, evidence, strpos(evidence, replace(replace(snippet, :open, ''), :close, '')) "
        f"FROM (SELECT evidence, ts_headline('{CONFIG}', evidence, {_QUERY}, :part) AS snippet "
        "      FROM search_claims WHERE claim_id = :id) AS found",
        {"match": match, "id": claim_id, "part": _fragment(tokens), "open": OPEN, "close": CLOSE}).fetchone()
    return _cut(row[0], row[2], len(row[1])), row[1]


def _rendered(term: Term, stemmed: str) -> str:
    """A term's stemmed tsquery, in parentheses, its last word a prefix when typed with ``*``."""
    if not stemmed:
        return ""
    return f"({stemmed}:*)" if term.prefix else f"({stemmed})"


def _fragment(tokens: int) -> str:
    return f"{_MARKS}, MaxFragments=1, MaxWords={tokens}, MinWords={max(tokens // 2, 1)}, ShortWord=0"


def _cut(snippet: str, start: int, length: int) -> str:
    """The snippet with an ellipsis before and after wherever it does not reach the end of its text."""
    plain = len(snippet.replace(OPEN, "").replace(CLOSE, ""))
    before = ELLIPSIS if start > 1 else ""
    after = ELLIPSIS if start and start - 1 + plain < length else ""
    return before + snippet + after
