-- Disputes: a supplier or partner contests an interaction or an event; an admin upholds or voids.
-- The disputed interaction's own status column says whether it counts (migration 0025).
CREATE TABLE disputes (
    id               TEXT PRIMARY KEY,
    subject          TEXT NOT NULL CHECK (subject IN ('interaction', 'event')),
    subject_id       TEXT NOT NULL,
    organization_id  TEXT,
    reason           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'voided')),
    note             TEXT,
    opened_by        TEXT,
    opened_at        INTEGER NOT NULL,
    resolved_by      TEXT,
    resolved_at      INTEGER
) STRICT, WITHOUT ROWID;
-- At most one open dispute per record.
CREATE UNIQUE INDEX disputes_open_per_subject ON disputes (subject, subject_id) WHERE status = 'open';
CREATE INDEX disputes_by_organization ON disputes (organization_id, opened_at);
CREATE INDEX disputes_by_time ON disputes (opened_at, id);
