-- The feed: public achievements, newest first, for the program or one organization's wall.
-- Written by triggers, in the same transaction as the achievement: a badge earned, a level
-- reached on a tier ladder (reads keep the upgrades), a place among a closed period's winners.
-- What is shown is decided when read: revoked badges and downgrades are left out, and members who
-- keep their profile private are shown without their name.
CREATE TABLE feed_items (
    seq              INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('badge', 'tier', 'leaderboard', 'goal')),
    member_id        TEXT,
    organization_id  TEXT,
    at               INTEGER NOT NULL,
    detail           TEXT NOT NULL   -- JSON object, by kind
) STRICT;
CREATE INDEX feed_items_by_organization ON feed_items (organization_id, seq);

CREATE TRIGGER feed_badge_earned AFTER INSERT ON member_badges
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'badge', NEW.member_id, m.organization_id, NEW.earned_at,
           json_object('badge_id', NEW.badge_id, 'event_id', NEW.event_id)
    FROM members m WHERE m.id = NEW.member_id;
END;

CREATE TRIGGER feed_tier_reached AFTER INSERT ON tier_states
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'tier',
           CASE WHEN NEW.holder GLOB 'member:*' THEN substr(NEW.holder, 8) END,
           CASE WHEN NEW.holder GLOB 'member:*' THEN (SELECT organization_id FROM members WHERE id = substr(NEW.holder, 8))
                ELSE substr(NEW.holder, 14) END,
           NEW.since, json_object('ladder_id', NEW.ladder_id, 'from', NULL, 'to', NEW.level_id);
END;

CREATE TRIGGER feed_tier_changed AFTER UPDATE OF level_id ON tier_states WHEN OLD.level_id <> NEW.level_id
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'tier',
           CASE WHEN NEW.holder GLOB 'member:*' THEN substr(NEW.holder, 8) END,
           CASE WHEN NEW.holder GLOB 'member:*' THEN (SELECT organization_id FROM members WHERE id = substr(NEW.holder, 8))
                ELSE substr(NEW.holder, 14) END,
           NEW.since, json_object('ladder_id', NEW.ladder_id, 'from', OLD.level_id, 'to', NEW.level_id);
END;

-- One item per winner of a closed period; a member winner is shown on its organization's wall.
CREATE TRIGGER feed_period_winners AFTER INSERT ON leaderboard_closings
BEGIN
    INSERT INTO feed_items (kind, member_id, organization_id, at, detail)
    SELECT 'leaderboard',
           CASE WHEN b.subject = 'member' THEN json_extract(w.value, '$.subject_id') END,
           CASE WHEN b.subject = 'member' THEN (SELECT organization_id FROM members WHERE id = json_extract(w.value, '$.subject_id'))
                ELSE json_extract(w.value, '$.subject_id') END,
           NEW.closed_at,
           json_object('leaderboard_id', NEW.board_id, 'period', NEW.period, 'rank', json_extract(w.value, '$.rank'),
                       'partition', json_extract(w.value, '$.partition'))
    FROM json_each(NEW.winners) w,
         (SELECT json_extract(definition, '$.subject') AS subject FROM leaderboards WHERE id = NEW.board_id) b;
END;
