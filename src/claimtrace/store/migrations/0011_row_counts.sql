-- How many rows the counted tables hold, kept by triggers (issue 8): the overview and `claimtrace
-- status` counted ten tables on every request (COUNT(*) of 10.8 M mentions: 0.7 s warm, up to 6 s
-- with a cold cache at 100,000 documents); they now read this table. Triggers count every insert
-- and delete, whichever code makes it (cascades included); the two partial counts (analysed
-- documents, duplicate segments) also follow updates of their column.

CREATE TABLE row_counts (
    name TEXT PRIMARY KEY,
    n INTEGER NOT NULL
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

-- SQLite triggers run once per row.
CREATE TRIGGER row_counts_documents_insert AFTER INSERT ON documents BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'documents';
    UPDATE row_counts SET n = n + 1 WHERE name = 'analysed_documents' AND new.status = 'analysed';
END;
CREATE TRIGGER row_counts_documents_status AFTER UPDATE OF status ON documents
WHEN (old.status IS 'analysed') IS NOT (new.status IS 'analysed') BEGIN
    UPDATE row_counts SET n = n + (CASE WHEN new.status IS 'analysed' THEN 1 ELSE -1 END)
    WHERE name = 'analysed_documents';
END;
CREATE TRIGGER row_counts_documents_delete AFTER DELETE ON documents BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'documents';
    UPDATE row_counts SET n = n - 1 WHERE name = 'analysed_documents' AND old.status = 'analysed';
END;
CREATE TRIGGER row_counts_segments_insert AFTER INSERT ON segments BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'segments';
    UPDATE row_counts SET n = n + 1 WHERE name = 'duplicate_segments' AND new.duplicate_of IS NOT NULL;
END;
CREATE TRIGGER row_counts_segments_duplicate AFTER UPDATE OF duplicate_of ON segments
WHEN (old.duplicate_of IS NULL) IS NOT (new.duplicate_of IS NULL) BEGIN
    UPDATE row_counts SET n = n + (CASE WHEN new.duplicate_of IS NULL THEN -1 ELSE 1 END)
    WHERE name = 'duplicate_segments';
END;
CREATE TRIGGER row_counts_segments_delete AFTER DELETE ON segments BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'segments';
    UPDATE row_counts SET n = n - 1 WHERE name = 'duplicate_segments' AND old.duplicate_of IS NOT NULL;
END;
CREATE TRIGGER row_counts_entities_insert AFTER INSERT ON entities BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'entities';
END;
CREATE TRIGGER row_counts_entities_delete AFTER DELETE ON entities BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'entities';
END;
CREATE TRIGGER row_counts_mentions_insert AFTER INSERT ON mentions BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'mentions';
END;
CREATE TRIGGER row_counts_mentions_delete AFTER DELETE ON mentions BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'mentions';
END;
CREATE TRIGGER row_counts_attributions_insert AFTER INSERT ON attributions BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'attributions';
END;
CREATE TRIGGER row_counts_attributions_delete AFTER DELETE ON attributions BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'attributions';
END;
CREATE TRIGGER row_counts_event_claims_insert AFTER INSERT ON event_claims BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'event_claims';
END;
CREATE TRIGGER row_counts_event_claims_delete AFTER DELETE ON event_claims BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'event_claims';
END;
CREATE TRIGGER row_counts_stories_insert AFTER INSERT ON stories BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'stories';
END;
CREATE TRIGGER row_counts_stories_delete AFTER DELETE ON stories BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'stories';
END;
CREATE TRIGGER row_counts_contradictions_insert AFTER INSERT ON contradictions BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'contradictions';
END;
CREATE TRIGGER row_counts_contradictions_delete AFTER DELETE ON contradictions BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'contradictions';
END;
CREATE TRIGGER row_counts_rejections_insert AFTER INSERT ON rejections BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'rejected';
END;
CREATE TRIGGER row_counts_rejections_delete AFTER DELETE ON rejections BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'rejected';
END;
