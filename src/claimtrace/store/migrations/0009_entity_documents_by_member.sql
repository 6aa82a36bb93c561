-- The documents an entity is mentioned in, counted from the entity index (web_queries.mention_summary):
-- one row per document and entity key instead of one per mention, read by key.
CREATE INDEX entity_documents_by_member ON entity_documents (member_key, doc_id);
