-- What `claimtrace watch` remembers between polls and between runs: the size and
-- modification time of every file it has read (an unchanged file is not read again),
-- each feed's validators (ETag, Last-Modified) and last error, and the feed items it
-- has taken in (an item's page is fetched once). BIGINT: nanosecond times pass 2**31.
CREATE TABLE watched_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    checked_at TEXT NOT NULL
);

CREATE TABLE watched_feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL,
    error TEXT  -- why the last poll of the feed failed; NULL when it worked
);

CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    link TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
