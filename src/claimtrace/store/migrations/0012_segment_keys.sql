-- The near-duplicate index on disk (issue 8): each stored segment filed under its keys (the hash of
-- its normalised text and one per LSH band of its MinHash, claimtrace.segment.duplicates.BandLayout),
-- so a writer looks up a new segment's candidates here instead of holding every signature in memory
-- (5.3 KiB a segment, 13 MiB per 1,000 documents). The keys are derived from segments.signature: the
-- writer files the segments of each document it stores and, when it starts, those of any document
-- stored without them (this migration's older segments included) or filed under another layout.
-- A segment's keys go with it (a document written again replaces its segments).
CREATE TABLE segment_keys (
    key BIGINT NOT NULL,
    segment_id TEXT NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    PRIMARY KEY (key, segment_id)
) WITHOUT ROWID;
CREATE INDEX segment_keys_by_segment ON segment_keys (segment_id);

-- The band layout the keys are of (one row; none before any segment is filed).
CREATE TABLE segment_key_layout (
    layout TEXT NOT NULL
);
