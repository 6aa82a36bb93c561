-- What entity resolution keeps between runs, so that the mentions of a new document
-- are resolved without reading the corpus (issue 5; claimtrace.link.incremental_entities).

-- How many mentions of each entity key carry each name, type and text.
CREATE TABLE entity_key_counts (
    member_key TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('name', 'type', 'text')),
    value TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (member_key, field, value)
) WITHOUT ROWID;

-- The block keys each entity key is filed under (claimtrace.link.entity_blocks).
CREATE TABLE entity_blocks (
    block TEXT NOT NULL,
    member_key TEXT NOT NULL,
    PRIMARY KEY (block, member_key)
) WITHOUT ROWID;
CREATE INDEX entity_blocks_by_member ON entity_blocks (member_key);

-- The entity keys of each document as it was when its mentions were last resolved;
-- every resolved document also has a row with member_key '' (it may have no mention).
CREATE TABLE entity_documents (
    doc_id TEXT NOT NULL,
    member_key TEXT NOT NULL,
    PRIMARY KEY (doc_id, member_key)
) WITHOUT ROWID;
