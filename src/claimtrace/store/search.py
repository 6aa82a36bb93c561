"""Full-text search over documents and event claims, narrowed by entity, event type, source and date.

The indexes are SQLite FTS5 tables kept in step by triggers (migration
``0006_search.sql``); every SQL statement of search is in this module, but for
what a PostgreSQL store does its own way (:mod:`claimtrace.store.search_postgres`,
``tsvector`` tables of ``0006_search.postgresql.sql``). What is SQLite's own: the
``MATCH`` expression (:func:`fts5_expression`), ``bm25()``, ``snippet()`` and
``highlight()``; ``COLLATE NOCASE`` and ``instr()`` the PostgreSQL migration defines. The query syntax
(:mod:`claimtrace.store.search_query`) and the records returned
(:mod:`claimtrace.store.search_results`) are the engine's business only
through this module.

Dates are ISO prefixes ("2021", "2021-03", "2021-03-05") and a range keeps a
hit whose date overlaps it: a document by its publication date, a claim by the
time of the event it reports (the document's date when it states none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtrace.errors import Messages, SearchError
from claimtrace.ontology.events import load_event_types
from claimtrace.store import search_postgres
from claimtrace.store.link_index import placeholders, stories_of_claims
from claimtrace.store.search_query import ParsedQuery, Term, clean_text, parse_query
from claimtrace.store.search_results import (
    CLOSE,
    ELLIPSIS,
    OPEN,
    ClaimBrief,
    Fragment,
    SearchHit,
    SearchResults,
    first_match,
    fragments,
    plain_fragments,
)
from claimtrace.store.sql import engine_of

if TYPE_CHECKING:
    from claimtrace.store.sqlite import Store

SEARCH_KINDS = ("all", "documents", "claims")
DEFAULT_LIMIT = 20
MAX_LIMIT = 500
MAX_OFFSET = 10_000  # deep pages cost a sort of everything before them; nobody reads that far
CHOICES_SHOWN = 200
DOCUMENT_SNIPPET_TOKENS = 24
CLAIM_SNIPPET_TOKENS = 48
PREVIEW_CHARS = 300  # of a hit found by filters alone, which has no matched words to centre on
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# After every character of an ISO prefix: "2021" || '~' ends the year, so a prefix is an interval.
_AFTER = "~"
# One page of hits with the number of hits and of their documents, in one pass over the hits.
_PAGE = """
SELECT *, COUNT(*) OVER () AS total, SUM(first_of_document) OVER () AS documents FROM (
    SELECT *, CASE WHEN ROW_NUMBER() OVER (PARTITION BY doc_id ORDER BY ordinal) = 1 THEN 1 ELSE 0 END
              AS first_of_document
    FROM ({union}) AS hits) AS numbered
