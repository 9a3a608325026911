-- A user's conversation list is ordered by the conversation's own updated_at: a post no longer
-- rewrites every participant's row (ten index entries and ten dead rows per message in a group
-- of ten). The column stays, unwritten and nullable, while instances of the previous release
-- may still run during a rolling deploy; a later release drops it.
DROP INDEX participant_user_activity;
ALTER TABLE participant ALTER COLUMN last_activity DROP NOT NULL;
CREATE INDEX participant_user ON participant (user_id, conversation_id);
