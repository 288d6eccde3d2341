-- The outbox triggers asked whether anyone subscribes with `pattern IN (kind, family, '*')`:
-- SQLite answers an IN list by building a temporary b-tree of its values every time the trigger
-- fires, on every event, notification and badge, even with no webhook at all (about 2 % of the
-- writer's time per event). Three probes of the primary key cost a few comparisons each. The
-- triggers are otherwise as migration 0023 made them.

DROP TRIGGER webhook_outbox_notification;
CREATE TRIGGER webhook_outbox_notification AFTER INSERT ON notifications
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'notification.' || NEW.kind)
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'notification.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('notification.' || NEW.kind, NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.created_at,
            json_object('notification_id', NEW.id, 'member_id', NEW.member_id, 'kind', NEW.kind, 'template', NEW.template,
                        'payload', json(NEW.payload), 'event_id', NEW.event_id, 'rule_id', NEW.rule_id,
                        'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch')));
END;

DROP TRIGGER webhook_outbox_event_recorded;
CREATE TRIGGER webhook_outbox_event_recorded AFTER INSERT ON events
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.recorded')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_event_reversed;
CREATE TRIGGER webhook_outbox_event_reversed AFTER UPDATE OF reversed_at ON events
WHEN OLD.reversed_at IS NULL AND NEW.reversed_at IS NOT NULL
 AND (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.reversed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_badge_earned;
CREATE TRIGGER webhook_outbox_badge_earned AFTER INSERT ON member_badges
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'badge.earned')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'badge.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('badge.earned', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.earned_at,
            json_object('member_id', NEW.member_id, 'badge_id', NEW.badge_id, 'event_id', NEW.event_id, 'rule_id', NEW.rule_id,
                        'earned_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.earned_at / 1000.0, 'unixepoch')));
END;

DROP TRIGGER webhook_outbox_tier_reached;
CREATE TRIGGER webhook_outbox_tier_reached AFTER INSERT ON tier_states
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'tier.changed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'tier.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_tier_changed;
CREATE TRIGGER webhook_outbox_tier_changed AFTER UPDATE OF level_id ON tier_states
WHEN OLD.level_id <> NEW.level_id
 AND (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'tier.changed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'tier.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_goal_level_reached;
CREATE TRIGGER webhook_outbox_goal_level_reached AFTER INSERT ON goal_achievements
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'goal.level_reached')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'goal.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_period_closed;
CREATE TRIGGER webhook_outbox_period_closed AFTER INSERT ON leaderboard_closings
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'leaderboard.period_closed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'leaderboard.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('leaderboard.period_closed', NULL, NULL, NEW.closed_at,
            json_object('leaderboard_id', NEW.board_id, 'period', NEW.period, 'winners', json(NEW.winners),
                        'closed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.closed_at / 1000.0, 'unixepoch')));
END;

DROP TRIGGER webhook_outbox_redemption_placed;
CREATE TRIGGER webhook_outbox_redemption_placed AFTER INSERT ON redemptions
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'redemption.' || NEW.status)
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'redemption.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('redemption.' || NEW.status, NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.created_at,
            json_object('redemption_id', NEW.id, 'member_id', NEW.member_id, 'reward_id', NEW.reward_id, 'currency', NEW.currency,
                        'cost', NEW.cost, 'status', NEW.status, 'code', NEW.code,
                        'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
                        'fulfilled_at', NULL, 'cancelled_at', NULL));
END;

DROP TRIGGER webhook_outbox_redemption_status;
CREATE TRIGGER webhook_outbox_redemption_status AFTER UPDATE OF status ON redemptions
WHEN OLD.status <> NEW.status
 AND (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'redemption.' || NEW.status)
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'redemption.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
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

DROP TRIGGER webhook_outbox_quest_completed;
CREATE TRIGGER webhook_outbox_quest_completed AFTER UPDATE OF completed_at ON quest_enrollments
WHEN OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL
    AND (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'quest.completed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'quest.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'quest.completed', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.completed_at,
           json_object('quest_id', NEW.quest_id, 'member_id', NEW.member_id,
                       'enrolled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.enrolled_at / 1000.0, 'unixepoch'),
                       'completed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.completed_at / 1000.0, 'unixepoch'),
                       'steps', json(NEW.steps));
END;

DROP TRIGGER webhook_outbox_quest_completed_at_once;
CREATE TRIGGER webhook_outbox_quest_completed_at_once AFTER INSERT ON quest_enrollments
WHEN NEW.completed_at IS NOT NULL
    AND (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'quest.completed')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'quest.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    SELECT 'quest.completed', NEW.member_id, (SELECT organization_id FROM members WHERE id = NEW.member_id), NEW.completed_at,
           json_object('quest_id', NEW.quest_id, 'member_id', NEW.member_id,
                       'enrolled_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.enrolled_at / 1000.0, 'unixepoch'),
                       'completed_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.completed_at / 1000.0, 'unixepoch'),
                       'steps', json(NEW.steps));
END;
