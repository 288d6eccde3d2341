-- Webhooks (DESIGN.md "Webhook"): URLs subscribed to kinds of notifications and domain events,
-- delivered at least once from a transactional outbox, in order per member, signed, retried.
--
-- The outbox is written by triggers, in the same transaction as what caused each row, so a
-- committed write always has its outbox row and a rolled-back one never does; every write path,
-- present and future, is covered without remembering to publish. A row is written only while an
-- active webhook subscribes to its kind (webhook_subscriptions), so a program without webhooks
-- pays one index probe per achievement and nothing more. The deliverer (API/Scheduler) fans rows
-- out to deliveries later, in its own short transactions, never on the answer path.
--
-- Kinds and their payloads (times RFC 3339 in UTC; `member_id`/`organization_id` also columns):
--   notification.<kind>        every row of `notifications` (award, badge, tier_up, tier_down_warning,
--                              near_next_tier, points_expiring, goal_level, redemption_status, rule,
--                              quest_step, quest_complete): {notification_id, member_id, kind, template,
--                              payload, event_id, rule_id, created_at}
--   event.recorded             {event, postings, balances, badges, tier_changes}: the event's answer
--                              without its per-rule explanation
--   event.reversed             {event} with reversed_at
--   badge.earned               {member_id, badge_id, event_id, rule_id, earned_at}
--   tier.changed               {holder, member_id, organization_id, ladder_id, from, to, since}
--   goal.level_reached         {goal_id, subject, subject_id, period, level_id, total, reached_at}
--   leaderboard.period_closed  {leaderboard_id, period, closed_at, winners}
--   redemption.<status>        pending, fulfilled, cancelled: {redemption_id, member_id, reward_id,
--                              currency, cost, status, code, created_at, fulfilled_at, cancelled_at}
--   quest.completed            {quest_id, member_id, enrolled_at, completed_at, steps}

