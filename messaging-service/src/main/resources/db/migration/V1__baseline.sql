-- Baseline of the messaging-service schema; feature tables come in later versioned migrations.
CREATE TABLE IF NOT EXISTS service_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO service_info (key, value) VALUES ('service', 'messaging-service') ON CONFLICT (key) DO NOTHING;