ORDER BY {order} LIMIT :limit OFFSET :offset
"""


@dataclass(slots=True)
class SearchRequest:
    """What to look for and how to narrow it: one options object for the API, the CLI and the web page."""

    text: str = ""  # words, "phrases", prefix*, OR, -excluded; may be empty when a filter is given
    entity: str | None = None  # key or name: documents that mention it, claims about it or by it
    event_type: str | None = None  # an event type of the ontology: claims of it, documents with one
    source: str | None = None  # an outlet, or who a claim or attribution is by (name or entity key)
    since: str | None = None  # ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    kind: str = "all"  # "all", "documents" or "claims"
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def filtered(self) -> bool:
        return any((self.entity, self.event_type, self.source, self.since, self.until))


@dataclass(frozen=True, slots=True)
class SearchChoices:
    """What the search form offers: the most mentioned entities, the event types, the most frequent sources."""

    entities: list[tuple[str, str]]  # (key, name), by name
    event_types: list[str]
    sources: list[str]


@dataclass(slots=True)
class _Plan:
    """The request checked and resolved: the MATCH expression, the SQL conditions and their parameters.

    Conditions name a hit's document id ``{doc}`` and claim id ``{claim}``, which each branch
    fills in with what it has at hand, so a search over words needs no row of ``documents``
    or ``event_claims`` unless a condition reads one (``d.``, ``c.``: the dates).
    """

    match: str | None
    kind: str
    engine: str = "sqlite"
    documents: list[str] = field(default_factory=list)  # conditions on a document hit
    claims: list[str] = field(default_factory=list)  # conditions on a claim hit
    dated: bool = False  # the conditions read d.published (and c.time, c.time_end)
    params: dict[str, Any] = field(default_factory=dict)


def search(store: Store, request: SearchRequest) -> SearchResults:
    """One page of hits, best first (by date, latest first, when only filters are given), with the totals.

    Raises :class:`SearchError` for a query with nothing to find, a filter that
    names no entity, an unknown event type, a malformed date and the like.
    """
    plan = _plan(store, request)
    union = _union(plan)
    connection = store.connection
    order = "rank, doc_id, ordinal" if plan.match is not None else "date DESC NULLS LAST, doc_id, ordinal"
    with _snapshot(connection):
        page = connection.execute(_PAGE.format(union=union, order=order),
                                  {**plan.params, "limit": request.limit, "offset": request.offset}).fetchall()
        if page:
            total, documents = page[0]["total"], page[0]["documents"]
        else:  # past the last hit, or none: count them
            total, documents = connection.execute(f"SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM ({union}) AS hits",
                                                  plan.params).fetchone()
        hits = _hits(connection, plan, page)
    return SearchResults(request, hits, total=int(total), documents=int(documents))


def search_choices(store: Store, limit: int = CHOICES_SHOWN) -> SearchChoices:
    """The entities (most mentioned first), event types and sources (most frequent first) to filter by."""
    connection = store.connection
    entities = connection.execute(
        "SELECT e.key, e.name FROM (SELECT entity_key, COUNT(*) AS mentions FROM mentions GROUP BY entity_key) n "
        "JOIN entity_members m ON m.member_key = n.entity_key JOIN entities e ON e.key = m.entity_key "
        "GROUP BY e.key ORDER BY SUM(n.mentions) DESC, e.key LIMIT :limit", {"limit": limit}).fetchall()
    outlets = connection.execute(
        "SELECT MIN(outlet) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet COLLATE NOCASE "
        "ORDER BY COUNT(*) DESC, MIN(outlet) LIMIT :limit", {"limit": limit}).fetchall()
    sources = connection.execute(
        "SELECT MIN(source) FROM event_claims WHERE source <> 'AUTHOR' GROUP BY source COLLATE NOCASE "
        "ORDER BY COUNT(*) DESC, MIN(source) LIMIT :limit", {"limit": limit}).fetchall()
    names = {str(row[0]).casefold(): str(row[0]) for row in [*sources, *outlets]}
    return SearchChoices(entities=sorted(((row[0], row[1]) for row in entities), key=lambda e: (e[1].casefold(), e[0])),
                         event_types=list(load_event_types()), sources=sorted(names.values(), key=str.casefold))


def fts5_expression(query: ParsedQuery) -> str:
    """The query as an FTS5 MATCH expression: every term a quoted string, so nothing typed is syntax.

    Groups are joined by AND, the terms of a group by OR, and excluded terms
    follow NOT; parentheses make the grouping explicit whatever FTS5's
    precedence.
    """
    found = " AND ".join("(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        found = f"({found}) NOT {_fts5_term(term)}"
    return found


def _fts5_term(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


# Checking the request and turning its filters into SQL conditions

def _plan(store: Store, request: SearchRequest) -> _Plan:
    _check_paging(request)
    parsed = parse_query(request.text)
    if parsed.empty and not request.filtered:
        raise SearchError(Messages.E040.format(query=request.text))
    engine = engine_of(store.connection)
    if parsed.empty:
        match = None
    elif engine == "postgresql":
        match = search_postgres.tsquery_text(store.connection, parsed)
    else:
        match = fts5_expression(parsed)
    plan = _Plan(match=match, kind=request.kind, engine=engine)
    if match is not None:
        plan.params["match"] = match
    if request.entity:
        _entity_conditions(store, plan, request.entity)
    if request.event_type:
        _check_event_type(request.event_type)
        plan.params["event_type"] = request.event_type
        plan.documents.append("{doc} IN (SELECT doc_id FROM event_claims WHERE type = :event_type)")
        plan.claims.append("{claim} IN (SELECT id FROM event_claims WHERE type = :event_type)")
    if request.source:
        _source_conditions(store, plan, clean_text(request.source).strip())
    _date_conditions(plan, request.since, request.until)
    return plan


def _check_paging(request: SearchRequest) -> None:
    if request.kind not in SEARCH_KINDS:
        raise SearchError(Messages.E047.format(what="kind", value=request.kind, expected=" or ".join(SEARCH_KINDS)))
    if not 1 <= request.limit <= MAX_LIMIT:
        raise SearchError(Messages.E047.format(what="limit", value=request.limit, expected=f"1 to {MAX_LIMIT}"))
    if not 0 <= request.offset <= MAX_OFFSET:
        raise SearchError(Messages.E047.format(what="offset", value=request.offset, expected=f"0 to {MAX_OFFSET}"))


def _check_event_type(event_type: str) -> None:
    known = load_event_types()
    if event_type not in known:
        raise SearchError(Messages.E044.format(value=event_type, known=", ".join(known)))


def _entity_conditions(store: Store, plan: _Plan, entity: str) -> None:
    """Documents that mention the entity; claims that name it as a party or are made by it."""
    value = clean_text(entity).strip()
    keys = _entity_keys(store, value) or _unlinked_keys(store, value)
    if not keys:
        raise SearchError(Messages.E043.format(entity=entity))
    members = _in_list(plan, "entity", keys)
    plan.documents.append(f"{{doc}} IN (SELECT doc_id FROM mentions WHERE entity_key IN ({members}))")
    plan.claims.append(
        f"({{claim}} IN (SELECT claim_id FROM claim_arguments WHERE entity_key IN ({members})) "
        f"OR {{claim}} IN (SELECT t.id FROM attributions s JOIN event_claims t ON t.attribution_id = s.id "
        f"WHERE s.source_key IN ({members})))")


def _entity_keys(store: Store, value: str) -> list[str]:
    """Every mention key of the entity whose key or name is ``value`` (or to which the key ``value`` belongs)."""
    rows = store.connection.execute(
        "SELECT member_key FROM entity_members WHERE entity_key IN ("
        "  SELECT key FROM entities WHERE key = :value OR name = :value COLLATE NOCASE"
        "  UNION SELECT entity_key FROM entity_members WHERE member_key = :value) "
        "UNION SELECT entity_key FROM mentions WHERE entity_key = :value", {"value": value}).fetchall()
    return sorted({str(row[0]) for row in rows})


def _unlinked_keys(store: Store, name: str) -> list[str]:
    """The mention keys of documents not linked yet (an interrupted run) that carry this entity name.

    Reads every mention: only for an entity filter that names no linked entity.
    """
    rows = store.connection.execute("SELECT DISTINCT entity_key FROM mentions WHERE entity_name = :name "
                                    "COLLATE NOCASE", {"name": name}).fetchall()
    return sorted(str(row[0]) for row in rows)


def _source_conditions(store: Store, plan: _Plan, source: str) -> None:
    """An outlet, or who a claim (or any attribution of a document) is by: by name, or entity key or name."""
    plan.params["source"] = source
    keys = _entity_keys(store, source)
    members = _in_list(plan, "source", keys) if keys else ""
    by_entity = f" OR s.source_key IN ({members})" if keys else ""
    outlet = "{doc} IN (SELECT id FROM documents WHERE outlet = :source COLLATE NOCASE)"
    plan.documents.append(
        f"({outlet} OR {{doc}} IN (SELECT s.doc_id FROM attributions s "
        f"WHERE s.source = :source COLLATE NOCASE{by_entity}))")
    plan.claims.append(
        f"({{claim}} IN (SELECT id FROM event_claims WHERE source = :source COLLATE NOCASE) OR {outlet} "
        f"OR {{claim}} IN (SELECT t.id FROM attributions s JOIN event_claims t ON t.attribution_id = s.id "
        f"WHERE s.source = :source COLLATE NOCASE{by_entity}))")


def _date_conditions(plan: _Plan, since: str | None, until: str | None) -> None:
    for what, value in (("--since", since), ("--until", until)):
        if value and not _DATE.match(value):
            raise SearchError(Messages.E045.format(value=value, what=what))
    if since and until and since > until + _AFTER:
        raise SearchError(Messages.E046.format(since=since, until=until))
    plan.dated = bool(since or until)
    claim_start, claim_end = "COALESCE(c.time, d.published)", "COALESCE(c.time_end, c.time, d.published)"
    for conditions, start, end in ((plan.documents, "d.published", "d.published"),
                                   (plan.claims, claim_start, claim_end)):
        if since:
            conditions.append(f"{end} || '{_AFTER}' >= :since")
        if until:
            conditions.append(f"{start} <= :until || '{_AFTER}'")
    plan.params.update({"since": since, "until": until})


def _in_list(plan: _Plan, name: str, values: Sequence[str]) -> str:
    """Named parameters for an IN list, added to the plan's parameters."""
    names = [f"{name}_{i}" for i in range(len(values))]
    plan.params.update(zip(names, values))
    return ", ".join(f":{n}" for n in names)


