-- How many rows the counted tables hold, kept by triggers (issue 8): the overview and `claimtrace
-- status` counted ten tables on every request (COUNT(*) of 10.8 M mentions: 0.7 s warm, up to 6 s
-- with a cold cache at 100,000 documents); they now read this table. Triggers count every insert
-- and delete, whichever code makes it (cascades included); the two partial counts (analysed
-- documents, duplicate segments) also follow updates of their column.
--
-- PostgreSQL, in place of 0011_row_counts.sql: statement triggers with transition tables, so a
-- statement that writes many rows updates each count once.

CREATE TABLE row_counts (
    name TEXT COLLATE "C" PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO row_counts (name, n) SELECT 'documents', COUNT(*) FROM documents;
INSERT INTO row_counts (name, n) SELECT 'analysed_documents', COUNT(*) FROM documents WHERE status = 'analysed';
INSERT INTO row_counts (name, n) SELECT 'segments', COUNT(*) FROM segments;
INSERT INTO row_counts (name, n) SELECT 'duplicate_segments', COUNT(*) FROM segments WHERE duplicate_of IS NOT NULL;
INSERT INTO row_counts (name, n) SELECT 'entities', COUNT(*) FROM entities;
INSERT INTO row_counts (name, n) SELECT 'mentions', COUNT(*) FROM mentions;
INSERT INTO row_counts (name, n) SELECT 'attributions', COUNT(*) FROM attributions;
INSERT INTO row_counts (name, n) SELECT 'event_claims', COUNT(*) FROM event_claims;
INSERT INTO row_counts (name, n) SELECT 'stories', COUNT(*) FROM stories;
INSERT INTO row_counts (name, n) SELECT 'contradictions', COUNT(*) FROM contradictions;
INSERT INTO row_counts (name, n) SELECT 'rejected', COUNT(*) FROM rejections;

-- TG_ARGV[0]: the name of the count. A count's row is updated (and locked until the transaction
-- ends) only when a statement changed it: writers that insert nothing there do not wait on it.
CREATE FUNCTION row_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed BIGINT;
BEGIN
    SELECT COUNT(*) INTO changed FROM added;
    IF changed <> 0 THEN
        UPDATE row_counts SET n = n + changed WHERE name = TG_ARGV[0];
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION row_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed BIGINT;
BEGIN
    SELECT COUNT(*) INTO changed FROM removed;
    IF changed <> 0 THEN
        UPDATE row_counts SET n = n - changed WHERE name = TG_ARGV[0];
    END IF;
    RETURN NULL;
END
$$;

-- Documents: all of them, and the analysed ones (whose status an update can change).
CREATE FUNCTION row_counts_documents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gained BIGINT := 0;
    lost BIGINT := 0;
    changed BIGINT := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT COUNT(*) FILTER (WHERE status = 'analysed') INTO gained FROM after_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT COUNT(*) FILTER (WHERE status = 'analysed') INTO lost FROM before_rows;
    END IF;
    UPDATE row_counts SET n = n + gained - lost WHERE name = 'analysed_documents' AND gained <> lost;
    IF TG_OP = 'INSERT' THEN  -- (a transition table exists only for the events it is declared for)
        SELECT COUNT(*) INTO changed FROM after_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT -COUNT(*) INTO changed FROM before_rows;
    END IF;
    IF changed <> 0 THEN
        UPDATE row_counts SET n = n + changed WHERE name = 'documents';
    END IF;
    RETURN NULL;
END
$$;

-- Segments: all of them, and those that repeat another segment.
CREATE FUNCTION row_counts_segments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gained BIGINT := 0;
    lost BIGINT := 0;
    changed BIGINT := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT COUNT(*) FILTER (WHERE duplicate_of IS NOT NULL) INTO gained FROM after_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT COUNT(*) FILTER (WHERE duplicate_of IS NOT NULL) INTO lost FROM before_rows;
    END IF;
    UPDATE row_counts SET n = n + gained - lost WHERE name = 'duplicate_segments' AND gained <> lost;
    IF TG_OP = 'INSERT' THEN  -- (a transition table exists only for the events it is declared for)
        SELECT COUNT(*) INTO changed FROM after_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT -COUNT(*) INTO changed FROM before_rows;
    END IF;
    IF changed <> 0 THEN
        UPDATE row_counts SET n = n + changed WHERE name = 'segments';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER row_counts_documents_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS after_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_documents();
CREATE TRIGGER row_counts_documents_update AFTER UPDATE ON documents REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_documents();
CREATE TRIGGER row_counts_documents_delete AFTER DELETE ON documents REFERENCING OLD TABLE AS before_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_documents();

CREATE TRIGGER row_counts_segments_insert AFTER INSERT ON segments REFERENCING NEW TABLE AS after_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_segments();
CREATE TRIGGER row_counts_segments_update AFTER UPDATE ON segments REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_segments();
CREATE TRIGGER row_counts_segments_delete AFTER DELETE ON segments REFERENCING OLD TABLE AS before_rows
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_segments();

-- The other counted tables: inserts and deletes.
CREATE TRIGGER row_counts_entities_insert AFTER INSERT ON entities REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('entities');
CREATE TRIGGER row_counts_entities_delete AFTER DELETE ON entities REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('entities');
CREATE TRIGGER row_counts_mentions_insert AFTER INSERT ON mentions REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('mentions');
CREATE TRIGGER row_counts_mentions_delete AFTER DELETE ON mentions REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('mentions');
CREATE TRIGGER row_counts_attributions_insert AFTER INSERT ON attributions REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('attributions');
CREATE TRIGGER row_counts_attributions_delete AFTER DELETE ON attributions REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('attributions');
CREATE TRIGGER row_counts_event_claims_insert AFTER INSERT ON event_claims REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('event_claims');
CREATE TRIGGER row_counts_event_claims_delete AFTER DELETE ON event_claims REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('event_claims');
CREATE TRIGGER row_counts_stories_insert AFTER INSERT ON stories REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('stories');
CREATE TRIGGER row_counts_stories_delete AFTER DELETE ON stories REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('stories');
CREATE TRIGGER row_counts_contradictions_insert AFTER INSERT ON contradictions REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('contradictions');
CREATE TRIGGER row_counts_contradictions_delete AFTER DELETE ON contradictions REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('contradictions');
CREATE TRIGGER row_counts_rejections_insert AFTER INSERT ON rejections REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_added('rejected');
CREATE TRIGGER row_counts_rejections_delete AFTER DELETE ON rejections REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION row_counts_removed('rejected');