CREATE TABLE webhooks (
    id           TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    kinds        TEXT NOT NULL CHECK (json_valid(kinds)),   -- JSON array of patterns: kinds, family.* or *
    secret       TEXT NOT NULL,   -- kept as given: it signs every delivery (HMAC needs the key itself)
    active       INTEGER NOT NULL CHECK (active IN (0, 1)),
    description  TEXT,
    after_seq    INTEGER NOT NULL,   -- outbox rows up to here were committed before the webhook existed
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The patterns of active webhooks, kept by triggers: what the outbox triggers probe.
CREATE TABLE webhook_subscriptions (
    pattern     TEXT NOT NULL,
    webhook_id  TEXT NOT NULL,
    PRIMARY KEY (pattern, webhook_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER webhook_subscriptions_on_insert AFTER INSERT ON webhooks WHEN NEW.active = 1
BEGIN
    INSERT OR IGNORE INTO webhook_subscriptions (pattern, webhook_id) SELECT value, NEW.id FROM json_each(NEW.kinds);
END;
CREATE TRIGGER webhook_subscriptions_on_update AFTER UPDATE ON webhooks
BEGIN
    DELETE FROM webhook_subscriptions WHERE webhook_id = OLD.id;
    INSERT OR IGNORE INTO webhook_subscriptions (pattern, webhook_id) SELECT value, NEW.id FROM json_each(NEW.kinds) WHERE NEW.active = 1;
END;
CREATE TRIGGER webhook_subscriptions_on_delete AFTER DELETE ON webhooks
BEGIN
    DELETE FROM webhook_subscriptions WHERE webhook_id = OLD.id;
END;

-- AUTOINCREMENT: a seq is never reused, even after old rows are pruned, so the fan-out cursor
-- below can never skip a row. One writer: a later commit always has larger seqs.
CREATE TABLE webhook_outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    member_id        TEXT,
    organization_id  TEXT,
    at               INTEGER NOT NULL,
    payload          TEXT NOT NULL   -- JSON object, by kind (above)
) STRICT;

-- The last outbox seq turned into deliveries.
CREATE TABLE webhook_fan_out (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    through_seq   INTEGER NOT NULL
) STRICT;
INSERT INTO webhook_fan_out (id, through_seq) VALUES (1, 0);

-- One outbox row on its way to one webhook. lane is the queue it waits in: 'member:ID', else
-- 'organization:ID', else 'program'. Within a webhook and a lane deliveries are attempted in
-- outbox order: only the lane's first unfinished delivery has next_attempt_at; the others wait
-- with NULL until it is delivered or failed. kind and member_id are copied so that the log reads
-- without the outbox row, which may be pruned first. AUTOINCREMENT: an id (what receivers
-- deduplicate on) is never reused.
CREATE TABLE webhook_deliveries (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id            TEXT NOT NULL,
    outbox_seq            INTEGER NOT NULL,
    kind                  TEXT NOT NULL,
    member_id             TEXT,
    lane                  TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
    attempts              INTEGER NOT NULL DEFAULT 0,
    next_attempt_at       INTEGER,
    first_attempt_at      INTEGER,
    last_attempt_at       INTEGER,
    last_response_status  INTEGER,
    last_error            TEXT,
    delivered_at          INTEGER,
    failed_at             INTEGER,
    created_at            INTEGER NOT NULL,
    UNIQUE (webhook_id, outbox_seq)
) STRICT;
-- A webhook's log, newest first, by status.
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (webhook_id, status, outbox_seq);
-- A lane's unfinished deliveries in order: whether a new one must wait, and which goes next.
CREATE INDEX webhook_deliveries_unfinished_by_lane ON webhook_deliveries (webhook_id, lane, outbox_seq)
    WHERE status IN ('pending', 'retrying');
-- The deliverer's question: what is due.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
-- Pruning keeps outbox rows an unfinished delivery still needs.
CREATE INDEX webhook_deliveries_unfinished_by_seq ON webhook_deliveries (outbox_seq) WHERE status IN ('pending', 'retrying');

-- The outbox triggers. Each is guarded by a probe of webhook_subscriptions for the kind, its
-- family and '*'.

CREATE TRIGGER webhook_outbox_notification AFTER INSERT ON notifications
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('notification.' || NEW.kind, 'notification.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('notification.' || NEW.kind, NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.created_at,
            json_object('notification_id', NEW.id, 'member_id', NEW.member_id, 'kind', NEW.kind, 'template', NEW.template,
                        'payload', json(NEW.payload), 'event_id', NEW.event_id, 'rule_id', NEW.rule_id,
                        'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch')));
END;

CREATE TRIGGER webhook_outbox_event_recorded AFTER INSERT ON events
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('event.recorded', 'event.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('event.recorded', NEW.member_id, NEW.organization_id, NEW.received_at,
            CASE WHEN json_type(NEW.outcome) = 'object' THEN json_remove(NEW.outcome, '$.rules')
                 ELSE json_object('event', json_object(
                     'id', NEW.id, 'type', NEW.type, 'member_id', NEW.member_id, 'organization_id', NEW.organization_id,
                     'occurred_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.occurred_at / 1000.0, 'unixepoch'),
                     'received_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.received_at / 1000.0, 'unixepoch'),
                     'properties', json(NEW.properties))) END);
END;

CREATE TRIGGER webhook_outbox_event_reversed AFTER UPDATE OF reversed_at ON events
WHEN OLD.reversed_at IS NULL AND NEW.reversed_at IS NOT NULL
 AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('event.reversed', 'event.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('event.reversed', NEW.member_id, NEW.organization_id, NEW.reversed_at,
            json_object('event', json_object(
                'id', NEW.id, 'type', NEW.type, 'member_id', NEW.member_id, 'organization_id', NEW.organization_id,
                'occurred_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.occurred_at / 1000.0, 'unixepoch'),
                'received_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.received_at / 1000.0, 'unixepoch'),
                'properties', json(NEW.properties),
                'reversed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.reversed_at / 1000.0, 'unixepoch'))));
END;

CREATE TRIGGER webhook_outbox_badge_earned AFTER INSERT ON member_badges
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('badge.earned', 'badge.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('badge.earned', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.earned_at,
            json_object('member_id', NEW.member_id, 'badge_id', NEW.badge_id, 'event_id', NEW.event_id, 'rule_id', NEW.rule_id,
                        'earned_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.earned_at / 1000.0, 'unixepoch')));
END;

-- A first level (insert) and every change of level (update), upgrades and downgrades alike.
CREATE TRIGGER webhook_outbox_tier_reached AFTER INSERT ON tier_states
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('tier.changed', 'tier.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'tier.changed', h.member_id, h.organization_id, NEW.since,
           json_object('holder', NEW.holder, 'member_id', h.member_id, 'organization_id', h.organization_id,
                       'ladder_id', NEW.ladder_id, 'from', NULL, 'to', NEW.level_id,
                       'since', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.since / 1000.0, 'unixepoch'))
    FROM (SELECT CASE WHEN NEW.holder GLOB 'member:*' THEN substr(NEW.holder, 8) END AS member_id,
                 CASE WHEN NEW.holder GLOB 'member:*' THEN (SELECT organization_id FROM members WHERE id = substr(NEW.holder, 8))
                      ELSE substr(NEW.holder, 14) END AS organization_id) h;
END;

CREATE TRIGGER webhook_outbox_tier_changed AFTER UPDATE OF level_id ON tier_states
WHEN OLD.level_id <> NEW.level_id
 AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('tier.changed', 'tier.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'tier.changed', h.member_id, h.organization_id, NEW.since,
           json_object('holder', NEW.holder, 'member_id', h.member_id, 'organization_id', h.organization_id,
                       'ladder_id', NEW.ladder_id, 'from', OLD.level_id, 'to', NEW.level_id,
                       'since', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.since / 1000.0, 'unixepoch'))
    FROM (SELECT CASE WHEN NEW.holder GLOB 'member:*' THEN substr(NEW.holder, 8) END AS member_id,
                 CASE WHEN NEW.holder GLOB 'member:*' THEN (SELECT organization_id FROM members WHERE id = substr(NEW.holder, 8))
                      ELSE substr(NEW.holder, 14) END AS organization_id) h;
END;

CREATE TRIGGER webhook_outbox_goal_level_reached AFTER INSERT ON goal_achievements
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('goal.level_reached', 'goal.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'goal.level_reached',
           CASE WHEN g.subject = 'member' THEN NEW.subject_id END,
           CASE WHEN g.subject = 'member' THEN (SELECT organization_id FROM members WHERE id = NEW.subject_id) ELSE NEW.subject_id END,
           NEW.reached_at,
           json_object('goal_id', NEW.goal_id, 'subject', g.subject, 'subject_id', NEW.subject_id, 'period', NEW.period,
                       'level_id', NEW.level_id, 'total', NEW.total,
                       'reached_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.reached_at / 1000.0, 'unixepoch'))
    FROM (SELECT (SELECT json_extract(definition, '$.subject') FROM goals WHERE id = NEW.goal_id) AS subject) g;
END;

-- A closed period concerns the whole program: no member, no organization (the 'program' lane).
CREATE TRIGGER webhook_outbox_period_closed AFTER INSERT ON leaderboard_closings
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('leaderboard.period_closed', 'leaderboard.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('leaderboard.period_closed', NULL, NULL, NEW.closed_at,
            json_object('leaderboard_id', NEW.board_id, 'period', NEW.period, 'winners', json(NEW.winners),
                        'closed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.closed_at / 1000.0, 'unixepoch')));
END;

CREATE TRIGGER webhook_outbox_redemption_placed AFTER INSERT ON redemptions
WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('redemption.' || NEW.status, 'redemption.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('redemption.' || NEW.status, NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.created_at,
            json_object('redemption_id', NEW.id, 'member_id', NEW.member_id, 'reward_id', NEW.reward_id, 'currency', NEW.currency,
                        'cost', NEW.cost, 'status', NEW.status, 'code', NEW.code,
                        'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
                        'fulfilled_at', NULL, 'cancelled_at', NULL));
END;

CREATE TRIGGER webhook_outbox_redemption_status AFTER UPDATE OF status ON redemptions
WHEN OLD.status <> NEW.status
 AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('redemption.' || NEW.status, 'redemption.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('redemption.' || NEW.status, NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id),
            coalesce(NEW.fulfilled_at, NEW.cancelled_at, NEW.created_at),
            json_object('redemption_id', NEW.id, 'member_id', NEW.member_id, 'reward_id', NEW.reward_id, 'currency', NEW.currency,
                        'cost', NEW.cost, 'status', NEW.status, 'code', NEW.code,
                        'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
                        'fulfilled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.fulfilled_at / 1000.0, 'unixepoch'),
                        'cancelled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.cancelled_at / 1000.0, 'unixepoch')));
END;

-- A member completed a quest: when an event's step finished it (an update), or when the event
-- that enrolled them finished a one-step quest at once (the insert).
CREATE TRIGGER webhook_outbox_quest_completed AFTER UPDATE OF completed_at ON quest_enrollments
WHEN OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('quest.completed', 'quest.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'quest.completed', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.completed_at,
           json_object('quest_id', NEW.quest_id, 'member_id', NEW.member_id,
                       'enrolled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.enrolled_at / 1000.0, 'unixepoch'),
                       'completed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.completed_at / 1000.0, 'unixepoch'),
                       'steps', json(NEW.steps));
END;
CREATE TRIGGER webhook_outbox_quest_completed_at_once AFTER INSERT ON quest_enrollments
WHEN NEW.completed_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern IN ('quest.completed', 'quest.*', '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'quest.completed', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.completed_at,
           json_object('quest_id', NEW.quest_id, 'member_id', NEW.member_id,
                       'enrolled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.enrolled_at / 1000.0, 'unixepoch'),
                       'completed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.completed_at / 1000.0, 'unixepoch'),
                       'steps', json(NEW.steps));
END;
