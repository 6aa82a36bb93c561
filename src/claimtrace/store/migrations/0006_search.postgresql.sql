-- Full-text search on PostgreSQL, in place of 0006_search.sql (SQLite FTS5), read by
-- claimtrace.store.search through claimtrace.store.search_postgres.
--
-- Words are folded to lower case and stemmed by the 'english' text search configuration
-- ("sanctions" finds "sanction"; unlike the SQLite index, accents are kept and English stop
-- words are not indexed). Triggers keep each index in step with every write, replacement and
-- deletion of a document or claim, whichever code makes it.

-- A document's words: its title weighs more than its text (weight A against D). A tsvector
-- holds at most 1 MB of distinct words, so only the first 500,000 characters of a text count.
CREATE FUNCTION search_document_words(title TEXT, body TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', COALESCE(title, '')), 'A')
           || to_tsvector('english', left(body, 500000))
$$;

-- A claim's words: its evidence sentence (A) and who the claim is by (B).
CREATE FUNCTION search_claim_words(evidence TEXT, source TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', evidence), 'A')
           || setweight(to_tsvector('english', COALESCE(source, '')), 'B')
$$;

CREATE TABLE search_documents (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE,
    words TSVECTOR NOT NULL
);
CREATE INDEX search_documents_by_words ON search_documents USING GIN (words);

CREATE FUNCTION search_documents_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_documents (doc_id, words) VALUES (NEW.id, search_document_words(NEW.title, NEW.text))
    ON CONFLICT (doc_id) DO UPDATE SET words = excluded.words;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_documents_write AFTER INSERT OR UPDATE OF title, text ON documents
FOR EACH ROW EXECUTE FUNCTION search_documents_write();

-- Claims keep a copy of their sentence, as in SQLite: a claim's sentence lives in its
-- document's text. The document's own voice ("AUTHOR") is not a word to find.
CREATE TABLE search_claims (
    claim_id TEXT COLLATE "C" PRIMARY KEY REFERENCES event_claims (id) ON DELETE CASCADE ON UPDATE CASCADE,
    evidence TEXT NOT NULL,
    words TSVECTOR NOT NULL
);
CREATE INDEX search_claims_by_words ON search_claims USING GIN (words);

CREATE FUNCTION search_claims_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_claims (claim_id, evidence, words)
    SELECT NEW.id, e.evidence, search_claim_words(e.evidence, NULLIF(NEW.source, 'AUTHOR'))
    FROM (SELECT substr(d.text, NEW.evidence_start + 1, NEW.evidence_end - NEW.evidence_start) AS evidence
          FROM documents d WHERE d.id = NEW.doc_id) e
    ON CONFLICT (claim_id) DO UPDATE SET evidence = excluded.evidence, words = excluded.words;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_claims_write
AFTER INSERT OR UPDATE OF doc_id, evidence_start, evidence_end, source ON event_claims
FOR EACH ROW EXECUTE FUNCTION search_claims_write();

-- SQLite's COLLATE NOCASE for the filters (ICU folds the case of every letter, not only ASCII).
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- SQLite's instr(), with which search finds where a snippet is in its document's text.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT strpos(haystack, needle)
$$;

-- Filters and the choices of the search form read these without scanning the documents.
CREATE INDEX documents_by_published ON documents (published);
CREATE INDEX documents_by_outlet ON documents (outlet COLLATE nocase);
CREATE INDEX event_claims_by_source ON event_claims (source COLLATE nocase);

-- A store from before this migration: index what it holds.
INSERT INTO search_documents (doc_id, words) SELECT id, search_document_words(title, text) FROM documents;
INSERT INTO search_claims (claim_id, evidence, words)
SELECT e.id, e.evidence, search_claim_words(e.evidence, NULLIF(e.source, 'AUTHOR'))
FROM (SELECT c.id, c.source, substr(d.text, c.evidence_start + 1, c.evidence_end - c.evidence_start) AS evidence
      FROM event_claims c JOIN documents d ON d.id = c.doc_id) e;
