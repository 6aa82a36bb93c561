-- Documents written since the cross-document layer last took them in. A document is
-- queued in the transaction that writes it and leaves the queue once it is linked,
-- so finding what is left to link (after an interrupted run, say) never scans the corpus.
CREATE TABLE pending_links (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE
) WITHOUT ROWID;

-- A store from before this migration: queue what its link state shows as never linked.
INSERT INTO pending_links (doc_id)
SELECT d.id FROM documents d
WHERE NOT EXISTS (SELECT 1 FROM entity_documents e WHERE e.doc_id = d.id AND e.member_key = '')
   OR EXISTS (SELECT 1 FROM event_claims c WHERE c.doc_id = d.id
              AND NOT EXISTS (SELECT 1 FROM claim_link_keys k WHERE k.claim_id = c.id));
