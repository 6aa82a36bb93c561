-- The first schema of the claimtrace store.
--
-- Ids are the deterministic ids of claimtrace.model (hashes of content), so
-- writing the same document twice changes nothing. Offsets are str indices
-- into documents.text. "ordinal" keeps the order of a document's lists so a
-- document reads back exactly as it was written. "start" and "end" are quoted
-- because END is a reserved word in standard SQL (and in PostgreSQL).

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    origin TEXT NOT NULL,
    format TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    title TEXT,
    url TEXT,
    published TEXT,
    author TEXT,
    outlet TEXT,
    language TEXT,
    status TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE segments (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'comment')),
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    author TEXT,
    published TEXT,
    duplicate_of TEXT,  -- may name a segment of another document: no foreign key
    similarity REAL CHECK (similarity IS NULL OR (similarity >= 0 AND similarity <= 1)),
    signature BLOB,
    UNIQUE (doc_id, ordinal),
    CHECK ("start" >= 0 AND "start" <= "end")
);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    entity_type TEXT NOT NULL
        CHECK (entity_type IN ('person', 'organization', 'government', 'place', 'media', 'other')),
    PRIMARY KEY (doc_id, "start", "end"),
    UNIQUE (doc_id, ordinal),
    CHECK ("start" >= 0 AND "start" <= "end")
);
CREATE INDEX mentions_by_entity ON mentions (entity_key);

CREATE TABLE attributions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    segment_id TEXT REFERENCES segments (id),
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_type TEXT NOT NULL
        CHECK (source_type IN ('person', 'organization', 'government', 'media', 'unnamed', 'author')),
    source_start INTEGER,
    source_end INTEGER,
    source_key TEXT,
    cue TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'negative')),
    kind TEXT NOT NULL,
    UNIQUE (doc_id, ordinal),
    CHECK (content_start >= 0 AND content_start <= content_end),
    CHECK ((source_start IS NULL AND source_end IS NULL) OR (source_start >= 0 AND source_start <= source_end)),
    CHECK ((cue_start IS NULL AND cue_end IS NULL) OR (cue_start >= 0 AND cue_start <= cue_end))
);
CREATE INDEX attributions_by_source ON attributions (source_key);

CREATE TABLE event_claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    segment_id TEXT REFERENCES segments (id),
    type TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_type TEXT NOT NULL
        CHECK (source_type IN ('person', 'organization', 'government', 'media', 'unnamed', 'author')),
    polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'negative')),
    certainty TEXT NOT NULL CHECK (certainty IN ('certain', 'probable', 'possible')),
    time TEXT,
    time_end TEXT,
    time_text TEXT,
    attribution_id TEXT REFERENCES attributions (id),
    UNIQUE (doc_id, ordinal),
    CHECK (evidence_start >= 0 AND evidence_start <= evidence_end),
    CHECK (trigger_start >= 0 AND trigger_start <= trigger_end)
);
CREATE INDEX event_claims_by_type ON event_claims (type);
CREATE INDEX event_claims_by_attribution ON event_claims (attribution_id);

CREATE TABLE claim_arguments (
    claim_id TEXT NOT NULL REFERENCES event_claims (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    value TEXT,  -- NULL when the role has an entity key but no name
    entity_key TEXT,
    PRIMARY KEY (claim_id, role),
    CHECK (value IS NOT NULL OR entity_key IS NOT NULL)
);
CREATE INDEX claim_arguments_by_entity ON claim_arguments (entity_key);

-- The cross-document layer, replaced as a whole each time the corpus is relinked.

CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL
        CHECK (type IN ('person', 'organization', 'government', 'place', 'media', 'other'))
);

-- Every mention key resolved to one entity; an entity's own key is a member of it.
CREATE TABLE entity_members (
    member_key TEXT PRIMARY KEY,
    entity_key TEXT NOT NULL REFERENCES entities (key) ON DELETE CASCADE
);
CREATE INDEX entity_members_by_entity ON entity_members (entity_key);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    time TEXT
);

-- No foreign key to event_claims: claims are rewritten with their documents,
-- keep their ids, and the links are recomputed after every ingest.
CREATE TABLE story_claims (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (story_id, claim_id)
);
CREATE INDEX story_claims_by_claim ON story_claims (claim_id);

CREATE TABLE contradictions (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    claim_a TEXT NOT NULL,
    claim_b TEXT NOT NULL,
    kind TEXT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (claim_a, claim_b),
    CHECK (claim_a <> claim_b)
);
CREATE INDEX contradictions_by_story ON contradictions (story_id);

CREATE TABLE rejections (
    id TEXT PRIMARY KEY,  -- make_id(origin, reason)
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);
