-- Quests: steps to do (in order or not), each "an event of type T matching conditions, N times",
-- with rewards per step and on completion. Every event reads the quests: a generation lets a
-- decoded copy be reused (migration 0013).
CREATE TABLE quests (
    id          TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by QuestDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

INSERT INTO configuration_generations (kind, generation) VALUES ('quests', random());
CREATE TRIGGER quests_generation_on_insert AFTER INSERT ON quests
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'quests'; END;
CREATE TRIGGER quests_generation_on_update AFTER UPDATE ON quests
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'quests'; END;
CREATE TRIGGER quests_generation_on_delete AFTER DELETE ON quests
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'quests'; END;

-- A member's place in a quest: when and how they joined, their deadline, each step's count, when
-- it was done and what it gave, and when the quest was completed and what that gave (so that a
-- reversal reopening them takes exactly that back). Kept when the quest is deleted (analytics).
CREATE TABLE quest_enrollments (
    quest_id      TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    enrolled_at   INTEGER NOT NULL,
    enrollment    TEXT NOT NULL CHECK (enrollment IN ('automatic', 'explicit')),
    deadline      INTEGER,          -- exclusive; NULL: none
    steps         TEXT NOT NULL,    -- JSON {"step_id": {"count": n, "completed_at": ms|null, "granted": grant|null}}
    completed_at  INTEGER,
    completion_granted  TEXT,       -- JSON grant: {"event_id", "posting_ids", "badge_ids", "boost_ids"}
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (quest_id, member_id)
) STRICT, WITHOUT ROWID;
-- No index by member: a member's enrollments are found by the primary key, one quest id at a
-- time (quests are few), and every index is one more random page written per counted event. Nor
-- a table of which event counted for which step: the event's stored answer says it (`quests`),
-- and that is what a reversal reads.

-- The feed learns a fifth kind, quest completions. SQLite cannot change a CHECK in place: the
-- table is rebuilt under the same name. With legacy_alter_table the rename leaves the triggers
-- of migrations 0018 and 0019, which insert into `feed_items` by name, pointing at the new table.
PRAGMA legacy_alter_table = ON;
CREATE TABLE feed_items_rebuilt (
    seq              INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('badge', 'tier', 'leaderboard', 'goal', 'quest')),
    member_id        TEXT,
    organization_id  TEXT,
    at               INTEGER NOT NULL,
    detail           TEXT NOT NULL   -- JSON object, by kind
) STRICT;
INSERT INTO feed_items_rebuilt (seq, kind, member_id, organization_id, at, detail)
    SELECT seq, kind, member_id, organization_id, at, detail FROM feed_items;
DROP TABLE feed_items;
ALTER TABLE feed_items_rebuilt RENAME TO feed_items;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX feed_items_by_organization ON feed_items (organization_id, seq);

CREATE TRIGGER feed_quest_completed AFTER UPDATE OF completed_at ON quest_enrollments
    WHEN OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'quest', NEW.member_id, m.organization_id, NEW.completed_at, json_object('quest_id', NEW.quest_id)
    FROM members m WHERE m.id = NEW.member_id;
END;
CREATE TRIGGER feed_quest_completed_at_once AFTER INSERT ON quest_enrollments WHEN NEW.completed_at IS NOT NULL
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'quest', NEW.member_id, m.organization_id, NEW.completed_at, json_object('quest_id', NEW.quest_id)
    FROM members m WHERE m.id = NEW.member_id;
END;
