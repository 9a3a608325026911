-- Metadata of stored files; the bytes are S3 objects objects/<id> and thumbnails/<id>.
CREATE TABLE media (
    id             UUID PRIMARY KEY,
    owner_id       UUID        NOT NULL,
    purpose        TEXT        NOT NULL CHECK (purpose IN ('avatar', 'attachment')),
    filename       TEXT        NOT NULL,
    content_type   TEXT        NOT NULL,
    size           BIGINT      NOT NULL CHECK (size >= 0),
    width          INTEGER,
    height         INTEGER,
    etag           TEXT        NOT NULL,
    thumbnail_type TEXT,
    thumbnail_size BIGINT,
    thumbnail_etag TEXT,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_owner_created ON media (owner_id, created_at DESC);
