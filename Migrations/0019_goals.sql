-- Goals: periodic targets with levels. Their totals are kept in memory with the leaderboards'
-- (the same fold of the ledger), so a change of goals moves the same generation.
CREATE TABLE goals (
    id          TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by GoalDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TRIGGER goals_generation_on_insert AFTER INSERT ON goals
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;
CREATE TRIGGER goals_generation_on_update AFTER UPDATE ON goals
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;
CREATE TRIGGER goals_generation_on_delete AFTER DELETE ON goals
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'leaderboards'; END;

-- A level reached in a period, written with its rewards: the key makes each reward happen once.
-- Kept when the goal is deleted.
CREATE TABLE goal_achievements (
    goal_id     TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    period      TEXT NOT NULL,
    level_id    TEXT NOT NULL,
    total       INTEGER NOT NULL,
    reached_at  INTEGER NOT NULL,
    PRIMARY KEY (goal_id, subject_id, period, level_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER feed_goal_level_reached AFTER INSERT ON goal_achievements
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'goal',
           CASE WHEN g.subject = 'member' THEN NEW.subject_id END,
           CASE WHEN g.subject = 'member' THEN (SELECT organization_id FROM members WHERE id = NEW.subject_id) ELSE NEW.subject_id END,
           NEW.reached_at,
           json_object('goal_id', NEW.goal_id, 'period', NEW.period, 'level_id', NEW.level_id)
    FROM (SELECT json_extract(definition, '$.subject') AS subject FROM goals WHERE id = NEW.goal_id) g;
END;
