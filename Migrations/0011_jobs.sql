-- The scheduler (DESIGN.md "Architecture": background work is a durable job table). One row per
-- job, named by a unique key (`ledger.expire`, `tier.review:partners`). A job's work, its new
-- state and its next due time are written in one transaction, so after a crash a job is either
-- still due (and did nothing) or done: never run twice. Recurring jobs keep their row and move
-- `due_at`; `attempts` counts failures since the last success and `last_error` says why.
CREATE TABLE jobs (
    key          TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('scheduled', 'done')),
    due_at       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    runs         INTEGER NOT NULL DEFAULT 0,
    last_run_at  INTEGER,
    last_result  TEXT CHECK (last_result IS NULL OR json_valid(last_result)),
    payload      TEXT NOT NULL CHECK (json_valid(payload)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- The scheduler's question: which scheduled job is due first.
CREATE INDEX jobs_due ON jobs (due_at, key) WHERE state = 'scheduled';

-- Tier changes made by reviews (downgrades), so that a holder's standing can say what happened
-- and when. Upgrades are answered with the event that caused them and kept in its outcome.
CREATE TABLE tier_changes (
    id          INTEGER PRIMARY KEY,
    holder      TEXT NOT NULL,
    ladder_id   TEXT NOT NULL,
    from_level  TEXT,
    to_level    TEXT NOT NULL,
    at          INTEGER NOT NULL,
    reason      TEXT NOT NULL
) STRICT;
CREATE INDEX tier_changes_by_holder ON tier_changes (holder, ladder_id, id);

-- Holders found below their level's requirements at a review, keeping the level until the grace
-- period ends (`at_risk_until`); the review then downgrades those that did not requalify.
CREATE TABLE tier_watches (
    ladder_id        TEXT NOT NULL,
    holder           TEXT NOT NULL,
    level_id         TEXT NOT NULL,
    review_level_id  TEXT NOT NULL,
    review_at        INTEGER NOT NULL,
    at_risk_until    INTEGER NOT NULL,
    PRIMARY KEY (ladder_id, holder)
) STRICT, WITHOUT ROWID;

-- Lots that turned from pending to available, recorded once by the maturity job (the balance
-- itself is computed at read time and needs no posting): what notifications will announce.
CREATE TABLE ledger_maturities (
    lot_id        INTEGER PRIMARY KEY,
    holder        TEXT NOT NULL,
    currency      TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    available_at  INTEGER NOT NULL,
    recorded_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX ledger_maturities_by_holder ON ledger_maturities (holder, lot_id);
-- The maturity job walks lots that were pending when earned, in (available_at, id) order.
CREATE INDEX ledger_lots_maturing ON ledger_lots (available_at, id) WHERE available_at > earned_at;

-- The idempotency purge deletes the oldest records first.
CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);
