-- The overview's and the register's reads by index (issue 8): the overview's most contested stories
-- were ranked over every story per request (9 s at 100,000 documents), its recent documents sorted
-- every document; the register built every row on one page (22 s at 10,000 documents).
--
-- Each story keeps how many contradictions, tensions and claims it has, written with the story
-- (link_index.insert_stories: a story's contradictions change only when the story is rewritten).
ALTER TABLE stories ADD COLUMN contradiction_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN tension_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET
    contradiction_count = (SELECT COUNT(*) FROM contradictions c
                           WHERE c.story_id = stories.id AND c.kind = 'contradiction'),
    tension_count = (SELECT COUNT(*) FROM contradictions c
                     WHERE c.story_id = stories.id AND c.kind <> 'contradiction'),
    claim_count = (SELECT COUNT(*) FROM story_claims m WHERE m.story_id = stories.id);
CREATE INDEX stories_by_contest ON stories (contradiction_count DESC, tension_count DESC, claim_count DESC, id);

CREATE INDEX documents_by_ingested ON documents (ingested_at);

-- The register, a page at a time: the stories of one type, newest first.
CREATE INDEX stories_by_type_time ON stories (type, time, id);