# The SQL of one search

def _union(plan: _Plan) -> str:
    """Hits as rows (kind, doc_id, claim_id, ordinal, rank, row, date), documents' and claims' together."""
    branches = []
    if plan.kind in ("all", "documents"):
        branches.append(_document_branch(plan))
    if plan.kind in ("all", "claims"):
        branches.append(_claim_branch(plan))
    return " UNION ALL ".join(branches)


def _document_branch(plan: _Plan) -> str:
    if plan.match is not None and plan.engine == "postgresql":
        return search_postgres.document_branch(_filled(plan.documents, doc="d.id"))
    if plan.match is not None:
        dated = " JOIN documents d ON d.id = k.doc_id" if plan.dated else ""
        where = ["search_documents MATCH :match", *_filled(plan.documents, doc="k.doc_id")]
        return ("SELECT 'document' AS kind, k.doc_id AS doc_id, NULL AS claim_id, -1 AS ordinal, "
                "bm25(search_documents, 4.0, 1.0) AS rank, search_documents.rowid AS row, NULL AS date "
                f"FROM search_documents JOIN search_document_keys k ON k.id = search_documents.rowid{dated} "
                f"WHERE {' AND '.join(where)}")
    return ("SELECT 'document' AS kind, d.id AS doc_id, NULL AS claim_id, -1 AS ordinal, NULL AS rank, "
            f"NULL AS row, d.published AS date FROM documents d{_where(_filled(plan.documents, doc='d.id'))}")


