/// "Did the training quest make partners sell more?": how the quest's completers compare with those
/// who joined and did not complete it, on an event metric (a count of an event type, or the sum of
/// one of its properties) over the N days after completing (for non-completers, after joining),
/// and with their own N days before. Only members whose N days after have fully passed count.
public enum QuestLift {
    public struct Row: Sendable, Equatable {
        public var memberID: String
        public var completed: Bool
        public var before: Int64
        public var after: Int64

        public init(memberID: String, completed: Bool, before: Int64, after: Int64) {
            self.memberID = memberID
            self.completed = completed
            self.before = before
            self.after = after
        }
    }

    public static let daysRange: ClosedRange<Int64> = 1...365

    public static func build(
        questID: String, eventType: String, property: String?, days: Int64, now: Timestamp, in store: any StoreReader
    ) throws -> JSONValue {
        let quest = try QuestCommands.get(questID, in: store)
        let rows = try store.questLiftRows(questID: quest.id, eventType: eventType, property: property, days: days, until: now)
        return summary(rows, questID: quest.id, eventType: eventType, property: property, days: days)
    }

    static func summary(_ rows: [Row], questID: String, eventType: String, property: String?, days: Int64) -> JSONValue {
        func mean(_ values: [Int64]) -> Double? { values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count) }
        func change(_ to: Double?, _ from: Double?) -> JSONValue {
            guard let to, let from, from != 0 else { return .null }
            return .double(((to - from) / from * 1000).rounded() / 10)
        }
        func round(_ value: Double?) -> JSONValue { value.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        let completers = rows.filter(\.completed)
        let others = rows.filter { !$0.completed }
        let completersAfter = mean(completers.map(\.after))
        let completersBefore = mean(completers.map(\.before))
        let othersAfter = mean(others.map(\.after))
        return .object(JSONObject([
            ("quest_id", .string(questID)), ("event_type", .string(eventType)), ("property", .optional(property)), ("days", .int(days)),
            ("completers", .object(JSONObject([
                ("members", .int(Int64(completers.count))), ("mean_before", round(completersBefore)), ("mean_after", round(completersAfter)),
            ]))),
            ("non_completers", .object(JSONObject([("members", .int(Int64(others.count))), ("mean_after_joining", round(othersAfter))]))),
            ("lift_percent", change(completersAfter, othersAfter)),
            ("completers_change_percent", change(completersAfter, completersBefore)),
        ]))
    }
}
