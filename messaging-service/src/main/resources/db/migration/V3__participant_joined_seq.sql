-- The conversation's last_seq when the participant joined: a socket that hears of a
-- conversation it did not know at connect (the user was added later) delivers every message
-- after this one, in order, and nothing before it.
ALTER TABLE participant ADD COLUMN joined_seq BIGINT NOT NULL DEFAULT 0;