def _claim_branch(plan: _Plan) -> str:
    if plan.match is not None and plan.engine == "postgresql":
        return search_postgres.claim_branch(_filled(plan.claims, doc="c.doc_id", claim="c.id"))
    if plan.match is not None:
        dated = " JOIN event_claims c ON c.id = k.claim_id JOIN documents d ON d.id = k.doc_id" if plan.dated else ""
        where = ["search_claims MATCH :match", *_filled(plan.claims, doc="k.doc_id", claim="k.claim_id")]
        return ("SELECT 'claim' AS kind, k.doc_id AS doc_id, k.claim_id AS claim_id, k.id AS ordinal, "
                "bm25(search_claims, 1.0, 0.5) AS rank, search_claims.rowid AS row, NULL AS date "
                f"FROM search_claims JOIN search_claim_keys k ON k.id = search_claims.rowid{dated} "
                f"WHERE {' AND '.join(where)}")
    return ("SELECT 'claim' AS kind, c.doc_id AS doc_id, c.id AS claim_id, c.ordinal AS ordinal, NULL AS rank, "
            "NULL AS row, COALESCE(c.time, d.published) AS date FROM event_claims c "
            f"JOIN documents d ON d.id = c.doc_id{_where(_filled(plan.claims, doc='c.doc_id', claim='c.id'))}")


def _filled(conditions: list[str], **ids: str) -> list[str]:
    """The conditions with ``{doc}`` and ``{claim}`` replaced by the branch's own columns."""
    return [condition.format(**ids) for condition in conditions]


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


# One page of hits, with what the page shows of each

def _hits(connection: Any, plan: _Plan, page: Sequence[Any]) -> list[SearchHit]:
    if not page:  # and no empty IN () list, which PostgreSQL refuses
        return []
    doc_ids = sorted({row["doc_id"] for row in page})
    documents = {row["id"]: row for row in connection.execute(
        f"SELECT id, name, title, published, outlet FROM documents WHERE id IN ({placeholders(len(doc_ids))})",
        doc_ids)}
    claim_ids = sorted({row["claim_id"] for row in page if row["claim_id"]})
    claims = {row["id"]: row for row in connection.execute(
        "SELECT id, doc_id, type, source, polarity, certainty, time, time_end, evidence_start, evidence_end "
        f"FROM event_claims WHERE id IN ({placeholders(len(claim_ids))})", claim_ids)} if claim_ids else {}
    stories = stories_of_claims(connection, claim_ids)
    hits = []
    for row in page:
        document = documents[row["doc_id"]]
        if row["kind"] == "document":
            title, snippet, match = _document_text(connection, plan, row, document)
            brief = None
        else:
            claim = claims[row["claim_id"]]
            title = plain_fragments(document["title"])
            snippet, match = _claim_text(connection, plan, row, claim)
            brief = ClaimBrief(claim["id"], claim["type"], claim["source"], claim["polarity"], claim["certainty"],
                               claim["time"], claim["time_end"], stories.get(claim["id"]))
        hits.append(SearchHit(row["kind"], row["doc_id"], document["name"], title, document["published"],
                              document["outlet"], snippet, row["rank"], match, brief))
    return hits


