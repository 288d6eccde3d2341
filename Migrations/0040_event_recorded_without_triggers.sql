-- Recording an event fired two triggers: one logged it for the leaderboards (migration 0017), one
-- put it in the webhook outbox when someone subscribes (migration 0037). An INSERT that fires a
-- trigger writes several tables, so SQLite runs it with a statement journal, which costs every
-- event about 5 µs beyond what the triggers themselves do (the event row alone: 11.5 µs with
-- neither trigger, 19.5 µs with both, SQLite 3.40). Events are inserted in one place,
-- SQLStore.insert(_:outcome:), which now writes both rows itself with the same SQL, as plain
-- statements. Their other triggers (a reversal's, members', organizations', tier states') stay:
-- those writes are rare.
DROP TRIGGER change_log_event_recorded;
DROP TRIGGER webhook_outbox_event_recorded;
