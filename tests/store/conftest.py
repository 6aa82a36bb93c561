"""Hand-built documents for the store tests, and a store on each engine.

:func:`build_document` is deterministic in its number, so a test (or a child
process killed mid-write) can rebuild exactly what was written. The sentences
are written for these tests and name made-up countries.

The ``store`` fixture runs a test on SQLite and on PostgreSQL (a throwaway
server started once per session, see ``postgres_cluster.py``; a database per test).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimtrace.model import Attribution, Document, EventClaim, Mention, Segment
from claimtrace.store import Store
from claimtrace.store.sql import Connection, engine_of

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def build_document(number: int) -> Document:
    """Document ``number``: an article with an attributed arms-transfer claim, extra denials, one comment.

    The number of denials (and so of mentions, attributions and claims) varies
    with ``number`` so per-document counts differ.
    """
    day = WEEKDAYS[number % len(WEEKDAYS)]
    denials = number % 4
    article = (f"Bulletin {number}. The defence ministry of Norland said on {day} that {number + 2} "
               f"patrol boats were delivered to Suderia by a shipyard in Ostavia.")
    article += "".join(f" Suderia denied report {k} of the delivery." for k in range(denials))
    comment = f"reader_{number}: I doubt Ostavia sells boats to anyone."
    text = f"{article}\n\nComments\n{comment}\n"
    doc = Document(name=f"bulletin-{number:04d}", text=text, origin=f"/feeds/bulletin-{number:04d}.txt",
                   format="txt", title=f"Bulletin {number}", url=f"https://news.example/b/{number}",
                   published=f"2021-03-{1 + number % 28:02d}", author="Desk", outlet="Example Wire",
                   language="en")
    doc_id = doc.id
    comment_start = text.index(comment)
    article_segment = Segment(doc_id, "article", 0, len(article), author="Desk", published=doc.published,
                              signature=bytes([number % 256, 1, 2, 3]) * 4)
    comment_segment = Segment(doc_id, "comment", comment_start, comment_start + len(comment),
                              author=f"reader_{number}", duplicate_of="0123456789abcdef" if number % 2 else None,
                              similarity=0.8125 if number % 2 else None)
    doc.segments = [article_segment, comment_segment]

    source_span = _span(text, "The defence ministry of Norland")
    cue_span = _span(text, "said")
    content = (cue_span[1] + 1, len(article) if not denials else text.index(" Suderia denied"))
    attribution = Attribution(doc_id, content, "defence ministry of Norland", "government", "said", cue_span,
                              "positive", source_span=source_span, source_key="government:norland defence ministry",
                              kind="reported", segment_id=article_segment.id)
    opinion = Attribution(doc_id, (comment_start + len(f"reader_{number}: "), comment_start + len(comment)),
                          f"reader_{number}", "person", "I doubt", None, "positive", segment_id=comment_segment.id)
    doc.attributions = [attribution, opinion]

    doc.mentions = [
        Mention(*_span(text, "Norland"), "Norland", "GPE", "country:NL-test", "Norland", "place"),
        Mention(*_span(text, "Suderia"), "Suderia", "GPE", "country:SU-test", "Suderia", "place"),
        Mention(*_span(text, "Ostavia"), "Ostavia", "GPE", "country:OS-test", "Ostavia", "place"),
    ]
    delivery = EventClaim(doc_id, "arms_transfer", evidence=content, trigger=_span(text, "delivered"),
                          source="defence ministry of Norland", source_type="government", certainty="probable",
                          arguments={"agent": "Ostavia", "recipient": "Suderia", "item": "patrol boats"},
                          argument_keys={"agent": "country:OS-test", "recipient": "country:SU-test"},
                          time="2021-03", time_text=f"on {day}", attribution_id=attribution.id,
                          segment_id=article_segment.id)
    doc.event_claims = [delivery]
    after = 0
    for k in range(denials):
        sentence = _span(text, f"Suderia denied report {k} of the delivery.", after)
        after = sentence[1]
        doc.mentions.append(Mention(sentence[0], sentence[0] + 7, "Suderia", "GPE", "country:SU-test", "Suderia",
                                    "place"))
        denial = Attribution(doc_id, (sentence[0] + 15, sentence[1] - 1), "Suderia", "government", "denied",
                             (sentence[0] + 8, sentence[0] + 14), "negative", source_key="country:SU-test",
                             segment_id=article_segment.id)
        doc.attributions.append(denial)
        doc.event_claims.append(EventClaim(
            doc_id, "arms_transfer", evidence=sentence, trigger=(sentence[0] + 8, sentence[0] + 14),
            source="Suderia", source_type="government", polarity="negative", certainty="certain",
            argument_keys={"recipient": "country:SU-test"}, attribution_id=denial.id,
            segment_id=article_segment.id))
    return doc


def expected_counts(document: Document) -> dict[str, int]:
    """Rows a stored document must have in each child table."""
    return {
        "segments": len(document.segments),
        "mentions": len(document.mentions),
        "attributions": len(document.attributions),
        "event_claims": len(document.event_claims),
        "claim_arguments": sum(len(set(c.arguments) | set(c.argument_keys)) for c in document.event_claims),
    }


def stored_counts(connection: Connection, doc_id: str) -> dict[str, int]:
    """Rows stored for a document in each child table."""
    counts = {table: connection.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
              for table in ("segments", "mentions", "attributions", "event_claims")}
    counts["claim_arguments"] = connection.execute(
        "SELECT COUNT(*) FROM claim_arguments WHERE claim_id IN (SELECT id FROM event_claims WHERE doc_id = ?)",
        (doc_id,)).fetchone()[0]
    return counts


def table_rows(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: the whole content of the store."""
    tables = _TABLES[engine_of(connection)]
    return {row[0]: sorted((tuple(r) for r in connection.execute(f"SELECT * FROM {row[0]}")), key=repr)
            for row in connection.execute(tables).fetchall()}


_TABLES = {
    # ordinary tables: not a full-text index's own (shadow) tables, whose layout shifts with every write
    "sqlite": "SELECT name FROM pragma_table_list "
              "WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
}


@pytest.fixture
def count_children() -> Callable[[Connection, str], dict[str, int]]:
    return stored_counts


@pytest.fixture
def dump_tables() -> Callable[[Connection], dict[str, list[tuple[object, ...]]]]:
    return table_rows


@pytest.fixture
def expect_children() -> Callable[[Document], dict[str, int]]:
    return expected_counts


@pytest.fixture
def make_document() -> Callable[[int], Document]:
    return build_document


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kb.db"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's admin database: $CLAIMTRACE_TEST_POSTGRES, or a throwaway cluster."""
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    from tests.store.postgres_cluster import SERVER_ENV, ClusterUnavailable, ThrowawayCluster

    if os.environ.get(SERVER_ENV):
        yield os.environ[SERVER_ENV]
        return
    try:
        cluster = ThrowawayCluster()
        url = cluster.start()
    except ClusterUnavailable as error:
        pytest.skip(f"no PostgreSQL server for the PostgreSQL tests: {error}")
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new empty database of its own, dropped after the test."""
    from tests.store.postgres_cluster import create_database, drop_database

    url = create_database(postgres_server)
    yield url
    drop_database(postgres_server, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a test's store lives: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with Store(store_location) as opened:
        yield opened
