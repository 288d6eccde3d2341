import Engine
import SQLite

extension SQLStore {
    /// The webhook outbox row of a recorded event, when some subscription wants `event.recorded`:
    /// its stored outcome without the rules' reasons, or the event alone when it has none. The
    /// trigger of migration 0037 did this; migration 0040 says why it is a plain statement now.
    /// When nobody subscribes, the three probes of `webhook_subscriptions` are all it costs.
    func enqueueRecordedEvent(_ event: Event, outcomeSeq: Int64?) throws {
        try connection.run(
            """
            INSERT INTO webhook_outbox (kind, member_id, organization_id, at, payload)
            SELECT 'event.recorded', ?1, ?2, ?3,
                   coalesce(
                       (SELECT json_remove(outcome, '$.rules') FROM event_outcomes WHERE seq = ?4 AND json_type(outcome) = 'object'),
                       json_object('event', json_object(
                           'id', ?5, 'type', ?6, 'member_id', ?1, 'organization_id', ?2,
                           'occurred_at', strftime('%Y-%m-%dT%H:%M:%fZ', ?7 / 1000.0, 'unixepoch'),
                           'received_at', strftime('%Y-%m-%dT%H:%M:%fZ', ?3 / 1000.0, 'unixepoch'),
                           'properties', json(?8))))
            WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.recorded')
               OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = 'event.*')
               OR EXISTS (SELECT 1 FROM webhook_subscriptions WHERE pattern = '*')
            """,
            [SQLiteValue(event.memberID), SQLiteValue(event.organizationID), SQLiteValue(event.receivedAt), SQLiteValue(outcomeSeq),
             .text(event.id), .text(event.type), SQLiteValue(event.occurredAt), SQLiteValue(json: .object(event.properties))])
    }
}
