-- Accounts, profiles, tenants, sessions (refresh-token families), refresh tokens, password resets.
-- Uniqueness is decided here, by constraints, never by a check-then-insert in the service.

CREATE TABLE tenant (
    id         UUID PRIMARY KEY,
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    modules    TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenant_slug_key ON tenant (lower(slug));

CREATE TABLE account (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL,
    username      TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    tenant_id     UUID REFERENCES tenant (id),
    roles         TEXT[] NOT NULL DEFAULT '{user}',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));
CREATE UNIQUE INDEX account_username_key ON account (lower(username));

CREATE TABLE profile (
    account_id      UUID PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    display_name    TEXT,
    bio             TEXT,
    location        TEXT,
    links           TEXT[] NOT NULL DEFAULT '{}',
    avatar_media_id UUID,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Prefix search within a tenant on username and display name.
CREATE INDEX account_tenant_username_idx ON account (tenant_id, lower(username) text_pattern_ops);
CREATE INDEX profile_display_name_idx ON profile (lower(display_name) text_pattern_ops);

CREATE TABLE session (
    id           UUID PRIMARY KEY,
    account_id   UUID NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_agent   TEXT,
    ip           TEXT,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX session_account_idx ON session (account_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_token (
    token_hash  TEXT PRIMARY KEY,
    session_id  UUID NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

CREATE TABLE password_reset (
    token_hash TEXT PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
