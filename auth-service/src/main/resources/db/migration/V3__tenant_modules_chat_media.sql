-- Messaging now needs a tenant's module `chat` and uploads its module `media` (issue 24):
-- every existing tenant gets both, appended after the modules it has, never twice.
UPDATE tenant
SET modules = modules || ARRAY(SELECT wanted FROM unnest(ARRAY['chat', 'media']::TEXT[]) WITH ORDINALITY AS m(wanted, n)
                               WHERE wanted <> ALL (modules) ORDER BY n)
WHERE NOT (modules @> ARRAY['chat', 'media']::TEXT[]);

-- A row written without a list gets what POST /api/admin/tenants gives without one.
ALTER TABLE tenant ALTER COLUMN modules SET DEFAULT '{chat,media}';
