-- Each event keeps the outcome it was answered with (about 1 KB of JSON: its postings, balances and
-- the reason for every rule considered), for replays, GET and reversals. Inside the event's row it
-- made each row over a kilobyte in a WITHOUT ROWID table keyed by the caller's id: three or four
-- events a page, so every insert landed on a page no other event of its commit touched and often
-- split it. With the outcome stored at all, the writer spent about a sixth more CPU per event than
-- without it (Benchmarks/README.md). Appended to a table of their own in commit order, outcomes
-- fill pages one after another, and the event row that names its outcome by seq stays small.
-- Interactions made the same move for their answers in migration 0030.
CREATE TABLE event_outcomes (
    seq      INTEGER PRIMARY KEY,
    outcome  TEXT NOT NULL
) STRICT;

ALTER TABLE events ADD COLUMN outcome_seq INTEGER;

CREATE TEMP TABLE numbered_events AS
    SELECT id, row_number() OVER (ORDER BY received_at, id) AS seq FROM events WHERE outcome IS NOT NULL;
INSERT INTO event_outcomes (seq, outcome)
    SELECT numbered.seq, events.outcome FROM numbered_events AS numbered JOIN events ON events.id = numbered.id;
UPDATE events SET outcome_seq = numbered.seq FROM numbered_events AS numbered WHERE numbered.id = events.id;
DROP TABLE numbered_events;

-- The outbox trigger read NEW.outcome; the outcome is now appended before its event, so the trigger
-- finds it by seq. Otherwise as migration 0031 made it.
DROP TRIGGER webhook_outbox_event_recorded;
CREATE TRIGGER webhook_outbox_event_recorded AFTER INSERT ON events
WHEN (EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.recorded')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.*')
     OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*'))
BEGIN
    INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
    VALUES ('event.recorded', NEW.member_id, NEW.organization_id, NEW.received_at,
            coalesce(
                (SELECT json_remove(outcome, '$.rules') FROM event_outcomes
                  WHERE seq = NEW.outcome_seq AND json_type(outcome) = 'object'),
                json_object('event', json_object(
                    'id', NEW.id, 'type', NEW.type, 'member_id', NEW.member_id, 'organization_id', NEW.organization_id,
                    'occurred_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.occurred_at / 1000.0, 'unixepoch'),
                    'received_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.received_at / 1000.0, 'unixepoch'),
                    'properties', json(NEW.properties)))));
END;

ALTER TABLE events DROP COLUMN outcome;
