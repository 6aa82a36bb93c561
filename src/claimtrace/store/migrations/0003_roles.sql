-- Roles: the offices a document says a person holds or held, with when (claimtrace.model.Role).
CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    person_key TEXT NOT NULL,
    person TEXT NOT NULL,
    title TEXT NOT NULL,
    affiliation TEXT,
    affiliation_key TEXT,
    time TEXT,
    until TEXT,
    current INTEGER NOT NULL CHECK (current IN (0, 1)),
    span_start INTEGER,
    span_end INTEGER,
    UNIQUE (doc_id, ordinal),
    CHECK ((span_start IS NULL) = (span_end IS NULL)),
    CHECK (span_start IS NULL OR span_start <= span_end)
);

CREATE INDEX roles_by_person ON roles (person_key);
