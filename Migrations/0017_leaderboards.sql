-- Leaderboards: their definitions, and a change log from which the in-memory boards follow what
-- happened (LeaderboardIndex). Scores are not stored: they are folded from the ledger's postings
-- (by id, which grows in commit order) and from this log, so a rebuild from the ledger and the
-- boards kept live are the same computation.

CREATE TABLE leaderboards (
    id          TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by LeaderboardDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

INSERT INTO configuration_generations (kind, generation) VALUES ('leaderboards', random());
CREATE TRIGGER leaderboards_generation_on_insert AFTER INSERT ON leaderboards
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;
CREATE TRIGGER leaderboards_generation_on_update AFTER UPDATE ON leaderboards
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;
CREATE TRIGGER leaderboards_generation_on_delete AFTER DELETE ON leaderboards
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;

-- What changed, in commit order (one writer: a later commit always gets larger seq values; rows
-- are never deleted, so a seq is never reused). Written by triggers, so that every write path,
-- present and future, is covered without each remembering to log.
--   event.recorded / event.reversed: subject is the event id
--   member.changed: the member id; organization.changed: the organization id
--   tier.changed: the holder ("member:ID" or "organization:ID")
CREATE TABLE change_log (
    seq      INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('event.recorded', 'event.reversed', 'member.changed',
                                           'organization.changed', 'tier.changed')),
    subject  TEXT NOT NULL
) STRICT;

-- Events recorded before this migration, in the order they were received, then their reversals.
INSERT INTO change_log (kind, subject) SELECT 'event.recorded', id FROM events ORDER BY received_at, id;
INSERT INTO change_log (kind, subject)
    SELECT 'event.reversed', id FROM events WHERE reversed_at IS NOT NULL ORDER BY reversed_at, id;

CREATE TRIGGER change_log_event_recorded AFTER INSERT ON events
BEGIN INSERT INTO change_log (kind, subject) VALUES ('event.recorded', NEW.id); END;
CREATE TRIGGER change_log_event_reversed AFTER UPDATE OF reversed_at ON events
WHEN OLD.reversed_at IS NULL AND NEW.reversed_at IS NOT NULL
BEGIN INSERT INTO change_log (kind, subject) VALUES ('event.reversed', NEW.id); END;
CREATE TRIGGER change_log_member_inserted AFTER INSERT ON members
BEGIN INSERT INTO change_log (kind, subject) VALUES ('member.changed', NEW.id); END;
CREATE TRIGGER change_log_member_updated AFTER UPDATE ON members
BEGIN INSERT INTO change_log (kind, subject) VALUES ('member.changed', NEW.id); END;
CREATE TRIGGER change_log_member_deleted AFTER DELETE ON members
BEGIN INSERT INTO change_log (kind, subject) VALUES ('member.changed', OLD.id); END;
CREATE TRIGGER change_log_organization_inserted AFTER INSERT ON organizations
BEGIN INSERT INTO change_log (kind, subject) VALUES ('organization.changed', NEW.id); END;
CREATE TRIGGER change_log_organization_updated AFTER UPDATE ON organizations
BEGIN INSERT INTO change_log (kind, subject) VALUES ('organization.changed', NEW.id); END;
CREATE TRIGGER change_log_tier_inserted AFTER INSERT ON tier_states
BEGIN INSERT INTO change_log (kind, subject) VALUES ('tier.changed', NEW.holder); END;
CREATE TRIGGER change_log_tier_updated AFTER UPDATE ON tier_states
BEGIN INSERT INTO change_log (kind, subject) VALUES ('tier.changed', NEW.holder); END;

-- A closed period of a board with prizes, written in the same transaction as the prizes it gave:
-- the key makes each period's prizes happen exactly once. Kept when the board is deleted.
CREATE TABLE leaderboard_closings (
    board_id   TEXT NOT NULL,
    period     TEXT NOT NULL,
    closed_at  INTEGER NOT NULL,
    winners    TEXT NOT NULL,   -- JSON: [{"partition", "subject_id", "rank", "score"}]
    PRIMARY KEY (board_id, period)
) STRICT, WITHOUT ROWID;
