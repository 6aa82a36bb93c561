-- Indexes the story page, `claimtrace story` and the entity dossier need to answer in a few
-- milliseconds on a large store (issue 8, docs/scaling.md "Store latency").
--
-- Which segments duplicate a segment of these documents: the second half of
-- link_index.shared_passages, a lookup by duplicate_of instead of a scan of every segment.
CREATE INDEX segments_by_duplicate ON segments (duplicate_of);

-- An entity's mentions counted from the index alone (web_queries.mention_summary: its
-- documents and spellings), without reading a mention row. It serves every lookup by
-- entity_key, so it replaces the index on entity_key alone.
CREATE INDEX mentions_by_entity_document ON mentions (entity_key, doc_id, text);
DROP INDEX mentions_by_entity;
