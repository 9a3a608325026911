-- message becomes PARTITION BY HASH (conversation_id) in 16 partitions (docs/decisions.md says why
-- 16), so history, seq allocation and catch-up read one partition's indexes. The rows are copied
-- in this transaction (Flyway's): the table is locked for the copy and nothing is lost or half done.
-- Every key of a partitioned table includes its partition key, hence (conversation_id, id) and a
-- reaction that names its message's conversation.

-- The old table and its names move aside, so the new ones keep theirs.
ALTER TABLE message RENAME TO message_unpartitioned;
ALTER TABLE message_unpartitioned RENAME CONSTRAINT message_pkey TO message_unpartitioned_pkey;
ALTER TABLE message_unpartitioned RENAME CONSTRAINT message_seq TO message_unpartitioned_seq;
ALTER TABLE message_unpartitioned RENAME CONSTRAINT message_client_id TO message_unpartitioned_client_id;
ALTER TABLE message_unpartitioned RENAME CONSTRAINT message_conversation_id_fkey TO message_unpartitioned_conversation_id_fkey;
ALTER INDEX message_search RENAME TO message_unpartitioned_search;
ALTER INDEX message_reply_to RENAME TO message_unpartitioned_reply_to;

-- Same columns, order, types and defaults as V2 + V10 + V11.
CREATE TABLE message (
    id                UUID        NOT NULL,
    conversation_id   UUID        NOT NULL,
    seq               BIGINT      NOT NULL,
    sender_id         UUID        NOT NULL,
    body              TEXT        NOT NULL,
    attachments       JSONB       NOT NULL DEFAULT '[]',
    client_message_id TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    edited_at         TIMESTAMPTZ,
    deleted_at        TIMESTAMPTZ,
    search            tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED,
    reply_to_id       UUID,
    reply_to_seq      BIGINT,
    reply_to_sender   UUID,
    reply_excerpt     TEXT
) PARTITION BY HASH (conversation_id);

DO $$
BEGIN
    FOR r IN 0..15 LOOP
        EXECUTE format('CREATE TABLE message_p%s PARTITION OF message FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       lpad(r::text, 2, '0'), r);
    END LOOP;
END
$$;

-- Copied before the indexes exist: one sorted build per index instead of a row-by-row insert into each.
INSERT INTO message (id, conversation_id, seq, sender_id, body, attachments, client_message_id, created_at, edited_at, deleted_at,
                     reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt)
SELECT id, conversation_id, seq, sender_id, body, attachments, client_message_id, created_at, edited_at, deleted_at,
       reply_to_id, reply_to_seq, reply_to_sender, reply_excerpt
FROM message_unpartitioned;

ALTER TABLE message
    ADD CONSTRAINT message_pkey PRIMARY KEY (conversation_id, id),
    ADD CONSTRAINT message_seq UNIQUE (conversation_id, seq),
    ADD CONSTRAINT message_client_id UNIQUE (conversation_id, sender_id, client_message_id),
    ADD CONSTRAINT message_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversation (id) ON DELETE CASCADE;
-- /api/messages/{id} names a message by id alone: this finds its conversation (one probe per partition), see docs/decisions.md.
CREATE INDEX message_id ON message (id);
CREATE INDEX message_search ON message USING gin (conversation_id, search) WHERE deleted_at IS NULL;
-- A reply is in its original's conversation: deleting the original empties excerpts in that partition only.
CREATE INDEX message_reply_to ON message (conversation_id, reply_to_id) WHERE reply_to_id IS NOT NULL;

-- A reaction names its message by (conversation_id, id), the only key a partitioned message has.
ALTER TABLE reaction ADD COLUMN conversation_id UUID;
UPDATE reaction r SET conversation_id = m.conversation_id FROM message_unpartitioned m WHERE m.id = r.message_id;
ALTER TABLE reaction ALTER COLUMN conversation_id SET NOT NULL;
ALTER TABLE reaction DROP CONSTRAINT reaction_message_id_fkey;
ALTER TABLE reaction ADD CONSTRAINT reaction_message_fkey FOREIGN KEY (conversation_id, message_id)
    REFERENCES message (conversation_id, id) ON DELETE CASCADE;

DROP TABLE message_unpartitioned;
ANALYZE message;
ANALYZE reaction;
