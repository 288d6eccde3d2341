-- Events, kept forever with the outcome of processing them. Keyed by the caller's id, which makes
-- posting idempotent. A reversal sets reversed_at; nothing is deleted.
--
-- No foreign keys to members or organizations: events outlive them. organization_id is the one
-- sent or, for a member's event, the member's organization when it was recorded.
CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    member_id        TEXT,
    organization_id  TEXT,
    occurred_at      INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    properties       TEXT NOT NULL DEFAULT '{}',   -- JSON object, as sent
    fingerprint      TEXT NOT NULL,                -- hex SHA-256 of the canonical event
    outcome          TEXT,                         -- JSON, once processed
    reversed_at      INTEGER,
    CHECK (member_id IS NOT NULL OR organization_id IS NOT NULL)
) STRICT, WITHOUT ROWID;

-- Counters and sums per subject, type and time range. reversed_at is carried so that a count
-- reads the index alone; a sum also reads properties from the table.
CREATE INDEX events_by_member ON events (member_id, type, occurred_at, reversed_at)
    WHERE member_id IS NOT NULL;
CREATE INDEX events_by_organization ON events (organization_id, type, occurred_at, reversed_at)
    WHERE organization_id IS NOT NULL;
-- Lists, newest first, continuing after (occurred_at, id).
CREATE INDEX events_by_time ON events (occurred_at, id);
