-- One row per user, message and emoji. id orders emoji by first use.
CREATE TABLE reaction (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    message_id UUID        NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL,
    emoji      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
