-- What changed among interactions, in commit order, so that the in-memory scorecards fold only
-- what is new (one writer: a later commit always gets larger seq values). Written by triggers on
-- every insert and status change, so that no write path can forget it. Rows name the interaction;
-- its current state is read from `interactions`.
CREATE TABLE interaction_log (
    seq             INTEGER PRIMARY KEY,
    interaction_id  TEXT NOT NULL
) STRICT;

INSERT INTO interaction_log (interaction_id) SELECT id FROM interactions ORDER BY recorded_at, id;

CREATE TRIGGER interaction_log_recorded AFTER INSERT ON interactions
BEGIN INSERT INTO interaction_log (interaction_id) VALUES (NEW.id); END;
CREATE TRIGGER interaction_log_status AFTER UPDATE OF status ON interactions WHEN OLD.status <> NEW.status
BEGIN INSERT INTO interaction_log (interaction_id) VALUES (NEW.id); END;

-- A template's scorecards as they stood at the end of a period (a month in the program time zone),
-- taken once when the period closes: trends and past standings are read from here, as they were
-- shown then (a dispute decided later does not rewrite them). `scorecard_periods` says a period
-- was taken, even with no supplier to rank.
CREATE TABLE scorecard_periods (
    template_id  TEXT NOT NULL,
    period       TEXT NOT NULL,   -- "2026-11"
    ended_at     INTEGER NOT NULL,
    taken_at     INTEGER NOT NULL,
    PRIMARY KEY (template_id, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE scorecard_snapshots (
    template_id   TEXT NOT NULL,
    period        TEXT NOT NULL,
    supplier_id   TEXT NOT NULL,
    rank          INTEGER NOT NULL,
    peers         INTEGER NOT NULL,
    scorecard     TEXT NOT NULL,  -- JSON: the scorecard then, with lower_bound
    PRIMARY KEY (template_id, period, supplier_id)
) STRICT, WITHOUT ROWID;
-- A supplier's trend: its last periods under a template.
CREATE INDEX scorecard_snapshots_by_supplier ON scorecard_snapshots (supplier_id, template_id, period);
