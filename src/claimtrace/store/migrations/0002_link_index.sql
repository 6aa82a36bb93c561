-- What linking keeps between runs, so that a new document is linked without
-- recomputing the corpus (issue 5).

-- Sentence vectors of claim evidence: a sentence is embedded once per model.
CREATE TABLE sentence_vectors (
    key TEXT PRIMARY KEY,  -- sha256 of the model name and the sentence text
    model TEXT NOT NULL,
    dimensions INTEGER NOT NULL CHECK (dimensions > 0),
    vector BLOB NOT NULL  -- float32, little-endian, dimensions * 4 bytes
);

-- The blocking keys under which each linked claim is filed (claimtrace.link.candidates),
-- and "document|<doc id>" for the document it came from. Replaced with the stories.
CREATE TABLE claim_link_keys (
    key TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    PRIMARY KEY (key, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_link_keys_by_claim ON claim_link_keys (claim_id);
