-- Full-text search over message bodies. btree_gin lets one GIN index hold the conversation id
-- beside the lexemes, so a search over a user's conversations reads only their postings.
CREATE EXTENSION IF NOT EXISTS btree_gin;
ALTER TABLE message ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED;
-- Tombstones have an empty body; the predicate also keeps them out of the index.
CREATE INDEX message_search ON message USING gin (conversation_id, search) WHERE deleted_at IS NULL;
