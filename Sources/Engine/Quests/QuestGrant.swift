/// What one quest step, or a quest's completion, gave and through which event: kept with the
/// enrollment so that when the step or the quest is open again (an event it counted was
/// reversed) exactly that is taken back, and doing it again gives it again — never twice held.
public struct QuestGrant: Sendable, Equatable {
    public var eventID: String
    public var postingIDs: [Int64]
    public var badgeIDs: [String]
    public var boostIDs: [Int64]

    public init(eventID: String, postingIDs: [Int64] = [], badgeIDs: [String] = [], boostIDs: [Int64] = []) {
        self.eventID = eventID
        self.postingIDs = postingIDs
        self.badgeIDs = badgeIDs
        self.boostIDs = boostIDs
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("event_id", .string(eventID)), ("posting_ids", .array(postingIDs.map(JSONValue.int))),
            ("badge_ids", .array(badgeIDs.map(JSONValue.string))), ("boost_ids", .array(boostIDs.map(JSONValue.int))),
        ]))
    }

    /// The stored form back; nil for anything else.
    public init?(json: JSONValue?) {
        guard let object = json?.objectValue, let eventID = object["event_id"]?.stringValue else { return nil }
        self.init(
            eventID: eventID, postingIDs: object["posting_ids"]?.arrayValue?.compactMap(\.intValue) ?? [],
            badgeIDs: object["badge_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            boostIDs: object["boost_ids"]?.arrayValue?.compactMap(\.intValue) ?? [])
    }
}
