-- A reply keeps what it answered as it was at reply time: the original's id, seq, sender and
-- the first 100 characters of its body (emptied when the original is deleted).
ALTER TABLE message
    ADD COLUMN reply_to_id     UUID,
    ADD COLUMN reply_to_seq    BIGINT,
    ADD COLUMN reply_to_sender UUID,
    ADD COLUMN reply_excerpt   TEXT;
-- Deleting a message finds its replies to empty their excerpts.
CREATE INDEX message_reply_to ON message (reply_to_id) WHERE reply_to_id IS NOT NULL;
