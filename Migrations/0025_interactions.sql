-- Interactions: each piece of work a supplier delivered, as the buyer recorded it, with the answer
-- given (a replay gets it again) and whether it counts (disputes). The scorecard reads a supplier's interactions under a template
-- in its window; lists go newest first.
CREATE TABLE interactions (
    id            TEXT PRIMARY KEY,
    supplier_id   TEXT NOT NULL,
    template_id   TEXT NOT NULL,
    reference     TEXT,
    due_at        INTEGER,
    started_at    INTEGER,
    completed_at  INTEGER NOT NULL,
    ratings       TEXT NOT NULL,   -- JSON {"dimension": 1..5}
    flags         TEXT NOT NULL,   -- JSON ["flag"]
    comment       TEXT,
    rated_by      TEXT,
    tip           TEXT,            -- JSON {"amount", "currency"}: never part of a score
    recorded_at   INTEGER NOT NULL,
    fingerprint   TEXT NOT NULL,
    answer        TEXT NOT NULL,
    -- counted in scores, or not while a dispute about it is open, or never again once voided
    status        TEXT NOT NULL DEFAULT 'counted' CHECK (status IN ('counted', 'disputed', 'voided'))
) STRICT, WITHOUT ROWID;
CREATE INDEX interactions_by_supplier ON interactions (supplier_id, template_id, completed_at);
CREATE INDEX interactions_by_completion ON interactions (completed_at, id);
-- A ranking finds the suppliers scored under a template.
CREATE INDEX interactions_by_template ON interactions (template_id, supplier_id, completed_at);
