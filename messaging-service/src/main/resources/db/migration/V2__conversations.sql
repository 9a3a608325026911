-- Conversations, participants and messages. seq is per conversation and assigned in the
-- inserting transaction from conversation.last_seq (the row lock serialises posters).
CREATE TABLE conversation (
    id              UUID PRIMARY KEY,
    type            TEXT        NOT NULL CHECK (type IN ('direct', 'group')),
    title           TEXT,
    tenant_id       UUID,
    -- "<smaller user id>:<larger user id>" for direct conversations: one per pair.
    direct_key      TEXT UNIQUE,
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    last_message_id UUID
);

CREATE TABLE participant (
    conversation_id UUID        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL,
    joined_at       TIMESTAMPTZ NOT NULL,
    last_read_seq   BIGINT      NOT NULL DEFAULT 0,
    -- conversation.updated_at copied per participant, so a user's list is one index range scan.
    last_activity   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX participant_user_activity ON participant (user_id, last_activity DESC, conversation_id DESC);

CREATE TABLE message (
    id                UUID PRIMARY KEY,
    conversation_id   UUID        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq               BIGINT      NOT NULL,
    sender_id         UUID        NOT NULL,
    body              TEXT        NOT NULL,
    -- [{id, filename, contentType, size, width, height}]: a snapshot of media-service's metadata.
    attachments       JSONB       NOT NULL DEFAULT '[]',
    client_message_id TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    edited_at         TIMESTAMPTZ,
    deleted_at        TIMESTAMPTZ,
    CONSTRAINT message_seq UNIQUE (conversation_id, seq),
    CONSTRAINT message_client_id UNIQUE (conversation_id, sender_id, client_message_id)
);
