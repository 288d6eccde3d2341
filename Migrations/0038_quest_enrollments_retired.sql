-- Deleting a quest kept its members' enrollments under the quest's id, so a quest created again
-- under that id took them up again: members who had completed the old quest found the new one
-- completed, with nothing counted and no reward given. Deleting a quest now moves its enrollments
-- here. They stay history: the feed still shows the completions they made, and the analytics
-- time series still counts them. Only enrollments of live quests are in quest_enrollments, which
-- a quest created again starts from empty.
CREATE TABLE quest_enrollments_retired (
    quest_id            TEXT NOT NULL,
    member_id           TEXT NOT NULL,
    enrolled_at         INTEGER NOT NULL,
    enrollment          TEXT NOT NULL,
    deadline            INTEGER,
    steps               TEXT NOT NULL,
    completed_at        INTEGER,
    completion_granted  TEXT,
    updated_at          INTEGER NOT NULL,
    retired_at          INTEGER      -- when its quest was deleted; NULL: before this migration, time unknown
) STRICT;

-- The feed asks whether a completion it shows still stands, by quest and member.
CREATE INDEX quest_enrollments_retired_by_quest ON quest_enrollments_retired (quest_id, member_id);

-- Enrollments of quests deleted before this migration.
INSERT INTO quest_enrollments_retired
    (quest_id, member_id, enrolled_at, enrollment, deadline, steps, completed_at, completion_granted, updated_at, retired_at)
    SELECT quest_id, member_id, enrolled_at, enrollment, deadline, steps, completed_at, completion_granted, updated_at, NULL
    FROM quest_enrollments WHERE quest_id NOT IN (SELECT id FROM quests);
DELETE FROM quest_enrollments WHERE quest_id NOT IN (SELECT id FROM quests);