def _document_text(connection: Any, plan: _Plan, row: Any,
                   document: Any) -> tuple[tuple[Fragment, ...], tuple[Fragment, ...], tuple[int, int] | None]:
    """The highlighted title, the snippet, and where in the text its first matched word is."""
    if plan.match is None:
        preview = connection.execute("SELECT substr(text, 1, :chars) FROM documents WHERE id = :id",
                                     {"chars": PREVIEW_CHARS, "id": row["doc_id"]}).fetchone()[0]
        return plain_fragments(document["title"]), plain_fragments(_preview(preview)), None
    if plan.engine == "postgresql":
        found = search_postgres.document_marks(connection, plan.match, row["doc_id"], DOCUMENT_SNIPPET_TOKENS)
    else:
        found = connection.execute(
            "SELECT highlight(search_documents, 0, :open, :close), "
            "snippet(search_documents, 1, :open, :close, :ellipsis, :tokens) "
            "FROM search_documents WHERE search_documents MATCH :match AND rowid = :row",
            {"open": OPEN, "close": CLOSE, "ellipsis": ELLIPSIS, "tokens": DOCUMENT_SNIPPET_TOKENS,
             "match": plan.match, "row": row["row"]}).fetchone()
    snippet = fragments(found[1] or "")
    located = first_match(snippet)
    if located is None:
        return fragments(found[0] or ""), snippet, None
    excerpt, offset, length = located
    start = connection.execute("SELECT instr(text, :excerpt) FROM documents WHERE id = :id",
                               {"excerpt": excerpt, "id": row["doc_id"]}).fetchone()[0]
    match = (start - 1 + offset, start - 1 + offset + length) if start else None  # instr counts from 1
    return fragments(found[0] or ""), snippet, match


def _claim_text(connection: Any, plan: _Plan, row: Any,
                claim: Any) -> tuple[tuple[Fragment, ...], tuple[int, int] | None]:
    """The claim's sentence with its matched words, and where in the document the first one is."""
    if plan.match is None:
        evidence = connection.execute(
            "SELECT substr(text, :start, :length) FROM documents WHERE id = :id",
            {"start": claim["evidence_start"] + 1, "length": claim["evidence_end"] - claim["evidence_start"],
             "id": claim["doc_id"]}).fetchone()[0]
        return plain_fragments(_preview(evidence)), None
    if plan.engine == "postgresql":
        found = search_postgres.claim_marks(connection, plan.match, claim["id"], CLAIM_SNIPPET_TOKENS)
    else:
        found = connection.execute(
            "SELECT snippet(search_claims, 0, :open, :close, :ellipsis, :tokens), evidence "
            "FROM search_claims WHERE search_claims MATCH :match AND rowid = :row",
            {"open": OPEN, "close": CLOSE, "ellipsis": ELLIPSIS, "tokens": CLAIM_SNIPPET_TOKENS,
             "match": plan.match, "row": row["row"]}).fetchone()
    snippet = fragments(found[0] or "")
    located = first_match(snippet)
    if located is None:
        return snippet, None
    excerpt, offset, length = located
    start = (found[1] or "").find(excerpt)
    at = claim["evidence_start"] + start + offset
    return snippet, ((at, at + length) if start >= 0 else None)


def _preview(text: str | None) -> str:
    """The start of a text, folded to one line and cut at a word."""
    folded = " ".join((text or "").split())
    if len(folded) < PREVIEW_CHARS - 1:
        return folded
    return folded[: folded.rfind(" ", 0, PREVIEW_CHARS - 1)].rstrip() + ELLIPSIS


@contextmanager
def _snapshot(connection: Any) -> Iterator[None]:
    """A read transaction, so the totals and the page see the same state of the store."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")
