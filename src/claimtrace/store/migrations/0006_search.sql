-- Full-text search over documents (title, text) and event claims (evidence sentence, source),
-- read by claimtrace.store.search (issue 6). SQLite FTS5; PostgreSQL has 0006_search.postgresql.sql.
--
-- Triggers keep the indexes in step with every write, replacement and deletion of a document
-- or claim, whichever code makes it. Words are folded to lower case without diacritics
-- ("Škoda" finds "Skoda") and stemmed ("sanctions" finds "sanction").
--
-- FTS5 files rows under an integer rowid, but documents and claims have text ids, and VACUUM
-- may renumber the implicit rowids of such tables: each index keeps its own stable numbers.

CREATE TABLE search_document_keys (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE
);

-- The document index holds no copy of the text: it reads titles and texts through this view.
CREATE VIEW search_document_content AS
SELECT k.id AS id, d.title AS title, d.text AS text
FROM search_document_keys k JOIN documents d ON d.id = k.doc_id;

CREATE VIRTUAL TABLE search_documents USING fts5(
    title, text,
    content = 'search_document_content', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- An index over an external table forgets a row only when given the words it was filed
-- under, so each trigger passes the old title and text.
CREATE TRIGGER search_documents_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_document_keys (doc_id) VALUES (new.id);
    INSERT INTO search_documents (rowid, title, text)
    SELECT id, new.title, new.text FROM search_document_keys WHERE doc_id = new.id;
END;

CREATE TRIGGER search_documents_update AFTER UPDATE OF id, title, text ON documents
WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
    INSERT INTO search_documents (search_documents, rowid, title, text)
    SELECT 'delete', id, old.title, old.text FROM search_document_keys WHERE doc_id = old.id;
    UPDATE search_document_keys SET doc_id = new.id WHERE doc_id = old.id;
    INSERT INTO search_documents (rowid, title, text)
    SELECT id, new.title, new.text FROM search_document_keys WHERE doc_id = new.id;
END;

CREATE TRIGGER search_documents_delete AFTER DELETE ON documents BEGIN
    INSERT INTO search_documents (search_documents, rowid, title, text)
    SELECT 'delete', id, old.title, old.text FROM search_document_keys WHERE doc_id = old.id;
    DELETE FROM search_document_keys WHERE doc_id = old.id;
END;

-- A claim rewritten with its document keeps its number (so rewriting a document changes no row
-- outside the index itself); numbers of claims gone for good go with their document.
CREATE TABLE search_claim_keys (
    id INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL
);
CREATE INDEX search_claim_keys_by_document ON search_claim_keys (doc_id);

-- Claims keep a copy of their sentence: it is short, and a claim deleted with its document
-- (ON DELETE CASCADE) can no longer read it from the document. The document's own voice
-- ("AUTHOR") is not a word to find.
CREATE VIRTUAL TABLE search_claims USING fts5(
    evidence, source,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_claims_insert AFTER INSERT ON event_claims BEGIN
    INSERT OR IGNORE INTO search_claim_keys (claim_id, doc_id) VALUES (new.id, new.doc_id);
    INSERT INTO search_claims (rowid, evidence, source)
    SELECT k.id, substr(d.text, new.evidence_start + 1, new.evidence_end - new.evidence_start),
           NULLIF(new.source, 'AUTHOR')
    FROM search_claim_keys k JOIN documents d ON d.id = new.doc_id
    WHERE k.claim_id = new.id;
END;

CREATE TRIGGER search_claims_update
AFTER UPDATE OF id, doc_id, evidence_start, evidence_end, source ON event_claims BEGIN
    DELETE FROM search_claims WHERE rowid = (SELECT id FROM search_claim_keys WHERE claim_id = old.id);
    INSERT OR IGNORE INTO search_claim_keys (claim_id, doc_id) VALUES (new.id, new.doc_id);
    INSERT INTO search_claims (rowid, evidence, source)
    SELECT k.id, substr(d.text, new.evidence_start + 1, new.evidence_end - new.evidence_start),
           NULLIF(new.source, 'AUTHOR')
    FROM search_claim_keys k JOIN documents d ON d.id = new.doc_id
    WHERE k.claim_id = new.id;
END;

CREATE TRIGGER search_claims_delete AFTER DELETE ON event_claims BEGIN
    DELETE FROM search_claims WHERE rowid = (SELECT id FROM search_claim_keys WHERE claim_id = old.id);
END;

-- A deleted document takes its claims' index rows and numbers with it (before or after the
-- claims themselves go, by ON DELETE CASCADE).
CREATE TRIGGER search_claims_document_delete AFTER DELETE ON documents BEGIN
    DELETE FROM search_claims WHERE rowid IN (SELECT id FROM search_claim_keys WHERE doc_id = old.id);
    DELETE FROM search_claim_keys WHERE doc_id = old.id;
END;

-- The source filter and the choices of the search form find outlets and sources without
-- reading every row (a document's outlet is stored after its text).
CREATE INDEX documents_by_outlet ON documents (outlet COLLATE NOCASE);
CREATE INDEX event_claims_by_source ON event_claims (source COLLATE NOCASE);
-- The claims of a type and their documents, read from the index alone.
DROP INDEX event_claims_by_type;
CREATE INDEX event_claims_by_type ON event_claims (type, doc_id, id);

-- A store from before this migration: index what it holds.
INSERT INTO search_document_keys (doc_id) SELECT id FROM documents ORDER BY rowid;
INSERT INTO search_documents (search_documents) VALUES ('rebuild');
INSERT INTO search_claim_keys (claim_id, doc_id) SELECT id, doc_id FROM event_claims ORDER BY rowid;
INSERT INTO search_claims (rowid, evidence, source)
SELECT k.id, substr(d.text, c.evidence_start + 1, c.evidence_end - c.evidence_start), NULLIF(c.source, 'AUTHOR')
FROM search_claim_keys k JOIN event_claims c ON c.id = k.claim_id JOIN documents d ON d.id = c.doc_id;
